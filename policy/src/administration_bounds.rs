//! Administration within bounds (spec, "Administration within bounds"):
//! an administrative permission never lets anyone exceed it. Nobody changes
//! their own role, organization, teams, site-administrator flag or status;
//! nobody hands out a permission they do not hold; nobody edits a role they
//! hold; "manage personnel" and "manage teams" act within the actor's own
//! organization. Site administrators hold every permission and act
//! everywhere.
//!
//! The server reads the facts inside the change's transaction and asks
//! [`may_change_within_bounds`] before it writes.

use serde::{Deserialize, Serialize};

use crate::{
    AdministrationAction, AdministrationRefusal, OrganizationId, Permission, PermissionSet, PersonnelId,
    PersonnelStatus, RoleId, Subject, TeamId, may_administer,
};

/// The person making an administrative change, read inside the change's
/// transaction: who they are, what their role holds, and which role it is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Administrator {
    pub subject: Subject,
    pub role: RoleId,
}

impl Administrator {
    /// Does the administrator hold `permission`? Site administrators hold
    /// every permission.
    pub fn holds(&self, permission: Permission) -> bool {
        self.subject.holds(permission)
    }

    /// The first permission of `permissions` the administrator does not hold.
    fn first_not_held(&self, permissions: PermissionSet) -> Option<Permission> {
        permissions.iter().find(|p| !self.holds(*p))
    }

    fn acts_in(&self, organization: OrganizationId) -> bool {
        self.subject.site_administrator || self.subject.organization == organization
    }

    fn is(&self, id: Option<PersonnelId>) -> bool {
        id == Some(self.subject.id)
    }
}

/// An account as the bounds read it, before or after a change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountFacts {
    /// `None` for an account being added.
    pub id: Option<PersonnelId>,
    pub organization: OrganizationId,
    pub role: RoleId,
    /// Sorted, without duplicates.
    pub teams: Vec<TeamId>,
    pub site_administrator: bool,
    pub status: PersonnelStatus,
}

/// One administrative change, with what the bounds need to know about it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum BoundedChange {
    /// "Add personnel": the new account, the permissions of its role, and
    /// the organizations of its teams.
    AddAccount {
        account: AccountFacts,
        role_permissions: PermissionSet,
        team_organizations: Vec<OrganizationId>,
    },
    /// "Edit account" or a status change: the account as it is and as it
    /// would be, the permissions of the role it would have, and the
    /// organizations of the teams it would be added to.
    EditAccount {
        before: AccountFacts,
        after: AccountFacts,
        role_permissions: PermissionSet,
        added_team_organizations: Vec<OrganizationId>,
    },
    /// Deleting the account: the same bounds as any other change to it.
    TouchAccount { account: AccountFacts },
    /// A password reset: the same bounds as any other change to the
    /// account, and, since whoever sets a password can sign in as its
    /// owner, only of an account whose role holds nothing the actor lacks.
    ResetPassword {
        account: AccountFacts,
        role_permissions: PermissionSet,
    },
    /// Lifting the account's sign-in pause, which starts every attempt
    /// counter of the account again: the same rule as a password reset,
    /// since whoever may lift the pause at will may go on guessing the
    /// password, so only of an account whose role holds nothing the actor
    /// lacks.
    LiftSignInPause {
        account: AccountFacts,
        role_permissions: PermissionSet,
    },
    /// Creating a role with these permissions.
    CreateRole { permissions: PermissionSet },
    /// Renaming a role and setting its permissions (`before` to `after`).
    EditRole {
        role: RoleId,
        before: PermissionSet,
        after: PermissionSet,
    },
    /// Deleting a role.
    DeleteRole { role: RoleId },
    /// Creating, renaming or deleting a team of `organization`.
    ChangeTeam { organization: OrganizationId },
    /// Removing `member` from a team of `organization`.
    RemoveTeamMember {
        organization: OrganizationId,
        member: PersonnelId,
    },
    /// Adding `member` (of `member_organization`) to a team of
    /// `organization`.
    AddTeamMember {
        organization: OrganizationId,
        member: PersonnelId,
        member_organization: OrganizationId,
    },
}

impl BoundedChange {
    /// The administrative action the change belongs to.
    pub fn action(&self) -> AdministrationAction {
        match self {
            BoundedChange::AddAccount { account, .. }
            | BoundedChange::TouchAccount { account }
            | BoundedChange::ResetPassword { account, .. }
            | BoundedChange::LiftSignInPause { account, .. } => AdministrationAction::ManagePersonnel {
                target_is_site_administrator: account.site_administrator,
            },
            BoundedChange::EditAccount { before, .. } => AdministrationAction::ManagePersonnel {
                target_is_site_administrator: before.site_administrator,
            },
            BoundedChange::CreateRole { .. }
            | BoundedChange::EditRole { .. }
            | BoundedChange::DeleteRole { .. } => AdministrationAction::ManageRoles,
            BoundedChange::ChangeTeam { .. }
            | BoundedChange::AddTeamMember { .. }
            | BoundedChange::RemoveTeamMember { .. } => AdministrationAction::ManageTeams,
        }
    }
}

/// Which part of one's own account nobody changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum OwnAccountField {
    Role,
    Organization,
    Teams,
    SiteAdministrator,
    Status,
}

impl OwnAccountField {
    /// As staff read it: "You cannot change your own …".
    pub const fn label(self) -> &'static str {
        match self {
            OwnAccountField::Role => "role",
            OwnAccountField::Organization => "organization",
            OwnAccountField::Teams => "teams",
            OwnAccountField::SiteAdministrator => "site administrator setting",
            OwnAccountField::Status => "status",
        }
    }
}

/// May `actor` make `change`? First [`may_administer`] for the change's
/// action (an active account, the permission, site administrators' accounts
/// for site administrators only), then the bounds, in this order:
///
/// 1. nobody changes their own role, organization, teams,
///    site-administrator flag or status;
/// 2. only site administrators set or clear the site-administrator flag;
/// 3. "manage personnel" and "manage teams" act within the actor's own
///    organization (the account before and after, the teams it is added
///    to; the team, and a member added to it);
/// 4. nobody edits or deletes a role they hold;
/// 5. nobody gives an account a role, or adds a permission to a role, that
///    holds a permission they do not hold themselves;
/// 6. nobody resets the password of, or lifts the sign-in pause of, an
///    account whose role holds a permission they do not hold themselves
///    (they could sign in as it: with the password they set, or by guessing
///    on once the counters start again).
pub fn may_change_within_bounds(
    actor: &Administrator,
    change: &BoundedChange,
) -> Result<(), AdministrationRefusal> {
    may_administer(&actor.subject, change.action())?;
    match change {
        BoundedChange::AddAccount {
            account,
            role_permissions,
            team_organizations,
        } => {
            if account.site_administrator && !actor.subject.site_administrator {
                return Err(AdministrationRefusal::SiteAdministratorsOnly);
            }
            personnel_in_scope(actor, account.organization)?;
            if team_organizations.iter().any(|o| !actor.acts_in(*o)) {
                return Err(AdministrationRefusal::TeamOfAnotherOrganization);
            }
            role_within_own(actor, *role_permissions)
        }
        BoundedChange::EditAccount {
            before,
            after,
            role_permissions,
            added_team_organizations,
        } => {
            if actor.is(before.id) {
                own_account_unchanged(before, after)?;
            }
            if before.site_administrator != after.site_administrator && !actor.subject.site_administrator {
                return Err(AdministrationRefusal::SiteAdministratorsOnly);
            }
            personnel_in_scope(actor, before.organization)?;
            if !actor.acts_in(after.organization) {
                return Err(AdministrationRefusal::MoveToAnotherOrganization);
            }
            if added_team_organizations.iter().any(|o| !actor.acts_in(*o)) {
                return Err(AdministrationRefusal::TeamOfAnotherOrganization);
            }
            if before.role != after.role {
                role_within_own(actor, *role_permissions)?;
            }
            Ok(())
        }
        BoundedChange::TouchAccount { account } => personnel_in_scope(actor, account.organization),
        BoundedChange::ResetPassword {
            account,
            role_permissions,
        } => {
            personnel_in_scope(actor, account.organization)?;
            account_within_own(actor, *role_permissions).map_err(AdministrationRefusal::AccountExceedsYours)
        }
        BoundedChange::LiftSignInPause {
            account,
            role_permissions,
        } => {
            personnel_in_scope(actor, account.organization)?;
            account_within_own(actor, *role_permissions)
                .map_err(AdministrationRefusal::PauseOfAccountExceedingYours)
        }
        BoundedChange::CreateRole { permissions } => match actor.first_not_held(*permissions) {
            Some(missing) => Err(AdministrationRefusal::PermissionNotHeld(missing)),
            None => Ok(()),
        },
        BoundedChange::EditRole { role, before, after } => {
            role_not_held(actor, *role)?;
            let added: PermissionSet = after.iter().filter(|p| !before.contains(*p)).collect();
            match actor.first_not_held(added) {
                Some(missing) => Err(AdministrationRefusal::PermissionNotHeld(missing)),
                None => Ok(()),
            }
        }
        BoundedChange::DeleteRole { role } => role_not_held(actor, *role),
        BoundedChange::ChangeTeam { organization } => team_in_scope(actor, *organization),
        BoundedChange::RemoveTeamMember { organization, member } => {
            team_in_scope(actor, *organization)?;
            own_teams_unchanged(actor, *member)
        }
        BoundedChange::AddTeamMember {
            organization,
            member,
            member_organization,
        } => {
            team_in_scope(actor, *organization)?;
            own_teams_unchanged(actor, *member)?;
            if actor.acts_in(*member_organization) {
                Ok(())
            } else {
                Err(AdministrationRefusal::MemberOfAnotherOrganization)
            }
        }
    }
}

fn own_account_unchanged(before: &AccountFacts, after: &AccountFacts) -> Result<(), AdministrationRefusal> {
    let changed = [
        (before.role != after.role, OwnAccountField::Role),
        (
            before.organization != after.organization,
            OwnAccountField::Organization,
        ),
        (before.teams != after.teams, OwnAccountField::Teams),
        (
            before.site_administrator != after.site_administrator,
            OwnAccountField::SiteAdministrator,
        ),
        (before.status != after.status, OwnAccountField::Status),
    ];
    match changed.into_iter().find(|(changed, _)| *changed) {
        Some((_, field)) => Err(AdministrationRefusal::OwnAccount(field)),
        None => Ok(()),
    }
}

fn own_teams_unchanged(actor: &Administrator, member: PersonnelId) -> Result<(), AdministrationRefusal> {
    if actor.is(Some(member)) {
        Err(AdministrationRefusal::OwnAccount(OwnAccountField::Teams))
    } else {
        Ok(())
    }
}

fn personnel_in_scope(
    actor: &Administrator,
    organization: OrganizationId,
) -> Result<(), AdministrationRefusal> {
    may_manage_personnel_of(&actor.subject, organization)
}

fn team_in_scope(actor: &Administrator, organization: OrganizationId) -> Result<(), AdministrationRefusal> {
    may_manage_teams_of(&actor.subject, organization)
}

/// The organization whose personnel and teams `subject` administers:
/// `None` for a site administrator (every organization), else their own.
/// Lists and pickers of the directory and of teams show only these.
pub fn administered_organization(subject: &Subject) -> Option<OrganizationId> {
    (!subject.site_administrator).then_some(subject.organization)
}

/// May `subject` see or manage the accounts of `organization`? (The
/// permission itself is [`may_administer`]'s question.)
pub fn may_manage_personnel_of(
    subject: &Subject,
    organization: OrganizationId,
) -> Result<(), AdministrationRefusal> {
    match administered_organization(subject) {
        Some(own) if own != organization => Err(AdministrationRefusal::PersonnelOfAnotherOrganization),
        _ => Ok(()),
    }
}

/// May `subject` see or manage the teams of `organization`?
pub fn may_manage_teams_of(
    subject: &Subject,
    organization: OrganizationId,
) -> Result<(), AdministrationRefusal> {
    match administered_organization(subject) {
        Some(own) if own != organization => Err(AdministrationRefusal::TeamOfAnotherOrganization),
        _ => Ok(()),
    }
}

fn role_not_held(actor: &Administrator, role: RoleId) -> Result<(), AdministrationRefusal> {
    if actor.role == role {
        Err(AdministrationRefusal::OwnRole)
    } else {
        Ok(())
    }
}

/// Helping someone sign in as an account (setting its password, lifting
/// its pause) is for those who hold everything its role holds: answers the
/// first permission of the account's role the actor lacks.
fn account_within_own(actor: &Administrator, role_permissions: PermissionSet) -> Result<(), Permission> {
    match actor.first_not_held(role_permissions) {
        Some(missing) => Err(missing),
        None => Ok(()),
    }
}

fn role_within_own(
    actor: &Administrator,
    role_permissions: PermissionSet,
) -> Result<(), AdministrationRefusal> {
    match actor.first_not_held(role_permissions) {
        Some(missing) => Err(AdministrationRefusal::RoleExceedsYours(missing)),
        None => Ok(()),
    }
}
