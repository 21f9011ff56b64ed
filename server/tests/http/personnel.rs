//! The personnel directory over HTTP (spec, "Personnel lifecycle"): each server function allowed
//! for the right role and refused for a person without the permission, for
//! an Inactive account and for a signed-out visitor; the password rules,
//! unique e-mails, deletion, deactivation and the audit trail.

use app::api::area::OpenArea;
use app::api::personnel::{
    DeletePersonnel, LoadDirectoryOptions, LoadPersonnelRecord, MyTeam, ResetPersonnelPassword,
    SearchPersonnel, SetPersonnelStatus, UpdatePersonnel,
};
use app::api::session::Whoami;
use app::directory::{PersonnelForm, PersonnelSummary, SupportIssues};
use app::error::AppError;
use policy::{Area, OrganizationId, Permission, PersonnelId, PersonnelStatus, RoleId};

use crate::support::fixtures::add_personnel;
use crate::support::{
    Account, Answer, PASSWORD, TestApp, assert_refused, browser, not_active, please_sign_in, spawn_app,
};

const MANAGER: &str = "manager@agency.example";
const NEW_PASSWORD: &str = "orchard ladder breeze";

fn manager() -> Account<'static> {
    Account::holding(MANAGER, &[Permission::ManagePersonnel])
}

/// The organization and a role of the test agency.
async fn organization_and_role(app: &TestApp) -> (OrganizationId, RoleId) {
    let (organization,): (i64,) = sqlx::query_as("SELECT id FROM organizations LIMIT 1")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    let (role,): (i64,) = sqlx::query_as("SELECT id FROM roles ORDER BY id LIMIT 1")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    (OrganizationId(organization), RoleId(role))
}

fn details(organization: OrganizationId, role: RoleId, name: &str, email: &str) -> PersonnelForm {
    PersonnelForm {
        job_title: "Family advocate".into(),
        default_location: "Main office".into(),
        case_manager: true,
        support_issues: SupportIssues::Internal,
        ..PersonnelForm::new(organization, role, name, email)
    }
}

async fn add(app: &TestApp, client: &reqwest::Client, name: &str, email: &str) -> Answer<PersonnelId> {
    let (organization, role) = organization_and_role(app).await;
    let add = add_personnel(details(organization, role, name, email), NEW_PASSWORD);
    app.ask(client, add).await
}

async fn status_of(app: &TestApp, id: PersonnelId) -> String {
    let (status,): (String,) = sqlx::query_as("SELECT status FROM personnel WHERE id = $1")
        .bind(id.0)
        .fetch_one(&app.pool)
        .await
        .unwrap();
    status
}

fn open_clients() -> OpenArea {
    OpenArea { area: Area::Clients }
}

fn search(query: &str, show_inactive: bool) -> SearchPersonnel {
    SearchPersonnel {
        query: query.into(),
        show_inactive,
    }
}

fn reset_password(id: PersonnelId) -> ResetPersonnelPassword {
    ResetPersonnelPassword {
        id,
        password: NEW_PASSWORD.into(),
        confirm_password: NEW_PASSWORD.into(),
    }
}

fn set_status(id: PersonnelId, status: PersonnelStatus) -> SetPersonnelStatus {
    SetPersonnelStatus { id, status }
}

/// The message of the refused form's field `field`, when the answer is a
/// 422 `Invalid`.
#[track_caller]
fn invalid_field<T: std::fmt::Debug>(answer: Answer<T>, field: &str) -> Option<String> {
    let (status, result) = answer.parts();
    match result {
        Err(error @ AppError::Invalid { .. }) if status == 422 => error.field(field),
        other => panic!("expected 422 Invalid, got {status}: {other:?}"),
    }
}

#[tokio::test]
async fn an_administrator_adds_a_person_who_must_change_the_password_at_first_sign_in() {
    let app = spawn_app().await;
    let (admin, _) = app.signed_in(manager()).await;
    let id = add(&app, &admin, "Robin Quill", "Robin.Quill@Agency.example")
        .await
        .ok();

    let newcomer = browser();
    let code = app
        .sign_in(&newcomer, "robin.quill@agency.example", NEW_PASSWORD)
        .await
        .status;
    assert_eq!(code, 200, "the e-mail signs in whatever its case");
    let me = app.ask(&newcomer, Whoami {}).await.ok();
    assert!(me.must_change_password);
    assert_eq!(
        app.ask(&newcomer, open_clients()).await.parts(),
        (403, Err(AppError::PasswordChangeRequired))
    );

    let options = app.ask(&admin, LoadDirectoryOptions {}).await.ok();
    assert!(!options.roles.is_empty(), "{options:?}");
    assert!(
        !options.may_set_site_administrator,
        "a personnel manager is not a site administrator"
    );
    let record = app.ask(&admin, LoadPersonnelRecord { id }).await.ok();
    assert_eq!(record.details.job_title, "Family advocate");
    assert_eq!(record.details.support_issues, SupportIssues::Internal);
    // The body as sent: decoding would drop a field the type does not know.
    let (code, body) = app.ask_raw(&admin, LoadPersonnelRecord { id }).await;
    assert_eq!(code, 200);
    assert!(
        !body.contains("password_hash") && !body.contains("argon2"),
        "{body}"
    );
}

/// The directory functions that take no personnel form, by endpoint.
const DIRECTORY_FUNCTIONS: [&str; 6] = [
    "search_personnel",
    "load_directory_options",
    "load_personnel_record",
    "set_personnel_status",
    "reset_personnel_password",
    "delete_personnel",
];

/// Calls `function` (one of [`DIRECTORY_FUNCTIONS`]) about `id`, with its
/// answer erased to compare answers.
async fn ask_directory_function(
    app: &TestApp,
    who: &reqwest::Client,
    function: &str,
    id: PersonnelId,
) -> Answer<String> {
    match function {
        "search_personnel" => app.ask(who, search("", false)).await.erased(),
        "load_directory_options" => app.ask(who, LoadDirectoryOptions {}).await.erased(),
        "load_personnel_record" => app.ask(who, LoadPersonnelRecord { id }).await.erased(),
        "set_personnel_status" => {
            let inactive = set_status(id, PersonnelStatus::Inactive);
            app.ask(who, inactive).await.erased()
        }
        "reset_personnel_password" => app.ask(who, reset_password(id)).await.erased(),
        "delete_personnel" => app.ask(who, DeletePersonnel { id }).await.erased(),
        other => panic!("{other} is not a directory function"),
    }
}

#[tokio::test]
async fn every_directory_function_is_refused_without_the_permission_for_an_inactive_account_and_signed_out() {
    let app = spawn_app().await;
    let (reader, reader_id) = app.signed_in(Account::active("reader@agency.example")).await;
    assert_refused(
        &add(&app, &reader, "Sam Lee", "sam@agency.example").await,
        403,
        "Manage personnel",
        "add_personnel without the permission",
    );

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
    for function in DIRECTORY_FUNCTIONS {
        assert_refused(
            &ask_directory_function(&app, &reader, function, reader_id).await,
            403,
            "Manage personnel",
            &format!("{function} without the permission"),
        );
        assert_refused(
            &ask_directory_function(&app, &admin, function, reader_id).await,
            403,
            &not_active(),
            &format!("{function} for an Inactive account"),
        );
        assert_refused(
            &ask_directory_function(&app, &browser(), function, reader_id).await,
            401,
            &please_sign_in(),
            &format!("{function} signed out"),
        );
    }
    let (organization, role) = organization_and_role(&app).await;
    let update = UpdatePersonnel {
        id: reader_id,
        details: details(organization, role, "Changed", "changed@agency.example"),
    };
    assert_refused(
        &app.ask(&reader, update.clone()).await,
        403,
        "Manage personnel",
        "update_personnel without the permission",
    );
    assert_refused(
        &app.ask(&admin, update.clone()).await,
        403,
        &not_active(),
        "update_personnel for an Inactive account",
    );
    assert_refused(
        &app.ask(&browser(), update).await,
        401,
        &please_sign_in(),
        "update_personnel signed out",
    );
    assert_refused(
        &app.ask(&admin, MyTeam {}).await,
        403,
        &not_active(),
        "my_team for an Inactive account",
    );
    assert_refused(
        &app.ask(&browser(), MyTeam {}).await,
        401,
        &please_sign_in(),
        "my_team signed out",
    );
    assert_eq!(status_of(&app, reader_id).await, "Active", "nothing changed");
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
        let add = add_personnel(
            details(organization, role, "Robin Quill", "robin@agency.example"),
            password,
        );
        let message = invalid_field(app.ask(&admin, add).await, "password");
        assert!(
            message.as_ref().is_some_and(|m| m.contains(rule)),
            "{password}: {message:?}"
        );
    }
    let mut mismatch = add_personnel(
        details(organization, role, "Robin Quill", "robin@agency.example"),
        NEW_PASSWORD,
    );
    mismatch.account.confirm_password = "something else entirely".into();
    let answer = app.ask(&admin, mismatch).await;
    assert_eq!(answer.status, 422);
    assert!(
        answer.err().field("confirm_password").is_some(),
        "the second password is the one said to differ"
    );
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
        add_personnel(
            details(organization, role, "Robin Quill", email),
            "Riverside2026!",
        )
    };
    let answer = app.ask(&admin, add_with("robin@agency.example")).await;
    assert_eq!(
        answer.status, 200,
        "in the test agency the word is not the organization's: {answer:?}"
    );

    sqlx::query("UPDATE organizations SET name = 'Riverside Child Advocacy Centre' WHERE id = $1")
        .bind(organization.0)
        .execute(&app.pool)
        .await
        .unwrap();
    let message = invalid_field(
        app.ask(&admin, add_with("quill@agency.example")).await,
        "password",
    );
    assert!(
        message.as_ref().is_some_and(|m| m.contains("too easy to guess")),
        "{message:?}"
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
    let (status, result) = add(&app, &admin, "Someone Else", "MANAGER@agency.example")
        .await
        .parts();
    let Err(AppError::Invalid { fields }) = result else {
        panic!("expected Invalid, got {status}: {result:?}");
    };
    assert_eq!(status, 422);
    assert_eq!(fields[0].field, "email");
    assert!(
        fields.iter().any(|f| f.message.contains("already used")),
        "{fields:?}"
    );
}

#[tokio::test]
async fn only_a_site_administrator_makes_a_site_administrator_or_manages_one() {
    let app = spawn_app().await;
    let (admin, _) = app.signed_in(manager()).await;
    let (organization, role) = organization_and_role(&app).await;
    let boss = PersonnelForm {
        site_administrator: true,
        ..details(organization, role, "Boss Person", "boss@agency.example")
    };
    let answer = app.ask(&admin, add_personnel(boss.clone(), NEW_PASSWORD)).await;
    assert_eq!(answer.status, 403, "{answer:?}");
    assert!(
        answer.err().to_string().contains("site administrator"),
        "the refusal names site administrators"
    );

    let site_admin = app
        .add_account(Account {
            site_administrator: true,
            ..Account::active("root@agency.example")
        })
        .await;
    assert_eq!(
        app.ask(&admin, reset_password(site_admin)).await.status,
        403,
        "a personnel manager cannot take over a site administrator's account"
    );

    let (root, _) = app
        .signed_in(Account {
            site_administrator: true,
            ..Account::active("top@agency.example")
        })
        .await;
    app.ask(&root, add_personnel(boss, NEW_PASSWORD)).await.ok();
}

#[tokio::test]
async fn searching_finds_by_name_e_mail_or_job_title_and_hides_inactive_and_pending_by_default() {
    let app = spawn_app().await;
    let (admin, _) = app.signed_in(manager()).await;
    for (name, email) in [
        ("Ana Ortiz", "ana@agency.example"),
        ("Bo Ortiz", "bo@agency.example"),
    ] {
        assert_eq!(add(&app, &admin, name, email).await.status, 200);
    }
    sqlx::query("UPDATE personnel SET status = 'Pending' WHERE email = 'bo@agency.example'")
        .execute(&app.pool)
        .await
        .unwrap();
    let names =
        |found: &[PersonnelSummary]| -> Vec<String> { found.iter().map(|p| p.name.clone()).collect() };
    let found = app.ask(&admin, search("ortiz", false)).await.ok();
    assert_eq!(names(&found), vec!["Ana Ortiz".to_owned()]);
    let found = app.ask(&admin, search("ORTIZ", true)).await.ok();
    assert_eq!(names(&found), vec!["Ana Ortiz", "Bo Ortiz"]);
    assert_eq!(found[1].status, PersonnelStatus::Pending);
    let found = app.ask(&admin, search("ana@agency", false)).await.ok();
    assert_eq!(
        names(&found),
        Vec::<String>::new(),
        "a part of an e-mail address finds nobody"
    );
    let found = app.ask(&admin, search("Ana@Agency.example", false)).await.ok();
    assert_eq!(
        names(&found),
        vec!["Ana Ortiz"],
        "the whole address, whatever its case"
    );
    let found = app.ask(&admin, search("family adv", false)).await.ok();
    assert_eq!(names(&found), vec!["Ana Ortiz"], "by job title");
    let found = app.ask(&admin, search("%", true)).await.ok();
    assert_eq!(names(&found), Vec::<String>::new(), "% is matched literally");
}

#[tokio::test]
async fn making_an_account_inactive_ends_its_sessions_at_once() {
    let app = spawn_app().await;
    let (admin, _) = app.signed_in(manager()).await;
    let (worker, worker_id) = app.signed_in(Account::active("worker@agency.example")).await;
    assert_eq!(app.ask(&worker, open_clients()).await.status, 200);

    app.ask(&admin, set_status(worker_id, PersonnelStatus::Inactive))
        .await
        .ok();
    assert_eq!(
        app.ask(&worker, open_clients()).await.status,
        401,
        "the next request is refused"
    );
    assert_eq!(
        app.sign_in(&browser(), "worker@agency.example", PASSWORD)
            .await
            .status,
        403
    );
    assert_eq!(status_of(&app, worker_id).await, "Inactive");

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
    let id = add(&app, &admin, "Ana Ortiz", "ana@agency.example").await.ok();
    let (organization, role) = organization_and_role(&app).await;
    let changed = PersonnelForm {
        supervisor: Some(admin_id),
        status: PersonnelStatus::Pending,
        ..details(organization, role, "Ana Ortiz-Reyes", "ana.reyes@agency.example")
    };
    app.ask(&admin, UpdatePersonnel { id, details: changed })
        .await
        .ok();
    let record = app.ask(&admin, LoadPersonnelRecord { id }).await.ok();
    assert_eq!(record.details.name, "Ana Ortiz-Reyes");
    assert_eq!(record.details.supervisor, Some(admin_id));
    assert_eq!(record.details.status, PersonnelStatus::Pending);
    let (before, after): (String, String) = sqlx::query_as(
        "SELECT before_value, after_value FROM audit_log WHERE action = 'personnel.update' AND entity_id = $1",
    )
    .bind(id.0)
    .fetch_one(&app.pool)
    .await
    .unwrap();
    assert!(
        before.contains("\"Ana Ortiz\"") && after.contains("Ana Ortiz-Reyes"),
        "{before} → {after}"
    );

    let team = app.ask(&admin, MyTeam {}).await.ok();
    assert_eq!(
        team[0].name, "Ana Ortiz-Reyes",
        "the supervisor sees the report in My team"
    );

    let myself = PersonnelForm {
        status: PersonnelStatus::Inactive,
        ..details(organization, role, "Jordan Tester", MANAGER)
    };
    let answer = app
        .ask(
            &admin,
            UpdatePersonnel {
                id: admin_id,
                details: myself,
            },
        )
        .await;
    assert_eq!(
        answer.status, 422,
        "nobody deactivates their own account: {answer:?}"
    );
}

#[tokio::test]
async fn delete_is_refused_for_a_referenced_account_and_allowed_otherwise() {
    let app = spawn_app().await;
    let (admin, admin_id) = app.signed_in(manager()).await;
    let lone = add(&app, &admin, "Lone Person", "lone@agency.example").await.ok();
    let busy = add(&app, &admin, "Busy Person", "busy@agency.example").await.ok();
    sqlx::query("UPDATE personnel SET supervisor_id = $1 WHERE id = $2")
        .bind(busy.0)
        .bind(admin_id.0)
        .execute(&app.pool)
        .await
        .unwrap();

    let answer = app.ask(&admin, DeletePersonnel { id: busy }).await;
    assert_eq!(answer.status, 409, "{answer:?}");
    let error = answer.err();
    assert!(matches!(error, AppError::Conflict { .. }), "{error:?}");
    assert!(
        error.to_string().contains("Make the account Inactive instead"),
        "{error:?}"
    );
    assert_eq!(status_of(&app, busy).await, "Active", "nothing changed");

    app.ask(&admin, DeletePersonnel { id: lone }).await.ok();
    assert_eq!(
        app.ask(&admin, LoadPersonnelRecord { id: lone }).await.status,
        404
    );

    assert_eq!(
        app.ask(&admin, DeletePersonnel { id: admin_id }).await.status,
        409,
        "nobody deletes their own account"
    );
}

#[tokio::test]
async fn making_an_account_pending_ends_its_sessions_at_once_too() {
    let app = spawn_app().await;
    let (admin, _) = app.signed_in(manager()).await;
    let (worker, worker_id) = app.signed_in(Account::active("worker@agency.example")).await;
    app.ask(&admin, set_status(worker_id, PersonnelStatus::Pending))
        .await
        .ok();
    assert_eq!(app.ask(&worker, open_clients()).await.status, 401);
    assert_eq!(status_of(&app, worker_id).await, "Pending");
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
        let answer = app.ask(&admin, DeletePersonnel { id: person }).await;
        assert_eq!(answer.status, 409, "person {person}: {answer:?}");
        assert_eq!(status_of(&app, person).await, "Active", "nothing changed");
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
    app.ask(&admin, reset_password(worker_id)).await.ok();
    assert_eq!(
        app.ask(&worker, Whoami {}).await.status,
        401,
        "the old session ended"
    );
    assert_eq!(
        app.sign_in(&browser(), "worker@agency.example", PASSWORD)
            .await
            .status,
        401
    );
    let again = browser();
    assert_eq!(
        app.sign_in(&again, "worker@agency.example", NEW_PASSWORD)
            .await
            .status,
        200
    );
    let me = app.ask(&again, Whoami {}).await.ok();
    assert!(me.must_change_password);
}

#[tokio::test]
async fn the_audit_trail_cannot_be_changed_or_deleted() {
    let app = spawn_app().await;
    let (admin, _) = app.signed_in(manager()).await;
    assert_eq!(
        add(&app, &admin, "Ana Ortiz", "ana@agency.example").await.status,
        200
    );
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
