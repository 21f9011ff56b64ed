//! Break-glass override access (seed 003) on any record: the record opens
//! to the person for fifteen minutes from the server's clock. Claims the
//! record, asks `policy::may_change_protection`, writes the override (the
//! overrides table is also the override log, which nothing can change or
//! delete) and its audit entry, in one transaction.

use policy::Code;
use policy::{ProtectionChange, RecordKind, Timestamp};

use crate::asking::Asking;

use crate::audit::{self, Entry};
use crate::error::AppError;
use crate::records::RecordRef;
use crate::records::claim::claim_known;
use crate::store::Pool;

/// Answers when the override ends.
#[tracing::instrument(name = "records::override_access::override_access", skip_all, fields(actor = asking.subject.id.0, record = ?record))]
pub async fn override_access(
    pool: &Pool,
    asking: Asking<'_>,
    record: RecordRef,
    reason: &str,
) -> Result<Timestamp, AppError> {
    // Someone who may neither open nor override the record (without "override
    // access", say) learns nothing of it: "not found", as for a missing one.
    let (actor, now) = (asking.subject, asking.now);
    let (mut tx, protection) = claim_known(pool, asking, record).await?;
    asking.may_change(&protection, ProtectionChange::Override { reason })?;
    let granted = policy::Override::starting(actor.id, now);
    let reason = reason.trim();
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO overrides (personnel_id, record_kind, record_id, reason, granted_at, expires_at) \
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
    )
    .bind(actor.id.0)
    .bind(record.kind.code())
    .bind(record.id)
    .bind(reason)
    .bind(granted.granted_at.0)
    .bind(granted.expires_at.0)
    .fetch_one(&mut *tx)
    .await?;
    let (action, entity) = match record.kind {
        RecordKind::Client => ("client.override", "clients"),
        RecordKind::SessionRecord => ("session_record.override", "session_records"),
    };
    audit::record(
        &mut tx,
        Entry::<(), _> {
            actor: Some(actor.id),
            at: now,
            action,
            entity,
            entity_id: record.id,
            before: None,
            after: Some(&serde_json::json!({
                "override_id": id,
                "reason": reason,
                "expires_at": granted.expires_at.0,
            })),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(granted.expires_at)
}
