//! The security question and password recovery over HTTP (issue 4).

use serde_json::json;

use crate::support::{Account, PASSWORD, TestApp, browser, kind, message, spawn_app};

const EMAIL: &str = "worker@agency.example";
const NEW: &str = "orchard ladder breeze";

async fn with_question(app: &TestApp) -> reqwest::Client {
    let (client, _) = app.signed_in(Account::active(EMAIL)).await;
    let form = [
        ("question", "Name of my first bike?"),
        ("answer", "  Blue Lightning "),
        ("current_password", PASSWORD),
    ];
    let (code, body) = app.call(&client, "set_security_question", &form).await;
    assert_eq!(code, 200, "{body}");
    client
}

async fn recover(app: &TestApp, email: &str, answer: &str) -> (u16, serde_json::Value) {
    let form = [
        ("email", email),
        ("answer", answer),
        ("new_password", NEW),
        ("confirm_password", NEW),
    ];
    app.call(&browser(), "recover_password", &form).await
}

#[tokio::test]
async fn setting_a_question_needs_the_current_password_and_keeps_only_a_hash_of_the_answer() {
    let app = spawn_app().await;
    let (client, _) = app.signed_in(Account::active(EMAIL)).await;
    let form = [
        ("question", "Name of my first bike?"),
        ("answer", "Blue Lightning"),
        ("current_password", "wrong"),
    ];
    let (code, body) = app.call(&client, "set_security_question", &form).await;
    assert_eq!(
        (code, body["Invalid"]["fields"][0]["field"].as_str()),
        (422, Some("current_password"))
    );
    let form = [
        ("question", "Name of my first bike?"),
        ("answer", "Blue Lightning"),
        ("current_password", PASSWORD),
    ];
    assert_eq!(app.call(&client, "set_security_question", &form).await.0, 200);
    let (_, question) = app.call(&client, "my_security_question", &[]).await;
    assert_eq!(question, "Name of my first bike?");
    let (stored,): (String,) = sqlx::query_as("SELECT security_answer_hash FROM personnel WHERE email = $1")
        .bind(EMAIL)
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert!(stored.starts_with("$argon2id$") && !stored.to_lowercase().contains("lightning"));
    assert_eq!(app.call(&browser(), "set_security_question", &form).await.0, 401);
}

#[tokio::test]
async fn a_right_answer_in_any_case_replaces_the_password_and_ends_old_sessions() {
    let app = spawn_app().await;
    let old_session = with_question(&app).await;
    let (code, question) = app
        .call(
            &browser(),
            "recovery_question",
            &[("email", "WORKER@agency.example")],
        )
        .await;
    assert_eq!((code, question.as_str()), (200, Some("Name of my first bike?")));

    let (code, body) = recover(&app, EMAIL, "blue lightning").await;
    assert_eq!(code, 200, "{body}");
    assert_eq!(
        app.call(&old_session, "whoami", &[]).await.0,
        401,
        "old sessions end"
    );
    assert_eq!(app.sign_in(&browser(), EMAIL, PASSWORD).await.0, 401);
    assert_eq!(app.sign_in(&browser(), EMAIL, NEW).await.0, 200);
}

#[tokio::test]
async fn an_unknown_e_mail_gets_a_question_and_the_same_refusal_as_a_wrong_answer() {
    let app = spawn_app().await;
    with_question(&app).await;
    let (code, decoy) = app
        .call(
            &browser(),
            "recovery_question",
            &[("email", "nobody@agency.example")],
        )
        .await;
    assert_eq!(code, 200);
    assert!(decoy.as_str().is_some_and(|q| q.ends_with('?')));
    let (_, again) = app
        .call(
            &browser(),
            "recovery_question",
            &[("email", "nobody@agency.example")],
        )
        .await;
    assert_eq!(decoy, again, "the same decoy each time");

    let (code, unknown) = recover(&app, "nobody@agency.example", "anything").await;
    let (code_wrong, wrong) = recover(&app, EMAIL, "red lightning").await;
    assert_eq!((code, code_wrong), (401, 401));
    assert_eq!(message(&unknown), message(&wrong));
}

#[tokio::test]
async fn wrong_answers_lock_the_account_like_failed_sign_ins() {
    let app = spawn_app().await;
    with_question(&app).await;
    for _ in 0..4 {
        assert_eq!(recover(&app, EMAIL, "wrong answer").await.0, 401);
    }
    let (code, body) = recover(&app, EMAIL, "wrong answer").await;
    assert_eq!((code, kind(&body).as_str()), (429, "TooManyAttempts"), "{body}");
    let (code, _) = recover(&app, EMAIL, "blue lightning").await;
    assert_eq!(code, 429, "even the right answer waits out the pause");
    assert_eq!(
        app.sign_in(&browser(), EMAIL, PASSWORD).await.0,
        429,
        "sign-in shares the lockout"
    );
}

#[tokio::test]
async fn recovery_is_refused_when_switched_off_and_for_an_inactive_account() {
    let app = spawn_app().await;
    with_question(&app).await;
    sqlx::query("UPDATE personnel SET status = 'Inactive' WHERE email = $1")
        .bind(EMAIL)
        .execute(&app.pool)
        .await
        .unwrap();
    let (code, _) = recover(&app, EMAIL, "blue lightning").await;
    assert_eq!(code, 403, "an Inactive account cannot recover");
    sqlx::query("UPDATE personnel SET status = 'Active' WHERE email = $1")
        .bind(EMAIL)
        .execute(&app.pool)
        .await
        .unwrap();

    let (admin, _) = app
        .signed_in(Account {
            site_administrator: true,
            ..Account::active("root@agency.example")
        })
        .await;
    let off = json!({ "settings": {
        "access": { "client_visibility": "AllUsers", "assign_new_clients_to_creator": false },
        "password_recovery": false
    }});
    assert_eq!(app.call_json(&admin, "save_site_settings", off).await.0, 200);
    let (code, body) = recover(&app, EMAIL, "blue lightning").await;
    assert_eq!(code, 403);
    assert!(message(&body).contains("switched off"), "{body}");
    assert_eq!(
        app.call(&browser(), "recovery_question", &[("email", EMAIL)])
            .await
            .0,
        403
    );
}

#[tokio::test]
async fn a_new_password_must_follow_the_rules() {
    let app = spawn_app().await;
    with_question(&app).await;
    let form = [
        ("email", EMAIL),
        ("answer", "Blue Lightning"),
        ("new_password", "short"),
        ("confirm_password", "short"),
    ];
    let (code, body) = app.call(&browser(), "recover_password", &form).await;
    assert_eq!(code, 422, "{body}");
    assert_eq!(body["Invalid"]["fields"][0]["field"], "new_password");
    assert_eq!(
        app.sign_in(&browser(), EMAIL, PASSWORD).await.0,
        200,
        "nothing changed"
    );
}
