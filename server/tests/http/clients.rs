//! The client search over HTTP (issue 5, first part): only clients the
//! rulebook lets the person view, counted the same way, and bare
//! "Restricted" entries for holders of "override access" only.

use app::case_folding::fold;
use policy::{Permission, PersonnelId};
use serde_json::Value;

use crate::support::{Account, TestApp, assert_refused, browser, not_active, please_sign_in, spawn_app};

pub async fn add_client(app: &TestApp, first: &str, last: &str, creator: PersonnelId) -> i64 {
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO clients (organization_id, first_name, last_name, date_of_birth, identifier, created_by, created_at, \
                              first_name_folded, last_name_folded, identifier_folded) \
         VALUES ((SELECT MIN(id) FROM organizations), $1, $2, '2015-03-09', $3, $4, 0, $5, $6, $7) RETURNING id",
    )
    .bind(first)
    .bind(last)
    .bind(format!("ID-{last}"))
    .bind(creator.0)
    .bind(fold(first))
    .bind(fold(last))
    .bind(fold(&format!("ID-{last}")))
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
        .call(&viewer, "search_clients", &[("query", "le"), ("mine", "false")])
        .await;
    assert_eq!(code, 200, "{body}");
    assert_eq!(
        names(&body, "clients"),
        ["Lee", "Leeds", "Lemon"],
        "the locked client of someone else is not there"
    );
    assert_eq!(body["count"]["counted"], 3);
    assert_eq!(
        names(&body, "restricted"),
        Vec::<String>::new(),
        "no override access, no hint that Jess exists"
    );

    let (_, body) = app
        .call(
            &viewer,
            "search_clients",
            &[("query", "ID-LEE"), ("mine", "false")],
        )
        .await;
    assert_eq!(names(&body, "clients"), ["Lee", "Leeds"], "by identifier prefix");
    let (_, body) = app
        .call(
            &viewer,
            "search_clients",
            &[("query", "2015-03-09"), ("mine", "false")],
        )
        .await;
    assert_eq!(body["count"]["counted"], 3, "by date of birth");

    let (holder, _) = app
        .signed_in(Account::holding(
            "holder@agency.example",
            &[Permission::ViewClients, Permission::OverrideAccess],
        ))
        .await;
    let (_, body) = app
        .call(&holder, "search_clients", &[("query", "je"), ("mine", "false")])
        .await;
    assert_eq!(body["count"]["counted"], 0);
    assert_eq!(
        names(&body, "restricted"),
        ["Jess Leigh"],
        "a bare entry with the way to override"
    );
    assert!(
        body["restricted"][0].get("identifier").is_none(),
        "nothing but the name"
    );
    let (_, body) = app
        .call(&holder, "search_clients", &[("query", " "), ("mine", "false")])
        .await;
    assert_eq!(
        names(&body, "restricted"),
        Vec::<String>::new(),
        "a locked client's name takes a typed search to find"
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
                .call(holder, "search_clients", &[("query", query), ("mine", "false")])
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

fn later(body: &Value) -> String {
    body["links"]["later"].as_str().expect("a next page").to_owned()
}

#[tokio::test]
async fn the_search_pages_after_the_last_client_shown_even_while_clients_are_added() {
    let app = spawn_app().await;
    let (viewer, viewer_id) = app.signed_in(Account::active("viewer@agency.example")).await;
    for i in 0..30 {
        add_client(&app, "Sam", &format!("Page{i:02}"), viewer_id).await;
    }
    let search = |after: String, before: String| {
        let (app, viewer) = (&app, &viewer);
        async move {
            let form = [
                ("query", "page"),
                ("mine", "false"),
                ("after", &after),
                ("before", &before),
            ];
            let (code, body) = app.call(viewer, "search_clients", &form).await;
            assert_eq!(code, 200, "{body}");
            body
        }
    };
    let first = search(String::new(), String::new()).await;
    assert_eq!(first["clients"].as_array().unwrap().len(), 25);
    assert_eq!(
        first["count"],
        serde_json::json!({ "counted": 30, "more": false })
    );
    assert!(
        first["links"]["earlier"].is_null(),
        "nothing before the first page"
    );
    // Someone adds a client that sorts before the page staff are on.
    add_client(&app, "Sam", "Page00a", viewer_id).await;
    let second = search(later(&first), String::new()).await;
    assert_eq!(
        names(&second, "clients"),
        ["Page25", "Page26", "Page27", "Page28", "Page29"],
        "Next shows the clients after the last one shown"
    );
    assert_eq!(second["count"]["counted"], 31);
    assert!(second["links"]["later"].is_null(), "the last page");
    let earlier = second["links"]["earlier"].as_str().unwrap().to_owned();
    let back = search(String::new(), earlier).await;
    assert_eq!(names(&back, "clients").len(), 25);
    assert_eq!(
        names(&back, "clients").last().unwrap(),
        "Page24",
        "Previous ends just before"
    );
    assert_eq!(
        names(&back, "clients")[0],
        "Page00a",
        "and holds the client added meanwhile"
    );
    assert!(
        !back["links"]["earlier"].is_null(),
        "with one more client before it"
    );
}

#[tokio::test]
async fn a_page_link_the_server_did_not_make_is_refused_at_its_field() {
    let app = spawn_app().await;
    let (viewer, _) = app.signed_in(Account::active("viewer@agency.example")).await;
    let form = [
        ("query", ""),
        ("mine", "false"),
        ("after", "'; DROP TABLE clients"),
        ("before", ""),
    ];
    let (code, body) = app.call(&viewer, "search_clients", &form).await;
    assert_eq!(code, 422, "{body}");
    assert!(body.to_string().contains("after"), "{body}");
    let form = [
        ("query", ""),
        ("mine", "false"),
        ("after", "[\"a\",\"b\",1]"),
        ("before", "[\"a\",\"b\",1]"),
    ];
    let (code, body) = app.call(&viewer, "search_clients", &form).await;
    assert_eq!(code, 422, "not both at once: {body}");
}

#[tokio::test]
async fn counts_stop_at_a_thousand_and_say_more_than() {
    let app = spawn_app().await;
    let (viewer, viewer_id) = app.signed_in(Account::active("viewer@agency.example")).await;
    sqlx::query(
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1001) \
         INSERT INTO clients (organization_id, first_name, last_name, identifier, created_by, created_at, \
                              first_name_folded, last_name_folded, identifier_folded) \
         SELECT (SELECT MIN(id) FROM organizations), 'Many', 'Many' || i, '', $1, 0, 'many', 'many' || i, '' FROM n",
    )
    .bind(viewer_id.0)
    .execute(&app.pool)
    .await
    .unwrap();
    let (_, body) = app
        .call(&viewer, "search_clients", &[("query", "many"), ("mine", "false")])
        .await;
    assert_eq!(
        body["count"],
        serde_json::json!({ "counted": 1000, "more": true }),
        "1,001 match"
    );
    let (_, body) = app
        .call(
            &viewer,
            "search_clients",
            &[("query", "many100"), ("mine", "false")],
        )
        .await;
    assert_eq!(
        body["count"],
        serde_json::json!({ "counted": 3, "more": false }),
        "exact below the limit: Many100, Many1000 and Many1001"
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
        .call(&viewer, "search_clients", &[("query", ""), ("mine", "false")])
        .await;
    assert_eq!(all["count"]["counted"], 2);
    let (_, only_mine) = app
        .call(&viewer, "search_clients", &[("query", ""), ("mine", "true")])
        .await;
    assert_eq!(names(&only_mine, "clients"), ["Mine"]);
    assert_eq!(only_mine["count"]["counted"], 1);
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
    let form = [("query", ""), ("mine", "false")];
    let answer = app.call(&nobody, "search_clients", &form).await;
    assert_refused(&answer, 403, "View clients", "without view clients");
    let answer = app.call(&gone, "search_clients", &form).await;
    assert_refused(&answer, 403, &not_active(), "for an Inactive account");
    let answer = app.call(&browser(), "search_clients", &form).await;
    assert_refused(&answer, 401, &please_sign_in(), "signed out");
}
