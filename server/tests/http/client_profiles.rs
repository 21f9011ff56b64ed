//! "New client", the client profile and its details over HTTP (spec, "May personnel P view or edit record R"):
//! allowed for the right role, refused for the wrong one, for an Inactive
//! account and signed out; a restricted client shows the reason and nothing
//! else.

use app::api::clients::{CreateClient, LoadClient, UpdateClient};
use app::clients::ClientForm;
use app::error::AppError;
use policy::{ClientId, Permission};

use crate::support::fixtures::{add_client, lock_for};
use crate::support::{Account, TestApp, assert_refused, browser, not_active, please_sign_in, spawn_app};

const INTAKE: &[Permission] = &[Permission::ViewClients, Permission::CreateClients];

fn intake_form(first: &str, last: &str, born: &str) -> CreateClient {
    CreateClient {
        form: ClientForm {
            first_name: first.into(),
            last_name: last.into(),
            date_of_birth: born.into(),
            identifier: "RCAC-77".into(),
        },
    }
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
    let id = app
        .ask(&intake, intake_form(" Aroha ", "Ngata", "2015-03-09"))
        .await
        .ok();
    let profile = app.ask(&intake, LoadClient { id }).await.ok();
    assert_eq!(profile.details.first_name, "Aroha", "trimmed");
    assert!(!profile.locked);
    assert_eq!(
        profile.allowed_personnel,
        [],
        "the creator is not added (seed 000)"
    );
    assert_eq!(profile.responsible, None, "assign-to-creator is off");
    assert!(!profile.controls.edit_details, "intake may view, not edit");
    let (created_by,): (i64,) = sqlx::query_as("SELECT created_by FROM clients WHERE id = $1")
        .bind(id.0)
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
    let id = app.ask(&intake, intake_form("Liam", "Chen", "")).await.ok();
    let profile = app.ask(&intake, LoadClient { id }).await.ok();
    assert_eq!(profile.responsible.map(|r| r.id), Some(intake_id));
    assert_eq!(profile.allowed_personnel, []);
}

#[tokio::test]
async fn bad_intake_input_gets_a_message_at_each_field_and_writes_nothing() {
    let app = spawn_app().await;
    let (intake, _) = app
        .signed_in(Account::holding("intake@agency.example", INTAKE))
        .await;
    let answer = app.ask(&intake, intake_form("", "Ngata", "2999-01-01")).await;
    assert_eq!(answer.status, 422, "{answer:?}");
    let AppError::Invalid { fields } = answer.err() else {
        panic!("not a field error")
    };
    let fields: Vec<&str> = fields.iter().map(|f| f.field.as_str()).collect();
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
    let answer = app.ask(&viewer, form.clone()).await;
    assert_eq!(answer.status, 403);
    assert_eq!(
        answer.err().to_string(),
        "Your role does not include “Create clients”."
    );
    let answer = app.ask(&gone, form.clone()).await;
    assert_refused(&answer, 403, &not_active(), "for an Inactive account");
    let answer = app.ask(&browser(), form).await;
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

    let answer = app.ask(&outsider, LoadClient { id: client }).await;
    let missing = app.ask(&outsider, LoadClient { id: ClientId(99999) }).await;
    assert_eq!(
        (answer.status, &answer.result),
        (
            404,
            &Err(AppError::NotFound {
                what: "That client".into()
            })
        ),
        "no override access: neither that it exists nor why it is closed"
    );
    assert_eq!(answer, missing, "exactly as for an id nobody has");

    let answer = app.ask(&holder, LoadClient { id: client }).await;
    assert_eq!(answer.status, 403);
    let error = answer.err();
    assert!(matches!(error, AppError::Restricted { .. }), "{error:?}");
    assert_eq!(
        error.to_string(),
        "You may not open this record. This client is locked and you are not on its allowed personnel."
    );
    assert!(
        !format!("{error:?}").contains("Leigh"),
        "no client details: {error:?}"
    );

    let profile = app.ask(&insider, LoadClient { id: client }).await.ok();
    assert_eq!(profile.access, "Allowed personnel.");
    assert_eq!(
        app.ask(&insider, LoadClient { id: ClientId(99999) }).await.status,
        404
    );
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
    let update = |last: &str| UpdateClient {
        id: client,
        form: ClientForm {
            first_name: "Sam".into(),
            last_name: last.into(),
            date_of_birth: String::new(),
            identifier: "X-1".into(),
        },
    };

    let profile = app.ask(&viewer, LoadClient { id: client }).await.ok();
    assert!(!profile.controls.edit_details);
    let answer = app.ask(&viewer, update("Changed")).await;
    assert_eq!(answer.status, 403, "{answer:?}");
    assert_eq!(
        answer.err().to_string(),
        "You may not edit this record. Your role does not include “Edit clients”."
    );

    app.ask(&editor, update("Ward-Reid")).await.ok();
    let profile = app.ask(&viewer, LoadClient { id: client }).await.ok();
    assert_eq!(profile.details.last_name, "Ward-Reid");
    assert_eq!(profile.details.date_of_birth, "", "cleared");

    let answer = app.ask(&editor, update(" ")).await;
    assert_eq!(answer.status, 422);
    let AppError::Invalid { fields } = answer.err() else {
        panic!("not a field error")
    };
    assert_eq!(fields[0].field, "last_name");
    let profile = app.ask(&viewer, LoadClient { id: client }).await.ok();
    assert_eq!(profile.details.last_name, "Ward-Reid", "nothing changed");
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
    let answer = app.ask(&gone, LoadClient { id: client }).await;
    assert_refused(&answer, 403, &not_active(), "for an Inactive account");
    let answer = app.ask(&browser(), LoadClient { id: client }).await;
    assert_refused(&answer, 401, &please_sign_in(), "signed out");
}
