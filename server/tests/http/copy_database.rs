//! `safehold copy-database` (issue 15): the demo agency, kept in SQLite,
//! moves into this pass's engine (PostgreSQL in the test command's second
//! pass) with every table equal by count and checksum; a target with rows is
//! refused; a copy that fails half-way leaves the target empty.

use app::store::Pool;
use policy::Timestamp;
use server::copy::checksum;

use crate::support::START;
use crate::support::test_database::{self, TestDatabase};

/// A SQLite database with the demo agency in it.
async fn demo_source() -> (tempfile::TempDir, Pool) {
    let folder = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", folder.path().join("source.db").display());
    let pool = app::store::connect(&url).await.unwrap();
    app::store::migrate(&pool).await.unwrap();
    let hashing = app::auth::password_hash::Hashing::new(1, 8);
    assert!(
        server::demo::seed_demo(&pool, &hashing, Timestamp(START))
            .await
            .unwrap()
    );
    (folder, pool)
}

async fn rows_in_every_table(pool: &Pool) -> Vec<(String, i64)> {
    let mut counts = Vec::new();
    for table in server::copy::schema_tables(pool).await.unwrap() {
        let (rows,): (i64,) = sqlx::query_as(sqlx::AssertSqlSafe(format!("SELECT COUNT(*) FROM {table}")))
            .fetch_one(pool)
            .await
            .unwrap();
        counts.push((table, rows));
    }
    counts
}

#[tokio::test]
async fn the_demo_moves_with_every_table_equal_by_count_and_checksum() {
    let (_folder, source) = demo_source().await;
    let target: TestDatabase = test_database::empty().await;
    let mut printed = Vec::new();

    let copied = server::copy::copy_database(&source, &target.pool, &mut printed, false)
        .await
        .unwrap();

    // The table list comes from the schema, not from the command.
    let tables = server::copy::schema_tables(&source).await.unwrap();
    assert_eq!(server::copy::schema_tables(&target.pool).await.unwrap(), tables);
    assert_eq!(copied.tables.len(), tables.len(), "every table is copied");
    for table in &tables {
        let columns_source = server::copy::columns_of(&target.pool, table).await.unwrap();
        let from = checksum::of_table(&source, table, &columns_source).await.unwrap();
        let to = checksum::of_table(&target.pool, table, &columns_source)
            .await
            .unwrap();
        assert_eq!(from, to, "{table}");
    }
    for table in [
        "personnel",
        "clients",
        "session_records",
        "access_rules",
        "site_settings",
    ] {
        let rows = rows_in_every_table(&target.pool)
            .await
            .into_iter()
            .find(|(name, _)| name == table)
            .unwrap()
            .1;
        assert!(rows > 0, "the demo has {table}");
    }
    let printed = String::from_utf8(printed).unwrap();
    assert!(printed.contains("clients: "), "{printed}");
    assert!(printed.contains("on both sides"), "{printed}");

    // The next id comes after the copied ones.
    let (largest,): (i64,) = sqlx::query_as("SELECT MAX(id) FROM clients")
        .fetch_one(&target.pool)
        .await
        .unwrap();
    let (next,): (i64,) =
        sqlx::query_as("INSERT INTO organizations (name) VALUES ('After the move') RETURNING id")
            .fetch_one(&target.pool)
            .await
            .unwrap();
    let (organizations,): (i64,) =
        sqlx::query_as("SELECT MAX(id) FROM organizations WHERE name <> 'After the move'")
            .fetch_one(&target.pool)
            .await
            .unwrap();
    assert!(next > organizations, "{next} after {organizations}");
    assert!(largest > 0);
}

#[tokio::test]
async fn a_target_with_rows_is_refused_and_left_as_it_was() {
    let (_folder, source) = demo_source().await;
    let target: TestDatabase = test_database::migrated().await;
    sqlx::query("INSERT INTO organizations (name) VALUES ('Already here')")
        .execute(&target.pool)
        .await
        .unwrap();
    let before = rows_in_every_table(&target.pool).await;

    let error = server::copy::copy_database(&source, &target.pool, &mut Vec::new(), false)
        .await
        .unwrap_err();

    assert!(error.to_string().contains("not empty"), "{error}");
    assert_eq!(rows_in_every_table(&target.pool).await, before);
}

#[tokio::test]
async fn a_copy_that_fails_half_way_leaves_the_target_empty_and_says_why() {
    let (_folder, source) = demo_source().await;
    // A damaged source: a client whose organization does not exist. SQLite
    // took it with foreign keys off; the target refuses it.
    let mut connection = source.acquire().await.unwrap();
    sqlx::raw_sql(
        "PRAGMA foreign_keys = OFF; \
         INSERT INTO clients (organization_id, first_name, last_name, created_by, created_at) \
         VALUES (999, 'Lost', 'Record', 1, 0); \
         PRAGMA foreign_keys = ON;",
    )
    .execute(&mut *connection)
    .await
    .unwrap();
    drop(connection);
    let target: TestDatabase = test_database::empty().await;

    let error = server::copy::copy_database(&source, &target.pool, &mut Vec::new(), false)
        .await
        .unwrap_err();

    assert!(!error.to_string().is_empty());
    let left: Vec<(String, i64)> = rows_in_every_table(&target.pool)
        .await
        .into_iter()
        .filter(|(_, rows)| *rows > 0)
        .collect();
    assert_eq!(
        left,
        [("site_settings".to_string(), 1)],
        "only the migrations' settings row"
    );
}
