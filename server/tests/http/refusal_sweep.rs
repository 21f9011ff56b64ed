//! The refusal sweep (spec, "Sign-in and recovery"): every server function the server has
//! registered is called signed out, and as an Inactive account, with
//! arguments that decode; each must refuse with the reason (401 "Please
//! sign in", 403 "This account is not active"), unless it is one of the few
//! public functions below.
//!
//! The list of functions comes from the server function registry, not from
//! this file: a function with no row in [`examples`] fails the sweep. Adding
//! a server function means adding one row there, built as the function's
//! own arguments type (and, only if anyone may call it signed out, a line in
//! [`PUBLIC`] that says why).

use std::collections::BTreeSet;
use std::future::Future;
use std::pin::Pin;

use app::access_rules::RulePlace;
use app::api::access_rules::{
    AccessRules, AddAccessRule, ChangeAccessRule, RemoveAccessRule, RuleSubjectChoices,
};
use app::api::area::OpenArea;
use app::api::clients::{
    AddAllowedPersonnel, AllowedPersonnelChoices, ChangeResponsible, CreateClient, LoadClient,
    OverrideClient, RemoveAllowedPersonnel, ResponsibleChoices, SearchClients, SetClientLock, UpdateClient,
};
use app::api::organizations::{CreateOrganization, ListOrganizations, RenameOrganization};
use app::api::override_log::{ExportOverrideLog, OverrideLog};
use app::api::personnel::{
    AddPersonnel, DeletePersonnel, LiftSignInPause, LoadDirectoryOptions, LoadPersonnelRecord, MyTeam,
    ResetPersonnelPassword, SearchPersonnel, SetPersonnelStatus, UpdatePersonnel,
};
use app::api::roles::{CreateRole, DeleteRole, ListRoles, LoadRole, UpdateRole};
use app::api::security_question::{
    MySecurityQuestion, RecoverPassword, RecoveryQuestion, SetSecurityQuestion,
};
use app::api::session::{ChangePassword, SignIn, SignOut, Whoami};
use app::api::sessions::{CreateSession, FacilitatorChoices, ListSessions, LoadSession, OverrideSession};
use app::api::settings::{LoadSiteSettings, SaveSiteSettings};
use app::api::teams::{
    AddTeamMember, CreateTeam, DeleteTeam, ListTeams, LoadTeam, RemoveTeamMember, RenameTeam, TeamCandidates,
};
use app::clients::ClientForm;
use app::directory::{NewAccount, PersonnelForm};
use app::error::AppError;
use app::override_log::OverrideLogFilter;
use app::records::RecordRef;
use app::sessions::SessionForm;
use app::settings::SettingsForm;
use leptos::server_fn::ServerFn;
use policy::{
    AccessRule, Area, ClientId, OrganizationId, Permission, PermissionSet, PersonnelId, PersonnelStatus,
    RoleId, RuleEffect, RuleSubject, SessionRecordId, SiteSettings, TeamId,
};
use serde_json::Value;

use crate::support::fixtures::add_client;
use crate::support::{
    Account, Answer, PASSWORD, Refusal, TestApp, browser, not_active, please_sign_in, spawn_app,
};

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

/// A call on its way: the answer, its output written as JSON.
type Asked<'a> = Pin<Box<dyn Future<Output = Answer<Value>> + 'a>>;

/// A typed call of one server function, as `who` at `app`.
type Ask = dyn for<'a> Fn(&'a TestApp, &'a reqwest::Client) -> Asked<'a>;

/// One server function's example: its endpoint and a typed call of it.
pub struct Example {
    /// The endpoint, such as "sign_in", from the function's own path.
    pub name: &'static str,
    ask: Box<Ask>,
}

impl Example {
    /// Calls the function with its example arguments.
    pub async fn ask(&self, app: &TestApp, who: &reqwest::Client) -> Answer<Value> {
        (self.ask)(app, who).await
    }
}

fn example<F>(name: &'static str, ask: F) -> Example
where
    F: for<'a> Fn(&'a TestApp, &'a reqwest::Client) -> Asked<'a> + 'static,
{
    Example {
        name,
        ask: Box::new(ask),
    }
}

/// The endpoint of `S` ("sign_in" for `/api/sign_in`).
fn endpoint<S: ServerFn>(_: &S) -> &'static str {
    S::PATH
        .strip_prefix("/api/")
        .unwrap_or_else(|| panic!("{} is not under /api/", S::PATH))
}

/// The answer with its output as JSON, so that the answers of different
/// functions can be listed together.
fn as_json<T: serde::Serialize>(answer: Answer<T>) -> Answer<Value> {
    Answer {
        status: answer.status,
        result: answer
            .result
            .map(|output| serde_json::to_value(output).expect("an output serializes")),
    }
}

/// An [`Example`] of the server function whose arguments are `$args`.
macro_rules! example {
    ($args:expr) => {{
        let args = $args;
        example(endpoint(&args), move |app, who| {
            let args = args.clone();
            Box::pin(async move { as_json(app.ask(who, args).await) })
        })
    }};
}

/// Rows that exist, for the arguments to name.
pub struct World {
    pub client: ClientId,
    pub session: SessionRecordId,
    pub personnel: PersonnelId,
    pub team: TeamId,
    pub role: RoleId,
    pub organization: OrganizationId,
}

/// Well-formed arguments for every server function, each built as the
/// function's own type: a renamed or retyped argument fails to compile.
pub fn examples(w: &World) -> Vec<Example> {
    let place = RulePlace::Record(RecordRef::client(w.client));
    let subject = RuleSubject::Personnel(w.personnel);
    let client_form = ClientForm {
        first_name: "Aroha".into(),
        last_name: "Ngata".into(),
        date_of_birth: "2015-03-09".into(),
        identifier: "ID-1".into(),
    };
    let details = PersonnelForm::new(w.organization, w.role, "Sam Newcomer", "newcomer@agency.example");
    let password = "a long new passphrase";
    let reason = "Safety concern raised by school";
    vec![
        // Sign-in, one's own account.
        example!(SignIn {
            email: "gone@agency.example".into(),
            password: "not the password".into(),
        }),
        example!(SignOut {}),
        example!(Whoami {}),
        example!(ChangePassword {
            current_password: PASSWORD.into(),
            new_password: password.into(),
            confirm_password: password.into(),
        }),
        example!(OpenArea { area: Area::Clients }),
        example!(MySecurityQuestion {}),
        example!(SetSecurityQuestion {
            question: "What was the name of your first pet?".into(),
            answer: "Rexford".into(),
            current_password: PASSWORD.into(),
        }),
        example!(RecoveryQuestion {
            email: "gone@agency.example".into(),
        }),
        example!(RecoverPassword {
            email: "gone@agency.example".into(),
            answer: "Rexford".into(),
            new_password: password.into(),
            confirm_password: password.into(),
        }),
        // Clients.
        example!(SearchClients {
            query: String::new(),
            mine: false,
            after: String::new(),
            before: String::new(),
        }),
        example!(CreateClient {
            form: client_form.clone(),
        }),
        example!(LoadClient { id: w.client }),
        example!(UpdateClient {
            id: w.client,
            form: client_form,
        }),
        example!(SetClientLock {
            id: w.client,
            lock: true,
            confirmed: true,
        }),
        example!(AllowedPersonnelChoices {
            id: w.client,
            query: String::new(),
        }),
        example!(AddAllowedPersonnel {
            id: w.client,
            personnel: w.personnel,
        }),
        example!(RemoveAllowedPersonnel {
            id: w.client,
            personnel: w.personnel,
        }),
        example!(ResponsibleChoices {
            id: w.client,
            query: String::new(),
        }),
        example!(ChangeResponsible {
            id: w.client,
            personnel: Some(w.personnel),
        }),
        example!(OverrideClient {
            id: w.client,
            reason: reason.into(),
        }),
        // Session records.
        example!(ListSessions {
            query: String::new(),
            after: String::new(),
            before: String::new(),
        }),
        example!(CreateSession {
            form: SessionForm {
                title: "Whānau hui".into(),
                held_on: "2026-11-21".into(),
                facilitators: vec![w.personnel],
                attendees: vec![w.client],
            },
        }),
        example!(FacilitatorChoices { query: String::new() }),
        example!(LoadSession { id: w.session }),
        example!(OverrideSession {
            id: w.session,
            reason: reason.into(),
        }),
        // Access rules.
        example!(AccessRules { place }),
        example!(RuleSubjectChoices {
            place,
            query: String::new(),
        }),
        example!(AddAccessRule {
            place,
            rule: AccessRule::grant(subject),
        }),
        example!(ChangeAccessRule {
            place,
            subject,
            effect: RuleEffect::Deny,
        }),
        example!(RemoveAccessRule { place, subject }),
        // The override log.
        example!(OverrideLog {
            filter: OverrideLogFilter::default(),
            page: 0,
        }),
        example!(ExportOverrideLog {
            filter: OverrideLogFilter::default(),
        }),
        // Personnel.
        example!(SearchPersonnel {
            query: String::new(),
            show_inactive: true,
        }),
        example!(LoadDirectoryOptions {}),
        example!(LoadPersonnelRecord { id: w.personnel }),
        example!(AddPersonnel {
            account: NewAccount {
                details: details.clone(),
                password: password.into(),
                confirm_password: password.into(),
                require_password_change: true,
            },
        }),
        example!(UpdatePersonnel {
            id: w.personnel,
            details,
        }),
        example!(SetPersonnelStatus {
            id: w.personnel,
            status: PersonnelStatus::Inactive,
        }),
        example!(ResetPersonnelPassword {
            id: w.personnel,
            password: password.into(),
            confirm_password: password.into(),
        }),
        example!(LiftSignInPause { id: w.personnel }),
        example!(DeletePersonnel { id: w.personnel }),
        example!(MyTeam {}),
        // Teams.
        example!(ListTeams {}),
        example!(LoadTeam { id: w.team }),
        example!(CreateTeam {
            name: "Outreach".into(),
        }),
        example!(RenameTeam {
            id: w.team,
            name: "Outreach".into(),
        }),
        example!(TeamCandidates { query: String::new() }),
        example!(AddTeamMember {
            team: w.team,
            personnel: w.personnel,
        }),
        example!(RemoveTeamMember {
            team: w.team,
            personnel: w.personnel,
        }),
        example!(DeleteTeam { id: w.team }),
        // Roles.
        example!(ListRoles {}),
        example!(LoadRole { id: w.role }),
        example!(CreateRole {
            name: "Auditor".into(),
            permissions: PermissionSet::empty(),
        }),
        example!(UpdateRole {
            id: w.role,
            name: "Auditor".into(),
            permissions: PermissionSet::empty(),
        }),
        example!(DeleteRole { id: w.role }),
        // Organizations and site settings.
        example!(ListOrganizations {}),
        example!(CreateOrganization {
            name: "Second agency".into(),
        }),
        example!(RenameOrganization {
            id: w.organization,
            name: "Second agency".into(),
        }),
        example!(LoadSiteSettings {}),
        example!(SaveSiteSettings {
            settings: SettingsForm {
                access: SiteSettings::default(),
                password_recovery: true,
                time_zone: "UTC".into(),
            },
        }),
    ]
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
        session: SessionRecordId(session),
        personnel,
        team: TeamId(team),
        role: RoleId(role),
        organization: OrganizationId(organization),
    }
}

/// The examples of the registered functions; fails for a registered
/// function with no example and for an example of no registered function.
async fn every_registered_function(app: &TestApp) -> Vec<Example> {
    let examples = examples(&world(app).await);
    let named: BTreeSet<String> = examples.iter().map(|e| e.name.to_owned()).collect();
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
fn assert_public_answer(name: &str, answer: &Answer<Value>) {
    let unauthenticated = |message: &str| {
        Err(AppError::Unauthenticated {
            message: message.into(),
        })
    };
    match name {
        "sign_in" => assert_eq!(
            (answer.status, &answer.result),
            (
                401,
                &unauthenticated("The e-mail address or password is not correct.")
            ),
            "{name}"
        ),
        "recover_password" => assert_eq!(
            (answer.status, &answer.result),
            (
                401,
                &unauthenticated("The e-mail address or answer is not correct.")
            ),
            "{name}"
        ),
        "recovery_question" => {
            assert_eq!(answer.status, 200, "{name}: {answer:?}");
            let question = match &answer.result {
                Ok(Value::String(question)) => question.as_str(),
                _ => "",
            };
            assert!(
                app::security_questions::QUESTIONS.contains(&question),
                "{name}: a decoy from the list: {answer:?}"
            );
        }
        "sign_out" => assert_eq!((answer.status, &answer.result), (200, &Ok(Value::Null)), "{name}"),
        other => panic!("{other} is public but its answer is not known here"),
    }
}

#[tokio::test]
async fn every_server_function_but_the_public_ones_refuses_a_signed_out_caller() {
    let app = spawn_app().await;
    let signed_out = browser();
    for example in every_registered_function(&app).await {
        let name = example.name;
        let answer = example.ask(&app, &signed_out).await;
        if PUBLIC.contains(&name) {
            assert_public_answer(name, &answer);
            continue;
        }
        assert_eq!(
            (answer.status, answer.reason()),
            (401, please_sign_in()),
            "{name} signed out: {answer:?}"
        );
        assert!(
            matches!(answer.error(), Some(AppError::Unauthenticated { .. })),
            "{name} signed out: {answer:?}"
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
        for example in &examples {
            let name = example.name;
            if PUBLIC.contains(&name) {
                continue;
            }
            let answer = example.ask(&app, &gone).await;
            assert_eq!(
                (answer.status, answer.reason()),
                (403, not_active()),
                "{name} for a {status} account: {answer:?}"
            );
            assert!(
                matches!(answer.error(), Some(AppError::Forbidden { .. })),
                "{name} for a {status} account: {answer:?}"
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
