//! The security question and password recovery over HTTP (spec, "Sign-in and recovery").

use app::security_questions::QUESTIONS;
use serde_json::json;

use crate::support::{Account, PASSWORD, TestApp, browser, fields, kind, message, spawn_app};

const EMAIL: &str = "worker@agency.example";
const NEW: &str = "orchard ladder breeze";
const QUESTION: &str = "What was the name of your first pet?";
const WRONG_ANSWER: &str = "The e-mail address or answer is not correct.";

async fn with_question(app: &TestApp) -> reqwest::Client {
    let (client, _) = app.signed_in(Account::active(EMAIL)).await;
    let form = [
        ("question", QUESTION),
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

async fn recovery_question(app: &TestApp, email: &str) -> (u16, serde_json::Value) {
    app.call(&browser(), "recovery_question", &[("email", email)])
        .await
}

#[tokio::test]
async fn setting_a_question_needs_the_current_password_and_keeps_only_a_hash_of_the_answer() {
    let app = spawn_app().await;
    let (client, _) = app.signed_in(Account::active(EMAIL)).await;
    let form = [
        ("question", QUESTION),
        ("answer", "Blue Lightning"),
        ("current_password", "wrong"),
    ];
    let (code, body) = app.call(&client, "set_security_question", &form).await;
    assert_eq!(
        (code, fields(&body)),
        (
            422,
            vec![(
                "current_password".into(),
                "The current password is not correct.".into()
            )]
        )
    );
    let form = [
        ("question", QUESTION),
        ("answer", "Blue Lightning"),
        ("current_password", PASSWORD),
    ];
    assert_eq!(app.call(&client, "set_security_question", &form).await.0, 200);
    let (_, question) = app.call(&client, "my_security_question", &[]).await;
    assert_eq!(question, QUESTION);
    let (stored,): (String,) = sqlx::query_as("SELECT security_answer_hash FROM personnel WHERE email = $1")
        .bind(EMAIL)
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert!(stored.starts_with("$argon2id$") && !stored.to_lowercase().contains("lightning"));
    assert_eq!(app.call(&browser(), "set_security_question", &form).await.0, 401);
}

#[tokio::test]
async fn wrong_current_passwords_are_counted_like_sign_ins_and_pause_setting_a_question() {
    let app = spawn_app().await;
    let (client, _) = app.signed_in(Account::active(EMAIL)).await;
    let set = |current: &'static str| {
        let app = &app;
        let client = &client;
        async move {
            let form = [
                ("question", QUESTION),
                ("answer", "Blue Lightning"),
                ("current_password", current),
            ];
            app.call(client, "set_security_question", &form).await
        }
    };
    for guess in 1..=4 {
        let (code, body) = set("a wrong guess at it").await;
        assert_eq!(
            (code, fields(&body)),
            (
                422,
                vec![(
                    "current_password".into(),
                    "The current password is not correct.".into()
                )]
            ),
            "guess {guess}"
        );
    }
    let paused = "Too many failed sign-ins. Sign-in to this account is paused for 15 minutes; \
                  try again in 15 minutes.";
    for (what, current) in [
        ("the fifth wrong guess", "a wrong guess at it"),
        ("the right password", PASSWORD),
    ] {
        let (code, body) = set(current).await;
        assert_eq!(
            (code, kind(&body).as_str(), message(&body).as_str()),
            (429, "TooManyAttempts", paused),
            "{what}"
        );
    }
    let (_, question) = app.call(&client, "my_security_question", &[]).await;
    assert!(question.is_null(), "nothing was saved: {question}");
}

#[tokio::test]
async fn only_a_question_from_the_list_and_an_answer_of_six_characters_are_accepted() {
    let app = spawn_app().await;
    let (client, _) = app.signed_in(Account::active(EMAIL)).await;
    let form = [
        ("question", "Name of my first bike?"),
        ("answer", "  Blue  "),
        ("current_password", PASSWORD),
    ];
    let (code, body) = app.call(&client, "set_security_question", &form).await;
    assert_eq!(
        (code, fields(&body)),
        (
            422,
            vec![
                ("question".into(), "Choose a question from the list.".into()),
                (
                    "answer".into(),
                    "Write an answer of at least 6 characters.".into()
                ),
            ]
        )
    );
    let (_, question) = app.call(&client, "my_security_question", &[]).await;
    assert!(question.is_null(), "nothing was saved: {question}");
}

#[tokio::test]
async fn a_right_answer_in_any_case_replaces_the_password_and_ends_old_sessions() {
    let app = spawn_app().await;
    let old_session = with_question(&app).await;
    let (code, question) = recovery_question(&app, "WORKER@agency.example").await;
    assert_eq!((code, question.as_str()), (200, Some(QUESTION)));

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
async fn an_unknown_e_mail_gets_a_stable_decoy_from_the_list_and_the_same_refusal_and_work() {
    let app = spawn_app().await;
    with_question(&app).await;
    let mut decoys = Vec::new();
    for n in 0..12 {
        let email = format!("nobody{n}@agency.example");
        let (code, decoy) = recovery_question(&app, &email).await;
        assert_eq!(code, 200);
        let decoy = decoy.as_str().unwrap().to_owned();
        assert!(QUESTIONS.contains(&decoy.as_str()), "{decoy}");
        let (_, again) = recovery_question(&app, &format!("  NOBODY{n}@agency.example")).await;
        assert_eq!(again, decoy.as_str(), "the same decoy each time for {email}");
        decoys.push(decoy);
    }
    decoys.sort();
    decoys.dedup();
    assert!(decoys.len() > 1, "decoys differ between e-mails: {decoys:?}");

    let before = app.hashing.verifications();
    let (code, unknown) = recover(&app, "nobody0@agency.example", "anything at all").await;
    assert_eq!(
        app.hashing.verifications() - before,
        1,
        "a decoy answer is verified"
    );
    let (code_wrong, wrong) = recover(&app, EMAIL, "red lightning").await;
    assert_eq!(app.hashing.verifications() - before, 2);
    assert_eq!((code, code_wrong), (401, 401));
    assert_eq!(message(&unknown), WRONG_ANSWER);
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
    assert!(message(&body).contains("paused for 15 minutes"), "{body}");
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
    let (code, body) = recover(&app, EMAIL, "blue lightning").await;
    assert_eq!(code, 403, "an Inactive account cannot recover");
    assert!(message(&body).contains("not active"), "{body}");
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
    assert_eq!(recovery_question(&app, EMAIL).await.0, 403);
}

#[tokio::test]
async fn an_invalid_new_password_is_refused_before_the_answer_is_checked_or_counted() {
    let app = spawn_app().await;
    with_question(&app).await;
    let before = app.hashing.verifications();
    for answer in ["Blue Lightning", "wrong answer"].into_iter().cycle().take(8) {
        let form = [
            ("email", EMAIL),
            ("answer", answer),
            ("new_password", "short"),
            ("confirm_password", "short"),
        ];
        let (code, body) = app.call(&browser(), "recover_password", &form).await;
        assert_eq!(code, 422, "{body}");
        assert_eq!(
            fields(&body),
            vec![(
                "new_password".to_owned(),
                "Use at least 12 characters.".to_owned()
            )],
            "the same answer whether the answer is right or not"
        );
    }
    let form = [
        ("email", EMAIL),
        ("answer", "wrong answer"),
        ("new_password", NEW),
        ("confirm_password", "orchard ladder breezy"),
    ];
    let (code, body) = app.call(&browser(), "recover_password", &form).await;
    assert_eq!(
        (code, fields(&body)),
        (
            422,
            vec![(
                "confirm_password".into(),
                "The two new passwords are not the same.".into()
            )]
        )
    );
    assert_eq!(app.hashing.verifications(), before, "no answer was verified");
    assert_eq!(
        app.sign_in(&browser(), EMAIL, PASSWORD).await.0,
        200,
        "nothing changed and nothing was counted"
    );
}

#[tokio::test]
async fn an_account_with_a_free_text_question_is_asked_to_choose_from_the_list() {
    let app = spawn_app().await;
    let client = with_question(&app).await;
    sqlx::query("UPDATE personnel SET security_question = 'Name of my first bike?' WHERE email = $1")
        .bind(EMAIL)
        .execute(&app.pool)
        .await
        .unwrap();

    let client_again = browser();
    assert_eq!(app.sign_in(&client_again, EMAIL, PASSWORD).await.0, 200);
    let (code, me) = app.call(&client_again, "whoami", &[]).await;
    assert_eq!(code, 200);
    assert_eq!(me["must_choose_security_question"], true);
    let page = app.get(&client_again, "/clients").await.text().await.unwrap();
    assert!(
        page.contains("Choose a security question from the list"),
        "the notice is on the page"
    );

    let (code, question) = recovery_question(&app, EMAIL).await;
    assert_eq!(code, 200);
    let question = question.as_str().unwrap();
    assert!(
        QUESTIONS.contains(&question),
        "a decoy from the list, not the old free text: {question}"
    );
    let (code, body) = recover(&app, EMAIL, "blue lightning").await;
    assert_eq!(
        (code, message(&body).as_str()),
        (401, WRONG_ANSWER),
        "the old question cannot recover"
    );

    let form = [
        ("question", QUESTIONS[3]),
        ("answer", "Harbour Road"),
        ("current_password", PASSWORD),
    ];
    assert_eq!(app.call(&client, "set_security_question", &form).await.0, 200);
    let (_, me) = app.call(&client_again, "whoami", &[]).await;
    assert_eq!(me["must_choose_security_question"], false);
}
