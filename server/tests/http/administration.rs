//! Teams, roles and organizations over HTTP (spec, "Administration within bounds"): each server function
//! allowed for the right role and refused without the permission, for an
//! Inactive account and signed out; deletes refused while something refers
//! to the thing; names unique regardless of case; changes audited.

use app::api::organizations::{CreateOrganization, ListOrganizations, RenameOrganization};
use app::api::personnel::DeletePersonnel;
use app::api::roles::{CreateRole, DeleteRole, ListRoles, LoadRole, UpdateRole};
use app::api::security_question::{MySecurityQuestion, SetSecurityQuestion};
use app::api::settings::{LoadSiteSettings, SaveSiteSettings};
use app::api::teams::{
    AddTeamMember, CreateTeam, DeleteTeam, ListTeams, LoadTeam, RemoveTeamMember, RenameTeam, TeamCandidates,
};
use app::error::AppError;
use app::settings::SettingsForm;
use policy::{
    ClientVisibility, OrganizationId, Permission, PermissionSet, PersonnelId, RoleId, SiteSettings, TeamId,
};

use crate::support::fixtures::{Audited, audit_actions};
use crate::support::{
    Account, Answer, TestApp, assert_refused, browser, not_active, please_sign_in, spawn_app,
};

async fn organization(app: &TestApp) -> OrganizationId {
    let (id,): (i64,) = sqlx::query_as("SELECT id FROM organizations LIMIT 1")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    OrganizationId(id)
}

async fn make_inactive(app: &TestApp, id: PersonnelId) {
    sqlx::query("UPDATE personnel SET status = 'Inactive' WHERE id = $1")
        .bind(id.0)
        .execute(&app.pool)
        .await
        .unwrap();
}

fn create_team(name: &str) -> CreateTeam {
    CreateTeam { name: name.into() }
}

fn load_team(id: TeamId) -> LoadTeam {
    LoadTeam { id }
}

fn delete_team(id: TeamId) -> DeleteTeam {
    DeleteTeam { id }
}

#[tokio::test]
async fn a_team_manager_creates_renames_fills_and_deletes_a_team() {
    let app = spawn_app().await;
    let (manager, _) = app
        .signed_in(Account::holding(
            "teams@agency.example",
            &[Permission::ManageTeams],
        ))
        .await;
    let member = app.add_account(Account::active("member@agency.example")).await;

    let team = app.ask(&manager, create_team(" Night duty ")).await.ok();
    let answer = app.ask(&manager, create_team("NIGHT DUTY")).await;
    assert!(
        matches!(answer.parts(), (422, Err(AppError::Invalid { .. }))),
        "names are unique regardless of case"
    );
    let rename = RenameTeam {
        id: team,
        name: "Night shift".into(),
    };
    assert_eq!(app.ask(&manager, rename).await.status, 200);

    let candidates = |query: &str| TeamCandidates { query: query.into() };
    assert_eq!(
        app.ask(&manager, candidates("member@")).await.parts(),
        (200, Ok(vec![])),
        "a part of an e-mail address finds nobody"
    );
    let found = app.ask(&manager, candidates("Member@agency.example")).await.ok();
    assert_eq!(
        found.first().map(|named| named.id),
        Some(member),
        "the whole address does"
    );
    let add = AddTeamMember {
        team,
        personnel: member,
    };
    assert_eq!(app.ask(&manager, add.clone()).await.status, 200);
    assert_eq!(app.ask(&manager, add).await.status, 409, "already in the team");
    let details = app.ask(&manager, load_team(team)).await.ok();
    assert_eq!(details.name, "Night shift");
    assert_eq!(details.members[0].id, member);
    let teams = app.ask(&manager, ListTeams {}).await.ok();
    assert_eq!((teams[0].members, teams[0].rules), (1, 0));
    let remove = RemoveTeamMember {
        team,
        personnel: member,
    };
    assert_eq!(app.ask(&manager, remove).await.status, 200);

    assert_eq!(app.ask(&manager, delete_team(team)).await.status, 200);
    assert_eq!(app.ask(&manager, load_team(team)).await.status, 404);
    assert_eq!(
        audit_actions(&app, Audited::Everything).await,
        [
            "team.create",
            "team.rename",
            "team.add_member",
            "team.remove_member",
            "team.delete"
        ]
    );
}

#[tokio::test]
async fn a_team_named_by_a_rule_cannot_be_deleted() {
    let app = spawn_app().await;
    let (manager, _) = app
        .signed_in(Account::holding(
            "teams@agency.example",
            &[Permission::ManageTeams],
        ))
        .await;
    let org = organization(&app).await;
    let team = app.ask(&manager, create_team("Intake")).await.ok();
    sqlx::query("INSERT INTO default_rules (organization_id, team_id, effect) VALUES ($1, $2, 'deny')")
        .bind(org.0)
        .bind(team.0)
        .execute(&app.pool)
        .await
        .unwrap();
    let error = app.ask(&manager, delete_team(team)).await;
    assert_eq!(error.status, 409, "{error:?}");
    let error = error.err();
    assert!(matches!(error, AppError::Conflict { .. }), "{error:?}");
    assert!(
        error.to_string().contains("Remove those rules first"),
        "{error:?}"
    );
    assert_eq!(
        app.ask(&manager, load_team(team)).await.status,
        200,
        "still there"
    );

    let other = app.ask(&manager, create_team("Night")).await.ok();
    sqlx::query(
        "INSERT INTO access_rules (record_kind, record_id, team_id, effect) VALUES ('client', 1, $1, 'grant')",
    )
    .bind(other.0)
    .execute(&app.pool)
    .await
    .unwrap();
    assert_eq!(
        app.ask(&manager, delete_team(other)).await.status,
        409,
        "a rule on a record names it too"
    );
}

/// The team functions, by endpoint, each with well-formed arguments.
const TEAM_FUNCTIONS: [&str; 8] = [
    "list_teams",
    "load_team",
    "create_team",
    "rename_team",
    "team_candidates",
    "add_team_member",
    "remove_team_member",
    "delete_team",
];

/// Calls the team function `function` (one of [`TEAM_FUNCTIONS`]) about
/// `team`, with its answer erased to compare answers.
async fn ask_team_function(
    app: &TestApp,
    who: &reqwest::Client,
    function: &str,
    team: TeamId,
) -> Answer<String> {
    let someone = PersonnelId(1);
    match function {
        "list_teams" => app.ask(who, ListTeams {}).await.erased(),
        "load_team" => app.ask(who, load_team(team)).await.erased(),
        "create_team" => app.ask(who, create_team("Other")).await.erased(),
        "rename_team" => {
            let rename = RenameTeam {
                id: team,
                name: "Other".into(),
            };
            app.ask(who, rename).await.erased()
        }
        "team_candidates" => app
            .ask(who, TeamCandidates { query: String::new() })
            .await
            .erased(),
        "add_team_member" => {
            let add = AddTeamMember {
                team,
                personnel: someone,
            };
            app.ask(who, add).await.erased()
        }
        "remove_team_member" => {
            let remove = RemoveTeamMember {
                team,
                personnel: someone,
            };
            app.ask(who, remove).await.erased()
        }
        "delete_team" => app.ask(who, delete_team(team)).await.erased(),
        other => panic!("{other} is not a team function"),
    }
}

#[tokio::test]
async fn team_functions_are_refused_without_the_permission_inactive_or_signed_out() {
    let app = spawn_app().await;
    let (reader, _) = app.signed_in(Account::active("reader@agency.example")).await;
    let (manager, manager_id) = app
        .signed_in(Account::holding(
            "teams@agency.example",
            &[Permission::ManageTeams],
        ))
        .await;
    let team = app.ask(&manager, create_team("Intake")).await.ok();
    make_inactive(&app, manager_id).await;
    for function in TEAM_FUNCTIONS {
        assert_refused(
            &ask_team_function(&app, &reader, function, team).await,
            403,
            "Manage teams",
            &format!("{function} without the permission"),
        );
        assert_refused(
            &ask_team_function(&app, &manager, function, team).await,
            403,
            &not_active(),
            &format!("{function} for an Inactive account"),
        );
        assert_refused(
            &ask_team_function(&app, &browser(), function, team).await,
            401,
            &please_sign_in(),
            &format!("{function} signed out"),
        );
    }
}

#[tokio::test]
async fn a_role_manager_creates_a_role_ticks_permissions_and_deletes_it_only_when_nobody_has_it() {
    let app = spawn_app().await;
    // The manager holds the permissions ticked below: nobody adds to a role
    // a permission they do not hold themselves.
    let (manager, _) = app
        .signed_in(Account::holding(
            "roles@agency.example",
            &[
                Permission::ManageRoles,
                Permission::ViewClients,
                Permission::CreateClients,
            ],
        ))
        .await;
    let create = CreateRole {
        name: "Night intake".into(),
        permissions: PermissionSet::empty(),
    };
    let role = app.ask(&manager, create).await.ok();
    let roles = app.ask(&manager, ListRoles {}).await.ok();
    let listed = roles.iter().find(|r| r.name == "Night intake").unwrap();
    assert_eq!(listed.holders, 0);

    // Tick "view clients" and "create clients".
    let ticked: PermissionSet = [Permission::ViewClients, Permission::CreateClients]
        .into_iter()
        .collect();
    let update = UpdateRole {
        id: role,
        name: "Night intake desk".into(),
        permissions: ticked,
    };
    assert_eq!(app.ask(&manager, update).await.status, 200);
    let details = app.ask(&manager, LoadRole { id: role }).await.ok();
    assert_eq!(
        (details.name.as_str(), details.permissions),
        ("Night intake desk", ticked)
    );

    let holder = app.add_account(Account::active("holder@agency.example")).await;
    sqlx::query("UPDATE personnel SET role_id = $1 WHERE id = $2")
        .bind(role.0)
        .bind(holder.0)
        .execute(&app.pool)
        .await
        .unwrap();
    let details = app.ask(&manager, LoadRole { id: role }).await.ok();
    assert_eq!(details.holders[0].id, holder, "who has the role");
    let answer = app.ask(&manager, DeleteRole { id: role }).await;
    assert_eq!(answer.status, 409, "{answer:?}");
    assert!(
        answer.err().to_string().contains("1 person has it"),
        "the refusal says who has it"
    );

    sqlx::query("UPDATE personnel SET role_id = (SELECT MIN(id) FROM roles) WHERE id = $1")
        .bind(holder.0)
        .execute(&app.pool)
        .await
        .unwrap();
    assert_eq!(app.ask(&manager, DeleteRole { id: role }).await.status, 200);
    assert_eq!(
        audit_actions(&app, Audited::Everything).await,
        ["role.create", "role.update", "role.delete"]
    );
}

#[tokio::test]
async fn role_functions_are_refused_without_the_permission_inactive_or_signed_out() {
    let app = spawn_app().await;
    let (reader, _) = app.signed_in(Account::active("reader@agency.example")).await;
    let (manager, manager_id) = app
        .signed_in(Account::holding(
            "roles@agency.example",
            &[Permission::ManageRoles],
        ))
        .await;
    make_inactive(&app, manager_id).await;
    let refusals = [
        (&reader, 403, "Manage roles".to_owned()),
        (&manager, 403, not_active()),
        (&browser(), 401, please_sign_in()),
    ];
    let role = RoleId(1);
    for (client, expected, reason) in refusals {
        let create = CreateRole {
            name: "X".into(),
            permissions: PermissionSet::empty(),
        };
        let update = UpdateRole {
            id: role,
            name: "X".into(),
            permissions: PermissionSet::empty(),
        };
        let answers = [
            ("list_roles", app.ask(client, ListRoles {}).await.erased()),
            ("load_role", app.ask(client, LoadRole { id: role }).await.erased()),
            (
                "delete_role",
                app.ask(client, DeleteRole { id: role }).await.erased(),
            ),
            ("create_role", app.ask(client, create).await.erased()),
            ("update_role", app.ask(client, update).await.erased()),
        ];
        for (function, answer) in answers {
            assert_refused(&answer, expected, &reason, function);
        }
    }
}

#[tokio::test]
async fn organizations_are_created_and_renamed_by_site_administrators_only() {
    let app = spawn_app().await;
    let (admin, admin_id) = app
        .signed_in(Account {
            site_administrator: true,
            ..Account::active("root@agency.example")
        })
        .await;
    let (everyone, _) = app
        .signed_in(Account::holding("almost@agency.example", &Permission::ALL))
        .await;
    let create = |name: &str| CreateOrganization { name: name.into() };
    let id = app.ask(&admin, create("Eastside Family Services")).await.ok();
    let rename = |name: &str| RenameOrganization {
        id,
        name: name.into(),
    };
    assert_eq!(app.ask(&admin, rename("Eastside Families")).await.status, 200);
    let list = app.ask(&admin, ListOrganizations {}).await.ok();
    assert!(list.iter().any(|o| o.name == "Eastside Families"), "{list:?}");
    let answer = app.ask(&admin, create("eastside families")).await;
    assert_eq!(answer.status, 422, "{answer:?}");

    let answer = app.ask(&everyone, create("Westside")).await;
    assert_eq!(answer.status, 403, "every permission is not enough: {answer:?}");
    assert!(
        answer.err().to_string().contains("site administrator"),
        "the refusal names site administrators"
    );
    assert_eq!(app.ask(&everyone, ListOrganizations {}).await.status, 403);
    assert_eq!(app.ask(&browser(), rename("W")).await.status, 401);
    make_inactive(&app, admin_id).await;
    assert_eq!(app.ask(&admin, ListOrganizations {}).await.status, 403);
}

#[tokio::test]
async fn a_person_named_by_an_access_rule_cannot_be_deleted() {
    let app = spawn_app().await;
    let (manager, _) = app
        .signed_in(Account::holding(
            "manager@agency.example",
            &[Permission::ManagePersonnel],
        ))
        .await;
    let named = app.add_account(Account::active("named@agency.example")).await;
    sqlx::query("INSERT INTO access_rules (record_kind, record_id, personnel_id, effect) VALUES ('client', 1, $1, 'deny')")
        .bind(named.0)
        .execute(&app.pool)
        .await
        .unwrap();
    let answer = app.ask(&manager, DeletePersonnel { id: named }).await;
    assert_eq!(answer.status, 409, "{answer:?}");
    assert!(
        answer.err().to_string().contains("access rules"),
        "the refusal names the access rules"
    );
}

#[tokio::test]
async fn site_settings_are_for_site_administrators_and_every_change_is_audited() {
    let app = spawn_app().await;
    let (admin, admin_id) = app
        .signed_in(Account {
            site_administrator: true,
            ..Account::active("root@agency.example")
        })
        .await;
    let (everyone, _) = app
        .signed_in(Account::holding("almost@agency.example", &Permission::ALL))
        .await;
    let settings = app.ask(&admin, LoadSiteSettings {}).await.ok();
    assert_eq!(
        settings.access.client_visibility,
        ClientVisibility::AllUsers,
        "the default"
    );
    assert!(settings.password_recovery, "the default");
    assert!(
        !settings.time_zone.is_empty() && app::local_time::LocalTime::named(&settings.time_zone).is_ok(),
        "a real zone (the server's own) until one is saved: {:?}",
        settings.time_zone
    );

    let changed = SettingsForm {
        access: SiteSettings {
            client_visibility: ClientVisibility::ResponsibleUser,
            assign_new_clients_to_creator: true,
        },
        password_recovery: false,
        time_zone: "Pacific/Auckland".into(),
    };
    let save = SaveSiteSettings {
        settings: changed.clone(),
    };
    assert_eq!(app.ask(&everyone, save.clone()).await.status, 403);
    assert_eq!(app.ask(&everyone, LoadSiteSettings {}).await.status, 403);
    assert_eq!(app.ask(&browser(), save.clone()).await.status, 401);
    app.ask(&admin, save).await.ok();
    assert_eq!(app.ask(&admin, LoadSiteSettings {}).await.ok(), changed);

    let unknown_zone = SaveSiteSettings {
        settings: SettingsForm {
            time_zone: "Mars/Olympus".into(),
            password_recovery: true,
            ..changed.clone()
        },
    };
    let refused = app.ask(&admin, unknown_zone).await.err();
    assert!(
        refused
            .field("time_zone")
            .is_some_and(|m| m.contains("IANA name")),
        "the message stands at the time zone field: {refused:?}"
    );
    assert_eq!(
        app.ask(&admin, LoadSiteSettings {}).await.ok(),
        changed,
        "a refused save changes nothing"
    );
    let (before, after): (String, String) =
        sqlx::query_as("SELECT before_value, after_value FROM audit_log WHERE action = 'settings.update'")
            .fetch_one(&app.pool)
            .await
            .unwrap();
    assert!(
        before.contains("AllUsers") && after.contains("ResponsibleUser"),
        "{before} → {after}"
    );

    make_inactive(&app, admin_id).await;
    assert_eq!(app.ask(&admin, LoadSiteSettings {}).await.status, 403);
}

/// The organization and settings functions, by endpoint.
const ORGANIZATION_FUNCTIONS: [&str; 4] = [
    "list_organizations",
    "create_organization",
    "rename_organization",
    "load_site_settings",
];

/// Calls `function` (one of [`ORGANIZATION_FUNCTIONS`]) with well-formed
/// arguments, with its answer erased to compare answers.
async fn ask_organization_function(
    app: &TestApp,
    who: &reqwest::Client,
    function: &str,
    org: OrganizationId,
) -> Answer<String> {
    match function {
        "list_organizations" => app.ask(who, ListOrganizations {}).await.erased(),
        "create_organization" => {
            let create = CreateOrganization {
                name: "Westside".into(),
            };
            app.ask(who, create).await.erased()
        }
        "rename_organization" => {
            let rename = RenameOrganization {
                id: org,
                name: "Westside".into(),
            };
            app.ask(who, rename).await.erased()
        }
        "load_site_settings" => app.ask(who, LoadSiteSettings {}).await.erased(),
        other => panic!("{other} is not an organization or settings function"),
    }
}

#[tokio::test]
async fn organization_and_settings_functions_are_refused_to_others_inactive_and_signed_out() {
    let app = spawn_app().await;
    let (everyone, _) = app
        .signed_in(Account::holding("almost@agency.example", &Permission::ALL))
        .await;
    let (inactive, inactive_id) = app
        .signed_in(Account {
            site_administrator: true,
            ..Account::active("gone@agency.example")
        })
        .await;
    make_inactive(&app, inactive_id).await;
    let org = organization(&app).await;
    let administrators_only = policy::AdministrationRefusal::SiteAdministratorsOnly.to_string();
    for function in ORGANIZATION_FUNCTIONS {
        assert_refused(
            &ask_organization_function(&app, &everyone, function, org).await,
            403,
            &administrators_only,
            &format!("{function} without being a site administrator"),
        );
        assert_refused(
            &ask_organization_function(&app, &inactive, function, org).await,
            403,
            &not_active(),
            &format!("{function} for an Inactive account"),
        );
        assert_refused(
            &ask_organization_function(&app, &browser(), function, org).await,
            401,
            &please_sign_in(),
            &format!("{function} signed out"),
        );
    }
    let settings = SettingsForm {
        access: SiteSettings {
            client_visibility: ClientVisibility::AllUsers,
            assign_new_clients_to_creator: false,
        },
        password_recovery: true,
        time_zone: "UTC".into(),
    };
    assert_refused(
        &app.ask(&inactive, SaveSiteSettings { settings }).await,
        403,
        &not_active(),
        "save_site_settings for an Inactive account",
    );
}

#[tokio::test]
async fn ones_own_security_question_is_refused_signed_out_and_to_an_inactive_account() {
    let app = spawn_app().await;
    let (worker, worker_id) = app.signed_in(Account::active("worker@agency.example")).await;
    make_inactive(&app, worker_id).await;
    let set = SetSecurityQuestion {
        question: "First bike?".into(),
        answer: "blue".into(),
        current_password: crate::support::PASSWORD.into(),
    };
    for (client, expected, reason) in [(&worker, 403, not_active()), (&browser(), 401, please_sign_in())] {
        let answer = app.ask(client, MySecurityQuestion {}).await;
        assert_refused(&answer, expected, &reason, "my_security_question");
        let answer = app.ask(client, set.clone()).await;
        assert_refused(&answer, expected, &reason, "set_security_question");
    }
}
