//! The list filter (spec, "Lists and search"): which records of one kind a
//! person may see, as a small boolean expression over a record's fields and
//! its related rows. The data layer turns it into one SQL `WHERE` clause;
//! [`Condition::holds`] evaluates the same expression in memory.
//!
//! Both filters are folded from the decision table ([`crate::decision`]),
//! never written by hand: "the first step that applies decides" becomes
//! `guard₁ ∨ rest` for a step whose answer is wanted and `¬guard₁ ∧ rest` for
//! one whose answer is not.

use serde::{Deserialize, Serialize};

use crate::decision::{Guard, Question, STEPS};
use crate::{
    Effect, OrganizationId, Permission, PersonnelId, Protection, RecordAction, RecordKind, RuleEffect,
    RuleSource, RuleSubject, SiteSettings, Subject, TeamId, Timestamp,
};

/// Which rule subjects a [`Condition::Rule`] looks for.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum RuleMatch {
    /// A rule naming this person.
    Personnel(PersonnelId),
    /// A rule naming any of these teams (sorted, never empty).
    AnyTeam(Vec<TeamId>),
}

/// A boolean expression over one record.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Condition {
    Always,
    Never,
    Not(Box<Condition>),
    /// All of these hold (never fewer than two).
    All(Vec<Condition>),
    /// At least one of these holds (never fewer than two).
    Any(Vec<Condition>),
    /// The record's owning organization is this one.
    OrganizationIs(OrganizationId),
    /// The record's responsible personnel is this person.
    ResponsibleIs(PersonnelId),
    /// The record (a client) is locked.
    Locked,
    /// This person is on the record's allowed personnel.
    AllowedPersonnelIncludes(PersonnelId),
    /// The record's own rules (or its organization's default rules) hold a
    /// rule with this effect for a matching subject.
    Rule {
        source: RuleSource,
        effect: RuleEffect,
        who: RuleMatch,
    },
    /// This person holds an override on the record that counts at `at`
    /// (that is, `granted_at <= at < expires_at`).
    OverrideActive {
        personnel: PersonnelId,
        at: Timestamp,
    },
}

impl Condition {
    pub const fn constant(value: bool) -> Condition {
        if value {
            Condition::Always
        } else {
            Condition::Never
        }
    }

    /// Conjunction, folding constants and flattening nested conjunctions.
    pub fn all(parts: Vec<Condition>) -> Condition {
        let mut kept = Vec::with_capacity(parts.len());
        for part in parts {
            match part {
                Condition::Always => {}
                Condition::Never => return Condition::Never,
                Condition::All(inner) => kept.extend(inner),
                other => kept.push(other),
            }
        }
        match kept.len() {
            0 => Condition::Always,
            1 => kept.pop().expect("one part"),
            _ => Condition::All(kept),
        }
    }

    /// Disjunction, folding constants and flattening nested disjunctions.
    pub fn any(parts: Vec<Condition>) -> Condition {
        let mut kept = Vec::with_capacity(parts.len());
        for part in parts {
            match part {
                Condition::Never => {}
                Condition::Always => return Condition::Always,
                Condition::Any(inner) => kept.extend(inner),
                other => kept.push(other),
            }
        }
        match kept.len() {
            0 => Condition::Never,
            1 => kept.pop().expect("one part"),
            _ => Condition::Any(kept),
        }
    }

    /// Does the condition hold for this record?
    pub fn holds(&self, record: &Protection) -> bool {
        match self {
            Condition::Always => true,
            Condition::Never => false,
            Condition::Not(inner) => !inner.holds(record),
            Condition::All(parts) => parts.iter().all(|p| p.holds(record)),
            Condition::Any(parts) => parts.iter().any(|p| p.holds(record)),
            Condition::OrganizationIs(organization) => record.organization == *organization,
            Condition::ResponsibleIs(personnel) => record.responsible == Some(*personnel),
            Condition::Locked => record.locked,
            Condition::AllowedPersonnelIncludes(personnel) => record.is_allowed_personnel(*personnel),
            Condition::Rule { source, effect, who } => record.rules_from(*source).iter().any(|rule| {
                rule.effect == *effect
                    && match (who, rule.subject) {
                        (RuleMatch::Personnel(p), RuleSubject::Personnel(q)) => *p == q,
                        (RuleMatch::AnyTeam(teams), RuleSubject::Team(t)) => teams.binary_search(&t).is_ok(),
                        _ => false,
                    }
            }),
            Condition::OverrideActive { personnel, at } => record.active_override(*personnel, *at).is_some(),
        }
    }
}

/// Negation, folding constants: `!condition`.
impl std::ops::Not for Condition {
    type Output = Condition;

    fn not(self) -> Condition {
        match self {
            Condition::Always => Condition::Never,
            Condition::Never => Condition::Always,
            Condition::Not(inner) => *inner,
            other => Condition::Not(Box::new(other)),
        }
    }
}

/// Fold the decision table into the condition "the first guard that applies
/// is one that `wanted` picks".
fn fold(question: &Question<'_>, wanted: impl Fn(Guard) -> bool) -> Condition {
    STEPS.iter().rev().fold(Condition::Never, |rest, guard| {
        let applies = guard.condition(question);
        if wanted(*guard) {
            Condition::any(vec![applies, rest])
        } else {
            Condition::all(vec![!applies, rest])
        }
    })
}

/// The records of `kind` that `subject` may view at `now`: exactly those for
/// which [`crate::decide`] allows [`RecordAction::View`].
pub fn list_filter(
    subject: &Subject,
    kind: RecordKind,
    settings: &SiteSettings,
    now: Timestamp,
) -> Condition {
    let question = Question {
        subject,
        action: RecordAction::View,
        kind,
        settings,
        now,
    };
    fold(&question, |guard| guard.effect() == Effect::Allow)
}

/// The records of `kind` that `subject` may not view at `now` but could open
/// with "override access": shown in lists as a bare "Restricted" entry.
/// `Never` for anyone whose role lacks "override access".
pub fn overridable_filter(
    subject: &Subject,
    kind: RecordKind,
    settings: &SiteSettings,
    now: Timestamp,
) -> Condition {
    if !subject.permissions.contains(Permission::OverrideAccess) {
        return Condition::Never;
    }
    let question = Question {
        subject,
        action: RecordAction::View,
        kind,
        settings,
        now,
    };
    fold(&question, |guard| {
        guard.effect() == Effect::Deny && guard.overridable_for(subject)
    })
}
