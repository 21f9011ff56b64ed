//! "New client", the client profile and its details over HTTP (issue 5):
//! allowed for the right role, refused for the wrong one, for an Inactive
//! account and signed out; a restricted client shows the reason and nothing
//! else.

use policy::Permission;
use serde_json::{Value, json};

use crate::support::fixtures::{add_client, lock_for};
use crate::support::{
    Account, TestApp, assert_refused, browser, kind, message, not_active, please_sign_in, spawn_app,
};

const INTAKE: &[Permission] = &[Permission::ViewClients, Permission::CreateClients];

fn intake_form(first: &str, last: &str, born: &str) -> Value {
    json!({ "form": { "first_name": first, "last_name": last, "date_of_birth": born, "identifier": "RCAC-77" } })
}

async fn count(app: &TestApp, sql: &'static str) -> i64 {
    let (n,): (i64,) = sqlx::query_as(sql).fetch_one(&app.pool).await.unwrap();
    n
}

#[tokio::test]
async fn intake_creates_a_client_without_adding_the_creator_to_the_allowed_personnel() {
    let app = spawn_app().await;
    let (intake, intake_id) = app
        .signed_in(Account::holding("intake@agency.example", INTAKE))
        .await;
    let (code, id) = app
        .call_json(
            &intake,
            "create_client",
            intake_form(" Aroha ", "Ngata", "2015-03-09"),
        )
        .await;
    assert_eq!(code, 200, "{id}");
    let (code, profile) = app.call(&intake, "load_client", &[("id", &id.to_string())]).await;
    assert_eq!(code, 200, "{profile}");
    assert_eq!(profile["details"]["first_name"], "Aroha", "trimmed");
    assert_eq!(profile["locked"], false);
    assert_eq!(
        profile["allowed_personnel"],
        json!([]),
        "the creator is not added (seed 000)"
    );
    assert_eq!(profile["responsible"], Value::Null, "assign-to-creator is off");
    assert_eq!(
        profile["controls"]["edit_details"], false,
        "intake may view, not edit"
    );
    let (created_by,): (i64,) = sqlx::query_as("SELECT created_by FROM clients WHERE id = $1")
        .bind(id.as_i64().unwrap())
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(created_by, intake_id.0);
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) FROM audit_log WHERE action = 'client.create'"
        )
        .await,
        1
    );
}

#[tokio::test]
async fn with_assign_to_creator_on_the_creator_becomes_the_responsible_personnel() {
    let app = spawn_app().await;
    sqlx::query("UPDATE site_settings SET assign_new_clients_to_creator = TRUE")
        .execute(&app.pool)
        .await
        .unwrap();
    let (intake, intake_id) = app
        .signed_in(Account::holding("intake@agency.example", INTAKE))
        .await;
    let (_, id) = app
        .call_json(&intake, "create_client", intake_form("Liam", "Chen", ""))
        .await;
    let (_, profile) = app.call(&intake, "load_client", &[("id", &id.to_string())]).await;
    assert_eq!(profile["responsible"]["id"], intake_id.0);
    assert_eq!(profile["allowed_personnel"], json!([]));
}

#[tokio::test]
async fn bad_intake_input_gets_a_message_at_each_field_and_writes_nothing() {
    let app = spawn_app().await;
    let (intake, _) = app
        .signed_in(Account::holding("intake@agency.example", INTAKE))
        .await;
    let (code, body) = app
        .call_json(&intake, "create_client", intake_form("", "Ngata", "2999-01-01"))
        .await;
    assert_eq!(code, 422, "{body}");
    let fields: Vec<&str> = body["Invalid"]["fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["field"].as_str().unwrap())
        .collect();
    assert_eq!(fields, ["first_name", "date_of_birth"]);
    assert_eq!(count(&app, "SELECT COUNT(*) FROM clients").await, 0);
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM audit_log WHERE entity = 'clients'").await,
        0
    );
}

#[tokio::test]
async fn intake_is_refused_without_create_clients_inactive_and_signed_out() {
    let app = spawn_app().await;
    let (viewer, _) = app.signed_in(Account::active("viewer@agency.example")).await;
    let (gone, gone_id) = app
        .signed_in(Account::holding("gone@agency.example", INTAKE))
        .await;
    sqlx::query("UPDATE personnel SET status = 'Inactive' WHERE id = $1")
        .bind(gone_id.0)
        .execute(&app.pool)
        .await
        .unwrap();
    let form = intake_form("Aroha", "Ngata", "");
    let (code, body) = app.call_json(&viewer, "create_client", form.clone()).await;
    assert_eq!(code, 403);
    assert_eq!(message(&body), "Your role does not include “Create clients”.");
    let answer = app.call_json(&gone, "create_client", form.clone()).await;
    assert_refused(&answer, 403, &not_active(), "for an Inactive account");
    let answer = app.call_json(&browser(), "create_client", form).await;
    assert_refused(&answer, 401, &please_sign_in(), "signed out");
    assert_eq!(count(&app, "SELECT COUNT(*) FROM clients").await, 0);
}

#[tokio::test]
async fn a_locked_client_shows_its_restriction_and_why_only_to_who_could_override_with_no_details() {
    let app = spawn_app().await;
    let (outsider, _) = app.signed_in(Account::active("outsider@agency.example")).await;
    let (holder, _) = app
        .signed_in(Account::holding(
            "holder@agency.example",
            &[Permission::ViewClients, Permission::OverrideAccess],
        ))
        .await;
    let (insider, insider_id) = app.signed_in(Account::active("insider@agency.example")).await;
    let client = add_client(&app, "Jess", "Leigh", insider_id).await;
    lock_for(&app, client, insider_id).await;

    let (code, body) = app
        .call(&outsider, "load_client", &[("id", &client.to_string())])
        .await;
    let missing = app.call(&outsider, "load_client", &[("id", "99999")]).await;
    assert_eq!(
        (code, &body),
        (404, &json!({ "NotFound": { "what": "That client" } })),
        "no override access: neither that it exists nor why it is closed"
    );
    assert_eq!((code, body), missing, "exactly as for an id nobody has");

    let (code, body) = app
        .call(&holder, "load_client", &[("id", &client.to_string())])
        .await;
    assert_eq!(code, 403);
    assert_eq!(kind(&body), "Restricted");
    assert_eq!(
        message(&body),
        "You may not open this record. This client is locked and you are not on its allowed personnel."
    );
    assert!(!body.to_string().contains("Leigh"), "no client details: {body}");

    let (code, body) = app
        .call(&insider, "load_client", &[("id", &client.to_string())])
        .await;
    assert_eq!(code, 200);
    assert_eq!(body["access"], "Allowed personnel.");
    assert_eq!(app.call(&insider, "load_client", &[("id", "99999")]).await.0, 404);
}

#[tokio::test]
async fn details_are_edited_by_who_may_edit_and_read_only_for_who_may_only_view() {
    let app = spawn_app().await;
    let (editor, editor_id) = app
        .signed_in(Account::holding(
            "editor@agency.example",
            &[Permission::ViewClients, Permission::EditClients],
        ))
        .await;
    let (viewer, _) = app.signed_in(Account::active("viewer@agency.example")).await;
    let client = add_client(&app, "Sam", "Ward", editor_id).await;
    let update = |last: &str| json!({ "id": client, "form": { "first_name": "Sam", "last_name": last, "date_of_birth": "", "identifier": "X-1" } });

    let (_, profile) = app
        .call(&viewer, "load_client", &[("id", &client.to_string())])
        .await;
    assert_eq!(profile["controls"]["edit_details"], false);
    let (code, body) = app.call_json(&viewer, "update_client", update("Changed")).await;
    assert_eq!(code, 403, "{body}");
    assert_eq!(
        message(&body),
        "You may not edit this record. Your role does not include “Edit clients”."
    );

    let (code, body) = app.call_json(&editor, "update_client", update("Ward-Reid")).await;
    assert_eq!(code, 200, "{body}");
    let (_, profile) = app
        .call(&viewer, "load_client", &[("id", &client.to_string())])
        .await;
    assert_eq!(profile["details"]["last_name"], "Ward-Reid");
    assert_eq!(profile["details"]["date_of_birth"], "", "cleared");

    let (code, body) = app.call_json(&editor, "update_client", update(" ")).await;
    assert_eq!(code, 422);
    assert_eq!(body["Invalid"]["fields"][0]["field"], "last_name");
    let (_, profile) = app
        .call(&viewer, "load_client", &[("id", &client.to_string())])
        .await;
    assert_eq!(profile["details"]["last_name"], "Ward-Reid", "nothing changed");
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) FROM audit_log WHERE action = 'client.update'"
        )
        .await,
        1
    );
}

#[tokio::test]
async fn the_profile_is_refused_for_an_inactive_account_and_signed_out() {
    let app = spawn_app().await;
    let (gone, gone_id) = app.signed_in(Account::active("gone@agency.example")).await;
    let client = add_client(&app, "Sam", "Ward", gone_id).await;
    sqlx::query("UPDATE personnel SET status = 'Inactive' WHERE id = $1")
        .bind(gone_id.0)
        .execute(&app.pool)
        .await
        .unwrap();
    let id = client.to_string();
    let answer = app.call(&gone, "load_client", &[("id", &id)]).await;
    assert_refused(&answer, 403, &not_active(), "for an Inactive account");
    let answer = app.call(&browser(), "load_client", &[("id", &id)]).await;
    assert_refused(&answer, 401, &please_sign_in(), "signed out");
}
