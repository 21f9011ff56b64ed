//! The caller of a server function about records: the current personnel,
//! once the rulebook has let them in, with the site settings and the
//! server's time, all three of which every record decision reads. The
//! domain functions take them as one [`Asking`].

use policy::{Area, SiteSettings, Timestamp};

use crate::asking::Asking;
use crate::auth::current::{Caller, current_personnel};
use crate::error::AppError;
use crate::local_time::LocalTime;
use crate::records::RecordRef;
use crate::store::Pool;

pub struct RecordsCaller {
    pub caller: Caller,
    pub settings: SiteSettings,
    pub now: Timestamp,
    /// The agency's time zone, for the times a page shows.
    pub local: LocalTime,
}

impl RecordsCaller {
    /// The current personnel, refused unless `area` is open to them.
    pub async fn find(area: Area) -> Result<RecordsCaller, AppError> {
        let caller = current_personnel().await?;
        policy::may_open_area(&caller.subject, area)?;
        RecordsCaller::with_settings(caller).await
    }

    /// `caller`, whom the rulebook has already let in, with the site
    /// settings and the server's time.
    pub async fn with_settings(caller: Caller) -> Result<RecordsCaller, AppError> {
        let settings = crate::settings::load(&caller.state.pool).await?;
        let local = LocalTime::stored(settings.time_zone.clone());
        let now = caller.state.clock.now();
        Ok(RecordsCaller {
            caller,
            settings: settings.access,
            now,
            local,
        })
    }

    pub fn pool(&self) -> &Pool {
        &self.caller.state.pool
    }

    /// Who asks, under which settings, at what time: what the domain
    /// functions take.
    pub fn asking(&self) -> Asking<'_> {
        Asking {
            subject: &self.caller.subject,
            settings: &self.settings,
            now: self.now,
        }
    }

    /// Break-glass override access to `record` with `reason`; answers when
    /// it ends.
    pub async fn override_access(&self, record: RecordRef, reason: &str) -> Result<Timestamp, AppError> {
        crate::records::override_access::override_access(self.pool(), self.asking(), record, reason).await
    }
}
