//! The client search over HTTP (issue 5, first part): only clients the
//! rulebook lets the person view, counted the same way, and bare
//! "Restricted" entries for holders of "override access" only.

use policy::{Permission, PersonnelId};
use serde_json::Value;

use crate::support::{Account, TestApp, assert_refused, browser, not_active, please_sign_in, spawn_app};

pub async fn add_client(app: &TestApp, first: &str, last: &str, creator: PersonnelId) -> i64 {
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO clients (organization_id, first_name, last_name, date_of_birth, identifier, created_by, created_at) \
         VALUES ((SELECT MIN(id) FROM organizations), $1, $2, '2015-03-09', $3, $4, 0) RETURNING id",
    )
    .bind(first)
    .bind(last)
    .bind(format!("ID-{last}"))
    .bind(creator.0)
    .fetch_one(&app.pool)
    .await
    .unwrap();
    id
}

pub async fn lock_for(app: &TestApp, client: i64, allowed: PersonnelId) {
    sqlx::query("UPDATE clients SET locked = TRUE WHERE id = $1")
        .bind(client)
        .execute(&app.pool)
        .await
        .unwrap();
    sqlx::query("INSERT INTO client_allowed_personnel (client_id, personnel_id) VALUES ($1, $2)")
        .bind(client)
        .bind(allowed.0)
        .execute(&app.pool)
        .await
        .unwrap();
}

fn names(body: &Value, list: &str) -> Vec<String> {
    body[list]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            c.get("name").map_or_else(
                || c["last_name"].as_str().unwrap().to_owned(),
                |n| n.as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

#[tokio::test]
async fn the_search_returns_only_clients_the_person_may_view_and_counts_them_the_same_way() {
    let app = spawn_app().await;
    let (viewer, viewer_id) = app.signed_in(Account::active("viewer@agency.example")).await;
    let other = app.add_account(Account::active("other@agency.example")).await;
    add_client(&app, "Jordan", "Lee", other).await;
    add_client(&app, "Jamie", "Leeds", other).await;
    let hidden = add_client(&app, "Jess", "Leigh", other).await;
    lock_for(&app, hidden, other).await;
    let mine = add_client(&app, "Joss", "Lemon", other).await;
    lock_for(&app, mine, viewer_id).await;

    let (code, body) = app
        .call(
            &viewer,
            "search_clients",
            &[("query", "le"), ("mine", "false"), ("page", "0")],
        )
        .await;
    assert_eq!(code, 200, "{body}");
    assert_eq!(
        names(&body, "clients"),
        ["Lee", "Leeds", "Lemon"],
        "the locked client of someone else is not there"
    );
    assert_eq!(body["total"], 3);
    assert_eq!(
        names(&body, "restricted"),
        Vec::<String>::new(),
        "no override access, no hint that Jess exists"
    );

    let (_, body) = app
        .call(
            &viewer,
            "search_clients",
            &[("query", "ID-LEE"), ("mine", "false"), ("page", "0")],
        )
        .await;
    assert_eq!(names(&body, "clients"), ["Lee", "Leeds"], "by identifier prefix");
    let (_, body) = app
        .call(
            &viewer,
            "search_clients",
            &[("query", "2015-03-09"), ("mine", "false"), ("page", "0")],
        )
        .await;
    assert_eq!(body["total"], 3, "by date of birth");

    let (holder, _) = app
        .signed_in(Account::holding(
            "holder@agency.example",
            &[Permission::ViewClients, Permission::OverrideAccess],
        ))
        .await;
    let (_, body) = app
        .call(
            &holder,
            "search_clients",
            &[("query", "je"), ("mine", "false"), ("page", "0")],
        )
        .await;
    assert_eq!(body["total"], 0);
    assert_eq!(
        names(&body, "restricted"),
        ["Jess Leigh"],
        "a bare entry with the way to override"
    );
    assert!(
        body["restricted"][0].get("identifier").is_none(),
        "nothing but the name"
    );
}

#[tokio::test]
async fn restricted_entries_are_found_by_name_only_never_by_identifier_or_date_of_birth() {
    let app = spawn_app().await;
    let other = app.add_account(Account::active("other@agency.example")).await;
    add_client(&app, "Open", "Client", other).await;
    let hidden = add_client(&app, "Jess", "Leigh", other).await;
    lock_for(&app, hidden, other).await;
    sqlx::query("UPDATE clients SET date_of_birth = '2011-07-01', identifier = 'NHI-7788' WHERE id = $1")
        .bind(hidden)
        .execute(&app.pool)
        .await
        .unwrap();
    let (holder, _) = app
        .signed_in(Account::holding(
            "holder@agency.example",
            &[Permission::ViewClients, Permission::OverrideAccess],
        ))
        .await;
    let search = |query: &'static str| {
        let (app, holder) = (&app, &holder);
        async move {
            let (code, body) = app
                .call(
                    holder,
                    "search_clients",
                    &[("query", query), ("mine", "false"), ("page", "0")],
                )
                .await;
            assert_eq!(code, 200, "{body}");
            (names(&body, "clients"), names(&body, "restricted"))
        }
    };
    for probe in ["NHI-7788", "NHI-77", "nhi", "2011-07-01"] {
        assert_eq!(
            search(probe).await,
            (Vec::<String>::new(), Vec::<String>::new()),
            "{probe}: a restricted client's name is never learnt from its identifier or date of birth"
        );
    }
    assert_eq!(
        search("2015-03-09").await.0,
        ["Client"],
        "the clients they may open are still found by date of birth"
    );
    assert_eq!(search("ID-Cl").await.0, ["Client"], "and by identifier");
    for name in ["Jess", "leigh", "Jess Le"] {
        assert_eq!(
            search(name).await,
            (Vec::<String>::new(), vec!["Jess Leigh".to_owned()]),
            "{name}: found by name, as a bare entry"
        );
    }
}

#[tokio::test]
async fn the_search_pages_through_the_results() {
    let app = spawn_app().await;
    let (viewer, viewer_id) = app.signed_in(Account::active("viewer@agency.example")).await;
    for i in 0..30 {
        add_client(&app, "Sam", &format!("Page{i:02}"), viewer_id).await;
    }
    let (_, first) = app
        .call(
            &viewer,
            "search_clients",
            &[("query", "page"), ("mine", "false"), ("page", "0")],
        )
        .await;
    let (_, second) = app
        .call(
            &viewer,
            "search_clients",
            &[("query", "page"), ("mine", "false"), ("page", "1")],
        )
        .await;
    assert_eq!(
        (first["total"].as_i64(), second["total"].as_i64()),
        (Some(30), Some(30))
    );
    assert_eq!(first["clients"].as_array().unwrap().len(), 25);
    assert_eq!(
        names(&second, "clients"),
        ["Page25", "Page26", "Page27", "Page28", "Page29"]
    );
}

#[tokio::test]
async fn my_clients_are_those_the_person_is_responsible_for() {
    let app = spawn_app().await;
    let (viewer, viewer_id) = app.signed_in(Account::active("viewer@agency.example")).await;
    let other = app.add_account(Account::active("other@agency.example")).await;
    let mine = add_client(&app, "Ana", "Mine", other).await;
    add_client(&app, "Ben", "Theirs", other).await;
    sqlx::query("UPDATE clients SET responsible_personnel_id = $1 WHERE id = $2")
        .bind(viewer_id.0)
        .bind(mine)
        .execute(&app.pool)
        .await
        .unwrap();
    let (_, all) = app
        .call(
            &viewer,
            "search_clients",
            &[("query", ""), ("mine", "false"), ("page", "0")],
        )
        .await;
    assert_eq!(all["total"], 2);
    let (_, only_mine) = app
        .call(
            &viewer,
            "search_clients",
            &[("query", ""), ("mine", "true"), ("page", "0")],
        )
        .await;
    assert_eq!(names(&only_mine, "clients"), ["Mine"]);
    assert_eq!(only_mine["total"], 1);
}

#[tokio::test]
async fn the_search_is_refused_without_view_clients_inactive_and_signed_out() {
    let app = spawn_app().await;
    let (nobody, _) = app.signed_in(Account::holding("none@agency.example", &[])).await;
    let (gone, gone_id) = app.signed_in(Account::active("gone@agency.example")).await;
    sqlx::query("UPDATE personnel SET status = 'Inactive' WHERE id = $1")
        .bind(gone_id.0)
        .execute(&app.pool)
        .await
        .unwrap();
    let form = [("query", ""), ("mine", "false"), ("page", "0")];
    let answer = app.call(&nobody, "search_clients", &form).await;
    assert_refused(&answer, 403, "View clients", "without view clients");
    let answer = app.call(&gone, "search_clients", &form).await;
    assert_refused(&answer, 403, &not_active(), "for an Inactive account");
    let answer = app.call(&browser(), "search_clients", &form).await;
    assert_refused(&answer, 401, &please_sign_in(), "signed out");
}
