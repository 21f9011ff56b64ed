//! The audit trail: who, when, what, before and after. Every change that the
//! spec lists is recorded here in the same transaction as the change itself;
//! the database refuses to update or delete an entry.

use policy::{PersonnelId, Timestamp};
use serde::Serialize;

use crate::accounts::Transaction;
use crate::error::AppError;

/// One entry: `action` such as "personnel.update", on `entity` (a table's
/// name) number `entity_id`, with the state before and after as JSON.
pub struct Entry<'a, B: Serialize, A: Serialize> {
    pub actor: Option<PersonnelId>,
    pub at: Timestamp,
    pub action: &'a str,
    pub entity: &'a str,
    pub entity_id: i64,
    pub before: Option<&'a B>,
    pub after: Option<&'a A>,
}

pub async fn record<B: Serialize, A: Serialize>(
    tx: &mut Transaction<'_>,
    entry: Entry<'_, B, A>,
) -> Result<(), AppError> {
    let before = entry.before.map(to_json).transpose()?;
    let after = entry.after.map(to_json).transpose()?;
    sqlx::query(
        "INSERT INTO audit_log (at, actor_id, action, entity, entity_id, before_value, after_value) \
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(entry.at.0)
    .bind(entry.actor.map(|a| a.0))
    .bind(entry.action)
    .bind(entry.entity)
    .bind(entry.entity_id)
    .bind(before)
    .bind(after)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

fn to_json<T: Serialize>(value: &T) -> Result<String, AppError> {
    serde_json::to_string(value).map_err(|error| {
        tracing::error!(%error, "could not write an audit entry");
        AppError::Unavailable
    })
}
