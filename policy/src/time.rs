//! Instants as the rulebook sees them. The crate has no clock: callers pass
//! `now` as a [`Timestamp`].

use serde::{Deserialize, Serialize};

/// Seconds since the Unix epoch (UTC), as the server's clock reads them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Timestamp(pub i64);

impl Timestamp {
    pub const fn seconds(self) -> i64 {
        self.0
    }

    pub const fn plus_seconds(self, seconds: i64) -> Timestamp {
        Timestamp(self.0 + seconds)
    }
}
