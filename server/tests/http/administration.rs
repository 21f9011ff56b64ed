//! Teams, roles and organizations over HTTP (spec, "Administration within bounds"): each server function
//! allowed for the right role and refused without the permission, for an
//! Inactive account and signed out; deletes refused while something refers
//! to the thing; names unique regardless of case; changes audited.

use policy::{Permission, PersonnelId};
use serde_json::{Value, json};

use crate::support::fixtures::{Audited, audit_actions};
use crate::support::{
    Account, TestApp, assert_refused, browser, kind, message, not_active, please_sign_in, spawn_app,
};

async fn organization(app: &TestApp) -> String {
    let (id,): (i64,) = sqlx::query_as("SELECT id FROM organizations LIMIT 1")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    id.to_string()
}

async fn make_inactive(app: &TestApp, id: PersonnelId) {
    sqlx::query("UPDATE personnel SET status = 'Inactive' WHERE id = $1")
        .bind(id.0)
        .execute(&app.pool)
        .await
        .unwrap();
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

    let (code, team) = app
        .call(&manager, "create_team", &[("name", " Night duty ")])
        .await;
    assert_eq!(code, 200, "{team}");
    let team = team.as_i64().unwrap().to_string();
    let (code, body) = app.call(&manager, "create_team", &[("name", "NIGHT DUTY")]).await;
    assert_eq!(
        (code, kind(&body).as_str()),
        (422, "Invalid"),
        "names are unique regardless of case"
    );
    assert_eq!(
        app.call(&manager, "rename_team", &[("id", &team), ("name", "Night shift")])
            .await
            .0,
        200
    );

    let member_id = member.0.to_string();
    let (code, found) = app
        .call(&manager, "team_candidates", &[("query", "member@")])
        .await;
    assert_eq!(
        (code, found),
        (200, json!([])),
        "a part of an e-mail address finds nobody"
    );
    let (code, found) = app
        .call(&manager, "team_candidates", &[("query", "Member@agency.example")])
        .await;
    assert_eq!(
        (code, found[0]["id"].as_i64()),
        (200, Some(member.0)),
        "the whole address does"
    );
    let add = [("team", team.as_str()), ("personnel", member_id.as_str())];
    assert_eq!(app.call(&manager, "add_team_member", &add).await.0, 200);
    assert_eq!(
        app.call(&manager, "add_team_member", &add).await.0,
        409,
        "already in the team"
    );
    let (_, details) = app.call(&manager, "load_team", &[("id", &team)]).await;
    assert_eq!(details["name"], "Night shift");
    assert_eq!(details["members"][0]["id"], json!(member.0));
    let (_, teams) = app.call(&manager, "list_teams", &[]).await;
    assert_eq!(
        (teams[0]["members"].as_i64(), teams[0]["rules"].as_i64()),
        (Some(1), Some(0))
    );
    assert_eq!(app.call(&manager, "remove_team_member", &add).await.0, 200);

    assert_eq!(app.call(&manager, "delete_team", &[("id", &team)]).await.0, 200);
    assert_eq!(app.call(&manager, "load_team", &[("id", &team)]).await.0, 404);
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
    let (_, team) = app.call(&manager, "create_team", &[("name", "Intake")]).await;
    sqlx::query("INSERT INTO default_rules (organization_id, team_id, effect) VALUES ($1, $2, 'deny')")
        .bind(org.parse::<i64>().unwrap())
        .bind(team.as_i64().unwrap())
        .execute(&app.pool)
        .await
        .unwrap();
    let (code, body) = app
        .call(&manager, "delete_team", &[("id", &team.to_string())])
        .await;
    assert_eq!((code, kind(&body).as_str()), (409, "Conflict"));
    assert!(message(&body).contains("Remove those rules first"), "{body}");
    assert_eq!(
        app.call(&manager, "load_team", &[("id", &team.to_string())])
            .await
            .0,
        200,
        "still there"
    );

    let (_, other) = app.call(&manager, "create_team", &[("name", "Night")]).await;
    sqlx::query(
        "INSERT INTO access_rules (record_kind, record_id, team_id, effect) VALUES ('client', 1, $1, 'grant')",
    )
    .bind(other.as_i64().unwrap())
    .execute(&app.pool)
    .await
    .unwrap();
    let (code, _) = app
        .call(&manager, "delete_team", &[("id", &other.to_string())])
        .await;
    assert_eq!(code, 409, "a rule on a record names it too");
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
    let (_, team) = app.call(&manager, "create_team", &[("name", "Intake")]).await;
    let team = team.to_string();
    make_inactive(&app, manager_id).await;
    let calls: [(&str, Vec<(&str, &str)>); 8] = [
        ("list_teams", vec![]),
        ("load_team", vec![("id", &team)]),
        ("create_team", vec![("name", "Other")]),
        ("rename_team", vec![("id", &team), ("name", "Other")]),
        ("team_candidates", vec![("query", "")]),
        ("add_team_member", vec![("team", &team), ("personnel", "1")]),
        ("remove_team_member", vec![("team", &team), ("personnel", "1")]),
        ("delete_team", vec![("id", &team)]),
    ];
    for (function, form) in calls {
        let (code, body) = app.call(&reader, function, &form).await;
        assert_eq!(code, 403, "{function} without the permission: {body}");
        assert!(message(&body).contains("Manage teams"), "{function}: {body}");
        assert_refused(
            &app.call(&manager, function, &form).await,
            403,
            &not_active(),
            &format!("{function} for an Inactive account"),
        );
        assert_refused(
            &app.call(&browser(), function, &form).await,
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
    let body = json!({ "name": "Night intake", "permissions": Value::from(0) });
    let (code, role) = app.call_json(&manager, "create_role", body).await;
    assert_eq!(code, 200, "{role}");
    let (_, roles) = app.call(&manager, "list_roles", &[]).await;
    let listed = roles
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["name"] == "Night intake")
        .unwrap()
        .clone();
    assert_eq!(listed["holders"], 0);

    // Tick "view clients" and "create clients" (the set is sent as the policy crate serializes it).
    let ticked: policy::PermissionSet = [Permission::ViewClients, Permission::CreateClients]
        .into_iter()
        .collect();
    let body = json!({ "id": role, "name": "Night intake desk", "permissions": ticked });
    assert_eq!(app.call_json(&manager, "update_role", body).await.0, 200);
    let (_, details) = app
        .call(&manager, "load_role", &[("id", &role.to_string())])
        .await;
    let stored: policy::PermissionSet = serde_json::from_value(details["permissions"].clone()).unwrap();
    assert_eq!(
        (details["name"].as_str(), stored),
        (Some("Night intake desk"), ticked)
    );

    let role_id = role.as_i64().unwrap();
    let holder = app.add_account(Account::active("holder@agency.example")).await;
    sqlx::query("UPDATE personnel SET role_id = $1 WHERE id = $2")
        .bind(role_id)
        .bind(holder.0)
        .execute(&app.pool)
        .await
        .unwrap();
    let (_, details) = app
        .call(&manager, "load_role", &[("id", &role.to_string())])
        .await;
    assert_eq!(details["holders"][0]["id"], json!(holder.0), "who has the role");
    let (code, body) = app
        .call(&manager, "delete_role", &[("id", &role.to_string())])
        .await;
    assert_eq!(code, 409, "{body}");
    assert!(message(&body).contains("1 person has it"), "{body}");

    sqlx::query("UPDATE personnel SET role_id = (SELECT MIN(id) FROM roles) WHERE id = $1")
        .bind(holder.0)
        .execute(&app.pool)
        .await
        .unwrap();
    assert_eq!(
        app.call(&manager, "delete_role", &[("id", &role.to_string())])
            .await
            .0,
        200
    );
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
    for (client, expected, reason) in refusals {
        let answers = [
            ("list_roles", app.call(client, "list_roles", &[]).await),
            ("load_role", app.call(client, "load_role", &[("id", "1")]).await),
            (
                "delete_role",
                app.call(client, "delete_role", &[("id", "1")]).await,
            ),
            (
                "create_role",
                app.call_json(client, "create_role", json!({ "name": "X", "permissions": 0 }))
                    .await,
            ),
            (
                "update_role",
                app.call_json(
                    client,
                    "update_role",
                    json!({ "id": 1, "name": "X", "permissions": 0 }),
                )
                .await,
            ),
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
    let (code, id) = app
        .call(
            &admin,
            "create_organization",
            &[("name", "Eastside Family Services")],
        )
        .await;
    assert_eq!(code, 200, "{id}");
    let id = id.to_string();
    assert_eq!(
        app.call(
            &admin,
            "rename_organization",
            &[("id", &id), ("name", "Eastside Families")]
        )
        .await
        .0,
        200
    );
    let (_, list) = app.call(&admin, "list_organizations", &[]).await;
    assert!(
        list.as_array()
            .unwrap()
            .iter()
            .any(|o| o["name"] == "Eastside Families"),
        "{list}"
    );
    let (code, body) = app
        .call(&admin, "create_organization", &[("name", "eastside families")])
        .await;
    assert_eq!(code, 422, "{body}");

    let (code, body) = app
        .call(&everyone, "create_organization", &[("name", "Westside")])
        .await;
    assert_eq!(code, 403, "every permission is not enough: {body}");
    assert!(message(&body).contains("site administrator"), "{body}");
    assert_eq!(app.call(&everyone, "list_organizations", &[]).await.0, 403);
    assert_eq!(
        app.call(&browser(), "rename_organization", &[("id", &id), ("name", "W")])
            .await
            .0,
        401
    );
    make_inactive(&app, admin_id).await;
    assert_eq!(app.call(&admin, "list_organizations", &[]).await.0, 403);
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
    let (code, body) = app
        .call(&manager, "delete_personnel", &[("id", &named.0.to_string())])
        .await;
    assert_eq!(code, 409, "{body}");
    assert!(message(&body).contains("access rules"), "{body}");
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
    let (code, settings) = app.call(&admin, "load_site_settings", &[]).await;
    assert_eq!(code, 200);
    assert_eq!(settings["access"]["client_visibility"], "AllUsers", "the default");
    assert_eq!(settings["password_recovery"], true, "the default");

    let changed = json!({ "settings": {
        "access": { "client_visibility": "ResponsibleUser", "assign_new_clients_to_creator": true },
        "password_recovery": false
    }});
    assert_eq!(
        app.call_json(&everyone, "save_site_settings", changed.clone())
            .await
            .0,
        403
    );
    assert_eq!(app.call(&everyone, "load_site_settings", &[]).await.0, 403);
    assert_eq!(
        app.call_json(&browser(), "save_site_settings", changed.clone())
            .await
            .0,
        401
    );
    let (code, body) = app.call_json(&admin, "save_site_settings", changed.clone()).await;
    assert_eq!(code, 200, "{body}");
    let (_, settings) = app.call(&admin, "load_site_settings", &[]).await;
    assert_eq!(settings, changed["settings"]);
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
    assert_eq!(app.call(&admin, "load_site_settings", &[]).await.0, 403);
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
    let forms: [(&str, Vec<(&str, &str)>); 4] = [
        ("list_organizations", vec![]),
        ("create_organization", vec![("name", "Westside")]),
        ("rename_organization", vec![("id", &org), ("name", "Westside")]),
        ("load_site_settings", vec![]),
    ];
    let administrators_only = policy::AdministrationRefusal::SiteAdministratorsOnly.to_string();
    for (function, form) in forms {
        assert_refused(
            &app.call(&everyone, function, &form).await,
            403,
            &administrators_only,
            &format!("{function} without being a site administrator"),
        );
        assert_refused(
            &app.call(&inactive, function, &form).await,
            403,
            &not_active(),
            &format!("{function} for an Inactive account"),
        );
        assert_refused(
            &app.call(&browser(), function, &form).await,
            401,
            &please_sign_in(),
            &format!("{function} signed out"),
        );
    }
    let settings = json!({ "settings": {
        "access": { "client_visibility": "AllUsers", "assign_new_clients_to_creator": false },
        "password_recovery": true
    }});
    assert_refused(
        &app.call_json(&inactive, "save_site_settings", settings).await,
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
    let form = [
        ("question", "First bike?"),
        ("answer", "blue"),
        ("current_password", crate::support::PASSWORD),
    ];
    for (client, expected, reason) in [(&worker, 403, not_active()), (&browser(), 401, please_sign_in())] {
        let answer = app.call(client, "my_security_question", &[]).await;
        assert_refused(&answer, expected, &reason, "my_security_question");
        let answer = app.call(client, "set_security_question", &form).await;
        assert_refused(&answer, expected, &reason, "set_security_question");
    }
}
