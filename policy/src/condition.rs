//! A boolean expression over one record's fields and related rows: the
//! shape the list filter takes (spec, "Lists and search"). The data layer
//! turns it into one SQL `WHERE` clause; [`Condition::holds`] evaluates the
//! same expression in memory.
//!
//! A leaf module: it knows records and rules, not the decision table, so
//! that [`crate::decision`] and [`crate::filter`] both depend on it and not
//! on each other.

use serde::{Deserialize, Serialize};

use crate::{
    AccessRule, OrganizationId, PersonnelId, Protection, RuleEffect, RuleSource, RuleSubject, TeamId,
    Timestamp,
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
            Condition::Rule { source, effect, who } => record
                .rules_from(*source)
                .iter()
                .any(|rule| rule_matches(*effect, who, rule)),
            Condition::OverrideActive { personnel, at } => record.active_override(*personnel, *at).is_some(),
        }
    }
}

impl Condition {
    /// Terms about the record's own links to one person (its responsible
    /// personnel, its allowed personnel, its own rules, an override on it),
    /// at least one of which holds wherever `self` holds; or `None` when
    /// `self` can hold for a record with no such link (through its
    /// organization, its lock or a negation).
    ///
    /// The list queries add `Any(terms)` to the filter: it changes no answer
    /// (the filter implies it) but lets the database start from the few
    /// records linked to the person instead of walking every record, when
    /// the person sees only those (for example under "Visible to
    /// responsible user").
    pub fn narrowing(&self) -> Option<Vec<Condition>> {
        match self {
            Condition::Never => Some(Vec::new()),
            Condition::ResponsibleIs(_)
            | Condition::AllowedPersonnelIncludes(_)
            | Condition::OverrideActive { .. }
            | Condition::Rule {
                source: RuleSource::Record,
                ..
            } => Some(vec![self.clone()]),
            Condition::Always
            | Condition::Not(_)
            | Condition::Locked
            | Condition::OrganizationIs(_)
            | Condition::Rule {
                source: RuleSource::OrganizationDefault,
                ..
            } => None,
            // Every part must be linked; their terms together.
            Condition::Any(parts) => parts
                .iter()
                .map(Condition::narrowing)
                .collect::<Option<Vec<_>>>()
                .map(|terms| terms.into_iter().flatten().collect()),
            // One linked part is enough: the one with the fewest terms.
            Condition::All(parts) => parts.iter().filter_map(Condition::narrowing).min_by_key(Vec::len),
        }
    }
}

/// Does `rule` have this effect for a subject that `who` looks for?
fn rule_matches(effect: RuleEffect, who: &RuleMatch, rule: &AccessRule) -> bool {
    rule.effect == effect
        && match (who, rule.subject) {
            (RuleMatch::Personnel(p), RuleSubject::Personnel(q)) => *p == q,
            (RuleMatch::AnyTeam(teams), RuleSubject::Team(t)) => teams.binary_search(&t).is_ok(),
            _ => false,
        }
}

impl Condition {
    /// `self` with every term about organization default rules replaced by
    /// the organizations whose default rules (`defaults`, all of them for
    /// each organization listed) satisfy it. On a record of one of those
    /// organizations the answer is unchanged; the list queries read the
    /// few default rules first, so that a person without organization-wide
    /// access has a filter that narrows ([`Condition::narrowing`]).
    pub fn with_default_rules(&self, defaults: &[(OrganizationId, AccessRule)]) -> Condition {
        match self {
            Condition::Rule {
                source: RuleSource::OrganizationDefault,
                effect,
                who,
            } => {
                let mut organizations: Vec<OrganizationId> = defaults
                    .iter()
                    .filter(|(_, rule)| rule_matches(*effect, who, rule))
                    .map(|(organization, _)| *organization)
                    .collect();
                organizations.sort();
                organizations.dedup();
                Condition::any(organizations.into_iter().map(Condition::OrganizationIs).collect())
            }
            Condition::Not(inner) => !inner.with_default_rules(defaults),
            Condition::All(parts) => {
                Condition::all(parts.iter().map(|p| p.with_default_rules(defaults)).collect())
            }
            Condition::Any(parts) => {
                Condition::any(parts.iter().map(|p| p.with_default_rules(defaults)).collect())
            }
            other => other.clone(),
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
