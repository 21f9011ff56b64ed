//! Property tests over random worlds: at least 200 personnel in up to 20
//! teams and 3 organizations, a dozen or so clients and session records with
//! locks, allowed personnel, rules, organization default rules and
//! overrides. Each case checks every (personnel, record) pair of its world.
//!
//! Five properties × 2,000 worlds = 10,000 cases, each checking about
//! 2,500 pairs.

use policy::invariants;
use policy::*;
use proptest::prelude::*;

const PERSONNEL: usize = 200;
const TEAMS: i64 = 20;
const ORGANIZATIONS: i64 = 3;
const NOW: Timestamp = Timestamp(1_800_000_000);
const CASES: u32 = 2_000;

#[derive(Debug, Clone)]
struct World {
    personnel: Vec<Subject>,
    records: Vec<Protection>,
    settings: SiteSettings,
    /// Rules to add, for the monotonicity property.
    extra_rules: Vec<AccessRule>,
    /// Expiry instants to try, for the override property.
    expiries: Vec<Timestamp>,
}

fn permission_set() -> impl Strategy<Value = PermissionSet> {
    // Each permission with probability 3/4, so most roles can view.
    prop::collection::vec(prop::bool::weighted(0.75), Permission::ALL.len()).prop_map(|bits| {
        Permission::ALL
            .into_iter()
            .zip(bits)
            .filter(|(_, on)| *on)
            .map(|(p, _)| p)
            .collect()
    })
}

fn status() -> impl Strategy<Value = PersonnelStatus> {
    prop_oneof![
        8 => Just(PersonnelStatus::Active),
        1 => Just(PersonnelStatus::Inactive),
        1 => Just(PersonnelStatus::Pending),
    ]
}

fn person(
    roles: Vec<PermissionSet>,
) -> impl Strategy<Value = (PersonnelStatus, bool, PermissionSet, i64, Vec<TeamId>)> {
    (
        status(),
        prop::bool::weighted(0.03),
        prop::sample::select(roles),
        1..=ORGANIZATIONS,
        prop::collection::btree_set(0..TEAMS, 0..4),
    )
        .prop_map(|(status, admin, permissions, organization, teams)| {
            (
                status,
                admin,
                permissions,
                organization,
                teams.into_iter().map(TeamId).collect(),
            )
        })
}

fn rule_subject() -> impl Strategy<Value = RuleSubject> {
    prop_oneof![
        (0..PERSONNEL as i64).prop_map(|p| RuleSubject::Personnel(PersonnelId(p))),
        (0..TEAMS).prop_map(|t| RuleSubject::Team(TeamId(t))),
    ]
}

fn rule() -> impl Strategy<Value = AccessRule> {
    (rule_subject(), prop::bool::ANY).prop_map(|(subject, grant)| AccessRule {
        subject,
        effect: if grant {
            RuleEffect::Grant
        } else {
            RuleEffect::Deny
        },
    })
}

fn personnel_id() -> impl Strategy<Value = PersonnelId> {
    (0..PERSONNEL as i64).prop_map(PersonnelId)
}

/// Seconds from `now` to an override's expiry: often exactly on the
/// boundary, so that the filters are checked at the instant of expiry.
fn expiry_offset() -> impl Strategy<Value = i64> {
    prop_oneof![2 => -1_200i64..1_200, 1 => -1i64..=1]
}

fn protection() -> impl Strategy<Value = Protection> {
    (
        prop::bool::weighted(0.8),
        1..=ORGANIZATIONS,
        prop::option::of(personnel_id()),
        prop::bool::weighted(0.3),
        prop::collection::btree_set(personnel_id(), 0..5),
        prop::collection::vec(rule(), 0..8),
        prop::collection::vec((personnel_id(), expiry_offset()), 0..6),
    )
        .prop_map(
            |(client, organization, responsible, locked, allowed, rules, overrides)| Protection {
                kind: if client {
                    RecordKind::Client
                } else {
                    RecordKind::SessionRecord
                },
                organization: OrganizationId(organization),
                responsible: responsible.filter(|_| client),
                locked: locked && client,
                allowed_personnel: if client {
                    allowed.into_iter().collect()
                } else {
                    vec![]
                },
                rules,
                organization_default_rules: vec![],
                overrides: overrides
                    .into_iter()
                    .map(|(personnel, offset)| Override {
                        personnel,
                        granted_at: NOW.plus_seconds(offset - OVERRIDE_SECONDS),
                        expires_at: NOW.plus_seconds(offset),
                    })
                    .collect(),
            },
        )
}

fn world() -> impl Strategy<Value = World> {
    prop::collection::vec(permission_set(), 4)
        .prop_flat_map(|roles| {
            (
                prop::collection::vec(person(roles), PERSONNEL..PERSONNEL + 40),
                prop::collection::vec(protection(), 8..16),
                prop::collection::vec(prop::collection::vec(rule(), 0..4), ORGANIZATIONS as usize),
                prop::bool::ANY,
                prop::bool::ANY,
                prop::collection::vec(rule(), 1..4),
                prop::collection::vec(-3i64..3, 1..3),
            )
        })
        .prop_map(
            |(people, mut records, defaults, responsible_mode, assign, extra_rules, expiries)| {
                let personnel = people
                    .into_iter()
                    .enumerate()
                    .map(
                        |(i, (status, site_administrator, permissions, organization, teams))| Subject {
                            id: PersonnelId(i as i64),
                            organization: OrganizationId(organization),
                            status,
                            site_administrator,
                            permissions,
                            teams,
                            must_change_password: false,
                        },
                    )
                    .collect();
                for record in &mut records {
                    record.organization_default_rules =
                        defaults[(record.organization.0 - 1) as usize].clone();
                }
                let client_visibility = if responsible_mode {
                    ClientVisibility::ResponsibleUser
                } else {
                    ClientVisibility::AllUsers
                };
                World {
                    personnel,
                    records,
                    settings: SiteSettings {
                        client_visibility,
                        assign_new_clients_to_creator: assign,
                    },
                    extra_rules,
                    expiries: expiries.into_iter().map(|d| NOW.plus_seconds(d)).collect(),
                }
            },
        )
}

fn config() -> ProptestConfig {
    ProptestConfig {
        cases: CASES,
        ..ProptestConfig::default()
    }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn the_list_filter_agrees_with_the_decision_on_every_record(world in world()) {
        for subject in &world.personnel {
            for kind in [RecordKind::Client, RecordKind::SessionRecord] {
                let visible = list_filter(subject, kind, &world.settings, NOW);
                let restricted = overridable_filter(subject, kind, &world.settings, NOW);
                for record in world.records.iter().filter(|r| r.kind == kind) {
                    let decision = decide(subject, RecordAction::View, record, &world.settings, NOW);
                    prop_assert_eq!(visible.holds(record), decision.is_allowed(), "{:?} {:?}", subject, record);
                    prop_assert_eq!(
                        restricted.holds(record),
                        !decision.is_allowed() && decision.can_override,
                        "{:?} {:?}", subject, record
                    );
                }
            }
        }
    }

    #[test]
    fn with_the_default_rules_known_a_list_filter_answers_the_same_and_its_narrowing_holds_wherever_it_does(world in world()) {
        for subject in &world.personnel {
            for kind in [RecordKind::Client, RecordKind::SessionRecord] {
                for filter in [
                    list_filter(subject, kind, &world.settings, NOW),
                    overridable_filter(subject, kind, &world.settings, NOW),
                ] {
                    for record in world.records.iter().filter(|r| r.kind == kind) {
                        // What the list queries do: the default rules of the
                        // record's organization substituted, then narrowed.
                        let defaults: Vec<_> = record
                            .organization_default_rules
                            .iter()
                            .map(|rule| (record.organization, *rule))
                            .collect();
                        let resolved = filter.with_default_rules(&defaults);
                        prop_assert_eq!(resolved.holds(record), filter.holds(record), "{:?} {:?}", resolved, record);
                        let Some(terms) = resolved.narrowing() else { continue };
                        let narrowing = Condition::any(terms);
                        if filter.holds(record) {
                            prop_assert!(narrowing.holds(record), "{:?} {:?} {:?}", resolved, narrowing, record);
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn inactive_and_pending_personnel_are_never_allowed_anything(world in world()) {
        for subject in &world.personnel {
            for record in &world.records {
                invariants::inactive_never_allowed(subject, record, &world.settings, NOW)
                    .map_err(TestCaseError::fail)?;
            }
        }
    }

    #[test]
    fn nobody_denied_by_name_is_allowed_unless_a_site_administrator(world in world()) {
        for subject in &world.personnel {
            for record in &world.records {
                invariants::denied_by_name_never_allowed(subject, record, &world.settings, NOW)
                    .map_err(TestCaseError::fail)?;
            }
        }
    }

    #[test]
    fn adding_a_grant_never_removes_access_and_adding_a_deny_never_adds_it(world in world()) {
        for subject in &world.personnel {
            for record in &world.records {
                for rule in &world.extra_rules {
                    invariants::rules_are_monotonic(subject, record, &world.settings, NOW, *rule)
                        .map_err(TestCaseError::fail)?;
                }
            }
        }
    }

    #[test]
    fn an_override_counts_until_the_instant_it_expires_and_not_after(world in world()) {
        for subject in &world.personnel {
            for record in &world.records {
                for expires_at in &world.expiries {
                    let held = Override::starting(subject.id, expires_at.plus_seconds(-OVERRIDE_SECONDS));
                    invariants::override_counts_until_expiry(subject, record, &world.settings, held)
                        .map_err(TestCaseError::fail)?;
                }
            }
        }
    }
}

/// The worlds are what the module says they are: no property above passes
/// by testing nothing.
#[test]
fn generated_worlds_have_200_personnel_and_every_kind_of_protection() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;
    let mut runner = TestRunner::deterministic();
    let (mut locked, mut overrides, mut defaults, mut denied_by_name, mut allowed) = (0, 0, 0, 0, 0);
    for _ in 0..50 {
        let world = world().new_tree(&mut runner).unwrap().current();
        assert!(world.personnel.len() >= 200);
        for record in &world.records {
            locked += record.locked as usize;
            overrides += record.overrides.len();
            defaults += record.organization_default_rules.len();
            for subject in &world.personnel {
                denied_by_name += invariants::denied_by_name(subject, record) as usize;
                allowed +=
                    decide(subject, RecordAction::View, record, &world.settings, NOW).is_allowed() as usize;
            }
        }
    }
    assert!(locked > 0 && overrides > 0 && defaults > 0 && denied_by_name > 0 && allowed > 0);
}
