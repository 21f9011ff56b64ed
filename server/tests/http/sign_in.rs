use policy::PersonnelStatus;

use crate::support::{Account, PASSWORD, browser, kind, message, spawn_app};

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
    assert_eq!(status, 422);
    let fields: Vec<&str> = body["Invalid"]["fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["field"].as_str().unwrap())
        .collect();
    assert_eq!(fields, ["email", "password"]);
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
