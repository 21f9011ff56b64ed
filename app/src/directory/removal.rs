//! Deleting an account: only when nothing refers to it (spec, "Personnel
//! lifecycle"); otherwise refused with the reason, changing nothing.

use policy::{BoundedChange, PersonnelId, Timestamp};

use crate::administration::bounds;
use crate::audit::{self, Entry};
use crate::directory::account::load;
use crate::error::AppError;
use crate::store::Pool;

/// What may refer to a person, and how staff say it. Sign-in sessions,
/// failed sign-ins and team memberships are not references: they go with the
/// account. Audit entries *about* the person stay (the log is never
/// changed); entries the person *made* keep the account.
const REFERENCES: [(&str, &str); 8] = [
    (
        "SELECT COUNT(*) FROM clients WHERE responsible_personnel_id = $1 OR created_by = $1",
        "clients",
    ),
    (
        "SELECT (SELECT COUNT(*) FROM session_records WHERE created_by = $1) \
              + (SELECT COUNT(*) FROM session_facilitators WHERE personnel_id = $1)",
        "session records",
    ),
    (
        "SELECT COUNT(*) FROM client_allowed_personnel WHERE personnel_id = $1",
        "allowed personnel lists",
    ),
    (
        "SELECT COUNT(*) FROM access_rules WHERE personnel_id = $1",
        "access rules",
    ),
    (
        "SELECT COUNT(*) FROM default_rules WHERE personnel_id = $1",
        "organization default rules",
    ),
    (
        "SELECT COUNT(*) FROM overrides WHERE personnel_id = $1",
        "access overrides",
    ),
    (
        "SELECT COUNT(*) FROM personnel WHERE supervisor_id = $1",
        "people they supervise",
    ),
    (
        "SELECT COUNT(*) FROM audit_log WHERE actor_id = $1",
        "entries in the audit trail",
    ),
];

/// Deletes the account of `id` if nothing refers to it.
#[tracing::instrument(name = "directory::removal::delete", skip_all, fields(actor = actor.0, personnel = id.0))]
pub async fn delete(
    pool: &Pool,
    actor: PersonnelId,
    id: PersonnelId,
    now: Timestamp,
) -> Result<(), AppError> {
    if id == actor {
        return Err(AppError::Conflict {
            message: "You cannot delete your own account.".into(),
        });
    }
    let mut tx = pool.begin().await?;
    let record = load(&mut tx, id).await?;
    let change = BoundedChange::TouchAccount {
        account: bounds::account(&mut tx, id).await?,
    };
    bounds::check(&mut tx, actor, &change).await?;
    let mut found = Vec::new();
    for (sql, what) in REFERENCES {
        let (count,): (i64,) = sqlx::query_as(sql).bind(id.0).fetch_one(&mut *tx).await?;
        if count > 0 {
            found.push(what);
        }
    }
    if !found.is_empty() {
        return Err(AppError::Conflict {
            message: format!(
                "{} cannot be deleted because other records refer to them ({}). Make the account Inactive instead.",
                record.details.name,
                found.join(", ")
            ),
        });
    }
    for sql in [
        "DELETE FROM sessions WHERE personnel_id = $1",
        "DELETE FROM team_members WHERE personnel_id = $1",
        "DELETE FROM personnel WHERE id = $1",
    ] {
        sqlx::query(sql).bind(id.0).execute(&mut *tx).await?;
    }
    audit::record(
        &mut tx,
        Entry::<_, ()> {
            actor: Some(actor),
            at: now,
            action: "personnel.delete",
            entity: "personnel",
            entity_id: id.0,
            before: Some(&record.details),
            after: None,
        },
    )
    .await?;
    tx.commit().await?;
    Ok(())
}
