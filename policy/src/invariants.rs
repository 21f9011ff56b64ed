//! The rulebook's invariants as checks, shared by the property tests
//! (`policy/tests/properties.rs`) and the fuzz target (`policy/fuzz`).
//! Each check answers independently of the code it checks where it can, and
//! returns what went wrong in words.

use crate::{
    AccessRule, Override, PersonnelStatus, Protection, ProtectionChange, Reason, RecordAction, RuleEffect,
    RuleSubject, SiteSettings, Subject, Timestamp, decide, list_filter, may_change_protection,
    overridable_filter,
};

type Checked = Result<(), String>;

fn fail(what: &str, subject: &Subject, record: &Protection, now: Timestamp) -> Checked {
    Err(format!(
        "{what}\nsubject: {subject:?}\nrecord: {record:?}\nnow: {now:?}"
    ))
}

/// Is the subject denied by name on this record, reading the rules directly?
pub fn denied_by_name(subject: &Subject, record: &Protection) -> bool {
    let me = RuleSubject::Personnel(subject.id);
    record
        .rules
        .iter()
        .chain(&record.organization_default_rules)
        .any(|rule| rule.subject == me && rule.effect == RuleEffect::Deny)
}

/// The list filter and the "restricted but overridable" filter agree with
/// [`decide`] on this record.
pub fn filters_agree(
    subject: &Subject,
    record: &Protection,
    settings: &SiteSettings,
    now: Timestamp,
) -> Checked {
    let decision = decide(subject, RecordAction::View, record, settings, now);
    if list_filter(subject, record.kind, settings, now).holds(record) != decision.is_allowed() {
        return fail(
            &format!("list filter disagrees with {decision:?}"),
            subject,
            record,
            now,
        );
    }
    let overridable = overridable_filter(subject, record.kind, settings, now).holds(record);
    if overridable != (!decision.is_allowed() && decision.can_override) {
        return fail(
            &format!("overridable filter disagrees with {decision:?}"),
            subject,
            record,
            now,
        );
    }
    Ok(())
}

/// Inactive and Pending personnel are never allowed anything, and cannot
/// override.
pub fn inactive_never_allowed(
    subject: &Subject,
    record: &Protection,
    settings: &SiteSettings,
    now: Timestamp,
) -> Checked {
    if subject.status == PersonnelStatus::Active {
        return Ok(());
    }
    for action in [RecordAction::View, RecordAction::Edit] {
        let decision = decide(subject, action, record, settings, now);
        if decision.is_allowed() || decision.can_override || decision.reason != Reason::AccountNotActive {
            return fail(
                &format!("inactive subject got {decision:?}"),
                subject,
                record,
                now,
            );
        }
    }
    Ok(())
}

/// Nobody denied by name is allowed, by override or otherwise, unless a site
/// administrator; and their override is refused.
pub fn denied_by_name_never_allowed(
    subject: &Subject,
    record: &Protection,
    settings: &SiteSettings,
    now: Timestamp,
) -> Checked {
    if subject.site_administrator || !denied_by_name(subject, record) {
        return Ok(());
    }
    for action in [RecordAction::View, RecordAction::Edit] {
        let decision = decide(subject, action, record, settings, now);
        if decision.is_allowed() || decision.can_override {
            return fail(&format!("denied by name, yet {decision:?}"), subject, record, now);
        }
    }
    let attempt = ProtectionChange::Override {
        reason: "A reason that is long enough",
    };
    if may_change_protection(subject, record, settings, now, attempt).is_ok() {
        return fail(
            "denied by name, yet the override was accepted",
            subject,
            record,
            now,
        );
    }
    Ok(())
}

/// Adding `rule` to the record's rules, or to its organization's default
/// rules: a grant never removes access and a deny never adds it, for viewing
/// and for editing.
pub fn rules_are_monotonic(
    subject: &Subject,
    record: &Protection,
    settings: &SiteSettings,
    now: Timestamp,
    rule: AccessRule,
) -> Checked {
    for to_defaults in [false, true] {
        let mut changed = record.clone();
        if to_defaults {
            changed.organization_default_rules.push(rule);
        } else {
            changed.rules.push(rule);
        }
        for action in [RecordAction::View, RecordAction::Edit] {
            let before = decide(subject, action, record, settings, now).is_allowed();
            let after = decide(subject, action, &changed, settings, now).is_allowed();
            let broken = match rule.effect {
                RuleEffect::Grant => before && !after,
                RuleEffect::Deny => after && !before,
            };
            if broken {
                let what = format!(
                    "adding {rule:?} (defaults: {to_defaults}) changed {action:?} {before} → {after}"
                );
                return fail(&what, subject, record, now);
            }
        }
    }
    Ok(())
}

/// An override counts until the instant it expires and not after: with the
/// subject's overrides replaced by `held`, the decision one second before
/// `held.expires_at` is the override (when steps 1 to 4 let it through) and
/// at `expires_at` it is not. (That the filters agree at those instants is
/// [`filters_agree`]'s job; the property tests put overrides' expiries on
/// `now` and either side of it.)
pub fn override_counts_until_expiry(
    subject: &Subject,
    record: &Protection,
    settings: &SiteSettings,
    held: Override,
) -> Checked {
    let mut record = record.clone();
    record.overrides.retain(|o| o.personnel != subject.id);
    record.overrides.push(Override {
        personnel: subject.id,
        ..held
    });
    let last_second = held.expires_at.plus_seconds(-1);
    let before = decide(subject, RecordAction::View, &record, settings, last_second);
    let earlier_step_applies = subject.status != PersonnelStatus::Active
        || subject.site_administrator
        || !subject.permissions.contains(crate::Permission::ViewClients)
            && record.kind == crate::RecordKind::Client
        || !subject.permissions.contains(crate::Permission::ViewSessions)
            && record.kind == crate::RecordKind::SessionRecord
        || denied_by_name(subject, &record);
    if !earlier_step_applies
        && before.reason
            != (Reason::Override {
                until: held.expires_at,
            })
    {
        return fail(
            &format!("one second before expiry: {before:?}"),
            subject,
            &record,
            last_second,
        );
    }
    for at in [held.expires_at, held.expires_at.plus_seconds(1)] {
        let after = decide(subject, RecordAction::View, &record, settings, at);
        if matches!(after.reason, Reason::Override { .. }) {
            return fail(&format!("override still counts: {after:?}"), subject, &record, at);
        }
    }
    Ok(())
}

/// Every invariant above, for one subject and one record.
pub fn check_all(
    subject: &Subject,
    record: &Protection,
    settings: &SiteSettings,
    now: Timestamp,
    extra_rule: AccessRule,
    held: Override,
) -> Checked {
    filters_agree(subject, record, settings, now)?;
    inactive_never_allowed(subject, record, settings, now)?;
    denied_by_name_never_allowed(subject, record, settings, now)?;
    rules_are_monotonic(subject, record, settings, now, extra_rule)?;
    override_counts_until_expiry(subject, record, settings, held)
}
