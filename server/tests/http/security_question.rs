//! The security question and password recovery over HTTP (spec, "Sign-in and recovery").

use app::api::security_question::{
    MySecurityQuestion, RecoverPassword, RecoveryQuestion, SetSecurityQuestion,
};
use app::api::session::Whoami;
use app::api::settings::SaveSiteSettings;
use app::error::{AppError, FieldError};
use app::security_questions::QUESTIONS;
use app::settings::SettingsForm;
use policy::SiteSettings;

use crate::support::{Account, Answer, PASSWORD, Refusal, TestApp, browser, spawn_app};

const EMAIL: &str = "worker@agency.example";
const NEW: &str = "orchard ladder breeze";
const QUESTION: &str = "What was the name of your first pet?";
const WRONG_ANSWER: &str = "The e-mail address or answer is not correct.";

/// "set_security_question" with `question`, `answer` and the current
/// password `current`.
fn set_question(question: &str, answer: &str, current: &str) -> SetSecurityQuestion {
    SetSecurityQuestion {
        question: question.into(),
        answer: answer.into(),
        current_password: current.into(),
    }
}

async fn with_question(app: &TestApp) -> reqwest::Client {
    let (client, _) = app.signed_in(Account::active(EMAIL)).await;
    let set = set_question(QUESTION, "  Blue Lightning ", PASSWORD);
    app.ask(&client, set).await.ok();
    client
}

/// "recover_password" with `new_password` and `confirm_password`.
fn recovery(email: &str, answer: &str, new_password: &str, confirm_password: &str) -> RecoverPassword {
    RecoverPassword {
        email: email.into(),
        answer: answer.into(),
        new_password: new_password.into(),
        confirm_password: confirm_password.into(),
    }
}

async fn recover(app: &TestApp, email: &str, answer: &str) -> Answer<()> {
    app.ask(&browser(), recovery(email, answer, NEW, NEW)).await
}

async fn recovery_question(app: &TestApp, email: &str) -> Answer<String> {
    app.ask(&browser(), RecoveryQuestion { email: email.into() })
        .await
}

/// The question the signed-in `client` has set, if any.
async fn my_question(app: &TestApp, client: &reqwest::Client) -> Option<String> {
    app.ask(client, MySecurityQuestion {}).await.ok()
}

#[tokio::test]
async fn setting_a_question_needs_the_current_password_and_keeps_only_a_hash_of_the_answer() {
    let app = spawn_app().await;
    let (client, _) = app.signed_in(Account::active(EMAIL)).await;
    let set = set_question(QUESTION, "Blue Lightning", "wrong");
    assert_eq!(
        app.ask(&client, set).await.parts(),
        (
            422,
            Err(AppError::invalid_field(
                "current_password",
                "The current password is not correct."
            ))
        )
    );
    let set = || set_question(QUESTION, "Blue Lightning", PASSWORD);
    assert_eq!(app.ask(&client, set()).await.status, 200);
    assert_eq!(my_question(&app, &client).await.as_deref(), Some(QUESTION));
    let (stored,): (String,) = sqlx::query_as("SELECT security_answer_hash FROM personnel WHERE email = $1")
        .bind(EMAIL)
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert!(stored.starts_with("$argon2id$") && !stored.to_lowercase().contains("lightning"));
    assert_eq!(app.ask(&browser(), set()).await.status, 401);
}

#[tokio::test]
async fn wrong_current_passwords_are_counted_like_sign_ins_and_pause_setting_a_question() {
    let app = spawn_app().await;
    let (client, _) = app.signed_in(Account::active(EMAIL)).await;
    let set = |current: &'static str| {
        let app = &app;
        let client = &client;
        async move {
            let set = set_question(QUESTION, "Blue Lightning", current);
            app.ask(client, set).await
        }
    };
    for guess in 1..=4 {
        assert_eq!(
            set("a wrong guess at it").await.parts(),
            (
                422,
                Err(AppError::invalid_field(
                    "current_password",
                    "The current password is not correct."
                ))
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
        let paused = AppError::TooManyAttempts {
            message: paused.into(),
        };
        assert_eq!(set(current).await.parts(), (429, Err(paused)), "{what}");
    }
    let question = my_question(&app, &client).await;
    assert!(question.is_none(), "nothing was saved: {question:?}");
}

#[tokio::test]
async fn only_a_question_from_the_list_and_an_answer_of_six_characters_are_accepted() {
    let app = spawn_app().await;
    let (client, _) = app.signed_in(Account::active(EMAIL)).await;
    let set = set_question("Name of my first bike?", "  Blue  ", PASSWORD);
    assert_eq!(
        app.ask(&client, set).await.parts(),
        (
            422,
            Err(AppError::invalid(vec![
                FieldError::new("question", "Choose a question from the list."),
                FieldError::new("answer", "Write an answer of at least 6 characters."),
            ]))
        )
    );
    let question = my_question(&app, &client).await;
    assert!(question.is_none(), "nothing was saved: {question:?}");
}

#[tokio::test]
async fn a_right_answer_in_any_case_replaces_the_password_and_ends_old_sessions() {
    let app = spawn_app().await;
    let old_session = with_question(&app).await;
    let question = recovery_question(&app, "WORKER@agency.example").await;
    assert_eq!(question.parts(), (200, Ok(QUESTION.to_owned())));

    let answer = recover(&app, EMAIL, "blue lightning").await;
    assert_eq!(answer.status, 200, "{answer:?}");
    assert_eq!(
        app.ask(&old_session, Whoami {}).await.status,
        401,
        "old sessions end"
    );
    assert_eq!(app.sign_in(&browser(), EMAIL, PASSWORD).await.status, 401);
    assert_eq!(app.sign_in(&browser(), EMAIL, NEW).await.status, 200);
}

#[tokio::test]
async fn an_unknown_e_mail_gets_a_stable_decoy_from_the_list_and_the_same_refusal_and_work() {
    let app = spawn_app().await;
    with_question(&app).await;
    let mut decoys = Vec::new();
    for n in 0..12 {
        let email = format!("nobody{n}@agency.example");
        let answer = recovery_question(&app, &email).await;
        assert_eq!(answer.status, 200);
        let decoy = answer.ok();
        assert!(QUESTIONS.contains(&decoy.as_str()), "{decoy}");
        let again = recovery_question(&app, &format!("  NOBODY{n}@agency.example")).await;
        assert_eq!(
            again.result,
            Ok(decoy.clone()),
            "the same decoy each time for {email}"
        );
        decoys.push(decoy);
    }
    decoys.sort();
    decoys.dedup();
    assert!(decoys.len() > 1, "decoys differ between e-mails: {decoys:?}");

    let before = app.hashing.verifications();
    let unknown = recover(&app, "nobody0@agency.example", "anything at all").await;
    assert_eq!(
        app.hashing.verifications() - before,
        1,
        "a decoy answer is verified"
    );
    let wrong = recover(&app, EMAIL, "red lightning").await;
    assert_eq!(app.hashing.verifications() - before, 2);
    assert_eq!((unknown.status, wrong.status), (401, 401));
    assert_eq!(unknown.reason(), WRONG_ANSWER);
    assert_eq!(unknown.reason(), wrong.reason());
}

#[tokio::test]
async fn wrong_answers_lock_the_account_like_failed_sign_ins() {
    let app = spawn_app().await;
    with_question(&app).await;
    for _ in 0..4 {
        assert_eq!(recover(&app, EMAIL, "wrong answer").await.status, 401);
    }
    let answer = recover(&app, EMAIL, "wrong answer").await;
    assert_eq!(answer.status, 429, "{answer:?}");
    assert!(
        matches!(answer.error(), Some(AppError::TooManyAttempts { .. })),
        "{answer:?}"
    );
    assert!(answer.reason().contains("paused for 15 minutes"), "{answer:?}");
    let code = recover(&app, EMAIL, "blue lightning").await.status;
    assert_eq!(code, 429, "even the right answer waits out the pause");
    assert_eq!(
        app.sign_in(&browser(), EMAIL, PASSWORD).await.status,
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
    let answer = recover(&app, EMAIL, "blue lightning").await;
    assert_eq!(answer.status, 403, "an Inactive account cannot recover");
    assert!(answer.reason().contains("not active"), "{answer:?}");
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
    let off = SaveSiteSettings {
        settings: SettingsForm {
            access: SiteSettings::default(),
            password_recovery: false,
            time_zone: "UTC".into(),
        },
    };
    assert_eq!(app.ask(&admin, off).await.status, 200);
    let answer = recover(&app, EMAIL, "blue lightning").await;
    assert_eq!(answer.status, 403);
    assert!(answer.reason().contains("switched off"), "{answer:?}");
    assert_eq!(recovery_question(&app, EMAIL).await.status, 403);
}

#[tokio::test]
async fn an_invalid_new_password_is_refused_before_the_answer_is_checked_or_counted() {
    let app = spawn_app().await;
    with_question(&app).await;
    let before = app.hashing.verifications();
    for answer in ["Blue Lightning", "wrong answer"].into_iter().cycle().take(8) {
        let recover = recovery(EMAIL, answer, "short", "short");
        let answer = app.ask(&browser(), recover).await;
        assert_eq!(answer.status, 422, "{answer:?}");
        assert_eq!(
            answer.result,
            Err(AppError::invalid_field(
                "new_password",
                "Use at least 12 characters."
            )),
            "the same answer whether the answer is right or not"
        );
    }
    let recover = recovery(EMAIL, "wrong answer", NEW, "orchard ladder breezy");
    assert_eq!(
        app.ask(&browser(), recover).await.parts(),
        (
            422,
            Err(AppError::invalid_field(
                "confirm_password",
                "The two new passwords are not the same."
            ))
        )
    );
    assert_eq!(app.hashing.verifications(), before, "no answer was verified");
    assert_eq!(
        app.sign_in(&browser(), EMAIL, PASSWORD).await.status,
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
    assert_eq!(app.sign_in(&client_again, EMAIL, PASSWORD).await.status, 200);
    let me = app.ask(&client_again, Whoami {}).await.ok();
    assert!(me.must_choose_security_question);
    let page = app.get(&client_again, "/clients").await.text().await.unwrap();
    assert!(
        page.contains("Choose a security question from the list"),
        "the notice is on the page"
    );

    let answer = recovery_question(&app, EMAIL).await;
    assert_eq!(answer.status, 200);
    let question = answer.ok();
    let question = question.as_str();
    assert!(
        QUESTIONS.contains(&question),
        "a decoy from the list, not the old free text: {question}"
    );
    let answer = recover(&app, EMAIL, "blue lightning").await;
    assert_eq!(
        (answer.status, answer.reason().as_str()),
        (401, WRONG_ANSWER),
        "the old question cannot recover"
    );

    let set = set_question(QUESTIONS[3], "Harbour Road", PASSWORD);
    assert_eq!(app.ask(&client, set).await.status, 200);
    let me = app.ask(&client_again, Whoami {}).await.ok();
    assert!(!me.must_choose_security_question);
}
