//! The password hashing budget seen over HTTP: when every permit is taken and
//! the queue is full, a sign-in is answered at once with 503 "busy" and a
//! `Retry-After`, and nothing is checked; once a permit is free, it works.

use app::auth::password_hash::Hashing;

use crate::support::{
    Account, PASSWORD, TestApp, browser, fields, insecure_cookie, kind, message, spawn_app_with,
};

const WRONG: &str = "The e-mail address or password is not correct.";
const PAUSED: &str =
    "Too many failed sign-ins. Sign-in to this account is paused for 15 minutes; try again in 15 minutes.";

/// The largest count of any attempt counter.
async fn most_attempts_counted(app: &TestApp) -> i64 {
    let (most,): (Option<i64>,) = sqlx::query_as("SELECT MAX(attempts) FROM sign_in_attempts")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    most.unwrap_or(0)
}

#[tokio::test]
async fn a_sign_in_beyond_the_budget_is_told_to_retry_and_nothing_is_checked() {
    let app = spawn_app_with(insecure_cookie(), Hashing::new(1, 0)).await;
    app.add_account(Account::active("jordan@agency.example")).await;
    let client = browser();

    let hashing_elsewhere = app.hashing.turn().await.expect("the one permit is free");
    let response = client
        .post(format!("{}/api/sign_in", app.address))
        .form(&[("email", "jordan@agency.example"), ("password", PASSWORD)])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status().as_u16(), 503);
    assert_eq!(
        response
            .headers()
            .get("retry-after")
            .and_then(|v| v.to_str().ok()),
        Some("1")
    );
    let body: serde_json::Value = response.json().await.unwrap();
    assert_eq!(kind(&body), "Busy");
    assert_eq!(app.hashing.verifications(), 0, "no password was checked");
    assert_eq!(app.call(&client, "whoami", &[]).await.0, 401, "not signed in");

    drop(hashing_elsewhere);
    let (code, body) = app.sign_in(&client, "jordan@agency.example", PASSWORD).await;
    assert_eq!(code, 200, "{body}");
    assert_eq!(app.hashing.verifications(), 1);
}

#[tokio::test]
async fn an_unknown_e_mail_is_checked_against_the_decoy_like_a_known_one() {
    let app = spawn_app_with(insecure_cookie(), Hashing::new(1, 4)).await;
    let (code, body) = app.sign_in(&browser(), "nobody@agency.example", PASSWORD).await;
    assert_eq!((code, kind(&body).as_str()), (401, "Unauthenticated"));
    assert_eq!(app.hashing.verifications(), 1, "a real argon2 check ran");
}

#[tokio::test]
async fn a_busy_sign_in_costs_no_attempt() {
    let app = spawn_app_with(insecure_cookie(), Hashing::new(1, 0)).await;
    app.add_account(Account::active("jordan@agency.example")).await;
    let client = browser();

    let hashing_elsewhere = app.hashing.turn().await.expect("the one permit is free");
    for busy in 1..=5 {
        let (code, body) = app
            .sign_in(&client, "jordan@agency.example", "wrong password!")
            .await;
        assert_eq!((code, kind(&body).as_str()), (503, "Busy"), "busy {busy}");
    }
    assert_eq!(most_attempts_counted(&app).await, 0, "nothing was counted");
    drop(hashing_elsewhere);

    for guess in 1..=4 {
        let (code, body) = app
            .sign_in(&client, "jordan@agency.example", "wrong password!")
            .await;
        assert_eq!((code, message(&body).as_str()), (401, WRONG), "guess {guess}");
    }
    let (code, body) = app
        .sign_in(&client, "jordan@agency.example", "wrong password!")
        .await;
    assert_eq!((code, message(&body).as_str()), (429, PAUSED));
    assert_eq!(
        app.hashing.verifications(),
        5,
        "five wrong guesses were still all verified"
    );
}

#[tokio::test]
async fn a_busy_check_of_the_current_password_gives_its_attempt_back() {
    let app = spawn_app_with(insecure_cookie(), Hashing::new(1, 0)).await;
    let (client, _) = app.signed_in(Account::active("jordan@agency.example")).await;
    let change = || async {
        app.call(
            &client,
            "change_password",
            &[
                ("current_password", "a wrong guess at it"),
                ("new_password", "another quiet harbour"),
                ("confirm_password", "another quiet harbour"),
            ],
        )
        .await
    };

    // The current password is counted before the hashing budget is asked,
    // so these attempts were counted, then given back.
    let hashing_elsewhere = app.hashing.turn().await.expect("the one permit is free");
    for busy in 1..=5 {
        let (code, body) = change().await;
        assert_eq!((code, kind(&body).as_str()), (503, "Busy"), "busy {busy}");
    }
    assert_eq!(
        most_attempts_counted(&app).await,
        0,
        "every attempt was given back"
    );
    drop(hashing_elsewhere);

    let before = app.hashing.verifications();
    for guess in 1..=4 {
        let (code, body) = change().await;
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
    let (code, body) = change().await;
    assert_eq!((code, message(&body).as_str()), (429, PAUSED));
    assert_eq!(
        app.hashing.verifications() - before,
        5,
        "five wrong guesses were still all verified"
    );
}
