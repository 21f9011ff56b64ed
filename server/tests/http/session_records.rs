//! Session records over HTTP (seed 003, issue 6): create, list and open a
//! group or family session; the same rulebook as clients (rules, default
//! rules, overrides); a session's page lists only the attending clients the
//! viewer may open.

use policy::{ClientId, Permission, PersonnelId};
use serde_json::{Value, json};

use crate::support::fixtures::{add_client, lock_for};
use crate::support::{Account, START, TestApp, browser, kind, message, spawn_app};

const FACILITATOR: &[Permission] = &[
    Permission::ViewClients,
    Permission::ViewSessions,
    Permission::EditSessions,
    Permission::EditAccessRules,
];
const BREAK_GLASS: &[Permission] = &[
    Permission::ViewClients,
    Permission::ViewSessions,
    Permission::OverrideAccess,
];

fn form(title: &str, held_on: &str, facilitators: &[PersonnelId], attendees: &[ClientId]) -> Value {
    json!({ "form": {
        "title": title,
        "held_on": held_on,
        "facilitators": facilitators.iter().map(|p| p.0).collect::<Vec<_>>(),
        "attendees": attendees,
    }})
}

async fn open(app: &TestApp, who: &reqwest::Client, session: i64) -> (u16, Value) {
    app.call(who, "load_session", &[("id", &session.to_string())])
        .await
}

async fn list(app: &TestApp, who: &reqwest::Client, query: &str) -> (u16, Value) {
    app.call(who, "list_sessions", &[("query", query)]).await
}

fn titles(body: &Value, list: &str) -> Vec<String> {
    body[list]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["title"].as_str().unwrap().to_owned())
        .collect()
}

/// A facilitator (signed in) and two clients of theirs.
async fn world(app: &TestApp) -> (reqwest::Client, PersonnelId, [ClientId; 2]) {
    let (facilitator, id) = app
        .signed_in(Account::holding("facilitator@agency.example", FACILITATOR))
        .await;
    let aroha = add_client(app, "Aroha", "Ngata", id).await;
    let mia = add_client(app, "Mia", "Thompson", id).await;
    (facilitator, id, [aroha, mia])
}

async fn create(app: &TestApp, who: &reqwest::Client, body: Value) -> (u16, Value) {
    app.call_json(who, "create_session", body).await
}

async fn count_sessions(app: &TestApp) -> i64 {
    let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM session_records")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    n
}

#[tokio::test]
async fn a_facilitator_creates_a_session_and_opens_it() {
    let app = spawn_app().await;
    let (facilitator, me, [aroha, mia]) = world(&app).await;
    let (code, id) = create(
        &app,
        &facilitator,
        form("  Ngata whānau hui ", "2026-11-18", &[me, me], &[aroha, mia]),
    )
    .await;
    assert_eq!(code, 200, "{id}");
    let id = id.as_i64().unwrap();

    let (code, body) = open(&app, &facilitator, id).await;
    assert_eq!(code, 200, "{body}");
    assert_eq!(body["title"], "Ngata whānau hui");
    assert_eq!(body["held_on"], "2026-11-18");
    assert_eq!(body["organization_name"], "Test agency");
    assert_eq!(
        body["facilitators"].as_array().unwrap().len(),
        1,
        "each facilitator once"
    );
    let attendees: Vec<&str> = body["attendees"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["name"].as_str().unwrap())
        .collect();
    assert_eq!(attendees, ["Aroha Ngata", "Mia Thompson"]);
    assert_eq!(body["may_edit_access"], true);

    let (_, listed) = list(&app, &facilitator, "whānau").await;
    assert_eq!(titles(&listed, "sessions"), ["Ngata whānau hui"]);
    let (_, by_date) = list(&app, &facilitator, "2026-11-18").await;
    assert_eq!(by_date["count"]["counted"], 1);
    let (audited,): (i64,) = sqlx::query_as(
        "SELECT COUNT(*) FROM audit_log WHERE action = 'session_record.create' AND entity_id = $1",
    )
    .bind(id)
    .fetch_one(&app.pool)
    .await
    .unwrap();
    assert_eq!(audited, 1);
}

#[tokio::test]
async fn the_facilitator_picker_offers_active_personnel_only() {
    let app = spawn_app().await;
    let (facilitator, me, _) = world(&app).await;
    app.add_account(Account {
        status: policy::PersonnelStatus::Inactive,
        ..Account::active("gone@agency.example")
    })
    .await;
    let (code, body) = app
        .call(&facilitator, "facilitator_choices", &[("query", "")])
        .await;
    assert_eq!(code, 200, "{body}");
    let ids: Vec<i64> = body
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["id"].as_i64().unwrap())
        .collect();
    assert_eq!(ids, [me.0], "{body}");
    assert_eq!(
        app.call(&browser(), "facilitator_choices", &[("query", "")])
            .await
            .0,
        401
    );
}

#[tokio::test]
async fn a_bad_session_gets_a_message_at_each_field_and_nothing_is_written() {
    let app = spawn_app().await;
    let (facilitator, me, [aroha, _]) = world(&app).await;

    let (code, body) = create(&app, &facilitator, form(" ", "18/11/2026", &[], &[])).await;
    assert_eq!(code, 422, "{body}");
    let fields: Vec<&str> = body["Invalid"]["fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["field"].as_str().unwrap())
        .collect();
    assert_eq!(fields, ["title", "held_on", "facilitators", "attendees"]);

    let gone = app
        .add_account(Account {
            status: policy::PersonnelStatus::Inactive,
            ..Account::active("gone@agency.example")
        })
        .await;
    let (code, body) = create(&app, &facilitator, form("Group", "2026-11-18", &[gone], &[aroha])).await;
    assert_eq!(code, 422, "{body}");
    assert_eq!(body["Invalid"]["fields"][0]["field"], "facilitators");

    // A client the facilitator may not open cannot be added.
    let owner = app.add_account(Account::active("owner@agency.example")).await;
    let hidden = add_client(&app, "Sofia", "Garcia", owner).await;
    lock_for(&app, hidden, owner).await;
    let (code, body) = create(
        &app,
        &facilitator,
        form("Group", "2026-11-18", &[me], &[aroha, hidden]),
    )
    .await;
    assert_eq!(code, 422, "{body}");
    assert_eq!(body["Invalid"]["fields"][0]["field"], "attendees");

    assert_eq!(count_sessions(&app).await, 0, "nothing was written");
}

#[tokio::test]
async fn sessions_are_refused_without_their_permissions_and_when_signed_out() {
    let app = spawn_app().await;
    let (facilitator, me, [aroha, _]) = world(&app).await;
    let (_, id) = create(&app, &facilitator, form("Group", "2026-11-18", &[me], &[aroha])).await;
    let id = id.as_i64().unwrap();

    let (viewer, _) = app
        .signed_in(Account::holding(
            "viewer@agency.example",
            &[Permission::ViewClients, Permission::ViewSessions],
        ))
        .await;
    let (code, body) = create(&app, &viewer, form("Group", "2026-11-18", &[me], &[aroha])).await;
    assert_eq!((code, kind(&body).as_str()), (403, "Forbidden"), "{body}");
    assert!(message(&body).contains("Edit sessions"), "{body}");
    let (code, _) = app.call(&viewer, "facilitator_choices", &[("query", "")]).await;
    assert_eq!(code, 403);
    assert_eq!(
        open(&app, &viewer, id).await.0,
        200,
        "viewing needs view sessions only"
    );

    let (clients_only, _) = app
        .signed_in(Account::active("clients-only@agency.example"))
        .await;
    for (code, body) in [
        list(&app, &clients_only, "").await,
        open(&app, &clients_only, id).await,
    ] {
        assert_eq!(code, 403, "{body}");
        assert!(message(&body).contains("View sessions"), "{body}");
    }

    let stranger = browser();
    assert_eq!(list(&app, &stranger, "").await.0, 401);
    assert_eq!(open(&app, &stranger, id).await.0, 401);
    assert_eq!(open(&app, &facilitator, id + 100).await.0, 404);
    assert_eq!(count_sessions(&app).await, 1);
}

#[tokio::test]
async fn a_sessions_page_lists_only_the_attending_clients_the_viewer_may_open() {
    let app = spawn_app().await;
    let (facilitator, me, [aroha, mia]) = world(&app).await;
    let (_, id) = create(
        &app,
        &facilitator,
        form("Group", "2026-11-18", &[me], &[aroha, mia]),
    )
    .await;
    let id = id.as_i64().unwrap();
    let (viewer, _) = app
        .signed_in(Account::holding(
            "viewer@agency.example",
            &[Permission::ViewClients, Permission::ViewSessions],
        ))
        .await;
    // Mia is locked with the facilitator alone allowed.
    lock_for(&app, mia, me).await;

    let (_, body) = open(&app, &viewer, id).await;
    let attendees: Vec<&str> = body["attendees"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["name"].as_str().unwrap())
        .collect();
    assert_eq!(attendees, ["Aroha Ngata"]);
    assert!(!body.to_string().contains("Thompson"), "nothing of Mia: {body}");
    let (_, body) = open(&app, &facilitator, id).await;
    assert_eq!(body["attendees"].as_array().unwrap().len(), 2);
}

#[tokio::test]
async fn a_rule_on_a_session_hides_it_and_an_override_opens_it_for_fifteen_minutes() {
    let app = spawn_app().await;
    let (facilitator, me, [aroha, _]) = world(&app).await;
    let (_, id) = create(
        &app,
        &facilitator,
        form("Confidential family meeting", "2026-11-21", &[me], &[aroha]),
    )
    .await;
    let id = id.as_i64().unwrap();
    let (holder, holder_id) = app
        .signed_in(Account::holding("holder@agency.example", BREAK_GLASS))
        .await;
    let (team,): (i64,) = sqlx::query_as(
        "INSERT INTO teams (organization_id, name) VALUES ((SELECT MIN(id) FROM organizations), 'Advocates') RETURNING id",
    )
    .fetch_one(&app.pool)
    .await
    .unwrap();
    sqlx::query("INSERT INTO team_members (team_id, personnel_id) VALUES ($1, $2)")
        .bind(team)
        .bind(holder_id.0)
        .execute(&app.pool)
        .await
        .unwrap();
    let place = json!({ "Record": { "kind": "SessionRecord", "id": id } });
    let (code, body) = app
        .call_json(
            &facilitator,
            "add_access_rule",
            json!({ "place": place, "rule": { "subject": { "Team": team }, "effect": "Deny" } }),
        )
        .await;
    assert_eq!(code, 200, "{body}");

    let (_, listed) = list(&app, &holder, "").await;
    assert_eq!(listed["count"]["counted"], 0);
    assert_eq!(
        titles(&listed, "restricted"),
        Vec::<String>::new(),
        "no bare entries before a title is typed"
    );
    let (_, listed) = list(&app, &holder, "family").await;
    assert_eq!(
        titles(&listed, "restricted"),
        ["Confidential family meeting"],
        "a bare entry to override"
    );
    let (_, second_page) = app
        .call(
            &holder,
            "list_sessions",
            &[("query", ""), ("after", r#"["9999-12-31",1]"#)],
        )
        .await;
    assert_eq!(
        titles(&second_page, "restricted").len(),
        0,
        "the bare entries come with the first page only"
    );
    let (code, body) = open(&app, &holder, id).await;
    assert_eq!((code, kind(&body).as_str()), (403, "Restricted"), "{body}");
    assert_eq!(body["Restricted"]["overridable"], true);
    assert!(!body.to_string().contains("Aroha"), "{body}");

    let override_with = |reason: &'static str| {
        let app = &app;
        let holder = &holder;
        async move {
            app.call(
                holder,
                "override_session",
                &[("id", &id.to_string()), ("reason", reason)],
            )
            .await
        }
    };
    let (code, body) = override_with("too short").await;
    assert_eq!(code, 422, "{body}");
    let (code, expires) = override_with("Safety concern raised by school").await;
    assert_eq!(code, 200, "{expires}");
    assert_eq!(expires, json!(START + 900));
    let (code, body) = open(&app, &holder, id).await;
    assert_eq!(code, 200, "{body}");
    assert_eq!(body["override_until"], json!(START + 900));
    assert_eq!(
        body["may_edit_access"], false,
        "an override does not change who may open it"
    );
    let (code, body) = override_with("Safety concern raised by school").await;
    assert_eq!(code, 409, "already open: {body}");

    app.clock.advance(900);
    assert_eq!(open(&app, &holder, id).await.0, 403, "over at the expiry");
    app.clock.advance(1);
    assert_eq!(open(&app, &holder, id).await.0, 403, "and a second after");

    let (code, body) = app
        .call_json(
            &app_auditor(&app).await,
            "override_log",
            json!({ "filter": { "person": "holder", "record": "", "from": "", "to": "" }, "page": 0 }),
        )
        .await;
    assert_eq!(code, 200, "{body}");
    assert_eq!(body["entries"][0]["record_kind"], "Session");
    assert_eq!(
        body["entries"][0]["record_name"],
        "Confidential family meeting (2026-11-21)"
    );
    assert_eq!(body["entries"][0]["record_href"], format!("/sessions/{id}"));
}

async fn app_auditor(app: &TestApp) -> reqwest::Client {
    app.signed_in(Account::holding(
        "auditor@agency.example",
        &[Permission::ViewOverrideLog, Permission::ViewSessions],
    ))
    .await
    .0
}

#[tokio::test]
async fn someone_denied_a_session_by_name_is_told_it_is_not_found_and_gets_no_override() {
    let app = spawn_app().await;
    let (facilitator, me, [aroha, _]) = world(&app).await;
    let (_, id) = create(&app, &facilitator, form("Group", "2026-11-21", &[me], &[aroha])).await;
    let id = id.as_i64().unwrap();
    let (holder, holder_id) = app
        .signed_in(Account::holding("holder@agency.example", BREAK_GLASS))
        .await;
    sqlx::query(
        "INSERT INTO access_rules (record_kind, record_id, personnel_id, effect) VALUES ('session_record', $1, $2, 'deny')",
    )
    .bind(id)
    .bind(holder_id.0)
    .execute(&app.pool)
    .await
    .unwrap();
    let (_, listed) = list(&app, &holder, "Group").await;
    assert_eq!(
        (
            listed["count"]["counted"].as_i64(),
            titles(&listed, "restricted").len()
        ),
        (Some(0), 0)
    );
    // No override for someone denied by name, so not even that it exists.
    let not_found = (404, json!({ "NotFound": { "what": "That session" } }));
    assert_eq!(open(&app, &holder, id).await, not_found);
    assert_eq!(
        open(&app, &holder, id + 1000).await,
        not_found,
        "as for an id nobody has"
    );
    let override_session = |id: i64| {
        let (app, holder) = (&app, &holder);
        async move {
            app.call(
                holder,
                "override_session",
                &[("id", &id.to_string()), ("reason", "I need to see this now")],
            )
            .await
        }
    };
    assert_eq!(override_session(id).await, not_found);
    assert_eq!(override_session(id + 1000).await, not_found);
}

#[tokio::test]
async fn restricted_sessions_are_found_by_title_only_never_by_date() {
    let app = spawn_app().await;
    let (facilitator, me, [aroha, _]) = world(&app).await;
    let (_, hidden) = create(
        &app,
        &facilitator,
        form("Confidential family meeting", "2026-11-21", &[me], &[aroha]),
    )
    .await;
    let (_, open_one) = create(
        &app,
        &facilitator,
        form("Open group", "2026-11-21", &[me], &[aroha]),
    )
    .await;
    assert!(open_one.is_i64(), "{open_one}");
    let (holder, holder_id) = app
        .signed_in(Account::holding("holder@agency.example", BREAK_GLASS))
        .await;
    let (team,): (i64,) = sqlx::query_as(
        "INSERT INTO teams (organization_id, name) VALUES ((SELECT MIN(id) FROM organizations), 'Advocates') RETURNING id",
    )
    .fetch_one(&app.pool)
    .await
    .unwrap();
    sqlx::query("INSERT INTO team_members (team_id, personnel_id) VALUES ($1, $2)")
        .bind(team)
        .bind(holder_id.0)
        .execute(&app.pool)
        .await
        .unwrap();
    sqlx::query(
        "INSERT INTO access_rules (record_kind, record_id, team_id, effect) VALUES ('session_record', $1, $2, 'deny')",
    )
    .bind(hidden.as_i64().unwrap())
    .bind(team)
    .execute(&app.pool)
    .await
    .unwrap();

    let (code, by_date) = list(&app, &holder, "2026-11-21").await;
    assert_eq!(code, 200, "{by_date}");
    assert_eq!(
        (titles(&by_date, "sessions"), titles(&by_date, "restricted")),
        (vec!["Open group".to_owned()], Vec::<String>::new()),
        "the date finds the sessions they may open, never a restricted one"
    );
    let (_, by_title) = list(&app, &holder, "family").await;
    assert_eq!(
        (titles(&by_title, "sessions"), titles(&by_title, "restricted")),
        (
            Vec::<String>::new(),
            vec!["Confidential family meeting".to_owned()]
        ),
        "the title finds it, as a bare entry"
    );
}
