//! Break-glass override access on a client over HTTP (seed 003; spec, "Changing a record's protection"):
//! fifteen minutes from the server's clock, refused without the permission,
//! with a short reason, to someone denied by name, and on a client already
//! visible; every read and write refused once it has expired. Someone who
//! could never override is told "not found", as for a missing id.

use app::api::clients::{OverrideClient, UpdateClient};
use app::clients::ClientForm;
use app::error::AppError;
use policy::{ClientId, Permission, Timestamp};

use crate::support::fixtures::{
    add_client, assert_restricted_and_overridable, client_not_found, lock_for, open_client, set_time_zone,
};
use crate::support::{Account, Answer, START, TestApp, browser, spawn_app};

const BREAK_GLASS: &[Permission] = &[
    Permission::ViewClients,
    Permission::EditClients,
    Permission::OverrideAccess,
];

async fn override_access(
    app: &TestApp,
    who: &reqwest::Client,
    client: ClientId,
    reason: &str,
) -> Answer<Timestamp> {
    let ask = OverrideClient {
        id: client,
        reason: reason.into(),
    };
    app.ask(who, ask).await
}

/// A client locked for someone else, and a person who may override.
async fn locked_client(app: &TestApp) -> (reqwest::Client, ClientId) {
    let (holder, _) = app
        .signed_in(Account::holding("holder@agency.example", BREAK_GLASS))
        .await;
    let owner = app.add_account(Account::active("owner@agency.example")).await;
    let client = add_client(app, "Jess", "Leigh", owner).await;
    lock_for(app, client, owner).await;
    (holder, client)
}

#[tokio::test]
async fn an_override_opens_the_client_for_fifteen_minutes_and_not_a_second_more() {
    let app = spawn_app().await;
    let (holder, client) = locked_client(&app).await;

    let answer = open_client(&app, &holder, client).await;
    let error = assert_restricted_and_overridable(answer);
    assert_eq!(
        error.to_string(),
        "You may not open this record. This client is locked and you are not on its allowed personnel.",
        "someone who could override sees why it is closed"
    );

    let expires = override_access(&app, &holder, client, "  Child disclosed at the front desk  ")
        .await
        .ok();
    assert_eq!(
        expires,
        Timestamp(START + 900),
        "fifteen minutes by the server's clock"
    );

    let profile = open_client(&app, &holder, client).await.ok();
    assert_eq!(profile.override_until, Some(Timestamp(START + 900)));
    set_time_zone(&app, "Pacific/Auckland").await;
    assert_eq!(
        open_client(&app, &holder, client).await.ok().access,
        "Override until 13:15 NZDT.",
        "the reason it opens tells the end in the agency's time"
    );
    assert!(
        !profile.controls.lock,
        "an override does not change who may open it"
    );

    app.clock.advance(899);
    assert_eq!(
        open_client(&app, &holder, client).await.status,
        200,
        "the last second still counts"
    );
    app.clock.advance(1);
    let answer = open_client(&app, &holder, client).await;
    assert_eq!(answer.status, 403, "at the expiry it is over: {answer:?}");
    app.clock.advance(1);
    assert_eq!(
        open_client(&app, &holder, client).await.status,
        403,
        "one second after"
    );
    let update = UpdateClient {
        id: client,
        form: ClientForm {
            first_name: "Jess".into(),
            last_name: "Changed".into(),
            date_of_birth: String::new(),
            identifier: String::new(),
        },
    };
    assert_eq!(app.ask(&holder, update).await.status, 403, "nor written");

    let (reason, granted, ends): (String, i64, i64) =
        sqlx::query_as("SELECT reason, granted_at, expires_at FROM overrides WHERE record_id = $1")
            .bind(client.0)
            .fetch_one(&app.pool)
            .await
            .unwrap();
    assert_eq!(
        (reason.as_str(), granted, ends),
        ("Child disclosed at the front desk", START, START + 900)
    );
    let (audited,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM audit_log WHERE action = 'client.override' AND entity_id = $1")
            .bind(client.0)
            .fetch_one(&app.pool)
            .await
            .unwrap();
    assert_eq!(audited, 1);
}

#[tokio::test]
async fn an_override_is_refused_without_the_permission_with_a_short_reason_and_when_already_visible() {
    let app = spawn_app().await;
    let (holder, client) = locked_client(&app).await;
    let (plain, _) = app.signed_in(Account::active("plain@agency.example")).await;
    let missing = ClientId(client.0 + 1000);

    assert_eq!(
        open_client(&app, &plain, client).await.parts(),
        client_not_found(),
        "no override access: not even that it exists"
    );
    assert_eq!(
        open_client(&app, &plain, missing).await.parts(),
        client_not_found()
    );
    assert_eq!(
        override_access(&app, &plain, client, "a good long reason")
            .await
            .parts(),
        client_not_found(),
        "nor by asking for an override"
    );
    assert_eq!(
        override_access(&app, &plain, missing, "a good long reason")
            .await
            .parts(),
        client_not_found()
    );
    let visible = add_client(&app, "Open", "Client", policy::PersonnelId(1)).await;
    let answer = override_access(&app, &plain, visible, "a good long reason").await;
    assert_eq!(answer.status, 403, "a client they may open: {answer:?}");
    assert_eq!(
        answer.err().to_string(),
        "Your role does not include “Override access”."
    );

    let answer = override_access(&app, &holder, client, "  too short ").await;
    assert_eq!(answer.status, 422);
    let AppError::Invalid { fields } = answer.err() else {
        panic!("not a field error")
    };
    assert_eq!(fields[0].field, "reason");

    let answer = override_access(&app, &holder, visible, "a good long reason").await;
    assert_eq!(answer.status, 409);
    assert_eq!(
        answer.err().to_string(),
        "You can already open this record; no override is needed."
    );

    assert_eq!(
        override_access(&app, &browser(), client, "a good long reason")
            .await
            .status,
        401
    );
    let (count,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM overrides")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(count, 0, "nothing was granted");
}

#[tokio::test]
async fn a_person_denied_by_name_never_gets_an_override() {
    let app = spawn_app().await;
    let (holder, holder_id) = app
        .signed_in(Account::holding("holder@agency.example", BREAK_GLASS))
        .await;
    let owner = app.add_account(Account::active("owner@agency.example")).await;
    let client = add_client(&app, "Jess", "Leigh", owner).await;
    sqlx::query("INSERT INTO access_rules (record_kind, record_id, personnel_id, effect) VALUES ('client', $1, $2, 'deny')")
        .bind(client.0)
        .bind(holder_id.0)
        .execute(&app.pool)
        .await
        .unwrap();

    assert_eq!(
        open_client(&app, &holder, client).await.parts(),
        client_not_found(),
        "no button, and not even that it exists"
    );
    assert_eq!(
        override_access(&app, &holder, client, "a good long reason")
            .await
            .parts(),
        client_not_found(),
        "as for an id nobody has"
    );
    assert_eq!(
        override_access(&app, &holder, ClientId(client.0 + 1000), "a good long reason")
            .await
            .parts(),
        client_not_found()
    );
    let (count,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM overrides")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(count, 0, "nothing was granted");
}

#[tokio::test]
async fn an_inactive_account_gets_no_override() {
    let app = spawn_app().await;
    let (holder, client) = locked_client(&app).await;
    sqlx::query("UPDATE personnel SET status = 'Inactive' WHERE email = 'holder@agency.example'")
        .execute(&app.pool)
        .await
        .unwrap();
    assert_eq!(
        override_access(&app, &holder, client, "a good long reason")
            .await
            .status,
        403
    );
}
