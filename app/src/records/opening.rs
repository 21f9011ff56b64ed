//! Opening a record: the rulebook's decision on viewing it, or the
//! `Restricted` refusal with the reason and whether an override is offered.
//! Nothing of the record is read before this has allowed it.

use policy::{
    Decision, Protection, ProtectionControl, ProtectionRefusal, RecordAction, SiteSettings, Subject,
    Timestamp,
};

use crate::error::AppError;

pub fn may_open(
    viewer: &Subject,
    protection: &Protection,
    settings: &SiteSettings,
    now: Timestamp,
) -> Result<Decision, AppError> {
    let view = policy::decide(viewer, RecordAction::View, protection, settings, now);
    if view.is_allowed() {
        return Ok(view);
    }
    let overridable =
        policy::may_use_control(viewer, protection, settings, now, ProtectionControl::Override).is_ok();
    Err(AppError::Restricted {
        reason: ProtectionRefusal::CannotView(view.reason).to_string(),
        overridable,
    })
}
