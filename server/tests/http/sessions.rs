use app::api::area::OpenArea;
use app::api::session::{ChangePassword, SignOut, Whoami};
use policy::Area;

use crate::support::{Account, PASSWORD, START, browser, spawn_app};

#[tokio::test]
async fn sign_out_ends_the_session_on_the_server() {
    let app = spawn_app().await;
    app.add_account(Account::active("jordan@agency.example")).await;
    let client = browser();
    app.sign_in(&client, "jordan@agency.example", PASSWORD).await;
    let (sessions_before,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM sessions")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(sessions_before, 1);

    app.ask(&client, SignOut {}).await.ok();
    let (sessions_after,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM sessions")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(sessions_after, 0);
    assert_eq!(app.ask(&client, Whoami {}).await.status, 401);
}

#[tokio::test]
async fn signing_in_again_replaces_the_session_id() {
    let app = spawn_app().await;
    app.add_account(Account::active("jordan@agency.example")).await;
    let client = browser();
    app.sign_in(&client, "jordan@agency.example", PASSWORD).await;
    let (first,): (String,) = sqlx::query_as("SELECT token_hash FROM sessions")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    app.sign_in(&client, "jordan@agency.example", PASSWORD).await;
    let hashes: Vec<(String,)> = sqlx::query_as("SELECT token_hash FROM sessions")
        .fetch_all(&app.pool)
        .await
        .unwrap();
    assert_eq!(hashes.len(), 1, "the old session ended");
    assert_ne!(hashes[0].0, first);
}

#[tokio::test]
async fn thirty_minutes_without_a_request_end_the_session() {
    let app = spawn_app().await;
    app.add_account(Account::active("jordan@agency.example")).await;
    let client = browser();
    app.sign_in(&client, "jordan@agency.example", PASSWORD).await;

    app.clock.advance(29 * 60);
    let answer = app.ask(&client, Whoami {}).await;
    assert_eq!(answer.status, 200, "29 minutes idle is still within the limit");

    app.clock.advance(30 * 60);
    let answer = app.ask(&client, Whoami {}).await;
    assert_eq!(answer.status, 401);
    let error = answer.err();
    assert!(
        error.to_string().contains("30 minutes without activity"),
        "{error:?}"
    );
    let answer = app.ask(&client, Whoami {}).await;
    assert_eq!(answer.status, 401, "an expired session stays ended");
}

#[tokio::test]
async fn a_page_view_marks_the_session_used_at_most_once_a_minute() {
    let app = spawn_app().await;
    app.add_account(Account::active("jordan@agency.example")).await;
    let client = browser();
    app.sign_in(&client, "jordan@agency.example", PASSWORD).await;
    let last_seen = || async {
        let (at,): (i64,) = sqlx::query_as("SELECT last_seen_at FROM sessions")
            .fetch_one(&app.pool)
            .await
            .unwrap();
        at
    };
    assert_eq!(last_seen().await, START);

    app.clock.advance(59);
    assert_eq!(app.ask(&client, Whoami {}).await.status, 200);
    assert_eq!(last_seen().await, START, "59 seconds later: a read, no write");

    app.clock.advance(1);
    assert_eq!(app.ask(&client, Whoami {}).await.status, 200);
    assert_eq!(
        last_seen().await,
        START + 60,
        "a minute after the last write: written"
    );
}

#[tokio::test]
async fn twelve_hours_after_sign_in_the_session_ends_even_if_active() {
    let app = spawn_app().await;
    app.add_account(Account::active("jordan@agency.example")).await;
    let client = browser();
    app.sign_in(&client, "jordan@agency.example", PASSWORD).await;
    for _ in 0..(12 * 3) {
        assert_eq!(app.ask(&client, Whoami {}).await.status, 200);
        app.clock.advance(20 * 60);
    }
    let answer = app.ask(&client, Whoami {}).await;
    assert_eq!(answer.status, 401);
    let error = answer.err();
    assert!(error.to_string().contains("12 hours"), "{error:?}");
}

#[tokio::test]
async fn a_signed_out_visitor_is_refused_by_every_server_function() {
    let app = spawn_app().await;
    let client = browser();
    let change = ChangePassword {
        current_password: "x".into(),
        new_password: "y".into(),
        confirm_password: "y".into(),
    };
    for (name, answer) in [
        ("whoami", app.ask(&client, Whoami {}).await.erased()),
        (
            "open_area",
            app.ask(&client, OpenArea { area: Area::Clients }).await.erased(),
        ),
        ("change_password", app.ask(&client, change).await.erased()),
    ] {
        assert_eq!(answer.status, 401, "{name}: {answer:?}");
    }
}

#[tokio::test]
async fn an_account_made_inactive_is_refused_at_its_next_request() {
    let app = spawn_app().await;
    let id = app.add_account(Account::active("jordan@agency.example")).await;
    let client = browser();
    app.sign_in(&client, "jordan@agency.example", PASSWORD).await;
    sqlx::query("UPDATE personnel SET status = 'Inactive' WHERE id = $1")
        .bind(id.0)
        .execute(&app.pool)
        .await
        .unwrap();

    let answer = app.ask(&client, OpenArea { area: Area::Clients }).await;
    assert_eq!(answer.status, 403);
    let error = answer.err();
    assert!(error.to_string().contains("not active"), "{error:?}");
}

#[tokio::test]
async fn an_inactive_account_is_refused_by_whoami_and_change_password_and_signing_out_ends_nothing_else() {
    let app = spawn_app().await;
    let id = app.add_account(Account::active("jordan@agency.example")).await;
    let client = browser();
    app.sign_in(&client, "jordan@agency.example", PASSWORD).await;
    sqlx::query("UPDATE personnel SET status = 'Inactive' WHERE id = $1")
        .bind(id.0)
        .execute(&app.pool)
        .await
        .unwrap();
    assert_eq!(app.ask(&client, Whoami {}).await.status, 403);
    let change = ChangePassword {
        current_password: PASSWORD.into(),
        new_password: "a brand new passphrase".into(),
        confirm_password: "a brand new passphrase".into(),
    };
    assert_eq!(app.ask(&client, change).await.status, 403);
    // Signing out needs no account: it ends whatever session the cookie names.
    assert_eq!(app.ask(&client, SignOut {}).await.status, 200);
    assert_eq!(
        app.ask(&browser(), SignOut {}).await.status,
        200,
        "signed out already"
    );
    let (sessions,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM sessions WHERE personnel_id = $1")
        .bind(id.0)
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(sessions, 0);
}
