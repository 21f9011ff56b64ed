//! The client search over HTTP (spec, "Lists and search"): only clients the
//! rulebook lets the person view, counted the same way, and bare
//! "Restricted" entries for holders of "override access" only.

use app::api::clients::SearchClients;
use app::clients::{ClientSearchPage, RestrictedClient};
use app::error::AppError;
use app::paging::Count;
use policy::Permission;

use crate::support::fixtures::{add_client, lock_for};
use crate::support::{Account, assert_refused, browser, not_active, please_sign_in, spawn_app};

/// The search for `query` among all clients (not only "My clients"), from
/// the first page.
fn search_for(query: &str) -> SearchClients {
    SearchClients {
        query: query.into(),
        mine: false,
        after: String::new(),
        before: String::new(),
    }
}

/// The last names of the clients found.
fn names(page: &ClientSearchPage) -> Vec<String> {
    page.clients.iter().map(|c| c.last_name.clone()).collect()
}

/// The names of the bare "Restricted" entries.
fn restricted(page: &ClientSearchPage) -> Vec<String> {
    page.restricted.iter().map(|r| r.name.clone()).collect()
}

#[tokio::test]
async fn the_search_returns_only_clients_the_person_may_view_and_counts_them_the_same_way() {
    let app = spawn_app().await;
    let (viewer, viewer_id) = app.signed_in(Account::active("viewer@agency.example")).await;
    let other = app.add_account(Account::active("other@agency.example")).await;
    add_client(&app, "Jordan", "Lee", other).await;
    add_client(&app, "Jamie", "Leeds", other).await;
    let hidden = add_client(&app, "Jess", "Leigh", other).await;
    lock_for(&app, hidden, other).await;
    let mine = add_client(&app, "Joss", "Lemon", other).await;
    lock_for(&app, mine, viewer_id).await;

    let page = app.ask(&viewer, search_for("le")).await.ok();
    assert_eq!(
        names(&page),
        ["Lee", "Leeds", "Lemon"],
        "the locked client of someone else is not there"
    );
    assert_eq!(page.count.counted, 3);
    assert_eq!(
        restricted(&page),
        Vec::<String>::new(),
        "no override access, no hint that Jess exists"
    );

    let page = app.ask(&viewer, search_for("ID-LEE")).await.ok();
    assert_eq!(names(&page), ["Lee", "Leeds"], "by identifier prefix");
    let page = app.ask(&viewer, search_for("2015-03-09")).await.ok();
    assert_eq!(page.count.counted, 3, "by date of birth");

    let (holder, _) = app
        .signed_in(Account::holding(
            "holder@agency.example",
            &[Permission::ViewClients, Permission::OverrideAccess],
        ))
        .await;
    let page = app.ask(&holder, search_for("je")).await.ok();
    assert_eq!(page.count.counted, 0);
    assert_eq!(
        restricted(&page),
        ["Jess Leigh"],
        "a bare entry with the way to override"
    );
    // Nothing but the name (and the id to override with): a field added to
    // the entry fails to compile here.
    let RestrictedClient { id: _, name: _ } = &page.restricted[0];
    for too_short in [" ", "", "j", " J "] {
        let page = app.ask(&holder, search_for(too_short)).await.ok();
        assert_eq!(
            restricted(&page),
            Vec::<String>::new(),
            "{too_short:?}: a locked client's name takes a typed search of two characters to find"
        );
    }
}

#[tokio::test]
async fn restricted_entries_are_found_by_name_only_never_by_identifier_or_date_of_birth() {
    let app = spawn_app().await;
    let other = app.add_account(Account::active("other@agency.example")).await;
    add_client(&app, "Open", "Client", other).await;
    let hidden = add_client(&app, "Jess", "Leigh", other).await;
    lock_for(&app, hidden, other).await;
    sqlx::query("UPDATE clients SET date_of_birth = '2011-07-01', identifier = 'NHI-7788' WHERE id = $1")
        .bind(hidden.0)
        .execute(&app.pool)
        .await
        .unwrap();
    let (holder, _) = app
        .signed_in(Account::holding(
            "holder@agency.example",
            &[Permission::ViewClients, Permission::OverrideAccess],
        ))
        .await;
    let search = |query: &'static str| {
        let (app, holder) = (&app, &holder);
        async move {
            let page = app.ask(holder, search_for(query)).await.ok();
            (names(&page), restricted(&page))
        }
    };
    for probe in ["NHI-7788", "NHI-77", "nhi", "2011-07-01"] {
        assert_eq!(
            search(probe).await,
            (Vec::<String>::new(), Vec::<String>::new()),
            "{probe}: a restricted client's name is never learnt from its identifier or date of birth"
        );
    }
    assert_eq!(
        search("2015-03-09").await.0,
        ["Client"],
        "the clients they may open are still found by date of birth"
    );
    assert_eq!(search("ID-Cl").await.0, ["Client"], "and by identifier");
    for name in ["Jess", "leigh", "Jess Le"] {
        assert_eq!(
            search(name).await,
            (Vec::<String>::new(), vec!["Jess Leigh".to_owned()]),
            "{name}: found by name, as a bare entry"
        );
    }
}

fn later(page: &ClientSearchPage) -> String {
    page.links.later.clone().expect("a next page")
}

#[tokio::test]
async fn the_search_pages_after_the_last_client_shown_even_while_clients_are_added() {
    let app = spawn_app().await;
    let (viewer, viewer_id) = app.signed_in(Account::active("viewer@agency.example")).await;
    for i in 0..30 {
        add_client(&app, "Sam", &format!("Page{i:02}"), viewer_id).await;
    }
    let search = |after: String, before: String| {
        let (app, viewer) = (&app, &viewer);
        async move {
            let search = SearchClients {
                after,
                before,
                ..search_for("page")
            };
            app.ask(viewer, search).await.ok()
        }
    };
    let first = search(String::new(), String::new()).await;
    assert_eq!(first.clients.len(), 25);
    assert_eq!(
        first.count,
        Count {
            counted: 30,
            more: false
        }
    );
    assert!(first.links.earlier.is_none(), "nothing before the first page");
    // Someone adds a client that sorts before the page staff are on.
    add_client(&app, "Sam", "Page00a", viewer_id).await;
    let second = search(later(&first), String::new()).await;
    assert_eq!(
        names(&second),
        ["Page25", "Page26", "Page27", "Page28", "Page29"],
        "Next shows the clients after the last one shown"
    );
    assert_eq!(second.count.counted, 31);
    assert!(second.links.later.is_none(), "the last page");
    let earlier = second.links.earlier.clone().unwrap();
    let back = search(String::new(), earlier).await;
    assert_eq!(names(&back).len(), 25);
    assert_eq!(
        names(&back).last().unwrap(),
        "Page24",
        "Previous ends just before"
    );
    assert_eq!(names(&back)[0], "Page00a", "and holds the client added meanwhile");
    assert!(back.links.earlier.is_some(), "with one more client before it");
}

#[tokio::test]
async fn a_page_link_the_server_did_not_make_is_refused_at_its_field() {
    let app = spawn_app().await;
    let (viewer, _) = app.signed_in(Account::active("viewer@agency.example")).await;
    let forged = SearchClients {
        after: "'; DROP TABLE clients".into(),
        ..search_for("")
    };
    let answer = app.ask(&viewer, forged).await;
    assert_eq!(answer.status, 422, "{answer:?}");
    let error = answer.err();
    assert!(error.field("after").is_some(), "{error:?}");
    let both = SearchClients {
        after: "[\"a\",\"b\",1]".into(),
        before: "[\"a\",\"b\",1]".into(),
        ..search_for("")
    };
    let answer = app.ask(&viewer, both).await;
    assert_eq!(answer.status, 422, "not both at once: {answer:?}");
    assert!(matches!(answer.err(), AppError::Invalid { .. }));
}

#[tokio::test]
async fn counts_stop_at_a_thousand_and_say_more_than() {
    let app = spawn_app().await;
    let (viewer, viewer_id) = app.signed_in(Account::active("viewer@agency.example")).await;
    sqlx::query(
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1001) \
         INSERT INTO clients (organization_id, first_name, last_name, identifier, created_by, created_at, \
                              first_name_folded, last_name_folded, identifier_folded) \
         SELECT (SELECT MIN(id) FROM organizations), 'Many', 'Many' || i, '', $1, 0, 'many', 'many' || i, '' FROM n",
    )
    .bind(viewer_id.0)
    .execute(&app.pool)
    .await
    .unwrap();
    let page = app.ask(&viewer, search_for("many")).await.ok();
    assert_eq!(
        page.count,
        Count {
            counted: 1000,
            more: true
        },
        "1,001 match"
    );
    let page = app.ask(&viewer, search_for("many100")).await.ok();
    assert_eq!(
        page.count,
        Count {
            counted: 3,
            more: false
        },
        "exact below the limit: Many100, Many1000 and Many1001"
    );
}

#[tokio::test]
async fn my_clients_are_those_the_person_is_responsible_for() {
    let app = spawn_app().await;
    let (viewer, viewer_id) = app.signed_in(Account::active("viewer@agency.example")).await;
    let other = app.add_account(Account::active("other@agency.example")).await;
    let mine = add_client(&app, "Ana", "Mine", other).await;
    add_client(&app, "Ben", "Theirs", other).await;
    sqlx::query("UPDATE clients SET responsible_personnel_id = $1 WHERE id = $2")
        .bind(viewer_id.0)
        .bind(mine.0)
        .execute(&app.pool)
        .await
        .unwrap();
    let all = app.ask(&viewer, search_for("")).await.ok();
    assert_eq!(all.count.counted, 2);
    let mine = SearchClients {
        mine: true,
        ..search_for("")
    };
    let only_mine = app.ask(&viewer, mine).await.ok();
    assert_eq!(names(&only_mine), ["Mine"]);
    assert_eq!(only_mine.count.counted, 1);
}

#[tokio::test]
async fn the_search_is_refused_without_view_clients_inactive_and_signed_out() {
    let app = spawn_app().await;
    let (nobody, _) = app.signed_in(Account::holding("none@agency.example", &[])).await;
    let (gone, gone_id) = app.signed_in(Account::active("gone@agency.example")).await;
    sqlx::query("UPDATE personnel SET status = 'Inactive' WHERE id = $1")
        .bind(gone_id.0)
        .execute(&app.pool)
        .await
        .unwrap();
    let answer = app.ask(&nobody, search_for("")).await;
    assert_refused(&answer, 403, "View clients", "without view clients");
    let answer = app.ask(&gone, search_for("")).await;
    assert_refused(&answer, 403, &not_active(), "for an Inactive account");
    let answer = app.ask(&browser(), search_for("")).await;
    assert_refused(&answer, 401, &please_sign_in(), "signed out");
}

#[tokio::test]
async fn the_list_marks_which_clients_are_locked() {
    let app = spawn_app().await;
    let (viewer, me) = app.signed_in(Account::active("viewer@agency.example")).await;
    let open = add_client(&app, "Ana", "Open", me).await;
    let locked = add_client(&app, "Bea", "Locked", me).await;
    lock_for(&app, locked, me).await;

    let page = app.ask(&viewer, search_for("")).await.ok();
    let marks: Vec<_> = page.clients.iter().map(|c| (c.id, c.locked)).collect();
    assert_eq!(marks, [(locked, true), (open, false)], "sorted by last name");
}
