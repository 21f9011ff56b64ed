//! Opening a session record: the rulebook's decision first (a refusal says
//! why, and whether an override is offered, and shows nothing of the
//! session); then its details, its facilitators, and those of its attending
//! clients that the viewer may open (the client list filter, in SQL).

use policy::{ClientId, PersonnelId, ProtectionControl, Reason, RecordKind, SessionRecordId};
use sqlx::QueryBuilder;

use crate::asking::Asking;
use crate::directory::Named;
use crate::error::AppError;
use crate::local_time::LocalTime;
use crate::records::RecordRef;
use crate::records::claim::{load as load_protection, not_found};
use crate::records::filter_sql::{RecordTable, push_condition};
use crate::sessions::SessionRecord;
use crate::store::Pool;

#[tracing::instrument(name = "sessions::record::load", skip_all, fields(actor = asking.subject.id.0, session_record = id.0))]
pub async fn load(
    pool: &Pool,
    asking: Asking<'_>,
    local: &LocalTime,
    id: SessionRecordId,
) -> Result<SessionRecord, AppError> {
    let record = RecordRef::session(id);
    let mut tx = pool.begin().await?;
    let protection = load_protection(&mut tx, record)
        .await?
        .ok_or_else(|| not_found(record))?;
    let view = crate::records::opening::may_open(asking, &protection, record)?;
    let (title, held_on, organization_name): (String, String, String) = sqlx::query_as(
        "SELECT s.title, s.held_on, o.name FROM session_records s \
         JOIN organizations o ON o.id = s.organization_id WHERE s.id = $1",
    )
    .bind(id.0)
    .fetch_one(&mut *tx)
    .await?;
    let facilitators: Vec<(i64, String)> = sqlx::query_as(
        "SELECT p.id, p.name FROM session_facilitators f JOIN personnel p ON p.id = f.personnel_id \
         WHERE f.session_record_id = $1 ORDER BY LOWER(p.name), p.id",
    )
    .bind(id.0)
    .fetch_all(&mut *tx)
    .await?;
    let visible = asking.list_filter(RecordKind::Client);
    let mut attendees = QueryBuilder::new(
        "SELECT c.id, c.first_name, c.last_name FROM session_attendees a JOIN clients c ON c.id = a.client_id \
         WHERE a.session_record_id = ",
    );
    attendees.push_bind(id.0).push(" AND ");
    push_condition(&mut attendees, RecordTable::CLIENTS, &visible);
    attendees.push(" ORDER BY LOWER(c.last_name), LOWER(c.first_name), c.id");
    let attendees: Vec<(i64, String, String)> = crate::store::numbered::query_as(&mut attendees)
        .fetch_all(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(SessionRecord {
        id,
        title,
        held_on,
        organization_name,
        facilitators: facilitators
            .into_iter()
            .map(|(id, name)| Named {
                id: PersonnelId(id),
                name,
            })
            .collect(),
        attendees: attendees
            .into_iter()
            .map(|(id, first, last)| Named {
                id: ClientId(id),
                name: format!("{first} {last}"),
            })
            .collect(),
        access: local.reason(&view.reason),
        may_edit_access: asking
            .may_use_control(&protection, ProtectionControl::AccessRules)
            .is_ok(),
        override_until: match view.reason {
            Reason::Override { until } => Some(until),
            _ => None,
        },
        now: asking.now,
    })
}
