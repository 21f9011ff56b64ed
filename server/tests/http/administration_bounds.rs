//! Administration within bounds over HTTP (spec section of that name; issue
//! 11): one test per bound. Each asserts the answer a staff member sees
//! (403 and the reason) and that nothing changed in the database.

use std::fmt::Debug;

use app::accounts::{NewPersonnel, create_personnel, ensure_organization, ensure_role};
use app::api::personnel::{
    DeletePersonnel, LiftSignInPause, LoadDirectoryOptions, LoadPersonnelRecord, ResetPersonnelPassword,
    SearchPersonnel, SetPersonnelStatus, UpdatePersonnel,
};
use app::api::roles::{CreateRole, DeleteRole, UpdateRole};
use app::api::teams::{
    AddTeamMember, DeleteTeam, ListTeams, LoadTeam, RemoveTeamMember, RenameTeam, TeamCandidates,
};
use app::directory::PersonnelForm;
use app::error::AppError;
use app::store::Flag;
use policy::{OrganizationId, Permission, PermissionSet, PersonnelId, PersonnelStatus, RoleId, TeamId};

use crate::support::fixtures::add_personnel;
use crate::support::{Account, Answer, PASSWORD, Refusal, TestApp, browser, spawn_app};

/// The organization `TestApp::add_account` puts everyone in.
const HOME: &str = "Test agency";
const EASTSIDE: &str = "Eastside Family Services";

struct Person {
    id: PersonnelId,
    role: RoleId,
    organization: OrganizationId,
}

/// An Active account of `organization` whose own role holds `permissions`.
async fn person_in(
    app: &TestApp,
    organization: &str,
    email: &str,
    permissions: &[Permission],
    site_administrator: bool,
) -> Person {
    let mut tx = app.pool.begin().await.unwrap();
    let organization = ensure_organization(&mut tx, organization).await.unwrap();
    let role = ensure_role(&mut tx, &format!("role of {email}"), permissions)
        .await
        .unwrap();
    let id = create_personnel(
        &mut tx,
        &app.hashing,
        NewPersonnel {
            details: PersonnelForm {
                site_administrator,
                ..PersonnelForm::new(organization, role, "Jordan Tester", email)
            },
            password: PASSWORD.into(),
            must_change_password: false,
        },
        policy::Timestamp(crate::support::START),
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    Person {
        id,
        role,
        organization,
    }
}

/// Like [`person_in`], signed in.
async fn signed_in_at(
    app: &TestApp,
    organization: &str,
    email: &str,
    permissions: &[Permission],
    site_administrator: bool,
) -> (reqwest::Client, Person) {
    let person = person_in(app, organization, email, permissions, site_administrator).await;
    let client = browser();
    app.sign_in(&client, email, PASSWORD).await.ok();
    (client, person)
}

fn personnel_manager() -> Vec<Permission> {
    vec![Permission::ManagePersonnel, Permission::ViewClients]
}

/// id, organization, role, status, site administrator, password hash,
/// must change password, name.
type AccountRow = (i64, i64, i64, String, Flag, String, Flag, String);

/// Everything an administration change could touch, as text: accounts
/// (organization, role, teams, flag, status, password), roles and their
/// permissions, teams and their members, and the audit trail.
async fn snapshot(app: &TestApp) -> String {
    let personnel: Vec<AccountRow> = sqlx::query_as(
        "SELECT id, organization_id, role_id, status, site_administrator, password_hash, \
                must_change_password, name FROM personnel ORDER BY id",
    )
    .fetch_all(&app.pool)
    .await
    .unwrap();
    let roles: Vec<(i64, String)> = sqlx::query_as("SELECT id, name FROM roles ORDER BY id")
        .fetch_all(&app.pool)
        .await
        .unwrap();
    let permissions: Vec<(i64, String)> =
        sqlx::query_as("SELECT role_id, permission FROM role_permissions ORDER BY role_id, permission")
            .fetch_all(&app.pool)
            .await
            .unwrap();
    let teams: Vec<(i64, i64, String)> =
        sqlx::query_as("SELECT id, organization_id, name FROM teams ORDER BY id")
            .fetch_all(&app.pool)
            .await
            .unwrap();
    let members: Vec<(i64, i64)> =
        sqlx::query_as("SELECT team_id, personnel_id FROM team_members ORDER BY team_id, personnel_id")
            .fetch_all(&app.pool)
            .await
            .unwrap();
    let (audit,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM audit_log")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    format!("{personnel:?}\n{roles:?}\n{permissions:?}\n{teams:?}\n{members:?}\naudit entries: {audit}")
}

/// The account as "Edit account" would send it back unchanged.
async fn form_of(app: &TestApp, id: PersonnelId) -> PersonnelForm {
    let mut connection = app.pool.acquire().await.unwrap();
    app::directory::account::load(&mut connection, id)
        .await
        .unwrap()
        .details
}

async fn update(
    app: &TestApp,
    client: &reqwest::Client,
    id: PersonnelId,
    form: &PersonnelForm,
) -> Answer<()> {
    let update = UpdatePersonnel {
        id,
        details: form.clone(),
    };
    app.ask(client, update).await
}

/// "reset_personnel_password" of `id` to `password`.
fn reset_password(id: PersonnelId, password: &str) -> ResetPersonnelPassword {
    ResetPersonnelPassword {
        id,
        password: password.into(),
        confirm_password: password.into(),
    }
}

async fn team_in(app: &TestApp, organization: OrganizationId, name: &str) -> TeamId {
    let (id,): (i64,) =
        sqlx::query_as("INSERT INTO teams (organization_id, name) VALUES ($1, $2) RETURNING id")
            .bind(organization.0)
            .bind(name)
            .fetch_one(&app.pool)
            .await
            .unwrap();
    TeamId(id)
}

async fn put_in_team(app: &TestApp, team: TeamId, person: PersonnelId) {
    sqlx::query("INSERT INTO team_members (team_id, personnel_id) VALUES ($1, $2)")
        .bind(team.0)
        .bind(person.0)
        .execute(&app.pool)
        .await
        .unwrap();
}

/// Asserts a 403 `Forbidden` with exactly `reason`, and that the database
/// is as `before`.
async fn assert_refused<T: Debug>(app: &TestApp, answer: Answer<T>, reason: &str, before: &str, what: &str) {
    assert_eq!(
        (answer.status, answer.reason().as_str()),
        (403, reason),
        "{what}: {answer:?}"
    );
    assert!(
        matches!(answer.error(), Some(AppError::Forbidden { .. })),
        "{what}: {answer:?}"
    );
    assert_eq!(snapshot(app).await, before, "{what} changed nothing");
}

#[tokio::test]
async fn nobody_changes_their_own_role() {
    let app = spawn_app().await;
    let (manager, me) = signed_in_at(&app, HOME, "manager@agency.example", &personnel_manager(), false).await;
    let smaller = person_in(
        &app,
        HOME,
        "reader@agency.example",
        &[Permission::ViewClients],
        false,
    )
    .await;
    let mut mine = form_of(&app, me.id).await;
    mine.role = smaller.role;
    let before = snapshot(&app).await;
    assert_refused(
        &app,
        update(&app, &manager, me.id, &mine).await,
        "You cannot change your own role.",
        &before,
        "changing one's own role",
    )
    .await;
}

#[tokio::test]
async fn nobody_changes_their_own_organization() {
    let app = spawn_app().await;
    let (admin, me) = signed_in_at(&app, HOME, "admin@agency.example", &[], true).await;
    let elsewhere = person_in(&app, EASTSIDE, "east@agency.example", &[], false).await;
    let mut mine = form_of(&app, me.id).await;
    mine.organization = elsewhere.organization;
    let before = snapshot(&app).await;
    assert_refused(
        &app,
        update(&app, &admin, me.id, &mine).await,
        "You cannot change your own organization.",
        &before,
        "a site administrator moving themselves",
    )
    .await;
}

#[tokio::test]
async fn nobody_changes_their_own_teams() {
    let app = spawn_app().await;
    let (manager, me) = signed_in_at(
        &app,
        HOME,
        "manager@agency.example",
        &[Permission::ManagePersonnel, Permission::ManageTeams],
        false,
    )
    .await;
    let night = team_in(&app, me.organization, "Night duty").await;
    let intake = team_in(&app, me.organization, "Intake").await;
    put_in_team(&app, intake, me.id).await;
    let mut mine = form_of(&app, me.id).await;
    mine.teams = vec![intake, night];
    let before = snapshot(&app).await;
    assert_refused(
        &app,
        update(&app, &manager, me.id, &mine).await,
        "You cannot change your own teams.",
        &before,
        "joining a team through one's own account",
    )
    .await;
    let join = AddTeamMember {
        team: night,
        personnel: me.id,
    };
    assert_refused(
        &app,
        app.ask(&manager, join).await,
        "You cannot change your own teams.",
        &before,
        "joining a team",
    )
    .await;
    let leave = RemoveTeamMember {
        team: intake,
        personnel: me.id,
    };
    assert_refused(
        &app,
        app.ask(&manager, leave).await,
        "You cannot change your own teams.",
        &before,
        "leaving a team (which could lift a team deny)",
    )
    .await;
}

#[tokio::test]
async fn nobody_changes_their_own_site_administrator_flag() {
    let app = spawn_app().await;
    let (admin, me) = signed_in_at(&app, HOME, "admin@agency.example", &[], true).await;
    let mut mine = form_of(&app, me.id).await;
    mine.site_administrator = false;
    let before = snapshot(&app).await;
    assert_refused(
        &app,
        update(&app, &admin, me.id, &mine).await,
        "You cannot change your own site administrator setting.",
        &before,
        "a site administrator clearing their own flag",
    )
    .await;
}

/// An Active person changing their own status can only make themselves
/// Inactive or Pending; the rule that was already there answers first, at
/// the status field (422), and nothing changes.
#[tokio::test]
async fn nobody_changes_their_own_status() {
    let app = spawn_app().await;
    let (admin, me) = signed_in_at(&app, HOME, "admin@agency.example", &[], true).await;
    let before = snapshot(&app).await;
    let pending = SetPersonnelStatus {
        id: me.id,
        status: PersonnelStatus::Pending,
    };
    let answer = app.ask(&admin, pending).await;
    assert_eq!(answer.status, 422, "{answer:?}");
    let AppError::Invalid { fields } = answer.err() else {
        panic!("not a field error")
    };
    assert_eq!(
        fields.first().map(|f| f.message.as_str()),
        Some("You cannot deactivate your own account."),
        "{fields:?}"
    );
    let mut mine = form_of(&app, me.id).await;
    mine.status = PersonnelStatus::Inactive;
    let answer = update(&app, &admin, me.id, &mine).await;
    assert_eq!(answer.status, 422, "{answer:?}");
    assert_eq!(snapshot(&app).await, before, "nothing changed");
}

#[tokio::test]
async fn nobody_gives_an_account_a_role_that_holds_a_permission_they_do_not_hold() {
    let app = spawn_app().await;
    let (manager, _) = signed_in_at(&app, HOME, "manager@agency.example", &personnel_manager(), false).await;
    let colleague = person_in(
        &app,
        HOME,
        "colleague@agency.example",
        &[Permission::ViewClients],
        false,
    )
    .await;
    let bigger = person_in(
        &app,
        HOME,
        "lead@agency.example",
        &[Permission::ViewClients, Permission::OverrideAccess],
        false,
    )
    .await;
    let reason =
        "You cannot give a role that includes “Override access”, because your own role does not include it.";
    let mut theirs = form_of(&app, colleague.id).await;
    theirs.role = bigger.role;
    let before = snapshot(&app).await;
    assert_refused(
        &app,
        update(&app, &manager, colleague.id, &theirs).await,
        reason,
        &before,
        "giving a colleague a bigger role",
    )
    .await;
    let mut newcomer = PersonnelForm::new(
        colleague.organization,
        bigger.role,
        "Robin Quill",
        "robin@agency.example",
    );
    newcomer.support_issues = theirs.support_issues;
    let account = add_personnel(newcomer, "orchard ladder breeze");
    assert_refused(
        &app,
        app.ask(&manager, account).await,
        reason,
        &before,
        "adding an account with a bigger role",
    )
    .await;
}

#[tokio::test]
async fn nobody_adds_a_permission_to_a_role_that_they_do_not_hold() {
    let app = spawn_app().await;
    let (manager, _) = signed_in_at(
        &app,
        HOME,
        "roles@agency.example",
        &[Permission::ManageRoles, Permission::ViewClients],
        false,
    )
    .await;
    let other = person_in(
        &app,
        HOME,
        "reader@agency.example",
        &[Permission::ViewClients],
        false,
    )
    .await;
    let reason = "You cannot add “Manage personnel” to a role, because your own role does not include it.";
    let more: PermissionSet = [Permission::ViewClients, Permission::ManagePersonnel]
        .into_iter()
        .collect();
    let before = snapshot(&app).await;
    let update = UpdateRole {
        id: other.role,
        name: "role of reader@agency.example".into(),
        permissions: more,
    };
    assert_refused(
        &app,
        app.ask(&manager, update).await,
        reason,
        &before,
        "ticking a permission one lacks",
    )
    .await;
    let create = CreateRole {
        name: "Personnel desk".into(),
        permissions: more,
    };
    assert_refused(
        &app,
        app.ask(&manager, create).await,
        reason,
        &before,
        "creating a role with a permission one lacks",
    )
    .await;
}

#[tokio::test]
async fn nobody_edits_a_role_they_hold() {
    let app = spawn_app().await;
    let (manager, me) = signed_in_at(
        &app,
        HOME,
        "roles@agency.example",
        &[Permission::ManageRoles, Permission::ViewClients],
        false,
    )
    .await;
    let reason = "You cannot change or delete a role you hold yourself.";
    let same: PermissionSet = [Permission::ManageRoles, Permission::ViewClients]
        .into_iter()
        .collect();
    let before = snapshot(&app).await;
    let rename = UpdateRole {
        id: me.role,
        name: "Everything".into(),
        permissions: same,
    };
    assert_refused(
        &app,
        app.ask(&manager, rename).await,
        reason,
        &before,
        "renaming one's own role",
    )
    .await;
    let fewer: PermissionSet = [Permission::ManageRoles].into_iter().collect();
    let tick = UpdateRole {
        id: me.role,
        name: "role of roles@agency.example".into(),
        permissions: fewer,
    };
    assert_refused(
        &app,
        app.ask(&manager, tick).await,
        reason,
        &before,
        "ticking one's own role",
    )
    .await;
    assert_refused(
        &app,
        app.ask(&manager, DeleteRole { id: me.role }).await,
        reason,
        &before,
        "deleting one's own role",
    )
    .await;
}

#[tokio::test]
async fn manage_personnel_acts_only_within_the_actors_own_organization() {
    let app = spawn_app().await;
    let (manager, _) = signed_in_at(&app, HOME, "manager@agency.example", &personnel_manager(), false).await;
    let east = person_in(
        &app,
        EASTSIDE,
        "east@agency.example",
        &[Permission::ViewClients],
        false,
    )
    .await;
    let reason = "This account belongs to another organization. You can manage personnel of your own organization only.";
    let before = snapshot(&app).await;
    let mut theirs = form_of(&app, east.id).await;
    theirs.name = "Renamed".into();
    assert_refused(
        &app,
        update(&app, &manager, east.id, &theirs).await,
        reason,
        &before,
        "editing another organization's account",
    )
    .await;
    let deactivate = SetPersonnelStatus {
        id: east.id,
        status: PersonnelStatus::Inactive,
    };
    assert_refused(
        &app,
        app.ask(&manager, deactivate).await,
        reason,
        &before,
        "deactivating another organization's account",
    )
    .await;
    assert_refused(
        &app,
        app.ask(&manager, DeletePersonnel { id: east.id }).await,
        reason,
        &before,
        "deleting another organization's account",
    )
    .await;
    let mut newcomer = form_of(&app, east.id).await;
    newcomer.email = "new.east@agency.example".into();
    assert_refused(
        &app,
        app.ask(&manager, add_personnel(newcomer, "orchard ladder breeze"))
            .await,
        reason,
        &before,
        "adding an account to another organization",
    )
    .await;
}

#[tokio::test]
async fn manage_personnel_does_not_move_an_account_to_another_organization() {
    let app = spawn_app().await;
    let (manager, _) = signed_in_at(&app, HOME, "manager@agency.example", &personnel_manager(), false).await;
    let colleague = person_in(
        &app,
        HOME,
        "colleague@agency.example",
        &[Permission::ViewClients],
        false,
    )
    .await;
    let east = person_in(&app, EASTSIDE, "east@agency.example", &[], false).await;
    let mut moved = form_of(&app, colleague.id).await;
    moved.organization = east.organization;
    let before = snapshot(&app).await;
    assert_refused(
        &app,
        update(&app, &manager, colleague.id, &moved).await,
        "You can place accounts in your own organization only.",
        &before,
        "moving a colleague to another organization",
    )
    .await;
}

#[tokio::test]
async fn manage_personnel_puts_accounts_only_in_teams_of_the_actors_own_organization() {
    let app = spawn_app().await;
    let (manager, _) = signed_in_at(&app, HOME, "manager@agency.example", &personnel_manager(), false).await;
    let colleague = person_in(
        &app,
        HOME,
        "colleague@agency.example",
        &[Permission::ViewClients],
        false,
    )
    .await;
    let east = person_in(&app, EASTSIDE, "east@agency.example", &[], false).await;
    let east_team = team_in(&app, east.organization, "Eastside intake").await;
    let mut theirs = form_of(&app, colleague.id).await;
    theirs.teams = vec![east_team];
    let before = snapshot(&app).await;
    assert_refused(
        &app,
        update(&app, &manager, colleague.id, &theirs).await,
        "This team belongs to another organization. You can manage teams of your own organization only.",
        &before,
        "putting a colleague in another organization's team",
    )
    .await;
}

#[tokio::test]
async fn manage_teams_acts_only_within_the_actors_own_organization() {
    let app = spawn_app().await;
    let (manager, _) = signed_in_at(
        &app,
        HOME,
        "teams@agency.example",
        &[Permission::ManageTeams],
        false,
    )
    .await;
    let colleague = person_in(
        &app,
        HOME,
        "colleague@agency.example",
        &[Permission::ViewClients],
        false,
    )
    .await;
    let east = person_in(&app, EASTSIDE, "east@agency.example", &[], false).await;
    let east_team = team_in(&app, east.organization, "Eastside intake").await;
    put_in_team(&app, east_team, east.id).await;
    let reason =
        "This team belongs to another organization. You can manage teams of your own organization only.";
    let before = snapshot(&app).await;
    let rename = RenameTeam {
        id: east_team,
        name: "Ours now".into(),
    };
    assert_refused(
        &app,
        app.ask(&manager, rename).await,
        reason,
        &before,
        "renaming another organization's team",
    )
    .await;
    assert_refused(
        &app,
        app.ask(&manager, DeleteTeam { id: east_team }).await,
        reason,
        &before,
        "deleting another organization's team",
    )
    .await;
    let add = AddTeamMember {
        team: east_team,
        personnel: colleague.id,
    };
    assert_refused(
        &app,
        app.ask(&manager, add).await,
        reason,
        &before,
        "adding a colleague to another organization's team",
    )
    .await;
    let remove = RemoveTeamMember {
        team: east_team,
        personnel: east.id,
    };
    assert_refused(
        &app,
        app.ask(&manager, remove).await,
        reason,
        &before,
        "removing a member of another organization's team",
    )
    .await;
}

#[tokio::test]
async fn manage_teams_adds_only_members_of_the_actors_own_organization() {
    let app = spawn_app().await;
    let (manager, me) = signed_in_at(
        &app,
        HOME,
        "teams@agency.example",
        &[Permission::ManageTeams],
        false,
    )
    .await;
    let east = person_in(&app, EASTSIDE, "east@agency.example", &[], false).await;
    let ours = team_in(&app, me.organization, "Intake").await;
    let before = snapshot(&app).await;
    let add = AddTeamMember {
        team: ours,
        personnel: east.id,
    };
    assert_refused(
        &app,
        app.ask(&manager, add).await,
        "Only personnel of your own organization can be added to a team.",
        &before,
        "adding another organization's person to our team",
    )
    .await;
}

#[tokio::test]
async fn password_resets_follow_the_same_bounds_as_any_other_change_to_the_account() {
    let app = spawn_app().await;
    let (manager, _) = signed_in_at(&app, HOME, "manager@agency.example", &personnel_manager(), false).await;
    let east = person_in(
        &app,
        EASTSIDE,
        "east@agency.example",
        &[Permission::ViewClients],
        false,
    )
    .await;
    let admin = app
        .add_account(Account::site_administrator("admin@agency.example"))
        .await;
    let before = snapshot(&app).await;
    let password = "orchard ladder breeze";
    for (target, reason) in [
        (
            east.id,
            "This account belongs to another organization. You can manage personnel of your own organization only.",
        ),
        (admin, "Only a site administrator can do this."),
    ] {
        assert_refused(
            &app,
            app.ask(&manager, reset_password(target, password)).await,
            reason,
            &before,
            "resetting a password out of bounds",
        )
        .await;
    }
    let answer = app.sign_in(&browser(), "east@agency.example", PASSWORD).await;
    assert_eq!(answer.status, 200, "the old password still works: {answer:?}");
}

/// A signed-in personnel manager of HOME, a colleague whose role also holds
/// "manage roles" (more than the manager's), and a peer whose role holds
/// less.
async fn manager_bigger_and_peer(app: &TestApp) -> (reqwest::Client, Person, Person) {
    let (manager, _) = signed_in_at(app, HOME, "manager@agency.example", &personnel_manager(), false).await;
    let bigger = person_in(
        app,
        HOME,
        "roles@agency.example",
        &[Permission::ViewClients, Permission::ManageRoles],
        false,
    )
    .await;
    let peer = person_in(
        app,
        HOME,
        "peer@agency.example",
        &[Permission::ViewClients],
        false,
    )
    .await;
    (manager, bigger, peer)
}

#[tokio::test]
async fn nobody_resets_the_password_of_an_account_whose_role_holds_a_permission_they_do_not_hold() {
    let app = spawn_app().await;
    let (manager, bigger, peer) = manager_bigger_and_peer(&app).await;
    let before = snapshot(&app).await;
    let password = "orchard ladder breeze";
    let reset = |id: PersonnelId| app.ask(&manager, reset_password(id, password));
    assert_refused(
        &app,
        reset(bigger.id).await,
        "This person's role includes “Manage roles”, which your own role does not: ask someone who holds it to reset this password.",
        &before,
        "resetting the password of a bigger account",
    )
    .await;
    let answer = app.sign_in(&browser(), "roles@agency.example", PASSWORD).await;
    assert_eq!(answer.status, 200, "the old password still works: {answer:?}");

    let answer = reset(peer.id).await;
    assert_eq!(
        answer.status, 200,
        "an account within the manager's own powers: {answer:?}"
    );
    let answer = app.sign_in(&browser(), "peer@agency.example", password).await;
    assert_eq!(answer.status, 200, "the new password works: {answer:?}");
}

/// Four wrong passwords for `email`: one more would pause its sign-in.
async fn four_wrong_passwords(app: &TestApp, email: &str) {
    for attempt in 1..=4 {
        let answer = app.sign_in(&browser(), email, "not the password").await;
        assert_eq!(
            answer.status, 401,
            "wrong password {attempt} for {email}: {answer:?}"
        );
    }
}

#[tokio::test]
async fn nobody_lifts_the_sign_in_pause_of_an_account_whose_role_holds_a_permission_they_do_not_hold() {
    let app = spawn_app().await;
    let (manager, bigger, peer) = manager_bigger_and_peer(&app).await;
    let lift = |id: PersonnelId| app.ask(&manager, LiftSignInPause { id });

    // Lifting clears every counter of the account: a manager could guess
    // on, four passwords at a time, were it allowed.
    four_wrong_passwords(&app, "roles@agency.example").await;
    let before = snapshot(&app).await;
    assert_refused(
        &app,
        lift(bigger.id).await,
        "This person's role includes “Manage roles”, which your own role does not: ask someone who holds it to lift this pause.",
        &before,
        "lifting the pause of a bigger account",
    )
    .await;
    let answer = app
        .sign_in(&browser(), "roles@agency.example", "not the password")
        .await;
    assert_eq!(answer.status, 429, "the four failures still count: {answer:?}");
    assert!(
        matches!(answer.error(), Some(AppError::TooManyAttempts { .. })),
        "the four failures still count: {answer:?}"
    );

    four_wrong_passwords(&app, "peer@agency.example").await;
    let answer = lift(peer.id).await;
    assert_eq!(
        answer.status, 200,
        "an account within the manager's own powers: {answer:?}"
    );
    let answer = app
        .sign_in(&browser(), "peer@agency.example", "not the password")
        .await;
    assert_eq!(
        (answer.status, answer.reason().as_str()),
        (401, "The e-mail address or password is not correct."),
        "its counters started again"
    );
}

#[tokio::test]
async fn site_administrators_act_in_every_organization() {
    let app = spawn_app().await;
    let (admin, _) = signed_in_at(&app, HOME, "admin@agency.example", &[], true).await;
    let east = person_in(
        &app,
        EASTSIDE,
        "east@agency.example",
        &[Permission::ViewClients],
        false,
    )
    .await;
    let east_team = team_in(&app, east.organization, "Eastside intake").await;
    let mut theirs = form_of(&app, east.id).await;
    theirs.teams = vec![east_team];
    let answer = update(&app, &admin, east.id, &theirs).await;
    assert_eq!(answer.status, 200, "{answer:?}");
    assert_eq!(form_of(&app, east.id).await.teams, vec![east_team]);
}

/// The lists and pickers offer a personnel or team manager only their own
/// organization's accounts and teams; opening another organization's
/// account or team is refused with the reason.
#[tokio::test]
async fn lists_offer_personnel_and_teams_of_the_actors_own_organization_only() {
    let app = spawn_app().await;
    let (manager, me) = signed_in_at(
        &app,
        HOME,
        "manager@agency.example",
        &[Permission::ManagePersonnel, Permission::ManageTeams],
        false,
    )
    .await;
    let east = person_in(&app, EASTSIDE, "east@agency.example", &[], false).await;
    let ours = team_in(&app, me.organization, "Intake").await;
    let theirs = team_in(&app, east.organization, "Eastside intake").await;
    let search = SearchPersonnel {
        query: String::new(),
        show_inactive: true,
    };
    let found = app.ask(&manager, search).await.ok();
    let emails: Vec<&str> = found.iter().map(|p| p.email.as_str()).collect();
    assert_eq!(emails, ["manager@agency.example"]);
    let candidates = TeamCandidates { query: String::new() };
    let found = app.ask(&manager, candidates).await.ok();
    assert_eq!(found.len(), 1, "only the manager: {found:?}");

    let options = app.ask(&manager, LoadDirectoryOptions {}).await.ok();
    let organizations: Vec<&str> = options.organizations.iter().map(|o| o.name.as_str()).collect();
    assert_eq!(organizations, [HOME]);
    let teams: Vec<&str> = options.teams.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(teams, ["Intake"]);

    let teams = app.ask(&manager, ListTeams {}).await.ok();
    let names: Vec<&str> = teams.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(names, ["Intake"]);
    assert_eq!(app.ask(&manager, LoadTeam { id: ours }).await.status, 200);
    let answer = app.ask(&manager, LoadTeam { id: theirs }).await;
    assert_eq!(
        (answer.status, answer.reason().as_str()),
        (
            403,
            "This team belongs to another organization. You can manage teams of your own organization only."
        ),
        "{answer:?}"
    );
    let answer = app.ask(&manager, LoadPersonnelRecord { id: east.id }).await;
    assert_eq!(
        (answer.status, answer.reason().as_str()),
        (
            403,
            "This account belongs to another organization. You can manage personnel of your own organization only."
        ),
        "{answer:?}"
    );
}
