//! A record's protection (`policy::Protection`) as the database holds it:
//! the row itself, its allowed personnel, its access rules, the default rules
//! of its organization and the overrides held on it, read in one statement.
//! A change loads it inside its own transaction, so the rulebook decides on
//! what the change then writes; a client's profile loads it with the details
//! the profile shows, which leave the server only if the rulebook lets the
//! viewer open the client.

use policy::Code;
use std::sync::LazyLock;

use policy::{
    AccessRule, OrganizationId, Override, PersonnelId, Protection, RecordKind, RuleEffect, RuleSubject,
    TeamId, Timestamp,
};

use crate::accounts::Transaction;
use crate::directory::Named;
use crate::error::AppError;
use crate::records::filter_sql::RecordTable;
use crate::store::{Db, Pool};
use crate::stored_code::{Column, StoredCode};

/// A row of `table` (access_rules or default_rules) as a rule.
fn rule_from_row(table: &'static str, row: &ProtectionRow) -> Result<AccessRule, AppError> {
    rule(
        table,
        row.personnel_id,
        row.team_id,
        row.effect.as_deref().unwrap_or_default(),
    )
}

/// The rule naming `personnel` or `team` with `effect`, as `table` stores
/// it; refused (and logged) when it names neither or both, or its effect is
/// not one of the codes.
pub(crate) fn rule(
    table: &'static str,
    personnel: Option<i64>,
    team: Option<i64>,
    effect: &str,
) -> Result<AccessRule, AppError> {
    let subject = match (personnel, team) {
        (Some(personnel), None) => RuleSubject::Personnel(PersonnelId(personnel)),
        (None, Some(team)) => RuleSubject::Team(TeamId(team)),
        _ => return Err(corrupt("an access rule names neither one person nor one team")),
    };
    let effect = RuleEffect::decode(effect, Column::new(table, "effect"))?;
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
    let rows: Vec<DefaultRuleRow> = sqlx::query_as(
        "SELECT organization_id, personnel_id, team_id, effect FROM default_rules ORDER BY id",
    )
    .fetch_all(pool)
    .await?;
    rows.into_iter()
        .map(|row| {
            Ok((
                OrganizationId(row.organization_id),
                rule("default_rules", row.personnel_id, row.team_id, &row.effect)?,
            ))
        })
        .collect()
}

#[derive(sqlx::FromRow)]
struct DefaultRuleRow {
    organization_id: i64,
    personnel_id: Option<i64>,
    team_id: Option<i64>,
    effect: String,
}

/// One row of the statement that reads a record's whole protection: which
/// `part` of it the row is, and the columns that part fills (the others are
/// NULL).
#[derive(sqlx::FromRow)]
struct ProtectionRow {
    /// "record" (the record's own row), "allowed" (a person on the allowed
    /// personnel), "rule" (one of the record's access rules), "default" (one
    /// of its organization's default rules) or "override" (an override held
    /// on it).
    part: String,
    row_id: i64,
    organization_id: Option<i64>,
    personnel_id: Option<i64>,
    team_id: Option<i64>,
    effect: Option<String>,
    locked: Option<i64>,
    granted_at: Option<i64>,
    expires_at: Option<i64>,
    /// A client's details, for its profile: the name of the responsible
    /// personnel ("record") or of a person on the allowed personnel
    /// ("allowed"), and the client's own columns ("record").
    name: Option<String>,
    first_name: Option<String>,
    last_name: Option<String>,
    date_of_birth: Option<String>,
    identifier: Option<String>,
    organization_name: Option<String>,
}

/// The statement that reads the whole protection of one record of `kind`:
/// its row (for a client with the details its profile shows), its allowed
/// personnel (clients only), its rules, its organization's default rules and
/// the overrides held on it. One round trip to the database instead of
/// seven: a profile page is read many times a second, and as one statement
/// it reads one consistent state without a transaction of its own. `$1` is
/// the record's id, `$2` its kind's code. Standard SQL, the same on every
/// engine; the rows of a part come in id order. The first branch names each
/// column's type (`CAST(NULL AS …)`): PostgreSQL takes a column's type from
/// the branches in order and reads two untyped NULLs as text.
fn protection_statement(kind: RecordKind) -> String {
    // Each branch's columns after `part, row_id, organization_id`.
    const NO_DETAILS: &str = "NULL, NULL, NULL, NULL, NULL, NULL";
    let (table, record, allowed) = match kind {
        RecordKind::Client => (
            "clients",
            "r.responsible_personnel_id AS personnel_id, CAST(NULL AS BIGINT) AS team_id, \
             CAST(NULL AS TEXT) AS effect, CASE WHEN r.locked THEN 1 ELSE 0 END AS locked, \
             CAST(NULL AS BIGINT) AS granted_at, CAST(NULL AS BIGINT) AS expires_at, \
             rp.name AS name, r.first_name AS first_name, r.last_name AS last_name, \
             r.date_of_birth AS date_of_birth, r.identifier AS identifier, o.name AS organization_name \
             FROM clients r JOIN organizations o ON o.id = r.organization_id \
             LEFT JOIN personnel rp ON rp.id = r.responsible_personnel_id",
            "UNION ALL SELECT 'allowed', ap.personnel_id, NULL, ap.personnel_id, NULL, NULL, NULL, NULL, NULL, \
                    p.name, NULL, NULL, NULL, NULL, NULL \
               FROM client_allowed_personnel ap JOIN personnel p ON p.id = ap.personnel_id \
              WHERE ap.client_id = $1 ",
        ),
        RecordKind::SessionRecord => (
            "session_records",
            "CAST(NULL AS BIGINT) AS personnel_id, CAST(NULL AS BIGINT) AS team_id, \
             CAST(NULL AS TEXT) AS effect, 0 AS locked, CAST(NULL AS BIGINT) AS granted_at, \
             CAST(NULL AS BIGINT) AS expires_at, CAST(NULL AS TEXT) AS name, \
             CAST(NULL AS TEXT) AS first_name, CAST(NULL AS TEXT) AS last_name, \
             CAST(NULL AS TEXT) AS date_of_birth, CAST(NULL AS TEXT) AS identifier, \
             CAST(NULL AS TEXT) AS organization_name \
             FROM session_records r",
            "",
        ),
    };
    format!(
        "SELECT 'record' AS part, r.id AS row_id, r.organization_id AS organization_id, {record} \
          WHERE r.id = $1 \
         {allowed}\
         UNION ALL SELECT 'rule', id, NULL, personnel_id, team_id, effect, NULL, NULL, NULL, {NO_DETAILS} \
           FROM access_rules WHERE record_id = $1 AND record_kind = $2 \
         UNION ALL SELECT 'default', d.id, NULL, d.personnel_id, d.team_id, d.effect, NULL, NULL, NULL, \
                {NO_DETAILS} \
           FROM default_rules d \
          WHERE d.organization_id = (SELECT o.organization_id FROM {table} o WHERE o.id = $1) \
         UNION ALL SELECT 'override', id, NULL, personnel_id, NULL, NULL, NULL, granted_at, expires_at, \
                {NO_DETAILS} \
           FROM overrides WHERE record_id = $1 AND record_kind = $2 \
         ORDER BY part, row_id"
    )
}

static CLIENT_PROTECTION: LazyLock<String> = LazyLock::new(|| protection_statement(RecordKind::Client));
static SESSION_RECORD_PROTECTION: LazyLock<String> =
    LazyLock::new(|| protection_statement(RecordKind::SessionRecord));

/// The protection of the client `id`, or `None` when there is no such client.
pub async fn load_client(
    tx: &mut Transaction<'_>,
    id: policy::ClientId,
) -> Result<Option<Protection>, AppError> {
    let rows = fetch(&mut **tx, RecordTable::CLIENTS, CLIENT_PROTECTION.as_str(), id.0).await?;
    assemble(RecordTable::CLIENTS, &rows)
}

/// What a client's profile shows besides its protection.
pub struct ClientDetails {
    pub first_name: String,
    pub last_name: String,
    pub date_of_birth: Option<String>,
    pub identifier: String,
    pub organization_name: String,
    pub responsible: Option<Named<PersonnelId>>,
    /// By name, then id.
    pub allowed_personnel: Vec<Named<PersonnelId>>,
}

/// The protection of the client `id` with the details its profile shows, or
/// `None` when there is no such client: one statement, so one consistent
/// state of the database.
pub async fn load_client_profile(
    pool: &Pool,
    id: policy::ClientId,
) -> Result<Option<(Protection, ClientDetails)>, AppError> {
    let rows = fetch(pool, RecordTable::CLIENTS, CLIENT_PROTECTION.as_str(), id.0).await?;
    let Some(protection) = assemble(RecordTable::CLIENTS, &rows)? else {
        return Ok(None);
    };
    let record = rows
        .iter()
        .find(|row| row.part == "record")
        .ok_or_else(|| corrupt("a client's row went missing"))?;
    let text = |value: &Option<String>, what: &str| value.clone().ok_or_else(|| corrupt(what));
    let mut allowed_personnel = rows
        .iter()
        .filter(|row| row.part == "allowed")
        .map(|row| {
            Ok(Named {
                id: PersonnelId(row.row_id),
                name: text(&row.name, "a person on the allowed personnel has no name")?,
            })
        })
        .collect::<Result<Vec<_>, AppError>>()?;
    allowed_personnel.sort_by_cached_key(|person| (person.name.to_lowercase(), person.id));
    let details = ClientDetails {
        first_name: text(&record.first_name, "a client has no first name")?,
        last_name: text(&record.last_name, "a client has no last name")?,
        date_of_birth: record.date_of_birth.clone(),
        identifier: text(&record.identifier, "a client has no identifier")?,
        organization_name: text(&record.organization_name, "a client's organization has no name")?,
        responsible: match (record.personnel_id, &record.name) {
            (Some(id), Some(name)) => Some(Named {
                id: PersonnelId(id),
                name: name.clone(),
            }),
            _ => None,
        },
        allowed_personnel,
    };
    Ok(Some((protection, details)))
}

/// The protection of the session record `id`, or `None` when there is no
/// such session. Sessions have no lock, allowed personnel or responsible
/// personnel: their organization, rules and overrides decide.
pub async fn load_session_record(
    tx: &mut Transaction<'_>,
    id: policy::SessionRecordId,
) -> Result<Option<Protection>, AppError> {
    let rows = fetch(
        &mut **tx,
        RecordTable::SESSION_RECORDS,
        SESSION_RECORD_PROTECTION.as_str(),
        id.0,
    )
    .await?;
    assemble(RecordTable::SESSION_RECORDS, &rows)
}

async fn fetch<'e>(
    executor: impl sqlx::Executor<'e, Database = Db>,
    table: RecordTable,
    statement: &'static str,
    id: i64,
) -> Result<Vec<ProtectionRow>, AppError> {
    Ok(sqlx::query_as(statement)
        .bind(id)
        .bind(table.kind.code())
        .fetch_all(executor)
        .await?)
}

/// The protection the rows of the protection statement describe; `None`
/// when they hold no "record" row (there is no such record).
fn assemble(table: RecordTable, rows: &[ProtectionRow]) -> Result<Option<Protection>, AppError> {
    let Some(record) = rows.iter().find(|row| row.part == "record") else {
        return Ok(None);
    };
    let organization = record
        .organization_id
        .ok_or_else(|| corrupt("a record has no organization"))?;
    let mut protection = Protection::new(table.kind, OrganizationId(organization));
    protection.responsible = record.personnel_id.map(PersonnelId);
    protection.locked = record.locked.is_some_and(|locked| locked != 0);
    for row in rows {
        match row.part.as_str() {
            "record" => {}
            "allowed" => protection.allowed_personnel.push(PersonnelId(person(row)?)),
            "rule" => protection.rules.push(rule_from_row("access_rules", row)?),
            "default" => protection
                .organization_default_rules
                .push(rule_from_row("default_rules", row)?),
            "override" => protection.overrides.push(Override {
                personnel: PersonnelId(person(row)?),
                granted_at: Timestamp(
                    row.granted_at
                        .ok_or_else(|| corrupt("an override has no start"))?,
                ),
                expires_at: Timestamp(row.expires_at.ok_or_else(|| corrupt("an override has no end"))?),
            }),
            _ => return Err(corrupt("the protection statement returned an unknown part")),
        }
    }
    Ok(Some(protection))
}

fn person(row: &ProtectionRow) -> Result<i64, AppError> {
    row.personnel_id
        .ok_or_else(|| corrupt("a row of a record's protection names no person"))
}
