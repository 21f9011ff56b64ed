//! The override log over HTTP (seed 003; spec, "Changing a record's protection"): who, when, which record,
//! why and when it ended, newest first, filtered, paged and exported as
//! CSV, for people whose role has "view the access-override log" only; a
//! record named only to a reader who may open it; and nothing can change or
//! delete an entry.

use app::api::clients::OverrideClient;
use app::api::override_log::{ExportOverrideLog, OverrideLog};
use app::error::AppError;
use app::override_log::{OverrideLogFilter, OverrideLogPage};
use policy::{ClientId, Permission};

use crate::support::fixtures::{add_client, lock_for, set_time_zone};
use crate::support::{Account, Answer, START, TestApp, browser, spawn_app};

const BREAK_GLASS: &[Permission] = &[Permission::ViewClients, Permission::OverrideAccess];

fn no_filter() -> OverrideLogFilter {
    OverrideLogFilter::default()
}

async fn read_log(
    app: &TestApp,
    who: &reqwest::Client,
    filter: OverrideLogFilter,
    page: u32,
) -> Answer<OverrideLogPage> {
    app.ask(who, OverrideLog { filter, page }).await
}

/// Someone who overrides client "Jess Leigh" (locked for another person)
/// with `reason`; answers the client's id.
async fn an_override(app: &TestApp, email: &str, last_name: &str, reason: &str) -> ClientId {
    let (holder, _) = app.signed_in(Account::holding(email, BREAK_GLASS)).await;
    let owner = app
        .add_account(Account::active(&format!("owner-of-{last_name}@agency.example")))
        .await;
    let client = add_client(app, "Jess", last_name, owner).await;
    lock_for(app, client, owner).await;
    let ask = OverrideClient {
        id: client,
        reason: reason.into(),
    };
    app.ask(&holder, ask).await.ok();
    client
}

#[tokio::test]
async fn an_auditor_sees_who_overrode_which_client_when_and_why() {
    let app = spawn_app().await;
    set_time_zone(&app, "Pacific/Auckland").await;
    let client = an_override(
        &app,
        "casey@agency.example",
        "Leigh",
        "Disclosure at the front desk",
    )
    .await;
    let (auditor, _) = app.signed_in(Account::auditor()).await;

    let log = read_log(&app, &auditor, no_filter(), 0).await.ok();
    assert_eq!(log.total, 1);
    let entry = &log.entries[0];
    assert_eq!(entry.personnel_email, "casey@agency.example");
    assert_eq!(entry.record_kind, "Client");
    assert_eq!(
        entry.record_name,
        format!("Client #{client} (restricted)"),
        "the auditor may not open the client, so the log does not name it"
    );
    assert_eq!(entry.record_href, None, "and does not link to it");
    assert_eq!(entry.reason, "Disclosure at the front desk");
    assert_eq!(
        entry.granted_local, "2026-11-24 13:00 NZDT",
        "in the agency's zone"
    );
    assert_eq!(entry.ends_local, "2026-11-24 13:15 NZDT");
    assert!(entry.running);

    app.clock.advance(15 * 60);
    let log = read_log(&app, &auditor, no_filter(), 0).await.ok();
    assert!(!log.entries[0].running, "it ended at its expiry");

    // Someone who may open the client sees its name.
    let (admin, _) = app
        .signed_in(Account::site_administrator("admin@agency.example"))
        .await;
    let log = read_log(&app, &admin, no_filter(), 0).await.ok();
    assert_eq!(log.entries[0].record_name, "Jess Leigh (ID-Leigh)");
}

#[tokio::test]
async fn the_log_is_refused_without_the_permission_and_when_signed_out() {
    let app = spawn_app().await;
    an_override(
        &app,
        "casey@agency.example",
        "Leigh",
        "Disclosure at the front desk",
    )
    .await;
    // Overriding does not let you read the log.
    let (overrider, _) = app
        .signed_in(Account {
            permissions: &[
                Permission::ViewClients,
                Permission::OverrideAccess,
                Permission::ManageTeams,
            ],
            ..Account::active("other@agency.example")
        })
        .await;
    let answer = read_log(&app, &overrider, no_filter(), 0).await;
    assert_eq!(answer.status, 403, "{answer:?}");
    let error = answer.err();
    assert!(matches!(error, AppError::Forbidden { .. }), "{error:?}");
    assert!(
        error.to_string().contains("View the access-override log"),
        "{error:?}"
    );
    let export = || ExportOverrideLog { filter: no_filter() };
    let answer = app.ask(&overrider, export()).await;
    assert_eq!(answer.status, 403, "{answer:?}");
    assert!(!format!("{answer:?}").contains("front desk"), "{answer:?}");

    let stranger = browser();
    assert_eq!(read_log(&app, &stranger, no_filter(), 0).await.status, 401);
    assert_eq!(app.ask(&stranger, export()).await.status, 401);
}

#[tokio::test]
async fn a_site_administrator_reads_the_log_and_an_inactive_auditor_cannot() {
    let app = spawn_app().await;
    an_override(
        &app,
        "casey@agency.example",
        "Leigh",
        "Disclosure at the front desk",
    )
    .await;
    let (admin, _) = app
        .signed_in(Account::site_administrator("admin@agency.example"))
        .await;
    assert_eq!(read_log(&app, &admin, no_filter(), 0).await.ok().total, 1);

    let (auditor, auditor_id) = app.signed_in(Account::auditor()).await;
    sqlx::query("UPDATE personnel SET status = 'Inactive' WHERE id = $1")
        .bind(auditor_id.0)
        .execute(&app.pool)
        .await
        .unwrap();
    let code = read_log(&app, &auditor, no_filter(), 0).await.status;
    assert!(code == 401 || code == 403, "refused, got {code}");
}

#[tokio::test]
async fn filters_by_person_record_and_days_newest_first() {
    let app = spawn_app().await;
    an_override(
        &app,
        "casey@agency.example",
        "Leigh",
        "First disclosure at intake",
    )
    .await;
    app.clock.advance(2 * 24 * 3600);
    an_override(
        &app,
        "dana@agency.example",
        "Moana",
        "Second disclosure at intake",
    )
    .await;
    let (auditor, _) = app.signed_in(Account::auditor()).await;

    let log = read_log(&app, &auditor, no_filter(), 0).await.ok();
    let reasons: Vec<&str> = log.entries.iter().map(|e| e.reason.as_str()).collect();
    assert_eq!(
        reasons,
        ["Second disclosure at intake", "First disclosure at intake"]
    );

    let by_person = OverrideLogFilter {
        person: "CASEY".into(),
        ..no_filter()
    };
    let log = read_log(&app, &auditor, by_person, 0).await.ok();
    assert_eq!(log.total, 1);
    assert_eq!(log.entries[0].personnel_email, "casey@agency.example");

    // The record filter matches only the names the reader may see: the
    // auditor cannot open either client, so cannot probe for one by name.
    let by_record = OverrideLogFilter {
        record: "moana".into(),
        ..no_filter()
    };
    let log = read_log(&app, &auditor, by_record.clone(), 0).await.ok();
    assert_eq!(log.total, 0);
    let (admin, _) = app
        .signed_in(Account::site_administrator("admin@agency.example"))
        .await;
    let log = read_log(&app, &admin, by_record, 0).await.ok();
    assert_eq!(log.total, 1);
    assert_eq!(log.entries[0].record_name, "Jess Moana (ID-Moana)");

    // The first override was at 00:00 UTC on 2026-11-24, the second on
    // 2026-11-26. Days are the agency's: in New York the first was on the
    // evening of the 23rd.
    set_time_zone(&app, "America/New_York").await;
    let first_day = OverrideLogFilter {
        from: "2026-11-23".into(),
        to: "2026-11-23".into(),
        ..no_filter()
    };
    let log = read_log(&app, &auditor, first_day, 0).await.ok();
    assert_eq!(log.total, 1);
    assert_eq!(log.entries[0].reason, "First disclosure at intake");
    let from_25th = OverrideLogFilter {
        from: "2026-11-25".into(),
        ..no_filter()
    };
    let log = read_log(&app, &auditor, from_25th, 0).await.ok();
    assert_eq!(log.total, 1);
    assert_eq!(log.entries[0].reason, "Second disclosure at intake");
    let wildcard = OverrideLogFilter {
        person: "%".into(),
        ..no_filter()
    };
    assert_eq!(
        read_log(&app, &auditor, wildcard, 0).await.ok().total,
        0,
        "% is a character, not a wildcard"
    );
}

#[tokio::test]
async fn a_bad_date_or_a_backwards_range_is_a_message_at_its_field() {
    let app = spawn_app().await;
    let (auditor, _) = app.signed_in(Account::auditor()).await;
    let bad = OverrideLogFilter {
        from: "25/11/2026".into(),
        ..no_filter()
    };
    let answer = read_log(&app, &auditor, bad, 0).await;
    assert_eq!(answer.status, 422, "{answer:?}");
    let AppError::Invalid { fields } = answer.err() else {
        panic!("not a field error")
    };
    assert_eq!(fields[0].field, "from");
    assert!(fields[0].message.contains("YYYY-MM-DD"), "{fields:?}");

    let backwards = OverrideLogFilter {
        from: "2026-11-25".into(),
        to: "2026-11-01".into(),
        ..no_filter()
    };
    let answer = read_log(&app, &auditor, backwards, 0).await;
    assert_eq!(answer.status, 422, "{answer:?}");
    let AppError::Invalid { fields } = answer.err() else {
        panic!("not a field error")
    };
    assert_eq!(fields[0].field, "to");
}

/// Writes `count` overrides straight into the log, one minute apart.
async fn many_overrides(app: &TestApp, client: ClientId, count: i64) {
    let (person,): (i64,) = sqlx::query_as("SELECT MIN(id) FROM personnel")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    for n in 0..count {
        sqlx::query(
            "INSERT INTO overrides (personnel_id, record_kind, record_id, reason, granted_at, expires_at) \
             VALUES ($1, 'client', $2, $3, $4, $5)",
        )
        .bind(person)
        .bind(client.0)
        .bind(format!("Reason number {n:02}"))
        .bind(START + n * 60)
        .bind(START + n * 60 + 900)
        .execute(&app.pool)
        .await
        .unwrap();
    }
}

#[tokio::test]
async fn the_log_comes_a_page_of_twenty_five_at_a_time() {
    let app = spawn_app().await;
    let (auditor, auditor_id) = app.signed_in(Account::auditor()).await;
    let client = add_client(&app, "Jess", "Leigh", auditor_id).await;
    many_overrides(&app, client, 30).await;

    let first = read_log(&app, &auditor, no_filter(), 0).await.ok();
    assert_eq!((first.total, first.entries.len()), (30, 25));
    assert_eq!(first.entries[0].reason, "Reason number 29", "newest first");
    let second = read_log(&app, &auditor, no_filter(), 1).await.ok();
    assert_eq!((second.total, second.entries.len()), (30, 5));
    assert_eq!(second.entries[4].reason, "Reason number 00");
    let past = read_log(&app, &auditor, no_filter(), 5).await.ok();
    assert_eq!((past.total, past.entries.len()), (30, 0));
}

#[tokio::test]
async fn the_csv_export_holds_the_filtered_entries_and_no_formulas() {
    let app = spawn_app().await;
    an_override(
        &app,
        "casey@agency.example",
        "Leigh",
        "=HYPERLINK(\"x\"), said \"help\"",
    )
    .await;
    an_override(
        &app,
        "dana@agency.example",
        "Moana",
        "Second disclosure at intake",
    )
    .await;
    let (auditor, _) = app.signed_in(Account::auditor()).await;

    let by_person = OverrideLogFilter {
        person: "casey".into(),
        ..no_filter()
    };
    let csv = app
        .ask(&auditor, ExportOverrideLog { filter: by_person })
        .await
        .ok();
    let csv = csv.as_str();
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(str::to_owned).collect();
    assert_eq!(header[0], "When (UTC)");
    assert_eq!(header[5], "Reason");
    assert_eq!((header[6].as_str(), header[7].as_str()), ("Ends (UTC)", "Status"));
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 1, "only the filtered entry: {csv}");
    assert_eq!(&rows[0][2], "casey@agency.example");
    assert!(
        rows[0][4].ends_with("(restricted)"),
        "the CSV names no record the auditor may not open: {csv}"
    );
    assert_eq!(
        &rows[0][5], "'=HYPERLINK(\"x\"), said \"help\"",
        "commas and quotes survive; a formula stays text"
    );
    assert_eq!(
        (&rows[0][0], &rows[0][6], &rows[0][7]),
        (
            "2026-11-24T00:00:00+00:00",
            "2026-11-24T00:15:00+00:00",
            "running"
        ),
        "UTC in ISO 8601 with the offset, whatever the agency's zone, and whether it still runs"
    );
    assert_eq!(&rows[0][8], "", "no link to a record the auditor may not open");
}

#[tokio::test]
async fn the_database_refuses_to_change_or_delete_an_entry() {
    let app = spawn_app().await;
    an_override(
        &app,
        "casey@agency.example",
        "Leigh",
        "Disclosure at the front desk",
    )
    .await;
    let changed = sqlx::query("UPDATE overrides SET reason = 'nothing happened'")
        .execute(&app.pool)
        .await;
    assert!(changed.is_err(), "an update is refused");
    let deleted = sqlx::query("DELETE FROM overrides").execute(&app.pool).await;
    assert!(deleted.is_err(), "a delete is refused");
    let (reason,): (String,) = sqlx::query_as("SELECT reason FROM overrides")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(reason, "Disclosure at the front desk");
}
