//! Refusals one function at a time (spec, "Sign-in and recovery"), for a caller who would be
//! let in but for one thing: the account is Inactive, nobody is signed in,
//! or the role lacks a permission. Each asserts the status, the reason and
//! that nothing changed. The sweep (`refusal_sweep`) covers every function
//! signed out and Inactive; these add a caller who would otherwise succeed.

use policy::{Area, AreaRefusal, ClientId, Permission, PersonnelId, ProtectionRefusal};
use serde_json::{Value, json};

use crate::support::fixtures::add_client;
use crate::support::{Account, PASSWORD, TestApp, browser, message, not_active, please_sign_in, spawn_app};

const FACILITATOR: &[Permission] = &[
    Permission::ViewClients,
    Permission::ViewSessions,
    Permission::EditSessions,
    Permission::OverrideAccess,
];

/// Sets the account Inactive in the database, leaving its session open.
async fn make_inactive(app: &TestApp, id: PersonnelId) {
    sqlx::query("UPDATE personnel SET status = 'Inactive' WHERE id = $1")
        .bind(id.0)
        .execute(&app.pool)
        .await
        .unwrap();
}

async fn count(app: &TestApp, sql: &'static str) -> i64 {
    let (n,): (i64,) = sqlx::query_as(sql).fetch_one(&app.pool).await.unwrap();
    n
}

/// A session record of the first organization, created by `creator`.
async fn add_session(app: &TestApp, creator: PersonnelId) -> i64 {
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO session_records (organization_id, title, held_on, created_by, created_at) \
         VALUES ((SELECT MIN(id) FROM organizations), 'Whānau hui', '2026-11-21', $1, 0) RETURNING id",
    )
    .bind(creator.0)
    .fetch_one(&app.pool)
    .await
    .unwrap();
    id
}

fn session_form(facilitator: PersonnelId, client: ClientId) -> Value {
    json!({ "form": {
        "title": "Second hui",
        "held_on": "2026-11-22",
        "facilitators": [facilitator.0],
        "attendees": [client],
    }})
}

#[tokio::test]
async fn access_rule_functions_refuse_an_inactive_editor_with_the_reason() {
    let app = spawn_app().await;
    let (editor, editor_id) = app
        .signed_in(Account::holding(
            "editor@agency.example",
            &[Permission::ViewClients, Permission::EditAccessRules],
        ))
        .await;
    let colleague = app.add_account(Account::active("colleague@agency.example")).await;
    let client = add_client(&app, "Aroha", "Ngata", editor_id).await;
    let place = json!({ "Record": { "kind": "Client", "id": client } });
    let (code, body) = app
        .call_json(&editor, "access_rules", json!({ "place": place }))
        .await;
    assert_eq!(code, 200, "while Active the editor reads the rules: {body}");
    make_inactive(&app, editor_id).await;
    let subject = json!({ "Personnel": colleague.0 });
    let calls = [
        ("access_rules", json!({ "place": place })),
        ("rule_subject_choices", json!({ "place": place, "query": "" })),
        (
            "add_access_rule",
            json!({ "place": place, "rule": { "subject": subject, "effect": "Grant" } }),
        ),
        (
            "change_access_rule",
            json!({ "place": place, "subject": subject, "effect": "Deny" }),
        ),
        (
            "remove_access_rule",
            json!({ "place": place, "subject": subject }),
        ),
    ];
    for (function, body) in calls {
        let (code, answer) = app.call_json(&editor, function, body).await;
        assert_eq!(
            (code, message(&answer)),
            (403, not_active()),
            "{function} for an Inactive account: {answer}"
        );
    }
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM access_rules").await,
        0,
        "nothing changed"
    );
}

#[tokio::test]
async fn session_record_functions_refuse_an_inactive_facilitator_with_the_reason() {
    let app = spawn_app().await;
    let (facilitator, me) = app
        .signed_in(Account::holding("facilitator@agency.example", FACILITATOR))
        .await;
    let client = add_client(&app, "Aroha", "Ngata", me).await;
    let session = add_session(&app, me).await;
    let (code, body) = app
        .call(&facilitator, "load_session", &[("id", &session.to_string())])
        .await;
    assert_eq!(code, 200, "while Active the facilitator opens it: {body}");
    make_inactive(&app, me).await;
    let session = session.to_string();
    let reason = "Safety concern raised by school";
    let calls = [
        app.call(&facilitator, "list_sessions", &[("query", ""), ("page", "0")])
            .await,
        app.call_json(&facilitator, "create_session", session_form(me, client))
            .await,
        app.call(&facilitator, "facilitator_choices", &[("query", "")])
            .await,
        app.call(&facilitator, "load_session", &[("id", &session)]).await,
        app.call(
            &facilitator,
            "override_session",
            &[("id", &session), ("reason", reason)],
        )
        .await,
    ];
    for (function, (code, answer)) in [
        "list_sessions",
        "create_session",
        "facilitator_choices",
        "load_session",
        "override_session",
    ]
    .into_iter()
    .zip(calls)
    {
        assert_eq!(
            (code, message(&answer)),
            (403, not_active()),
            "{function} for an Inactive account: {answer}"
        );
    }
    assert_eq!(count(&app, "SELECT COUNT(*) FROM session_records").await, 1);
    assert_eq!(count(&app, "SELECT COUNT(*) FROM overrides").await, 0);
}

#[tokio::test]
async fn whoami_and_changing_ones_password_refuse_an_inactive_account_with_the_reason() {
    let app = spawn_app().await;
    let (person, id) = app.signed_in(Account::active("person@agency.example")).await;
    assert_eq!(app.call(&person, "whoami", &[]).await.0, 200);
    make_inactive(&app, id).await;
    let (code, body) = app.call(&person, "whoami", &[]).await;
    assert_eq!((code, message(&body)), (403, not_active()), "{body}");
    let new = "orchard ladder breeze";
    let form = [
        ("current_password", PASSWORD),
        ("new_password", new),
        ("confirm_password", new),
    ];
    let (code, body) = app.call(&person, "change_password", &form).await;
    assert_eq!((code, message(&body)), (403, not_active()), "{body}");
    let (code, _) = app.sign_in(&browser(), "person@agency.example", PASSWORD).await;
    assert_ne!(code, 200, "an Inactive account does not sign in");
    sqlx::query("UPDATE personnel SET status = 'Active' WHERE id = $1")
        .bind(id.0)
        .execute(&app.pool)
        .await
        .unwrap();
    let (code, body) = app.sign_in(&browser(), "person@agency.example", PASSWORD).await;
    assert_eq!(code, 200, "the password did not change: {body}");
}

#[tokio::test]
async fn creating_a_session_or_overriding_one_is_refused_signed_out() {
    let app = spawn_app().await;
    let facilitator = app
        .add_account(Account::holding("facilitator@agency.example", FACILITATOR))
        .await;
    let client = add_client(&app, "Aroha", "Ngata", facilitator).await;
    let session = add_session(&app, facilitator).await;
    let stranger = browser();
    let (code, body) = app
        .call_json(&stranger, "create_session", session_form(facilitator, client))
        .await;
    assert_eq!((code, message(&body)), (401, please_sign_in()), "{body}");
    let (code, body) = app
        .call(
            &stranger,
            "override_session",
            &[
                ("id", &session.to_string()),
                ("reason", "Safety concern raised by school"),
            ],
        )
        .await;
    assert_eq!((code, message(&body)), (401, please_sign_in()), "{body}");
    assert_eq!(count(&app, "SELECT COUNT(*) FROM session_records").await, 1);
    assert_eq!(count(&app, "SELECT COUNT(*) FROM overrides").await, 0);
}

#[tokio::test]
async fn overriding_a_session_needs_override_access() {
    let app = spawn_app().await;
    let creator = app
        .add_account(Account::holding("facilitator@agency.example", FACILITATOR))
        .await;
    let session = add_session(&app, creator).await;
    let (viewer, _) = app
        .signed_in(Account::holding(
            "viewer@agency.example",
            &[Permission::ViewClients, Permission::ViewSessions],
        ))
        .await;
    let (code, body) = app
        .call(
            &viewer,
            "override_session",
            &[
                ("id", &session.to_string()),
                ("reason", "Safety concern raised by school"),
            ],
        )
        .await;
    let missing = ProtectionRefusal::MissingPermission(Permission::OverrideAccess).to_string();
    assert_eq!((code, message(&body)), (403, missing), "{body}");
    assert_eq!(count(&app, "SELECT COUNT(*) FROM overrides").await, 0);
}

#[tokio::test]
async fn the_override_log_and_its_export_refuse_an_inactive_reader_with_the_reason() {
    let app = spawn_app().await;
    let (reader, id) = app
        .signed_in(Account::holding(
            "auditor@agency.example",
            &[Permission::ViewOverrideLog],
        ))
        .await;
    let filter = json!({ "person": "", "record": "", "from": "", "to": "" });
    let export = json!({ "filter": filter });
    let (code, body) = app
        .call_json(&reader, "export_override_log", export.clone())
        .await;
    assert_eq!(code, 200, "while Active the reader exports: {body}");
    make_inactive(&app, id).await;
    let (code, body) = app.call_json(&reader, "export_override_log", export).await;
    assert_eq!((code, message(&body)), (403, not_active()), "{body}");
    let (code, body) = app
        .call_json(&reader, "override_log", json!({ "filter": filter, "page": 0 }))
        .await;
    assert_eq!((code, message(&body)), (403, not_active()), "{body}");
}

#[tokio::test]
async fn an_area_is_refused_without_its_permission_with_the_reason() {
    let app = spawn_app().await;
    let (nobody, _) = app
        .signed_in(Account::holding("nobody@agency.example", &[]))
        .await;
    let refusals = [
        (
            Area::Clients,
            AreaRefusal::MissingPermission(Permission::ViewClients),
        ),
        (
            Area::Sessions,
            AreaRefusal::MissingPermission(Permission::ViewSessions),
        ),
        (
            Area::Personnel,
            AreaRefusal::MissingPermission(Permission::ManagePersonnel),
        ),
        (Area::Administration, AreaRefusal::NotAnAdministrator),
    ];
    for (area, refusal) in refusals {
        let (code, body) = app.call(&nobody, "open_area", &[("area", area.label())]).await;
        assert_eq!(
            (code, message(&body)),
            (403, refusal.to_string()),
            "{area:?}: {body}"
        );
    }
    let (viewer, _) = app.signed_in(Account::active("viewer@agency.example")).await;
    let (code, body) = app.call(&viewer, "open_area", &[("area", "Clients")]).await;
    assert_eq!(code, 200, "with \"view clients\" the Clients area opens: {body}");
}

#[tokio::test]
async fn the_recovery_question_answers_for_an_inactive_account_as_for_an_active_one() {
    let app = spawn_app().await;
    let id = app.add_account(Account::active("worker@agency.example")).await;
    sqlx::query("UPDATE personnel SET security_question = 'Name of my first bike?' WHERE id = $1")
        .bind(id.0)
        .execute(&app.pool)
        .await
        .unwrap();
    let ask = async || {
        app.call(
            &browser(),
            "recovery_question",
            &[("email", "worker@agency.example")],
        )
        .await
    };
    let active = ask().await;
    assert_eq!(active.0, 200, "{}", active.1);
    assert!(active.1.as_str().is_some_and(|q| !q.is_empty()), "{}", active.1);
    make_inactive(&app, id).await;
    // The question must not tell a stranger that the account is Inactive.
    assert_eq!(ask().await, active, "the same answer while Inactive");
}
