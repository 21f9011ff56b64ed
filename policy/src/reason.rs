//! Why a decision came out the way it did: the step of the spec's decision
//! table that applied, with the detail the user interface needs to say it in
//! a sentence ("Denied to you by name", "Allowed personnel", ...).

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::{Permission, RuleSource, TeamId, Timestamp};

/// Allow or deny.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Effect {
    Allow,
    Deny,
}

/// The thirteen steps of the spec's table "May personnel P view or edit
/// record R at time `now`?", in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Step {
    AccountNotActive = 1,
    SiteAdministrator = 2,
    MissingPermission = 3,
    DeniedByName = 4,
    Override = 5,
    Lock = 6,
    GrantedByName = 7,
    DeniedToTeam = 8,
    GrantedToTeam = 9,
    OrganizationDefault = 10,
    AnotherOrganization = 11,
    NotResponsible = 12,
    VisibleToAllUsers = 13,
}

impl Step {
    /// The step's number in the spec's table.
    pub const fn number(self) -> u8 {
        self as u8
    }
}

/// The reason carried by every decision.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Reason {
    /// Step 1: the person's account is Inactive or Pending.
    AccountNotActive,
    /// Step 2: site administrators always have full access (seed 002).
    SiteAdministrator,
    /// Step 3: the person's role lacks this permission.
    MissingPermission(Permission),
    /// Step 4: a rule on the record, or a default rule of its organization,
    /// denies the person by name. Cannot be overridden (seed 003).
    DeniedByName { source: RuleSource },
    /// Step 5: the person holds an override that lasts until `until`.
    Override { until: Timestamp },
    /// Step 6: the client is locked and the person is on its allowed personnel.
    AllowedPersonnel,
    /// Step 6: the client is locked and the person is not on its allowed personnel.
    Locked,
    /// Step 7 (record rule) or 10 (organization default): granted by name.
    GrantedByName { source: RuleSource },
    /// Step 8 (record rule) or 10 (organization default): denied to a team
    /// the person belongs to.
    DeniedToTeam { team: TeamId, source: RuleSource },
    /// Step 9 (record rule) or 10 (organization default): granted to a team
    /// the person belongs to.
    GrantedToTeam { team: TeamId, source: RuleSource },
    /// Step 11: the record belongs to another organization.
    AnotherOrganization,
    /// Step 12: clients are "Visible to responsible user" and the person is
    /// not this client's responsible personnel.
    NotResponsible,
    /// Step 13: nothing above applied.
    VisibleToAllUsers,
}

impl Reason {
    /// The step of the decision table this reason comes from.
    pub const fn step(self) -> Step {
        match self {
            Reason::AccountNotActive => Step::AccountNotActive,
            Reason::SiteAdministrator => Step::SiteAdministrator,
            Reason::MissingPermission(_) => Step::MissingPermission,
            Reason::DeniedByName { .. } => Step::DeniedByName,
            Reason::Override { .. } => Step::Override,
            Reason::AllowedPersonnel | Reason::Locked => Step::Lock,
            Reason::GrantedByName {
                source: RuleSource::OrganizationDefault,
            }
            | Reason::DeniedToTeam {
                source: RuleSource::OrganizationDefault,
                ..
            }
            | Reason::GrantedToTeam {
                source: RuleSource::OrganizationDefault,
                ..
            } => Step::OrganizationDefault,
            Reason::GrantedByName {
                source: RuleSource::Record,
            } => Step::GrantedByName,
            Reason::DeniedToTeam {
                source: RuleSource::Record,
                ..
            } => Step::DeniedToTeam,
            Reason::GrantedToTeam {
                source: RuleSource::Record,
                ..
            } => Step::GrantedToTeam,
            Reason::AnotherOrganization => Step::AnotherOrganization,
            Reason::NotResponsible => Step::NotResponsible,
            Reason::VisibleToAllUsers => Step::VisibleToAllUsers,
        }
    }

    /// Whether this reason allows or denies.
    pub const fn effect(self) -> Effect {
        match self {
            Reason::SiteAdministrator
            | Reason::Override { .. }
            | Reason::AllowedPersonnel
            | Reason::GrantedByName { .. }
            | Reason::GrantedToTeam { .. }
            | Reason::VisibleToAllUsers => Effect::Allow,
            Reason::AccountNotActive
            | Reason::MissingPermission(_)
            | Reason::DeniedByName { .. }
            | Reason::Locked
            | Reason::DeniedToTeam { .. }
            | Reason::AnotherOrganization
            | Reason::NotResponsible => Effect::Deny,
        }
    }

    /// Is this a denial that "override access" may lift? (the table's last
    /// column). Whether the person holds "override access" is a separate
    /// question, answered in [`crate::Decision::can_override`].
    pub const fn is_overridable(self) -> bool {
        matches!(
            self,
            Reason::Locked
                | Reason::DeniedToTeam { .. }
                | Reason::AnotherOrganization
                | Reason::NotResponsible
        )
    }
}

/// A sentence for the person who asked. The team's name and the time zone
/// are the user interface's business, so this says "a team you belong to"
/// and gives the override's end in UTC.
impl fmt::Display for Reason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let default = |source: RuleSource| match source {
            RuleSource::Record => "",
            RuleSource::OrganizationDefault => " (organization default)",
        };
        match *self {
            Reason::AccountNotActive => f.write_str("Your account is not active."),
            Reason::SiteAdministrator => f.write_str("Site administrator: full access."),
            Reason::MissingPermission(p) => write!(f, "Your role does not include “{}”.", p.label()),
            Reason::DeniedByName { source } => write!(f, "Denied to you by name{}.", default(source)),
            // The rulebook knows no time zone: pages word this reason in
            // the agency's zone with `app::local_time::LocalTime::reason`.
            Reason::Override { until } => {
                let minutes = until.seconds().rem_euclid(86_400) / 60;
                write!(f, "Override until {:02}:{:02} UTC.", minutes / 60, minutes % 60)
            }
            Reason::AllowedPersonnel => f.write_str("Allowed personnel."),
            Reason::Locked => f.write_str("This client is locked and you are not on its allowed personnel."),
            Reason::GrantedByName { source } => write!(f, "Granted to you by name{}.", default(source)),
            Reason::DeniedToTeam { source, .. } => {
                write!(f, "Denied to a team you belong to{}.", default(source))
            }
            Reason::GrantedToTeam { source, .. } => {
                write!(f, "Granted to a team you belong to{}.", default(source))
            }
            Reason::AnotherOrganization => f.write_str("This record belongs to another organization."),
            Reason::NotResponsible => f.write_str(
                "Clients are visible to their responsible personnel only, and you are not responsible for this client.",
            ),
            Reason::VisibleToAllUsers => f.write_str("Visible to all users."),
        }
    }
}
