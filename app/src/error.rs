//! The one error type for everything a user can see. Server functions return
//! it; the browser decodes it; each variant maps to one HTTP status. Messages
//! are written for staff and never carry internal detail.

use serde::{Deserialize, Serialize};

/// A message about one field of a form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    /// The form field's `name`.
    pub field: String,
    pub message: String,
}

impl FieldError {
    pub fn new(field: &str, message: impl Into<String>) -> Self {
        FieldError {
            field: field.to_owned(),
            message: message.into(),
        }
    }
}

/// Why a signed-in person was refused: the rulebook's own typed refusal
/// (which carries the decision's `policy::Reason` where there is one), or
/// one of the two refusals the site makes without the rulebook. The browser
/// receives the type, not a sentence, so a page can word it with what it
/// knows (a team's name, a time in the staff member's own zone); the
/// `Display` text is the sentence every page shows today.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum Refusal {
    #[error(transparent)]
    Account(#[from] policy::AccountRefusal),
    #[error(transparent)]
    Area(#[from] policy::AreaRefusal),
    #[error(transparent)]
    Administration(#[from] policy::AdministrationRefusal),
    #[error(transparent)]
    Protection(#[from] policy::ProtectionRefusal),
    /// The site settings switch password recovery off.
    #[error("Password recovery is switched off. Ask your administrator to reset your password.")]
    RecoveryOff,
    /// A state-changing request came from another site (see
    /// `server::cross_site`).
    #[error("Requests from other sites are refused.")]
    OtherSite,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    /// Not signed in, or the sign-in did not succeed.
    #[error("{message}")]
    Unauthenticated { message: String },
    /// Signed in, but the rulebook (or the site) says no; `reason` says why.
    #[error("{reason}")]
    Forbidden { reason: Refusal },
    /// A record the rulebook does not let the person open: the decision's
    /// reason, and whether they could open it with break-glass override
    /// access.
    #[error("{}", policy::ProtectionRefusal::CannotView(*reason))]
    Restricted {
        reason: policy::Reason,
        overridable: bool,
    },
    /// Signed in, but "require password change at next login" is pending.
    #[error("You must change your password before you can continue.")]
    PasswordChangeRequired,
    #[error("{what} was not found.")]
    NotFound { what: String },
    /// Bad input: one message per field; nothing was changed.
    #[error("Please correct the highlighted fields.")]
    Invalid { fields: Vec<FieldError> },
    #[error("{message}")]
    Conflict { message: String },
    #[error("{message}")]
    TooManyAttempts { message: String },
    /// Too many passwords are being checked at this moment; nothing was done.
    /// Sent with 503 and a `Retry-After` of [`AppError::BUSY_RETRY_AFTER_SECS`].
    #[error("Busy, try again in a moment.")]
    Busy,
    /// Something failed on the server; the detail is in the server's log only.
    #[error("Something went wrong on our side. Please try again in a moment.")]
    Unavailable,
    /// The request could not be sent or read (network, malformed request).
    #[error("{message}")]
    Request { message: String },
}

impl AppError {
    /// The `Retry-After` (seconds) sent with [`AppError::Busy`].
    pub const BUSY_RETRY_AFTER_SECS: u32 = 1;

    pub fn unauthenticated() -> Self {
        AppError::Unauthenticated {
            message: "Please sign in to continue.".into(),
        }
    }

    pub fn forbidden(reason: impl Into<Refusal>) -> Self {
        AppError::Forbidden {
            reason: reason.into(),
        }
    }

    pub fn invalid(fields: Vec<FieldError>) -> Self {
        AppError::Invalid { fields }
    }

    pub fn invalid_field(field: &str, message: impl Into<String>) -> Self {
        AppError::Invalid {
            fields: vec![FieldError::new(field, message)],
        }
    }

    /// Not signed in, or the person (not the request) was refused: what an
    /// area gate or a page's problem view already explains.
    pub fn is_access_refusal(&self) -> bool {
        matches!(
            self,
            AppError::Unauthenticated { .. }
                | AppError::Forbidden { .. }
                | AppError::Restricted { .. }
                | AppError::PasswordChangeRequired
        )
    }

    /// The message for one form field, if this error has one.
    pub fn field(&self, name: &str) -> Option<String> {
        match self {
            AppError::Invalid { fields } => {
                fields.iter().find(|f| f.field == name).map(|f| f.message.clone())
            }
            _ => None,
        }
    }

    /// The HTTP status this error is sent with.
    pub fn status(&self) -> u16 {
        match self {
            AppError::Unauthenticated { .. } => 401,
            AppError::Forbidden { .. } | AppError::Restricted { .. } | AppError::PasswordChangeRequired => {
                403
            }
            AppError::NotFound { .. } => 404,
            AppError::Conflict { .. } => 409,
            AppError::Invalid { .. } => 422,
            AppError::TooManyAttempts { .. } => 429,
            AppError::Request { .. } => 400,
            AppError::Busy => 503,
            AppError::Unavailable => 500,
        }
    }

    /// The `Retry-After` (seconds) this error is sent with, if any.
    pub fn retry_after_secs(&self) -> Option<u32> {
        match self {
            AppError::Busy => Some(Self::BUSY_RETRY_AFTER_SECS),
            _ => None,
        }
    }
}

impl From<policy::AccountRefusal> for AppError {
    fn from(refusal: policy::AccountRefusal) -> Self {
        match refusal {
            policy::AccountRefusal::MustChangePassword => AppError::PasswordChangeRequired,
            policy::AccountRefusal::AccountNotActive => AppError::forbidden(refusal),
        }
    }
}

impl From<policy::AreaRefusal> for AppError {
    fn from(refusal: policy::AreaRefusal) -> Self {
        match refusal {
            policy::AreaRefusal::Account(account) => account.into(),
            other => AppError::forbidden(other),
        }
    }
}

impl From<policy::AdministrationRefusal> for AppError {
    fn from(refusal: policy::AdministrationRefusal) -> Self {
        match refusal {
            policy::AdministrationRefusal::Account(account) => account.into(),
            other => AppError::forbidden(other),
        }
    }
}

/// A refused change of protection: refusals about who is asking are
/// `Forbidden`; refusals about the record's state (an empty allowed list, the
/// last allowed person, a rule already there) are `Conflict`; a short
/// override reason is a message at the reason field.
impl From<policy::ProtectionRefusal> for AppError {
    fn from(refusal: policy::ProtectionRefusal) -> Self {
        use policy::ProtectionRefusal as R;
        match refusal {
            R::Account(account) => account.into(),
            R::MissingPermission(_)
            | R::CannotView(_)
            | R::CannotEdit(_)
            | R::UnderOverride
            | R::ResponsibleNeedsSiteAdministrator
            | R::DeniedByName
            | R::NotOverridable(_) => AppError::forbidden(refusal),
            R::ReasonTooShort => AppError::invalid_field("reason", refusal.to_string()),
            R::PersonnelNotActive => AppError::invalid_field("personnel", refusal.to_string()),
            R::NotAClient
            | R::NotConfirmed
            | R::NoAllowedPersonnel
            | R::AlreadyLocked
            | R::NotLocked
            | R::AlreadyAllowed
            | R::NotAllowedPersonnel
            | R::LastAllowedPersonnel
            | R::RuleExists
            | R::NoSuchRule
            | R::RuleUnchanged
            | R::AlreadyVisible => AppError::Conflict {
                message: refusal.to_string(),
            },
        }
    }
}

impl leptos::server_fn::error::FromServerFnError for AppError {
    type Encoder = leptos::server_fn::codec::JsonEncoding;

    fn from_server_fn_error(value: leptos::server_fn::error::ServerFnErrorErr) -> Self {
        use leptos::server_fn::error::ServerFnErrorErr as E;
        let message = match value {
            E::Request(_) | E::Response(_) => {
                "The server could not be reached. Check the connection and try again."
            }
            _ => "The request could not be understood. Please reload the page and try again.",
        };
        AppError::Request {
            message: message.into(),
        }
    }
}

#[cfg(feature = "ssr")]
impl From<sqlx::Error> for AppError {
    fn from(error: sqlx::Error) -> Self {
        tracing::error!(%error, "database error");
        AppError::Unavailable
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_kind_of_error_has_its_own_http_status() {
        assert_eq!(AppError::unauthenticated().status(), 401);
        assert_eq!(AppError::forbidden(Refusal::OtherSite).status(), 403);
        assert_eq!(
            AppError::NotFound {
                what: "The client".into()
            }
            .status(),
            404
        );
        assert_eq!(AppError::invalid_field("email", "Enter an e-mail").status(), 422);
        assert_eq!(
            AppError::Conflict {
                message: "taken".into()
            }
            .status(),
            409
        );
        assert_eq!(AppError::Busy.status(), 503);
        assert_eq!(AppError::Busy.retry_after_secs(), Some(1));
        assert_eq!(AppError::Unavailable.retry_after_secs(), None);
    }

    #[test]
    fn field_messages_are_found_by_field_name() {
        let e = AppError::invalid(vec![FieldError::new("password", "Too short")]);
        assert_eq!(e.field("password").as_deref(), Some("Too short"));
        assert_eq!(e.field("email"), None);
        assert_eq!(AppError::Unavailable.field("password"), None);
    }

    #[cfg(feature = "ssr")]
    #[test]
    fn a_database_failure_reaches_the_user_without_detail() {
        let error = AppError::from(sqlx::Error::Protocol("SELECT secret FROM personnel".into()));
        assert_eq!(error, AppError::Unavailable);
        assert!(!serde_json::to_string(&error).unwrap().contains("SELECT"));
    }
}
