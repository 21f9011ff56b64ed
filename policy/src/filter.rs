//! The list filter (spec, "Lists and search"): which records of one kind a
//! person may see, as a [`Condition`] over a record's fields and its related
//! rows.
//!
//! Both filters are folded from the decision table ([`crate::decision`]),
//! never written by hand: "the first step that applies decides" becomes
//! `guard₁ ∨ rest` for a step whose answer is wanted and `¬guard₁ ∧ rest` for
//! one whose answer is not.

use crate::condition::Condition;
use crate::decision::{Guard, Question, STEPS};
use crate::{Effect, Permission, RecordAction, RecordKind, SiteSettings, Subject, Timestamp};

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
