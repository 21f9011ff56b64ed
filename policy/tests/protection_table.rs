//! One test per row of the spec's table "Changing a record's protection",
//! plus the administration rows and the creation of a new client.

mod support;

use policy::*;
use support::*;

fn change(
    subject: &Subject,
    record: &Protection,
    change: ProtectionChange<'_>,
) -> Result<(), ProtectionRefusal> {
    may_change_protection(subject, record, &all_users(), NOW, change)
}

fn active(id: PersonnelId) -> Candidate {
    Candidate {
        id,
        status: PersonnelStatus::Active,
    }
}

const LOCK: ProtectionChange<'static> = ProtectionChange::Lock { confirmed: true };
const UNLOCK: ProtectionChange<'static> = ProtectionChange::Unlock { confirmed: true };

#[test]
fn lock_a_client_needs_the_permission_and_a_client_one_may_view() {
    let record = Protection {
        allowed_personnel: vec![OTHER],
        ..client()
    };
    assert_eq!(change(&caseworker(), &record, LOCK), Ok(()));
    assert_eq!(
        change(&without(caseworker(), Permission::LockClients), &record, LOCK),
        Err(ProtectionRefusal::MissingPermission(Permission::LockClients))
    );
    let hidden = Protection {
        organization: ELSEWHERE,
        ..record
    };
    assert_eq!(
        change(&caseworker(), &hidden, LOCK),
        Err(ProtectionRefusal::CannotView(Reason::AnotherOrganization))
    );
}

#[test]
fn lock_a_client_is_refused_when_the_allowed_personnel_list_is_empty() {
    let refusal = change(&caseworker(), &client(), LOCK).unwrap_err();
    assert_eq!(refusal, ProtectionRefusal::NoAllowedPersonnel);
    assert_eq!(
        refusal.to_string(),
        "For a client profile to be locked at least one personnel must be listed in the allowed section."
    );
}

#[test]
fn lock_a_client_is_refused_when_the_user_did_not_confirm() {
    let record = Protection {
        allowed_personnel: vec![ME],
        ..client()
    };
    assert_eq!(
        change(
            &caseworker(),
            &record,
            ProtectionChange::Lock { confirmed: false }
        ),
        Err(ProtectionRefusal::NotConfirmed)
    );
}

#[test]
fn lock_is_for_clients_only_and_not_twice() {
    let session = Protection {
        allowed_personnel: vec![ME],
        ..session_record()
    };
    assert_eq!(
        change(&caseworker(), &session, LOCK),
        Err(ProtectionRefusal::NotAClient)
    );
    let locked = locked_with(client(), &[ME]);
    assert_eq!(
        change(&caseworker(), &locked, LOCK),
        Err(ProtectionRefusal::AlreadyLocked)
    );
}

#[test]
fn unlock_a_client_needs_the_permission_a_view_and_a_confirmation() {
    let locked = locked_with(client(), &[ME]);
    assert_eq!(change(&caseworker(), &locked, UNLOCK), Ok(()));
    assert_eq!(
        change(&without(caseworker(), Permission::LockClients), &locked, UNLOCK),
        Err(ProtectionRefusal::MissingPermission(Permission::LockClients))
    );
    let not_mine = locked_with(client(), &[OTHER]);
    assert_eq!(
        change(&caseworker(), &not_mine, UNLOCK),
        Err(ProtectionRefusal::CannotView(Reason::Locked))
    );
    assert_eq!(
        change(
            &caseworker(),
            &locked,
            ProtectionChange::Unlock { confirmed: false }
        ),
        Err(ProtectionRefusal::NotConfirmed)
    );
    assert_eq!(
        change(&caseworker(), &client(), UNLOCK),
        Err(ProtectionRefusal::NotLocked)
    );
}

#[test]
fn add_allowed_personnel_needs_the_permission_and_a_client_one_may_view() {
    let add = ProtectionChange::AddAllowedPersonnel {
        person: active(OTHER),
    };
    assert_eq!(change(&caseworker(), &client(), add), Ok(()));
    assert_eq!(
        change(
            &without(caseworker(), Permission::ManageAllowedPersonnel),
            &client(),
            add
        ),
        Err(ProtectionRefusal::MissingPermission(
            Permission::ManageAllowedPersonnel
        ))
    );
    let denied = with_rule(client(), deny_me());
    assert_eq!(
        change(&caseworker(), &denied, add),
        Err(ProtectionRefusal::CannotView(Reason::DeniedByName {
            source: RuleSource::Record
        }))
    );
}

#[test]
fn add_allowed_personnel_is_refused_for_a_person_not_active_or_already_listed() {
    for status in [PersonnelStatus::Inactive, PersonnelStatus::Pending] {
        let add = ProtectionChange::AddAllowedPersonnel {
            person: Candidate { id: OTHER, status },
        };
        assert_eq!(
            change(&caseworker(), &client(), add),
            Err(ProtectionRefusal::PersonnelNotActive)
        );
    }
    let listed = Protection {
        allowed_personnel: vec![OTHER],
        ..client()
    };
    let add = ProtectionChange::AddAllowedPersonnel {
        person: active(OTHER),
    };
    assert_eq!(
        change(&caseworker(), &listed, add),
        Err(ProtectionRefusal::AlreadyAllowed)
    );
}

#[test]
fn remove_allowed_personnel_is_refused_for_the_last_person_of_a_locked_client() {
    let remove_me = ProtectionChange::RemoveAllowedPersonnel { person: ME };
    assert_eq!(
        change(&caseworker(), &locked_with(client(), &[ME]), remove_me),
        Err(ProtectionRefusal::LastAllowedPersonnel)
    );
    assert_eq!(
        change(&caseworker(), &locked_with(client(), &[ME, OTHER]), remove_me),
        Ok(())
    );
    let unlocked = Protection {
        allowed_personnel: vec![ME],
        ..client()
    };
    assert_eq!(
        change(&caseworker(), &unlocked, remove_me),
        Ok(()),
        "an unlocked client may have none"
    );
    assert_eq!(
        change(&caseworker(), &client(), remove_me),
        Err(ProtectionRefusal::NotAllowedPersonnel)
    );
    assert_eq!(
        change(
            &without(caseworker(), Permission::ManageAllowedPersonnel),
            &unlocked,
            remove_me
        ),
        Err(ProtectionRefusal::MissingPermission(
            Permission::ManageAllowedPersonnel
        ))
    );
}

#[test]
fn add_or_remove_an_access_rule_needs_the_permission_and_a_record_one_may_view() {
    let add = ProtectionChange::AddRule {
        rule: deny_team(INTAKE_TEAM),
        subject_status: None,
    };
    assert_eq!(change(&caseworker(), &client(), add), Ok(()));
    assert_eq!(
        change(&caseworker(), &session_record(), add),
        Ok(()),
        "session records have rules too"
    );
    assert_eq!(
        change(
            &without(caseworker(), Permission::EditAccessRules),
            &client(),
            add
        ),
        Err(ProtectionRefusal::MissingPermission(Permission::EditAccessRules))
    );
    let locked = locked_with(client(), &[OTHER]);
    assert_eq!(
        change(&caseworker(), &locked, add),
        Err(ProtectionRefusal::CannotView(Reason::Locked))
    );
    let with_team_rule = with_rule(client(), deny_team(INTAKE_TEAM));
    let remove = ProtectionChange::RemoveRule {
        subject: RuleSubject::Team(INTAKE_TEAM),
    };
    assert_eq!(change(&caseworker(), &with_team_rule, remove), Ok(()));
    assert_eq!(
        change(&caseworker(), &client(), remove),
        Err(ProtectionRefusal::NoSuchRule)
    );
}

#[test]
fn add_an_access_rule_is_refused_for_a_person_not_active_or_a_subject_already_ruled() {
    let inactive = ProtectionChange::AddRule {
        rule: AccessRule::grant(RuleSubject::Personnel(OTHER)),
        subject_status: Some(PersonnelStatus::Inactive),
    };
    assert_eq!(
        change(&caseworker(), &client(), inactive),
        Err(ProtectionRefusal::PersonnelNotActive)
    );
    let record = with_rule(client(), grant_team(INTAKE_TEAM));
    let again = ProtectionChange::AddRule {
        rule: deny_team(INTAKE_TEAM),
        subject_status: None,
    };
    assert_eq!(
        change(&caseworker(), &record, again),
        Err(ProtectionRefusal::RuleExists)
    );
    let flip = ProtectionChange::ChangeRuleEffect {
        subject: RuleSubject::Team(INTAKE_TEAM),
        effect: RuleEffect::Deny,
    };
    assert_eq!(
        change(&caseworker(), &record, flip),
        Ok(()),
        "change its effect instead"
    );
    let same = ProtectionChange::ChangeRuleEffect {
        subject: RuleSubject::Team(INTAKE_TEAM),
        effect: RuleEffect::Grant,
    };
    assert_eq!(
        change(&caseworker(), &record, same),
        Err(ProtectionRefusal::RuleUnchanged)
    );
}

#[test]
fn change_the_responsible_personnel_in_visible_to_all_users_mode_needs_edit() {
    let to_other = ProtectionChange::ChangeResponsible {
        person: Some(active(OTHER)),
    };
    assert_eq!(change(&caseworker(), &client(), to_other), Ok(()));
    assert_eq!(
        change(
            &without(caseworker(), Permission::EditClients),
            &client(),
            to_other
        ),
        Err(ProtectionRefusal::MissingPermission(Permission::EditClients))
    );
    assert_eq!(
        change(&caseworker(), &locked_with(client(), &[OTHER]), to_other),
        Err(ProtectionRefusal::CannotEdit(Reason::Locked))
    );
    let inactive = ProtectionChange::ChangeResponsible {
        person: Some(Candidate {
            id: OTHER,
            status: PersonnelStatus::Inactive,
        }),
    };
    assert_eq!(
        change(&caseworker(), &client(), inactive),
        Err(ProtectionRefusal::PersonnelNotActive)
    );
    assert_eq!(
        change(&caseworker(), &session_record(), to_other),
        Err(ProtectionRefusal::NotAClient)
    );
}

#[test]
fn change_the_responsible_personnel_in_visible_to_responsible_user_mode_is_for_site_administrators() {
    let to_other = ProtectionChange::ChangeResponsible {
        person: Some(active(OTHER)),
    };
    let mine = Protection {
        responsible: Some(ME),
        ..client()
    };
    assert_eq!(
        may_change_protection(&caseworker(), &mine, &responsible_user(), NOW, to_other),
        Err(ProtectionRefusal::ResponsibleNeedsSiteAdministrator)
    );
    assert_eq!(
        may_change_protection(&site_administrator(), &mine, &responsible_user(), NOW, to_other),
        Ok(())
    );
}

#[test]
fn override_access_needs_the_permission_a_restricted_record_and_a_reason() {
    let holder = with(caseworker(), Permission::OverrideAccess);
    let locked = locked_with(client(), &[OTHER]);
    let good = ProtectionChange::Override {
        reason: "Child protection call, on duty",
    };
    assert_eq!(change(&holder, &locked, good), Ok(()));
    assert_eq!(
        change(&caseworker(), &locked, good),
        Err(ProtectionRefusal::MissingPermission(Permission::OverrideAccess))
    );
    assert_eq!(
        change(&holder, &client(), good),
        Err(ProtectionRefusal::AlreadyVisible)
    );
    let reader_without_view = without(holder.clone(), Permission::ViewClients);
    assert_eq!(
        change(&reader_without_view, &locked, good),
        Err(ProtectionRefusal::NotOverridable(Reason::MissingPermission(
            Permission::ViewClients
        )))
    );
}

#[test]
fn override_access_is_refused_to_a_person_denied_by_name() {
    let holder = with(caseworker(), Permission::OverrideAccess);
    let good = ProtectionChange::Override {
        reason: "Child protection call, on duty",
    };
    let record = with_rule(locked_with(client(), &[OTHER]), deny_me());
    assert_eq!(
        change(&holder, &record, good),
        Err(ProtectionRefusal::DeniedByName)
    );
    let by_default = with_default(client(), deny_me());
    assert_eq!(
        change(&holder, &by_default, good),
        Err(ProtectionRefusal::DeniedByName)
    );
}

#[test]
fn override_access_needs_a_reason_of_at_least_ten_characters_after_trimming() {
    let holder = with(caseworker(), Permission::OverrideAccess);
    let locked = locked_with(client(), &[OTHER]);
    let short = ProtectionChange::Override {
        reason: "   123456789      ",
    };
    assert_eq!(
        change(&holder, &locked, short),
        Err(ProtectionRefusal::ReasonTooShort)
    );
    let just = ProtectionChange::Override {
        reason: "  1234567890  ",
    };
    assert_eq!(change(&holder, &locked, just), Ok(()));
    let letters = ProtectionChange::Override {
        reason: "whānau mtg"
    };
    assert_eq!(change(&holder, &locked, letters), Ok(()), "characters, not bytes");
}

#[test]
fn override_access_is_refused_while_an_override_already_counts() {
    let holder = with(caseworker(), Permission::OverrideAccess);
    let record = with_override(locked_with(client(), &[OTHER]), ME, NOW.plus_seconds(30));
    let good = ProtectionChange::Override {
        reason: "Child protection call, on duty",
    };
    assert_eq!(
        change(&holder, &record, good),
        Err(ProtectionRefusal::AlreadyVisible)
    );
    assert_eq!(
        may_change_protection(&holder, &record, &all_users(), NOW.plus_seconds(30), good),
        Ok(()),
        "once it has expired a new one may be asked for"
    );
}

#[test]
fn an_override_does_not_let_its_holder_change_who_may_open_the_record() {
    let holder = with(caseworker(), Permission::OverrideAccess);
    let record = with_override(locked_with(client(), &[OTHER]), ME, NOW.plus_seconds(600));
    for attempt in [
        UNLOCK,
        ProtectionChange::AddAllowedPersonnel { person: active(ME) },
        ProtectionChange::AddRule {
            rule: grant_me(),
            subject_status: Some(PersonnelStatus::Active),
        },
        ProtectionChange::ChangeResponsible {
            person: Some(active(ME)),
        },
    ] {
        assert_eq!(
            change(&holder, &record, attempt),
            Err(ProtectionRefusal::UnderOverride),
            "{attempt:?}"
        );
    }
    assert!(
        edit(&holder, &record).is_allowed(),
        "the record itself may still be updated"
    );
}

#[test]
fn a_rule_naming_a_person_whose_status_is_unknown_is_refused() {
    let unknown = ProtectionChange::AddRule {
        rule: grant_me(),
        subject_status: None,
    };
    assert_eq!(
        change(&caseworker(), &client(), unknown),
        Err(ProtectionRefusal::PersonnelNotActive)
    );
}

#[test]
fn read_the_access_override_log_needs_the_permission_or_a_site_administrator() {
    assert_eq!(
        may_administer(&caseworker(), AdministrationAction::ReadOverrideLog),
        Ok(()),
        "the caseworker's role holds it"
    );
    assert_eq!(
        may_administer(
            &without(caseworker(), Permission::ViewOverrideLog),
            AdministrationAction::ReadOverrideLog
        ),
        Err(AdministrationRefusal::MissingPermission(
            Permission::ViewOverrideLog
        ))
    );
    assert_eq!(
        may_administer(&site_administrator(), AdministrationAction::ReadOverrideLog),
        Ok(())
    );
}

#[test]
fn change_site_settings_or_default_rules_is_for_site_administrators() {
    for action in [
        AdministrationAction::ChangeSiteSettings,
        AdministrationAction::ChangeDefaultRules,
    ] {
        assert_eq!(
            may_administer(&caseworker(), action),
            Err(AdministrationRefusal::SiteAdministratorsOnly),
            "{action:?}"
        );
        assert_eq!(may_administer(&site_administrator(), action), Ok(()));
    }
    let defaults = [grant_team(INTAKE_TEAM)];
    assert_eq!(
        check_new_rule(&defaults, deny_team(INTAKE_TEAM), None),
        Err(ProtectionRefusal::RuleExists)
    );
    assert_eq!(
        check_new_rule(&defaults, deny_me(), Some(PersonnelStatus::Active)),
        Ok(())
    );
}

#[test]
fn personnel_administration_needs_manage_personnel_teams_or_roles() {
    let ordinary = AdministrationAction::ManagePersonnel {
        target_is_site_administrator: false,
    };
    assert_eq!(may_administer(&caseworker(), ordinary), Ok(()));
    assert_eq!(
        may_administer(&without(caseworker(), Permission::ManagePersonnel), ordinary),
        Err(AdministrationRefusal::MissingPermission(
            Permission::ManagePersonnel
        ))
    );
    assert_eq!(
        may_administer(
            &without(caseworker(), Permission::ManageTeams),
            AdministrationAction::ManageTeams
        ),
        Err(AdministrationRefusal::MissingPermission(Permission::ManageTeams))
    );
    assert_eq!(
        may_administer(
            &without(caseworker(), Permission::ManageRoles),
            AdministrationAction::ManageRoles
        ),
        Err(AdministrationRefusal::MissingPermission(Permission::ManageRoles))
    );
    assert_eq!(
        may_administer(&caseworker(), AdministrationAction::ManageOrganizations),
        Err(AdministrationRefusal::SiteAdministratorsOnly)
    );
}

#[test]
fn only_a_site_administrator_makes_another_site_administrator() {
    assert_eq!(
        may_administer(&caseworker(), AdministrationAction::SetSiteAdministrator),
        Err(AdministrationRefusal::SiteAdministratorsOnly)
    );
    assert_eq!(
        may_administer(&site_administrator(), AdministrationAction::SetSiteAdministrator),
        Ok(())
    );
    let their_account = AdministrationAction::ManagePersonnel {
        target_is_site_administrator: true,
    };
    assert_eq!(
        may_administer(&caseworker(), their_account),
        Err(AdministrationRefusal::SiteAdministratorsOnly),
        "a personnel manager cannot reset a site administrator's password"
    );
}

#[test]
fn every_change_is_refused_to_an_account_that_is_not_active_or_must_change_its_password() {
    let inactive = Subject {
        status: PersonnelStatus::Inactive,
        ..site_administrator()
    };
    let record = Protection {
        allowed_personnel: vec![ME],
        ..client()
    };
    assert_eq!(
        change(&inactive, &record, LOCK),
        Err(ProtectionRefusal::Account(AccountRefusal::AccountNotActive))
    );
    assert_eq!(
        may_administer(&inactive, AdministrationAction::ChangeSiteSettings),
        Err(AdministrationRefusal::Account(AccountRefusal::AccountNotActive))
    );
    let pending_change = Subject {
        must_change_password: true,
        ..caseworker()
    };
    assert_eq!(
        change(&pending_change, &record, LOCK),
        Err(ProtectionRefusal::Account(AccountRefusal::MustChangePassword))
    );
}

#[test]
fn a_new_client_is_unlocked_without_allowed_personnel_and_assigned_to_its_creator_when_set() {
    let created = new_client(ME, HOME, &all_users());
    assert!(!created.locked);
    assert!(
        created.allowed_personnel.is_empty(),
        "seed 000: the creator is not added"
    );
    assert_eq!(created.responsible, None);
    let assigning = SiteSettings {
        assign_new_clients_to_creator: true,
        ..all_users()
    };
    assert_eq!(new_client(ME, HOME, &assigning).responsible, Some(ME));
}

#[test]
fn creating_a_record_needs_create_clients_or_edit_sessions() {
    assert_eq!(may_create(&caseworker(), RecordKind::Client), Ok(()));
    assert_eq!(
        may_create(
            &without(caseworker(), Permission::CreateClients),
            RecordKind::Client
        ),
        Err(ProtectionRefusal::MissingPermission(Permission::CreateClients))
    );
    assert_eq!(
        may_create(
            &without(caseworker(), Permission::EditSessions),
            RecordKind::SessionRecord
        ),
        Err(ProtectionRefusal::MissingPermission(Permission::EditSessions))
    );
}

fn control(
    subject: &Subject,
    record: &Protection,
    control: ProtectionControl,
) -> Result<(), ProtectionRefusal> {
    may_use_control(subject, record, &all_users(), NOW, control)
}

#[test]
fn a_control_is_shown_to_who_needs_it_whatever_the_records_state() {
    // The lock icon shows on a client with an empty list; pressing it is
    // then refused with seed 000's message.
    assert_eq!(control(&caseworker(), &client(), ProtectionControl::Lock), Ok(()));
    assert_eq!(
        change(&caseworker(), &client(), LOCK),
        Err(ProtectionRefusal::NoAllowedPersonnel)
    );
    assert_eq!(
        control(
            &without(caseworker(), Permission::LockClients),
            &client(),
            ProtectionControl::Lock
        ),
        Err(ProtectionRefusal::MissingPermission(Permission::LockClients))
    );
    assert_eq!(
        control(
            &without(caseworker(), Permission::ManageAllowedPersonnel),
            &client(),
            ProtectionControl::AllowedPersonnel
        ),
        Err(ProtectionRefusal::MissingPermission(
            Permission::ManageAllowedPersonnel
        ))
    );
    assert_eq!(
        control(&caseworker(), &session_record(), ProtectionControl::Lock),
        Err(ProtectionRefusal::NotAClient)
    );
}

#[test]
fn every_change_needs_what_its_control_needs() {
    let hidden = locked_with(client(), &[OTHER]);
    let refusal = control(&caseworker(), &hidden, ProtectionControl::AllowedPersonnel).unwrap_err();
    assert_eq!(refusal, ProtectionRefusal::CannotView(Reason::Locked));
    assert_eq!(
        change(
            &caseworker(),
            &hidden,
            ProtectionChange::AddAllowedPersonnel { person: active(ME) }
        ),
        Err(refusal)
    );
    let settings = responsible_user();
    assert_eq!(
        may_use_control(
            &caseworker(),
            &client(),
            &settings,
            NOW,
            ProtectionControl::Responsible
        ),
        Err(ProtectionRefusal::ResponsibleNeedsSiteAdministrator)
    );
    assert_eq!(
        may_use_control(
            &site_administrator(),
            &client(),
            &settings,
            NOW,
            ProtectionControl::Responsible
        ),
        Ok(())
    );
}

#[test]
fn the_person_half_of_a_control_refuses_only_what_the_whole_control_refuses() {
    let controls = [
        ProtectionControl::Lock,
        ProtectionControl::AllowedPersonnel,
        ProtectionControl::AccessRules,
        ProtectionControl::Responsible,
        ProtectionControl::Override,
    ];
    let people = [
        caseworker(),
        without(caseworker(), Permission::EditAccessRules),
        without(caseworker(), Permission::LockClients),
        with(caseworker(), Permission::OverrideAccess),
        site_administrator(),
    ];
    let records = [
        client(),
        session_record(),
        locked_with(client(), &[OTHER]),
        with_rule(client(), deny_me()),
    ];
    for control in controls {
        for person in &people {
            if let Err(refusal) = may_hold_control(person, control) {
                for record in &records {
                    assert!(
                        may_use_control(person, record, &all_users(), NOW, control).is_err(),
                        "{control:?} for {person:?}: the person half refused with {refusal:?}, the whole allowed"
                    );
                }
            }
        }
    }
    assert_eq!(
        may_hold_control(
            &without(caseworker(), Permission::EditAccessRules),
            ProtectionControl::AccessRules
        ),
        Err(ProtectionRefusal::MissingPermission(Permission::EditAccessRules))
    );
    assert_eq!(
        may_hold_control(&caseworker(), ProtectionControl::AccessRules),
        Ok(())
    );
}
