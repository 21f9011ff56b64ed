//! Records the tests put straight into the database, and what they read
//! back from it, and the calls and answers several test modules share.

use std::fmt::Debug;

use app::api::clients::LoadClient;
use app::api::personnel::AddPersonnel;
use app::case_folding::fold;
use app::clients::ClientProfile;
use app::directory::{NewAccount, PersonnelForm};
use app::error::AppError;
use policy::{ClientId, PersonnelId};

use super::{Answer, TestApp};

/// Opens `client`'s profile as `who` ("load_client").
pub async fn open_client(app: &TestApp, who: &reqwest::Client, client: ClientId) -> Answer<ClientProfile> {
    app.ask(who, LoadClient { id: client }).await
}

/// "That client was not found.", exactly as for an id nobody has.
pub fn client_not_found<T>() -> (u16, Result<T, AppError>) {
    let error = AppError::NotFound {
        what: "That client".into(),
    };
    (404, Err(error))
}

/// Asserts that `answer` is a 403 `Restricted` refusal that break-glass
/// override access could open; returns the error.
#[track_caller]
pub fn assert_restricted_and_overridable<T: Debug>(answer: Answer<T>) -> AppError {
    assert_eq!(answer.status, 403, "{answer:?}");
    let error = answer.err();
    assert!(
        matches!(
            error,
            AppError::Restricted {
                overridable: true,
                ..
            }
        ),
        "{error:?}"
    );
    error
}

/// A client born 2015-03-09 with identifier `ID-{last}`, in the first
/// organization, created by `creator`.
pub async fn add_client(app: &TestApp, first: &str, last: &str, creator: PersonnelId) -> ClientId {
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO clients (organization_id, first_name, last_name, date_of_birth, identifier, created_by, created_at, \
                              first_name_folded, last_name_folded, identifier_folded) \
         VALUES ((SELECT MIN(id) FROM organizations), $1, $2, '2015-03-09', $3, $4, 0, $5, $6, $7) RETURNING id",
    )
    .bind(first)
    .bind(last)
    .bind(format!("ID-{last}"))
    .bind(creator.0)
    .bind(fold(first))
    .bind(fold(last))
    .bind(fold(&format!("ID-{last}")))
    .fetch_one(&app.pool)
    .await
    .unwrap();
    ClientId(id)
}

/// Locks `client` with `allowed` as its one allowed person.
pub async fn lock_for(app: &TestApp, client: ClientId, allowed: PersonnelId) {
    sqlx::query("UPDATE clients SET locked = TRUE WHERE id = $1")
        .bind(client.0)
        .execute(&app.pool)
        .await
        .unwrap();
    sqlx::query("INSERT INTO client_allowed_personnel (client_id, personnel_id) VALUES ($1, $2)")
        .bind(client.0)
        .bind(allowed.0)
        .execute(&app.pool)
        .await
        .unwrap();
}

/// Whose entries of the audit log [`audit_actions`] reads.
#[derive(Debug, Clone, Copy)]
pub enum Audited {
    /// Every entry.
    Everything,
    /// The entries about one client.
    Client(ClientId),
}

/// The actions of the audit log's entries, oldest first.
pub async fn audit_actions(app: &TestApp, audited: Audited) -> Vec<String> {
    let client = match audited {
        Audited::Everything => None,
        Audited::Client(id) => Some(id.0),
    };
    let rows: Vec<(String,)> = sqlx::query_as(
        "SELECT action FROM audit_log \
         WHERE $1 IS NULL OR (entity = 'clients' AND entity_id = $1) ORDER BY id",
    )
    .bind(client)
    .fetch_all(&app.pool)
    .await
    .unwrap();
    rows.into_iter().map(|(a,)| a).collect()
}

/// "add_personnel" with `details` and a new password (asked to be changed
/// at first sign-in).
pub fn add_personnel(details: PersonnelForm, password: &str) -> AddPersonnel {
    AddPersonnel {
        account: NewAccount {
            details,
            password: password.into(),
            confirm_password: password.into(),
            require_password_change: true,
        },
    }
}

/// Sets the agency's time zone in Site settings, straight in the database.
pub async fn set_time_zone(app: &TestApp, zone: &str) {
    sqlx::query("UPDATE site_settings SET time_zone = $1 WHERE id = 1")
        .bind(zone)
        .execute(&app.pool)
        .await
        .unwrap();
}
