//! The one strict way to read a code the database stores for a value: a
//! rule's effect, a person's status, the client visibility setting, a
//! permission, the support issues choice, a record's kind. Each type says
//! which code each of its values is stored as (`policy::Code`, implemented
//! next to the type); reading anything else is
//! never guessed at (a corrupt effect must never become a grant): it is
//! logged with the table and column it came from, and the request is
//! answered `Unavailable`.
//!
//! Only text in and a value out: no database types here, so the data layer
//! can change engines without touching it.

use crate::error::AppError;

pub use policy::Code;

/// Where a stored code was read: its table and column, for the log.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Column {
    pub table: &'static str,
    pub column: &'static str,
}

impl Column {
    pub const fn new(table: &'static str, column: &'static str) -> Column {
        Column { table, column }
    }
}

/// A value the database stores as its [`Code`], read strictly.
pub trait StoredCode: Code {
    /// The value stored as `stored` in `column`; anything that is not one
    /// of the codes is logged and refused with `Unavailable`.
    fn decode(stored: &str, column: Column) -> Result<Self, AppError> {
        Self::from_code(stored).ok_or_else(|| {
            tracing::error!(
                table = column.table,
                column = column.column,
                value = %stored,
                "unknown code stored in the database"
            );
            AppError::Unavailable
        })
    }
}

impl<T: Code> StoredCode for T {}

#[cfg(test)]
mod tests {
    use super::*;
    use policy::{ClientVisibility, PersonnelStatus, RecordKind, RuleEffect};

    const EFFECT: Column = Column::new("access_rules", "effect");

    #[test]
    fn every_effect_reads_back_as_itself() {
        for effect in [RuleEffect::Grant, RuleEffect::Deny] {
            assert_eq!(RuleEffect::decode(effect.code(), EFFECT), Ok(effect));
        }
    }

    #[test]
    fn an_unknown_effect_is_refused_never_a_grant() {
        for stored in ["", "GRANT", "Grant", "grant ", "allow", "denied"] {
            assert_eq!(
                RuleEffect::decode(stored, EFFECT),
                Err(AppError::Unavailable),
                "{stored:?}"
            );
        }
    }

    #[test]
    fn every_kind_status_and_visibility_reads_back_as_itself() {
        for kind in [RecordKind::Client, RecordKind::SessionRecord] {
            assert_eq!(RecordKind::from_code(kind.code()), Some(kind));
        }
        for status in [
            PersonnelStatus::Active,
            PersonnelStatus::Inactive,
            PersonnelStatus::Pending,
        ] {
            assert_eq!(PersonnelStatus::from_code(status.code()), Some(status));
        }
        for visibility in [ClientVisibility::AllUsers, ClientVisibility::ResponsibleUser] {
            assert_eq!(ClientVisibility::from_code(visibility.code()), Some(visibility));
        }
        assert_eq!(RecordKind::from_code("Client"), None);
    }
}
