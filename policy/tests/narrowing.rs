//! The list filter's narrowing (`Condition::narrowing`): the few records
//! linked to the person that a list may start from. The property test in
//! `properties.rs` checks that it never drops a record the filter keeps;
//! these check when it exists.

mod support;

use policy::*;
use support::*;

fn responsible_user_mode() -> SiteSettings {
    SiteSettings {
        client_visibility: ClientVisibility::ResponsibleUser,
        ..SiteSettings::default()
    }
}

#[test]
fn under_visible_to_responsible_user_a_case_managers_client_list_narrows_to_records_linked_to_them() {
    let filter = list_filter(&caseworker(), RecordKind::Client, &responsible_user_mode(), NOW);
    // Nobody has organization default rules.
    let terms = filter
        .with_default_rules(&[])
        .narrowing()
        .expect("the list narrows");
    assert!(terms.contains(&Condition::ResponsibleIs(ME)), "{terms:?}");
    assert!(
        terms.contains(&Condition::AllowedPersonnelIncludes(ME)),
        "{terms:?}"
    );
}

#[test]
fn an_organization_default_grant_to_ones_team_widens_the_list_beyond_narrowing() {
    let me = in_teams(caseworker(), &[INTAKE_TEAM]);
    let filter = list_filter(&me, RecordKind::Client, &responsible_user_mode(), NOW);
    let defaults = [(HOME, AccessRule::grant(RuleSubject::Team(INTAKE_TEAM)))];
    assert_eq!(filter.with_default_rules(&defaults).narrowing(), None);
}

#[test]
fn under_visible_to_all_users_the_client_list_does_not_narrow() {
    let filter = list_filter(&caseworker(), RecordKind::Client, &SiteSettings::default(), NOW);
    assert_eq!(filter.narrowing(), None);
}

#[test]
fn a_site_administrators_list_does_not_narrow() {
    let filter = list_filter(
        &site_administrator(),
        RecordKind::Client,
        &responsible_user_mode(),
        NOW,
    );
    assert_eq!(filter.narrowing(), None);
}

#[test]
fn a_list_that_shows_nothing_narrows_to_nothing() {
    assert_eq!(Condition::Never.narrowing(), Some(Vec::new()));
}

#[test]
fn my_clients_only_narrows_to_the_clients_one_is_responsible_for() {
    let visible = list_filter(&caseworker(), RecordKind::Client, &SiteSettings::default(), NOW);
    let mine = Condition::all(vec![visible, Condition::ResponsibleIs(ME)]);
    assert_eq!(mine.narrowing(), Some(vec![Condition::ResponsibleIs(ME)]));
}
