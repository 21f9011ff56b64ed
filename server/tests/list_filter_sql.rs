//! The rulebook's list filter, turned into SQL, returns exactly the clients
//! and the session records that `policy::decide` allows, no more and no
//! fewer, and the "Restricted" filter exactly those it denies but lets
//! override: random small worlds written into a real database with the
//! project's migrations. On SQLite each world gets a database of its own, in
//! memory. On PostgreSQL (when `SAFEHOLD_TEST_POSTGRES` is set:
//! `shared/test_database.rs`) the run gets one throwaway database, migrated
//! once and emptied before each world: creating and migrating a database
//! per world took three times as long as checking the world. Each random client is also written as a session
//! record with the same organization, rules and overrides (sessions have no
//! lock, allowed personnel or responsible personnel).
//!
//! The worlds are big enough to page (up to 120 clients, with names, dates
//! and titles from small sets so that texts match many and sort keys tie):
//! every page of the client search and the session list, read forwards and
//! then backwards by their links, joined, equals what `decide` allows among
//! the records the text (and "mine") selects, in the list's order, and the
//! capped count equals the exact one. 1,000 worlds by default
//! (`PROPTEST_CASES` changes it).

use std::collections::BTreeSet;
use std::sync::LazyLock;

use app::asking::Asking;
use app::case_folding::fold;
use app::clients::search::{ClientQuery, search};
use app::paging::{Count, PageFrom};
use app::records::filter_sql::{RecordTable, push_condition};
use app::records::restricted_entries;
use app::sessions::listing;
use app::store::{Engine, Pool};
use policy::*;
use proptest::prelude::*;
use sqlx::QueryBuilder;
use sqlx::any::AnyPoolOptions;

#[path = "shared/test_database.rs"]
mod test_database;

const PEOPLE: i64 = 10;
const TEAMS: i64 = 4;
const NOW: Timestamp = Timestamp(1_800_000_000);

static RUNTIME: LazyLock<tokio::runtime::Runtime> = LazyLock::new(|| {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
});

#[derive(Debug, Clone)]
struct World {
    people: Vec<Subject>,
    clients: Vec<Protection>,
    /// Per client: first name, last name, identifier, date of birth; and
    /// the title and date of the session record it is also written as.
    details: Vec<Details>,
    /// The search's text, and whether "my clients" only.
    text: &'static str,
    mine: bool,
    defaults: [Vec<AccessRule>; 2],
    settings: SiteSettings,
}

fn rule() -> impl Strategy<Value = AccessRule> {
    let subject = prop_oneof![
        (0..PEOPLE).prop_map(|p| RuleSubject::Personnel(PersonnelId(p + 1))),
        (0..TEAMS).prop_map(|t| RuleSubject::Team(TeamId(t + 1))),
    ];
    (subject, any::<bool>()).prop_map(|(subject, grant)| AccessRule {
        subject,
        effect: if grant {
            RuleEffect::Grant
        } else {
            RuleEffect::Deny
        },
    })
}

/// At most one rule per subject, as the database enforces.
fn one_per_subject(rules: Vec<AccessRule>) -> Vec<AccessRule> {
    let mut seen = BTreeSet::new();
    rules.into_iter().filter(|r| seen.insert(r.subject)).collect()
}

fn person() -> impl Strategy<Value = (u8, bool, Vec<bool>, i64, BTreeSet<i64>)> {
    (
        0u8..10,
        prop::bool::weighted(0.1),
        prop::collection::vec(prop::bool::weighted(0.8), Permission::ALL.len()),
        1i64..=2,
        prop::collection::btree_set(1..=TEAMS, 0..3),
    )
}

fn client() -> impl Strategy<Value = Protection> {
    (
        1i64..=2,
        prop::option::of(1..=PEOPLE),
        any::<bool>(),
        prop::collection::btree_set(1..=PEOPLE, 0..3),
        prop::collection::vec(rule(), 0..4),
        prop::collection::vec((1..=PEOPLE, -2i64..2), 0..3),
    )
        .prop_map(
            |(organization, responsible, locked, allowed, rules, overrides)| Protection {
                kind: RecordKind::Client,
                organization: OrganizationId(organization),
                responsible: responsible.map(PersonnelId),
                locked,
                allowed_personnel: allowed.into_iter().map(PersonnelId).collect(),
                rules: one_per_subject(rules),
                organization_default_rules: vec![],
                overrides: overrides
                    .into_iter()
                    .map(|(p, offset)| {
                        Override::starting(PersonnelId(p), NOW.plus_seconds(offset - OVERRIDE_SECONDS))
                    })
                    .collect(),
            },
        )
}

#[derive(Debug, Clone)]
struct Details {
    first: &'static str,
    last: &'static str,
    identifier: String,
    born: Option<&'static str>,
    title: &'static str,
    held_on: &'static str,
}

const FIRST_NAMES: &[&str] = &["Ann", "Anna", "Ben", "Āta", "bea"];
const LAST_NAMES: &[&str] = &["Anders", "Bell", "bell", "Ōtaki", "Ng"];
const BIRTH_DATES: &[&str] = &["2015-03-09", "2001-12-31"];
const TITLES: &[&str] = &["Anger group", "Whānau hui", "Parenting", "BELL ringing"];
const DATES: &[&str] = &["2026-11-20", "2026-11-21", "2026-10-01"];
const TEXTS: &[&str] = &[
    "",
    "",
    "",
    "a",
    "an",
    "ANN",
    "b",
    "bell",
    "ā",
    "ō",
    "Ann b",
    "an  be",
    "id-1",
    "2015-03-09",
    "ng",
    "hui",
    "ing",
    "z",
];

fn details() -> impl Strategy<Value = Details> {
    (
        prop::sample::select(FIRST_NAMES),
        prop::sample::select(LAST_NAMES),
        0u32..40,
        prop::option::of(prop::sample::select(BIRTH_DATES)),
        prop::sample::select(TITLES),
        prop::sample::select(DATES),
    )
        .prop_map(|(first, last, n, born, title, held_on)| Details {
            first,
            last,
            identifier: format!("ID-{n}"),
            born,
            title,
            held_on,
        })
}

fn world() -> impl Strategy<Value = World> {
    (
        prop::collection::vec(person(), PEOPLE as usize),
        prop::collection::vec((client(), details()), 1..120),
        prop::collection::vec(rule(), 0..3),
        prop::collection::vec(rule(), 0..3),
        any::<bool>(),
        (prop::sample::select(TEXTS), prop::bool::weighted(0.2)),
    )
        .prop_map(
            |(people, clients, first, second, responsible_mode, (text, mine))| {
                let (mut clients, details): (Vec<Protection>, Vec<Details>) = clients.into_iter().unzip();
                let defaults = [one_per_subject(first), one_per_subject(second)];
                for client in &mut clients {
                    client.organization_default_rules =
                        defaults[(client.organization.0 - 1) as usize].clone();
                }
                let people = people
                    .into_iter()
                    .enumerate()
                    .map(
                        |(i, (status, site_administrator, bits, organization, teams))| Subject {
                            id: PersonnelId(i as i64 + 1),
                            organization: OrganizationId(organization),
                            status: match status {
                                0 => PersonnelStatus::Inactive,
                                1 => PersonnelStatus::Pending,
                                _ => PersonnelStatus::Active,
                            },
                            site_administrator,
                            permissions: Permission::ALL
                                .into_iter()
                                .zip(bits)
                                .filter(|(_, on)| *on)
                                .map(|(p, _)| p)
                                .collect(),
                            teams: teams.into_iter().map(TeamId).collect(),
                            must_change_password: false,
                        },
                    )
                    .collect();
                let client_visibility = if responsible_mode {
                    ClientVisibility::ResponsibleUser
                } else {
                    ClientVisibility::AllUsers
                };
                World {
                    people,
                    clients,
                    details,
                    text,
                    mine,
                    defaults,
                    settings: SiteSettings {
                        client_visibility,
                        ..SiteSettings::default()
                    },
                }
            },
        )
}

fn subject_columns(subject: RuleSubject) -> (Option<i64>, Option<i64>) {
    match subject {
        RuleSubject::Personnel(p) => (Some(p.0), None),
        RuleSubject::Team(t) => (None, Some(t.0)),
    }
}

/// A record's own rules and the overrides held on it, for `record_kind`
/// 'client' or 'session_record'.
async fn write_rules_and_overrides(pool: &Pool, record_kind: RecordKind, id: i64, record: &Protection) {
    for rule in &record.rules {
        let (personnel, team) = subject_columns(rule.subject);
        sqlx::query(
            "INSERT INTO access_rules (record_kind, record_id, personnel_id, team_id, effect) \
             VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(record_kind.code())
        .bind(id)
        .bind(personnel)
        .bind(team)
        .bind(rule.effect.code())
        .execute(pool)
        .await
        .unwrap();
    }
    for o in &record.overrides {
        sqlx::query(
            "INSERT INTO overrides (personnel_id, record_kind, record_id, reason, granted_at, expires_at) \
             VALUES ($1, $2, $3, 'a good reason', $4, $5)",
        )
        .bind(o.personnel.0)
        .bind(record_kind.code())
        .bind(id)
        .bind(o.granted_at.0)
        .bind(o.expires_at.0)
        .execute(pool)
        .await
        .unwrap();
    }
}

async fn write(pool: &Pool, world: &World) {
    for (id, name) in [(1, "Home"), (2, "Elsewhere")] {
        sqlx::query("INSERT INTO organizations (id, name) VALUES ($1, $2)")
            .bind(id)
            .bind(name)
            .execute(pool)
            .await
            .unwrap();
    }
    sqlx::query("INSERT INTO roles (id, name) VALUES (1, 'Any')")
        .execute(pool)
        .await
        .unwrap();
    for person in &world.people {
        sqlx::query(
            "INSERT INTO personnel (id, organization_id, name, email, role_id, status, password_hash, created_at) \
             VALUES ($1, $2, 'P', $3, 1, 'Active', 'x', 0)",
        )
        .bind(person.id.0)
        .bind(person.organization.0)
        .bind(format!("p{}@x.example", person.id.0))
        .execute(pool)
        .await
        .unwrap();
    }
    for team in 1..=TEAMS {
        sqlx::query("INSERT INTO teams (id, organization_id, name) VALUES ($1, 1, $2)")
            .bind(team)
            .bind(format!("T{team}"))
            .execute(pool)
            .await
            .unwrap();
    }
    for (organization, rules) in world.defaults.iter().enumerate() {
        for rule in rules {
            let (personnel, team) = subject_columns(rule.subject);
            sqlx::query("INSERT INTO default_rules (organization_id, personnel_id, team_id, effect) VALUES ($1, $2, $3, $4)")
                .bind(organization as i64 + 1)
                .bind(personnel)
                .bind(team)
                .bind(rule.effect.code())
                .execute(pool)
                .await
                .unwrap();
        }
    }
    for (i, (client, details)) in world.clients.iter().zip(&world.details).enumerate() {
        let id = i as i64 + 1;
        sqlx::query(
            "INSERT INTO clients (id, organization_id, first_name, last_name, identifier, date_of_birth, \
                                  first_name_folded, last_name_folded, identifier_folded, \
                                  responsible_personnel_id, created_by, locked, created_at) \
             VALUES ($1, $2, $5, $6, $7, $8, $9, $10, $11, $3, 1, $4, 0)",
        )
        .bind(id)
        .bind(client.organization.0)
        .bind(client.responsible.map(|p| p.0))
        .bind(client.locked)
        .bind(details.first)
        .bind(details.last)
        .bind(&details.identifier)
        .bind(details.born)
        .bind(fold(details.first))
        .bind(fold(details.last))
        .bind(fold(&details.identifier))
        .execute(pool)
        .await
        .unwrap();
        for allowed in &client.allowed_personnel {
            sqlx::query("INSERT INTO client_allowed_personnel (client_id, personnel_id) VALUES ($1, $2)")
                .bind(id)
                .bind(allowed.0)
                .execute(pool)
                .await
                .unwrap();
        }
        write_rules_and_overrides(pool, RecordKind::Client, id, client).await;
    }
}

/// The session record that client `client` is also written as.
fn as_session(client: &Protection) -> Protection {
    Protection {
        kind: RecordKind::SessionRecord,
        responsible: None,
        locked: false,
        allowed_personnel: vec![],
        ..client.clone()
    }
}

async fn write_sessions(pool: &Pool, world: &World) {
    for (i, (session, details)) in world
        .clients
        .iter()
        .map(as_session)
        .zip(&world.details)
        .enumerate()
    {
        let id = i as i64 + 1;
        sqlx::query(
            "INSERT INTO session_records (id, organization_id, title, held_on, title_folded, created_by, created_at) \
             VALUES ($1, $2, $3, $4, $5, 1, 0)",
        )
        .bind(id)
        .bind(session.organization.0)
        .bind(details.title)
        .bind(details.held_on)
        .bind(fold(details.title))
        .execute(pool)
        .await
        .unwrap();
        write_rules_and_overrides(pool, RecordKind::SessionRecord, id, &session).await;
    }
}

/// The ids of the records `decide` lets `subject` view, and of those it
/// denies but lets them override.
fn decided(
    subject: &Subject,
    records: &[Protection],
    settings: &SiteSettings,
) -> (BTreeSet<i64>, BTreeSet<i64>) {
    let decisions: Vec<(i64, Decision)> = records
        .iter()
        .enumerate()
        .map(|(i, r)| {
            (
                i as i64 + 1,
                decide(subject, RecordAction::View, r, settings, NOW),
            )
        })
        .collect();
    let allowed = decisions
        .iter()
        .filter(|(_, d)| d.is_allowed())
        .map(|(id, _)| *id)
        .collect();
    let restricted = decisions
        .iter()
        .filter(|(_, d)| !d.is_allowed() && d.can_override)
        .map(|(id, _)| *id)
        .collect();
    (allowed, restricted)
}

async fn ids_where(pool: &Pool, condition: &Condition) -> BTreeSet<i64> {
    let mut query = QueryBuilder::new("SELECT c.id FROM clients c WHERE ");
    push_condition(&mut query, RecordTable::CLIENTS, condition);
    let rows: Vec<(i64,)> = app::store::numbered::query_as(&mut query)
        .fetch_all(pool)
        .await
        .unwrap();
    rows.into_iter().map(|(id,)| id).collect()
}

/// Does the search's `text` select this client (name or identifier prefix,
/// "first last", or the exact date of birth; `name_only` for "Restricted"
/// entries)? Written from the search's description, not from its SQL.
fn text_selects_client(text: &str, d: &Details, name_only: bool) -> bool {
    let text = text.trim();
    if text.is_empty() {
        return true;
    }
    let t = fold(text);
    let (first, last) = (fold(d.first), fold(d.last));
    let full = t
        .split_once(char::is_whitespace)
        .is_some_and(|(f, l)| first.starts_with(f) && last.starts_with(l.trim_start()));
    let name = last.starts_with(&t) || first.starts_with(&t) || full;
    name || (!name_only && (fold(&d.identifier).starts_with(&t) || d.born == Some(text)))
}

/// Does `text` select this session? Any part of the title, or its date;
/// for "Restricted" entries (`title_only`) only the start of a word of the
/// title.
fn text_selects_session(text: &str, d: &Details, title_only: bool) -> bool {
    let text = text.trim();
    if text.is_empty() {
        return true;
    }
    let (title, t) = (fold(d.title), fold(text));
    if title_only {
        title.starts_with(&t) || title.contains(&format!(" {t}"))
    } else {
        title.contains(&t) || d.held_on == text
    }
}

/// Client ids in the search's order: folded last name, first name, id.
fn client_order(world: &World, ids: impl IntoIterator<Item = i64>) -> Vec<i64> {
    let mut ids: Vec<i64> = ids.into_iter().collect();
    ids.sort_by_key(|id| {
        let d = &world.details[(*id - 1) as usize];
        (fold(d.last), fold(d.first), *id)
    });
    ids
}

/// Session ids in the list's order: newest date first, then highest id.
fn session_order(world: &World, ids: impl IntoIterator<Item = i64>) -> Vec<i64> {
    let mut ids: Vec<i64> = ids.into_iter().collect();
    ids.sort_by_key(|id| std::cmp::Reverse((world.details[(*id - 1) as usize].held_on, *id)));
    ids
}

fn exact(n: usize) -> Count {
    Count {
        counted: n as u32,
        more: false,
    }
}

/// Every page of a keyed list, read forwards from the start by "Next" and
/// then backwards from the last page by "Previous": the ids of the pages,
/// joined, both ways, and what the first page says.
async fn every_page<P, Fut>(
    mut page: impl FnMut(PageFrom) -> Fut,
    parts: impl Fn(&P) -> (Vec<i64>, Option<String>, Option<String>),
) -> (Vec<i64>, Vec<i64>, P)
where
    Fut: std::future::Future<Output = P>,
{
    let first = page(PageFrom::Start).await;
    let (mut forwards, earlier, mut later) = parts(&first);
    assert_eq!(earlier, None, "nothing comes before the first page");
    let mut last_page = forwards.clone();
    let mut last_earlier = None;
    let mut pages = 1;
    while let Some(cursor) = later {
        let next = page(PageFrom::After(cursor)).await;
        let (ids, earlier, after) = parts(&next);
        assert!(!ids.is_empty(), "a page that \"Next\" leads to is never empty");
        assert!(earlier.is_some(), "a page after another links back");
        forwards.extend(&ids);
        last_page = ids;
        last_earlier = earlier;
        later = after;
        pages += 1;
        assert!(pages < 100, "paging ends");
    }
    let mut backwards = last_page;
    let mut earlier = last_earlier;
    while let Some(cursor) = earlier {
        let previous = page(PageFrom::Before(cursor)).await;
        let (mut ids, before, _) = parts(&previous);
        ids.extend(backwards);
        backwards = ids;
        earlier = before;
    }
    (forwards, backwards, first)
}

/// The run's PostgreSQL database, migrated; none on SQLite.
async fn run_database() -> Option<test_database::TestDatabase> {
    if test_database::engine() != Engine::Postgres {
        return None;
    }
    Some(test_database::migrated().await)
}

/// An empty, migrated database for one world: a new one in memory on SQLite
/// (one connection, since each would have a memory of its own); the run's
/// database on PostgreSQL, every table emptied. `DELETE` in replica mode
/// (no foreign-key checks, no triggers, so the append-only logs empty too)
/// takes a few milliseconds where `TRUNCATE` took 130. The worlds give
/// their records, people and teams explicit ids; the rules' and overrides'
/// ids only order them.
async fn fresh_database(run: Option<&test_database::TestDatabase>) -> Pool {
    match run {
        None => {
            sqlx::any::install_default_drivers();
            let pool = AnyPoolOptions::new()
                .max_connections(1)
                .connect("sqlite::memory:")
                .await
                .unwrap();
            app::store::migrator(&pool).run(&pool).await.unwrap();
            pool
        }
        Some(database) => {
            let tables: Vec<(String,)> = sqlx::query_as(
                "SELECT CAST(tablename AS TEXT) FROM pg_tables WHERE schemaname = 'public' \
                 AND tablename NOT IN ('_sqlx_migrations', 'site_settings', 'site_secrets') ORDER BY tablename",
            )
            .fetch_all(&database.pool)
            .await
            .unwrap();
            let tables: Vec<String> = tables.into_iter().map(|(table,)| table).collect();
            let deletes: String = tables
                .iter()
                .map(|table| format!("DELETE FROM {table}; "))
                .collect();
            sqlx::raw_sql(sqlx::AssertSqlSafe(format!(
                "BEGIN; SET LOCAL session_replication_role = replica; {deletes}COMMIT;"
            )))
            .execute(&database.pool)
            .await
            .unwrap();
            database.pool.clone()
        }
    }
}

async fn check(run: Option<&test_database::TestDatabase>, world: World) -> Result<(), TestCaseError> {
    let pool = fresh_database(run).await;
    write(&pool, &world).await;
    write_sessions(&pool, &world).await;
    let sessions: Vec<Protection> = world.clients.iter().map(as_session).collect();
    let text = world.text;
    for subject in &world.people {
        // The session list answers what `decide` answers for each session,
        // among those the text selects, page by page.
        let (allowed_sessions, restricted_sessions) = decided(subject, &sessions, &world.settings);
        let wanted = session_order(
            &world,
            allowed_sessions
                .iter()
                .copied()
                .filter(|id| text_selects_session(text, &world.details[(*id - 1) as usize], false)),
        );
        let (forwards, backwards, first) = every_page(
            |from| {
                let pool = &pool;
                let settings = &world.settings;
                async move {
                    listing::list(
                        pool,
                        Asking {
                            subject,
                            settings,
                            now: NOW,
                        },
                        text,
                        &from,
                    )
                    .await
                    .unwrap()
                }
            },
            |page| {
                (
                    page.sessions.iter().map(|s| s.id.0).collect(),
                    page.links.earlier.clone(),
                    page.links.later.clone(),
                )
            },
        )
        .await;
        prop_assert_eq!(&forwards, &wanted, "the sessions of {:?} for {:?}", subject, text);
        prop_assert_eq!(
            &backwards,
            &wanted,
            "the sessions of {:?} read backwards",
            subject
        );
        prop_assert_eq!(first.count, exact(wanted.len()));
        let bare = session_order(&world, first.restricted.iter().map(|s| s.id.0));
        let wanted_bare: Vec<i64> = session_order(
            &world,
            restricted_sessions
                .iter()
                .copied()
                .filter(|id| text_selects_session(text, &world.details[(*id - 1) as usize], true)),
        )
        .into_iter()
        // Restricted entries come only for a typed text of two characters.
        // Two typed characters, as the README promises (not the constant, so
        // that a change to it fails here).
        .filter(|_| text.trim().chars().count() >= 2)
        .take(restricted_entries::LIMIT)
        .collect();
        prop_assert_eq!(&bare, &wanted_bare, "the restricted sessions of {:?}", subject);

        let (allowed, restricted) = decided(subject, &world.clients, &world.settings);
        let visible = ids_where(
            &pool,
            &list_filter(subject, RecordKind::Client, &world.settings, NOW),
        )
        .await;
        prop_assert_eq!(&visible, &allowed, "visible clients of {:?}", subject);
        let overridable = ids_where(
            &pool,
            &overridable_filter(subject, RecordKind::Client, &world.settings, NOW),
        )
        .await;
        prop_assert_eq!(&overridable, &restricted, "restricted entries of {:?}", subject);

        // The search itself (text, "mine", paging, count, "Restricted"
        // entries) answers the same.
        let selected = |id: &i64, name_only: bool| {
            let client = &world.clients[(*id - 1) as usize];
            text_selects_client(text, &world.details[(*id - 1) as usize], name_only)
                && (!world.mine || client.responsible == Some(subject.id))
        };
        let wanted = client_order(&world, allowed.iter().copied().filter(|id| selected(id, false)));
        let (forwards, backwards, first) = every_page(
            |from| {
                let pool = &pool;
                let settings = &world.settings;
                let mine = world.mine;
                async move {
                    let query = ClientQuery {
                        text,
                        mine,
                        from: &from,
                    };
                    search(
                        pool,
                        Asking {
                            subject,
                            settings,
                            now: NOW,
                        },
                        query,
                    )
                    .await
                    .unwrap()
                }
            },
            |page| {
                (
                    page.clients.iter().map(|c| c.id.0).collect(),
                    page.links.earlier.clone(),
                    page.links.later.clone(),
                )
            },
        )
        .await;
        prop_assert_eq!(&forwards, &wanted, "the search of {:?} for {:?}", subject, text);
        prop_assert_eq!(&backwards, &wanted, "the search of {:?} read backwards", subject);
        prop_assert_eq!(first.count, exact(wanted.len()));
        let bare: Vec<i64> = first.restricted.iter().map(|c| c.id.0).collect();
        let wanted_bare: Vec<i64> =
            client_order(&world, restricted.iter().copied().filter(|id| selected(id, true)))
                .into_iter()
                // Two typed characters, as the README promises (not the constant, so
                // that a change to it fails here).
                .filter(|_| text.trim().chars().count() >= 2)
                .take(restricted_entries::LIMIT)
                .collect();
        prop_assert_eq!(
            &bare,
            &wanted_bare,
            "the search's restricted entries of {:?}",
            subject
        );
    }
    Ok(())
}

fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(1_000)
}

/// Written out instead of with `proptest!`, so that the run's database is
/// made once before the worlds and dropped after them.
#[test]
fn the_sql_lists_return_exactly_the_clients_and_sessions_the_rulebook_allows() {
    let config = ProptestConfig {
        cases: cases(),
        source_file: Some(file!()),
        ..ProptestConfig::default()
    };
    let run = RUNTIME.block_on(run_database());
    let mut runner = proptest::test_runner::TestRunner::new(config);
    let outcome = runner.run(&world(), |world| RUNTIME.block_on(check(run.as_ref(), world)));
    drop(run);
    if let Err(failure) = outcome {
        panic!("{failure}");
    }
}
