//! A record's protection: everything the rulebook reads about a client or a
//! session record to decide who may open it (spec, "Things").

use serde::{Deserialize, Serialize};

use crate::Code;

use crate::{OrganizationId, PersonnelId, TeamId, Timestamp};

/// The two kinds of protected record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum RecordKind {
    /// A client profile (seeds 000, 002, 003).
    Client,
    /// A group or family (whānau) session (seed 003).
    SessionRecord,
}

impl Code for RecordKind {
    const VALUES: &'static [RecordKind] = &[RecordKind::Client, RecordKind::SessionRecord];

    /// The stable name stored in the database.
    fn code(self) -> &'static str {
        match self {
            RecordKind::Client => "client",
            RecordKind::SessionRecord => "session_record",
        }
    }
}

/// What a person wants to do to a record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum RecordAction {
    View,
    Edit,
}

/// Who an access rule is about: one person, or one team.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum RuleSubject {
    Personnel(PersonnelId),
    Team(TeamId),
}

/// What an access rule does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum RuleEffect {
    Grant,
    Deny,
}

impl Code for RuleEffect {
    const VALUES: &'static [RuleEffect] = &[RuleEffect::Grant, RuleEffect::Deny];

    /// The stable name stored in the database.
    fn code(self) -> &'static str {
        match self {
            RuleEffect::Grant => "grant",
            RuleEffect::Deny => "deny",
        }
    }
}

/// Where a rule lives: on the record itself, or among the default rules of
/// the organization that owns the record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum RuleSource {
    Record,
    OrganizationDefault,
}

/// One access rule (seed 003): a subject and an effect.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct AccessRule {
    pub subject: RuleSubject,
    pub effect: RuleEffect,
}

impl AccessRule {
    pub const fn grant(subject: RuleSubject) -> AccessRule {
        AccessRule {
            subject,
            effect: RuleEffect::Grant,
        }
    }

    pub const fn deny(subject: RuleSubject) -> AccessRule {
        AccessRule {
            subject,
            effect: RuleEffect::Deny,
        }
    }
}

/// How long a break-glass override lasts (seed 003): fifteen minutes.
pub const OVERRIDE_SECONDS: i64 = 15 * 60;

/// A break-glass override held by one person on one record.
///
/// It counts from `granted_at` up to, but not including, `expires_at`: at
/// the instant it expires it no longer counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Override {
    pub personnel: PersonnelId,
    pub granted_at: Timestamp,
    pub expires_at: Timestamp,
}

impl Override {
    /// An override granted now, by the server's clock, for fifteen minutes.
    pub const fn starting(personnel: PersonnelId, now: Timestamp) -> Override {
        Override {
            personnel,
            granted_at: now,
            expires_at: now.plus_seconds(OVERRIDE_SECONDS),
        }
    }

    /// Does it count at `now`? From `granted_at` up to, not including,
    /// `expires_at`.
    pub fn is_active(&self, now: Timestamp) -> bool {
        self.granted_at <= now && now < self.expires_at
    }
}

/// Everything about one record that decides who may open it: its kind, its
/// owning organization, its responsible personnel (clients only), the lock
/// and the allowed personnel (clients only), its own access rules, the
/// default rules of its organization, and the overrides held on it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Protection {
    pub kind: RecordKind,
    pub organization: OrganizationId,
    pub responsible: Option<PersonnelId>,
    pub locked: bool,
    pub allowed_personnel: Vec<PersonnelId>,
    pub rules: Vec<AccessRule>,
    pub organization_default_rules: Vec<AccessRule>,
    pub overrides: Vec<Override>,
}

impl Protection {
    /// A new record as the spec creates it: not locked, no allowed
    /// personnel, no responsible personnel, no rules, no overrides.
    pub fn new(kind: RecordKind, organization: OrganizationId) -> Protection {
        Protection {
            kind,
            organization,
            responsible: None,
            locked: false,
            allowed_personnel: Vec::new(),
            rules: Vec::new(),
            organization_default_rules: Vec::new(),
            overrides: Vec::new(),
        }
    }

    /// The rules of one source.
    pub fn rules_from(&self, source: RuleSource) -> &[AccessRule] {
        match source {
            RuleSource::Record => &self.rules,
            RuleSource::OrganizationDefault => &self.organization_default_rules,
        }
    }

    pub fn is_allowed_personnel(&self, personnel: PersonnelId) -> bool {
        self.allowed_personnel.contains(&personnel)
    }

    /// The rule this record already holds for a subject, if any. A record
    /// holds at most one rule per subject (spec: "change its effect instead").
    pub fn rule_for(&self, subject: RuleSubject) -> Option<&AccessRule> {
        self.rules.iter().find(|rule| rule.subject == subject)
    }

    /// The active override this person holds on the record at `now`, if any;
    /// the one that lasts longest when there are several.
    pub fn active_override(&self, personnel: PersonnelId, now: Timestamp) -> Option<&Override> {
        self.overrides
            .iter()
            .filter(|o| o.personnel == personnel && o.is_active(now))
            .max_by_key(|o| o.expires_at)
    }
}
