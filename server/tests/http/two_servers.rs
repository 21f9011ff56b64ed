//! Several Safehold servers on one database (issue 15): sessions, sign-in
//! limits, overrides and settings live in the database, so a load balancer
//! may send each request to any server. Two routers on port 0 share the
//! test's database (PostgreSQL in the test command's second pass), each with
//! its own connections and its own clock.

use app::api::clients::{AddAllowedPersonnel, OverrideClient, SetClientLock};
use app::api::override_log::OverrideLog;
use app::api::personnel::SetPersonnelStatus;
use app::error::AppError;
use app::override_log::OverrideLogFilter;
use policy::{Permission, PersonnelStatus, Timestamp};

use crate::support::fixtures::{add_client, open_client};
use crate::support::{Account, PASSWORD, START, browser, spawn_app};

const BREAK_GLASS: &[Permission] = &[
    Permission::ViewClients,
    Permission::EditClients,
    Permission::OverrideAccess,
];

#[tokio::test]
async fn signed_in_through_one_server_a_person_reads_locks_overrides_and_audits_through_the_other() {
    let first = spawn_app().await;
    let second = first.second_server().await;
    let (admin, _) = first
        .signed_in(Account::site_administrator("admin@agency.example"))
        .await;
    let owner = first.add_account(Account::active("owner@agency.example")).await;
    let client = add_client(&first, "Jess", "Leigh", owner).await;

    // The session made by the first server opens pages on the second.
    let profile = open_client(&second, &admin, client).await.ok();
    assert_eq!(profile.details.first_name, "Jess");

    // Locked through the second server, for the owner only.
    second
        .ask(
            &admin,
            AddAllowedPersonnel {
                id: client,
                personnel: owner,
            },
        )
        .await
        .ok();
    second
        .ask(
            &admin,
            SetClientLock {
                id: client,
                lock: true,
                confirmed: true,
            },
        )
        .await
        .ok();
    let (holder, _) = first
        .signed_in(Account::holding("holder@agency.example", BREAK_GLASS))
        .await;
    assert_eq!(
        open_client(&first, &holder, client).await.status,
        403,
        "the lock holds on the first"
    );

    // Overridden through the second; open on the first.
    let expires = second
        .ask(
            &holder,
            OverrideClient {
                id: client,
                reason: "Disclosure at the front desk".into(),
            },
        )
        .await
        .ok();
    assert_eq!(expires, Timestamp(START + 900));
    assert_eq!(open_client(&first, &holder, client).await.status, 200);

    // The first server's log shows the override made on the second.
    let log = first
        .ask(
            &admin,
            OverrideLog {
                filter: OverrideLogFilter::default(),
                page: 0,
            },
        )
        .await
        .ok();
    assert_eq!(log.total, 1);
    assert_eq!(log.entries[0].reason, "Disclosure at the front desk");
    assert_eq!(log.entries[0].personnel_email, "holder@agency.example");
}

#[tokio::test]
async fn the_fifteen_minute_override_ends_on_every_server_by_its_own_clock() {
    let first = spawn_app().await;
    let second = first.second_server().await;
    let (holder, _) = first
        .signed_in(Account::holding("holder@agency.example", BREAK_GLASS))
        .await;
    let owner = first.add_account(Account::active("owner@agency.example")).await;
    let client = add_client(&first, "Jess", "Leigh", owner).await;
    crate::support::fixtures::lock_for(&first, client, owner).await;

    first
        .ask(
            &holder,
            OverrideClient {
                id: client,
                reason: "Disclosure at the front desk".into(),
            },
        )
        .await
        .ok();
    for server in [&first, &second] {
        server.clock.advance(899);
    }
    assert_eq!(
        open_client(&second, &holder, client).await.status,
        200,
        "the last second counts"
    );
    for server in [&first, &second] {
        server.clock.advance(1);
    }
    assert_eq!(
        open_client(&second, &holder, client).await.status,
        403,
        "over on the second"
    );
    assert_eq!(
        open_client(&first, &holder, client).await.status,
        403,
        "and on the first"
    );
}

#[tokio::test]
async fn failed_sign_ins_on_both_servers_add_up_to_one_pause() {
    let first = spawn_app().await;
    let second = first.second_server().await;
    first.add_account(Account::active("jordan@agency.example")).await;
    let client = browser();
    for attempt in 1..=4 {
        let server = if attempt % 2 == 0 { &second } else { &first };
        let status = server
            .sign_in(&client, "jordan@agency.example", "wrong password!")
            .await
            .status;
        assert_eq!(status, 401, "attempt {attempt}");
    }
    let answer = second
        .sign_in(&client, "jordan@agency.example", "wrong password!")
        .await;
    assert_eq!(
        answer.status, 429,
        "the fifth failure, counted across both: {answer:?}"
    );
    let answer = first.sign_in(&client, "jordan@agency.example", PASSWORD).await;
    assert_eq!(
        answer.status, 429,
        "the first server keeps the pause too: {answer:?}"
    );
}

#[tokio::test]
async fn deactivating_someone_on_one_server_ends_their_session_on_the_other() {
    let first = spawn_app().await;
    let second = first.second_server().await;
    let (admin, _) = first
        .signed_in(Account::site_administrator("admin@agency.example"))
        .await;
    let (worker, worker_id) = first.signed_in(Account::active("worker@agency.example")).await;
    let owner = first.add_account(Account::active("owner@agency.example")).await;
    let client = add_client(&first, "Jess", "Leigh", owner).await;
    assert_eq!(open_client(&second, &worker, client).await.status, 200);

    first
        .ask(
            &admin,
            SetPersonnelStatus {
                id: worker_id,
                status: PersonnelStatus::Inactive,
            },
        )
        .await
        .ok();

    let answer = open_client(&second, &worker, client).await;
    assert_eq!(
        answer.status, 401,
        "signed out on the other server at once: {answer:?}"
    );
    assert!(
        matches!(answer.error(), Some(AppError::Unauthenticated { .. })),
        "{answer:?}"
    );
}
