//! Access rules over HTTP (seed 003; spec, "Changing a record's protection"): "Edit access" on a client,
//! and an organization's default rules. Each change holds from the very
//! next request; each is refused with the rulebook's reason when the person
//! may not make it, and changes nothing then.

use std::fmt::Debug;
use std::future::Future;
use std::pin::Pin;

use app::access_rules::{RuleLine, RulePlace};
use app::api::access_rules::{
    AccessRules, AddAccessRule, ChangeAccessRule, RemoveAccessRule, RuleSubjectChoices,
};
use app::error::AppError;
use app::records::RecordRef;
use policy::{
    AccessRule, ClientId, OrganizationId, Permission, PersonnelId, RuleEffect, RuleSubject, TeamId,
};

use crate::support::fixtures::{add_client, client_not_found, open_client};
use crate::support::{Account, Answer, TestApp, assert_refused, browser, please_sign_in, spawn_app};

const EDITOR: &[Permission] = &[Permission::ViewClients, Permission::EditAccessRules];

fn on_client(client: ClientId) -> RulePlace {
    RulePlace::Record(RecordRef::client(client))
}

async fn organization(app: &TestApp) -> OrganizationId {
    let (id,): (i64,) = sqlx::query_as("SELECT MIN(id) FROM organizations")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    OrganizationId(id)
}

fn on_organization(organization: OrganizationId) -> RulePlace {
    RulePlace::Organization(organization)
}

fn person(id: PersonnelId) -> RuleSubject {
    RuleSubject::Personnel(id)
}

async fn add_rule(
    app: &TestApp,
    who: &reqwest::Client,
    place: &RulePlace,
    subject: RuleSubject,
    effect: RuleEffect,
) -> Answer<()> {
    let add = AddAccessRule {
        place: *place,
        rule: AccessRule { subject, effect },
    };
    app.ask(who, add).await
}

async fn rules(app: &TestApp, who: &reqwest::Client, place: &RulePlace) -> Answer<Vec<RuleLine>> {
    app.ask(who, AccessRules { place: *place }).await
}

/// The status and the kind of error (Forbidden, Conflict...) and its text.
#[track_caller]
fn refusal<T: Debug>(answer: Answer<T>) -> (u16, AppError) {
    (answer.status, answer.err())
}

/// An editor, a colleague who may view clients, and a client of theirs.
async fn world(app: &TestApp) -> (reqwest::Client, (reqwest::Client, PersonnelId), ClientId) {
    let (editor, editor_id) = app
        .signed_in(Account::holding("editor@agency.example", EDITOR))
        .await;
    let colleague = app
        .signed_in(Account::holding(
            "colleague@agency.example",
            &[Permission::ViewClients, Permission::OverrideAccess],
        ))
        .await;
    let client = add_client(app, "Jess", "Leigh", editor_id).await;
    (editor, colleague, client)
}

#[tokio::test]
async fn a_deny_by_name_shuts_the_person_out_at_once_and_removing_it_lets_them_back() {
    let app = spawn_app().await;
    let (editor, (colleague, colleague_id), client) = world(&app).await;
    let place = on_client(client);
    assert_eq!(open_client(&app, &colleague, client).await.status, 200);
    assert_eq!(rules(&app, &editor, &place).await.ok(), []);

    add_rule(&app, &editor, &place, person(colleague_id), RuleEffect::Deny)
        .await
        .ok();
    // No override for someone denied by name, so not even that it exists.
    assert_eq!(
        open_client(&app, &colleague, client).await.parts(),
        client_not_found(),
        "as for an id nobody has"
    );

    let listed = rules(&app, &editor, &place).await.ok();
    assert_eq!(
        listed,
        [RuleLine {
            subject: person(colleague_id),
            name: "Jordan Tester".into(),
            effect: RuleEffect::Deny
        }]
    );

    let remove = RemoveAccessRule {
        place,
        subject: person(colleague_id),
    };
    app.ask(&editor, remove).await.ok();
    assert_eq!(
        open_client(&app, &colleague, client).await.status,
        200,
        "back in at once"
    );
    let (audited,): (i64,) = sqlx::query_as(
        "SELECT COUNT(*) FROM audit_log WHERE action IN ('access_rule.add', 'access_rule.remove') AND entity_id = $1",
    )
    .bind(client.0)
    .fetch_one(&app.pool)
    .await
    .unwrap();
    assert_eq!(audited, 2, "each change is in the audit trail");
}

#[tokio::test]
async fn a_team_rule_denies_its_members_and_can_change_its_effect() {
    let app = spawn_app().await;
    let (editor, (colleague, colleague_id), client) = world(&app).await;
    let (team,): (i64,) = sqlx::query_as(
        "INSERT INTO teams (organization_id, name) VALUES ((SELECT MIN(id) FROM organizations), 'Night shift') RETURNING id",
    )
    .fetch_one(&app.pool)
    .await
    .unwrap();
    sqlx::query("INSERT INTO team_members (team_id, personnel_id) VALUES ($1, $2)")
        .bind(team)
        .bind(colleague_id.0)
        .execute(&app.pool)
        .await
        .unwrap();
    let place = on_client(client);

    let night_shift = RuleSubject::Team(TeamId(team));
    add_rule(&app, &editor, &place, night_shift, RuleEffect::Deny)
        .await
        .ok();
    let (code, error) = refusal(open_client(&app, &colleague, client).await);
    assert_eq!(code, 403);
    assert!(
        error.to_string().contains("Denied to a team you belong to"),
        "{error:?}"
    );
    assert!(
        matches!(
            error,
            AppError::Restricted {
                overridable: true,
                ..
            }
        ),
        "a team deny can be overridden"
    );

    let change = ChangeAccessRule {
        place,
        subject: night_shift,
        effect: RuleEffect::Grant,
    };
    app.ask(&editor, change.clone()).await.ok();
    let profile = open_client(&app, &colleague, client).await.ok();
    assert_eq!(profile.access, "Granted to a team you belong to.");

    let (code, error) = refusal(app.ask(&editor, change).await);
    assert!(
        matches!((code, &error), (409, AppError::Conflict { .. })),
        "{error:?}"
    );
    assert!(error.to_string().contains("already has this effect"), "{error:?}");
}

#[tokio::test]
async fn rule_changes_are_refused_with_the_reason_and_change_nothing() {
    let app = spawn_app().await;
    let (editor, (colleague, colleague_id), client) = world(&app).await;
    let place = on_client(client);

    // Without "edit access rules".
    let (code, error) =
        refusal(add_rule(&app, &colleague, &place, person(colleague_id), RuleEffect::Grant).await);
    assert!(
        matches!((code, &error), (403, AppError::Forbidden { .. })),
        "{error:?}"
    );
    assert!(error.to_string().contains("Edit access rules"), "{error:?}");
    assert_eq!(rules(&app, &colleague, &place).await.status, 403);
    let search = RuleSubjectChoices {
        place,
        query: String::new(),
    };
    assert_eq!(
        app.ask(&colleague, search).await.status,
        403,
        "no list of people for someone who may not edit rules"
    );

    // A rule for an Inactive person is a message at the person.
    let inactive = app
        .add_account(Account {
            status: policy::PersonnelStatus::Inactive,
            ..Account::active("gone@agency.example")
        })
        .await;
    let (code, error) = refusal(add_rule(&app, &editor, &place, person(inactive), RuleEffect::Grant).await);
    assert_eq!(code, 422, "{error:?}");
    let AppError::Invalid { fields } = error else {
        panic!("not a field error: {error:?}")
    };
    assert_eq!(fields[0].field, "personnel");

    // A second rule for the same person: change its effect instead.
    assert_eq!(
        add_rule(&app, &editor, &place, person(colleague_id), RuleEffect::Grant)
            .await
            .status,
        200
    );
    let (code, error) =
        refusal(add_rule(&app, &editor, &place, person(colleague_id), RuleEffect::Deny).await);
    assert!(
        matches!((code, &error), (409, AppError::Conflict { .. })),
        "{error:?}"
    );
    assert!(
        error.to_string().contains("Change its effect instead"),
        "{error:?}"
    );

    // No such team, no such rule, no such client.
    let no_team = RuleSubject::Team(TeamId(999));
    let answer = add_rule(&app, &editor, &place, no_team, RuleEffect::Deny).await;
    assert_eq!(answer.status, 404);
    let remove = RemoveAccessRule {
        place,
        subject: no_team,
    };
    assert_eq!(app.ask(&editor, remove).await.status, 409);
    assert_eq!(
        rules(&app, &editor, &on_client(ClientId(client.0 + 100)))
            .await
            .status,
        404
    );

    // Signed out.
    assert_eq!(rules(&app, &browser(), &place).await.status, 401);

    let listed = rules(&app, &editor, &place).await.ok();
    assert_eq!(listed.len(), 1, "only the one grant: {listed:?}");
    assert_eq!(open_client(&app, &colleague, client).await.status, 200);
}

#[tokio::test]
async fn someone_who_cannot_open_the_client_cannot_edit_its_rules_nor_learn_that_it_exists() {
    let app = spawn_app().await;
    let (editor, (_, colleague_id), client) = world(&app).await;
    let owner = app.add_account(Account::active("owner@agency.example")).await;
    crate::support::fixtures::lock_for(&app, client, owner).await;
    for record in [client, ClientId(client.0 + 1000)] {
        let place = on_client(record);
        assert_eq!(
            add_rule(&app, &editor, &place, person(colleague_id), RuleEffect::Grant)
                .await
                .parts(),
            client_not_found(),
            "as for an id nobody has"
        );
        assert_eq!(rules(&app, &editor, &place).await.parts(), client_not_found());
    }
    let (count,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM access_rules")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(count, 0, "nothing was added");
}

#[tokio::test]
async fn the_search_offers_teams_and_active_personnel() {
    let app = spawn_app().await;
    let (editor, _, client) = world(&app).await;
    sqlx::query("INSERT INTO teams (organization_id, name) VALUES ((SELECT MIN(id) FROM organizations), 'Intake team')")
        .execute(&app.pool)
        .await
        .unwrap();
    app.add_account(Account {
        status: policy::PersonnelStatus::Inactive,
        ..Account::active("gone@agency.example")
    })
    .await;
    let search = RuleSubjectChoices {
        place: on_client(client),
        query: String::new(),
    };
    let choices = app.ask(&editor, search).await.ok();
    assert_eq!(choices[0].name, "Intake team");
    assert_eq!(choices[0].detail, "Team");
    let people: Vec<PersonnelId> = choices
        .iter()
        .filter_map(|c| match c.subject {
            RuleSubject::Personnel(id) => Some(id),
            RuleSubject::Team(_) => None,
        })
        .collect();
    assert_eq!(
        people.len(),
        2,
        "the editor and the colleague, not the Inactive account: {choices:?}"
    );
}

#[tokio::test]
async fn a_default_rule_applies_to_every_client_of_the_organization_and_only_site_administrators_set_it() {
    let app = spawn_app().await;
    let (editor, (colleague, colleague_id), client) = world(&app).await;
    let second = add_client(&app, "Ana", "Moana", colleague_id).await;
    let (admin, _) = app
        .signed_in(Account::site_administrator("admin@agency.example"))
        .await;
    let place = on_organization(organization(&app).await);

    let (code, error) =
        refusal(add_rule(&app, &editor, &place, person(colleague_id), RuleEffect::Deny).await);
    assert!(
        matches!((code, &error), (403, AppError::Forbidden { .. })),
        "{error:?}"
    );
    assert!(
        error.to_string().contains("Only a site administrator"),
        "{error:?}"
    );
    assert_eq!(rules(&app, &editor, &place).await.status, 403);
    assert_eq!(
        rules(&app, &editor, &on_organization(OrganizationId(999)))
            .await
            .status,
        403,
        "refused before anything is looked up: no hint of which organizations exist"
    );

    add_rule(&app, &admin, &place, person(colleague_id), RuleEffect::Deny)
        .await
        .ok();
    for record in [client, second] {
        // A deny by name, even from the defaults, cannot be overridden: the
        // client is "not found" to them, as a missing one.
        assert_eq!(
            open_client(&app, &colleague, record).await.parts(),
            client_not_found()
        );
    }
    let listed = rules(&app, &admin, &place).await.ok();
    assert_eq!(listed[0].effect, RuleEffect::Deny);
    assert_eq!(
        rules(&app, &admin, &on_organization(OrganizationId(999)))
            .await
            .status,
        404
    );

    let remove = RemoveAccessRule {
        place,
        subject: person(colleague_id),
    };
    app.ask(&admin, remove).await.ok();
    assert_eq!(open_client(&app, &colleague, second).await.status, 200);
    let (audited,): (i64,) = sqlx::query_as(
        "SELECT COUNT(*) FROM audit_log WHERE action LIKE 'default_rule.%' AND entity = 'organizations'",
    )
    .fetch_one(&app.pool)
    .await
    .unwrap();
    assert_eq!(audited, 2);
}

#[tokio::test]
async fn every_rule_function_refuses_someone_without_the_permission_and_a_visitor_signed_out() {
    let app = spawn_app().await;
    let (editor, (colleague, colleague_id), client) = world(&app).await;
    let place = on_client(client);
    assert_eq!(
        add_rule(&app, &editor, &place, person(colleague_id), RuleEffect::Grant)
            .await
            .status,
        200
    );
    let stranger = browser();
    for ((function, without_permission), (_, signed_out)) in
        every_rule_function(&app, &colleague, place, colleague_id)
            .into_iter()
            .zip(every_rule_function(&app, &stranger, place, colleague_id))
    {
        let answer = without_permission.await;
        assert_eq!(
            answer.status, 403,
            "{function} without edit access rules: {answer:?}"
        );
        assert!(
            answer
                .error()
                .is_some_and(|e| e.to_string().contains("Edit access rules")),
            "{function}: {answer:?}"
        );
        assert_refused(
            &signed_out.await,
            401,
            &please_sign_in(),
            &format!("{function} signed out"),
        );
    }
    let listed = rules(&app, &editor, &place).await.ok();
    assert_eq!(listed[0].effect, RuleEffect::Grant, "nothing changed: {listed:?}");
    let answer = rules(&app, &colleague, &on_client(ClientId(client.0 + 100))).await;
    assert_eq!(answer.status, 403, "refused before the record is looked up");
}

/// One server function's call, with its answer erased to compare answers
/// of different functions.
type Asked<'a> = Pin<Box<dyn Future<Output = Answer<String>> + 'a>>;

/// Every access rule function, asked by `who` about `place` and `person`.
fn every_rule_function<'a>(
    app: &'a TestApp,
    who: &'a reqwest::Client,
    place: RulePlace,
    person: PersonnelId,
) -> Vec<(&'static str, Asked<'a>)> {
    let subject = RuleSubject::Personnel(person);
    let search = RuleSubjectChoices {
        place,
        query: String::new(),
    };
    let add = AddAccessRule {
        place,
        rule: AccessRule {
            subject,
            effect: RuleEffect::Deny,
        },
    };
    let change = ChangeAccessRule {
        place,
        subject,
        effect: RuleEffect::Deny,
    };
    let remove = RemoveAccessRule { place, subject };
    vec![
        (
            "access_rules",
            Box::pin(async move { app.ask(who, AccessRules { place }).await.erased() }),
        ),
        (
            "rule_subject_choices",
            Box::pin(async move { app.ask(who, search).await.erased() }),
        ),
        (
            "add_access_rule",
            Box::pin(async move { app.ask(who, add).await.erased() }),
        ),
        (
            "change_access_rule",
            Box::pin(async move { app.ask(who, change).await.erased() }),
        ),
        (
            "remove_access_rule",
            Box::pin(async move { app.ask(who, remove).await.erased() }),
        ),
    ]
}

/// Writes a rule whose effect is none of the codes, as a damaged database
/// would hold it: on SQLite the CHECK constraint is set aside on this one
/// connection; PostgreSQL cannot set one aside, so this test's own throwaway
/// database loses the effects' CHECKs.
async fn write_corrupt_rule(app: &TestApp, sql: &'static str, place: i64, person: PersonnelId) {
    let mut connection = app.pool.acquire().await.unwrap();
    let set_aside = match crate::support::test_database::engine() {
        app::store::Engine::Sqlite => "PRAGMA ignore_check_constraints = ON",
        app::store::Engine::Postgres => {
            "ALTER TABLE access_rules DROP CONSTRAINT IF EXISTS access_rules_effect_check; \
             ALTER TABLE default_rules DROP CONSTRAINT IF EXISTS default_rules_effect_check"
        }
    };
    sqlx::raw_sql(set_aside).execute(&mut *connection).await.unwrap();
    sqlx::query(sql)
        .bind(place)
        .bind(person.0)
        .execute(&mut *connection)
        .await
        .unwrap();
    if crate::support::test_database::engine() == app::store::Engine::Sqlite {
        sqlx::query("PRAGMA ignore_check_constraints = OFF")
            .execute(&mut *connection)
            .await
            .unwrap();
    }
}

#[tokio::test]
async fn a_corrupt_effect_is_never_read_as_a_grant() {
    let app = spawn_app().await;
    let (editor, (colleague, colleague_id), client) = world(&app).await;
    write_corrupt_rule(
        &app,
        "INSERT INTO access_rules (record_kind, record_id, personnel_id, effect) VALUES ('client', $1, $2, 'allow')",
        client.0,
        colleague_id,
    )
    .await;
    #[track_caller]
    fn unavailable<T: Debug>(answer: Answer<T>) {
        assert_eq!(refusal(answer), (500, AppError::Unavailable));
    }
    // Neither the person it names nor anyone else opens the client on it.
    unavailable(open_client(&app, &colleague, client).await);
    unavailable(open_client(&app, &editor, client).await);
    unavailable(rules(&app, &editor, &on_client(client)).await);

    let (admin, _) = app
        .signed_in(Account::site_administrator("admin@agency.example"))
        .await;
    let organization = organization(&app).await;
    write_corrupt_rule(
        &app,
        "INSERT INTO default_rules (organization_id, personnel_id, effect) VALUES ($1, $2, 'Grant')",
        organization.0,
        colleague_id,
    )
    .await;
    // Nor is an organization's corrupt default rule listed as a grant.
    unavailable(rules(&app, &admin, &on_organization(organization)).await);
    unavailable(
        add_rule(
            &app,
            &admin,
            &on_organization(organization),
            person(colleague_id),
            RuleEffect::Deny,
        )
        .await,
    );
}
