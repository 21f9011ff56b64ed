//! Reading and changing one place's rules. A record's rules are decided by
//! the protection table (`policy::may_change_protection`: "edit access
//! rules" and being able to view the record); an organization's default
//! rules by `policy::may_administer` (site administrators) and the same
//! checks of the rules already there. Each change claims the place, asks,
//! writes and records the audit entry in one transaction, so its effect
//! holds from the very next request.

use policy::{
    AccessRule, AdministrationAction, PersonnelStatus, Protection, ProtectionChange, ProtectionControl,
    ProtectionRefusal, RecordKind, RuleEffect, RuleSubject,
};

use crate::access_rules::{RuleLine, RulePlace, rows};
use crate::accounts::Transaction;
use crate::asking::Asking;
use crate::audit::{self, Entry};
use crate::error::AppError;
use crate::records::claim;
use crate::store::Pool;
use crate::stored_code::{Column, StoredCode};

/// What the rulebook reads about a place.
enum Place {
    Record(Protection),
    /// An organization's default rules.
    Organization(Vec<AccessRule>),
}

fn organization_not_found() -> AppError {
    AppError::NotFound {
        what: "That organization".into(),
    }
}

/// Opens a transaction on `place` and loads what the rulebook reads; with
/// `for_change`, takes the place's row for writing first.
/// A record is "not found" to someone who may not know of it, as a missing
/// one is.
async fn begin(
    pool: &Pool,
    asking: Asking<'_>,
    place: RulePlace,
    for_change: bool,
) -> Result<(Transaction<'static>, Place), AppError> {
    match place {
        RulePlace::Record(record) if for_change => {
            let (tx, protection) = claim::claim_known(pool, asking, record).await?;
            Ok((tx, Place::Record(protection)))
        }
        RulePlace::Record(record) => {
            let mut tx = pool.begin().await?;
            let protection = claim::load_known(&mut tx, asking, record).await?;
            Ok((tx, Place::Record(protection)))
        }
        RulePlace::Organization(organization) => {
            let mut tx = pool.begin().await?;
            let sql = if for_change {
                "UPDATE organizations SET name = name WHERE id = $1"
            } else {
                "SELECT id FROM organizations WHERE id = $1"
            };
            let found = if for_change {
                sqlx::query(sql)
                    .bind(organization.0)
                    .execute(&mut *tx)
                    .await?
                    .rows_affected()
            } else {
                sqlx::query(sql)
                    .bind(organization.0)
                    .fetch_all(&mut *tx)
                    .await?
                    .len() as u64
            };
            if found == 0 {
                return Err(organization_not_found());
            }
            let rules = rows::lines(&mut tx, place)
                .await?
                .into_iter()
                .map(|line| AccessRule {
                    subject: line.subject,
                    effect: line.effect,
                })
                .collect();
            Ok((tx, Place::Organization(rules)))
        }
    }
}

/// What the rulebook can say before anything about the place is read:
/// "edit access rules" for a record's rules, a site administrator for
/// an organization's defaults.
fn may_edit_somewhere(asking: Asking<'_>, place: RulePlace) -> Result<(), AppError> {
    match place {
        RulePlace::Record(_) => policy::may_hold_control(asking.subject, ProtectionControl::AccessRules)?,
        RulePlace::Organization(_) => {
            policy::may_administer(asking.subject, AdministrationAction::ChangeDefaultRules)?
        }
    }
    Ok(())
}

/// May the person see and edit this place's rules at all?
fn may_edit_place(asking: Asking<'_>, place: &Place) -> Result<(), AppError> {
    match place {
        Place::Record(protection) => policy::may_use_control(
            asking.subject,
            protection,
            asking.settings,
            asking.now,
            ProtectionControl::AccessRules,
        )?,
        Place::Organization(_) => {
            policy::may_administer(asking.subject, AdministrationAction::ChangeDefaultRules)?
        }
    }
    Ok(())
}

/// May the person make this change to the place's rules?
fn may_change(asking: Asking<'_>, place: &Place, change: ProtectionChange<'_>) -> Result<(), AppError> {
    match place {
        Place::Record(protection) => asking.may_change(protection, change)?,
        Place::Organization(rules) => {
            may_edit_place(asking, place)?;
            match change {
                ProtectionChange::AddRule { rule, subject_status } => {
                    policy::check_new_rule(rules, rule, subject_status)?
                }
                ProtectionChange::ChangeRuleEffect { subject, effect } => {
                    policy::check_rule_effect_change(rules, subject, effect)?
                }
                ProtectionChange::RemoveRule { subject } => {
                    if !rules.iter().any(|r| r.subject == subject) {
                        return Err(ProtectionRefusal::NoSuchRule.into());
                    }
                }
                _ => return Err(AppError::Unavailable),
            }
        }
    }
    Ok(())
}

/// The place's rules, for someone who may edit them.
#[tracing::instrument(name = "access_rules::changes::list", skip_all, fields(actor = asking.subject.id.0, place = ?place))]
pub async fn list(pool: &Pool, asking: Asking<'_>, place: RulePlace) -> Result<Vec<RuleLine>, AppError> {
    may_edit_somewhere(asking, place)?;
    let (mut tx, loaded) = begin(pool, asking, place, false).await?;
    may_edit_place(asking, &loaded)?;
    let lines = rows::lines(&mut tx, place).await?;
    tx.commit().await?;
    Ok(lines)
}

/// Checks that the place exists and the person may edit its rules (for the
/// search of teams and people).
#[tracing::instrument(name = "access_rules::changes::may_edit", skip_all, fields(actor = asking.subject.id.0, place = ?place))]
pub async fn may_edit(pool: &Pool, asking: Asking<'_>, place: RulePlace) -> Result<(), AppError> {
    may_edit_somewhere(asking, place)?;
    let (tx, loaded) = begin(pool, asking, place, false).await?;
    tx.commit().await?;
    may_edit_place(asking, &loaded)
}

/// The status of the person a rule names (the rulebook refuses a rule for
/// anyone not Active), or `None` for a team; either must exist.
async fn subject_status(
    tx: &mut Transaction<'_>,
    subject: RuleSubject,
) -> Result<Option<PersonnelStatus>, AppError> {
    match subject {
        RuleSubject::Personnel(person) => {
            let row: Option<(String,)> = sqlx::query_as("SELECT status FROM personnel WHERE id = $1")
                .bind(person.0)
                .fetch_optional(&mut **tx)
                .await?;
            let (status,) = row.ok_or_else(|| AppError::NotFound {
                what: "That person".into(),
            })?;
            PersonnelStatus::decode(&status, Column::new("personnel", "status")).map(Some)
        }
        RuleSubject::Team(team) => {
            let row: Option<(i64,)> = sqlx::query_as("SELECT id FROM teams WHERE id = $1")
                .bind(team.0)
                .fetch_optional(&mut **tx)
                .await?;
            row.map(|_| None).ok_or_else(|| AppError::NotFound {
                what: "That team".into(),
            })
        }
    }
}

/// The audit entry's entity (a table's name) and id for the place.
fn entity(place: RulePlace) -> (&'static str, i64) {
    match place {
        RulePlace::Record(record) => match record.kind {
            RecordKind::Client => ("clients", record.id),
            RecordKind::SessionRecord => ("session_records", record.id),
        },
        RulePlace::Organization(organization) => ("organizations", organization.0),
    }
}

async fn audit(
    tx: &mut Transaction<'_>,
    asking: Asking<'_>,
    place: RulePlace,
    action: &str,
    before: Option<&AccessRule>,
    after: Option<&AccessRule>,
) -> Result<(), AppError> {
    let (entity, entity_id) = entity(place);
    let prefix = match place {
        RulePlace::Record(_) => "access_rule",
        RulePlace::Organization(_) => "default_rule",
    };
    audit::record(
        tx,
        Entry {
            actor: Some(asking.subject.id),
            at: asking.now,
            action: &format!("{prefix}.{action}"),
            entity,
            entity_id,
            before,
            after,
        },
    )
    .await
}

fn rule_of(place: &Place, subject: RuleSubject) -> Option<AccessRule> {
    let rules = match place {
        Place::Record(protection) => &protection.rules,
        Place::Organization(rules) => rules,
    };
    rules.iter().find(|r| r.subject == subject).copied()
}

/// "Add access rule": grants or denies one team or one Active person.
#[tracing::instrument(name = "access_rules::changes::add", skip_all, fields(actor = asking.subject.id.0, place = ?place))]
pub async fn add(
    pool: &Pool,
    asking: Asking<'_>,
    place: RulePlace,
    rule: AccessRule,
) -> Result<(), AppError> {
    may_edit_somewhere(asking, place)?;
    let (mut tx, loaded) = begin(pool, asking, place, true).await?;
    // Who may edit is asked before anything is looked up about the subject.
    may_edit_place(asking, &loaded)?;
    let subject_status = subject_status(&mut tx, rule.subject).await?;
    may_change(
        asking,
        &loaded,
        ProtectionChange::AddRule { rule, subject_status },
    )?;
    rows::insert(&mut tx, place, rule).await?;
    audit(&mut tx, asking, place, "add", None, Some(&rule)).await?;
    tx.commit().await?;
    Ok(())
}

/// Turns a grant into a deny, or a deny into a grant.
#[tracing::instrument(name = "access_rules::changes::change_effect", skip_all, fields(actor = asking.subject.id.0, place = ?place))]
pub async fn change_effect(
    pool: &Pool,
    asking: Asking<'_>,
    place: RulePlace,
    subject: RuleSubject,
    effect: RuleEffect,
) -> Result<(), AppError> {
    may_edit_somewhere(asking, place)?;
    let (mut tx, loaded) = begin(pool, asking, place, true).await?;
    may_change(
        asking,
        &loaded,
        ProtectionChange::ChangeRuleEffect { subject, effect },
    )?;
    let after = AccessRule { subject, effect };
    rows::set_effect(&mut tx, place, after).await?;
    let before = rule_of(&loaded, subject);
    audit(&mut tx, asking, place, "change", before.as_ref(), Some(&after)).await?;
    tx.commit().await?;
    Ok(())
}

/// Removes the rule about `subject`.
#[tracing::instrument(name = "access_rules::changes::remove", skip_all, fields(actor = asking.subject.id.0, place = ?place))]
pub async fn remove(
    pool: &Pool,
    asking: Asking<'_>,
    place: RulePlace,
    subject: RuleSubject,
) -> Result<(), AppError> {
    may_edit_somewhere(asking, place)?;
    let (mut tx, loaded) = begin(pool, asking, place, true).await?;
    may_change(asking, &loaded, ProtectionChange::RemoveRule { subject })?;
    rows::delete(&mut tx, place, subject).await?;
    let before = rule_of(&loaded, subject);
    audit(&mut tx, asking, place, "remove", before.as_ref(), None).await?;
    tx.commit().await?;
    Ok(())
}
