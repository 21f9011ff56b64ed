//! Refusals one function at a time (spec, "Sign-in and recovery"), for a caller who would be
//! let in but for one thing: the account is Inactive, nobody is signed in,
//! or the role lacks a permission. Each asserts the status, the reason and
//! that nothing changed. The sweep (`refusal_sweep`) covers every function
//! signed out and Inactive; these add a caller who would otherwise succeed.

use app::access_rules::RulePlace;
use app::api::access_rules::{
    AccessRules, AddAccessRule, ChangeAccessRule, RemoveAccessRule, RuleSubjectChoices,
};
use app::api::area::OpenArea;
use app::api::override_log::{ExportOverrideLog, OverrideLog};
use app::api::security_question::RecoveryQuestion;
use app::api::session::{ChangePassword, Whoami};
use app::api::sessions::{CreateSession, FacilitatorChoices, ListSessions, LoadSession, OverrideSession};
use app::override_log::OverrideLogFilter;
use app::records::RecordRef;
use app::sessions::SessionForm;
use policy::{
    AccessRule, Area, AreaRefusal, ClientId, Permission, PersonnelId, ProtectionRefusal, RuleEffect,
    RuleSubject, SessionRecordId,
};

use crate::support::fixtures::add_client;
use crate::support::{Account, PASSWORD, Refusal, TestApp, browser, not_active, please_sign_in, spawn_app};

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
async fn add_session(app: &TestApp, creator: PersonnelId) -> SessionRecordId {
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO session_records (organization_id, title, held_on, created_by, created_at) \
         VALUES ((SELECT MIN(id) FROM organizations), 'Whānau hui', '2026-11-21', $1, 0) RETURNING id",
    )
    .bind(creator.0)
    .fetch_one(&app.pool)
    .await
    .unwrap();
    SessionRecordId(id)
}

fn session_form(facilitator: PersonnelId, client: ClientId) -> CreateSession {
    CreateSession {
        form: SessionForm {
            title: "Second hui".into(),
            held_on: "2026-11-22".into(),
            facilitators: vec![facilitator],
            attendees: vec![client],
        },
    }
}

fn override_session(id: SessionRecordId) -> OverrideSession {
    OverrideSession {
        id,
        reason: "Safety concern raised by school".into(),
    }
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
    let place = RulePlace::Record(RecordRef::client(client));
    let answer = app.ask(&editor, AccessRules { place }).await;
    assert_eq!(
        answer.status, 200,
        "while Active the editor reads the rules: {answer:?}"
    );
    make_inactive(&app, editor_id).await;
    let subject = RuleSubject::Personnel(colleague);
    let add = AddAccessRule {
        place,
        rule: AccessRule {
            subject,
            effect: RuleEffect::Grant,
        },
    };
    let change = ChangeAccessRule {
        place,
        subject,
        effect: RuleEffect::Deny,
    };
    let choices = RuleSubjectChoices {
        place,
        query: String::new(),
    };
    let answers = [
        (
            "access_rules",
            app.ask(&editor, AccessRules { place }).await.erased(),
        ),
        ("rule_subject_choices", app.ask(&editor, choices).await.erased()),
        ("add_access_rule", app.ask(&editor, add).await.erased()),
        ("change_access_rule", app.ask(&editor, change).await.erased()),
        (
            "remove_access_rule",
            app.ask(&editor, RemoveAccessRule { place, subject })
                .await
                .erased(),
        ),
    ];
    for (function, answer) in answers {
        assert_eq!(
            (answer.status, answer.reason()),
            (403, not_active()),
            "{function} for an Inactive account: {answer:?}"
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
    let answer = app.ask(&facilitator, LoadSession { id: session }).await;
    assert_eq!(
        answer.status, 200,
        "while Active the facilitator opens it: {answer:?}"
    );
    make_inactive(&app, me).await;
    let list = ListSessions {
        query: String::new(),
        after: String::new(),
        before: String::new(),
    };
    let choices = FacilitatorChoices { query: String::new() };
    let answers = [
        ("list_sessions", app.ask(&facilitator, list).await.erased()),
        (
            "create_session",
            app.ask(&facilitator, session_form(me, client)).await.erased(),
        ),
        (
            "facilitator_choices",
            app.ask(&facilitator, choices).await.erased(),
        ),
        (
            "load_session",
            app.ask(&facilitator, LoadSession { id: session }).await.erased(),
        ),
        (
            "override_session",
            app.ask(&facilitator, override_session(session)).await.erased(),
        ),
    ];
    for (function, answer) in answers {
        assert_eq!(
            (answer.status, answer.reason()),
            (403, not_active()),
            "{function} for an Inactive account: {answer:?}"
        );
    }
    assert_eq!(count(&app, "SELECT COUNT(*) FROM session_records").await, 1);
    assert_eq!(count(&app, "SELECT COUNT(*) FROM overrides").await, 0);
}

#[tokio::test]
async fn whoami_and_changing_ones_password_refuse_an_inactive_account_with_the_reason() {
    let app = spawn_app().await;
    let (person, id) = app.signed_in(Account::active("person@agency.example")).await;
    assert_eq!(app.ask(&person, Whoami {}).await.status, 200);
    make_inactive(&app, id).await;
    let answer = app.ask(&person, Whoami {}).await;
    assert_eq!(
        (answer.status, answer.reason()),
        (403, not_active()),
        "{answer:?}"
    );
    let new = "orchard ladder breeze";
    let change = ChangePassword {
        current_password: PASSWORD.into(),
        new_password: new.into(),
        confirm_password: new.into(),
    };
    let answer = app.ask(&person, change).await;
    assert_eq!(
        (answer.status, answer.reason()),
        (403, not_active()),
        "{answer:?}"
    );
    let code = app
        .sign_in(&browser(), "person@agency.example", PASSWORD)
        .await
        .status;
    assert_ne!(code, 200, "an Inactive account does not sign in");
    sqlx::query("UPDATE personnel SET status = 'Active' WHERE id = $1")
        .bind(id.0)
        .execute(&app.pool)
        .await
        .unwrap();
    let answer = app.sign_in(&browser(), "person@agency.example", PASSWORD).await;
    assert_eq!(answer.status, 200, "the password did not change: {answer:?}");
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
    let answer = app.ask(&stranger, session_form(facilitator, client)).await;
    assert_eq!(
        (answer.status, answer.reason()),
        (401, please_sign_in()),
        "{answer:?}"
    );
    let answer = app.ask(&stranger, override_session(session)).await;
    assert_eq!(
        (answer.status, answer.reason()),
        (401, please_sign_in()),
        "{answer:?}"
    );
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
    let answer = app.ask(&viewer, override_session(session)).await;
    let missing = ProtectionRefusal::MissingPermission(Permission::OverrideAccess).to_string();
    assert_eq!((answer.status, answer.reason()), (403, missing), "{answer:?}");
    assert_eq!(count(&app, "SELECT COUNT(*) FROM overrides").await, 0);
}

#[tokio::test]
async fn the_override_log_and_its_export_refuse_an_inactive_reader_with_the_reason() {
    let app = spawn_app().await;
    let (reader, id) = app.signed_in(Account::auditor()).await;
    let export = || ExportOverrideLog {
        filter: OverrideLogFilter::default(),
    };
    let answer = app.ask(&reader, export()).await;
    assert_eq!(answer.status, 200, "while Active the reader exports: {answer:?}");
    make_inactive(&app, id).await;
    let answer = app.ask(&reader, export()).await;
    assert_eq!(
        (answer.status, answer.reason()),
        (403, not_active()),
        "{answer:?}"
    );
    let log = OverrideLog {
        filter: OverrideLogFilter::default(),
        page: 0,
    };
    let answer = app.ask(&reader, log).await;
    assert_eq!(
        (answer.status, answer.reason()),
        (403, not_active()),
        "{answer:?}"
    );
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
        let answer = app.ask(&nobody, OpenArea { area }).await;
        assert_eq!(
            (answer.status, answer.reason()),
            (403, refusal.to_string()),
            "{area:?}: {answer:?}"
        );
    }
    let (viewer, _) = app.signed_in(Account::active("viewer@agency.example")).await;
    let answer = app.ask(&viewer, OpenArea { area: Area::Clients }).await;
    assert_eq!(
        answer.status, 200,
        "with \"view clients\" the Clients area opens: {answer:?}"
    );
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
        let question = RecoveryQuestion {
            email: "worker@agency.example".into(),
        };
        app.ask(&browser(), question).await
    };
    let active = ask().await;
    assert_eq!(active.status, 200, "{active:?}");
    assert!(active.result.as_ref().is_ok_and(|q| !q.is_empty()), "{active:?}");
    make_inactive(&app, id).await;
    // The question must not tell a stranger that the account is Inactive.
    assert_eq!(ask().await, active, "the same answer while Inactive");
}
