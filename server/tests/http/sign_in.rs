use app::api::personnel::{LiftSignInPause, LoadPersonnelRecord};
use app::api::session::{SignIn, Whoami};
use app::error::{AppError, FieldError};
use policy::PersonnelStatus;
use tokio::task::JoinSet;

use crate::support::{
    Account, PASSWORD, Refusal, TestApp, ask_at, browser, spawn_app, spawn_app_behind_proxy,
};

const WRONG: &str = "The e-mail address or password is not correct.";
const ACCOUNT_PAUSED: &str = "Too many failed sign-ins. Sign-in to this account is paused for 15 minutes";

#[tokio::test]
async fn a_correct_password_signs_in_and_whoami_names_the_person() {
    let app = spawn_app().await;
    app.add_account(Account::active("jordan@agency.example")).await;
    let client = browser();

    let status = app
        .sign_in(&client, "  Jordan@Agency.EXAMPLE ", PASSWORD)
        .await
        .status;
    assert_eq!(status, 200, "e-mail is matched regardless of case and spaces");

    let answer = app.ask(&client, Whoami {}).await;
    assert_eq!(answer.status, 200);
    let me = answer.ok();
    assert_eq!(me.email, "jordan@agency.example");
    assert_eq!(me.name, "Jordan Tester");
}

#[tokio::test]
async fn the_session_cookie_is_http_only_and_same_site() {
    let app = spawn_app().await;
    app.add_account(Account::active("jordan@agency.example")).await;
    let sign_in = SignIn {
        email: "jordan@agency.example".into(),
        password: PASSWORD.into(),
    };
    let (_, headers) = app.ask_with_headers(&reqwest::Client::new(), sign_in).await;
    let cookie = headers.get("set-cookie").unwrap().to_str().unwrap().to_owned();
    assert!(cookie.starts_with("safehold_session="));
    let token = cookie
        .split(';')
        .next()
        .unwrap()
        .trim_start_matches("safehold_session=");
    assert!(token.len() >= 32, "at least 128 bits of token: {token}");
    assert!(cookie.contains("HttpOnly"));
    assert!(cookie.contains("SameSite=Lax"));
    assert!(!cookie.contains("Secure"), "spawn_app sends no Secure");
}

#[tokio::test]
async fn an_unknown_email_and_a_wrong_password_get_the_same_answer() {
    let app = spawn_app().await;
    app.add_account(Account::active("jordan@agency.example")).await;
    let client = browser();
    let unknown = app.sign_in(&client, "nobody@agency.example", PASSWORD).await;
    let wrong = app
        .sign_in(&client, "jordan@agency.example", "not the password")
        .await;
    assert_eq!(unknown.status, 401);
    assert_eq!(unknown, wrong);
    assert_eq!(wrong.reason(), "The e-mail address or password is not correct.");
}

#[tokio::test]
async fn empty_fields_are_named_in_the_answer() {
    let app = spawn_app().await;
    let answer = app.sign_in(&browser(), "", "").await;
    assert_eq!(
        answer.parts(),
        (
            422,
            Err(AppError::invalid(vec![
                FieldError::new("email", "Enter your e-mail address."),
                FieldError::new("password", "Enter your password."),
            ]))
        )
    );
}

#[tokio::test]
async fn inactive_and_pending_accounts_are_refused_after_a_correct_password_only() {
    let app = spawn_app().await;
    for (email, status) in [
        ("gone@agency.example", PersonnelStatus::Inactive),
        ("soon@agency.example", PersonnelStatus::Pending),
    ] {
        app.add_account(Account {
            status,
            ..Account::active(email)
        })
        .await;
        let client = browser();

        let answer = app.sign_in(&client, email, "not the password").await;
        assert_eq!(
            answer.status, 401,
            "a wrong password says nothing about the account's status"
        );
        assert_eq!(answer.reason(), "The e-mail address or password is not correct.");

        let answer = app.sign_in(&client, email, PASSWORD).await;
        assert_eq!(answer.status, 403);
        assert!(answer.reason().contains("not active"), "{answer:?}");
        let code = app.ask(&client, Whoami {}).await.status;
        assert_eq!(code, 401, "no session was started");
    }
}

#[tokio::test]
async fn five_failures_within_fifteen_minutes_pause_sign_in_for_fifteen_minutes() {
    let app = spawn_app().await;
    app.add_account(Account::active("jordan@agency.example")).await;
    let client = browser();
    for attempt in 1..=4 {
        let code = app
            .sign_in(&client, "jordan@agency.example", "wrong password!")
            .await
            .status;
        assert_eq!(code, 401, "attempt {attempt}");
        app.clock.advance(60);
    }
    let answer = app
        .sign_in(&client, "jordan@agency.example", "wrong password!")
        .await;
    assert_eq!(answer.status, 429);
    assert!(
        matches!(answer.error(), Some(AppError::TooManyAttempts { .. })),
        "{answer:?}"
    );
    assert!(answer.reason().contains("paused for 15 minutes"), "{answer:?}");

    app.clock.advance(14 * 60);
    let answer = app.sign_in(&client, "jordan@agency.example", PASSWORD).await;
    assert_eq!(answer.status, 429, "even the right password waits out the pause");
    assert!(answer.reason().contains("try again in 1 minute"), "{answer:?}");

    app.clock.advance(60);
    let code = app
        .sign_in(&client, "jordan@agency.example", PASSWORD)
        .await
        .status;
    assert_eq!(code, 200);
}

#[tokio::test]
async fn a_limit_full_of_attempts_still_being_checked_names_the_minutes_left_of_its_window() {
    let app = spawn_app().await;
    app.add_account(Account::active("jordan@agency.example")).await;
    let client = browser();
    for attempt in 1..=4 {
        let answer = app
            .sign_in(&client, "jordan@agency.example", "wrong password!")
            .await;
        assert_eq!(
            (answer.status, answer.reason().as_str()),
            (401, WRONG),
            "attempt {attempt}"
        );
    }
    // A fifth attempt counted but not answered yet: the limit of this
    // account from this address is full, not paused.
    sqlx::query("UPDATE sign_in_attempts SET attempts = 5 WHERE account_key <> '' AND address <> ''")
        .execute(&app.pool)
        .await
        .unwrap();
    app.clock.advance(10 * 60);
    let before = app.hashing.verifications();
    let answer = app.sign_in(&client, "jordan@agency.example", PASSWORD).await;
    assert_eq!(
        (answer.status, answer.reason()),
        (429, format!("{ACCOUNT_PAUSED}; try again in 5 minutes.")),
        "the window began with the first failure, ten minutes ago"
    );
    assert_eq!(app.hashing.verifications(), before, "nothing was verified");
    app.clock.advance(5 * 60);
    let answer = app.sign_in(&client, "jordan@agency.example", PASSWORD).await;
    assert_eq!(answer.status, 200, "the window is over: {answer:?}");
}

#[tokio::test]
async fn failures_spread_over_more_than_fifteen_minutes_do_not_lock() {
    let app = spawn_app().await;
    app.add_account(Account::active("jordan@agency.example")).await;
    let client = browser();
    for _ in 0..5 {
        let code = app
            .sign_in(&client, "jordan@agency.example", "wrong password!")
            .await
            .status;
        assert_eq!(code, 401);
        app.clock.advance(4 * 60);
    }
    let code = app
        .sign_in(&client, "jordan@agency.example", PASSWORD)
        .await
        .status;
    assert_eq!(code, 200);
}

/// Sends `count` wrong passwords for `email` all at once; returns the
/// answers' statuses and messages.
async fn guesses_at_once(app: &TestApp, email: &'static str, count: usize) -> Vec<(u16, String)> {
    let mut guesses = JoinSet::new();
    for guess in 0..count {
        let address = app.address.clone();
        guesses.spawn(async move {
            let sign_in = SignIn {
                email: email.into(),
                password: format!("wrong guess number {guess}"),
            };
            let answer = ask_at(&address, &browser(), sign_in).await;
            (answer.status, answer.reason())
        });
    }
    guesses.join_all().await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn thirty_guesses_at_once_get_at_most_five_verified_and_then_sign_in_is_paused() {
    let app = spawn_app().await;
    app.add_account(Account::active("jordan@agency.example")).await;
    let before = app.hashing.verifications();

    let answers = guesses_at_once(&app, "jordan@agency.example", 30).await;

    let verified = app.hashing.verifications() - before;
    assert!((1..=5).contains(&verified), "{verified} guesses were verified");
    let wrong = answers.iter().filter(|(code, _)| *code == 401).count();
    let paused = answers
        .iter()
        .filter(|(code, text)| *code == 429 && text.starts_with(ACCOUNT_PAUSED))
        .count();
    assert!(wrong <= 4, "at most four plain refusals: {answers:?}");
    assert_eq!(wrong + paused, 30, "every other answer is the pause: {answers:?}");
    assert!(
        answers
            .iter()
            .filter(|(code, _)| *code == 401)
            .all(|(_, text)| text == WRONG)
    );

    let answer = app.sign_in(&browser(), "jordan@agency.example", PASSWORD).await;
    assert_eq!(answer.status, 429, "even the right password waits: {answer:?}");
    assert!(answer.reason().starts_with(ACCOUNT_PAUSED), "{answer:?}");
    assert_eq!(
        app.hashing.verifications() - before,
        verified,
        "the right password was not verified either"
    );
}

#[tokio::test]
async fn an_unknown_and_a_known_e_mail_get_the_same_work_answers_and_pause() {
    let app = spawn_app().await;
    app.add_account(Account::active("jordan@agency.example")).await;
    let client = browser();
    for attempt in 1..=6 {
        let mut seen = Vec::new();
        for email in ["jordan@agency.example", "nobody@agency.example"] {
            let before = app.hashing.verifications();
            let answer = app.sign_in(&client, email, "wrong password!").await;
            seen.push((
                answer.status,
                answer.reason(),
                app.hashing.verifications() - before,
            ));
        }
        assert_eq!(seen[0], seen[1], "attempt {attempt}");
        let expected = match attempt {
            1..=4 => (401, WRONG.to_owned(), 1),
            5 => (429, format!("{ACCOUNT_PAUSED}; try again in 15 minutes."), 1),
            _ => (429, format!("{ACCOUNT_PAUSED}; try again in 15 minutes."), 0),
        };
        assert_eq!(seen[0], expected, "attempt {attempt}");
    }
}

#[tokio::test]
async fn another_address_is_not_locked_out_by_one_address_failures() {
    let app = spawn_app_behind_proxy().await;
    app.add_account(Account::active("jordan@agency.example")).await;
    for _ in 0..5 {
        app.sign_in_from("198.51.100.66", "jordan@agency.example", "wrong password!")
            .await;
    }
    let answer = app
        .sign_in_from("198.51.100.66", "jordan@agency.example", PASSWORD)
        .await;
    assert_eq!(answer.status, 429, "{answer:?}");
    assert!(answer.reason().starts_with(ACCOUNT_PAUSED), "{answer:?}");

    let answer = app
        .sign_in_from("203.0.113.20", "jordan@agency.example", PASSWORD)
        .await;
    assert_eq!(
        answer.status, 200,
        "the person at another address signs in: {answer:?}"
    );
}

#[tokio::test]
async fn a_header_naming_another_address_is_ignored_without_a_trusted_proxy() {
    let app = spawn_app().await;
    app.add_account(Account::active("jordan@agency.example")).await;
    for attempt in 1..=5 {
        let from = format!("198.51.100.{attempt}");
        let code = app
            .sign_in_from(&from, "jordan@agency.example", "wrong password!")
            .await
            .status;
        assert_eq!(code, if attempt < 5 { 401 } else { 429 }, "attempt {attempt}");
    }
    let answer = app
        .sign_in_from("203.0.113.20", "jordan@agency.example", PASSWORD)
        .await;
    assert_eq!(answer.status, 429, "all came from 127.0.0.1: {answer:?}");
}

#[tokio::test]
async fn fifty_failures_from_one_address_pause_it_for_every_e_mail() {
    let app = spawn_app_behind_proxy().await;
    app.add_account(Account::active("jordan@agency.example")).await;
    for n in 1..=50 {
        let email = format!("guess{n}@agency.example");
        let answer = app.sign_in_from("198.51.100.7", &email, "wrong password!").await;
        if n < 50 {
            assert_eq!(
                (answer.status, answer.reason().as_str()),
                (401, WRONG),
                "attempt {n}"
            );
        } else {
            assert_eq!(answer.status, 429, "{answer:?}");
        }
    }
    let before = app.hashing.verifications();
    let answer = app
        .sign_in_from("198.51.100.7", "jordan@agency.example", PASSWORD)
        .await;
    assert_eq!(answer.status, 429, "{answer:?}");
    assert_eq!(
        answer.reason(),
        "Too many failed sign-ins from your network. Signing in from here is paused for 15 minutes; \
         try again in 15 minutes."
    );
    assert_eq!(app.hashing.verifications(), before, "nothing was verified");

    let code = app
        .sign_in_from("198.51.100.8", "jordan@agency.example", PASSWORD)
        .await
        .status;
    assert_eq!(code, 200, "other addresses are not paused");
    app.clock.advance(15 * 60);
    let code = app
        .sign_in_from("198.51.100.7", "jordan@agency.example", PASSWORD)
        .await
        .status;
    assert_eq!(code, 200, "the pause ends after fifteen minutes");
}

/// Sends 100 wrong passwords for `email`, five from each of twenty addresses.
async fn hundred_failures_from_twenty_addresses(app: &TestApp, email: &str) {
    for address in 1..=20 {
        let from = format!("203.0.113.{address}");
        for _ in 0..5 {
            let answer = app.sign_in_from(&from, email, "wrong password!").await;
            assert!(answer.status == 401 || answer.status == 429, "{answer:?}");
        }
    }
}

async fn audit_count(app: &TestApp, action: &str) -> i64 {
    let (count,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM audit_log WHERE action = $1")
        .bind(action)
        .fetch_one(&app.pool)
        .await
        .unwrap();
    count
}

#[tokio::test]
async fn a_hundred_failures_from_many_addresses_pause_the_account_until_an_administrator_lifts_it() {
    let app = spawn_app_behind_proxy().await;
    let id = app.add_account(Account::active("jordan@agency.example")).await;
    let (admin, _) = app
        .signed_in(Account::site_administrator("root@agency.example"))
        .await;

    hundred_failures_from_twenty_addresses(&app, "jordan@agency.example").await;
    hundred_failures_from_twenty_addresses(&app, "nobody@agency.example").await;

    for email in ["jordan@agency.example", "nobody@agency.example"] {
        let answer = app.sign_in_from("192.0.2.99", email, PASSWORD).await;
        assert_eq!(answer.status, 429, "a fresh address is paused too: {answer:?}");
        assert_eq!(
            answer.reason(),
            format!("{ACCOUNT_PAUSED}; try again in 15 minutes."),
            "the same for an unknown e-mail"
        );
    }
    assert_eq!(
        audit_count(&app, "personnel.sign_in_paused").await,
        1,
        "audited for the real account only"
    );

    let record = app.ask(&admin, LoadPersonnelRecord { id }).await.ok();
    assert_eq!(record.sign_in_paused_minutes, Some(15));

    let answer = app.ask(&browser(), LiftSignInPause { id }).await;
    assert_eq!(answer.status, 401, "signed out: {answer:?}");
    let answer = app.ask(&admin, LiftSignInPause { id }).await;
    assert_eq!(answer.status, 200, "{answer:?}");
    assert_eq!(audit_count(&app, "personnel.sign_in_pause_lifted").await, 1);
    let record = app.ask(&admin, LoadPersonnelRecord { id }).await.ok();
    assert_eq!(record.sign_in_paused_minutes, None, "{record:?}");

    let answer = app
        .sign_in_from("192.0.2.99", "jordan@agency.example", PASSWORD)
        .await;
    assert_eq!(answer.status, 200, "signs in at once: {answer:?}");
}

#[tokio::test]
async fn only_an_administrator_who_may_manage_the_account_lifts_a_pause() {
    let app = spawn_app().await;
    let id = app.add_account(Account::active("jordan@agency.example")).await;
    let (worker, _) = app.signed_in(Account::active("worker@agency.example")).await;
    let answer = app.ask(&worker, LiftSignInPause { id }).await;
    assert_eq!(answer.status, 403, "{answer:?}");
    assert!(
        matches!(answer.error(), Some(AppError::Forbidden { .. })),
        "{answer:?}"
    );
    assert_eq!(audit_count(&app, "personnel.sign_in_pause_lifted").await, 0);
}
