//! Secure by default: the session cookie is `Secure` and every answer carries
//! Strict-Transport-Security; with `--insecure-cookie` (plain-HTTP
//! development) neither. These tests only read the headers: a `Secure`
//! cookie is never sent back over the plain HTTP the tests speak.

use app::auth::password_hash::Hashing;
use app::state::SessionSettings;

use crate::support::{Account, PASSWORD, TestApp, insecure_cookie, spawn_app_with};

const HSTS: &str = "max-age=31536000; includeSubDomains";

/// Signs in with a client that keeps no cookies; returns the `Set-Cookie`
/// and `Strict-Transport-Security` of the answer.
async fn sign_in_headers(app: &TestApp) -> (String, Option<String>) {
    app.add_account(Account::active("jordan@agency.example")).await;
    let response = reqwest::Client::new()
        .post(format!("{}/api/sign_in", app.address))
        .form(&[("email", "jordan@agency.example"), ("password", PASSWORD)])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status().as_u16(), 200);
    let header = |name: &str| {
        response
            .headers()
            .get(name)
            .map(|v| v.to_str().unwrap().to_owned())
    };
    (
        header("set-cookie").expect("a session cookie"),
        header("strict-transport-security"),
    )
}

async fn hsts_of(app: &TestApp, path: &str) -> Option<String> {
    let response = reqwest::get(format!("{}{path}", app.address)).await.unwrap();
    response
        .headers()
        .get("strict-transport-security")
        .map(|v| v.to_str().unwrap().to_owned())
}

#[tokio::test]
async fn by_default_the_cookie_is_secure_and_every_answer_asks_for_https() {
    let app = spawn_app_with(SessionSettings::default(), Hashing::new(1, 4)).await;
    let (cookie, hsts) = sign_in_headers(&app).await;
    assert!(cookie.starts_with("safehold_session="), "{cookie}");
    assert!(cookie.split(';').any(|part| part.trim() == "Secure"), "{cookie}");
    assert_eq!(hsts.as_deref(), Some(HSTS));
    assert_eq!(hsts_of(&app, "/login").await.as_deref(), Some(HSTS), "pages too");
    assert_eq!(hsts_of(&app, "/healthz").await.as_deref(), Some(HSTS));
}

#[tokio::test]
async fn with_an_insecure_cookie_neither_secure_nor_hsts_is_sent() {
    let app = spawn_app_with(insecure_cookie(), Hashing::new(1, 4)).await;
    let (cookie, hsts) = sign_in_headers(&app).await;
    assert!(cookie.starts_with("safehold_session="), "{cookie}");
    assert!(!cookie.contains("Secure"), "{cookie}");
    assert_eq!(hsts, None);
    assert_eq!(hsts_of(&app, "/login").await, None);
}
