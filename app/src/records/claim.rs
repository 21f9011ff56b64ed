//! Beginning a change to a record: the transaction, the record's row taken
//! for writing, and its protection loaded inside, so that the rulebook
//! decides on exactly what the change then writes. Two people changing one
//! record at once are taken one after the other.

use policy::{ClientId, Protection, RecordKind, SessionRecordId};

use crate::asking::Asking;

use crate::accounts::Transaction;
use crate::error::AppError;
use crate::records::RecordRef;
use crate::records::opening::may_know;
use crate::records::protection;
use crate::store::Pool;

pub fn not_found(record: RecordRef) -> AppError {
    AppError::NotFound {
        what: record.what().into(),
    }
}

/// Takes the record's row for writing (an update that changes nothing: on
/// PostgreSQL a row lock, on SQLite the database's write lock), then loads
/// its protection.
pub async fn claim(pool: &Pool, record: RecordRef) -> Result<(Transaction<'static>, Protection), AppError> {
    let mut tx = pool.begin().await?;
    let touch = match record.kind {
        RecordKind::Client => "UPDATE clients SET locked = locked WHERE id = $1",
        RecordKind::SessionRecord => "UPDATE session_records SET title = title WHERE id = $1",
    };
    let claimed = sqlx::query(touch).bind(record.id).execute(&mut *tx).await?;
    if claimed.rows_affected() == 0 {
        return Err(not_found(record));
    }
    let protection = load(&mut tx, record).await?.ok_or_else(|| not_found(record))?;
    Ok((tx, protection))
}

/// The record's protection, or `None` when there is no such record.
pub async fn load(tx: &mut Transaction<'_>, record: RecordRef) -> Result<Option<Protection>, AppError> {
    match record.kind {
        RecordKind::Client => protection::load_client(tx, ClientId(record.id)).await,
        RecordKind::SessionRecord => protection::load_session_record(tx, SessionRecordId(record.id)).await,
    }
}

/// `claim` for someone who may know of the record (see
/// `opening::may_know`); to anyone else the record is "not found", as a
/// missing one is, before anything else about the request is looked at.
pub async fn claim_known(
    pool: &Pool,
    asking: Asking<'_>,
    record: RecordRef,
) -> Result<(Transaction<'static>, Protection), AppError> {
    let (tx, protection) = claim(pool, record).await?;
    may_know(asking, &protection, record)?;
    Ok((tx, protection))
}

/// `load` for someone who may know of the record: its protection, or "not
/// found" both when it does not exist and when they may not know of it.
pub async fn load_known(
    tx: &mut Transaction<'_>,
    asking: Asking<'_>,
    record: RecordRef,
) -> Result<Protection, AppError> {
    let protection = load(tx, record).await?.ok_or_else(|| not_found(record))?;
    may_know(asking, &protection, record)?;
    Ok(protection)
}
