//! One test per step of the spec's table "May personnel P view or edit
//! record R at time `now`?", each showing that the step applies and that the
//! step above it wins where both apply. Every `view_reason` call also checks
//! that the list filters agree with the decision.

mod support;

use policy::*;
use support::*;

fn allows(reason: Reason) -> bool {
    reason.effect() == Effect::Allow
}

#[test]
fn step_1_account_not_active_denies_inactive_and_pending_personnel() {
    for status in [PersonnelStatus::Inactive, PersonnelStatus::Pending] {
        let subject = Subject {
            status,
            ..caseworker()
        };
        let decision = view(&subject, &client());
        assert_eq!(decision.reason, Reason::AccountNotActive);
        assert!(!decision.is_allowed());
        assert!(!decision.can_override);
        assert_eq!(decision.reason.step().number(), 1);
        assert_eq!(
            view_reason(&subject, &client(), &all_users()),
            Reason::AccountNotActive
        );
    }
}

#[test]
fn step_1_beats_step_2_an_inactive_site_administrator_is_denied() {
    let subject = Subject {
        status: PersonnelStatus::Inactive,
        ..site_administrator()
    };
    assert_eq!(
        view_reason(&subject, &client(), &all_users()),
        Reason::AccountNotActive
    );
}

#[test]
fn step_2_site_administrator_is_allowed_whatever_the_record_says() {
    let admin = site_administrator();
    let mut record = with_rule(locked_with(client(), &[OTHER]), deny_me());
    record.organization = ELSEWHERE;
    for settings in [all_users(), responsible_user()] {
        assert_eq!(view_reason(&admin, &record, &settings), Reason::SiteAdministrator);
    }
    assert!(edit(&admin, &record).is_allowed());
    assert_eq!(Reason::SiteAdministrator.step().number(), 2);
}

#[test]
fn step_2_beats_step_3_a_site_administrator_needs_no_permission() {
    let admin = site_administrator();
    assert!(admin.permissions.iter().next().is_none());
    assert_eq!(
        view_reason(&admin, &session_record(), &all_users()),
        Reason::SiteAdministrator
    );
}

#[test]
fn step_3_missing_permission_denies_and_cannot_be_overridden() {
    let subject = with(
        without(caseworker(), Permission::ViewClients),
        Permission::OverrideAccess,
    );
    let decision = view(&subject, &client());
    assert_eq!(
        decision.reason,
        Reason::MissingPermission(Permission::ViewClients)
    );
    assert!(!decision.can_override);
    let no_sessions = without(caseworker(), Permission::ViewSessions);
    assert_eq!(
        view_reason(&no_sessions, &session_record(), &all_users()),
        Reason::MissingPermission(Permission::ViewSessions)
    );
    assert!(
        view(&no_sessions, &client()).is_allowed(),
        "sessions permission does not matter for clients"
    );
}

#[test]
fn step_3_editing_needs_the_edit_permission_and_the_view_permission() {
    let reader = without(caseworker(), Permission::EditClients);
    assert!(
        view(&reader, &client()).is_allowed(),
        "a reader sees the client read-only"
    );
    assert_eq!(
        edit(&reader, &client()).reason,
        Reason::MissingPermission(Permission::EditClients)
    );
    let blind_editor = without(caseworker(), Permission::ViewClients);
    assert_eq!(
        edit(&blind_editor, &client()).reason,
        Reason::MissingPermission(Permission::ViewClients)
    );
    let session_reader = without(caseworker(), Permission::EditSessions);
    assert_eq!(
        edit(&session_reader, &session_record()).reason,
        Reason::MissingPermission(Permission::EditSessions)
    );
}

#[test]
fn step_3_beats_step_5_an_override_does_not_replace_a_missing_permission() {
    let subject = without(caseworker(), Permission::ViewClients);
    let record = with_override(client(), ME, NOW.plus_seconds(60));
    assert_eq!(
        view(&subject, &record).reason,
        Reason::MissingPermission(Permission::ViewClients)
    );
}

#[test]
fn step_3_beats_step_4_a_missing_permission_is_the_reason_before_a_deny_by_name() {
    let record = with_rule(client(), deny_me());
    let decision = view(&without(caseworker(), Permission::ViewClients), &record);
    assert_eq!(
        decision.reason,
        Reason::MissingPermission(Permission::ViewClients)
    );
    assert_eq!(decision.reason.step().number(), 3);
}

#[test]
fn step_4_denied_to_you_by_name_on_the_record() {
    let subject = with(caseworker(), Permission::OverrideAccess);
    let record = with_rule(client(), deny_me());
    let decision = view(&subject, &record);
    assert_eq!(
        decision.reason,
        Reason::DeniedByName {
            source: RuleSource::Record
        }
    );
    assert!(
        !decision.can_override,
        "seed 003: a person denied by name cannot use override access"
    );
    assert_eq!(decision.reason.to_string(), "Denied to you by name.");
    assert_eq!(decision.reason.step().number(), 4);
}

#[test]
fn step_4_denied_to_you_by_name_by_an_organization_default_rule() {
    let record = with_default(client(), deny_me());
    assert_eq!(
        view_reason(&caseworker(), &record, &all_users()),
        Reason::DeniedByName {
            source: RuleSource::OrganizationDefault
        }
    );
}

#[test]
fn step_4_beats_step_5_a_user_deny_beats_an_override() {
    let record = with_override(with_rule(client(), deny_me()), ME, NOW.plus_seconds(600));
    assert_eq!(
        view_reason(&caseworker(), &record, &all_users()),
        Reason::DeniedByName {
            source: RuleSource::Record
        }
    );
}

#[test]
fn step_4_beats_step_7_a_default_deny_by_name_beats_a_record_grant_by_name() {
    let record = with_default(with_rule(client(), grant_me()), deny_me());
    assert_eq!(
        view_reason(&caseworker(), &record, &all_users()),
        Reason::DeniedByName {
            source: RuleSource::OrganizationDefault
        }
    );
}

#[test]
fn step_5_override_allows_until_it_expires() {
    let expires = NOW.plus_seconds(OVERRIDE_SECONDS);
    let record = with_override(locked_with(client(), &[OTHER]), ME, expires);
    assert_eq!(
        view_reason(&caseworker(), &record, &all_users()),
        Reason::Override { until: expires }
    );
    assert!(
        edit(&caseworker(), &record).is_allowed(),
        "an override opens the record for editing too"
    );
    let last_second = decide(
        &caseworker(),
        RecordAction::View,
        &record,
        &all_users(),
        expires.plus_seconds(-1),
    );
    assert_eq!(last_second.reason, Reason::Override { until: expires });
    let at_expiry = decide(&caseworker(), RecordAction::View, &record, &all_users(), expires);
    assert_eq!(
        at_expiry.reason,
        Reason::Locked,
        "at the instant it expires the override no longer counts"
    );
}

#[test]
fn step_5_an_override_does_not_count_before_it_is_granted() {
    let mut record = locked_with(client(), &[OTHER]);
    record.overrides.push(Override::starting(ME, NOW.plus_seconds(1)));
    assert_eq!(view_reason(&caseworker(), &record, &all_users()), Reason::Locked);
}

#[test]
fn step_5_someone_elses_override_does_not_count() {
    let record = with_override(locked_with(client(), &[OTHER]), COLLEAGUE, NOW.plus_seconds(600));
    assert_eq!(view_reason(&caseworker(), &record, &all_users()), Reason::Locked);
}

#[test]
fn step_5_beats_step_6_an_override_opens_a_locked_client() {
    let record = with_override(locked_with(client(), &[OTHER]), ME, NOW.plus_seconds(60));
    assert!(matches!(
        view_reason(&caseworker(), &record, &all_users()),
        Reason::Override { .. }
    ));
}

#[test]
fn step_6_a_locked_client_is_open_to_its_allowed_personnel() {
    let record = locked_with(client(), &[ME, OTHER]);
    let reason = view_reason(&caseworker(), &record, &all_users());
    assert_eq!(reason, Reason::AllowedPersonnel);
    assert_eq!(reason.to_string(), "Allowed personnel.");
    assert_eq!(reason.step().number(), 6);
}

#[test]
fn step_6_a_locked_client_is_closed_to_everyone_else_and_overridable() {
    let record = locked_with(client(), &[OTHER]);
    assert_eq!(view_reason(&caseworker(), &record, &all_users()), Reason::Locked);
    assert!(
        !view(&caseworker(), &record).can_override,
        "without the permission, no override"
    );
    assert!(view(&with(caseworker(), Permission::OverrideAccess), &record).can_override);
}

#[test]
fn step_6_allowed_personnel_only_matters_while_the_client_is_locked() {
    let record = Protection {
        allowed_personnel: vec![OTHER],
        ..client()
    };
    assert_eq!(
        view_reason(&caseworker(), &record, &all_users()),
        Reason::VisibleToAllUsers
    );
}

#[test]
fn step_6_beats_step_7_a_lock_beats_a_user_grant() {
    let record = with_rule(locked_with(client(), &[OTHER]), grant_me());
    assert_eq!(view_reason(&caseworker(), &record, &all_users()), Reason::Locked);
}

#[test]
fn step_6_beats_step_8_allowed_personnel_beats_a_team_deny() {
    let me = in_teams(caseworker(), &[INTAKE_TEAM]);
    let record = with_rule(locked_with(client(), &[ME]), deny_team(INTAKE_TEAM));
    assert_eq!(view_reason(&me, &record, &all_users()), Reason::AllowedPersonnel);
}

#[test]
fn step_7_granted_to_you_by_name() {
    let mut record = with_rule(client(), grant_me());
    record.organization = ELSEWHERE;
    let reason = view_reason(&caseworker(), &record, &all_users());
    assert_eq!(
        reason,
        Reason::GrantedByName {
            source: RuleSource::Record
        }
    );
    assert_eq!(reason.step().number(), 7);
}

#[test]
fn step_7_beats_step_8_a_user_grant_beats_a_team_deny() {
    let me = in_teams(caseworker(), &[INTAKE_TEAM]);
    let record = with_rule(with_rule(client(), deny_team(INTAKE_TEAM)), grant_me());
    assert_eq!(
        view_reason(&me, &record, &all_users()),
        Reason::GrantedByName {
            source: RuleSource::Record
        }
    );
}

#[test]
fn step_8_denied_to_a_team_you_belong_to() {
    let me = with(
        in_teams(caseworker(), &[INTAKE_TEAM, NIGHT_TEAM]),
        Permission::OverrideAccess,
    );
    let record = with_rule(client(), deny_team(NIGHT_TEAM));
    let decision = view(&me, &record);
    assert_eq!(
        decision.reason,
        Reason::DeniedToTeam {
            team: NIGHT_TEAM,
            source: RuleSource::Record
        }
    );
    assert!(decision.can_override);
    assert_eq!(decision.reason.step().number(), 8);
    assert_eq!(
        view_reason(&caseworker(), &record, &all_users()),
        Reason::VisibleToAllUsers,
        "not in that team"
    );
}

#[test]
fn step_8_beats_step_9_a_team_deny_beats_a_team_grant() {
    let me = in_teams(caseworker(), &[INTAKE_TEAM, NIGHT_TEAM]);
    let record = with_rule(
        with_rule(client(), grant_team(INTAKE_TEAM)),
        deny_team(NIGHT_TEAM),
    );
    assert_eq!(
        view_reason(&me, &record, &all_users()),
        Reason::DeniedToTeam {
            team: NIGHT_TEAM,
            source: RuleSource::Record
        }
    );
}

#[test]
fn step_9_granted_to_a_team_you_belong_to() {
    let me = in_teams(caseworker(), &[INTAKE_TEAM]);
    let mut record = with_rule(client(), grant_team(INTAKE_TEAM));
    record.organization = ELSEWHERE;
    let reason = view_reason(&me, &record, &all_users());
    assert_eq!(
        reason,
        Reason::GrantedToTeam {
            team: INTAKE_TEAM,
            source: RuleSource::Record
        }
    );
    assert_eq!(reason.step().number(), 9);
}

#[test]
fn step_9_beats_step_10_record_rules_beat_organization_defaults() {
    let me = in_teams(caseworker(), &[INTAKE_TEAM]);
    let record = with_default(
        with_rule(client(), grant_team(INTAKE_TEAM)),
        deny_team(INTAKE_TEAM),
    );
    assert_eq!(
        view_reason(&me, &record, &all_users()),
        Reason::GrantedToTeam {
            team: INTAKE_TEAM,
            source: RuleSource::Record
        }
    );
    let denied_here = with_default(with_rule(client(), deny_team(INTAKE_TEAM)), grant_me());
    assert_eq!(
        view_reason(&me, &denied_here, &all_users()),
        Reason::DeniedToTeam {
            team: INTAKE_TEAM,
            source: RuleSource::Record
        },
        "a record's team deny beats a default grant by name"
    );
}

#[test]
fn step_10_organization_default_rules_apply_as_steps_7_8_and_9() {
    let me = in_teams(caseworker(), &[INTAKE_TEAM, NIGHT_TEAM]);
    let mut record = with_default(client(), grant_team(INTAKE_TEAM));
    record.organization = ELSEWHERE;
    assert_eq!(
        view_reason(&me, &record, &all_users()),
        Reason::GrantedToTeam {
            team: INTAKE_TEAM,
            source: RuleSource::OrganizationDefault
        }
    );
    let record = with_default(record, deny_team(NIGHT_TEAM));
    let denied = view_reason(&me, &record, &all_users());
    assert_eq!(
        denied,
        Reason::DeniedToTeam {
            team: NIGHT_TEAM,
            source: RuleSource::OrganizationDefault
        }
    );
    assert_eq!(denied.step().number(), 10);
    let record = with_default(record, grant_me());
    assert_eq!(
        view_reason(&me, &record, &all_users()),
        Reason::GrantedByName {
            source: RuleSource::OrganizationDefault
        },
        "a default grant by name beats a default team deny"
    );
}

#[test]
fn step_10_beats_step_11_a_default_grant_opens_a_record_of_another_organization() {
    let mut record = with_default(client(), grant_me());
    record.organization = ELSEWHERE;
    assert!(allows(view_reason(&caseworker(), &record, &all_users())));
}

#[test]
fn step_11_another_organization_denies_and_is_overridable() {
    let mut record = client();
    record.organization = ELSEWHERE;
    let reason = view_reason(&caseworker(), &record, &all_users());
    assert_eq!(reason, Reason::AnotherOrganization);
    assert_eq!(reason.step().number(), 11);
    assert!(view(&with(caseworker(), Permission::OverrideAccess), &record).can_override);
}

#[test]
fn step_11_beats_step_12_another_organization_comes_before_responsibility() {
    let mut record = client();
    record.organization = ELSEWHERE;
    record.responsible = Some(ME);
    assert_eq!(
        view_reason(&caseworker(), &record, &responsible_user()),
        Reason::AnotherOrganization
    );
}

#[test]
fn step_12_visible_to_responsible_user_hides_other_peoples_clients() {
    let mut record = client();
    record.responsible = Some(OTHER);
    let reason = view_reason(&caseworker(), &record, &responsible_user());
    assert_eq!(reason, Reason::NotResponsible);
    assert_eq!(reason.step().number(), 12);
    record.responsible = None;
    assert_eq!(
        view_reason(&caseworker(), &record, &responsible_user()),
        Reason::NotResponsible
    );
    record.responsible = Some(ME);
    assert_eq!(
        view_reason(&caseworker(), &record, &responsible_user()),
        Reason::VisibleToAllUsers
    );
}

#[test]
fn step_12_applies_to_clients_only_and_only_in_responsible_user_mode() {
    assert_eq!(
        view_reason(&caseworker(), &session_record(), &responsible_user()),
        Reason::VisibleToAllUsers
    );
    let record = Protection {
        responsible: Some(OTHER),
        ..client()
    };
    assert_eq!(
        view_reason(&caseworker(), &record, &all_users()),
        Reason::VisibleToAllUsers
    );
}

#[test]
fn step_9_beats_step_12_a_team_grant_opens_a_client_one_is_not_responsible_for() {
    let me = in_teams(caseworker(), &[INTAKE_TEAM]);
    let record = with_rule(
        Protection {
            responsible: Some(OTHER),
            ..client()
        },
        grant_team(INTAKE_TEAM),
    );
    assert_eq!(
        view_reason(&me, &record, &responsible_user()),
        Reason::GrantedToTeam {
            team: INTAKE_TEAM,
            source: RuleSource::Record
        }
    );
}

#[test]
fn step_13_otherwise_visible_to_all_users() {
    let reason = view_reason(&caseworker(), &client(), &all_users());
    assert_eq!(reason, Reason::VisibleToAllUsers);
    assert_eq!(reason.step().number(), 13);
    assert_eq!(
        view_reason(&caseworker(), &session_record(), &all_users()),
        Reason::VisibleToAllUsers
    );
}

#[test]
fn session_records_follow_the_same_rules_but_have_no_lock() {
    let me = in_teams(caseworker(), &[INTAKE_TEAM]);
    let record = with_rule(session_record(), deny_team(INTAKE_TEAM));
    assert_eq!(
        view_reason(&me, &record, &all_users()),
        Reason::DeniedToTeam {
            team: INTAKE_TEAM,
            source: RuleSource::Record
        }
    );
    let odd = locked_with(session_record(), &[OTHER]);
    assert_eq!(
        view_reason(&caseworker(), &odd, &all_users()),
        Reason::VisibleToAllUsers
    );
}

#[test]
fn can_override_needs_the_override_access_permission_and_an_overridable_denial() {
    let holder = with(caseworker(), Permission::OverrideAccess);
    let locked = locked_with(client(), &[OTHER]);
    assert!(view(&holder, &locked).can_override);
    assert!(!view(&caseworker(), &locked).can_override);
    assert!(
        !view(&holder, &client()).can_override,
        "nothing to override when allowed"
    );
    assert!(!view(&holder, &with_rule(locked, deny_me())).can_override);
}
