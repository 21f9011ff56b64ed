use policy::PersonnelStatus;
use tokio::task::JoinSet;

use crate::support::{
    Account, PASSWORD, TestApp, browser, fields, kind, message, spawn_app, spawn_app_behind_proxy,
};

const WRONG: &str = "The e-mail address or password is not correct.";
const ACCOUNT_PAUSED: &str = "Too many failed sign-ins. Sign-in to this account is paused for 15 minutes";

#[tokio::test]
async fn a_correct_password_signs_in_and_whoami_names_the_person() {
    let app = spawn_app().await;
    app.add_account(Account::active("jordan@agency.example")).await;
    let client = browser();

    let (status, _) = app.sign_in(&client, "  Jordan@Agency.EXAMPLE ", PASSWORD).await;
    assert_eq!(status, 200, "e-mail is matched regardless of case and spaces");

    let (status, me) = app.call(&client, "whoami", &[]).await;
    assert_eq!(status, 200);
    assert_eq!(me["email"], "jordan@agency.example");
    assert_eq!(me["name"], "Jordan Tester");
}

#[tokio::test]
async fn the_session_cookie_is_http_only_and_same_site() {
    let app = spawn_app().await;
    app.add_account(Account::active("jordan@agency.example")).await;
    let response = reqwest::Client::new()
        .post(format!("{}/api/sign_in", app.address))
        .form(&[("email", "jordan@agency.example"), ("password", PASSWORD)])
        .send()
        .await
        .unwrap();
    let cookie = response
        .headers()
        .get("set-cookie")
        .unwrap()
        .to_str()
        .unwrap()
        .to_owned();
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
    let (unknown_status, unknown) = app.sign_in(&client, "nobody@agency.example", PASSWORD).await;
    let (wrong_status, wrong) = app
        .sign_in(&client, "jordan@agency.example", "not the password")
        .await;
    assert_eq!(unknown_status, 401);
    assert_eq!((unknown_status, &unknown), (wrong_status, &wrong));
    assert_eq!(message(&wrong), "The e-mail address or password is not correct.");
}

#[tokio::test]
async fn empty_fields_are_named_in_the_answer() {
    let app = spawn_app().await;
    let (status, body) = app.sign_in(&browser(), "", "").await;
    assert_eq!(
        (status, fields(&body)),
        (
            422,
            vec![
                ("email".into(), "Enter your e-mail address.".into()),
                ("password".into(), "Enter your password.".into()),
            ]
        ),
        "{body}"
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

        let (code, body) = app.sign_in(&client, email, "not the password").await;
        assert_eq!(
            code, 401,
            "a wrong password says nothing about the account's status"
        );
        assert_eq!(message(&body), "The e-mail address or password is not correct.");

        let (code, body) = app.sign_in(&client, email, PASSWORD).await;
        assert_eq!(code, 403);
        assert!(message(&body).contains("not active"), "{body}");
        let (code, _) = app.call(&client, "whoami", &[]).await;
        assert_eq!(code, 401, "no session was started");
    }
}

#[tokio::test]
async fn five_failures_within_fifteen_minutes_pause_sign_in_for_fifteen_minutes() {
    let app = spawn_app().await;
    app.add_account(Account::active("jordan@agency.example")).await;
    let client = browser();
    for attempt in 1..=4 {
        let (code, _) = app
            .sign_in(&client, "jordan@agency.example", "wrong password!")
            .await;
        assert_eq!(code, 401, "attempt {attempt}");
        app.clock.advance(60);
    }
    let (code, body) = app
        .sign_in(&client, "jordan@agency.example", "wrong password!")
        .await;
    assert_eq!((code, kind(&body).as_str()), (429, "TooManyAttempts"));
    assert!(message(&body).contains("paused for 15 minutes"), "{body}");

    app.clock.advance(14 * 60);
    let (code, body) = app.sign_in(&client, "jordan@agency.example", PASSWORD).await;
    assert_eq!(code, 429, "even the right password waits out the pause");
    assert!(message(&body).contains("try again in 1 minute"), "{body}");

    app.clock.advance(60);
    let (code, _) = app.sign_in(&client, "jordan@agency.example", PASSWORD).await;
    assert_eq!(code, 200);
}

#[tokio::test]
async fn a_limit_full_of_attempts_still_being_checked_names_the_minutes_left_of_its_window() {
    let app = spawn_app().await;
    app.add_account(Account::active("jordan@agency.example")).await;
    let client = browser();
    for attempt in 1..=4 {
        let (code, body) = app
            .sign_in(&client, "jordan@agency.example", "wrong password!")
            .await;
        assert_eq!((code, message(&body).as_str()), (401, WRONG), "attempt {attempt}");
    }
    // A fifth attempt counted but not answered yet: the limit of this
    // account from this address is full, not paused.
    sqlx::query("UPDATE sign_in_attempts SET attempts = 5 WHERE account_key <> '' AND address <> ''")
        .execute(&app.pool)
        .await
        .unwrap();
    app.clock.advance(10 * 60);
    let before = app.hashing.verifications();
    let (code, body) = app.sign_in(&client, "jordan@agency.example", PASSWORD).await;
    assert_eq!(
        (code, message(&body)),
        (429, format!("{ACCOUNT_PAUSED}; try again in 5 minutes.")),
        "the window began with the first failure, ten minutes ago"
    );
    assert_eq!(app.hashing.verifications(), before, "nothing was verified");
    app.clock.advance(5 * 60);
    let (code, body) = app.sign_in(&client, "jordan@agency.example", PASSWORD).await;
    assert_eq!(code, 200, "the window is over: {body}");
}

#[tokio::test]
async fn failures_spread_over_more_than_fifteen_minutes_do_not_lock() {
    let app = spawn_app().await;
    app.add_account(Account::active("jordan@agency.example")).await;
    let client = browser();
    for _ in 0..5 {
        let (code, _) = app
            .sign_in(&client, "jordan@agency.example", "wrong password!")
            .await;
        assert_eq!(code, 401);
        app.clock.advance(4 * 60);
    }
    let (code, _) = app.sign_in(&client, "jordan@agency.example", PASSWORD).await;
    assert_eq!(code, 200);
}

/// Sends `count` wrong passwords for `email` all at once; returns the
/// answers' statuses and messages.
async fn guesses_at_once(app: &TestApp, email: &'static str, count: usize) -> Vec<(u16, String)> {
    let mut guesses = JoinSet::new();
    for guess in 0..count {
        let url = format!("{}/api/sign_in", app.address);
        guesses.spawn(async move {
            let response = browser()
                .post(url)
                .form(&[
                    ("email", email),
                    ("password", &format!("wrong guess number {guess}")),
                ])
                .send()
                .await
                .expect("request is sent");
            let status = response.status().as_u16();
            let body: serde_json::Value = response.json().await.expect("a JSON answer");
            (status, message(&body))
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

    let (code, body) = app.sign_in(&browser(), "jordan@agency.example", PASSWORD).await;
    assert_eq!(code, 429, "even the right password waits: {body}");
    assert!(message(&body).starts_with(ACCOUNT_PAUSED), "{body}");
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
            let (code, body) = app.sign_in(&client, email, "wrong password!").await;
            seen.push((code, message(&body), app.hashing.verifications() - before));
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
    let (code, body) = app
        .sign_in_from("198.51.100.66", "jordan@agency.example", PASSWORD)
        .await;
    assert_eq!(code, 429, "{body}");
    assert!(message(&body).starts_with(ACCOUNT_PAUSED), "{body}");

    let (code, body) = app
        .sign_in_from("203.0.113.20", "jordan@agency.example", PASSWORD)
        .await;
    assert_eq!(code, 200, "the person at another address signs in: {body}");
}

#[tokio::test]
async fn a_header_naming_another_address_is_ignored_without_a_trusted_proxy() {
    let app = spawn_app().await;
    app.add_account(Account::active("jordan@agency.example")).await;
    for attempt in 1..=5 {
        let from = format!("198.51.100.{attempt}");
        let (code, _) = app
            .sign_in_from(&from, "jordan@agency.example", "wrong password!")
            .await;
        assert_eq!(code, if attempt < 5 { 401 } else { 429 }, "attempt {attempt}");
    }
    let (code, body) = app
        .sign_in_from("203.0.113.20", "jordan@agency.example", PASSWORD)
        .await;
    assert_eq!(code, 429, "all came from 127.0.0.1: {body}");
}

#[tokio::test]
async fn fifty_failures_from_one_address_pause_it_for_every_e_mail() {
    let app = spawn_app_behind_proxy().await;
    app.add_account(Account::active("jordan@agency.example")).await;
    for n in 1..=50 {
        let email = format!("guess{n}@agency.example");
        let (code, body) = app.sign_in_from("198.51.100.7", &email, "wrong password!").await;
        if n < 50 {
            assert_eq!((code, message(&body).as_str()), (401, WRONG), "attempt {n}");
        } else {
            assert_eq!(code, 429, "{body}");
        }
    }
    let before = app.hashing.verifications();
    let (code, body) = app
        .sign_in_from("198.51.100.7", "jordan@agency.example", PASSWORD)
        .await;
    assert_eq!(code, 429, "{body}");
    assert_eq!(
        message(&body),
        "Too many failed sign-ins from your network. Signing in from here is paused for 15 minutes; \
         try again in 15 minutes."
    );
    assert_eq!(app.hashing.verifications(), before, "nothing was verified");

    let (code, _) = app
        .sign_in_from("198.51.100.8", "jordan@agency.example", PASSWORD)
        .await;
    assert_eq!(code, 200, "other addresses are not paused");
    app.clock.advance(15 * 60);
    let (code, _) = app
        .sign_in_from("198.51.100.7", "jordan@agency.example", PASSWORD)
        .await;
    assert_eq!(code, 200, "the pause ends after fifteen minutes");
}

/// Sends 100 wrong passwords for `email`, five from each of twenty addresses.
async fn hundred_failures_from_twenty_addresses(app: &TestApp, email: &str) {
    for address in 1..=20 {
        let from = format!("203.0.113.{address}");
        for _ in 0..5 {
            let (code, body) = app.sign_in_from(&from, email, "wrong password!").await;
            assert!(code == 401 || code == 429, "{body}");
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
        let (code, body) = app.sign_in_from("192.0.2.99", email, PASSWORD).await;
        assert_eq!(code, 429, "a fresh address is paused too: {body}");
        assert_eq!(
            message(&body),
            format!("{ACCOUNT_PAUSED}; try again in 15 minutes."),
            "the same for an unknown e-mail"
        );
    }
    assert_eq!(
        audit_count(&app, "personnel.sign_in_paused").await,
        1,
        "audited for the real account only"
    );

    let id = id.0.to_string();
    let (code, record) = app.call(&admin, "load_personnel_record", &[("id", &id)]).await;
    assert_eq!(code, 200, "{record}");
    assert_eq!(record["sign_in_paused_minutes"], 15);

    let (code, body) = app.call(&browser(), "lift_sign_in_pause", &[("id", &id)]).await;
    assert_eq!(code, 401, "signed out: {body}");
    let (code, body) = app.call(&admin, "lift_sign_in_pause", &[("id", &id)]).await;
    assert_eq!(code, 200, "{body}");
    assert_eq!(audit_count(&app, "personnel.sign_in_pause_lifted").await, 1);
    let (_, record) = app.call(&admin, "load_personnel_record", &[("id", &id)]).await;
    assert!(record["sign_in_paused_minutes"].is_null(), "{record}");

    let (code, body) = app
        .sign_in_from("192.0.2.99", "jordan@agency.example", PASSWORD)
        .await;
    assert_eq!(code, 200, "signs in at once: {body}");
}

#[tokio::test]
async fn only_an_administrator_who_may_manage_the_account_lifts_a_pause() {
    let app = spawn_app().await;
    let id = app.add_account(Account::active("jordan@agency.example")).await;
    let (worker, _) = app.signed_in(Account::active("worker@agency.example")).await;
    let (code, body) = app
        .call(&worker, "lift_sign_in_pause", &[("id", &id.0.to_string())])
        .await;
    assert_eq!(code, 403, "{body}");
    assert_eq!(kind(&body), "Forbidden");
    assert_eq!(audit_count(&app, "personnel.sign_in_pause_lifted").await, 0);
}
