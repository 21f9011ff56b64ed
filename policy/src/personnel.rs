//! Personnel as the rulebook sees them: the subject of every decision.

use serde::{Deserialize, Serialize};

use crate::{OrganizationId, PermissionSet, PersonnelId, TeamId};

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

    /// The stable name stored in the database, and shown to staff.
    pub const fn as_str(self) -> &'static str {
        match self {
            PersonnelStatus::Active => "Active",
            PersonnelStatus::Inactive => "Inactive",
            PersonnelStatus::Pending => "Pending",
        }
    }

    pub fn parse(text: &str) -> Option<PersonnelStatus> {
        PersonnelStatus::ALL.into_iter().find(|s| s.as_str() == text)
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
    pub fn is_in_team(&self, team: TeamId) -> bool {
        self.teams.binary_search(&team).is_ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_names_round_trip() {
        for s in PersonnelStatus::ALL {
            assert_eq!(PersonnelStatus::parse(s.as_str()), Some(s));
        }
        assert_eq!(PersonnelStatus::parse("active"), None);
    }
}
