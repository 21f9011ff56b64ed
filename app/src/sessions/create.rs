//! "New session": the session, its facilitators, its attending clients and
//! the audit entry, in one transaction. The session belongs to the creator's
//! organization. A facilitator must be Active personnel; an attendee must be
//! a client the creator may open (nobody records, in a session, a client
//! they could not see).

use crate::case_folding::fold;
use policy::{PersonnelStatus, RecordAction, SessionRecordId};

use crate::asking::Asking;
use serde::Serialize;

use crate::accounts::Transaction;
use crate::audit::{self, Entry};
use crate::error::{AppError, FieldError};
use crate::records::RecordRef;
use crate::records::claim::load;
use crate::sessions::SessionForm;
use crate::sessions::form::{CheckedSession, check};
use crate::store::Pool;
use crate::stored_code::{Column, StoredCode};

#[derive(Serialize)]
struct Created<'a> {
    title: &'a str,
    held_on: &'a str,
    facilitators: Vec<i64>,
    attendees: Vec<i64>,
}

async fn check_facilitators(tx: &mut Transaction<'_>, session: &CheckedSession) -> Result<(), AppError> {
    for person in &session.facilitators {
        let status: Option<(String,)> = sqlx::query_as("SELECT status FROM personnel WHERE id = $1")
            .bind(person.0)
            .fetch_optional(&mut **tx)
            .await?;
        let status = match status {
            Some((status,)) => Some(PersonnelStatus::decode(
                &status,
                Column::new("personnel", "status"),
            )?),
            None => None,
        };
        if status != Some(PersonnelStatus::Active) {
            return Err(AppError::invalid_field(
                "facilitators",
                "Only Active personnel can facilitate a session.",
            ));
        }
    }
    Ok(())
}

async fn check_attendees(
    tx: &mut Transaction<'_>,
    asking: Asking<'_>,
    session: &CheckedSession,
) -> Result<(), AppError> {
    for client in &session.attendees {
        let protection = load(tx, RecordRef::client(*client)).await?;
        let may_open = protection.is_some_and(|p| asking.decide(RecordAction::View, &p).is_allowed());
        if !may_open {
            return Err(AppError::invalid(vec![FieldError::new(
                "attendees",
                "You can only add clients you may open.",
            )]));
        }
    }
    Ok(())
}

#[tracing::instrument(name = "sessions::create::create", skip_all, fields(actor = asking.subject.id.0))]
pub async fn create(
    pool: &Pool,
    asking: Asking<'_>,
    form: &SessionForm,
) -> Result<SessionRecordId, AppError> {
    let (creator, now) = (asking.subject, asking.now);
    let session = check(form)?;
    let mut tx = pool.begin().await?;
    check_facilitators(&mut tx, &session).await?;
    check_attendees(&mut tx, asking, &session).await?;
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO session_records (organization_id, title, held_on, created_by, created_at, title_folded) \
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
    )
    .bind(creator.organization.0)
    .bind(&session.title)
    .bind(&session.held_on)
    .bind(creator.id.0)
    .bind(now.0)
    .bind(fold(&session.title))
    .fetch_one(&mut *tx)
    .await?;
    for person in &session.facilitators {
        sqlx::query("INSERT INTO session_facilitators (session_record_id, personnel_id) VALUES ($1, $2)")
            .bind(id)
            .bind(person.0)
            .execute(&mut *tx)
            .await?;
    }
    for client in &session.attendees {
        sqlx::query("INSERT INTO session_attendees (session_record_id, client_id) VALUES ($1, $2)")
            .bind(id)
            .bind(client.0)
            .execute(&mut *tx)
            .await?;
    }
    audit::record(
        &mut tx,
        Entry::<(), _> {
            actor: Some(creator.id),
            at: now,
            action: "session_record.create",
            entity: "session_records",
            entity_id: id,
            before: None,
            after: Some(&Created {
                title: &session.title,
                held_on: &session.held_on,
                facilitators: session.facilitators.iter().map(|p| p.0).collect(),
                attendees: session.attendees.iter().map(|c| c.0).collect(),
            }),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(SessionRecordId(id))
}
