//! A fresh database for one test, on the engine this run tests.
//!
//! SQLite unless `SAFEHOLD_TEST_POSTGRES` holds the URL of a PostgreSQL
//! server's maintenance database (`scripts/test.sh` sets it for its second
//! pass, after `ensure_postgres`). On PostgreSQL each test gets a throwaway
//! database of its own, dropped when the test ends. A PostgreSQL run that
//! cannot reach its server fails; it never falls back to SQLite.

#![allow(dead_code)]

use std::sync::atomic::{AtomicU32, Ordering};

use app::store::{Engine, Pool};

pub const POSTGRES_VARIABLE: &str = "SAFEHOLD_TEST_POSTGRES";

/// The engine this run tests.
pub fn engine() -> Engine {
    match std::env::var(POSTGRES_VARIABLE) {
        Ok(url) if !url.is_empty() => Engine::Postgres,
        _ => Engine::Sqlite,
    }
}

pub struct TestDatabase {
    pub url: String,
    pub pool: Pool,
    cleanup: Cleanup,
}

enum Cleanup {
    Folder(#[allow(dead_code)] tempfile::TempDir),
    Drop { server: String, name: String },
}

/// An empty database (no tables yet) on this run's engine.
pub async fn empty() -> TestDatabase {
    match std::env::var(POSTGRES_VARIABLE) {
        Ok(server) if !server.is_empty() => {
            let name = unique_name();
            let mut maintenance = maintenance_connection(&server).await;
            sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
                .execute(&mut maintenance)
                .await
                .unwrap_or_else(|e| panic!("creating the test database {name}: {e}"));
            let url = database_url(&server, &name);
            let pool = app::store::connect(&url).await.expect("the test database opens");
            TestDatabase {
                url,
                pool,
                cleanup: Cleanup::Drop { server, name },
            }
        }
        _ => {
            let folder = tempfile::tempdir().expect("temporary folder");
            let url = format!("sqlite://{}", folder.path().join("test.db").display());
            let pool = app::store::connect(&url).await.expect("database opens");
            TestDatabase {
                url,
                pool,
                cleanup: Cleanup::Folder(folder),
            }
        }
    }
}

/// [`empty`], with every migration applied.
pub async fn migrated() -> TestDatabase {
    let database = empty().await;
    app::store::migrate(&database.pool)
        .await
        .expect("migrations apply");
    database
}

async fn maintenance_connection(server: &str) -> sqlx::AnyConnection {
    use sqlx::Connection;
    sqlx::any::install_default_drivers();
    sqlx::AnyConnection::connect(server).await.unwrap_or_else(|e| {
        panic!(
            "{POSTGRES_VARIABLE}={server}: PostgreSQL cannot be reached ({e}). \
             scripts/test.sh starts it with ensure_postgres (scripts/tools.sh)."
        )
    })
}

/// `server` with its database name replaced by `name`.
fn database_url(server: &str, name: &str) -> String {
    let (before_query, query) = match server.split_once('?') {
        Some((before, query)) => (before, format!("?{query}")),
        None => (server, String::new()),
    };
    let base = before_query
        .rsplit_once('/')
        .map_or(before_query, |(base, _)| base);
    format!("{base}/{name}{query}")
}

fn unique_name() -> String {
    static NEXT: AtomicU32 = AtomicU32::new(0);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.subsec_nanos())
        .unwrap_or(0);
    format!(
        "safehold_test_{}_{}_{}",
        std::process::id(),
        NEXT.fetch_add(1, Ordering::Relaxed),
        nanos
    )
}

impl Drop for TestDatabase {
    fn drop(&mut self) {
        if let Cleanup::Drop { server, name } = &self.cleanup {
            let (server, dropping) = (server.clone(), name.clone());
            // Drop runs inside the test's runtime, which cannot block on
            // itself: a thread of its own drops the database. FORCE ends the
            // connections the test's server still holds.
            let dropped = std::thread::spawn(move || {
                let runtime = tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build()
                    .expect("a runtime");
                runtime.block_on(async {
                    let mut maintenance = maintenance_connection(&server).await;
                    sqlx::query(sqlx::AssertSqlSafe(format!(
                        "DROP DATABASE IF EXISTS {dropping} WITH (FORCE)"
                    )))
                    .execute(&mut maintenance)
                    .await
                })
            })
            .join();
            if !matches!(dropped, Ok(Ok(_))) && !std::thread::panicking() {
                panic!("the test database {name} could not be dropped: {dropped:?}");
            }
        }
    }
}
