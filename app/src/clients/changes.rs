//! Changes to a client's protection: the lock, the allowed personnel and
//! the responsible personnel. Each one claims the client's row, loads its
//! protection, asks `policy::may_change_protection`, writes, and records the
//! audit entry, all in one transaction: two people changing one client at
//! once are taken one after the other, and each is decided on what the
//! other left.

use policy::{Candidate, ClientId, PersonnelId, PersonnelStatus, Protection, ProtectionChange};
use serde::Serialize;

use crate::accounts::Transaction;
use crate::asking::Asking;
use crate::audit::{self, Entry};
use crate::error::AppError;
use crate::records::RecordRef;
use crate::records::claim::claim_known;
use crate::store::Pool;
use crate::stored_code::{Column, StoredCode};

/// Begins the transaction of `change` (see `records::claim`); the client
/// is "not found" to someone who may not know of it.
pub async fn claim(pool: &Pool, change: &Change<'_>) -> Result<(Transaction<'static>, Protection), AppError> {
    claim_known(pool, change.asking, RecordRef::client(change.client)).await
}

/// Who is changing which client, under which settings, and when.
pub struct Change<'a> {
    pub asking: Asking<'a>,
    pub client: ClientId,
}

impl Change<'_> {
    /// Asks the rulebook about `change` to the claimed client.
    fn ask(&self, protection: &Protection, change: ProtectionChange<'_>) -> Result<(), AppError> {
        self.asking.may_change(protection, change)?;
        Ok(())
    }

    async fn audit<B: Serialize, A: Serialize>(
        &self,
        tx: &mut Transaction<'_>,
        action: &str,
        before: &B,
        after: &A,
    ) -> Result<(), AppError> {
        audit::record(
            tx,
            Entry {
                actor: Some(self.asking.subject.id),
                at: self.asking.now,
                action,
                entity: "clients",
                entity_id: self.client.0,
                before: Some(before),
                after: Some(after),
            },
        )
        .await
    }
}

/// The person a change names, as the rulebook needs to know them.
async fn candidate(tx: &mut Transaction<'_>, person: PersonnelId) -> Result<Candidate, AppError> {
    let status: Option<(String,)> = sqlx::query_as("SELECT status FROM personnel WHERE id = $1")
        .bind(person.0)
        .fetch_optional(&mut **tx)
        .await?;
    let (status,) = status.ok_or_else(|| AppError::NotFound {
        what: "That person".into(),
    })?;
    let status = PersonnelStatus::decode(&status, Column::new("personnel", "status"))?;
    Ok(Candidate { id: person, status })
}

#[derive(Serialize)]
struct LockEntry {
    locked: bool,
}

/// Locks (`lock`) or unlocks the client, after the user confirmed.
#[tracing::instrument(name = "clients::changes::set_lock", skip_all, fields(actor = change.asking.subject.id.0, client = change.client.0))]
pub async fn set_lock(pool: &Pool, change: Change<'_>, lock: bool, confirmed: bool) -> Result<(), AppError> {
    let asked = if lock {
        ProtectionChange::Lock { confirmed }
    } else {
        ProtectionChange::Unlock { confirmed }
    };
    let (mut tx, before) = claim(pool, &change).await?;
    change.ask(&before, asked)?;
    sqlx::query("UPDATE clients SET locked = $1 WHERE id = $2")
        .bind(lock)
        .bind(change.client.0)
        .execute(&mut *tx)
        .await?;
    let action = if lock { "client.lock" } else { "client.unlock" };
    change
        .audit(
            &mut tx,
            action,
            &LockEntry {
                locked: before.locked,
            },
            &LockEntry { locked: lock },
        )
        .await?;
    tx.commit().await?;
    Ok(())
}

#[derive(Serialize)]
struct AllowedEntry {
    allowed_personnel: Vec<i64>,
}

fn allowed_entry(list: &[PersonnelId]) -> AllowedEntry {
    AllowedEntry {
        allowed_personnel: list.iter().map(|p| p.0).collect(),
    }
}

/// Adds `person` to the client's allowed personnel.
#[tracing::instrument(name = "clients::changes::add_allowed", skip_all, fields(actor = change.asking.subject.id.0, client = change.client.0, person = person.0))]
pub async fn add_allowed(pool: &Pool, change: Change<'_>, person: PersonnelId) -> Result<(), AppError> {
    let (mut tx, before) = claim(pool, &change).await?;
    let named = candidate(&mut tx, person).await?;
    change.ask(&before, ProtectionChange::AddAllowedPersonnel { person: named })?;
    sqlx::query("INSERT INTO client_allowed_personnel (client_id, personnel_id) VALUES ($1, $2)")
        .bind(change.client.0)
        .bind(person.0)
        .execute(&mut *tx)
        .await?;
    let mut after = before.allowed_personnel.clone();
    after.push(person);
    change
        .audit(
            &mut tx,
            "client.allowed_personnel.add",
            &allowed_entry(&before.allowed_personnel),
            &allowed_entry(&after),
        )
        .await?;
    tx.commit().await?;
    Ok(())
}

/// Removes `person` from the client's allowed personnel.
#[tracing::instrument(name = "clients::changes::remove_allowed", skip_all, fields(actor = change.asking.subject.id.0, client = change.client.0, person = person.0))]
pub async fn remove_allowed(pool: &Pool, change: Change<'_>, person: PersonnelId) -> Result<(), AppError> {
    let (mut tx, before) = claim(pool, &change).await?;
    change.ask(&before, ProtectionChange::RemoveAllowedPersonnel { person })?;
    sqlx::query("DELETE FROM client_allowed_personnel WHERE client_id = $1 AND personnel_id = $2")
        .bind(change.client.0)
        .bind(person.0)
        .execute(&mut *tx)
        .await?;
    let after: Vec<PersonnelId> = before
        .allowed_personnel
        .iter()
        .copied()
        .filter(|p| *p != person)
        .collect();
    change
        .audit(
            &mut tx,
            "client.allowed_personnel.remove",
            &allowed_entry(&before.allowed_personnel),
            &allowed_entry(&after),
        )
        .await?;
    tx.commit().await?;
    Ok(())
}

#[derive(Serialize)]
struct ResponsibleEntry {
    responsible_personnel_id: Option<i64>,
}

/// Makes `person` the client's responsible personnel, or clears it.
#[tracing::instrument(name = "clients::changes::change_responsible", skip_all, fields(actor = change.asking.subject.id.0, client = change.client.0))]
pub async fn change_responsible(
    pool: &Pool,
    change: Change<'_>,
    person: Option<PersonnelId>,
) -> Result<(), AppError> {
    let (mut tx, before) = claim(pool, &change).await?;
    let named = match person {
        Some(person) => Some(candidate(&mut tx, person).await?),
        None => None,
    };
    change.ask(&before, ProtectionChange::ChangeResponsible { person: named })?;
    sqlx::query("UPDATE clients SET responsible_personnel_id = $1 WHERE id = $2")
        .bind(person.map(|p| p.0))
        .bind(change.client.0)
        .execute(&mut *tx)
        .await?;
    change
        .audit(
            &mut tx,
            "client.responsible.change",
            &ResponsibleEntry {
                responsible_personnel_id: before.responsible.map(|p| p.0),
            },
            &ResponsibleEntry {
                responsible_personnel_id: person.map(|p| p.0),
            },
        )
        .await?;
    tx.commit().await?;
    Ok(())
}
