//! The personnel directory over HTTP (spec, "Personnel lifecycle"): each server function allowed
//! for the right role and refused for a person without the permission, for
//! an Inactive account and for a signed-out visitor; the password rules,
//! unique e-mails, deletion, deactivation and the audit trail.

use policy::Permission;
use serde_json::{Value, json};

use crate::support::{
    Account, PASSWORD, TestApp, assert_refused, browser, kind, message, not_active, please_sign_in, spawn_app,
};

const MANAGER: &str = "manager@agency.example";
const NEW_PASSWORD: &str = "orchard ladder breeze";

fn manager() -> Account<'static> {
    Account::holding(MANAGER, &[Permission::ManagePersonnel])
}

/// The organization and a role of the test agency, as JSON numbers.
async fn organization_and_role(app: &TestApp) -> (i64, i64) {
    let (organization,): (i64,) = sqlx::query_as("SELECT id FROM organizations LIMIT 1")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    let (role,): (i64,) = sqlx::query_as("SELECT id FROM roles ORDER BY id LIMIT 1")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    (organization, role)
}

fn details(organization: i64, role: i64, name: &str, email: &str) -> Value {
    json!({
        "name": name, "email": email, "job_title": "Family advocate", "phone": "", "address": "",
        "organization": organization, "default_location": "Main office", "supervisor": null,
        "case_manager": true, "role": role, "teams": [], "status": "Active",
        "site_administrator": false, "support_issues": "Internal"
    })
}

fn new_account(details: Value, password: &str) -> Value {
    json!({ "account": {
        "details": details, "password": password, "confirm_password": password,
        "require_password_change": true
    }})
}

async fn add(app: &TestApp, client: &reqwest::Client, name: &str, email: &str) -> (u16, Value) {
    let (organization, role) = organization_and_role(app).await;
    app.call_json(
        client,
        "add_personnel",
        new_account(details(organization, role, name, email), NEW_PASSWORD),
    )
    .await
}

async fn status_of(app: &TestApp, id: i64) -> String {
    let (status,): (String,) = sqlx::query_as("SELECT status FROM personnel WHERE id = $1")
        .bind(id)
        .fetch_one(&app.pool)
        .await
        .unwrap();
    status
}

#[tokio::test]
async fn an_administrator_adds_a_person_who_must_change_the_password_at_first_sign_in() {
    let app = spawn_app().await;
    let (admin, _) = app.signed_in(manager()).await;
    let (code, id) = add(&app, &admin, "Robin Quill", "Robin.Quill@Agency.example").await;
    assert_eq!(code, 200, "{id}");

    let newcomer = browser();
    let (code, _) = app
        .sign_in(&newcomer, "robin.quill@agency.example", NEW_PASSWORD)
        .await;
    assert_eq!(code, 200, "the e-mail signs in whatever its case");
    let (code, me) = app.call(&newcomer, "whoami", &[]).await;
    assert_eq!((code, me["must_change_password"].as_bool()), (200, Some(true)));
    let (code, body) = app.call(&newcomer, "open_area", &[("area", "Clients")]).await;
    assert_eq!((code, kind(&body).as_str()), (403, "PasswordChangeRequired"));

    let (code, options) = app.call(&admin, "load_directory_options", &[]).await;
    assert_eq!(code, 200);
    assert!(
        options["roles"].as_array().is_some_and(|r| !r.is_empty()),
        "{options}"
    );
    assert_eq!(
        options["may_set_site_administrator"], false,
        "a personnel manager is not a site administrator"
    );
    let id = id.as_i64().unwrap().to_string();
    let (code, record) = app.call(&admin, "load_personnel_record", &[("id", &id)]).await;
    assert_eq!(code, 200);
    assert_eq!(record["details"]["job_title"], "Family advocate");
    assert_eq!(record["details"]["support_issues"], "Internal");
    assert!(record.get("password_hash").is_none() && !record.to_string().contains("argon2"));
}

#[tokio::test]
async fn every_directory_function_is_refused_without_the_permission_for_an_inactive_account_and_signed_out() {
    let app = spawn_app().await;
    let (reader, reader_id) = app.signed_in(Account::active("reader@agency.example")).await;
    let (code, body) = add(&app, &reader, "Sam Lee", "sam@agency.example").await;
    assert_eq!(code, 403, "{body}");
    assert!(message(&body).contains("Manage personnel"), "{body}");

    let (admin, admin_id) = app.signed_in(manager()).await;
    sqlx::query("UPDATE personnel SET status = 'Inactive' WHERE id = $1")
        .bind(admin_id.0)
        .execute(&app.pool)
        .await
        .unwrap();
    assert_refused(
        &add(&app, &admin, "Sam Lee", "sam@agency.example").await,
        403,
        &not_active(),
        "an account made Inactive behind the app's back is refused",
    );
    assert_refused(
        &add(&app, &browser(), "Sam Lee", "sam@agency.example").await,
        401,
        &please_sign_in(),
        "add_personnel signed out",
    );
    let id = reader_id.0.to_string();
    let form_calls: [(&str, Vec<(&str, &str)>); 6] = [
        (
            "search_personnel",
            vec![("query", ""), ("show_inactive", "false")],
        ),
        ("load_directory_options", vec![]),
        ("load_personnel_record", vec![("id", &id)]),
        ("set_personnel_status", vec![("id", &id), ("status", "Inactive")]),
        (
            "reset_personnel_password",
            vec![
                ("id", &id),
                ("password", NEW_PASSWORD),
                ("confirm_password", NEW_PASSWORD),
            ],
        ),
        ("delete_personnel", vec![("id", &id)]),
    ];
    for (function, form) in form_calls {
        assert_refused(
            &app.call(&reader, function, &form).await,
            403,
            "Manage personnel",
            &format!("{function} without the permission"),
        );
        assert_refused(
            &app.call(&admin, function, &form).await,
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
    let (organization, role) = organization_and_role(&app).await;
    let update = json!({ "id": reader_id.0, "details": details(organization, role, "Changed", "changed@agency.example") });
    assert_refused(
        &app.call_json(&reader, "update_personnel", update.clone()).await,
        403,
        "Manage personnel",
        "update_personnel without the permission",
    );
    assert_refused(
        &app.call_json(&admin, "update_personnel", update.clone()).await,
        403,
        &not_active(),
        "update_personnel for an Inactive account",
    );
    assert_refused(
        &app.call_json(&browser(), "update_personnel", update).await,
        401,
        &please_sign_in(),
        "update_personnel signed out",
    );
    assert_refused(
        &app.call(&admin, "my_team", &[]).await,
        403,
        &not_active(),
        "my_team for an Inactive account",
    );
    assert_refused(
        &app.call(&browser(), "my_team", &[]).await,
        401,
        &please_sign_in(),
        "my_team signed out",
    );
    assert_eq!(status_of(&app, reader_id.0).await, "Active", "nothing changed");
    let count: (i64,) = sqlx::query_as("SELECT COUNT(*) FROM personnel")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(count.0, 2, "nothing was added");
}

#[tokio::test]
async fn the_form_says_which_password_rule_failed_and_changes_nothing() {
    let app = spawn_app().await;
    let (admin, _) = app.signed_in(manager()).await;
    let (organization, role) = organization_and_role(&app).await;
    let cases = [
        ("short pass", "at least 12"),
        ("robin quill garden gate", "name or e-mail"),
        ("QWERTY123456", "common or breached"),
        ("Password123456", "too easy to guess"),
    ];
    for (password, rule) in cases {
        let body = new_account(
            details(organization, role, "Robin Quill", "robin@agency.example"),
            password,
        );
        let (code, body) = app.call_json(&admin, "add_personnel", body).await;
        assert_eq!((code, kind(&body).as_str()), (422, "Invalid"), "{body}");
        let field = body["Invalid"]["fields"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["field"] == "password");
        assert!(
            field.is_some_and(|f| f["message"].as_str().unwrap().contains(rule)),
            "{body}"
        );
    }
    let mut mismatch = new_account(
        details(organization, role, "Robin Quill", "robin@agency.example"),
        NEW_PASSWORD,
    );
    mismatch["account"]["confirm_password"] = json!("something else entirely");
    let (code, body) = app.call_json(&admin, "add_personnel", mismatch).await;
    assert_eq!(code, 422);
    assert!(body.to_string().contains("confirm_password"), "{body}");
    let (count,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM personnel WHERE email = 'robin@agency.example'")
            .fetch_one(&app.pool)
            .await
            .unwrap();
    assert_eq!(count, 0);
}

#[tokio::test]
async fn the_organizations_own_name_with_a_year_is_refused_as_a_password_there() {
    let app = spawn_app().await;
    let (admin, _) = app.signed_in(manager()).await;
    let (organization, role) = organization_and_role(&app).await;
    let add_with = |email: &'static str| {
        new_account(
            details(organization, role, "Robin Quill", email),
            "Riverside2026!",
        )
    };
    let (code, body) = app
        .call_json(&admin, "add_personnel", add_with("robin@agency.example"))
        .await;
    assert_eq!(
        code, 200,
        "in the test agency the word is not the organization's: {body}"
    );

    sqlx::query("UPDATE organizations SET name = 'Riverside Child Advocacy Centre' WHERE id = $1")
        .bind(organization)
        .execute(&app.pool)
        .await
        .unwrap();
    let (code, body) = app
        .call_json(&admin, "add_personnel", add_with("quill@agency.example"))
        .await;
    assert_eq!((code, kind(&body).as_str()), (422, "Invalid"), "{body}");
    let field = body["Invalid"]["fields"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["field"] == "password");
    assert!(
        field.is_some_and(|f| f["message"].as_str().unwrap().contains("too easy to guess")),
        "{body}"
    );
    let (count,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM personnel WHERE email = 'quill@agency.example'")
            .fetch_one(&app.pool)
            .await
            .unwrap();
    assert_eq!(count, 0, "nothing was added");
}

#[tokio::test]
async fn an_e_mail_is_unique_regardless_of_case() {
    let app = spawn_app().await;
    let (admin, _) = app.signed_in(manager()).await;
    let (code, body) = add(&app, &admin, "Someone Else", "MANAGER@agency.example").await;
    assert_eq!((code, kind(&body).as_str()), (422, "Invalid"));
    assert_eq!(body["Invalid"]["fields"][0]["field"], "email");
    assert!(body.to_string().contains("already used"), "{body}");
}

#[tokio::test]
async fn only_a_site_administrator_makes_a_site_administrator_or_manages_one() {
    let app = spawn_app().await;
    let (admin, _) = app.signed_in(manager()).await;
    let (organization, role) = organization_and_role(&app).await;
    let mut boss = details(organization, role, "Boss Person", "boss@agency.example");
    boss["site_administrator"] = json!(true);
    let (code, body) = app
        .call_json(&admin, "add_personnel", new_account(boss.clone(), NEW_PASSWORD))
        .await;
    assert_eq!(code, 403, "{body}");
    assert!(message(&body).contains("site administrator"), "{body}");

    let site_admin = app
        .add_account(Account {
            site_administrator: true,
            ..Account::active("root@agency.example")
        })
        .await;
    let id = site_admin.0.to_string();
    let form = [
        ("id", id.as_str()),
        ("password", NEW_PASSWORD),
        ("confirm_password", NEW_PASSWORD),
    ];
    let (code, _) = app.call(&admin, "reset_personnel_password", &form).await;
    assert_eq!(
        code, 403,
        "a personnel manager cannot take over a site administrator's account"
    );

    let (root, _) = app
        .signed_in(Account {
            site_administrator: true,
            ..Account::active("top@agency.example")
        })
        .await;
    let (code, body) = app
        .call_json(&root, "add_personnel", new_account(boss, NEW_PASSWORD))
        .await;
    assert_eq!(code, 200, "{body}");
}

#[tokio::test]
async fn searching_finds_by_name_e_mail_or_job_title_and_hides_inactive_and_pending_by_default() {
    let app = spawn_app().await;
    let (admin, _) = app.signed_in(manager()).await;
    for (name, email) in [
        ("Ana Ortiz", "ana@agency.example"),
        ("Bo Ortiz", "bo@agency.example"),
    ] {
        assert_eq!(add(&app, &admin, name, email).await.0, 200);
    }
    sqlx::query("UPDATE personnel SET status = 'Pending' WHERE email = 'bo@agency.example'")
        .execute(&app.pool)
        .await
        .unwrap();
    let names = |body: &Value| -> Vec<String> {
        body.as_array()
            .unwrap()
            .iter()
            .map(|p| p["name"].as_str().unwrap().to_owned())
            .collect()
    };
    let (code, found) = app
        .call(
            &admin,
            "search_personnel",
            &[("query", "ortiz"), ("show_inactive", "false")],
        )
        .await;
    assert_eq!((code, names(&found)), (200, vec!["Ana Ortiz".to_owned()]));
    let (_, found) = app
        .call(
            &admin,
            "search_personnel",
            &[("query", "ORTIZ"), ("show_inactive", "true")],
        )
        .await;
    assert_eq!(names(&found), vec!["Ana Ortiz", "Bo Ortiz"]);
    assert_eq!(found[1]["status"], "Pending");
    let (_, found) = app
        .call(
            &admin,
            "search_personnel",
            &[("query", "ana@agency"), ("show_inactive", "false")],
        )
        .await;
    assert_eq!(
        names(&found),
        Vec::<String>::new(),
        "a part of an e-mail address finds nobody"
    );
    let (_, found) = app
        .call(
            &admin,
            "search_personnel",
            &[("query", "Ana@Agency.example"), ("show_inactive", "false")],
        )
        .await;
    assert_eq!(
        names(&found),
        vec!["Ana Ortiz"],
        "the whole address, whatever its case"
    );
    let (_, found) = app
        .call(
            &admin,
            "search_personnel",
            &[("query", "family adv"), ("show_inactive", "false")],
        )
        .await;
    assert_eq!(names(&found), vec!["Ana Ortiz"], "by job title");
    let (_, found) = app
        .call(
            &admin,
            "search_personnel",
            &[("query", "%"), ("show_inactive", "true")],
        )
        .await;
    assert_eq!(names(&found), Vec::<String>::new(), "% is matched literally");
}

#[tokio::test]
async fn making_an_account_inactive_ends_its_sessions_at_once() {
    let app = spawn_app().await;
    let (admin, _) = app.signed_in(manager()).await;
    let (worker, worker_id) = app.signed_in(Account::active("worker@agency.example")).await;
    assert_eq!(
        app.call(&worker, "open_area", &[("area", "Clients")]).await.0,
        200
    );

    let id = worker_id.0.to_string();
    let (code, body) = app
        .call(
            &admin,
            "set_personnel_status",
            &[("id", &id), ("status", "Inactive")],
        )
        .await;
    assert_eq!(code, 200, "{body}");
    let (code, _) = app.call(&worker, "open_area", &[("area", "Clients")]).await;
    assert_eq!(code, 401, "the next request is refused");
    assert_eq!(
        app.sign_in(&browser(), "worker@agency.example", PASSWORD).await.0,
        403
    );
    assert_eq!(status_of(&app, worker_id.0).await, "Inactive");

    let (before, after): (String, String) = sqlx::query_as(
        "SELECT before_value, after_value FROM audit_log WHERE action = 'personnel.status' AND entity_id = $1",
    )
    .bind(worker_id.0)
    .fetch_one(&app.pool)
    .await
    .unwrap();
    assert_eq!(
        (before.as_str(), after.as_str()),
        (r#"{"status":"Active"}"#, r#"{"status":"Inactive"}"#)
    );
}

#[tokio::test]
async fn editing_an_account_saves_every_detail_and_records_before_and_after() {
    let app = spawn_app().await;
    let (admin, admin_id) = app.signed_in(manager()).await;
    let (_, id) = add(&app, &admin, "Ana Ortiz", "ana@agency.example").await;
    let (organization, role) = organization_and_role(&app).await;
    let mut changed = details(organization, role, "Ana Ortiz-Reyes", "ana.reyes@agency.example");
    changed["supervisor"] = json!(admin_id.0);
    changed["status"] = json!("Pending");
    let (code, body) = app
        .call_json(
            &admin,
            "update_personnel",
            json!({ "id": id, "details": changed }),
        )
        .await;
    assert_eq!(code, 200, "{body}");
    let (_, record) = app
        .call(&admin, "load_personnel_record", &[("id", &id.to_string())])
        .await;
    assert_eq!(record["details"]["name"], "Ana Ortiz-Reyes");
    assert_eq!(record["details"]["supervisor"], json!(admin_id.0));
    assert_eq!(record["details"]["status"], "Pending");
    let (before, after): (String, String) = sqlx::query_as(
        "SELECT before_value, after_value FROM audit_log WHERE action = 'personnel.update' AND entity_id = $1",
    )
    .bind(id.as_i64().unwrap())
    .fetch_one(&app.pool)
    .await
    .unwrap();
    assert!(
        before.contains("\"Ana Ortiz\"") && after.contains("Ana Ortiz-Reyes"),
        "{before} → {after}"
    );

    let (_, team) = app.call(&admin, "my_team", &[]).await;
    assert_eq!(
        team[0]["name"], "Ana Ortiz-Reyes",
        "the supervisor sees the report in My team"
    );

    let mut myself = details(organization, role, "Jordan Tester", MANAGER);
    myself["status"] = json!("Inactive");
    let (code, body) = app
        .call_json(
            &admin,
            "update_personnel",
            json!({ "id": admin_id.0, "details": myself }),
        )
        .await;
    assert_eq!(code, 422, "nobody deactivates their own account: {body}");
}

#[tokio::test]
async fn delete_is_refused_for_a_referenced_account_and_allowed_otherwise() {
    let app = spawn_app().await;
    let (admin, admin_id) = app.signed_in(manager()).await;
    let (_, lone) = add(&app, &admin, "Lone Person", "lone@agency.example").await;
    let (_, busy) = add(&app, &admin, "Busy Person", "busy@agency.example").await;
    sqlx::query("UPDATE personnel SET supervisor_id = $1 WHERE id = $2")
        .bind(busy.as_i64().unwrap())
        .bind(admin_id.0)
        .execute(&app.pool)
        .await
        .unwrap();

    let (code, body) = app
        .call(&admin, "delete_personnel", &[("id", &busy.to_string())])
        .await;
    assert_eq!((code, kind(&body).as_str()), (409, "Conflict"), "{body}");
    assert!(
        message(&body).contains("Make the account Inactive instead"),
        "{body}"
    );
    assert_eq!(
        status_of(&app, busy.as_i64().unwrap()).await,
        "Active",
        "nothing changed"
    );

    let (code, body) = app
        .call(&admin, "delete_personnel", &[("id", &lone.to_string())])
        .await;
    assert_eq!(code, 200, "{body}");
    let (code, _) = app
        .call(&admin, "load_personnel_record", &[("id", &lone.to_string())])
        .await;
    assert_eq!(code, 404);

    let (code, _) = app
        .call(&admin, "delete_personnel", &[("id", &admin_id.0.to_string())])
        .await;
    assert_eq!(code, 409, "nobody deletes their own account");
}

#[tokio::test]
async fn making_an_account_pending_ends_its_sessions_at_once_too() {
    let app = spawn_app().await;
    let (admin, _) = app.signed_in(manager()).await;
    let (worker, worker_id) = app.signed_in(Account::active("worker@agency.example")).await;
    let id = worker_id.0.to_string();
    let (code, body) = app
        .call(
            &admin,
            "set_personnel_status",
            &[("id", &id), ("status", "Pending")],
        )
        .await;
    assert_eq!(code, 200, "{body}");
    assert_eq!(
        app.call(&worker, "open_area", &[("area", "Clients")]).await.0,
        401
    );
    assert_eq!(status_of(&app, worker_id.0).await, "Pending");
}

#[tokio::test]
async fn delete_is_refused_while_a_client_a_session_an_allowed_list_an_override_or_an_audit_entry_refers_to_the_person()
 {
    let app = spawn_app().await;
    let (admin, _) = app.signed_in(manager()).await;
    let organization: (i64,) = sqlx::query_as("SELECT MIN(id) FROM organizations")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    let mut referenced = Vec::new();
    for (i, reference) in [
        "INSERT INTO clients (organization_id, first_name, last_name, created_by, created_at) VALUES ($2, 'A', 'B', $1, 0)",
        "INSERT INTO clients (organization_id, first_name, last_name, responsible_personnel_id, created_by, created_at) \
         VALUES ($2, 'C', 'D', $1, (SELECT MIN(id) FROM personnel), 0)",
        "INSERT INTO client_allowed_personnel (client_id, personnel_id) \
         VALUES ((SELECT MIN(id) FROM clients WHERE organization_id = $2), $1)",
        "INSERT INTO overrides (personnel_id, record_kind, record_id, reason, granted_at, expires_at) \
         VALUES ($1, 'client', (SELECT MIN(id) FROM clients WHERE organization_id = $2), 'a reason long enough', 0, 900)",
        "INSERT INTO audit_log (at, actor_id, action, entity, entity_id) \
         VALUES (0, $1, 'client.update', 'clients', (SELECT MIN(id) FROM clients WHERE organization_id = $2))",
        "INSERT INTO session_records (organization_id, title, held_on, created_by, created_at) \
         VALUES ($2, 'Group', '2026-11-20', $1, 0)",
        "INSERT INTO session_facilitators (session_record_id, personnel_id) \
         VALUES ((SELECT MIN(id) FROM session_records WHERE organization_id = $2), $1)",
    ]
    .into_iter()
    .enumerate()
    {
        let email = format!("ref{i}@agency.example");
        let person = app.add_account(Account::active(&email)).await;
        sqlx::query(reference)
            .bind(person.0)
            .bind(organization.0)
            .execute(&app.pool)
            .await
            .unwrap();
        referenced.push(person);
    }
    for person in referenced {
        let (code, body) = app
            .call(&admin, "delete_personnel", &[("id", &person.0.to_string())])
            .await;
        assert_eq!(code, 409, "person {person}: {body}");
        assert_eq!(status_of(&app, person.0).await, "Active", "nothing changed");
    }
}

#[tokio::test]
async fn an_administrator_resets_a_password_and_the_person_must_change_it() {
    let app = spawn_app().await;
    // A reset needs to hold what the person's role holds ("view clients").
    let (admin, _) = app
        .signed_in(Account::holding(
            MANAGER,
            &[Permission::ManagePersonnel, Permission::ViewClients],
        ))
        .await;
    let (worker, worker_id) = app.signed_in(Account::active("worker@agency.example")).await;
    let id = worker_id.0.to_string();
    let form = [
        ("id", id.as_str()),
        ("password", NEW_PASSWORD),
        ("confirm_password", NEW_PASSWORD),
    ];
    let (code, body) = app.call(&admin, "reset_personnel_password", &form).await;
    assert_eq!(code, 200, "{body}");
    assert_eq!(
        app.call(&worker, "whoami", &[]).await.0,
        401,
        "the old session ended"
    );
    assert_eq!(
        app.sign_in(&browser(), "worker@agency.example", PASSWORD).await.0,
        401
    );
    let again = browser();
    assert_eq!(
        app.sign_in(&again, "worker@agency.example", NEW_PASSWORD).await.0,
        200
    );
    let (_, me) = app.call(&again, "whoami", &[]).await;
    assert_eq!(me["must_change_password"], true);
}

#[tokio::test]
async fn the_audit_trail_cannot_be_changed_or_deleted() {
    let app = spawn_app().await;
    let (admin, _) = app.signed_in(manager()).await;
    assert_eq!(add(&app, &admin, "Ana Ortiz", "ana@agency.example").await.0, 200);
    let update = sqlx::query("UPDATE audit_log SET action = 'nothing'")
        .execute(&app.pool)
        .await;
    assert!(update.is_err());
    let delete = sqlx::query("DELETE FROM audit_log").execute(&app.pool).await;
    assert!(delete.is_err());
    let (count,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM audit_log")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(count, 1);
}
