//! Session records' server functions (spec, "Changing a record's protection"). Each finds the current
//! personnel and asks the rulebook whether the Sessions area is open to
//! them; the record's own decision is asked by the plain function it calls.

use crate::api::answer_encoding::JsonAnswer;
use leptos::prelude::*;
use leptos::server_fn::codec::Json;
use policy::{SessionRecordId, Timestamp};

use crate::clients::PersonnelChoice;
use crate::error::AppError;
use crate::sessions::{SessionForm, SessionListPage, SessionRecord};

#[cfg(feature = "ssr")]
async fn caller() -> Result<crate::api::caller::RecordsCaller, AppError> {
    crate::api::caller::RecordsCaller::find(policy::Area::Sessions).await
}

/// Sessions the signed-in person may open whose title contains `query` (or
/// held on that date), newest first; plus bare "Restricted" entries for
/// holders of "override access". A keyed page at a time: from the start,
/// or `after` or `before` a cursor an earlier page gave.
#[server(endpoint = "list_sessions", output = JsonAnswer)]
pub async fn list_sessions(
    query: String,
    #[server(default)] after: String,
    #[server(default)] before: String,
) -> Result<SessionListPage, AppError> {
    crate::api::reply(async {
        let c = caller().await?;
        let from = crate::paging::PageFrom::from_arguments(after, before).ok_or_else(|| {
            AppError::invalid_field("after", "Ask for the page after a row or before one, not both.")
        })?;
        crate::sessions::listing::list(c.pool(), c.asking(), &query, &from).await
    })
    .await
}

/// "New session": needs "edit sessions" (and "view sessions").
#[server(endpoint = "create_session", input = Json, output = JsonAnswer)]
pub async fn create_session(form: SessionForm) -> Result<SessionRecordId, AppError> {
    crate::api::reply(async {
        let c = caller().await?;
        policy::may_create(&c.caller.subject, policy::RecordKind::SessionRecord)?;
        crate::sessions::create::create(c.pool(), c.asking(), &form).await
    })
    .await
}

/// Active personnel who could facilitate a new session.
#[server(endpoint = "facilitator_choices", output = JsonAnswer)]
pub async fn facilitator_choices(query: String) -> Result<Vec<PersonnelChoice>, AppError> {
    crate::api::reply(async {
        use crate::clients::choices::{ChoiceOrder, active_personnel};
        let c = caller().await?;
        policy::may_create(&c.caller.subject, policy::RecordKind::SessionRecord)?;
        active_personnel(c.pool(), &query, ChoiceOrder::ByName).await
    })
    .await
}

/// A session record, or `Restricted` with the rulebook's reason.
#[server(endpoint = "load_session", output = JsonAnswer)]
pub async fn load_session(id: SessionRecordId) -> Result<SessionRecord, AppError> {
    crate::api::reply(async {
        let c = caller().await?;
        crate::sessions::record::load(c.pool(), c.asking(), &c.local, id).await
    })
    .await
}

/// Break-glass override access to a session with a reason: fifteen minutes
/// from the server's clock. Answers when it ends.
#[server(endpoint = "override_session", output = JsonAnswer)]
pub async fn override_session(id: SessionRecordId, reason: String) -> Result<Timestamp, AppError> {
    crate::api::reply(async {
        let c = caller().await?;
        c.override_access(crate::records::RecordRef::session(id), &reason)
            .await
    })
    .await
}
