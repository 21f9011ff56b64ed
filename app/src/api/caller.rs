//! The caller of a server function about records: the current personnel,
//! once the rulebook has let them into the area, with the site settings and
//! the server's time, all three of which every record decision reads.

use policy::{Area, SiteSettings, Subject, Timestamp};

use crate::auth::current::{Caller, current_personnel};
use crate::error::AppError;
use crate::records::RecordRef;
use crate::store::Pool;

pub struct RecordsCaller {
    pub caller: Caller,
    pub settings: SiteSettings,
    pub now: Timestamp,
}

impl RecordsCaller {
    /// The current personnel, refused unless `area` is open to them.
    pub async fn find(area: Area) -> Result<RecordsCaller, AppError> {
        let caller = current_personnel().await?;
        policy::may_open_area(&caller.subject, area)?;
        let settings = crate::settings::load(&caller.state.pool).await?.access;
        let now = caller.state.clock.now();
        Ok(RecordsCaller {
            caller,
            settings,
            now,
        })
    }

    pub fn pool(&self) -> &Pool {
        &self.caller.state.pool
    }

    pub fn subject(&self) -> &Subject {
        &self.caller.subject
    }

    /// Break-glass override access to `record` with `reason`; answers when
    /// it ends.
    pub async fn override_access(&self, record: RecordRef, reason: &str) -> Result<Timestamp, AppError> {
        crate::records::override_access::override_access(
            self.pool(),
            self.subject(),
            &self.settings,
            self.now,
            record,
            reason,
        )
        .await
    }
}
