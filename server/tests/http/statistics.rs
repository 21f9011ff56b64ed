//! The planner's statistics: on SQLite, `migrate` keeps sampled statistics
//! only for the listed tables, so that the statements of a page view are not
//! prepared again for every value bound to them; on PostgreSQL it analyzes
//! the tables.

use app::store::Engine;

use crate::support::test_database::engine;
use crate::support::{Account, spawn_app};

#[tokio::test]
async fn migrate_gives_postgresql_the_tables_statistics() {
    if engine() != Engine::Postgres {
        return;
    }
    let app = spawn_app().await;
    let (_, viewer) = app.signed_in(Account::active("viewer@agency.example")).await;
    for n in 0..40 {
        crate::support::fixtures::add_client(&app, &format!("First{n}"), &format!("Last{n}"), viewer).await;
    }
    let analyzed = |pool| async move {
        let (columns,): (i64,) = sqlx::query_as(
            "SELECT COUNT(*) FROM pg_stats WHERE schemaname = 'public' AND tablename = 'clients'",
        )
        .fetch_one(pool)
        .await
        .unwrap();
        columns
    };
    assert_eq!(
        analyzed(&app.pool).await,
        0,
        "nothing analyzed the new clients yet"
    );

    app::store::migrate(&app.pool).await.unwrap();

    assert!(
        analyzed(&app.pool).await > 0,
        "migrate analyzed the clients table"
    );
}

#[tokio::test]
async fn migrate_keeps_sampled_statistics_for_the_listed_tables_only() {
    if engine() != Engine::Sqlite {
        return;
    }
    let app = spawn_app().await;
    let (_, viewer) = app.signed_in(Account::active("viewer@agency.example")).await;
    for n in 0..40 {
        crate::support::fixtures::add_client(&app, &format!("First{n}"), &format!("Last{n}"), viewer).await;
    }
    sqlx::query("ANALYZE").execute(&app.pool).await.unwrap();
    let tables = |pool| async move {
        let rows: Vec<(String,)> = sqlx::query_as("SELECT DISTINCT tbl FROM sqlite_stat4 ORDER BY tbl")
            .fetch_all(pool)
            .await
            .unwrap();
        rows.into_iter().map(|(table,)| table).collect::<Vec<_>>()
    };
    let before = tables(&app.pool).await;
    assert!(before.iter().any(|table| table == "sessions"), "{before:?}");
    assert!(before.iter().any(|table| table == "clients"), "{before:?}");

    app::store::migrate(&app.pool).await.unwrap();

    assert_eq!(tables(&app.pool).await, ["clients"]);
}
