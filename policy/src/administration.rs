//! Administration: the personnel directory, teams, roles, organizations,
//! the override log, site settings and organization default rules (spec,
//! last rows of "Changing a record's protection"; issue 4).

use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::{AccountRefusal, Permission, Subject, may_use_app};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum AdministrationAction {
    /// See the personnel directory, add, edit, change status, reset a
    /// password or delete an account. Accounts of site administrators are
    /// managed by site administrators only, so that nobody can take one over
    /// by resetting its password.
    ManagePersonnel { target_is_site_administrator: bool },
    /// Make someone a site administrator, or stop them being one.
    SetSiteAdministrator,
    /// Create, rename and delete teams; add and remove members.
    ManageTeams,
    /// Create, rename and delete roles; tick their permissions.
    ManageRoles,
    /// Create and rename organizations.
    ManageOrganizations,
    /// Read the access-override log.
    ReadOverrideLog,
    /// Change the site settings.
    ChangeSiteSettings,
    /// Add, change or remove an organization's default rules.
    ChangeDefaultRules,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Error)]
pub enum AdministrationRefusal {
    #[error(transparent)]
    Account(#[from] AccountRefusal),
    #[error("Your role does not include “{}”.", .0.label())]
    MissingPermission(Permission),
    #[error("Only a site administrator can do this.")]
    SiteAdministratorsOnly,
}

/// May `subject` do this administrative action? Site administrators may do
/// all of them.
pub fn may_administer(subject: &Subject, action: AdministrationAction) -> Result<(), AdministrationRefusal> {
    may_use_app(subject)?;
    if subject.site_administrator {
        return Ok(());
    }
    let needs = |permission: Permission| {
        if subject.permissions.contains(permission) {
            Ok(())
        } else {
            Err(AdministrationRefusal::MissingPermission(permission))
        }
    };
    match action {
        AdministrationAction::ManagePersonnel {
            target_is_site_administrator: false,
        } => needs(Permission::ManagePersonnel),
        AdministrationAction::ManageTeams => needs(Permission::ManageTeams),
        AdministrationAction::ManageRoles => needs(Permission::ManageRoles),
        AdministrationAction::ReadOverrideLog => needs(Permission::ViewOverrideLog),
        AdministrationAction::ManagePersonnel {
            target_is_site_administrator: true,
        }
        | AdministrationAction::SetSiteAdministrator
        | AdministrationAction::ManageOrganizations
        | AdministrationAction::ChangeSiteSettings
        | AdministrationAction::ChangeDefaultRules => Err(AdministrationRefusal::SiteAdministratorsOnly),
    }
}
