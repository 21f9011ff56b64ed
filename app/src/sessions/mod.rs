//! Group and family (whānau) session records (seed 003; spec, "Changing a record's protection"): a date, a
//! title, the owning organization, facilitators (personnel) and attending
//! clients. They follow the same rulebook as clients: access rules, the
//! organization's default rules and break-glass overrides. A session's page
//! lists only the attending clients the viewer may open.

#[cfg(feature = "ssr")]
pub mod create;
#[cfg(feature = "ssr")]
pub mod form;
#[cfg(feature = "ssr")]
pub mod listing;
#[cfg(feature = "ssr")]
pub mod record;

use policy::{ClientId, PersonnelId, SessionRecordId, Timestamp};
use serde::{Deserialize, Serialize};

use crate::directory::Named;

/// "New session" as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionForm {
    pub title: String,
    /// YYYY-MM-DD.
    pub held_on: String,
    pub facilitators: Vec<PersonnelId>,
    pub attendees: Vec<ClientId>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionSummary {
    pub id: SessionRecordId,
    pub title: String,
    pub held_on: String,
}

/// A session the person may not open but could with "override access".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RestrictedSession {
    pub id: SessionRecordId,
    pub title: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionListPage {
    pub sessions: Vec<SessionSummary>,
    /// How many sessions the person may open match, over all pages (capped).
    pub count: crate::paging::Count,
    pub links: crate::paging::PageLinks,
    /// Only for holders of "override access", with the first page.
    pub restricted: Vec<RestrictedSession>,
}

/// A session record, for someone who may open it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionRecord {
    pub id: SessionRecordId,
    pub title: String,
    pub held_on: String,
    pub organization_name: String,
    pub facilitators: Vec<Named<PersonnelId>>,
    /// Only the attending clients the viewer may open.
    pub attendees: Vec<Named<ClientId>>,
    /// Why the person may open it, in the rulebook's words.
    pub access: String,
    /// "Edit access" is offered.
    pub may_edit_access: bool,
    /// While the person holds an override: when it ends.
    pub override_until: Option<Timestamp>,
    /// The server's time, for the countdown.
    pub now: Timestamp,
}
