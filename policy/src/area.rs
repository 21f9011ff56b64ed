//! The application's areas (Clients, Personnel, Administration) and who may
//! open them. A role decides what a person can *do*; this is the coarse door
//! in front of each area. The records inside are decided record by record.

use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::{AccountRefusal, Permission, Subject, may_use_app};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Area {
    Clients,
    /// Group and family (whānau) session records.
    Sessions,
    Personnel,
    Administration,
}

impl Area {
    pub const fn label(self) -> &'static str {
        match self {
            Area::Clients => "Clients",
            Area::Sessions => "Sessions",
            Area::Personnel => "Personnel",
            Area::Administration => "Administration",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Error)]
pub enum AreaRefusal {
    #[error(transparent)]
    Account(#[from] AccountRefusal),
    #[error("Your role does not include “{}”.", .0.label())]
    MissingPermission(Permission),
    #[error(
        "Administration is for site administrators and for roles that manage teams, roles or the override log."
    )]
    NotAnAdministrator,
}

/// May this subject open this area? Site administrators may open every area.
/// Clients needs "view clients"; Sessions needs "view sessions"; Personnel needs "manage personnel";
/// Administration needs one of "manage teams", "manage roles" or "view the
/// access-override log".
pub fn may_open_area(subject: &Subject, area: Area) -> Result<(), AreaRefusal> {
    may_use_app(subject)?;
    if subject.site_administrator {
        return Ok(());
    }
    let has = |p| subject.permissions.contains(p);
    match area {
        Area::Clients if has(Permission::ViewClients) => Ok(()),
        Area::Clients => Err(AreaRefusal::MissingPermission(Permission::ViewClients)),
        Area::Sessions if has(Permission::ViewSessions) => Ok(()),
        Area::Sessions => Err(AreaRefusal::MissingPermission(Permission::ViewSessions)),
        Area::Personnel if has(Permission::ManagePersonnel) => Ok(()),
        Area::Personnel => Err(AreaRefusal::MissingPermission(Permission::ManagePersonnel)),
        Area::Administration
            if has(Permission::ManageTeams)
                || has(Permission::ManageRoles)
                || has(Permission::ViewOverrideLog) =>
        {
            Ok(())
        }
        Area::Administration => Err(AreaRefusal::NotAnAdministrator),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::personnel::active_subject;
    use crate::{PermissionSet, PersonnelStatus};

    #[test]
    fn clients_area_needs_view_clients() {
        assert_eq!(
            may_open_area(&active_subject(&[Permission::ViewClients], false), Area::Clients),
            Ok(())
        );
        assert_eq!(
            may_open_area(&active_subject(&[Permission::EditClients], false), Area::Clients),
            Err(AreaRefusal::MissingPermission(Permission::ViewClients))
        );
    }

    #[test]
    fn sessions_area_needs_view_sessions() {
        assert_eq!(
            may_open_area(
                &active_subject(&[Permission::ViewSessions], false),
                Area::Sessions
            ),
            Ok(())
        );
        assert_eq!(
            may_open_area(
                &active_subject(&[Permission::ViewClients, Permission::EditSessions], false),
                Area::Sessions
            ),
            Err(AreaRefusal::MissingPermission(Permission::ViewSessions))
        );
        assert_eq!(may_open_area(&active_subject(&[], true), Area::Sessions), Ok(()));
    }

    #[test]
    fn personnel_area_needs_manage_personnel() {
        assert_eq!(
            may_open_area(
                &active_subject(&[Permission::ManagePersonnel], false),
                Area::Personnel
            ),
            Ok(())
        );
        assert!(
            may_open_area(
                &active_subject(&[Permission::ViewClients], false),
                Area::Personnel
            )
            .is_err()
        );
    }

    #[test]
    fn administration_needs_an_administrative_permission_or_site_administrator() {
        assert_eq!(
            may_open_area(
                &active_subject(&[Permission::ManageRoles], false),
                Area::Administration
            ),
            Ok(())
        );
        assert_eq!(
            may_open_area(
                &active_subject(&[Permission::ViewClients], false),
                Area::Administration
            ),
            Err(AreaRefusal::NotAnAdministrator)
        );
        assert_eq!(
            may_open_area(&active_subject(&[], true), Area::Administration),
            Ok(())
        );
    }

    #[test]
    fn a_site_administrator_with_a_pending_password_change_is_still_held_at_the_door() {
        let mut s = active_subject(&[], true);
        s.must_change_password = true;
        assert_eq!(
            may_open_area(&s, Area::Clients),
            Err(AreaRefusal::Account(AccountRefusal::MustChangePassword))
        );
        s.permissions = PermissionSet::all();
        s.must_change_password = false;
        s.status = PersonnelStatus::Inactive;
        assert_eq!(
            may_open_area(&s, Area::Clients),
            Err(AreaRefusal::Account(AccountRefusal::AccountNotActive))
        );
    }
}
