//! Access rules over HTTP (seed 003, issue 6): "Edit access" on a client,
//! and an organization's default rules. Each change holds from the very
//! next request; each is refused with the rulebook's reason when the person
//! may not make it, and changes nothing then.

use policy::{ClientId, Permission, PersonnelId};
use serde_json::{Value, json};

use crate::support::fixtures::add_client;
use crate::support::{Account, TestApp, assert_refused, browser, kind, message, please_sign_in, spawn_app};

const EDITOR: &[Permission] = &[Permission::ViewClients, Permission::EditAccessRules];

fn on_client(client: ClientId) -> Value {
    json!({ "Record": { "kind": "Client", "id": client } })
}

async fn organization(app: &TestApp) -> i64 {
    let (id,): (i64,) = sqlx::query_as("SELECT MIN(id) FROM organizations")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    id
}

fn on_organization(organization: i64) -> Value {
    json!({ "Organization": organization })
}

fn person(id: PersonnelId) -> Value {
    json!({ "Personnel": id.0 })
}

async fn add_rule(
    app: &TestApp,
    who: &reqwest::Client,
    place: &Value,
    subject: Value,
    effect: &str,
) -> (u16, Value) {
    app.call_json(
        who,
        "add_access_rule",
        json!({ "place": place, "rule": { "subject": subject, "effect": effect } }),
    )
    .await
}

async fn rules(app: &TestApp, who: &reqwest::Client, place: &Value) -> (u16, Value) {
    app.call_json(who, "access_rules", json!({ "place": place }))
        .await
}

async fn open(app: &TestApp, who: &reqwest::Client, client: ClientId) -> (u16, Value) {
    app.call(who, "load_client", &[("id", &client.to_string())]).await
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
    assert_eq!(open(&app, &colleague, client).await.0, 200);
    assert_eq!(rules(&app, &editor, &place).await.1, json!([]));

    let (code, body) = add_rule(&app, &editor, &place, person(colleague_id), "Deny").await;
    assert_eq!(code, 200, "{body}");
    // No override for someone denied by name, so not even that it exists.
    assert_eq!(
        open(&app, &colleague, client).await,
        (404, json!({ "NotFound": { "what": "That client" } })),
        "as for an id nobody has"
    );

    let (_, listed) = rules(&app, &editor, &place).await;
    assert_eq!(
        listed,
        json!([{ "subject": { "Personnel": colleague_id.0 }, "name": "Jordan Tester", "effect": "Deny" }])
    );

    let (code, body) = app
        .call_json(
            &editor,
            "remove_access_rule",
            json!({ "place": place, "subject": person(colleague_id) }),
        )
        .await;
    assert_eq!(code, 200, "{body}");
    assert_eq!(open(&app, &colleague, client).await.0, 200, "back in at once");
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

    let (code, body) = add_rule(&app, &editor, &place, json!({ "Team": team }), "Deny").await;
    assert_eq!(code, 200, "{body}");
    let (code, body) = open(&app, &colleague, client).await;
    assert_eq!(code, 403);
    assert!(
        message(&body).contains("Denied to a team you belong to"),
        "{body}"
    );
    assert_eq!(
        body["Restricted"]["overridable"], true,
        "a team deny can be overridden"
    );

    let change = json!({ "place": place, "subject": { "Team": team }, "effect": "Grant" });
    let (code, body) = app.call_json(&editor, "change_access_rule", change.clone()).await;
    assert_eq!(code, 200, "{body}");
    let (code, body) = open(&app, &colleague, client).await;
    assert_eq!(code, 200, "{body}");
    assert_eq!(body["access"], "Granted to a team you belong to.");

    let (code, body) = app.call_json(&editor, "change_access_rule", change).await;
    assert_eq!((code, kind(&body).as_str()), (409, "Conflict"), "{body}");
    assert!(message(&body).contains("already has this effect"), "{body}");
}

#[tokio::test]
async fn rule_changes_are_refused_with_the_reason_and_change_nothing() {
    let app = spawn_app().await;
    let (editor, (colleague, colleague_id), client) = world(&app).await;
    let place = on_client(client);

    // Without "edit access rules".
    let (code, body) = add_rule(&app, &colleague, &place, person(colleague_id), "Grant").await;
    assert_eq!((code, kind(&body).as_str()), (403, "Forbidden"), "{body}");
    assert!(message(&body).contains("Edit access rules"), "{body}");
    assert_eq!(rules(&app, &colleague, &place).await.0, 403);
    let (code, _) = app
        .call_json(
            &colleague,
            "rule_subject_choices",
            json!({ "place": place, "query": "" }),
        )
        .await;
    assert_eq!(code, 403, "no list of people for someone who may not edit rules");

    // A rule for an Inactive person is a message at the person.
    let inactive = app
        .add_account(Account {
            status: policy::PersonnelStatus::Inactive,
            ..Account::active("gone@agency.example")
        })
        .await;
    let (code, body) = add_rule(&app, &editor, &place, person(inactive), "Grant").await;
    assert_eq!(code, 422, "{body}");
    assert_eq!(body["Invalid"]["fields"][0]["field"], "personnel");

    // A second rule for the same person: change its effect instead.
    assert_eq!(
        add_rule(&app, &editor, &place, person(colleague_id), "Grant")
            .await
            .0,
        200
    );
    let (code, body) = add_rule(&app, &editor, &place, person(colleague_id), "Deny").await;
    assert_eq!((code, kind(&body).as_str()), (409, "Conflict"), "{body}");
    assert!(message(&body).contains("Change its effect instead"), "{body}");

    // No such team, no such rule, no such client.
    let (code, _) = add_rule(&app, &editor, &place, json!({ "Team": 999 }), "Deny").await;
    assert_eq!(code, 404);
    let (code, _) = app
        .call_json(
            &editor,
            "remove_access_rule",
            json!({ "place": place, "subject": { "Team": 999 } }),
        )
        .await;
    assert_eq!(code, 409);
    assert_eq!(
        rules(&app, &editor, &on_client(ClientId(client.0 + 100))).await.0,
        404
    );

    // Signed out.
    let (code, _) = rules(&app, &browser(), &place).await;
    assert_eq!(code, 401);

    let (_, listed) = rules(&app, &editor, &place).await;
    assert_eq!(
        listed.as_array().unwrap().len(),
        1,
        "only the one grant: {listed}"
    );
    assert_eq!(open(&app, &colleague, client).await.0, 200);
}

#[tokio::test]
async fn someone_who_cannot_open_the_client_cannot_edit_its_rules_nor_learn_that_it_exists() {
    let app = spawn_app().await;
    let (editor, (_, colleague_id), client) = world(&app).await;
    let owner = app.add_account(Account::active("owner@agency.example")).await;
    crate::support::fixtures::lock_for(&app, client, owner).await;
    let not_found = (404, json!({ "NotFound": { "what": "That client" } }));
    for record in [client, ClientId(client.0 + 1000)] {
        let place = on_client(record);
        assert_eq!(
            add_rule(&app, &editor, &place, person(colleague_id), "Grant").await,
            not_found,
            "as for an id nobody has"
        );
        assert_eq!(rules(&app, &editor, &place).await, not_found);
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
    let (code, body) = app
        .call_json(
            &editor,
            "rule_subject_choices",
            json!({ "place": on_client(client), "query": "" }),
        )
        .await;
    assert_eq!(code, 200, "{body}");
    let choices = body.as_array().unwrap();
    assert_eq!(choices[0]["name"], "Intake team");
    assert_eq!(choices[0]["detail"], "Team");
    let people: Vec<i64> = choices
        .iter()
        .filter_map(|c| c["subject"]["Personnel"].as_i64())
        .collect();
    assert_eq!(
        people.len(),
        2,
        "the editor and the colleague, not the Inactive account: {body}"
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

    let (code, body) = add_rule(&app, &editor, &place, person(colleague_id), "Deny").await;
    assert_eq!((code, kind(&body).as_str()), (403, "Forbidden"), "{body}");
    assert!(message(&body).contains("Only a site administrator"), "{body}");
    assert_eq!(rules(&app, &editor, &place).await.0, 403);
    assert_eq!(
        rules(&app, &editor, &on_organization(999)).await.0,
        403,
        "refused before anything is looked up: no hint of which organizations exist"
    );

    let (code, body) = add_rule(&app, &admin, &place, person(colleague_id), "Deny").await;
    assert_eq!(code, 200, "{body}");
    for record in [client, second] {
        // A deny by name, even from the defaults, cannot be overridden: the
        // client is "not found" to them, as a missing one.
        assert_eq!(
            open(&app, &colleague, record).await,
            (404, json!({ "NotFound": { "what": "That client" } }))
        );
    }
    let (_, listed) = rules(&app, &admin, &place).await;
    assert_eq!(listed[0]["effect"], "Deny");
    assert_eq!(rules(&app, &admin, &on_organization(999)).await.0, 404);

    let (code, body) = app
        .call_json(
            &admin,
            "remove_access_rule",
            json!({ "place": place, "subject": person(colleague_id) }),
        )
        .await;
    assert_eq!(code, 200, "{body}");
    assert_eq!(open(&app, &colleague, second).await.0, 200);
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
        add_rule(&app, &editor, &place, person(colleague_id), "Grant")
            .await
            .0,
        200
    );
    let calls = [
        ("access_rules", json!({ "place": place })),
        ("rule_subject_choices", json!({ "place": place, "query": "" })),
        (
            "add_access_rule",
            json!({ "place": place, "rule": { "subject": { "Personnel": colleague_id.0 }, "effect": "Deny" } }),
        ),
        (
            "change_access_rule",
            json!({ "place": place, "subject": { "Personnel": colleague_id.0 }, "effect": "Deny" }),
        ),
        (
            "remove_access_rule",
            json!({ "place": place, "subject": { "Personnel": colleague_id.0 } }),
        ),
    ];
    let stranger = browser();
    for (function, body) in calls {
        let (code, answer) = app.call_json(&colleague, function, body.clone()).await;
        assert_eq!(code, 403, "{function} without edit access rules: {answer}");
        assert!(
            message(&answer).contains("Edit access rules"),
            "{function}: {answer}"
        );
        assert_refused(
            &app.call_json(&stranger, function, body).await,
            401,
            &please_sign_in(),
            &format!("{function} signed out"),
        );
    }
    let (_, listed) = rules(&app, &editor, &place).await;
    assert_eq!(listed[0]["effect"], "Grant", "nothing changed: {listed}");
    let (code, _) = rules(&app, &colleague, &on_client(ClientId(client.0 + 100))).await;
    assert_eq!(code, 403, "refused before the record is looked up");
}

/// Writes a rule whose effect is none of the codes, as a damaged database
/// would hold it (the CHECK constraint is set aside on this one connection).
async fn write_corrupt_rule(app: &TestApp, sql: &'static str, place: i64, person: PersonnelId) {
    let mut connection = app.pool.acquire().await.unwrap();
    sqlx::query("PRAGMA ignore_check_constraints = ON")
        .execute(&mut *connection)
        .await
        .unwrap();
    sqlx::query(sql)
        .bind(place)
        .bind(person.0)
        .execute(&mut *connection)
        .await
        .unwrap();
    sqlx::query("PRAGMA ignore_check_constraints = OFF")
        .execute(&mut *connection)
        .await
        .unwrap();
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
    let unavailable = |(code, body): (u16, Value)| {
        assert_eq!((code, kind(&body).as_str()), (500, "Unavailable"), "{body}");
    };
    // Neither the person it names nor anyone else opens the client on it.
    unavailable(open(&app, &colleague, client).await);
    unavailable(open(&app, &editor, client).await);
    unavailable(rules(&app, &editor, &on_client(client)).await);

    let (admin, _) = app
        .signed_in(Account::site_administrator("admin@agency.example"))
        .await;
    let organization = organization(&app).await;
    write_corrupt_rule(
        &app,
        "INSERT INTO default_rules (organization_id, personnel_id, effect) VALUES ($1, $2, 'Grant')",
        organization,
        colleague_id,
    )
    .await;
    // Nor is an organization's corrupt default rule listed as a grant.
    unavailable(rules(&app, &admin, &on_organization(organization)).await);
    let (code, body) = add_rule(
        &app,
        &admin,
        &on_organization(organization),
        person(colleague_id),
        "Deny",
    )
    .await;
    unavailable((code, body));
}
