//! `safehold seed-scale`: fills an empty database with synthetic data at the
//! size of a large agency (by default 100,000 clients, 2,000 personnel, 200
//! teams, 20,000 access rules, 5% of clients locked), the same for the same
//! seed, for the client-search benchmark (`server/benches/client_search.rs`)
//! and for trying the product at scale.
//!
//! [`plan`] draws what to write from the seed, without the database;
//! [`writers`] puts it in with explicit ids (the database must be empty) and
//! multi-row inserts, in one transaction: a few seconds on SQLite.

pub mod plan;
mod writers;

use app::accounts::ensure_organization;
use app::error::AppError;
use app::store::Pool;
use policy::Timestamp;

use plan::Plan;

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

/// Fills the empty database at `pool`.
pub async fn seed_scale(
    pool: &Pool,
    hashing: &app::auth::password_hash::Hashing,
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
    let plan = Plan::draw(options);
    let password_hash = app::auth::password_hash::hash(hashing, SCALE_PASSWORD.into()).await?;
    let mut tx = pool.begin().await?;
    let organizations = writers::Organizations {
        main: ensure_organization(&mut tx, "Northside Family Services").await?.0,
        second: ensure_organization(&mut tx, "Southside Clinic").await?.0,
    };
    let roles = writers::roles(&mut tx).await?;
    writers::personnel(&mut tx, &plan.people, organizations, &roles, &password_hash, now).await?;
    writers::teams(&mut tx, &plan.teams, organizations, &plan.memberships).await?;
    writers::clients(&mut tx, &plan.clients, organizations, now).await?;
    writers::allowed_personnel(&mut tx, &plan.allowed).await?;
    writers::rules(&mut tx, &plan.rules).await?;
    tx.commit().await?;
    app::store::move_id_sequences(pool).await?;
    app::store::refresh_statistics(pool).await?;
    Ok(ScaleSummary {
        clients: options.clients,
        personnel: plan.people.len() as u32,
        teams: plan.teams.len() as u32,
        rules: plan.rules.len() as u32,
        locked: plan.clients.iter().filter(|c| c.locked).count() as u32,
    })
}
