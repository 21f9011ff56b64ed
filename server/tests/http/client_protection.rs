//! The lock, the allowed personnel and the responsible personnel over HTTP
//! (spec, "Changing a record's protection"): allowed for the right role, refused for the wrong one, for
//! someone not on a locked client's allowed personnel, for an Inactive
//! account and signed out; every change in the audit trail.

use std::future::Future;
use std::pin::Pin;

use app::access_rules::RulePlace;
use app::api::access_rules::RuleSubjectChoices;
use app::api::clients::{
    AddAllowedPersonnel, AllowedPersonnelChoices, ChangeResponsible, CreateClient, LoadClient,
    OverrideClient, RemoveAllowedPersonnel, ResponsibleChoices, SearchClients, SetClientLock, UpdateClient,
};
use app::clients::{ClientForm, ClientProfile, PersonnelChoice};
use app::error::AppError;
use app::records::RecordRef;
use policy::{ClientId, Permission, PersonnelId};

use crate::support::fixtures::{Audited, add_client, audit_actions, lock_for};
use crate::support::{
    Account, Answer, TestApp, assert_refused, browser, not_active, please_sign_in, spawn_app,
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

async fn profile(app: &TestApp, who: &reqwest::Client, client: ClientId) -> Answer<ClientProfile> {
    app.ask(who, LoadClient { id: client }).await
}

async fn lock(
    app: &TestApp,
    who: &reqwest::Client,
    client: ClientId,
    lock: bool,
    confirmed: bool,
) -> Answer<()> {
    let set = SetClientLock {
        id: client,
        lock,
        confirmed,
    };
    app.ask(who, set).await
}

async fn allowed(
    app: &TestApp,
    who: &reqwest::Client,
    add: bool,
    client: ClientId,
    person: PersonnelId,
) -> Answer<()> {
    if add {
        let add = AddAllowedPersonnel {
            id: client,
            personnel: person,
        };
        app.ask(who, add).await
    } else {
        let remove = RemoveAllowedPersonnel {
            id: client,
            personnel: person,
        };
        app.ask(who, remove).await
    }
}

/// The ids of the people a picker offers.
fn ids(choices: &[PersonnelChoice]) -> Vec<PersonnelId> {
    choices.iter().map(|p| p.id).collect()
}

#[tokio::test]
async fn locking_needs_an_allowed_person_then_only_the_allowed_personnel_open_the_client() {
    let app = spawn_app().await;
    let (locker, locker_id) = signed_in_locker(&app, "locker@agency.example").await;
    let (colleague, colleague_id) = app.signed_in(Account::active("colleague@agency.example")).await;
    let (outsider, _) = app.signed_in(Account::active("outsider@agency.example")).await;
    let client = add_client(&app, "Aroha", "Ngata", locker_id).await;

    let answer = lock(&app, &locker, client, true, true).await;
    assert_eq!(answer.status, 409);
    assert_eq!(
        answer.err().to_string(),
        "For a client profile to be locked at least one personnel must be listed in the allowed section."
    );

    assert_eq!(allowed(&app, &locker, true, client, locker_id).await.status, 200);
    assert_eq!(
        allowed(&app, &locker, true, client, colleague_id).await.status,
        200
    );
    let answer = allowed(&app, &locker, true, client, colleague_id).await;
    assert_eq!(
        (answer.status, answer.err().to_string()),
        (409, "This person is already on the allowed personnel.".into())
    );

    let answer = lock(&app, &locker, client, true, false).await;
    assert_eq!(answer.status, 409, "not without the confirmation");
    assert_eq!(
        profile(&app, &outsider, client).await.status,
        200,
        "still unlocked"
    );

    assert_eq!(lock(&app, &locker, client, true, true).await.status, 200);
    assert!(profile(&app, &locker, client).await.ok().locked);
    assert_eq!(profile(&app, &colleague, client).await.status, 200, "on the list");
    assert_eq!(
        profile(&app, &outsider, client).await.status,
        404,
        "not on the list, no override access: not found"
    );

    assert_eq!(lock(&app, &locker, client, false, true).await.status, 200);
    assert_eq!(
        profile(&app, &outsider, client).await.status,
        200,
        "unlocked again"
    );
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
    assert_eq!(allowed(&app, &locker, true, client, other).await.status, 200);
    assert_eq!(allowed(&app, &locker, false, client, other).await.status, 200);
    let answer = allowed(&app, &locker, false, client, locker_id).await;
    assert_eq!(answer.status, 409);
    let error = answer.err();
    assert!(error.to_string().contains("last allowed person"), "{error:?}");
    let profile = profile(&app, &locker, client).await.ok();
    assert_eq!(profile.allowed_personnel.len(), 1, "nothing changed");
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
    let answer = allowed(&app, &locker, true, client, pending).await;
    assert_eq!(answer.status, 422);
    let AppError::Invalid { fields } = answer.err() else {
        panic!("not a field error")
    };
    assert_eq!(fields[0].field, "personnel");

    let choices = AllowedPersonnelChoices {
        id: client,
        query: "jordan".into(),
    };
    let offered = ids(&app.ask(&locker, choices).await.ok());
    assert_eq!(offered, [locker_id], "the Pending account is not offered");
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
            let choices = AllowedPersonnelChoices {
                id: client,
                query: query.into(),
            };
            ids(&app.ask(locker, choices).await.ok())
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
            Vec::<PersonnelId>::new(),
            "{part}: a part of an address finds nobody"
        );
    }
    assert_eq!(
        offered("mere.tawhiri@agency.example").await,
        [colleague],
        "the whole address"
    );
    assert_eq!(
        offered("  Mere.Tawhiri@Agency.Example ").await,
        [colleague],
        "whatever its case"
    );
    assert_eq!(offered("tester").await.len(), 2, "names still match any part");

    let (rules_editor, _) = app
        .signed_in(Account::holding(
            "rules@agency.example",
            &[Permission::ViewClients, Permission::EditAccessRules],
        ))
        .await;
    let search = RuleSubjectChoices {
        place: RulePlace::Record(RecordRef::client(client)),
        query: "tawhiri@agency".into(),
    };
    let answer = app.ask(&rules_editor, search).await;
    assert_eq!(
        (answer.status, answer.result),
        (200, Ok(Vec::new())),
        "nor in the access rules' search"
    );
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

    let answer = allowed(&app, &viewer, true, open, viewer_id).await;
    assert_eq!(answer.status, 403);
    assert_eq!(
        answer.err().to_string(),
        "Your role does not include “Add and remove allowed personnel”."
    );
    assert_eq!(
        lock(&app, &viewer, open, true, true).await.status,
        403,
        "no lock permission"
    );

    // Off the list and without override access: the client is not there.
    fn not_found<T>(status: u16) -> (u16, Result<T, AppError>) {
        let error = AppError::NotFound {
            what: "That client".into(),
        };
        (status, Err(error))
    }
    let answer = allowed(&app, &locker, true, hidden, locker_id).await;
    assert_eq!(
        (answer.status, answer.result),
        not_found(404),
        "nobody off the list adds themselves"
    );
    let answer = lock(&app, &locker, hidden, false, true).await;
    assert_eq!((answer.status, answer.result), not_found(404), "nor unlocks it");
    let choices = AllowedPersonnelChoices {
        id: hidden,
        query: String::new(),
    };
    let answer = app.ask(&locker, choices).await;
    assert_eq!((answer.status, answer.result), not_found(404));

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
    let change = |who: PersonnelId| ChangeResponsible {
        id: client,
        personnel: Some(who),
    };

    let answer = app.ask(&viewer, change(viewer_id)).await;
    assert_eq!(answer.status, 403, "viewing is not editing: {answer:?}");
    app.ask(&editor, change(editor_id)).await.ok();
    let responsible = profile(&app, &viewer, client).await.ok().responsible;
    assert_eq!(responsible.map(|r| r.id), Some(editor_id));

    sqlx::query("UPDATE site_settings SET client_visibility = 'responsible_user'")
        .execute(&app.pool)
        .await
        .unwrap();
    assert_eq!(
        profile(&app, &viewer, client).await.status,
        404,
        "not responsible any more (and no override access): not found"
    );
    let search = || SearchClients {
        query: "ngata".into(),
        mine: false,
        after: String::new(),
        before: String::new(),
    };
    let found = app.ask(&viewer, search()).await.ok();
    assert_eq!(
        found.count.counted, 0,
        "and the search no longer finds the client"
    );

    let answer = app.ask(&editor, change(viewer_id)).await;
    assert_eq!(answer.status, 403);
    let error = answer.err();
    assert!(
        error.to_string().contains("only a site administrator"),
        "{error:?}"
    );
    let answer = app.ask(&admin, change(viewer_id)).await;
    assert_eq!(answer.status, 200);
    assert_eq!(
        profile(&app, &viewer, client).await.status,
        200,
        "responsible now"
    );
    let found = app.ask(&viewer, search()).await.ok();
    assert_eq!(found.count.counted, 1);

    let nobody = ChangeResponsible {
        id: client,
        personnel: None,
    };
    app.ask(&admin, nobody).await.ok();
    assert_eq!(
        audit_actions(&app, Audited::Client(client)).await,
        [
            "client.responsible.change",
            "client.responsible.change",
            "client.responsible.change"
        ]
    );
    assert_eq!(app.ask(&browser(), change(viewer_id)).await.status, 401);
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
    let choices = ResponsibleChoices {
        id: client,
        query: String::new(),
    };
    let offered = app.ask(&editor, choices).await.ok();
    assert_eq!(offered[0].id, case_manager);
    assert!(offered[0].case_manager);
    assert_eq!(offered.len(), 2);
}

/// One server function's call, with its answer erased to compare answers
/// of different functions.
type Asked<'a> = Pin<Box<dyn Future<Output = Answer<String>> + 'a>>;

/// Every client server function, asked by `who` with arguments about one
/// client and one person.
fn every_client_function<'a>(
    app: &'a TestApp,
    who: &'a reqwest::Client,
    client: ClientId,
    person: PersonnelId,
) -> Vec<(&'static str, Asked<'a>)> {
    let form = || ClientForm {
        first_name: "A".into(),
        last_name: "B".into(),
        date_of_birth: String::new(),
        identifier: String::new(),
    };
    let search = SearchClients {
        query: String::new(),
        mine: false,
        after: String::new(),
        before: String::new(),
    };
    let update = UpdateClient {
        id: client,
        form: form(),
    };
    let lock = SetClientLock {
        id: client,
        lock: false,
        confirmed: true,
    };
    let allowed_choices = AllowedPersonnelChoices {
        id: client,
        query: String::new(),
    };
    let add = AddAllowedPersonnel {
        id: client,
        personnel: person,
    };
    let remove = RemoveAllowedPersonnel {
        id: client,
        personnel: person,
    };
    let responsible_choices = ResponsibleChoices {
        id: client,
        query: String::new(),
    };
    let responsible = ChangeResponsible {
        id: client,
        personnel: Some(person),
    };
    let override_access = OverrideClient {
        id: client,
        reason: "a good long reason".into(),
    };
    vec![
        (
            "search_clients",
            Box::pin(async move { app.ask(who, search).await.erased() }),
        ),
        (
            "create_client",
            Box::pin(async move { app.ask(who, CreateClient { form: form() }).await.erased() }),
        ),
        (
            "load_client",
            Box::pin(async move { app.ask(who, LoadClient { id: client }).await.erased() }),
        ),
        (
            "update_client",
            Box::pin(async move { app.ask(who, update).await.erased() }),
        ),
        (
            "set_client_lock",
            Box::pin(async move { app.ask(who, lock).await.erased() }),
        ),
        (
            "allowed_personnel_choices",
            Box::pin(async move { app.ask(who, allowed_choices).await.erased() }),
        ),
        (
            "add_allowed_personnel",
            Box::pin(async move { app.ask(who, add).await.erased() }),
        ),
        (
            "remove_allowed_personnel",
            Box::pin(async move { app.ask(who, remove).await.erased() }),
        ),
        (
            "responsible_choices",
            Box::pin(async move { app.ask(who, responsible_choices).await.erased() }),
        ),
        (
            "change_responsible",
            Box::pin(async move { app.ask(who, responsible).await.erased() }),
        ),
        (
            "override_client",
            Box::pin(async move { app.ask(who, override_access).await.erased() }),
        ),
    ]
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
    let signed_out = browser();
    let refused = |answer: Answer<String>| (answer.status, answer.err().to_string());
    for (((name, without_view), (_, inactive)), (_, anonymous)) in
        every_client_function(&app, &nobody, client, owner_id)
            .into_iter()
            .zip(every_client_function(&app, &gone, client, owner_id))
            .zip(every_client_function(&app, &signed_out, client, owner_id))
    {
        assert_eq!(
            refused(without_view.await),
            (403, no_view_clients.clone()),
            "{name} without view clients"
        );
        assert_eq!(
            refused(inactive.await),
            (403, not_active()),
            "{name} for an Inactive account"
        );
        assert_eq!(
            refused(anonymous.await),
            (401, please_sign_in()),
            "{name} signed out"
        );
    }
    assert!(profile(&app, &owner, client).await.ok().locked, "nothing changed");
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
    for ((name, about_client), (_, about_missing)) in
        every_client_function(&app, &outsider, client, outsider_id)
            .into_iter()
            .zip(every_client_function(&app, &outsider, missing, outsider_id))
    {
        if matches!(name, "search_clients" | "create_client") {
            continue; // not about this client
        }
        let answer = about_client.await;
        assert_eq!(
            (answer.status, &answer.result),
            (
                404,
                &Err(AppError::NotFound {
                    what: "That client".into()
                })
            ),
            "{name}: neither that it exists nor why it is closed"
        );
        assert_eq!(
            about_missing.await,
            answer,
            "{name}: the same answer as for an id that does not exist"
        );
    }
    assert_eq!(
        audit_actions(&app, Audited::Client(client)).await,
        Vec::<String>::new(),
        "nothing changed"
    );
}
