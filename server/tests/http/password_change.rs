use crate::support::{Account, PASSWORD, TestApp, browser, fields, kind, message, spawn_app};

const CURRENT_WRONG: &str = "The current password is not correct.";
const PAUSED: &str =
    "Too many failed sign-ins. Sign-in to this account is paused for 15 minutes; try again in 15 minutes.";

#[tokio::test]
async fn an_account_that_must_change_its_password_can_do_nothing_else_until_it_has() {
    let app = spawn_app().await;
    app.add_account(Account {
        must_change_password: true,
        ..Account::active("new@agency.example")
    })
    .await;
    let client = browser();
    let (code, _) = app.sign_in(&client, "new@agency.example", PASSWORD).await;
    assert_eq!(code, 200);

    let (code, me) = app.call(&client, "whoami", &[]).await;
    assert_eq!((code, me["must_change_password"].as_bool()), (200, Some(true)));
    let (code, body) = app.call(&client, "open_area", &[("area", "Clients")]).await;
    assert_eq!((code, kind(&body).as_str()), (403, "PasswordChangeRequired"));

    let new_password = "a fresh river stone";
    let (code, body) = app
        .call(
            &client,
            "change_password",
            &[
                ("current_password", PASSWORD),
                ("new_password", new_password),
                ("confirm_password", new_password),
            ],
        )
        .await;
    assert_eq!(code, 200, "{body}");

    let (code, _) = app.call(&client, "open_area", &[("area", "Clients")]).await;
    assert_eq!(code, 200);
    let (code, _) = app.sign_in(&browser(), "new@agency.example", new_password).await;
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
    let (code, body) = app.sign_in(&client, "new@agency.example", PASSWORD).await;
    assert_eq!(code, 200, "{body}");
    (app, client)
}

#[tokio::test]
async fn a_bad_password_change_names_each_field_and_changes_nothing() {
    let (app, client) = signed_in_needing_a_new_password().await;

    let (code, body) = app
        .call(
            &client,
            "change_password",
            &[
                ("current_password", "wrong"),
                ("new_password", "short"),
                ("confirm_password", "different"),
            ],
        )
        .await;
    assert_eq!(
        (code, fields(&body)),
        (
            422,
            vec![
                ("current_password".into(), CURRENT_WRONG.into()),
                ("new_password".into(), "Use at least 12 characters.".into()),
                (
                    "confirm_password".into(),
                    "The two new passwords are not the same.".into()
                ),
            ]
        ),
        "{body}"
    );

    let (code, me) = app.call(&client, "whoami", &[]).await;
    assert_eq!(
        (code, me["must_change_password"].as_bool()),
        (200, Some(true)),
        "nothing changed"
    );
    let (code, _) = app.sign_in(&browser(), "new@agency.example", PASSWORD).await;
    assert_eq!(code, 200, "the old password still works");
}

#[tokio::test]
async fn the_forced_change_refuses_a_guessable_password_with_zxcvbns_advice_and_changes_nothing() {
    let (app, client) = signed_in_needing_a_new_password().await;

    let (code, body) = app
        .call(
            &client,
            "change_password",
            &[
                ("current_password", PASSWORD),
                ("new_password", "Password123456"),
                ("confirm_password", "Password123456"),
            ],
        )
        .await;
    assert_eq!(code, 422, "{body}");
    let fields = body["Invalid"]["fields"].as_array().unwrap();
    assert_eq!(fields.len(), 1, "{body}");
    assert_eq!(fields[0]["field"], "new_password");
    let message = fields[0]["message"].as_str().unwrap();
    assert!(
        message
            .starts_with("This password is too easy to guess. This is similar to a commonly used password."),
        "{message}"
    );

    let (code, me) = app.call(&client, "whoami", &[]).await;
    assert_eq!(
        (code, me["must_change_password"].as_bool()),
        (200, Some(true)),
        "nothing changed"
    );
    let (code, _) = app.sign_in(&browser(), "new@agency.example", PASSWORD).await;
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
    let (code, _) = app
        .call(
            &laptop,
            "change_password",
            &[
                ("current_password", PASSWORD),
                ("new_password", new_password),
                ("confirm_password", new_password),
            ],
        )
        .await;
    assert_eq!(code, 200);
    assert_eq!(app.call(&laptop, "whoami", &[]).await.0, 200);
    assert_eq!(app.call(&tablet, "whoami", &[]).await.0, 401);
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
    let change = |current: &'static str| {
        let app = &app;
        let client = &client;
        async move {
            app.call(
                client,
                "change_password",
                &[
                    ("current_password", current),
                    ("new_password", new_password),
                    ("confirm_password", new_password),
                ],
            )
            .await
        }
    };
    for guess in 1..=4 {
        let (code, body) = change("a wrong guess at it").await;
        assert_eq!(
            (code, fields(&body)),
            (422, vec![("current_password".into(), CURRENT_WRONG.into())]),
            "guess {guess}: {body}"
        );
    }
    let (code, body) = change("a wrong guess at it").await;
    assert_eq!(
        (code, kind(&body).as_str(), message(&body).as_str()),
        (429, "TooManyAttempts", PAUSED),
        "the fifth wrong guess pauses"
    );
    let (code, body) = change(PASSWORD).await;
    assert_eq!(
        (code, kind(&body).as_str(), message(&body).as_str()),
        (429, "TooManyAttempts", PAUSED),
        "even the right password waits out the pause"
    );
    assert_eq!(
        password_hash_of(&app, "jordan@agency.example").await,
        before,
        "nothing changed"
    );
    assert_eq!(app.call(&client, "whoami", &[]).await.0, 200, "still signed in");
    let (code, body) = app.sign_in(&browser(), "jordan@agency.example", PASSWORD).await;
    assert_eq!(
        (code, message(&body).as_str()),
        (429, PAUSED),
        "sign-in from the same address shares the pause"
    );
}
