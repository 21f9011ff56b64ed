//! Opening a record: the rulebook's decision on viewing it, or the
//! `Restricted` refusal with the reason, for someone who could open it by
//! overriding. Anyone who may neither open nor override a record is told
//! exactly what they would be told about a record that does not exist: the
//! same "not found", so that an id reveals neither that the record exists
//! nor why it is closed. Nothing of the record is read before this has
//! allowed it.

use policy::{Decision, Protection, ProtectionControl, RecordAction};

use crate::asking::Asking;

use crate::error::AppError;
use crate::records::RecordRef;
use crate::records::claim::not_found;

/// Could `viewer` open the record by overriding now (the restricted page
/// offers it)?
fn could_override(asking: Asking<'_>, protection: &Protection) -> bool {
    asking
        .may_use_control(protection, ProtectionControl::Override)
        .is_ok()
}

/// `Ok` when `viewer` may know that the record exists: they may open it, or
/// could by overriding. Otherwise the same "not found" as for a missing
/// record.
pub fn may_know(asking: Asking<'_>, protection: &Protection, record: RecordRef) -> Result<(), AppError> {
    match may_open(asking, protection, record) {
        Ok(_) | Err(AppError::Restricted { .. }) => Ok(()),
        Err(other) => Err(other),
    }
}

/// The decision that lets `viewer` open the record; `Restricted` (why, and
/// that an override is offered) for someone who could override; "not
/// found" for anyone else.
pub fn may_open(
    asking: Asking<'_>,
    protection: &Protection,
    record: RecordRef,
) -> Result<Decision, AppError> {
    let view = asking.decide(RecordAction::View, protection);
    if view.is_allowed() {
        return Ok(view);
    }
    if !could_override(asking, protection) {
        return Err(not_found(record));
    }
    Err(AppError::Restricted {
        reason: view.reason,
        overridable: true,
    })
}
