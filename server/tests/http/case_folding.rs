//! Searches ignore case in any language: the folded copies of names are
//! written with every client, and `migrate` fills them for clients written
//! before they existed.

use app::api::clients::SearchClients;
use app::paging::PageFrom;
use policy::Timestamp;

use crate::support::fixtures::add_client;
use crate::support::{Account, spawn_app};

#[tokio::test]
async fn a_search_in_either_case_finds_names_beyond_ascii() {
    let app = spawn_app().await;
    let (viewer, viewer_id) = app.signed_in(Account::active("viewer@agency.example")).await;
    add_client(&app, "Ātaahua", "Ōtaki", viewer_id).await;
    for text in ["āt", "ĀT", "ōtaki", "ŌTA", "ātaahua ō"] {
        let search = SearchClients {
            query: text.into(),
            mine: false,
            after: String::new(),
            before: String::new(),
        };
        let page = app.ask(&viewer, search).await.ok();
        assert_eq!(page.count.counted, 1, "{text}: {page:?}");
    }
}

#[tokio::test]
async fn migrate_fills_the_folded_names_of_clients_written_before_them() {
    let data = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", data.path().join("old.db").display());
    let pool = app::store::connect(&url).await.unwrap();
    // The schema before migration 0009, with one client written then.
    app::store::SQLITE_MIGRATOR.run_to(8, &pool).await.unwrap();
    sqlx::query("INSERT INTO organizations (name) VALUES ('Agency')")
        .execute(&pool)
        .await
        .unwrap();
    sqlx::query("INSERT INTO roles (name) VALUES ('Any')")
        .execute(&pool)
        .await
        .unwrap();
    sqlx::query(
        "INSERT INTO personnel (organization_id, name, email, role_id, status, password_hash, site_administrator, created_at) \
         VALUES (1, 'Admin', 'admin@agency.example', 1, 'Active', 'x', TRUE, 0)",
    )
    .execute(&pool)
    .await
    .unwrap();
    sqlx::query(
        "INSERT INTO clients (organization_id, first_name, last_name, identifier, created_by, created_at) \
         VALUES (1, 'Ēru', 'ÖZTÜRK', 'NHI-ÄB', 1, 0)",
    )
    .execute(&pool)
    .await
    .unwrap();
    sqlx::query(
        "INSERT INTO session_records (organization_id, title, held_on, created_by, created_at) \
         VALUES (1, 'WHĀNAU HUI', '2026-11-20', 1, 0)",
    )
    .execute(&pool)
    .await
    .unwrap();

    app::store::migrate(&pool).await.unwrap();

    let folded: (String, String, String) =
        sqlx::query_as("SELECT first_name_folded, last_name_folded, identifier_folded FROM clients")
            .fetch_one(&pool)
            .await
            .unwrap();
    assert_eq!(
        folded,
        ("ēru".to_owned(), "öztürk".to_owned(), "nhi-äb".to_owned())
    );
    let (title,): (String,) = sqlx::query_as("SELECT title_folded FROM session_records")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(title, "whānau hui");
    let (admin, _) = app::auth::subject::load(&pool, policy::PersonnelId(1))
        .await
        .unwrap();
    let settings = app::settings::load(&pool).await.unwrap().access;
    let from = PageFrom::Start;
    let query = app::clients::search::ClientQuery {
        text: "öz",
        mine: false,
        from: &from,
    };
    let asking = app::asking::Asking {
        subject: &admin,
        settings: &settings,
        now: Timestamp(1),
    };
    let found = app::clients::search::search(&pool, asking, query).await.unwrap();
    assert_eq!(found.clients.len(), 1, "found by the folded last name");
}
