//! Session records over HTTP (seed 003; spec, "Changing a record's protection"): create, list and open a
//! group or family session; the same rulebook as clients (rules, default
//! rules, overrides); a session's page lists only the attending clients the
//! viewer may open.

use app::access_rules::RulePlace;
use app::api::access_rules::AddAccessRule;
use app::api::override_log::OverrideLog;
use app::api::sessions::{CreateSession, FacilitatorChoices, ListSessions, LoadSession, OverrideSession};
use app::error::AppError;
use app::override_log::OverrideLogFilter;
use app::records::RecordRef;
use app::sessions::{SessionForm, SessionListPage, SessionRecord};
use policy::{
    AccessRule, ClientId, Permission, PersonnelId, RuleEffect, RuleSubject, SessionRecordId, TeamId,
    Timestamp,
};

use crate::support::fixtures::{add_client, assert_restricted_and_overridable, lock_for};
use crate::support::{Account, Answer, START, TestApp, browser, spawn_app};

const FACILITATOR: &[Permission] = &[
    Permission::ViewClients,
    Permission::ViewSessions,
    Permission::EditSessions,
    Permission::EditAccessRules,
];
const BREAK_GLASS: &[Permission] = &[
    Permission::ViewClients,
    Permission::ViewSessions,
    Permission::OverrideAccess,
];

fn form(title: &str, held_on: &str, facilitators: &[PersonnelId], attendees: &[ClientId]) -> CreateSession {
    CreateSession {
        form: SessionForm {
            title: title.into(),
            held_on: held_on.into(),
            facilitators: facilitators.to_vec(),
            attendees: attendees.to_vec(),
        },
    }
}

async fn open(app: &TestApp, who: &reqwest::Client, session: SessionRecordId) -> Answer<SessionRecord> {
    app.ask(who, LoadSession { id: session }).await
}

/// The sessions matching `query`, from the first page.
fn search_for(query: &str) -> ListSessions {
    ListSessions {
        query: query.into(),
        after: String::new(),
        before: String::new(),
    }
}

async fn list(app: &TestApp, who: &reqwest::Client, query: &str) -> Answer<SessionListPage> {
    app.ask(who, search_for(query)).await
}

fn titles(page: &SessionListPage) -> Vec<String> {
    page.sessions.iter().map(|s| s.title.clone()).collect()
}

fn restricted(page: &SessionListPage) -> Vec<String> {
    page.restricted.iter().map(|s| s.title.clone()).collect()
}

/// The names of a session's attending clients.
fn attendees(session: &SessionRecord) -> Vec<&str> {
    session.attendees.iter().map(|a| a.name.as_str()).collect()
}

/// The fields of an `Invalid` answer, in order.
#[track_caller]
fn invalid_fields<T: std::fmt::Debug>(answer: Answer<T>) -> Vec<String> {
    assert_eq!(answer.status, 422, "{answer:?}");
    match answer.err() {
        AppError::Invalid { fields } => fields.into_iter().map(|f| f.field).collect(),
        other => panic!("not a field error: {other:?}"),
    }
}

/// A facilitator (signed in) and two clients of theirs.
async fn world(app: &TestApp) -> (reqwest::Client, PersonnelId, [ClientId; 2]) {
    let (facilitator, id) = app
        .signed_in(Account::holding("facilitator@agency.example", FACILITATOR))
        .await;
    let aroha = add_client(app, "Aroha", "Ngata", id).await;
    let mia = add_client(app, "Mia", "Thompson", id).await;
    (facilitator, id, [aroha, mia])
}

async fn create(app: &TestApp, who: &reqwest::Client, form: CreateSession) -> Answer<SessionRecordId> {
    app.ask(who, form).await
}

async fn count_sessions(app: &TestApp) -> i64 {
    let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM session_records")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    n
}

#[tokio::test]
async fn a_facilitator_creates_a_session_and_opens_it() {
    let app = spawn_app().await;
    let (facilitator, me, [aroha, mia]) = world(&app).await;
    let id = create(
        &app,
        &facilitator,
        form("  Ngata whānau hui ", "2026-11-18", &[me, me], &[aroha, mia]),
    )
    .await
    .ok();

    let session = open(&app, &facilitator, id).await.ok();
    assert_eq!(session.title, "Ngata whānau hui");
    assert_eq!(session.held_on, "2026-11-18");
    assert_eq!(session.organization_name, "Test agency");
    assert_eq!(session.facilitators.len(), 1, "each facilitator once");
    assert_eq!(attendees(&session), ["Aroha Ngata", "Mia Thompson"]);
    assert!(session.may_edit_access);

    let listed = list(&app, &facilitator, "whānau").await.ok();
    assert_eq!(titles(&listed), ["Ngata whānau hui"]);
    let by_date = list(&app, &facilitator, "2026-11-18").await.ok();
    assert_eq!(by_date.count.counted, 1);
    let (audited,): (i64,) = sqlx::query_as(
        "SELECT COUNT(*) FROM audit_log WHERE action = 'session_record.create' AND entity_id = $1",
    )
    .bind(id.0)
    .fetch_one(&app.pool)
    .await
    .unwrap();
    assert_eq!(audited, 1);
}

#[tokio::test]
async fn the_facilitator_picker_offers_active_personnel_only() {
    let app = spawn_app().await;
    let (facilitator, me, _) = world(&app).await;
    app.add_account(Account {
        status: policy::PersonnelStatus::Inactive,
        ..Account::active("gone@agency.example")
    })
    .await;
    let everyone = || FacilitatorChoices { query: String::new() };
    let offered = app.ask(&facilitator, everyone()).await.ok();
    let ids: Vec<PersonnelId> = offered.iter().map(|p| p.id).collect();
    assert_eq!(ids, [me], "{offered:?}");
    assert_eq!(app.ask(&browser(), everyone()).await.status, 401);
}

#[tokio::test]
async fn a_bad_session_gets_a_message_at_each_field_and_nothing_is_written() {
    let app = spawn_app().await;
    let (facilitator, me, [aroha, _]) = world(&app).await;

    let answer = create(&app, &facilitator, form(" ", "18/11/2026", &[], &[])).await;
    assert_eq!(
        invalid_fields(answer),
        ["title", "held_on", "facilitators", "attendees"]
    );

    let gone = app
        .add_account(Account {
            status: policy::PersonnelStatus::Inactive,
            ..Account::active("gone@agency.example")
        })
        .await;
    let answer = create(&app, &facilitator, form("Group", "2026-11-18", &[gone], &[aroha])).await;
    assert_eq!(invalid_fields(answer)[0], "facilitators");

    // A client the facilitator may not open cannot be added.
    let owner = app.add_account(Account::active("owner@agency.example")).await;
    let hidden = add_client(&app, "Sofia", "Garcia", owner).await;
    lock_for(&app, hidden, owner).await;
    let answer = create(
        &app,
        &facilitator,
        form("Group", "2026-11-18", &[me], &[aroha, hidden]),
    )
    .await;
    assert_eq!(invalid_fields(answer)[0], "attendees");

    assert_eq!(count_sessions(&app).await, 0, "nothing was written");
}

#[tokio::test]
async fn sessions_are_refused_without_their_permissions_and_when_signed_out() {
    let app = spawn_app().await;
    let (facilitator, me, [aroha, _]) = world(&app).await;
    let id = create(&app, &facilitator, form("Group", "2026-11-18", &[me], &[aroha]))
        .await
        .ok();

    let (viewer, _) = app
        .signed_in(Account::holding(
            "viewer@agency.example",
            &[Permission::ViewClients, Permission::ViewSessions],
        ))
        .await;
    let answer = create(&app, &viewer, form("Group", "2026-11-18", &[me], &[aroha])).await;
    assert_eq!(answer.status, 403, "{answer:?}");
    let error = answer.err();
    assert!(matches!(error, AppError::Forbidden { .. }), "{error:?}");
    assert!(error.to_string().contains("Edit sessions"), "{error:?}");
    let everyone = FacilitatorChoices { query: String::new() };
    assert_eq!(app.ask(&viewer, everyone).await.status, 403);
    assert_eq!(
        open(&app, &viewer, id).await.status,
        200,
        "viewing needs view sessions only"
    );

    let (clients_only, _) = app
        .signed_in(Account::active("clients-only@agency.example"))
        .await;
    for answer in [
        list(&app, &clients_only, "").await.erased(),
        open(&app, &clients_only, id).await.erased(),
    ] {
        assert_eq!(answer.status, 403, "{answer:?}");
        let error = answer.err();
        assert!(error.to_string().contains("View sessions"), "{error:?}");
    }

    let stranger = browser();
    assert_eq!(list(&app, &stranger, "").await.status, 401);
    assert_eq!(open(&app, &stranger, id).await.status, 401);
    assert_eq!(
        open(&app, &facilitator, SessionRecordId(id.0 + 100)).await.status,
        404
    );
    assert_eq!(count_sessions(&app).await, 1);
}

#[tokio::test]
async fn a_sessions_page_lists_only_the_attending_clients_the_viewer_may_open() {
    let app = spawn_app().await;
    let (facilitator, me, [aroha, mia]) = world(&app).await;
    let id = create(
        &app,
        &facilitator,
        form("Group", "2026-11-18", &[me], &[aroha, mia]),
    )
    .await
    .ok();
    let (viewer, _) = app
        .signed_in(Account::holding(
            "viewer@agency.example",
            &[Permission::ViewClients, Permission::ViewSessions],
        ))
        .await;
    // Mia is locked with the facilitator alone allowed.
    lock_for(&app, mia, me).await;

    let session = open(&app, &viewer, id).await.ok();
    assert_eq!(attendees(&session), ["Aroha Ngata"]);
    assert!(
        !format!("{session:?}").contains("Thompson"),
        "nothing of Mia: {session:?}"
    );
    let session = open(&app, &facilitator, id).await.ok();
    assert_eq!(session.attendees.len(), 2);
}

#[tokio::test]
async fn a_rule_on_a_session_hides_it_and_an_override_opens_it_for_fifteen_minutes() {
    let app = spawn_app().await;
    let (facilitator, me, [aroha, _]) = world(&app).await;
    let id = create(
        &app,
        &facilitator,
        form("Confidential family meeting", "2026-11-21", &[me], &[aroha]),
    )
    .await
    .ok();
    let (holder, holder_id) = app
        .signed_in(Account::holding("holder@agency.example", BREAK_GLASS))
        .await;
    let (team,): (i64,) = sqlx::query_as(
        "INSERT INTO teams (organization_id, name) VALUES ((SELECT MIN(id) FROM organizations), 'Advocates') RETURNING id",
    )
    .fetch_one(&app.pool)
    .await
    .unwrap();
    sqlx::query("INSERT INTO team_members (team_id, personnel_id) VALUES ($1, $2)")
        .bind(team)
        .bind(holder_id.0)
        .execute(&app.pool)
        .await
        .unwrap();
    let deny_the_team = AddAccessRule {
        place: RulePlace::Record(RecordRef::session(id)),
        rule: AccessRule {
            subject: RuleSubject::Team(TeamId(team)),
            effect: RuleEffect::Deny,
        },
    };
    app.ask(&facilitator, deny_the_team).await.ok();

    let listed = list(&app, &holder, "").await.ok();
    assert_eq!(listed.count.counted, 0);
    assert_eq!(
        restricted(&listed),
        Vec::<String>::new(),
        "no bare entries before a title is typed"
    );
    let listed = list(&app, &holder, "f").await.ok();
    assert_eq!(restricted(&listed), Vec::<String>::new(), "nor for one character");
    let listed = list(&app, &holder, "family").await.ok();
    assert_eq!(
        restricted(&listed),
        ["Confidential family meeting"],
        "a bare entry to override"
    );
    let next = ListSessions {
        after: r#"["9999-12-31",1]"#.into(),
        ..search_for("")
    };
    let second_page = app.ask(&holder, next).await.ok();
    assert_eq!(
        restricted(&second_page).len(),
        0,
        "the bare entries come with the first page only"
    );
    let answer = open(&app, &holder, id).await;
    let error = assert_restricted_and_overridable(answer);
    assert!(!format!("{error:?}").contains("Aroha"), "{error:?}");

    let override_with = |reason: &'static str| {
        let app = &app;
        let holder = &holder;
        async move {
            let ask = OverrideSession {
                id,
                reason: reason.into(),
            };
            app.ask(holder, ask).await
        }
    };
    let answer = override_with("too short").await;
    assert_eq!(answer.status, 422, "{answer:?}");
    let expires = override_with("Safety concern raised by school").await.ok();
    assert_eq!(expires, Timestamp(START + 900));
    let session = open(&app, &holder, id).await.ok();
    assert_eq!(session.override_until, Some(Timestamp(START + 900)));
    assert!(
        !session.may_edit_access,
        "an override does not change who may open it"
    );
    let answer = override_with("Safety concern raised by school").await;
    assert_eq!(answer.status, 409, "already open: {answer:?}");

    app.clock.advance(900);
    assert_eq!(open(&app, &holder, id).await.status, 403, "over at the expiry");
    app.clock.advance(1);
    assert_eq!(open(&app, &holder, id).await.status, 403, "and a second after");

    let holders = OverrideLog {
        filter: OverrideLogFilter {
            person: "holder".into(),
            record: String::new(),
            from: String::new(),
            to: String::new(),
        },
        page: 0,
    };
    let log = app.ask(&app_auditor(&app).await, holders).await.ok();
    assert_eq!(log.entries[0].record_kind, "Session");
    assert_eq!(
        log.entries[0].record_name,
        "Confidential family meeting (2026-11-21)"
    );
    assert_eq!(log.entries[0].record_href, Some(format!("/sessions/{id}")));
}

async fn app_auditor(app: &TestApp) -> reqwest::Client {
    app.signed_in(Account::holding(
        "auditor@agency.example",
        &[Permission::ViewOverrideLog, Permission::ViewSessions],
    ))
    .await
    .0
}

#[tokio::test]
async fn someone_denied_a_session_by_name_is_told_it_is_not_found_and_gets_no_override() {
    let app = spawn_app().await;
    let (facilitator, me, [aroha, _]) = world(&app).await;
    let id = create(&app, &facilitator, form("Group", "2026-11-21", &[me], &[aroha]))
        .await
        .ok();
    let (holder, holder_id) = app
        .signed_in(Account::holding("holder@agency.example", BREAK_GLASS))
        .await;
    sqlx::query(
        "INSERT INTO access_rules (record_kind, record_id, personnel_id, effect) VALUES ('session_record', $1, $2, 'deny')",
    )
    .bind(id.0)
    .bind(holder_id.0)
    .execute(&app.pool)
    .await
    .unwrap();
    let listed = list(&app, &holder, "Group").await.ok();
    assert_eq!((listed.count.counted, restricted(&listed).len()), (0, 0));
    // No override for someone denied by name, so not even that it exists.
    fn not_found<T>() -> (u16, Result<T, AppError>) {
        let error = AppError::NotFound {
            what: "That session".into(),
        };
        (404, Err(error))
    }
    let missing = SessionRecordId(id.0 + 1000);
    assert_eq!(open(&app, &holder, id).await.parts(), not_found());
    assert_eq!(
        open(&app, &holder, missing).await.parts(),
        not_found(),
        "as for an id nobody has"
    );
    let override_session = |id: SessionRecordId| {
        let (app, holder) = (&app, &holder);
        async move {
            let ask = OverrideSession {
                id,
                reason: "I need to see this now".into(),
            };
            app.ask(holder, ask).await
        }
    };
    assert_eq!(override_session(id).await.parts(), not_found());
    assert_eq!(override_session(missing).await.parts(), not_found());
}

#[tokio::test]
async fn restricted_sessions_are_found_by_title_only_never_by_date() {
    let app = spawn_app().await;
    let (facilitator, me, [aroha, _]) = world(&app).await;
    let hidden = create(
        &app,
        &facilitator,
        form("Confidential family meeting", "2026-11-21", &[me], &[aroha]),
    )
    .await
    .ok();
    create(
        &app,
        &facilitator,
        form("Open group", "2026-11-21", &[me], &[aroha]),
    )
    .await
    .ok();
    let (holder, holder_id) = app
        .signed_in(Account::holding("holder@agency.example", BREAK_GLASS))
        .await;
    let (team,): (i64,) = sqlx::query_as(
        "INSERT INTO teams (organization_id, name) VALUES ((SELECT MIN(id) FROM organizations), 'Advocates') RETURNING id",
    )
    .fetch_one(&app.pool)
    .await
    .unwrap();
    sqlx::query("INSERT INTO team_members (team_id, personnel_id) VALUES ($1, $2)")
        .bind(team)
        .bind(holder_id.0)
        .execute(&app.pool)
        .await
        .unwrap();
    sqlx::query(
        "INSERT INTO access_rules (record_kind, record_id, team_id, effect) VALUES ('session_record', $1, $2, 'deny')",
    )
    .bind(hidden.0)
    .bind(team)
    .execute(&app.pool)
    .await
    .unwrap();

    let by_date = list(&app, &holder, "2026-11-21").await.ok();
    assert_eq!(
        (titles(&by_date), restricted(&by_date)),
        (vec!["Open group".to_owned()], Vec::<String>::new()),
        "the date finds the sessions they may open, never a restricted one"
    );
    let by_title = list(&app, &holder, "family").await.ok();
    assert_eq!(
        (titles(&by_title), restricted(&by_title)),
        (
            Vec::<String>::new(),
            vec!["Confidential family meeting".to_owned()]
        ),
        "the title finds it, as a bare entry"
    );
}
