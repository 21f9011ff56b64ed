//! The password hashing budget seen over HTTP: when every permit is taken and
//! the queue is full, a sign-in is answered at once with 503 "busy" and a
//! `Retry-After`, and nothing is checked; once a permit is free, it works.

use app::auth::password_hash::Hashing;

use crate::support::{Account, PASSWORD, browser, insecure_cookie, kind, spawn_app_with};

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
