use app::api::session::Whoami;
use app::error::AppError;

use crate::support::{Account, PASSWORD, browser, spawn_app};

#[tokio::test]
async fn a_server_function_called_from_another_site_is_refused() {
    let app = spawn_app().await;
    app.add_account(Account::active("jordan@agency.example")).await;
    let client = browser();
    app.sign_in(&client, "jordan@agency.example", PASSWORD).await;

    // Raw: the typed call cannot send another site's Origin header.
    let response = client
        .post(format!("{}/api/sign_out", app.address))
        .header("Origin", "https://evil.example")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status().as_u16(), 403);
    let error: AppError = response.json().await.unwrap();
    assert!(matches!(error, AppError::Forbidden { .. }), "{error:?}");
    assert_eq!(
        app.ask(&client, Whoami {}).await.status,
        200,
        "the session was not ended"
    );

    // Raw, as above: with the app's own Origin header.
    let same_site = client
        .post(format!("{}/api/whoami", app.address))
        .header("Origin", app.address.clone())
        .send()
        .await
        .unwrap();
    assert_eq!(same_site.status().as_u16(), 200, "the app's own origin passes");
}

#[tokio::test]
async fn healthz_answers_when_the_database_does() {
    let app = spawn_app().await;
    let response = app.get(&browser(), "/healthz").await;
    assert_eq!(response.status().as_u16(), 200);
    assert_eq!(response.text().await.unwrap(), "ok");
    app.pool.close().await;
    let response = app.get(&browser(), "/healthz").await;
    assert_eq!(response.status().as_u16(), 503);
}

#[tokio::test]
async fn every_response_carries_the_security_headers() {
    let app = spawn_app().await;
    for path in ["/login", "/healthz", "/no-such-page"] {
        let response = app.get(&browser(), path).await;
        let header = |name: &str| {
            response
                .headers()
                .get(name)
                .map(|v| v.to_str().unwrap().to_owned())
        };
        let csp = header("content-security-policy").unwrap_or_default();
        assert!(csp.contains("frame-ancestors 'none'"), "{path}: {csp}");
        assert_eq!(
            header("x-content-type-options").as_deref(),
            Some("nosniff"),
            "{path}"
        );
        assert!(header("referrer-policy").is_some(), "{path}");
        assert!(header("x-request-id").is_some(), "{path}");
    }
}

#[tokio::test]
async fn a_page_allows_only_its_own_scripts_by_nonce() {
    let app = spawn_app().await;
    let response = app.get(&browser(), "/login").await;
    let csp = response.headers()["content-security-policy"]
        .to_str()
        .unwrap()
        .to_owned();
    let html = response.text().await.unwrap();
    let nonce = csp
        .split("'nonce-")
        .nth(1)
        .and_then(|rest| rest.split('\'').next())
        .expect("a nonce");
    assert!(csp.contains("script-src 'self'"));
    assert!(
        html.contains(&format!("nonce=\"{nonce}\"")),
        "the hydration script carries the nonce"
    );
}
