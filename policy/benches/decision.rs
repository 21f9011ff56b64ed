//! The rulebook's speed (README, "Performance"): a subject in 10 teams against a record
//! with 50 rules and 20 allowed personnel. Targets: a view decision under
//! 1 µs median, building the list filter under 5 µs.
//!
//! Run: `cargo bench -p policy --bench decision`

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use policy::*;

const NOW: Timestamp = Timestamp(1_800_000_000);

fn subject() -> Subject {
    Subject {
        id: PersonnelId(5_000),
        organization: OrganizationId(1),
        status: PersonnelStatus::Active,
        site_administrator: false,
        permissions: PermissionSet::all(),
        teams: (0..10).map(|t| TeamId(t * 7)).collect(),
        must_change_password: false,
    }
}

/// 50 rules (none naming the subject; 25 on teams the subject is not in,
/// 25 on other people), 20 allowed personnel (the subject last when
/// `on_list`), 10 organization default rules, 5 expired overrides.
fn record(locked: bool, on_list: bool) -> Protection {
    let mut record = Protection::new(RecordKind::Client, OrganizationId(1));
    record.locked = locked;
    record.allowed_personnel = (0..19).map(PersonnelId).collect();
    record.allowed_personnel.push(if on_list {
        PersonnelId(5_000)
    } else {
        PersonnelId(19)
    });
    record.rules = (0..50)
        .map(|i| {
            let subject = if i % 2 == 0 {
                RuleSubject::Team(TeamId(1_000 + i))
            } else {
                RuleSubject::Personnel(PersonnelId(i))
            };
            if i % 3 == 0 {
                AccessRule::deny(subject)
            } else {
                AccessRule::grant(subject)
            }
        })
        .collect();
    record.organization_default_rules = (0..10)
        .map(|i| AccessRule::grant(RuleSubject::Team(TeamId(2_000 + i))))
        .collect();
    record.overrides = (0..5)
        .map(|i| Override::starting(PersonnelId(5_000), NOW.plus_seconds(-3_600 - i)))
        .collect();
    record
}

fn benches(c: &mut Criterion) {
    let subject = subject();
    let settings = SiteSettings {
        client_visibility: ClientVisibility::ResponsibleUser,
        ..SiteSettings::default()
    };
    let mut group = c.benchmark_group("view decision");
    for (name, record) in [
        ("no rule applies (all 13 steps)", record(false, false)),
        ("locked, on the allowed personnel", record(true, true)),
        ("locked, not on the allowed personnel", record(true, false)),
    ] {
        group.bench_function(name, |b| {
            b.iter(|| {
                decide(
                    black_box(&subject),
                    RecordAction::View,
                    black_box(&record),
                    &settings,
                    NOW,
                )
            })
        });
    }
    group.finish();

    let mut group = c.benchmark_group("build filter");
    group.bench_function("list filter", |b| {
        b.iter(|| list_filter(black_box(&subject), RecordKind::Client, &settings, NOW))
    });
    group.bench_function("overridable filter", |b| {
        b.iter(|| overridable_filter(black_box(&subject), RecordKind::Client, &settings, NOW))
    });
    group.finish();

    let filter = list_filter(&subject, RecordKind::Client, &settings, NOW);
    let record = record(false, false);
    c.bench_function("evaluate list filter in memory", |b| {
        b.iter(|| black_box(&filter).holds(black_box(&record)))
    });
}

criterion_group!(decision, benches);
criterion_main!(decision);
