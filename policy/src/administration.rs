//! Administration: the personnel directory, teams, roles, organizations,
//! the override log, site settings and organization default rules (spec,
//! last rows of "Changing a record's protection"; spec, "Administration within bounds").

use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::administration_bounds::OwnAccountField;
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
    /// Administration within bounds: nobody changes their own role,
    /// organization, teams, site-administrator flag or status.
    #[error("You cannot change your own {}.", .0.label())]
    OwnAccount(OwnAccountField),
    /// "Manage personnel" acts within the actor's own organization.
    #[error(
        "This account belongs to another organization. You can manage personnel of your own organization only."
    )]
    PersonnelOfAnotherOrganization,
    /// ... and does not move an account out of it.
    #[error("You can place accounts in your own organization only.")]
    MoveToAnotherOrganization,
    /// "Manage teams" (and the teams of an account) stay within the actor's
    /// own organization.
    #[error("This team belongs to another organization. You can manage teams of your own organization only.")]
    TeamOfAnotherOrganization,
    /// A member added to a team is of the actor's own organization.
    #[error("Only personnel of your own organization can be added to a team.")]
    MemberOfAnotherOrganization,
    /// Nobody edits or deletes a role they hold.
    #[error("You cannot change or delete a role you hold yourself.")]
    OwnRole,
    /// Nobody gives an account a role holding a permission they lack.
    #[error("You cannot give a role that includes “{}”, because your own role does not include it.", .0.label())]
    RoleExceedsYours(Permission),
    /// Nobody adds to a role a permission they lack.
    #[error("You cannot add “{}” to a role, because your own role does not include it.", .0.label())]
    PermissionNotHeld(Permission),
    /// Nobody resets the password of an account whose role holds a
    /// permission they lack: they could sign in as it.
    #[error(
        "This person's role includes “{}”, which your own role does not: ask someone who holds it to reset this password.",
        .0.label()
    )]
    AccountExceedsYours(Permission),
    /// Nobody lifts the sign-in pause of an account whose role holds a
    /// permission they lack: they could go on guessing its password.
    #[error(
        "This person's role includes “{}”, which your own role does not: ask someone who holds it to lift this pause.",
        .0.label()
    )]
    PauseOfAccountExceedingYours(Permission),
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
