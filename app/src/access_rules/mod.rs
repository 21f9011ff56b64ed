//! Access rules (seed 003; spec, "Changing a record's protection"): grant and deny rules for one person or
//! one team, on one record ("Edit access" on a client or a session) or as an
//! organization's default rules (Administration, site administrators). One
//! panel and one set of server functions serve both places.

#[cfg(feature = "ssr")]
pub mod changes;
#[cfg(feature = "ssr")]
pub mod choices;
#[cfg(feature = "ssr")]
pub mod rows;

use policy::{OrganizationId, RuleEffect, RuleSubject};
use serde::{Deserialize, Serialize};

use crate::records::RecordRef;

/// Where rules live: on one record, or among an organization's default
/// rules, which apply to every record it owns.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum RulePlace {
    Record(RecordRef),
    Organization(OrganizationId),
}

/// One rule as the panel lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RuleLine {
    pub subject: RuleSubject,
    /// The person's or the team's name.
    pub name: String,
    pub effect: RuleEffect,
}

/// A team or an Active person the search offers for a new rule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SubjectChoice {
    pub subject: RuleSubject,
    pub name: String,
    /// "Team", or the person's job title.
    pub detail: String,
}

/// "Grant" or "Deny", as the panel says it.
pub const fn effect_label(effect: RuleEffect) -> &'static str {
    match effect {
        RuleEffect::Grant => "Grant",
        RuleEffect::Deny => "Deny",
    }
}
