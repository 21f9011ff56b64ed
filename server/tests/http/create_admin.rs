use app::api::area::OpenArea;
use app::error::AppError;
use policy::Area;

use crate::support::{START, browser, spawn_app};

#[tokio::test]
async fn create_admin_refuses_a_weak_password_and_creates_nothing() {
    let app = spawn_app().await;
    let result = app::accounts::create_site_administrator(
        &app.pool,
        &app.hashing,
        "Agency",
        "Sam Rivers",
        "sam@agency.example",
        "short",
        policy::Timestamp(START),
    )
    .await;
    let Err(error @ AppError::Invalid { .. }) = result else {
        panic!("expected a refusal, got {result:?}")
    };
    assert_eq!(
        error.field("password").as_deref(),
        Some("Use at least 12 characters.")
    );
    let (count,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM personnel")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(count, 0);
}

#[tokio::test]
async fn a_created_administrator_signs_in_and_opens_administration() {
    let app = spawn_app().await;
    app::accounts::create_site_administrator(
        &app.pool,
        &app.hashing,
        "Agency",
        "Sam Rivers",
        "Sam@Agency.example",
        "lantern meadow quiet",
        policy::Timestamp(START),
    )
    .await
    .unwrap();
    let client = browser();
    assert_eq!(
        app.sign_in(&client, "sam@agency.example", "lantern meadow quiet")
            .await
            .status,
        200
    );
    assert_eq!(
        app.ask(
            &client,
            OpenArea {
                area: Area::Administration
            }
        )
        .await
        .status,
        200
    );
}
