//! A record's protection (`policy::Protection`) as the database holds it:
//! the row itself, its allowed personnel, its access rules, the default rules
//! of its organization and the overrides held on it. Loaded inside the
//! transaction of the change that asks, so the rulebook decides on what the
//! change then writes.

use policy::{
    AccessRule, OrganizationId, Override, PersonnelId, Protection, RuleEffect, RuleSubject, TeamId, Timestamp,
};

use crate::accounts::Transaction;
use crate::error::AppError;
use crate::records::filter_sql::RecordTable;
use crate::stored_code::{Column, StoredCode};

type RuleRow = (Option<i64>, Option<i64>, String);

/// A row of `table` (access_rules or default_rules) as a rule.
fn rule_from_row(table: &'static str, (personnel, team, effect): RuleRow) -> Result<AccessRule, AppError> {
    let subject = match (personnel, team) {
        (Some(personnel), None) => RuleSubject::Personnel(PersonnelId(personnel)),
        (None, Some(team)) => RuleSubject::Team(TeamId(team)),
        _ => return Err(corrupt("an access rule names neither one person nor one team")),
    };
    let effect = RuleEffect::decode(&effect, Column::new(table, "effect"))?;
    Ok(AccessRule { subject, effect })
}

fn corrupt(what: &str) -> AppError {
    tracing::error!(what, "unexpected data in the database");
    AppError::Unavailable
}

/// Every organization's default rules, with their organization: a small
/// table, read whole for a list's filter.
pub async fn all_default_rules(
    pool: &crate::store::Pool,
) -> Result<Vec<(OrganizationId, AccessRule)>, AppError> {
    let rows: Vec<(i64, Option<i64>, Option<i64>, String)> = sqlx::query_as(
        "SELECT organization_id, personnel_id, team_id, effect FROM default_rules ORDER BY id",
    )
    .fetch_all(pool)
    .await?;
    rows.into_iter()
        .map(|(organization, personnel, team, effect)| {
            Ok((
                OrganizationId(organization),
                rule_from_row("default_rules", (personnel, team, effect))?,
            ))
        })
        .collect()
}

/// The protection of the client `id`, or `None` when there is no such client.
pub async fn load_client(
    tx: &mut Transaction<'_>,
    id: policy::ClientId,
) -> Result<Option<Protection>, AppError> {
    let row: Option<(i64, Option<i64>, bool)> =
        sqlx::query_as("SELECT organization_id, responsible_personnel_id, locked FROM clients WHERE id = $1")
            .bind(id.0)
            .fetch_optional(&mut **tx)
            .await?;
    let Some((organization, responsible, locked)) = row else {
        return Ok(None);
    };
    let allowed: Vec<(i64,)> = sqlx::query_as(
        "SELECT personnel_id FROM client_allowed_personnel WHERE client_id = $1 ORDER BY personnel_id",
    )
    .bind(id.0)
    .fetch_all(&mut **tx)
    .await?;
    let mut protection = Protection::new(policy::RecordKind::Client, OrganizationId(organization));
    protection.responsible = responsible.map(PersonnelId);
    protection.locked = locked;
    protection.allowed_personnel = allowed.into_iter().map(|(p,)| PersonnelId(p)).collect();
    load_rules_and_overrides(tx, RecordTable::CLIENTS, id.0, &mut protection).await?;
    Ok(Some(protection))
}

/// The protection of the session record `id`, or `None` when there is no
/// such session. Sessions have no lock, allowed personnel or responsible
/// personnel: their organization, rules and overrides decide.
pub async fn load_session_record(
    tx: &mut Transaction<'_>,
    id: policy::SessionRecordId,
) -> Result<Option<Protection>, AppError> {
    let row: Option<(i64,)> = sqlx::query_as("SELECT organization_id FROM session_records WHERE id = $1")
        .bind(id.0)
        .fetch_optional(&mut **tx)
        .await?;
    let Some((organization,)) = row else {
        return Ok(None);
    };
    let mut protection = Protection::new(policy::RecordKind::SessionRecord, OrganizationId(organization));
    load_rules_and_overrides(tx, RecordTable::SESSION_RECORDS, id.0, &mut protection).await?;
    Ok(Some(protection))
}

/// Fills in what every kind of record has: its rules, its organization's
/// default rules, and the overrides held on it.
async fn load_rules_and_overrides(
    tx: &mut Transaction<'_>,
    table: RecordTable,
    id: i64,
    protection: &mut Protection,
) -> Result<(), AppError> {
    let rules: Vec<RuleRow> = sqlx::query_as(
        "SELECT personnel_id, team_id, effect FROM access_rules WHERE record_kind = $1 AND record_id = $2 \
         ORDER BY id",
    )
    .bind(table.kind_key())
    .bind(id)
    .fetch_all(&mut **tx)
    .await?;
    protection.rules = rules
        .into_iter()
        .map(|row| rule_from_row("access_rules", row))
        .collect::<Result<_, _>>()?;
    let defaults: Vec<RuleRow> = sqlx::query_as(
        "SELECT personnel_id, team_id, effect FROM default_rules WHERE organization_id = $1 ORDER BY id",
    )
    .bind(protection.organization.0)
    .fetch_all(&mut **tx)
    .await?;
    protection.organization_default_rules = defaults
        .into_iter()
        .map(|row| rule_from_row("default_rules", row))
        .collect::<Result<_, _>>()?;
    let overrides: Vec<(i64, i64, i64)> = sqlx::query_as(
        "SELECT personnel_id, granted_at, expires_at FROM overrides WHERE record_kind = $1 AND record_id = $2 \
         ORDER BY id",
    )
    .bind(table.kind_key())
    .bind(id)
    .fetch_all(&mut **tx)
    .await?;
    protection.overrides = overrides
        .into_iter()
        .map(|(personnel, granted_at, expires_at)| Override {
            personnel: PersonnelId(personnel),
            granted_at: Timestamp(granted_at),
            expires_at: Timestamp(expires_at),
        })
        .collect();
    Ok(())
}
