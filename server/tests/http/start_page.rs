//! Each person's start page and header menu come from the rulebook
//! (`policy::start_page`, `policy::menu`): "/" leads where the person may
//! go, the header offers only what opens, and the server still refuses the
//! rest.

use policy::Permission;

use crate::support::{Account, TestApp, spawn_app};

/// The signed-in page at `path`, asked for as a browser does (HTML) and
/// followed through redirects: the final path, the status and the HTML.
async fn page(app: &TestApp, client: &reqwest::Client, path: &str) -> (String, u16, String) {
    let response = client
        .get(format!("{}{path}", app.address))
        .header("Accept", "text/html")
        .send()
        .await
        .expect("request is sent");
    let landed = response.url().path().to_owned();
    let status = response.status().as_u16();
    (landed, status, response.text().await.unwrap())
}

/// The links of the header's main menu in `html`.
fn menu_links(html: &str) -> Vec<String> {
    let start = html
        .find("<nav aria-label=\"Main\"")
        .expect("the page has the main menu");
    let end = start + html[start..].find("</nav>").expect("the menu ends");
    html[start..end]
        .split("href=\"")
        .skip(1)
        .map(|rest| rest[..rest.find('"').unwrap()].to_owned())
        .collect()
}

#[tokio::test]
async fn each_role_lands_on_the_first_area_that_opens_for_it() {
    let app = spawn_app().await;
    for (email, permissions, start, heading) in [
        (
            "case@agency.example",
            &[Permission::ViewClients, Permission::ViewSessions][..],
            "/clients",
            "<h1>Clients</h1>",
        ),
        (
            "groups@agency.example",
            &[Permission::ViewSessions][..],
            "/sessions",
            "<h1>Sessions</h1>",
        ),
        (
            "auditor@agency.example",
            &[Permission::ViewOverrideLog][..],
            "/administration/overrides",
            "<h1>Access overrides</h1>",
        ),
        (
            "nothing@agency.example",
            &[][..],
            "/account",
            "<h1>Your account</h1>",
        ),
    ] {
        let (client, _) = app.signed_in(Account::holding(email, permissions)).await;
        let (landed, status, html) = page(&app, &client, "/").await;
        assert_eq!((landed.as_str(), status), (start, 200), "{email}");
        assert!(html.contains(heading), "{email} sees {heading}");
    }
}

#[tokio::test]
async fn someone_whose_role_opens_nothing_gets_their_account_page_not_a_refusal() {
    let app = spawn_app().await;
    let (client, _) = app
        .signed_in(Account::holding("nothing@agency.example", &[]))
        .await;
    let (_, status, html) = page(&app, &client, "/account").await;
    assert_eq!(status, 200);
    assert!(
        html.contains("nothing@agency.example"),
        "shows the person's own email"
    );
    assert!(html.contains("Your role does not open any area of Safehold yet."));
    assert!(menu_links(&html).iter().all(|link| link == "/my-team"));
    // The refusal page's way out leads to the start page, which opens.
    let (_, refused, problem) = page(&app, &client, "/clients").await;
    assert_eq!(refused, 403);
    assert!(
        problem.contains("href=\"/\""),
        "the 403 page offers the start page"
    );
    let (landed, status, _) = page(&app, &client, "/").await;
    assert_eq!((landed.as_str(), status), ("/account", 200));
}

#[tokio::test]
async fn the_header_offers_only_the_areas_that_open_and_the_server_refuses_the_rest() {
    let app = spawn_app().await;
    let (case_manager, _) = app
        .signed_in(Account::holding(
            "case@agency.example",
            &[Permission::ViewClients, Permission::ViewSessions],
        ))
        .await;
    let (_, _, html) = page(&app, &case_manager, "/clients").await;
    assert_eq!(menu_links(&html), ["/clients", "/sessions", "/my-team"]);
    for refused in ["/personnel", "/administration"] {
        let (_, status, _) = page(&app, &case_manager, refused).await;
        assert_eq!(status, 403, "{refused} stays refused to a case manager");
    }

    let (auditor, _) = app.signed_in(Account::auditor()).await;
    let (_, _, html) = page(&app, &auditor, "/administration/overrides").await;
    assert_eq!(menu_links(&html), ["/my-team", "/administration"]);
    for refused in ["/clients", "/sessions", "/personnel"] {
        let (_, status, _) = page(&app, &auditor, refused).await;
        assert_eq!(status, 403, "{refused} stays refused to an auditor");
    }

    let (administrator, _) = app
        .signed_in(Account::site_administrator("admin@agency.example"))
        .await;
    let (_, _, html) = page(&app, &administrator, "/clients").await;
    assert_eq!(
        menu_links(&html),
        [
            "/clients",
            "/sessions",
            "/personnel",
            "/my-team",
            "/administration"
        ]
    );
}

#[tokio::test]
async fn an_auditors_account_page_names_the_override_log_among_what_the_role_opens() {
    let app = spawn_app().await;
    let (auditor, _) = app.signed_in(Account::auditor()).await;
    let (_, status, html) = page(&app, &auditor, "/account").await;
    assert_eq!(status, 200);
    let opens = &html[html.find("What your role opens").expect("the list is shown")..];
    assert!(
        opens.contains("href=\"/administration/overrides\""),
        "the override log is listed"
    );
    assert!(!opens.contains("href=\"/clients\""), "Clients is not listed");
}
