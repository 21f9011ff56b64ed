//! `safehold seed-scale`: fills an empty database with synthetic data at the
//! size of a large agency (by default 100,000 clients, 2,000 personnel, 200
//! teams, 20,000 access rules, 5% of clients locked), the same for the same
//! seed, for the client-search benchmark (`server/benches/client_search.rs`)
//! and for trying the product at scale.
//!
//! Ids are given explicitly (the database must be empty), and rows go in
//! with multi-row inserts in one transaction: about ten seconds on SQLite.

use crate::case_folding::fold;
use std::collections::HashSet;

use policy::{Code, PersonnelStatus, RecordKind, RuleEffect, Timestamp};
use rand::rngs::StdRng;
use rand::seq::IndexedRandom;
use rand::{Rng, SeedableRng};
use sqlx::QueryBuilder;

use crate::accounts::{Transaction, ensure_organization, ensure_role};
use crate::error::AppError;
use crate::store::{Db, Pool};

/// Every synthetic account's password.
pub const SCALE_PASSWORD: &str = "Scale test passphrase 2026";
/// The site administrator's login; the others are `person<N>@scale.example`.
pub const SCALE_ADMIN: &str = "person1@scale.example";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ScaleOptions {
    pub clients: u32,
    pub personnel: u32,
    pub teams: u32,
    pub rules: u32,
    pub locked_percent: u32,
    pub seed: u64,
}

impl Default for ScaleOptions {
    fn default() -> Self {
        ScaleOptions {
            clients: 100_000,
            personnel: 2_000,
            teams: 200,
            rules: 20_000,
            locked_percent: 5,
            seed: 2026,
        }
    }
}

/// What was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ScaleSummary {
    pub clients: u32,
    pub personnel: u32,
    pub teams: u32,
    pub rules: u32,
    pub locked: u32,
}

/// The roles of the synthetic personnel, by person number modulo 10.
const ROLES: [&str; 10] = [
    "Administrator",
    "Case manager",
    "Case manager",
    "Case manager",
    "Case manager",
    "Case manager",
    "Intake",
    "Intake",
    "Read-only",
    "Read-only",
];

const FIRST_NAMES: &[&str] = &[
    "Aroha", "Liam", "Maya", "Noah", "Sofia", "Tane", "Ava", "Leo", "Mia", "Eli", "Zoe", "Kai", "Isla",
    "Finn", "Ruby", "Hemi", "Grace", "Luca", "Ella", "Nikau", "Amara", "Jack", "Priya", "Omar", "Hana",
    "Theo", "Lena", "Ari", "Nia", "Sam",
];

const LAST_NAMES: &[&str] = &[
    "Ngata", "Chen", "Brown", "Garcia", "Smith", "Patel", "Walker", "Nguyen", "Wilson", "Taylor", "Kumar",
    "Martin", "Lee", "Thompson", "White", "Harris", "Clark", "Lewis", "Young", "King", "Wright", "Scott",
    "Green", "Baker", "Adams", "Nelson", "Hill", "Campbell", "Mitchell", "Roberts", "Carter", "Phillips",
    "Evans", "Turner", "Torres", "Parker", "Collins", "Edwards", "Stewart", "Morris", "Murphy", "Cook",
    "Rogers", "Morgan", "Peterson", "Cooper", "Reed", "Bailey", "Bell", "Gomez",
];

/// Rows per multi-row insert: well under SQLite's limit on bound values.
const BATCH: usize = 500;

fn random_name(rng: &mut StdRng) -> (&'static str, &'static str) {
    (
        FIRST_NAMES.choose(rng).copied().unwrap_or("Sam"),
        LAST_NAMES.choose(rng).copied().unwrap_or("Lee"),
    )
}

/// Fills the empty database at `pool`.
pub async fn seed_scale(
    pool: &Pool,
    hashing: &crate::auth::password_hash::Hashing,
    options: ScaleOptions,
    now: Timestamp,
) -> Result<ScaleSummary, AppError> {
    let (existing,): (i64,) =
        sqlx::query_as("SELECT (SELECT COUNT(*) FROM personnel) + (SELECT COUNT(*) FROM clients) + (SELECT COUNT(*) FROM teams)")
            .fetch_one(pool)
            .await?;
    if existing > 0 {
        return Err(AppError::Conflict {
            message: "seed-scale fills only an empty database, and this one already has personnel, clients or teams."
                .into(),
        });
    }
    let personnel = options.personnel.max(1);
    let teams = options.teams.max(1);
    let password_hash = crate::auth::password_hash::hash(hashing, SCALE_PASSWORD.into()).await?;
    let mut rng = StdRng::seed_from_u64(options.seed);
    let mut tx = pool.begin().await?;
    let main = ensure_organization(&mut tx, "Northside Family Services").await?.0;
    let second = ensure_organization(&mut tx, "Southside Clinic").await?.0;
    let mut role_ids = Vec::new();
    for role in ROLES {
        role_ids.push(
            ensure_role(&mut tx, role, &crate::demo::role_permissions(role))
                .await?
                .0,
        );
    }
    let organization_of = |n: u32| if n % 10 == 9 { second } else { main };

    // Personnel 1 is the site administrator; 2% are Inactive and 1% Pending.
    let people: Vec<u32> = (1..=personnel).collect();
    insert_batches(
        &mut tx,
        "INSERT INTO personnel (id, organization_id, name, email, job_title, role_id, status, \
         site_administrator, case_manager, password_hash, must_change_password, created_at) ",
        &people,
        |b, &n| {
            let role = ROLES[(n % 10) as usize];
            let status = match n % 100 {
                50 | 51 if n > 1 => PersonnelStatus::Inactive,
                52 if n > 1 => PersonnelStatus::Pending,
                _ => PersonnelStatus::Active,
            };
            b.push_bind(i64::from(n))
                .push_bind(organization_of(n))
                .push_bind(format!("Person {n}"))
                .push_bind(format!("person{n}@scale.example"))
                .push_bind(role)
                .push_bind(role_ids[(n % 10) as usize])
                .push_bind(status.code())
                .push_bind(n == 1)
                .push_bind(role == "Case manager")
                .push_bind(password_hash.clone())
                .push_bind(false)
                .push_bind(now.0);
        },
    )
    .await?;
    let case_managers: Vec<u32> = people
        .iter()
        .copied()
        .filter(|n| ROLES[(n % 10) as usize] == "Case manager")
        .collect();

    let team_numbers: Vec<u32> = (1..=teams).collect();
    insert_batches(
        &mut tx,
        "INSERT INTO teams (id, organization_id, name) ",
        &team_numbers,
        |b, &t| {
            b.push_bind(i64::from(t))
                .push_bind(main)
                .push_bind(format!("Team {t:03}"));
        },
    )
    .await?;
    // Each person (but the site administrator) in one to five teams.
    let mut memberships = Vec::new();
    for &n in &people[1..] {
        let count = rng.random_range(1..=5u32.min(teams));
        let mut chosen = HashSet::new();
        while chosen.len() < count as usize {
            chosen.insert(rng.random_range(1..=teams));
        }
        memberships.extend(chosen.into_iter().map(|t| (t, n)));
    }
    insert_batches(
        &mut tx,
        "INSERT INTO team_members (team_id, personnel_id) ",
        &memberships,
        |b, &(t, n)| {
            b.push_bind(i64::from(t)).push_bind(i64::from(n));
        },
    )
    .await?;

    let mut clients = Vec::with_capacity(options.clients as usize);
    let mut locked = Vec::new();
    for id in 1..=options.clients {
        let (first, last) = random_name(&mut rng);
        let born = format!(
            "{}-{:02}-{:02}",
            rng.random_range(1940..=2024),
            rng.random_range(1..=12),
            rng.random_range(1..=28)
        );
        let responsible = (!case_managers.is_empty() && rng.random_bool(0.8))
            .then(|| case_managers[rng.random_range(0..case_managers.len())]);
        let is_locked = rng.random_range(0..100) < options.locked_percent;
        if is_locked {
            locked.push(id);
        }
        let creator = rng.random_range(1..=personnel);
        clients.push((
            id,
            organization_of(id),
            first,
            last,
            born,
            responsible,
            creator,
            is_locked,
        ));
    }
    insert_batches(
        &mut tx,
        "INSERT INTO clients (id, organization_id, first_name, last_name, date_of_birth, \
         identifier, responsible_personnel_id, created_by, locked, created_at, \
         first_name_folded, last_name_folded, identifier_folded) ",
        &clients,
        |b, row| {
            let (id, organization, first, last, born, responsible, creator, is_locked) = row;
            let identifier = format!("SC-{id:06}");
            b.push_bind(i64::from(*id))
                .push_bind(*organization)
                .push_bind(*first)
                .push_bind(*last)
                .push_bind(born.clone())
                .push_bind(identifier.clone())
                .push_bind(responsible.map(i64::from))
                .push_bind(i64::from(*creator))
                .push_bind(*is_locked)
                .push_bind(now.0)
                .push_bind(fold(first))
                .push_bind(fold(last))
                .push_bind(fold(&identifier));
        },
    )
    .await?;
    // A locked client always has one to three allowed personnel.
    let mut allowed = Vec::new();
    for &client in &locked {
        let mut chosen = HashSet::new();
        let count = rng.random_range(1..=3u32.min(personnel));
        while chosen.len() < count as usize {
            chosen.insert(rng.random_range(1..=personnel));
        }
        allowed.extend(chosen.into_iter().map(|p| (client, p)));
    }
    insert_batches(
        &mut tx,
        "INSERT INTO client_allowed_personnel (client_id, personnel_id) ",
        &allowed,
        |b, &(c, p)| {
            b.push_bind(i64::from(c)).push_bind(i64::from(p));
        },
    )
    .await?;

    // Access rules on random clients: one per subject and record, 60% about
    // a team, 70% grants.
    let mut seen = HashSet::new();
    let mut rules = Vec::new();
    let wanted = if options.clients == 0 {
        0
    } else {
        options.rules as usize
    };
    let mut attempts = 0usize;
    while rules.len() < wanted && attempts < wanted * 4 {
        attempts += 1;
        let client = rng.random_range(1..=options.clients);
        let team = rng.random_bool(0.6);
        let who = if team {
            rng.random_range(1..=teams)
        } else {
            rng.random_range(1..=personnel)
        };
        if seen.insert((client, team, who)) {
            rules.push((
                client,
                team,
                who,
                if rng.random_bool(0.7) {
                    RuleEffect::Grant
                } else {
                    RuleEffect::Deny
                }
                .code(),
            ));
        }
    }
    insert_batches(
        &mut tx,
        "INSERT INTO access_rules (record_kind, record_id, personnel_id, team_id, effect) ",
        &rules,
        |b, &(client, team, who, effect)| {
            b.push_bind(RecordKind::Client.code())
                .push_bind(i64::from(client))
                .push_bind((!team).then_some(i64::from(who)))
                .push_bind(team.then_some(i64::from(who)))
                .push_bind(effect);
        },
    )
    .await?;
    tx.commit().await?;
    crate::store::refresh_statistics(pool).await?;
    Ok(ScaleSummary {
        clients: options.clients,
        personnel,
        teams,
        rules: rules.len() as u32,
        locked: locked.len() as u32,
    })
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
        query.build().execute(&mut **tx).await?;
    }
    Ok(())
}
