//! "New client": the intake form's client written with the protection the
//! rulebook gives a new client (`policy::new_client`): not locked, no
//! allowed personnel (the creator is not added, seed 000), and the creator
//! as responsible personnel when "Assign new client records to the user who
//! creates the record" is on (seed 002). The client belongs to the
//! creator's organization.

use crate::case_folding::fold;
use policy::ClientId;

use crate::asking::Asking;
use serde::Serialize;

use crate::audit::{self, Entry};
use crate::clients::ClientForm;
use crate::clients::form::check;
use crate::error::AppError;
use crate::store::Pool;

/// What the audit trail keeps of a client's details.
#[derive(Serialize)]
pub struct ClientEntry<'a> {
    pub first_name: &'a str,
    pub last_name: &'a str,
    pub date_of_birth: Option<&'a str>,
    pub identifier: &'a str,
}

/// Creates the client; `creator` has been allowed by `policy::may_create`.
#[tracing::instrument(name = "clients::intake::create", skip_all, fields(actor = asking.subject.id.0))]
pub async fn create(pool: &Pool, asking: Asking<'_>, form: &ClientForm) -> Result<ClientId, AppError> {
    let (creator, now) = (asking.subject, asking.now);
    let client = check(form, now)?;
    let protection = policy::new_client(creator.id, creator.organization, asking.settings);
    let mut tx = pool.begin().await?;
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO clients (organization_id, first_name, last_name, date_of_birth, identifier, \
         responsible_personnel_id, created_by, locked, created_at, \
         first_name_folded, last_name_folded, identifier_folded) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id",
    )
    .bind(protection.organization.0)
    .bind(&client.first_name)
    .bind(&client.last_name)
    .bind(&client.date_of_birth)
    .bind(&client.identifier)
    .bind(protection.responsible.map(|p| p.0))
    .bind(creator.id.0)
    .bind(protection.locked)
    .bind(now.0)
    .bind(fold(&client.first_name))
    .bind(fold(&client.last_name))
    .bind(fold(&client.identifier))
    .fetch_one(&mut *tx)
    .await?;
    audit::record(
        &mut tx,
        Entry::<(), _> {
            actor: Some(creator.id),
            at: now,
            action: "client.create",
            entity: "clients",
            entity_id: id,
            before: None,
            after: Some(&serde_json::json!({
                "details": ClientEntry {
                    first_name: &client.first_name,
                    last_name: &client.last_name,
                    date_of_birth: client.date_of_birth.as_deref(),
                    identifier: &client.identifier,
                },
                "organization_id": protection.organization.0,
                "responsible_personnel_id": protection.responsible.map(|p| p.0),
            })),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(ClientId(id))
}
