//! Protected records, clients and session records, as the database holds
//! them: which record a request is about, loading its protection inside the
//! transaction that asks, and the rulebook's list filter turned into SQL.

#[cfg(feature = "ssr")]
pub mod claim;
#[cfg(feature = "ssr")]
pub mod filter_sql;
#[cfg(feature = "ssr")]
pub mod keyed_list;
#[cfg(feature = "ssr")]
pub mod opening;
#[cfg(feature = "ssr")]
pub mod override_access;
#[cfg(feature = "ssr")]
pub mod protection;
pub mod restricted_entries;

use policy::{ClientId, RecordKind, SessionRecordId};
use serde::{Deserialize, Serialize};

/// One protected record: a client or a session record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct RecordRef {
    pub kind: RecordKind,
    pub id: i64,
}

impl RecordRef {
    pub const fn client(id: ClientId) -> RecordRef {
        RecordRef {
            kind: RecordKind::Client,
            id: id.0,
        }
    }

    pub const fn session(id: SessionRecordId) -> RecordRef {
        RecordRef {
            kind: RecordKind::SessionRecord,
            id: id.0,
        }
    }

    /// "That client" or "That session", for "… was not found."
    pub const fn what(self) -> &'static str {
        match self.kind {
            RecordKind::Client => "That client",
            RecordKind::SessionRecord => "That session",
        }
    }
}
