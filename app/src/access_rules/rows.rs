//! The rows of one place's rules: `access_rules` for a record, keyed by its
//! kind and id, and `default_rules` for an organization. Reading them with
//! names, and adding, changing and removing one, inside the caller's
//! transaction.

use policy::{AccessRule, Code, RuleSubject};
use sqlx::QueryBuilder;

use crate::access_rules::{RuleLine, RulePlace};
use crate::accounts::Transaction;
use crate::error::AppError;
use crate::store::Db;

fn table(place: RulePlace) -> &'static str {
    match place {
        RulePlace::Record(_) => "access_rules",
        RulePlace::Organization(_) => "default_rules",
    }
}

/// ` AND <the place's key>`, with its values bound.
fn push_place(query: &mut QueryBuilder<Db>, place: RulePlace) {
    match place {
        RulePlace::Record(record) => {
            query
                .push(" AND r.record_kind = ")
                .push_bind(record.kind.code())
                .push(" AND r.record_id = ")
                .push_bind(record.id);
        }
        RulePlace::Organization(organization) => {
            query.push(" AND r.organization_id = ").push_bind(organization.0);
        }
    }
}

/// ` AND r.<the subject's column> = <id>`.
fn push_subject(query: &mut QueryBuilder<Db>, subject: RuleSubject) {
    match subject {
        RuleSubject::Personnel(person) => query.push(" AND r.personnel_id = ").push_bind(person.0),
        RuleSubject::Team(team) => query.push(" AND r.team_id = ").push_bind(team.0),
    };
}

/// The place's rules with the names of whom they are about, teams first,
/// then by name.
pub async fn lines(tx: &mut Transaction<'_>, place: RulePlace) -> Result<Vec<RuleLine>, AppError> {
    let mut query = QueryBuilder::new(format!(
        "SELECT r.personnel_id, r.team_id, r.effect, COALESCE(p.name, t.name, '') AS name FROM {} r \
         LEFT JOIN personnel p ON p.id = r.personnel_id LEFT JOIN teams t ON t.id = r.team_id WHERE 1 = 1",
        table(place)
    ));
    push_place(&mut query, place);
    query.push(
        " ORDER BY CASE WHEN r.team_id IS NULL THEN 1 ELSE 0 END, LOWER(COALESCE(p.name, t.name, '')), r.id",
    );
    let rows: Vec<RuleRow> = crate::store::numbered::query_as(&mut query)
        .fetch_all(&mut **tx)
        .await?;
    rows.into_iter()
        .map(|row| {
            // Never a grant by default: an unknown effect is refused.
            let rule =
                crate::records::protection::rule(table(place), row.personnel_id, row.team_id, &row.effect)?;
            Ok(RuleLine {
                subject: rule.subject,
                name: row.name,
                effect: rule.effect,
            })
        })
        .collect()
}

/// One rule with the name of the person or team it names.
#[derive(sqlx::FromRow)]
struct RuleRow {
    personnel_id: Option<i64>,
    team_id: Option<i64>,
    effect: String,
    name: String,
}

pub async fn insert(tx: &mut Transaction<'_>, place: RulePlace, rule: AccessRule) -> Result<(), AppError> {
    let (personnel, team) = match rule.subject {
        RuleSubject::Personnel(p) => (Some(p.0), None),
        RuleSubject::Team(t) => (None, Some(t.0)),
    };
    let mut query = QueryBuilder::<Db>::new(format!("INSERT INTO {} (", table(place)));
    match place {
        RulePlace::Record(record) => {
            query
                .push("record_kind, record_id, personnel_id, team_id, effect) VALUES (")
                .push_bind(record.kind.code())
                .push(", ")
                .push_bind(record.id);
        }
        RulePlace::Organization(organization) => {
            query
                .push("organization_id, personnel_id, team_id, effect) VALUES (")
                .push_bind(organization.0);
        }
    }
    query
        .push(", ")
        .push_bind(personnel)
        .push(", ")
        .push_bind(team)
        .push(", ")
        .push_bind(rule.effect.code())
        .push(")");
    crate::store::numbered::query(&mut query)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

pub async fn set_effect(
    tx: &mut Transaction<'_>,
    place: RulePlace,
    rule: AccessRule,
) -> Result<(), AppError> {
    let mut query = QueryBuilder::<Db>::new(format!("UPDATE {} SET effect = ", table(place)));
    query.push_bind(rule.effect.code());
    query.push(format!(
        " WHERE id IN (SELECT r.id FROM {} r WHERE 1 = 1",
        table(place)
    ));
    push_place(&mut query, place);
    push_subject(&mut query, rule.subject);
    query.push(")");
    crate::store::numbered::query(&mut query)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

pub async fn delete(
    tx: &mut Transaction<'_>,
    place: RulePlace,
    subject: RuleSubject,
) -> Result<(), AppError> {
    let mut query = QueryBuilder::<Db>::new(format!(
        "DELETE FROM {0} WHERE id IN (SELECT r.id FROM {0} r WHERE 1 = 1",
        table(place)
    ));
    push_place(&mut query, place);
    push_subject(&mut query, subject);
    query.push(")");
    crate::store::numbered::query(&mut query)
        .execute(&mut **tx)
        .await?;
    Ok(())
}
