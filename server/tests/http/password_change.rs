use app::api::area::OpenArea;
use app::api::session::{ChangePassword, Whoami};
use app::error::{AppError, FieldError};
use policy::Area;

use crate::support::{Account, Answer, PASSWORD, TestApp, browser, spawn_app};

const CURRENT_WRONG: &str = "The current password is not correct.";
const PAUSED: &str =
    "Too many failed sign-ins. Sign-in to this account is paused for 15 minutes; try again in 15 minutes.";

/// "change_password" with `current`, and `new` twice unless `confirm` says
/// otherwise.
async fn change_password(
    app: &TestApp,
    client: &reqwest::Client,
    current: &str,
    new: &str,
    confirm: &str,
) -> Answer<()> {
    let change = ChangePassword {
        current_password: current.into(),
        new_password: new.into(),
        confirm_password: confirm.into(),
    };
    app.ask(client, change).await
}

/// Whether whoami says a password change is pending (and that it answered).
async fn must_change_password(app: &TestApp, client: &reqwest::Client) -> (u16, Option<bool>) {
    let answer = app.ask(client, Whoami {}).await;
    (
        answer.status,
        answer.result.ok().map(|me| me.must_change_password),
    )
}

#[tokio::test]
async fn an_account_that_must_change_its_password_can_do_nothing_else_until_it_has() {
    let app = spawn_app().await;
    app.add_account(Account {
        must_change_password: true,
        ..Account::active("new@agency.example")
    })
    .await;
    let client = browser();
    let code = app.sign_in(&client, "new@agency.example", PASSWORD).await.status;
    assert_eq!(code, 200);

    assert_eq!(must_change_password(&app, &client).await, (200, Some(true)));
    let open_clients = || OpenArea { area: Area::Clients };
    let answer = app.ask(&client, open_clients()).await;
    assert_eq!(answer.parts(), (403, Err(AppError::PasswordChangeRequired)));

    let new_password = "a fresh river stone";
    let answer = change_password(&app, &client, PASSWORD, new_password, new_password).await;
    assert_eq!(answer.status, 200, "{answer:?}");

    assert_eq!(app.ask(&client, open_clients()).await.status, 200);
    let code = app
        .sign_in(&browser(), "new@agency.example", new_password)
        .await
        .status;
    assert_eq!(code, 200, "the new password signs in");
}

/// A fresh app and new@agency.example signed in, with "require password
/// change at next login" pending.
async fn signed_in_needing_a_new_password() -> (TestApp, reqwest::Client) {
    let app = spawn_app().await;
    app.add_account(Account {
        must_change_password: true,
        ..Account::active("new@agency.example")
    })
    .await;
    let client = browser();
    app.sign_in(&client, "new@agency.example", PASSWORD).await.ok();
    (app, client)
}

#[tokio::test]
async fn a_bad_password_change_names_each_field_and_changes_nothing() {
    let (app, client) = signed_in_needing_a_new_password().await;

    let answer = change_password(&app, &client, "wrong", "short", "different").await;
    assert_eq!(
        answer.parts(),
        (
            422,
            Err(AppError::invalid(vec![
                FieldError::new("current_password", CURRENT_WRONG),
                FieldError::new("new_password", "Use at least 12 characters."),
                FieldError::new("confirm_password", "The two new passwords are not the same."),
            ]))
        )
    );

    assert_eq!(
        must_change_password(&app, &client).await,
        (200, Some(true)),
        "nothing changed"
    );
    let code = app
        .sign_in(&browser(), "new@agency.example", PASSWORD)
        .await
        .status;
    assert_eq!(code, 200, "the old password still works");
}

#[tokio::test]
async fn the_forced_change_refuses_a_guessable_password_with_zxcvbns_advice_and_changes_nothing() {
    let (app, client) = signed_in_needing_a_new_password().await;

    let answer = change_password(&app, &client, PASSWORD, "Password123456", "Password123456").await;
    assert_eq!(answer.status, 422, "{answer:?}");
    let AppError::Invalid { fields } = answer.err() else {
        panic!("not a field error")
    };
    assert_eq!(fields.len(), 1, "{fields:?}");
    assert_eq!(fields[0].field, "new_password");
    let message = &fields[0].message;
    assert!(
        message
            .starts_with("This password is too easy to guess. This is similar to a commonly used password."),
        "{message}"
    );

    assert_eq!(
        must_change_password(&app, &client).await,
        (200, Some(true)),
        "nothing changed"
    );
    let code = app
        .sign_in(&browser(), "new@agency.example", PASSWORD)
        .await
        .status;
    assert_eq!(code, 200, "the old password still works");
}

#[tokio::test]
async fn changing_the_password_ends_the_other_sessions() {
    let app = spawn_app().await;
    app.add_account(Account::active("jordan@agency.example")).await;
    let (laptop, tablet) = (browser(), browser());
    app.sign_in(&laptop, "jordan@agency.example", PASSWORD).await;
    app.sign_in(&tablet, "jordan@agency.example", PASSWORD).await;
    let new_password = "another quiet harbour";
    let code = change_password(&app, &laptop, PASSWORD, new_password, new_password)
        .await
        .status;
    assert_eq!(code, 200);
    assert_eq!(app.ask(&laptop, Whoami {}).await.status, 200);
    assert_eq!(app.ask(&tablet, Whoami {}).await.status, 401);
}

async fn password_hash_of(app: &TestApp, email: &str) -> String {
    let (hash,): (String,) = sqlx::query_as("SELECT password_hash FROM personnel WHERE email = $1")
        .bind(email)
        .fetch_one(&app.pool)
        .await
        .unwrap();
    hash
}

#[tokio::test]
async fn wrong_current_passwords_are_counted_like_sign_ins_and_pause_the_change() {
    let app = spawn_app().await;
    let (client, _) = app.signed_in(Account::active("jordan@agency.example")).await;
    let before = password_hash_of(&app, "jordan@agency.example").await;
    let new_password = "another quiet harbour";
    let change = |current: &'static str| change_password(&app, &client, current, new_password, new_password);
    for guess in 1..=4 {
        let answer = change("a wrong guess at it").await;
        assert_eq!(
            answer.parts(),
            (
                422,
                Err(AppError::invalid_field("current_password", CURRENT_WRONG))
            ),
            "guess {guess}"
        );
    }
    let paused = || AppError::TooManyAttempts {
        message: PAUSED.into(),
    };
    assert_eq!(
        change("a wrong guess at it").await.parts(),
        (429, Err(paused())),
        "the fifth wrong guess pauses"
    );
    assert_eq!(
        change(PASSWORD).await.parts(),
        (429, Err(paused())),
        "even the right password waits out the pause"
    );
    assert_eq!(
        password_hash_of(&app, "jordan@agency.example").await,
        before,
        "nothing changed"
    );
    assert_eq!(app.ask(&client, Whoami {}).await.status, 200, "still signed in");
    let answer = app.sign_in(&browser(), "jordan@agency.example", PASSWORD).await;
    assert_eq!(
        answer.parts(),
        (429, Err(paused())),
        "sign-in from the same address shares the pause"
    );
}
