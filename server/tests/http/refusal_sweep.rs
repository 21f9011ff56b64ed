//! The refusal sweep (spec, "Sign-in and recovery"): every server function the server has
//! registered is called signed out, and as an Inactive account, with
//! arguments that decode; each must refuse with the reason (401 "Please
//! sign in", 403 "This account is not active"), unless it is one of the few
//! public functions below.
//!
//! The list of functions comes from the server function registry, not from
//! this file: a function with no row in [`examples`] fails the sweep. Adding
//! a server function means adding one row there (and, only if anyone may
//! call it signed out, a line in [`PUBLIC`] that says why).

use std::collections::BTreeSet;

use app::access_rules::RulePlace;
use app::clients::ClientForm;
use app::directory::{NewAccount, PersonnelForm};
use app::override_log::OverrideLogFilter;
use app::records::RecordRef;
use app::sessions::SessionForm;
use app::settings::SettingsForm;
use policy::{
    AccessRule, ClientId, OrganizationId, Permission, PermissionSet, PersonnelId, RoleId, RuleEffect,
    RuleSubject, SiteSettings,
};
use serde_json::{Value, json};

use crate::support::fixtures::add_client;
use crate::support::{Account, TestApp, browser, kind, message, not_active, please_sign_in, spawn_app};

/// The functions anyone may call signed out, each with why. Keep it short.
const PUBLIC: &[&str] = &[
    // Nobody is signed in yet: the password is checked, then
    // `policy::may_sign_in` is asked about the account's status.
    "sign_in",
    // Ends whatever session the cookie names; without one there is nothing
    // to end, and the answer is the same.
    "sign_out",
    // Before sign-in, for "Forgot your password?": answers a question for
    // any e-mail (a decoy for an unknown one), so it tells nobody anything.
    "recovery_question",
    // Before sign-in: the security answer is checked, then
    // `policy::may_sign_in` is asked about the account's status.
    "recover_password",
];

/// How a server function takes its arguments.
pub enum Input {
    /// URL-encoded fields (the default codec).
    Form(Vec<(&'static str, String)>),
    /// One JSON object (`input = Json`).
    Json(Value),
}

/// URL-encoded fields.
fn form<const N: usize>(fields: [(&'static str, &dyn ToString); N]) -> Input {
    Input::Form(fields.into_iter().map(|(k, v)| (k, v.to_string())).collect())
}

/// Rows that exist, for the arguments to name.
pub struct World {
    pub client: ClientId,
    pub session: i64,
    pub personnel: i64,
    pub team: i64,
    pub role: i64,
    pub organization: i64,
}

/// Well-formed arguments for every server function, by endpoint. Typed
/// values are serialized rather than written out, so that they decode as
/// long as the types do.
pub fn examples(w: &World) -> Vec<(&'static str, Input)> {
    let place = serde_json::to_value(RulePlace::Record(RecordRef::client(w.client))).unwrap();
    let subject = serde_json::to_value(RuleSubject::Personnel(PersonnelId(w.personnel))).unwrap();
    let client_form = ClientForm {
        first_name: "Aroha".into(),
        last_name: "Ngata".into(),
        date_of_birth: "2015-03-09".into(),
        identifier: "ID-1".into(),
    };
    let details = PersonnelForm::new(
        OrganizationId(w.organization),
        RoleId(w.role),
        "Sam Newcomer",
        "newcomer@agency.example",
    );
    let password = "a long new passphrase";
    vec![
        // Sign-in, one's own account.
        (
            "sign_in",
            form([
                ("email", &"gone@agency.example"),
                ("password", &"not the password"),
            ]),
        ),
        ("sign_out", form([])),
        ("whoami", form([])),
        (
            "change_password",
            form([
                ("current_password", &crate::support::PASSWORD),
                ("new_password", &password),
                ("confirm_password", &password),
            ]),
        ),
        ("open_area", form([("area", &"Clients")])),
        ("my_security_question", form([])),
        (
            "set_security_question",
            form([
                ("question", &"What was the name of your first pet?"),
                ("answer", &"Rexford"),
                ("current_password", &crate::support::PASSWORD),
            ]),
        ),
        ("recovery_question", form([("email", &"gone@agency.example")])),
        (
            "recover_password",
            form([
                ("email", &"gone@agency.example"),
                ("answer", &"Rexford"),
                ("new_password", &password),
                ("confirm_password", &password),
            ]),
        ),
        // Clients.
        ("search_clients", form([("query", &""), ("mine", &false)])),
        ("create_client", Input::Json(json!({ "form": client_form }))),
        ("load_client", form([("id", &w.client)])),
        (
            "update_client",
            Input::Json(json!({ "id": w.client, "form": client_form })),
        ),
        (
            "set_client_lock",
            form([("id", &w.client), ("lock", &true), ("confirmed", &true)]),
        ),
        (
            "allowed_personnel_choices",
            form([("id", &w.client), ("query", &"")]),
        ),
        (
            "add_allowed_personnel",
            form([("id", &w.client), ("personnel", &w.personnel)]),
        ),
        (
            "remove_allowed_personnel",
            form([("id", &w.client), ("personnel", &w.personnel)]),
        ),
        ("responsible_choices", form([("id", &w.client), ("query", &"")])),
        (
            "change_responsible",
            Input::Json(json!({ "id": w.client, "personnel": w.personnel })),
        ),
        (
            "override_client",
            form([("id", &w.client), ("reason", &"Safety concern raised by school")]),
        ),
        // Session records.
        ("list_sessions", form([("query", &"")])),
        (
            "create_session",
            Input::Json(json!({ "form": SessionForm {
                title: "Whānau hui".into(),
                held_on: "2026-11-21".into(),
                facilitators: vec![PersonnelId(w.personnel)],
                attendees: vec![w.client],
            } })),
        ),
        ("facilitator_choices", form([("query", &"")])),
        ("load_session", form([("id", &w.session)])),
        (
            "override_session",
            form([("id", &w.session), ("reason", &"Safety concern raised by school")]),
        ),
        // Access rules.
        ("access_rules", Input::Json(json!({ "place": place }))),
        (
            "rule_subject_choices",
            Input::Json(json!({ "place": place, "query": "" })),
        ),
        (
            "add_access_rule",
            Input::Json(
                json!({ "place": place, "rule": AccessRule::grant(RuleSubject::Personnel(PersonnelId(w.personnel))) }),
            ),
        ),
        (
            "change_access_rule",
            Input::Json(json!({ "place": place, "subject": subject, "effect": RuleEffect::Deny })),
        ),
        (
            "remove_access_rule",
            Input::Json(json!({ "place": place, "subject": subject })),
        ),
        // The override log.
        (
            "override_log",
            Input::Json(json!({ "filter": OverrideLogFilter::default(), "page": 0 })),
        ),
        (
            "export_override_log",
            Input::Json(json!({ "filter": OverrideLogFilter::default() })),
        ),
        // Personnel.
        (
            "search_personnel",
            form([("query", &""), ("show_inactive", &true)]),
        ),
        ("load_directory_options", form([])),
        ("load_personnel_record", form([("id", &w.personnel)])),
        (
            "add_personnel",
            Input::Json(json!({ "account": NewAccount {
                details: details.clone(),
                password: password.into(),
                confirm_password: password.into(),
                require_password_change: true,
            } })),
        ),
        (
            "update_personnel",
            Input::Json(json!({ "id": w.personnel, "details": details })),
        ),
        (
            "set_personnel_status",
            form([("id", &w.personnel), ("status", &"Inactive")]),
        ),
        (
            "reset_personnel_password",
            form([
                ("id", &w.personnel),
                ("password", &password),
                ("confirm_password", &password),
            ]),
        ),
        ("lift_sign_in_pause", form([("id", &w.personnel)])),
        ("delete_personnel", form([("id", &w.personnel)])),
        ("my_team", form([])),
        // Teams.
        ("list_teams", form([])),
        ("load_team", form([("id", &w.team)])),
        ("create_team", form([("name", &"Outreach")])),
        ("rename_team", form([("id", &w.team), ("name", &"Outreach")])),
        ("team_candidates", form([("query", &"")])),
        (
            "add_team_member",
            form([("team", &w.team), ("personnel", &w.personnel)]),
        ),
        (
            "remove_team_member",
            form([("team", &w.team), ("personnel", &w.personnel)]),
        ),
        ("delete_team", form([("id", &w.team)])),
        // Roles.
        ("list_roles", form([])),
        ("load_role", form([("id", &w.role)])),
        (
            "create_role",
            Input::Json(json!({ "name": "Auditor", "permissions": PermissionSet::empty() })),
        ),
        (
            "update_role",
            Input::Json(json!({ "id": w.role, "name": "Auditor", "permissions": PermissionSet::empty() })),
        ),
        ("delete_role", form([("id", &w.role)])),
        // Organizations and site settings.
        ("list_organizations", form([])),
        ("create_organization", form([("name", &"Second agency")])),
        (
            "rename_organization",
            form([("id", &w.organization), ("name", &"Second agency")]),
        ),
        ("load_site_settings", form([])),
        (
            "save_site_settings",
            Input::Json(json!({ "settings": SettingsForm {
                access: SiteSettings::default(),
                password_recovery: true,
            } })),
        ),
    ]
}

/// Calls server function `name` with `input`.
pub async fn call(app: &TestApp, who: &reqwest::Client, name: &str, input: &Input) -> (u16, Value) {
    match input {
        Input::Form(fields) => {
            let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
            app.call(who, name, &fields).await
        }
        Input::Json(body) => app.call_json(who, name, body.clone()).await,
    }
}

/// Every server function the server answers, by endpoint; each is a POST.
fn registered() -> BTreeSet<String> {
    leptos::server_fn::axum::server_fn_paths()
        .map(|(path, method)| {
            assert_eq!(
                method,
                axum::http::Method::POST,
                "{path}: the sweep sends POST only"
            );
            path.strip_prefix("/api/")
                .unwrap_or_else(|| panic!("{path} is not under /api/"))
                .to_owned()
        })
        .collect()
}

/// A client, a session record, a team and a bystander (with their role and
/// organization), for the arguments to name.
async fn world(app: &TestApp) -> World {
    let personnel = app.add_account(Account::active("bystander@agency.example")).await;
    let client = add_client(app, "Aroha", "Ngata", personnel).await;
    let (organization, role): (i64, i64) =
        sqlx::query_as("SELECT organization_id, role_id FROM personnel WHERE id = $1")
            .bind(personnel.0)
            .fetch_one(&app.pool)
            .await
            .unwrap();
    let (session,): (i64,) = sqlx::query_as(
        "INSERT INTO session_records (organization_id, title, held_on, created_by, created_at) \
         VALUES ($1, 'Whānau hui', '2026-11-21', $2, 0) RETURNING id",
    )
    .bind(organization)
    .bind(personnel.0)
    .fetch_one(&app.pool)
    .await
    .unwrap();
    let (team,): (i64,) =
        sqlx::query_as("INSERT INTO teams (organization_id, name) VALUES ($1, 'Outreach') RETURNING id")
            .bind(organization)
            .fetch_one(&app.pool)
            .await
            .unwrap();
    World {
        client,
        session,
        personnel: personnel.0,
        team,
        role,
        organization,
    }
}

/// The examples of the registered functions; fails for a registered
/// function with no example and for an example of no registered function.
async fn every_registered_function(app: &TestApp) -> Vec<(&'static str, Input)> {
    let examples = examples(&world(app).await);
    let named: BTreeSet<String> = examples.iter().map(|(name, _)| (*name).to_owned()).collect();
    assert_eq!(named.len(), examples.len(), "one example per function");
    let registered = registered();
    let missing: Vec<_> = registered.difference(&named).collect();
    assert!(
        missing.is_empty(),
        "server functions with no example in refusal_sweep::examples: {missing:?}"
    );
    let stale: Vec<_> = named.difference(&registered).collect();
    assert!(stale.is_empty(), "examples of no registered function: {stale:?}");
    for public in PUBLIC {
        assert!(
            registered.contains(*public),
            "{public} is public but not registered"
        );
    }
    examples
}

/// What each public function answers a signed-out caller with its example
/// (an e-mail with no account): what the sign-in page would show.
#[track_caller]
fn assert_public_answer(name: &str, code: u16, body: &Value) {
    match name {
        "sign_in" => assert_eq!(
            (code, kind(body).as_str(), message(body).as_str()),
            (
                401,
                "Unauthenticated",
                "The e-mail address or password is not correct."
            ),
            "{name}: {body}"
        ),
        "recover_password" => assert_eq!(
            (code, kind(body).as_str(), message(body).as_str()),
            (
                401,
                "Unauthenticated",
                "The e-mail address or answer is not correct."
            ),
            "{name}: {body}"
        ),
        "recovery_question" => {
            assert_eq!(code, 200, "{name}: {body}");
            let question = body.as_str().unwrap_or_default();
            assert!(
                app::security_questions::QUESTIONS.contains(&question),
                "{name}: a decoy from the list: {body}"
            );
        }
        "sign_out" => assert_eq!((code, body), (200, &Value::Null), "{name}"),
        other => panic!("{other} is public but its answer is not known here"),
    }
}

#[tokio::test]
async fn every_server_function_but_the_public_ones_refuses_a_signed_out_caller() {
    let app = spawn_app().await;
    let signed_out = browser();
    for (name, input) in every_registered_function(&app).await {
        let (code, body) = call(&app, &signed_out, name, &input).await;
        if PUBLIC.contains(&name) {
            assert_public_answer(name, code, &body);
            continue;
        }
        assert_eq!(
            (code, kind(&body), message(&body)),
            (401, "Unauthenticated".to_owned(), please_sign_in()),
            "{name} signed out: {body}"
        );
    }
}

#[tokio::test]
async fn every_server_function_but_the_public_ones_refuses_an_inactive_or_pending_account() {
    let app = spawn_app().await;
    let examples = every_registered_function(&app).await;
    for status in ["Inactive", "Pending"] {
        // A site administrator holding every permission: only the status
        // can refuse them. Signed in while Active; the status is set after.
        let email = format!("{status}@agency.example").to_lowercase();
        let (gone, gone_id) = app
            .signed_in(Account {
                permissions: &Permission::ALL,
                ..Account::site_administrator(&email)
            })
            .await;
        sqlx::query("UPDATE personnel SET status = $1 WHERE id = $2")
            .bind(status)
            .bind(gone_id.0)
            .execute(&app.pool)
            .await
            .unwrap();
        for (name, input) in &examples {
            if PUBLIC.contains(name) {
                continue;
            }
            let (code, body) = call(&app, &gone, name, input).await;
            assert_eq!(
                (code, kind(&body), message(&body)),
                (403, "Forbidden".to_owned(), not_active()),
                "{name} for a {status} account: {body}"
            );
        }
        let (audited,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM audit_log WHERE actor_id = $1")
            .bind(gone_id.0)
            .fetch_one(&app.pool)
            .await
            .unwrap();
        assert_eq!(audited, 0, "nothing changed");
    }
}
