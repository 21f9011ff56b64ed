//! Fuzzes the decision function with arbitrary subjects and records and
//! checks the rulebook's invariants (`policy::invariants`): the filters
//! agree with the decision, inactive personnel are never allowed, nobody
//! denied by name is allowed, grants and denies are monotonic, overrides
//! end at their expiry.
//!
//! Run: `cd policy/fuzz && RUSTC_BOOTSTRAP=1 cargo fuzz run decision`

#![no_main]

use arbitrary::{Arbitrary, Unstructured};
use libfuzzer_sys::fuzz_target;
use policy::*;

/// Small id spaces, so that rules, lists and overrides often name the
/// subject and the subject's teams.
fn personnel(u: &mut Unstructured<'_>) -> arbitrary::Result<PersonnelId> {
    Ok(PersonnelId(u.int_in_range(0..=7)?))
}

fn team(u: &mut Unstructured<'_>) -> arbitrary::Result<TeamId> {
    Ok(TeamId(u.int_in_range(0..=5)?))
}

fn organization(u: &mut Unstructured<'_>) -> arbitrary::Result<OrganizationId> {
    Ok(OrganizationId(u.int_in_range(1..=2)?))
}

fn timestamp(u: &mut Unstructured<'_>) -> arbitrary::Result<Timestamp> {
    Ok(Timestamp(1_000_000 + i64::from(u.int_in_range(-2_000i16..=2_000)?)))
}

fn rule(u: &mut Unstructured<'_>) -> arbitrary::Result<AccessRule> {
    let subject = if bool::arbitrary(u)? {
        RuleSubject::Personnel(personnel(u)?)
    } else {
        RuleSubject::Team(team(u)?)
    };
    let effect = if bool::arbitrary(u)? { RuleEffect::Grant } else { RuleEffect::Deny };
    Ok(AccessRule { subject, effect })
}

fn rules(u: &mut Unstructured<'_>) -> arbitrary::Result<Vec<AccessRule>> {
    let count = u.int_in_range(0..=6)?;
    (0..count).map(|_| rule(u)).collect()
}

fn a_override(u: &mut Unstructured<'_>) -> arbitrary::Result<Override> {
    Ok(Override::starting(personnel(u)?, timestamp(u)?))
}

fn subject(u: &mut Unstructured<'_>) -> arbitrary::Result<Subject> {
    let status = *u.choose(&PersonnelStatus::ALL)?;
    let permissions = Permission::ALL.into_iter().filter(|_| u.ratio(3, 4).unwrap_or(false)).collect();
    let mut teams: Vec<TeamId> = (0..u.int_in_range(0..=3)?).map(|_| team(u)).collect::<Result<_, _>>()?;
    teams.sort();
    teams.dedup();
    Ok(Subject {
        id: personnel(u)?,
        organization: organization(u)?,
        status,
        site_administrator: u.ratio(1, 16)?,
        permissions,
        teams,
        must_change_password: false,
    })
}

fn protection(u: &mut Unstructured<'_>) -> arbitrary::Result<Protection> {
    let kind = if u.ratio(4, 5)? { RecordKind::Client } else { RecordKind::SessionRecord };
    let mut record = Protection::new(kind, organization(u)?);
    record.responsible = if bool::arbitrary(u)? { Some(personnel(u)?) } else { None };
    record.locked = bool::arbitrary(u)?;
    record.allowed_personnel = (0..u.int_in_range(0..=4)?).map(|_| personnel(u)).collect::<Result<_, _>>()?;
    record.rules = rules(u)?;
    record.organization_default_rules = rules(u)?;
    record.overrides = (0..u.int_in_range(0..=3)?).map(|_| a_override(u)).collect::<Result<_, _>>()?;
    Ok(record)
}

fn check(u: &mut Unstructured<'_>) -> arbitrary::Result<()> {
    let subject = subject(u)?;
    let record = protection(u)?;
    let settings = SiteSettings {
        client_visibility: if bool::arbitrary(u)? {
            ClientVisibility::ResponsibleUser
        } else {
            ClientVisibility::AllUsers
        },
        assign_new_clients_to_creator: bool::arbitrary(u)?,
    };
    let now = timestamp(u)?;
    let extra_rule = rule(u)?;
    let held = a_override(u)?;
    if let Err(violation) = invariants::check_all(&subject, &record, &settings, now, extra_rule, held) {
        panic!("{violation}");
    }
    Ok(())
}

fuzz_target!(|data: &[u8]| {
    let _ = check(&mut Unstructured::new(data));
});
