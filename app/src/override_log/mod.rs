//! The override log (seed 003; spec, "Changing a record's protection"): every break-glass override, who
//! held it, on which record, why, and when it ended. Read by people whose
//! role has "view the access-override log" and by site administrators;
//! nothing in the product changes or deletes an entry (and the database's
//! triggers refuse it).

#[cfg(feature = "ssr")]
pub mod export;
#[cfg(feature = "ssr")]
pub mod query;

use policy::Timestamp;
use serde::{Deserialize, Serialize};

/// How many entries one page of the log shows.
pub const PAGE_SIZE: u32 = 25;

/// The log's filters, as typed on the page. Empty means "any".
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct OverrideLogFilter {
    /// Part of the name or email of the person who overrode.
    pub person: String,
    /// Part of the record's name: a client's name or identifier, or a
    /// session's title.
    pub record: String,
    /// The first day (YYYY-MM-DD, the agency's day) of the range, inclusive.
    pub from: String,
    /// The last day (YYYY-MM-DD, the agency's day) of the range, inclusive.
    pub to: String,
}

/// One override as the log shows it. The local times are written out by
/// the server (in the agency's zone) so that the page reads the same before
/// and after hydration; the timestamps are for the CSV, which keeps UTC.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OverrideLogEntry {
    pub id: i64,
    pub personnel_name: String,
    pub personnel_email: String,
    /// "Client" or "Session".
    pub record_kind: String,
    pub record_name: String,
    /// Where the record opens, such as `/clients/12`; `None` when the
    /// reader may not open it (it is then named as plain text).
    pub record_href: Option<String>,
    pub reason: String,
    /// When it was granted, and when it ended (or ends, while it lasts).
    pub granted_at: Timestamp,
    pub ends_at: Timestamp,
    /// The same two in the agency's time zone, such as
    /// "2026-11-25 14:03 GMT" (see `local_time`).
    pub granted_local: String,
    pub ends_local: String,
    /// Still running at the time of the request.
    pub running: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OverrideLogPage {
    pub entries: Vec<OverrideLogEntry>,
    /// How many entries match the filters, on all pages.
    pub total: i64,
    pub page: u32,
    pub page_size: u32,
}
