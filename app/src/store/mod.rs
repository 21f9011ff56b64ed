//! The database: which engine, connecting, and the migrations in
//! `../migrations/<engine>`.
//!
//! Safehold runs on SQLite (the embedded default) or PostgreSQL, through
//! sqlx's `Any` driver: every query is written once, in SQL both engines
//! accept. What differs between the engines is named here and nowhere else:
//! how a connection is set up ([`connect`]), the migrations, and the
//! planner's statistics ([`refresh_statistics`]). ARCHITECTURE.md says why
//! `Any`, and what it costs.

mod engine;
mod flag;
pub mod numbered;

use std::time::Duration;

use sqlx::any::AnyPoolOptions;

pub use engine::{Engine, without_password};
pub use flag::Flag;

pub type Db = sqlx::Any;
pub type Pool = sqlx::AnyPool;

/// SQLite's migrations.
pub static SQLITE_MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("../migrations/sqlite");
/// PostgreSQL's migrations: the same tables, constraints, indexes and
/// triggers in PostgreSQL's dialect.
pub static POSTGRES_MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("../migrations/postgres");

/// Opens the database at `url` (`sqlite://…` or `postgres://…`), creating
/// a SQLite file if it does not exist.
pub async fn connect(url: &str) -> Result<Pool, sqlx::Error> {
    sqlx::any::install_default_drivers();
    let engine = Engine::of_url(url)?;
    let options = AnyPoolOptions::new().acquire_timeout(Duration::from_secs(30));
    match engine {
        // Four connections, two per core: on the 2-core bench machine this
        // made more profile pages a second than eight (about 3,100 against
        // 2,900) and no list slower (README, "Performance"). Each SQLite
        // connection is a thread of its own, so more of them only switch
        // threads more often.
        Engine::Sqlite => {
            options
                .max_connections(4)
                .after_connect(|connection, _| {
                    Box::pin(async move {
                        sqlx::raw_sql(engine::SQLITE_CONNECTION_SETUP)
                            .execute(connection)
                            .await
                            .map(|_| ())
                    })
                })
                .connect(&engine::sqlite_url_creating_file(url))
                .await
        }
        Engine::Postgres => options.max_connections(10).connect(url).await,
    }
}

/// The migrations of the pool's engine.
pub fn migrator(pool: &Pool) -> &'static sqlx::migrate::Migrator {
    match Engine::of_pool(pool) {
        Engine::Sqlite => &SQLITE_MIGRATOR,
        Engine::Postgres => &POSTGRES_MIGRATOR,
    }
}

/// Applies the migrations, fills the folded search columns of rows written
/// before they existed, and refreshes the query planner's statistics.
pub async fn migrate(pool: &Pool) -> Result<(), sqlx::migrate::MigrateError> {
    migrator(pool).run(pool).await?;
    crate::case_folding::fill_folded_columns(pool).await?;
    refresh_statistics(pool).await?;
    Ok(())
}

/// The tables whose ids the database gives (SQLite's AUTOINCREMENT or
/// rowid, PostgreSQL's identity columns).
pub const ID_TABLES: [&str; 10] = [
    "organizations",
    "roles",
    "personnel",
    "teams",
    "audit_log",
    "clients",
    "access_rules",
    "default_rules",
    "overrides",
    "session_records",
];

/// After rows were written with ids given by hand (`seed-scale`,
/// `copy-database`): the next id the database gives comes after the largest
/// one in each table. SQLite does this by itself; PostgreSQL's sequences are
/// moved here.
pub async fn move_id_sequences(pool: &Pool) -> Result<(), sqlx::Error> {
    if Engine::of_pool(pool) == Engine::Postgres {
        for table in ID_TABLES {
            sqlx::query(sqlx::AssertSqlSafe(format!(
                "SELECT setval(pg_get_serial_sequence('{table}', 'id'), COALESCE(MAX(id), 0) + 1, false) FROM {table}"
            )))
            .execute(pool)
            .await?;
        }
    }
    Ok(())
}

/// Lets the planner know the tables' sizes, so that a list starts from the
/// index that reads fewest rows.
///
/// On SQLite, `PRAGMA optimize` runs `ANALYZE` where it is out of date
/// (cheap when nothing changed). Then it keeps the sampled statistics
/// (`sqlite_stat4`) of the two listed tables only. With samples for an
/// index, SQLite prepares a statement again each time a value bound against
/// that index changes, to plan for that value: every page view re-parsed its
/// statements on the access rules, sessions and personnel, for plans that
/// were already the best ones. The lists' plans over clients and sessions
/// keep their samples.
///
/// On PostgreSQL, `ANALYZE` (autovacuum keeps it fresh afterwards).
pub async fn refresh_statistics(pool: &Pool) -> Result<(), sqlx::Error> {
    match Engine::of_pool(pool) {
        Engine::Postgres => {
            sqlx::query("ANALYZE").execute(pool).await?;
        }
        Engine::Sqlite => {
            sqlx::query("PRAGMA optimize=0x10002").execute(pool).await?;
            let sampled: Option<(i64,)> =
                sqlx::query_as("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'sqlite_stat4'")
                    .fetch_optional(pool)
                    .await?;
            if sampled.is_some() {
                sqlx::query("DELETE FROM sqlite_stat4 WHERE tbl NOT IN ('clients', 'session_records')")
                    .execute(pool)
                    .await?;
            }
        }
    }
    Ok(())
}
