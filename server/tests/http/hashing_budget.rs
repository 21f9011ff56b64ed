//! The password hashing budget seen over HTTP: when every permit is taken and
//! the queue is full, a sign-in is answered at once with 503 "busy" and a
//! `Retry-After`, and nothing is checked; once a permit is free, it works.

use app::api::session::{ChangePassword, SignIn, Whoami};
use app::auth::password_hash::Hashing;
use app::error::AppError;

use crate::support::{Account, PASSWORD, TestApp, browser, insecure_cookie, spawn_app_with};

const WRONG: &str = "The e-mail address or password is not correct.";
const PAUSED: &str =
    "Too many failed sign-ins. Sign-in to this account is paused for 15 minutes; try again in 15 minutes.";

fn unauthenticated(message: &str) -> AppError {
    AppError::Unauthenticated {
        message: message.into(),
    }
}

fn too_many_attempts(message: &str) -> AppError {
    AppError::TooManyAttempts {
        message: message.into(),
    }
}

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
    let sign_in = SignIn {
        email: "jordan@agency.example".into(),
        password: PASSWORD.into(),
    };
    let (answer, headers) = app.ask_with_headers(&client, sign_in).await;
    assert_eq!(answer.status, 503);
    assert_eq!(
        headers.get("retry-after").and_then(|v| v.to_str().ok()),
        Some("1")
    );
    assert_eq!(answer.result, Err(AppError::Busy));
    assert_eq!(app.hashing.verifications(), 0, "no password was checked");
    assert_eq!(app.ask(&client, Whoami {}).await.status, 401, "not signed in");

    drop(hashing_elsewhere);
    app.sign_in(&client, "jordan@agency.example", PASSWORD).await.ok();
    assert_eq!(app.hashing.verifications(), 1);
}

#[tokio::test]
async fn an_unknown_e_mail_is_checked_against_the_decoy_like_a_known_one() {
    let app = spawn_app_with(insecure_cookie(), Hashing::new(1, 4)).await;
    let answer = app.sign_in(&browser(), "nobody@agency.example", PASSWORD).await;
    assert_eq!(answer.status, 401, "{answer:?}");
    assert!(
        matches!(answer.error(), Some(AppError::Unauthenticated { .. })),
        "{answer:?}"
    );
    assert_eq!(app.hashing.verifications(), 1, "a real argon2 check ran");
}

#[tokio::test]
async fn a_busy_sign_in_costs_no_attempt() {
    let app = spawn_app_with(insecure_cookie(), Hashing::new(1, 0)).await;
    app.add_account(Account::active("jordan@agency.example")).await;
    let client = browser();

    let hashing_elsewhere = app.hashing.turn().await.expect("the one permit is free");
    for busy in 1..=5 {
        let answer = app
            .sign_in(&client, "jordan@agency.example", "wrong password!")
            .await;
        assert_eq!(answer.parts(), (503, Err(AppError::Busy)), "busy {busy}");
    }
    assert_eq!(most_attempts_counted(&app).await, 0, "nothing was counted");
    drop(hashing_elsewhere);

    for guess in 1..=4 {
        let answer = app
            .sign_in(&client, "jordan@agency.example", "wrong password!")
            .await;
        assert_eq!(
            answer.parts(),
            (401, Err(unauthenticated(WRONG))),
            "guess {guess}"
        );
    }
    let answer = app
        .sign_in(&client, "jordan@agency.example", "wrong password!")
        .await;
    assert_eq!(answer.parts(), (429, Err(too_many_attempts(PAUSED))));
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
        let change = ChangePassword {
            current_password: "a wrong guess at it".into(),
            new_password: "another quiet harbour".into(),
            confirm_password: "another quiet harbour".into(),
        };
        app.ask(&client, change).await
    };

    // The current password is counted before the hashing budget is asked,
    // so these attempts were counted, then given back.
    let hashing_elsewhere = app.hashing.turn().await.expect("the one permit is free");
    for busy in 1..=5 {
        assert_eq!(change().await.parts(), (503, Err(AppError::Busy)), "busy {busy}");
    }
    assert_eq!(
        most_attempts_counted(&app).await,
        0,
        "every attempt was given back"
    );
    drop(hashing_elsewhere);

    let before = app.hashing.verifications();
    for guess in 1..=4 {
        assert_eq!(
            change().await.parts(),
            (
                422,
                Err(AppError::invalid_field(
                    "current_password",
                    "The current password is not correct."
                ))
            ),
            "guess {guess}"
        );
    }
    assert_eq!(change().await.parts(), (429, Err(too_many_attempts(PAUSED))));
    assert_eq!(
        app.hashing.verifications() - before,
        5,
        "five wrong guesses were still all verified"
    );
}
