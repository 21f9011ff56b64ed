//! The lock, the allowed personnel and the responsible personnel over HTTP
//! (issue 5): allowed for the right role, refused for the wrong one, for
//! someone not on a locked client's allowed personnel, for an Inactive
//! account and signed out; every change in the audit trail.

use policy::{ClientId, Permission, PersonnelId};
use serde_json::{Value, json};

use crate::support::fixtures::{Audited, add_client, audit_actions, lock_for};
use crate::support::{
    Account, TestApp, assert_refused, browser, message, not_active, please_sign_in, spawn_app,
};

const LOCKER: &[Permission] = &[
    Permission::ViewClients,
    Permission::EditClients,
    Permission::LockClients,
    Permission::ManageAllowedPersonnel,
];

/// Signs in a person whose role may edit, lock and change allowed personnel.
async fn signed_in_locker(app: &TestApp, email: &str) -> (reqwest::Client, PersonnelId) {
    app.signed_in(Account::holding(email, LOCKER)).await
}

async fn profile(app: &TestApp, who: &reqwest::Client, client: ClientId) -> (u16, Value) {
    app.call(who, "load_client", &[("id", &client.to_string())]).await
}

async fn lock(
    app: &TestApp,
    who: &reqwest::Client,
    client: ClientId,
    lock: bool,
    confirmed: bool,
) -> (u16, Value) {
    let form = [
        ("id", client.to_string()),
        ("lock", lock.to_string()),
        ("confirmed", confirmed.to_string()),
    ];
    let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
    app.call(who, "set_client_lock", &form).await
}

async fn allowed(
    app: &TestApp,
    who: &reqwest::Client,
    add: bool,
    client: ClientId,
    person: PersonnelId,
) -> (u16, Value) {
    let name = if add {
        "add_allowed_personnel"
    } else {
        "remove_allowed_personnel"
    };
    app.call(
        who,
        name,
        &[("id", &client.to_string()), ("personnel", &person.0.to_string())],
    )
    .await
}

#[tokio::test]
async fn locking_needs_an_allowed_person_then_only_the_allowed_personnel_open_the_client() {
    let app = spawn_app().await;
    let (locker, locker_id) = signed_in_locker(&app, "locker@agency.example").await;
    let (colleague, colleague_id) = app.signed_in(Account::active("colleague@agency.example")).await;
    let (outsider, _) = app.signed_in(Account::active("outsider@agency.example")).await;
    let client = add_client(&app, "Aroha", "Ngata", locker_id).await;

    let (code, body) = lock(&app, &locker, client, true, true).await;
    assert_eq!(code, 409);
    assert_eq!(
        message(&body),
        "For a client profile to be locked at least one personnel must be listed in the allowed section."
    );

    assert_eq!(allowed(&app, &locker, true, client, locker_id).await.0, 200);
    assert_eq!(allowed(&app, &locker, true, client, colleague_id).await.0, 200);
    let (code, body) = allowed(&app, &locker, true, client, colleague_id).await;
    assert_eq!(
        (code, message(&body)),
        (409, "This person is already on the allowed personnel.".into())
    );

    let (code, _) = lock(&app, &locker, client, true, false).await;
    assert_eq!(code, 409, "not without the confirmation");
    assert_eq!(profile(&app, &outsider, client).await.0, 200, "still unlocked");

    assert_eq!(lock(&app, &locker, client, true, true).await.0, 200);
    let (_, body) = profile(&app, &locker, client).await;
    assert_eq!(body["locked"], true);
    assert_eq!(profile(&app, &colleague, client).await.0, 200, "on the list");
    assert_eq!(
        profile(&app, &outsider, client).await.0,
        404,
        "not on the list, no override access: not found"
    );

    assert_eq!(lock(&app, &locker, client, false, true).await.0, 200);
    assert_eq!(profile(&app, &outsider, client).await.0, 200, "unlocked again");
    assert_eq!(
        audit_actions(&app, Audited::Client(client)).await,
        [
            "client.allowed_personnel.add",
            "client.allowed_personnel.add",
            "client.lock",
            "client.unlock"
        ]
    );
}

#[tokio::test]
async fn the_last_allowed_person_of_a_locked_client_cannot_be_removed() {
    let app = spawn_app().await;
    let (locker, locker_id) = signed_in_locker(&app, "locker@agency.example").await;
    let other = app.add_account(Account::active("other@agency.example")).await;
    let client = add_client(&app, "Aroha", "Ngata", locker_id).await;
    lock_for(&app, client, locker_id).await;
    assert_eq!(allowed(&app, &locker, true, client, other).await.0, 200);
    assert_eq!(allowed(&app, &locker, false, client, other).await.0, 200);
    let (code, body) = allowed(&app, &locker, false, client, locker_id).await;
    assert_eq!(code, 409);
    assert!(message(&body).contains("last allowed person"), "{body}");
    let (_, body) = profile(&app, &locker, client).await;
    assert_eq!(
        body["allowed_personnel"].as_array().unwrap().len(),
        1,
        "nothing changed"
    );
}

#[tokio::test]
async fn only_active_personnel_can_be_added_and_the_dialog_offers_only_them() {
    let app = spawn_app().await;
    let (locker, locker_id) = signed_in_locker(&app, "locker@agency.example").await;
    let pending = app
        .add_account(Account {
            status: policy::PersonnelStatus::Pending,
            ..Account::active("pending@agency.example")
        })
        .await;
    let client = add_client(&app, "Aroha", "Ngata", locker_id).await;
    let (code, body) = allowed(&app, &locker, true, client, pending).await;
    assert_eq!(code, 422);
    assert_eq!(body["Invalid"]["fields"][0]["field"], "personnel");

    let (code, body) = app
        .call(
            &locker,
            "allowed_personnel_choices",
            &[("id", &client.to_string()), ("query", "jordan")],
        )
        .await;
    assert_eq!(code, 200, "{body}");
    let offered: Vec<i64> = body
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["id"].as_i64().unwrap())
        .collect();
    assert_eq!(offered, [locker_id.0], "the Pending account is not offered");
}

#[tokio::test]
async fn pickers_find_a_colleague_by_a_whole_e_mail_address_never_by_a_part_of_one() {
    let app = spawn_app().await;
    let (locker, locker_id) = signed_in_locker(&app, "locker@agency.example").await;
    let colleague = app
        .add_account(Account::active("mere.tawhiri@agency.example"))
        .await;
    let client = add_client(&app, "Aroha", "Ngata", locker_id).await;
    let offered = |query: &'static str| {
        let (app, locker) = (&app, &locker);
        async move {
            let (code, body) = app
                .call(
                    locker,
                    "allowed_personnel_choices",
                    &[("id", &client.to_string()), ("query", query)],
                )
                .await;
            assert_eq!(code, 200, "{body}");
            body.as_array()
                .unwrap()
                .iter()
                .map(|p| p["id"].as_i64().unwrap())
                .collect::<Vec<i64>>()
        }
    };
    for part in [
        "mere.t",
        "tawhiri@",
        "@agency.example",
        "agency",
        "mere.tawhiri@agency.exampl",
    ] {
        assert_eq!(
            offered(part).await,
            Vec::<i64>::new(),
            "{part}: a part of an address finds nobody"
        );
    }
    assert_eq!(
        offered("mere.tawhiri@agency.example").await,
        [colleague.0],
        "the whole address"
    );
    assert_eq!(
        offered("  Mere.Tawhiri@Agency.Example ").await,
        [colleague.0],
        "whatever its case"
    );
    assert_eq!(offered("tester").await.len(), 2, "names still match any part");

    let (rules_editor, _) = app
        .signed_in(Account::holding(
            "rules@agency.example",
            &[Permission::ViewClients, Permission::EditAccessRules],
        ))
        .await;
    let (code, body) = app
        .call_json(
            &rules_editor,
            "rule_subject_choices",
            json!({ "place": { "Record": { "kind": "Client", "id": client } }, "query": "tawhiri@agency" }),
        )
        .await;
    assert_eq!((code, body), (200, json!([])), "nor in the access rules' search");
}

#[tokio::test]
async fn protection_changes_are_refused_without_the_permission_off_the_list_inactive_and_signed_out() {
    let app = spawn_app().await;
    let (viewer, viewer_id) = app.signed_in(Account::active("viewer@agency.example")).await;
    let (locker, locker_id) = signed_in_locker(&app, "locker@agency.example").await;
    let (gone, gone_id) = signed_in_locker(&app, "gone@agency.example").await;
    let open = add_client(&app, "Open", "Client", viewer_id).await;
    let hidden = add_client(&app, "Hidden", "Client", viewer_id).await;
    lock_for(&app, hidden, viewer_id).await;

    let (code, body) = allowed(&app, &viewer, true, open, viewer_id).await;
    assert_eq!(code, 403);
    assert_eq!(
        message(&body),
        "Your role does not include “Add and remove allowed personnel”."
    );
    assert_eq!(
        lock(&app, &viewer, open, true, true).await.0,
        403,
        "no lock permission"
    );

    // Off the list and without override access: the client is not there.
    let not_found = (404, json!({ "NotFound": { "what": "That client" } }));
    assert_eq!(
        allowed(&app, &locker, true, hidden, locker_id).await,
        not_found,
        "nobody off the list adds themselves"
    );
    assert_eq!(
        lock(&app, &locker, hidden, false, true).await,
        not_found,
        "nor unlocks it"
    );
    let choices = [("id", hidden.to_string()), ("query", String::new())];
    let choices: Vec<(&str, &str)> = choices.iter().map(|(k, v)| (*k, v.as_str())).collect();
    assert_eq!(
        app.call(&locker, "allowed_personnel_choices", &choices).await,
        not_found
    );

    sqlx::query("UPDATE personnel SET status = 'Inactive' WHERE id = $1")
        .bind(gone_id.0)
        .execute(&app.pool)
        .await
        .unwrap();
    let answer = allowed(&app, &gone, true, open, viewer_id).await;
    assert_refused(&answer, 403, &not_active(), "adding for an Inactive account");
    let answer = lock(&app, &gone, open, true, true).await;
    assert_refused(&answer, 403, &not_active(), "locking for an Inactive account");
    let answer = allowed(&app, &browser(), true, open, viewer_id).await;
    assert_refused(&answer, 401, &please_sign_in(), "adding signed out");
    let answer = lock(&app, &browser(), open, true, true).await;
    assert_refused(&answer, 401, &please_sign_in(), "locking signed out");
    assert_eq!(
        audit_actions(&app, Audited::Client(open)).await,
        Vec::<String>::new(),
        "nothing changed"
    );
}

#[tokio::test]
async fn the_responsible_personnel_is_changed_by_editors_or_only_site_administrators_in_responsible_mode() {
    let app = spawn_app().await;
    let (editor, editor_id) = signed_in_locker(&app, "editor@agency.example").await;
    let (admin, _) = app
        .signed_in(Account {
            site_administrator: true,
            ..Account::active("admin@agency.example")
        })
        .await;
    let (viewer, viewer_id) = app.signed_in(Account::active("viewer@agency.example")).await;
    let client = add_client(&app, "Aroha", "Ngata", editor_id).await;
    let change = |who: PersonnelId| json!({ "id": client, "personnel": who.0 });

    let (code, body) = app
        .call_json(&viewer, "change_responsible", change(viewer_id))
        .await;
    assert_eq!(code, 403, "viewing is not editing: {body}");
    let (code, body) = app
        .call_json(&editor, "change_responsible", change(editor_id))
        .await;
    assert_eq!(code, 200, "{body}");
    let (_, body) = profile(&app, &viewer, client).await;
    assert_eq!(body["responsible"]["id"], editor_id.0);

    sqlx::query("UPDATE site_settings SET client_visibility = 'responsible_user'")
        .execute(&app.pool)
        .await
        .unwrap();
    assert_eq!(
        profile(&app, &viewer, client).await.0,
        404,
        "not responsible any more (and no override access): not found"
    );
    let search = [("query", "ngata"), ("mine", "false")];
    let (_, found) = app.call(&viewer, "search_clients", &search).await;
    assert_eq!(
        found["count"]["counted"], 0,
        "and the search no longer finds the client"
    );

    let (code, body) = app
        .call_json(&editor, "change_responsible", change(viewer_id))
        .await;
    assert_eq!(code, 403);
    assert!(message(&body).contains("only a site administrator"), "{body}");
    let (code, _) = app
        .call_json(&admin, "change_responsible", change(viewer_id))
        .await;
    assert_eq!(code, 200);
    assert_eq!(profile(&app, &viewer, client).await.0, 200, "responsible now");
    let (_, found) = app.call(&viewer, "search_clients", &search).await;
    assert_eq!(found["count"]["counted"], 1);

    let (code, body) = app
        .call_json(
            &admin,
            "change_responsible",
            json!({ "id": client, "personnel": null }),
        )
        .await;
    assert_eq!(code, 200, "{body}");
    assert_eq!(
        audit_actions(&app, Audited::Client(client)).await,
        [
            "client.responsible.change",
            "client.responsible.change",
            "client.responsible.change"
        ]
    );
    assert_eq!(
        app.call_json(&browser(), "change_responsible", change(viewer_id))
            .await
            .0,
        401
    );
}

#[tokio::test]
async fn the_responsible_picker_offers_case_managers_first() {
    let app = spawn_app().await;
    let (editor, editor_id) = signed_in_locker(&app, "editor@agency.example").await;
    let case_manager = app.add_account(Account::active("manager@agency.example")).await;
    sqlx::query("UPDATE personnel SET case_manager = TRUE WHERE id = $1")
        .bind(case_manager.0)
        .execute(&app.pool)
        .await
        .unwrap();
    let client = add_client(&app, "Aroha", "Ngata", editor_id).await;
    let (code, body) = app
        .call(
            &editor,
            "responsible_choices",
            &[("id", &client.to_string()), ("query", "")],
        )
        .await;
    assert_eq!(code, 200, "{body}");
    assert_eq!(body[0]["id"], case_manager.0);
    assert_eq!(body[0]["case_manager"], true);
    assert_eq!(body.as_array().unwrap().len(), 2);
}

/// Every client server function, with arguments about one client and one
/// person.
fn every_client_function(client: ClientId, person: PersonnelId) -> Vec<(&'static str, Value)> {
    vec![
        ("search_clients", json!({ "query": "", "mine": false })),
        (
            "create_client",
            json!({ "form": { "first_name": "A", "last_name": "B", "date_of_birth": "", "identifier": "" } }),
        ),
        ("load_client", json!({ "id": client })),
        (
            "update_client",
            json!({ "id": client, "form": { "first_name": "A", "last_name": "B", "date_of_birth": "", "identifier": "" } }),
        ),
        (
            "set_client_lock",
            json!({ "id": client, "lock": false, "confirmed": true }),
        ),
        ("allowed_personnel_choices", json!({ "id": client, "query": "" })),
        (
            "add_allowed_personnel",
            json!({ "id": client, "personnel": person.0 }),
        ),
        (
            "remove_allowed_personnel",
            json!({ "id": client, "personnel": person.0 }),
        ),
        ("responsible_choices", json!({ "id": client, "query": "" })),
        (
            "change_responsible",
            json!({ "id": client, "personnel": person.0 }),
        ),
        (
            "override_client",
            json!({ "id": client, "reason": "a good long reason" }),
        ),
    ]
}

/// Calls `name` the way its endpoint takes input: JSON for the three that
/// take a form or an optional person, URL-encoded fields for the others.
async fn call_any(app: &TestApp, who: &reqwest::Client, name: &str, input: &Value) -> (u16, Value) {
    if matches!(name, "create_client" | "update_client" | "change_responsible") {
        return app.call_json(who, name, input.clone()).await;
    }
    let fields: Vec<(String, String)> = input
        .as_object()
        .unwrap()
        .iter()
        .map(|(k, v)| (k.clone(), v.as_str().map_or_else(|| v.to_string(), str::to_owned)))
        .collect();
    let form: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    app.call(who, name, &form).await
}

#[tokio::test]
async fn every_client_function_is_refused_without_view_clients_inactive_and_signed_out() {
    let app = spawn_app().await;
    let (owner, owner_id) = signed_in_locker(&app, "owner@agency.example").await;
    let client = add_client(&app, "Aroha", "Ngata", owner_id).await;
    lock_for(&app, client, owner_id).await;
    let (nobody, _) = app
        .signed_in(Account::holding("nobody@agency.example", &[]))
        .await;
    let (gone, gone_id) = signed_in_locker(&app, "gone@agency.example").await;
    sqlx::query("UPDATE personnel SET status = 'Inactive' WHERE id = $1")
        .bind(gone_id.0)
        .execute(&app.pool)
        .await
        .unwrap();
    let no_view_clients = policy::AreaRefusal::MissingPermission(Permission::ViewClients).to_string();
    for (name, input) in every_client_function(client, owner_id) {
        let (code, body) = call_any(&app, &nobody, name, &input).await;
        assert_eq!(
            (code, message(&body)),
            (403, no_view_clients.clone()),
            "{name} without view clients: {body}"
        );
        let (code, body) = call_any(&app, &gone, name, &input).await;
        assert_eq!(
            (code, message(&body)),
            (403, not_active()),
            "{name} for an Inactive account: {body}"
        );
        let (code, body) = call_any(&app, &browser(), name, &input).await;
        assert_eq!(
            (code, message(&body)),
            (401, please_sign_in()),
            "{name} signed out: {body}"
        );
    }
    let (_, body) = profile(&app, &owner, client).await;
    assert_eq!(body["locked"], true, "nothing changed");
    assert_eq!(
        audit_actions(&app, Audited::Client(client)).await,
        Vec::<String>::new()
    );
}

#[tokio::test]
async fn every_function_on_a_locked_client_answers_as_for_a_missing_id_to_someone_off_its_allowed_personnel()
{
    let app = spawn_app().await;
    let owner = app.add_account(Account::active("owner@agency.example")).await;
    let client = add_client(&app, "Aroha", "Ngata", owner).await;
    lock_for(&app, client, owner).await;
    // Every permission but override access: the lock alone keeps them out.
    let (outsider, outsider_id) = app
        .signed_in(Account {
            permissions: &[
                Permission::ViewClients,
                Permission::CreateClients,
                Permission::EditClients,
                Permission::LockClients,
                Permission::ManageAllowedPersonnel,
            ],
            ..Account::active("outsider@agency.example")
        })
        .await;
    let missing = ClientId(client.0 + 1000);
    for ((name, input), (_, missing_input)) in every_client_function(client, outsider_id)
        .into_iter()
        .zip(every_client_function(missing, outsider_id))
    {
        if matches!(name, "search_clients" | "create_client") {
            continue; // not about this client
        }
        let (code, body) = call_any(&app, &outsider, name, &input).await;
        assert_eq!(
            (code, &body),
            (404, &json!({ "NotFound": { "what": "That client" } })),
            "{name}: neither that it exists nor why it is closed"
        );
        assert_eq!(
            call_any(&app, &outsider, name, &missing_input).await,
            (code, body),
            "{name}: the same answer as for an id that does not exist"
        );
    }
    assert_eq!(
        audit_actions(&app, Audited::Client(client)).await,
        Vec::<String>::new(),
        "nothing changed"
    );
}
