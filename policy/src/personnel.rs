//! Personnel as the rulebook sees them: the subject of every decision.

use serde::{Deserialize, Serialize};

use crate::{Code, OrganizationId, Permission, PermissionSet, PersonnelId, TeamId};

/// An account's status. Only Active accounts sign in or are allowed anything
/// (spec step 1; seeds 001 and 004).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum PersonnelStatus {
    Active,
    Inactive,
    Pending,
}

impl PersonnelStatus {
    pub const ALL: [PersonnelStatus; 3] = [
        PersonnelStatus::Active,
        PersonnelStatus::Inactive,
        PersonnelStatus::Pending,
    ];
}

impl Code for PersonnelStatus {
    const VALUES: &'static [PersonnelStatus] = &PersonnelStatus::ALL;

    /// The stable name stored in the database, and shown to staff.
    fn code(self) -> &'static str {
        match self {
            PersonnelStatus::Active => "Active",
            PersonnelStatus::Inactive => "Inactive",
            PersonnelStatus::Pending => "Pending",
        }
    }
}

/// The person a decision is about: who they are, what their role lets them
/// do, which teams they are in. Built by the server from the database for
/// each request; never taken from the browser.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Subject {
    pub id: PersonnelId,
    pub organization: OrganizationId,
    pub status: PersonnelStatus,
    pub site_administrator: bool,
    pub permissions: PermissionSet,
    /// Sorted, without duplicates.
    pub teams: Vec<TeamId>,
    /// "Require password change at next login" is still pending.
    pub must_change_password: bool,
}

impl Subject {
    /// Does P hold `permission`? A site administrator holds every one.
    pub const fn holds(&self, permission: Permission) -> bool {
        self.permissions.grants(self.site_administrator, permission)
    }

    pub fn is_in_team(&self, team: TeamId) -> bool {
        self.teams.binary_search(&team).is_ok()
    }
}

/// An Active person of organization 1 whose role holds `permissions`, for
/// the rulebook's own tests.
#[cfg(test)]
pub(crate) fn active_subject(permissions: &[Permission], site_administrator: bool) -> Subject {
    Subject {
        id: PersonnelId(7),
        organization: OrganizationId(1),
        status: PersonnelStatus::Active,
        site_administrator,
        permissions: permissions.iter().copied().collect(),
        teams: vec![],
        must_change_password: false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_names_round_trip() {
        for s in PersonnelStatus::ALL {
            assert_eq!(PersonnelStatus::from_code(s.code()), Some(s));
        }
        assert_eq!(PersonnelStatus::from_code("active"), None);
    }
}
