//! Administration within bounds (spec section of that name): one test per
//! rule, named after it.

mod support;

use policy::*;
use support::*;

const MY_ROLE: RoleId = RoleId(7);
const OTHER_ROLE: RoleId = RoleId(8);

/// A personnel, team and role manager of HOME, in the Intake team, whose
/// role (MY_ROLE) holds every permission except "override access".
fn manager() -> Administrator {
    Administrator {
        subject: in_teams(caseworker(), &[INTAKE_TEAM]),
        role: MY_ROLE,
    }
}

fn site_admin() -> Administrator {
    Administrator {
        subject: site_administrator(),
        role: MY_ROLE,
    }
}

fn account(id: PersonnelId, organization: OrganizationId) -> AccountFacts {
    AccountFacts {
        id: Some(id),
        organization,
        role: OTHER_ROLE,
        teams: vec![],
        site_administrator: false,
        status: PersonnelStatus::Active,
    }
}

fn my_account() -> AccountFacts {
    AccountFacts {
        role: MY_ROLE,
        teams: vec![INTAKE_TEAM],
        ..account(ME, HOME)
    }
}

fn edit(before: AccountFacts, after: AccountFacts) -> BoundedChange {
    BoundedChange::EditAccount {
        before,
        after,
        role_permissions: PermissionSet::empty(),
        added_team_organizations: vec![],
    }
}

fn just(permission: Permission) -> PermissionSet {
    [permission].into_iter().collect()
}

#[test]
fn nobody_changes_their_own_role() {
    let after = AccountFacts {
        role: OTHER_ROLE,
        ..my_account()
    };
    for actor in [manager(), site_admin()] {
        assert_eq!(
            may_change_within_bounds(&actor, &edit(my_account(), after.clone())),
            Err(AdministrationRefusal::OwnAccount(OwnAccountField::Role))
        );
    }
    assert_eq!(
        AdministrationRefusal::OwnAccount(OwnAccountField::Role).to_string(),
        "You cannot change your own role."
    );
}

#[test]
fn nobody_changes_their_own_organization() {
    let after = AccountFacts {
        organization: ELSEWHERE,
        ..my_account()
    };
    for actor in [manager(), site_admin()] {
        assert_eq!(
            may_change_within_bounds(&actor, &edit(my_account(), after.clone())),
            Err(AdministrationRefusal::OwnAccount(OwnAccountField::Organization))
        );
    }
}

#[test]
fn nobody_changes_their_own_teams() {
    let after = AccountFacts {
        teams: vec![INTAKE_TEAM, NIGHT_TEAM],
        ..my_account()
    };
    assert_eq!(
        may_change_within_bounds(&manager(), &edit(my_account(), after)),
        Err(AdministrationRefusal::OwnAccount(OwnAccountField::Teams))
    );
    let join = BoundedChange::AddTeamMember {
        organization: HOME,
        member: ME,
        member_organization: HOME,
    };
    let leave = BoundedChange::RemoveTeamMember {
        organization: HOME,
        member: ME,
    };
    for actor in [manager(), site_admin()] {
        for change in [&join, &leave] {
            assert_eq!(
                may_change_within_bounds(&actor, change),
                Err(AdministrationRefusal::OwnAccount(OwnAccountField::Teams))
            );
        }
    }
    assert_eq!(
        AdministrationRefusal::OwnAccount(OwnAccountField::Teams).to_string(),
        "You cannot change your own teams."
    );
}

#[test]
fn nobody_changes_their_own_site_administrator_flag() {
    let mine = AccountFacts {
        site_administrator: true,
        ..my_account()
    };
    let after = AccountFacts {
        site_administrator: false,
        ..mine.clone()
    };
    assert_eq!(
        may_change_within_bounds(&site_admin(), &edit(mine, after)),
        Err(AdministrationRefusal::OwnAccount(
            OwnAccountField::SiteAdministrator
        ))
    );
    let promoted = AccountFacts {
        site_administrator: true,
        ..my_account()
    };
    assert_eq!(
        may_change_within_bounds(&manager(), &edit(my_account(), promoted)),
        Err(AdministrationRefusal::OwnAccount(
            OwnAccountField::SiteAdministrator
        ))
    );
}

#[test]
fn nobody_changes_their_own_status() {
    let after = AccountFacts {
        status: PersonnelStatus::Pending,
        ..my_account()
    };
    for actor in [manager(), site_admin()] {
        assert_eq!(
            may_change_within_bounds(&actor, &edit(my_account(), after.clone())),
            Err(AdministrationRefusal::OwnAccount(OwnAccountField::Status))
        );
    }
}

#[test]
fn anyone_may_still_edit_the_other_details_of_their_own_account() {
    assert_eq!(
        may_change_within_bounds(&manager(), &edit(my_account(), my_account())),
        Ok(())
    );
}

#[test]
fn nobody_gives_an_account_a_role_that_holds_a_permission_they_do_not_hold() {
    let before = account(COLLEAGUE, HOME);
    let after = AccountFacts {
        role: RoleId(9),
        ..before.clone()
    };
    let change = |role_permissions| BoundedChange::EditAccount {
        before: before.clone(),
        after: after.clone(),
        role_permissions,
        added_team_organizations: vec![],
    };
    let refused = AdministrationRefusal::RoleExceedsYours(Permission::OverrideAccess);
    assert_eq!(
        may_change_within_bounds(&manager(), &change(PermissionSet::all())),
        Err(refused)
    );
    assert_eq!(
        refused.to_string(),
        "You cannot give a role that includes “Override access”, because your own role does not include it."
    );
    let mut within = PermissionSet::all();
    within.remove(Permission::OverrideAccess);
    assert_eq!(may_change_within_bounds(&manager(), &change(within)), Ok(()));
    let add = BoundedChange::AddAccount {
        account: AccountFacts {
            id: None,
            ..account(COLLEAGUE, HOME)
        },
        role_permissions: just(Permission::OverrideAccess),
        team_organizations: vec![],
    };
    assert_eq!(may_change_within_bounds(&manager(), &add), Err(refused));
}

#[test]
fn nobody_adds_a_permission_to_a_role_that_they_do_not_hold() {
    let refused = AdministrationRefusal::PermissionNotHeld(Permission::OverrideAccess);
    assert_eq!(
        may_change_within_bounds(
            &manager(),
            &BoundedChange::CreateRole {
                permissions: just(Permission::OverrideAccess)
            }
        ),
        Err(refused)
    );
    let edit_role = |before, after| BoundedChange::EditRole {
        role: OTHER_ROLE,
        before,
        after,
    };
    assert_eq!(
        may_change_within_bounds(
            &manager(),
            &edit_role(PermissionSet::empty(), just(Permission::OverrideAccess))
        ),
        Err(refused)
    );
    // A permission the role already holds may stay, and may be taken away.
    let held = just(Permission::OverrideAccess);
    assert_eq!(
        may_change_within_bounds(&manager(), &edit_role(held, held)),
        Ok(())
    );
    assert_eq!(
        may_change_within_bounds(&manager(), &edit_role(held, PermissionSet::empty())),
        Ok(())
    );
    assert_eq!(
        refused.to_string(),
        "You cannot add “Override access” to a role, because your own role does not include it."
    );
}

#[test]
fn site_administrators_hold_every_permission() {
    let admin = site_admin();
    assert_eq!(
        may_change_within_bounds(
            &admin,
            &BoundedChange::CreateRole {
                permissions: PermissionSet::all()
            }
        ),
        Ok(())
    );
    let before = account(COLLEAGUE, ELSEWHERE);
    let after = AccountFacts {
        role: RoleId(9),
        ..before.clone()
    };
    assert_eq!(
        may_change_within_bounds(
            &admin,
            &BoundedChange::EditAccount {
                before,
                after,
                role_permissions: PermissionSet::all(),
                added_team_organizations: vec![ELSEWHERE],
            }
        ),
        Ok(())
    );
}

#[test]
fn nobody_edits_a_role_they_hold() {
    let same = just(Permission::ViewClients);
    for actor in [manager(), site_admin()] {
        for change in [
            BoundedChange::EditRole {
                role: MY_ROLE,
                before: same,
                after: same,
            },
            BoundedChange::EditRole {
                role: MY_ROLE,
                before: same,
                after: PermissionSet::empty(),
            },
            BoundedChange::DeleteRole { role: MY_ROLE },
        ] {
            assert_eq!(
                may_change_within_bounds(&actor, &change),
                Err(AdministrationRefusal::OwnRole)
            );
        }
    }
    assert_eq!(
        may_change_within_bounds(&manager(), &BoundedChange::DeleteRole { role: OTHER_ROLE }),
        Ok(())
    );
}

#[test]
fn manage_personnel_acts_only_within_the_actors_own_organization() {
    let theirs = account(OTHER, ELSEWHERE);
    assert_eq!(
        may_change_within_bounds(&manager(), &edit(theirs.clone(), theirs.clone())),
        Err(AdministrationRefusal::PersonnelOfAnotherOrganization)
    );
    assert_eq!(
        may_change_within_bounds(
            &manager(),
            &BoundedChange::AddAccount {
                account: AccountFacts { id: None, ..theirs },
                role_permissions: PermissionSet::empty(),
                team_organizations: vec![],
            }
        ),
        Err(AdministrationRefusal::PersonnelOfAnotherOrganization)
    );
    assert_eq!(
        AdministrationRefusal::PersonnelOfAnotherOrganization.to_string(),
        "This account belongs to another organization. You can manage personnel of your own organization only."
    );
}

#[test]
fn manage_personnel_does_not_move_an_account_to_another_organization() {
    let ours = account(COLLEAGUE, HOME);
    let moved = AccountFacts {
        organization: ELSEWHERE,
        ..ours.clone()
    };
    assert_eq!(
        may_change_within_bounds(&manager(), &edit(ours.clone(), moved.clone())),
        Err(AdministrationRefusal::MoveToAnotherOrganization)
    );
    let theirs = account(OTHER, ELSEWHERE);
    let brought = AccountFacts {
        organization: HOME,
        ..theirs.clone()
    };
    assert_eq!(
        may_change_within_bounds(&manager(), &edit(theirs, brought)),
        Err(AdministrationRefusal::PersonnelOfAnotherOrganization)
    );
    assert_eq!(
        may_change_within_bounds(&site_admin(), &edit(ours, moved)),
        Ok(())
    );
}

#[test]
fn manage_personnel_puts_accounts_only_in_teams_of_the_actors_own_organization() {
    let ours = account(COLLEAGUE, HOME);
    assert_eq!(
        may_change_within_bounds(
            &manager(),
            &BoundedChange::EditAccount {
                before: ours.clone(),
                after: AccountFacts {
                    teams: vec![TeamId(300)],
                    ..ours.clone()
                },
                role_permissions: PermissionSet::empty(),
                added_team_organizations: vec![ELSEWHERE],
            }
        ),
        Err(AdministrationRefusal::TeamOfAnotherOrganization)
    );
}

#[test]
fn manage_teams_acts_only_within_the_actors_own_organization() {
    for change in [
        BoundedChange::ChangeTeam {
            organization: ELSEWHERE,
        },
        BoundedChange::RemoveTeamMember {
            organization: ELSEWHERE,
            member: COLLEAGUE,
        },
        BoundedChange::AddTeamMember {
            organization: ELSEWHERE,
            member: COLLEAGUE,
            member_organization: HOME,
        },
    ] {
        assert_eq!(
            may_change_within_bounds(&manager(), &change),
            Err(AdministrationRefusal::TeamOfAnotherOrganization)
        );
        assert_eq!(may_change_within_bounds(&site_admin(), &change), Ok(()));
    }
    assert_eq!(
        may_change_within_bounds(&manager(), &BoundedChange::ChangeTeam { organization: HOME }),
        Ok(())
    );
}

#[test]
fn manage_teams_adds_only_members_of_the_actors_own_organization() {
    let change = BoundedChange::AddTeamMember {
        organization: HOME,
        member: OTHER,
        member_organization: ELSEWHERE,
    };
    assert_eq!(
        may_change_within_bounds(&manager(), &change),
        Err(AdministrationRefusal::MemberOfAnotherOrganization)
    );
    assert_eq!(
        AdministrationRefusal::MemberOfAnotherOrganization.to_string(),
        "Only personnel of your own organization can be added to a team."
    );
}

#[test]
fn password_resets_follow_the_same_bounds_as_any_other_change_to_the_account() {
    let reset = |account| BoundedChange::ResetPassword {
        account,
        role_permissions: PermissionSet::from_iter([Permission::ViewClients]),
    };
    assert_eq!(
        may_change_within_bounds(&manager(), &reset(account(COLLEAGUE, HOME))),
        Ok(())
    );
    assert_eq!(
        may_change_within_bounds(&manager(), &reset(account(OTHER, ELSEWHERE))),
        Err(AdministrationRefusal::PersonnelOfAnotherOrganization)
    );
    let admin_account = AccountFacts {
        site_administrator: true,
        ..account(COLLEAGUE, HOME)
    };
    assert_eq!(
        may_change_within_bounds(&manager(), &reset(admin_account.clone())),
        Err(AdministrationRefusal::SiteAdministratorsOnly)
    );
    assert_eq!(
        may_change_within_bounds(&site_admin(), &reset(admin_account)),
        Ok(())
    );
}

#[test]
fn nobody_resets_the_password_of_an_account_whose_role_holds_a_permission_they_do_not_hold() {
    let reset = |role_permissions| BoundedChange::ResetPassword {
        account: account(COLLEAGUE, HOME),
        role_permissions,
    };
    let bigger = PermissionSet::from_iter([Permission::ViewClients, Permission::OverrideAccess]);
    assert_eq!(
        may_change_within_bounds(&manager(), &reset(bigger)),
        Err(AdministrationRefusal::AccountExceedsYours(
            Permission::OverrideAccess
        ))
    );
    assert!(
        AdministrationRefusal::AccountExceedsYours(Permission::OverrideAccess)
            .to_string()
            .contains("your own role does not")
    );
    let same = PermissionSet::from_iter([Permission::ViewClients, Permission::ManagePersonnel]);
    assert_eq!(may_change_within_bounds(&manager(), &reset(same)), Ok(()));
    assert_eq!(may_change_within_bounds(&site_admin(), &reset(bigger)), Ok(()));
}

#[test]
fn nobody_lifts_the_sign_in_pause_of_an_account_whose_role_holds_a_permission_they_do_not_hold() {
    let lift = |account, role_permissions| BoundedChange::LiftSignInPause {
        account,
        role_permissions,
    };
    let bigger = PermissionSet::from_iter([Permission::ViewClients, Permission::OverrideAccess]);
    let same = PermissionSet::from_iter([Permission::ViewClients, Permission::ManagePersonnel]);
    let refusal = may_change_within_bounds(&manager(), &lift(account(COLLEAGUE, HOME), bigger));
    assert_eq!(
        refusal,
        Err(AdministrationRefusal::PauseOfAccountExceedingYours(
            Permission::OverrideAccess
        ))
    );
    assert_eq!(
        refusal.unwrap_err().to_string(),
        "This person's role includes “Override access”, which your own role does not: \
         ask someone who holds it to lift this pause."
    );
    assert_eq!(
        may_change_within_bounds(&manager(), &lift(account(COLLEAGUE, HOME), same)),
        Ok(())
    );
    assert_eq!(
        may_change_within_bounds(&site_admin(), &lift(account(COLLEAGUE, HOME), bigger)),
        Ok(())
    );
    // And the bounds of any other change to the account.
    assert_eq!(
        may_change_within_bounds(&manager(), &lift(account(OTHER, ELSEWHERE), same)),
        Err(AdministrationRefusal::PersonnelOfAnotherOrganization)
    );
}

#[test]
fn only_site_administrators_set_the_site_administrator_flag() {
    let ours = account(COLLEAGUE, HOME);
    let promoted = AccountFacts {
        site_administrator: true,
        ..ours.clone()
    };
    assert_eq!(
        may_change_within_bounds(&manager(), &edit(ours.clone(), promoted.clone())),
        Err(AdministrationRefusal::SiteAdministratorsOnly)
    );
    assert_eq!(
        may_change_within_bounds(&site_admin(), &edit(ours, promoted)),
        Ok(())
    );
}

#[test]
fn bounded_changes_still_need_the_permission_and_an_active_account() {
    let no_teams = Administrator {
        subject: without(caseworker(), Permission::ManageTeams),
        role: MY_ROLE,
    };
    assert_eq!(
        may_change_within_bounds(&no_teams, &BoundedChange::ChangeTeam { organization: HOME }),
        Err(AdministrationRefusal::MissingPermission(Permission::ManageTeams))
    );
    let mut inactive = manager();
    inactive.subject.status = PersonnelStatus::Inactive;
    assert_eq!(
        may_change_within_bounds(&inactive, &BoundedChange::ChangeTeam { organization: HOME }),
        Err(AdministrationRefusal::Account(AccountRefusal::AccountNotActive))
    );
}

#[test]
fn lists_show_personnel_and_teams_of_the_actors_own_organization_only() {
    let me = manager().subject;
    assert_eq!(administered_organization(&me), Some(HOME));
    assert_eq!(administered_organization(&site_administrator()), None);
    assert_eq!(may_manage_personnel_of(&me, HOME), Ok(()));
    assert_eq!(
        may_manage_personnel_of(&me, ELSEWHERE),
        Err(AdministrationRefusal::PersonnelOfAnotherOrganization)
    );
    assert_eq!(
        may_manage_teams_of(&me, ELSEWHERE),
        Err(AdministrationRefusal::TeamOfAnotherOrganization)
    );
    assert_eq!(may_manage_teams_of(&site_administrator(), ELSEWHERE), Ok(()));
}
