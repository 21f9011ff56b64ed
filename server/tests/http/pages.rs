use policy::Permission;

use crate::support::{Account, PASSWORD, browser, spawn_app};

#[tokio::test]
async fn a_signed_out_visitor_gets_the_401_page() {
    let app = spawn_app().await;
    let response = app.get(&browser(), "/clients").await;
    assert_eq!(response.status().as_u16(), 401);
    let html = response.text().await.unwrap();
    assert!(html.contains("You are signed out"));
    assert!(html.contains("href=\"/login\""));
}

#[tokio::test]
async fn an_unknown_address_gets_the_404_page() {
    let app = spawn_app().await;
    let response = app.get(&browser(), "/no-such-page").await;
    assert_eq!(response.status().as_u16(), 404);
    assert!(response.text().await.unwrap().contains("Page not found"));
}

#[tokio::test]
async fn an_area_the_role_does_not_cover_gets_the_403_page_with_the_reason() {
    let app = spawn_app().await;
    app.add_account(Account::holding(
        "jordan@agency.example",
        &[Permission::ViewClients],
    ))
    .await;
    let client = browser();
    app.sign_in(&client, "jordan@agency.example", PASSWORD).await;

    let clients = app.get(&client, "/clients").await;
    assert_eq!(clients.status().as_u16(), 200);
    let html = clients.text().await.unwrap();
    assert!(html.contains("Jordan Tester"), "the header names the person");

    let personnel = app.get(&client, "/personnel").await;
    assert_eq!(personnel.status().as_u16(), 403);
    assert!(
        personnel
            .text()
            .await
            .unwrap()
            .contains("Your role does not include “Manage personnel”.")
    );
}

#[tokio::test]
async fn a_pending_password_change_sends_every_page_to_the_password_page() {
    let app = spawn_app().await;
    app.add_account(Account {
        must_change_password: true,
        ..Account::active("new@agency.example")
    })
    .await;
    let client = reqwest::Client::builder()
        .cookie_store(true)
        .timeout(crate::support::ANSWER_WITHIN)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    app.sign_in(&client, "new@agency.example", PASSWORD).await;
    let response = client
        .get(format!("{}/clients", app.address))
        .header("Accept", "text/html")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status().as_u16(), 302);
    assert_eq!(response.headers()["location"], "/change-password");
}

#[tokio::test]
async fn the_pages_of_issue_6_answer_with_their_content_or_the_reason() {
    let app = spawn_app().await;
    let (reader, _) = app.signed_in(Account::active("reader@agency.example")).await;
    for (path, reason) in [
        ("/sessions", "Your role does not include “View sessions”."),
        (
            "/administration/overrides",
            "Your role does not include “View the access-override log”.",
        ),
        (
            "/administration/default-rules",
            "Only a site administrator can do this.",
        ),
    ] {
        let response = app.get(&reader, path).await;
        assert_eq!(response.status().as_u16(), 403, "{path}");
        let html = response.text().await.unwrap();
        assert!(html.contains(reason), "{path} says why: {html}");
    }

    let (admin, _) = app
        .signed_in(Account::site_administrator("admin@agency.example"))
        .await;
    for (path, heading) in [
        ("/sessions", "Sessions"),
        ("/sessions/new", "New session"),
        ("/administration/overrides", "Access overrides"),
        ("/administration/default-rules", "Organization default rules"),
    ] {
        let response = app.get(&admin, path).await;
        assert_eq!(response.status().as_u16(), 200, "{path}");
        let html = response.text().await.unwrap();
        assert!(html.contains(&format!("<h1>{heading}</h1>")), "{path}: {html}");
    }
}

#[tokio::test]
async fn every_administration_and_personnel_page_says_why_to_someone_it_is_closed_to() {
    let app = spawn_app().await;
    // The Administration area is open to an auditor; its pages are not.
    let (auditor, _) = app.signed_in(Account::auditor()).await;
    let (team,): (i64,) = sqlx::query_as(
        "INSERT INTO teams (organization_id, name) VALUES ((SELECT MIN(id) FROM organizations), 'Night shift') RETURNING id",
    )
    .fetch_one(&app.pool)
    .await
    .unwrap();
    let (role,): (i64,) = sqlx::query_as("SELECT MIN(id) FROM roles")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    let (person,): (i64,) = sqlx::query_as("SELECT MIN(id) FROM personnel")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    let pages = [
        "/administration/teams".to_owned(),
        format!("/administration/teams/{team}"),
        "/administration/roles".to_owned(),
        format!("/administration/roles/{role}"),
        "/administration/organizations".to_owned(),
        "/administration/settings".to_owned(),
        "/personnel/new".to_owned(),
        format!("/personnel/{person}"),
    ];
    for path in &pages {
        let response = app.get(&auditor, path).await;
        assert_eq!(response.status().as_u16(), 403, "{path}");
        let html = response.text().await.unwrap();
        assert!(
            html.contains("Your role does not include") || html.contains("Only a site administrator"),
            "{path} says why: {html}"
        );
    }
    let (admin, _) = app
        .signed_in(Account::site_administrator("admin@agency.example"))
        .await;
    for path in &pages {
        assert_eq!(app.get(&admin, path).await.status().as_u16(), 200, "{path}");
    }
}

#[tokio::test]
async fn a_search_in_the_address_is_shown_on_reload_with_its_results() {
    let app = spawn_app().await;
    let (viewer, me) = app.signed_in(Account::active("viewer@agency.example")).await;
    crate::support::fixtures::add_client(&app, "Jordan", "Lee", me).await;
    crate::support::fixtures::add_client(&app, "Ana", "Moss", me).await;

    let page = app.get(&viewer, "/clients?q=le").await;
    assert_eq!(page.status().as_u16(), 200);
    let html = page.text().await.unwrap();
    assert!(html.contains("Jordan Lee"), "the search from the address ran");
    assert!(!html.contains("Ana Moss"), "and only it");
}
