//! Each part of a [`Plan`](super::plan::Plan) into its table, in the
//! caller's transaction, a few hundred rows per statement.

use app::accounts::{Transaction, ensure_role};
use app::case_folding::fold;
use app::error::AppError;
use app::store::Db;
use policy::{Code, RecordKind, Timestamp};
use sqlx::QueryBuilder;

use super::plan::{Client, Organization, Person, ROLES, Rule};

/// Rows per multi-row insert: well under SQLite's limit on bound values.
const BATCH: usize = 500;

/// The ids of the two organizations.
#[derive(Debug, Clone, Copy)]
pub struct Organizations {
    pub main: i64,
    pub second: i64,
}

impl Organizations {
    fn id(self, organization: Organization) -> i64 {
        match organization {
            Organization::Main => self.main,
            Organization::Second => self.second,
        }
    }
}

/// Inserts `rows` with `BATCH` rows per statement.
async fn insert_batches<T>(
    tx: &mut Transaction<'_>,
    head: &str,
    rows: &[T],
    mut bind: impl FnMut(&mut sqlx::query_builder::Separated<'_, Db, &'static str>, &T),
) -> Result<(), AppError> {
    for chunk in rows.chunks(BATCH) {
        let mut query: QueryBuilder<Db> = QueryBuilder::new(head);
        query.push_values(chunk, |mut b, row| bind(&mut b, row));
        app::store::numbered::query(&mut query).execute(&mut **tx).await?;
    }
    Ok(())
}

/// The role of each entry of [`ROLES`], with the demo's permissions.
pub async fn roles(tx: &mut Transaction<'_>) -> Result<Vec<i64>, AppError> {
    let mut ids = Vec::with_capacity(ROLES.len());
    for role in ROLES {
        ids.push(
            ensure_role(tx, role, &crate::demo::role_permissions(role))
                .await?
                .0,
        );
    }
    Ok(ids)
}

pub async fn personnel(
    tx: &mut Transaction<'_>,
    people: &[Person],
    organizations: Organizations,
    roles: &[i64],
    password_hash: &str,
    now: Timestamp,
) -> Result<(), AppError> {
    insert_batches(
        tx,
        "INSERT INTO personnel (id, organization_id, name, email, job_title, role_id, status, \
         site_administrator, case_manager, password_hash, must_change_password, created_at) ",
        people,
        |b, person| {
            b.push_bind(i64::from(person.id))
                .push_bind(organizations.id(person.organization))
                .push_bind(format!("Person {}", person.id))
                .push_bind(format!("person{}@scale.example", person.id))
                .push_bind(ROLES[person.role])
                .push_bind(roles[person.role])
                .push_bind(person.status.code())
                .push_bind(person.site_administrator)
                .push_bind(person.case_manager)
                .push_bind(password_hash.to_owned())
                .push_bind(false)
                .push_bind(now.0);
        },
    )
    .await
}

/// The teams (all of the main organization) and their members.
pub async fn teams(
    tx: &mut Transaction<'_>,
    teams: &[u32],
    organizations: Organizations,
    memberships: &[(u32, u32)],
) -> Result<(), AppError> {
    insert_batches(
        tx,
        "INSERT INTO teams (id, organization_id, name) ",
        teams,
        |b, &t| {
            b.push_bind(i64::from(t))
                .push_bind(organizations.main)
                .push_bind(format!("Team {t:03}"));
        },
    )
    .await?;
    insert_batches(
        tx,
        "INSERT INTO team_members (team_id, personnel_id) ",
        memberships,
        |b, &(t, n)| {
            b.push_bind(i64::from(t)).push_bind(i64::from(n));
        },
    )
    .await
}

pub async fn clients(
    tx: &mut Transaction<'_>,
    clients: &[Client],
    organizations: Organizations,
    now: Timestamp,
) -> Result<(), AppError> {
    insert_batches(
        tx,
        "INSERT INTO clients (id, organization_id, first_name, last_name, date_of_birth, \
         identifier, responsible_personnel_id, created_by, locked, created_at, \
         first_name_folded, last_name_folded, identifier_folded) ",
        clients,
        |b, client| {
            let identifier = format!("SC-{:06}", client.id);
            b.push_bind(i64::from(client.id))
                .push_bind(organizations.id(client.organization))
                .push_bind(client.first_name)
                .push_bind(client.last_name)
                .push_bind(client.date_of_birth.clone())
                .push_bind(identifier.clone())
                .push_bind(client.responsible.map(i64::from))
                .push_bind(i64::from(client.created_by))
                .push_bind(client.locked)
                .push_bind(now.0)
                .push_bind(fold(client.first_name))
                .push_bind(fold(client.last_name))
                .push_bind(fold(&identifier));
        },
    )
    .await
}

pub async fn allowed_personnel(tx: &mut Transaction<'_>, allowed: &[(u32, u32)]) -> Result<(), AppError> {
    insert_batches(
        tx,
        "INSERT INTO client_allowed_personnel (client_id, personnel_id) ",
        allowed,
        |b, &(c, p)| {
            b.push_bind(i64::from(c)).push_bind(i64::from(p));
        },
    )
    .await
}

pub async fn rules(tx: &mut Transaction<'_>, rules: &[Rule]) -> Result<(), AppError> {
    insert_batches(
        tx,
        "INSERT INTO access_rules (record_kind, record_id, personnel_id, team_id, effect) ",
        rules,
        |b, rule| {
            b.push_bind(RecordKind::Client.code())
                .push_bind(i64::from(rule.client))
                .push_bind(rule.personnel.map(i64::from))
                .push_bind(rule.team.map(i64::from))
                .push_bind(rule.effect.code());
        },
    )
    .await
}
