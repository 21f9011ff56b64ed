//! The rulebook's list filter, turned into SQL, returns exactly the clients
//! and the session records that `policy::decide` allows, no more and no
//! fewer, and the "Restricted" filter exactly those it denies but lets
//! override: random small worlds written into a real SQLite database with
//! the project's migrations. Each random client is also written as a session
//! record with the same organization, rules and overrides (sessions have no
//! lock, allowed personnel or responsible personnel).

use std::collections::BTreeSet;
use std::sync::LazyLock;

use app::clients::search::{ClientQuery, search};
use app::records::filter_sql::{RecordTable, push_condition};
use app::sessions::listing;
use app::store::{MIGRATOR, Pool};
use policy::*;
use proptest::prelude::*;
use sqlx::QueryBuilder;
use sqlx::sqlite::SqlitePoolOptions;

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

fn world() -> impl Strategy<Value = World> {
    (
        prop::collection::vec(person(), PEOPLE as usize),
        prop::collection::vec(client(), 1..10),
        prop::collection::vec(rule(), 0..3),
        prop::collection::vec(rule(), 0..3),
        any::<bool>(),
    )
        .prop_map(|(people, mut clients, first, second, responsible_mode)| {
            let defaults = [one_per_subject(first), one_per_subject(second)];
            for client in &mut clients {
                client.organization_default_rules = defaults[(client.organization.0 - 1) as usize].clone();
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
                defaults,
                settings: SiteSettings {
                    client_visibility,
                    ..SiteSettings::default()
                },
            }
        })
}

fn effect_key(effect: RuleEffect) -> &'static str {
    if effect == RuleEffect::Grant {
        "grant"
    } else {
        "deny"
    }
}

fn subject_columns(subject: RuleSubject) -> (Option<i64>, Option<i64>) {
    match subject {
        RuleSubject::Personnel(p) => (Some(p.0), None),
        RuleSubject::Team(t) => (None, Some(t.0)),
    }
}

/// A record's own rules and the overrides held on it, for `record_kind`
/// 'client' or 'session_record'.
async fn write_rules_and_overrides(pool: &Pool, record_kind: &str, id: i64, record: &Protection) {
    for rule in &record.rules {
        let (personnel, team) = subject_columns(rule.subject);
        sqlx::query(
            "INSERT INTO access_rules (record_kind, record_id, personnel_id, team_id, effect) \
             VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(record_kind)
        .bind(id)
        .bind(personnel)
        .bind(team)
        .bind(effect_key(rule.effect))
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
        .bind(record_kind)
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
                .bind(effect_key(rule.effect))
                .execute(pool)
                .await
                .unwrap();
        }
    }
    for (i, client) in world.clients.iter().enumerate() {
        let id = i as i64 + 1;
        sqlx::query(
            "INSERT INTO clients (id, organization_id, first_name, last_name, responsible_personnel_id, created_by, \
                                  locked, created_at) VALUES ($1, $2, 'C', 'C', $3, 1, $4, 0)",
        )
        .bind(id)
        .bind(client.organization.0)
        .bind(client.responsible.map(|p| p.0))
        .bind(client.locked)
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
        write_rules_and_overrides(pool, "client", id, client).await;
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
    for (i, session) in world.clients.iter().map(as_session).enumerate() {
        let id = i as i64 + 1;
        sqlx::query(
            "INSERT INTO session_records (id, organization_id, title, held_on, created_by, created_at) \
             VALUES ($1, $2, 'S', '2026-11-20', 1, 0)",
        )
        .bind(id)
        .bind(session.organization.0)
        .execute(pool)
        .await
        .unwrap();
        write_rules_and_overrides(pool, "session_record", id, &session).await;
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
    let rows: Vec<(i64,)> = query.build_query_as().fetch_all(pool).await.unwrap();
    rows.into_iter().map(|(id,)| id).collect()
}

async fn check(world: World) -> Result<(), TestCaseError> {
    let pool = SqlitePoolOptions::new()
        .max_connections(1)
        .connect("sqlite::memory:")
        .await
        .unwrap();
    MIGRATOR.run(&pool).await.unwrap();
    write(&pool, &world).await;
    write_sessions(&pool, &world).await;
    let sessions: Vec<Protection> = world.clients.iter().map(as_session).collect();
    for subject in &world.people {
        // The session list answers what `decide` answers for each session.
        let (allowed_sessions, restricted_sessions) = decided(subject, &sessions, &world.settings);
        let listed = listing::list(&pool, subject, &world.settings, NOW, "", 0)
            .await
            .unwrap();
        let shown: BTreeSet<i64> = listed.sessions.iter().map(|s| s.id.0).collect();
        prop_assert_eq!(&shown, &allowed_sessions, "the sessions of {:?}", subject);
        prop_assert_eq!(listed.total, allowed_sessions.len() as i64);
        let bare: BTreeSet<i64> = listed.restricted.iter().map(|s| s.id.0).collect();
        prop_assert_eq!(
            &bare,
            &restricted_sessions,
            "the restricted sessions of {:?}",
            subject
        );

        let decisions: Vec<(i64, Decision)> = world
            .clients
            .iter()
            .enumerate()
            .map(|(i, c)| {
                (
                    i as i64 + 1,
                    decide(subject, RecordAction::View, c, &world.settings, NOW),
                )
            })
            .collect();
        let allowed: BTreeSet<i64> = decisions
            .iter()
            .filter(|(_, d)| d.is_allowed())
            .map(|(id, _)| *id)
            .collect();
        let restricted: BTreeSet<i64> = decisions
            .iter()
            .filter(|(_, d)| !d.is_allowed() && d.can_override)
            .map(|(id, _)| *id)
            .collect();
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

        // The search itself (text, paging, count, "Restricted" entries)
        // answers the same.
        let everything = ClientQuery {
            text: "",
            mine: false,
            page: 0,
        };
        let found = search(&pool, subject, &world.settings, NOW, everything)
            .await
            .unwrap();
        let shown: BTreeSet<i64> = found.clients.iter().map(|c| c.id.0).collect();
        prop_assert_eq!(&shown, &allowed, "the search of {:?}", subject);
        prop_assert_eq!(found.total, allowed.len() as i64);
        let bare: BTreeSet<i64> = found.restricted.iter().map(|c| c.id.0).collect();
        prop_assert_eq!(
            &bare,
            &restricted,
            "the search's restricted entries of {:?}",
            subject
        );
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn the_sql_lists_return_exactly_the_clients_and_sessions_the_rulebook_allows(world in world()) {
        RUNTIME.block_on(check(world))?;
    }
}
