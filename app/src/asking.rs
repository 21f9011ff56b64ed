//! Who is asking, under which site settings, at what time: the three things
//! every decision of the rulebook about a record reads besides the record
//! itself. A server function finds them once (`api::caller`) and passes one
//! `Asking` to the domain function it calls.

use policy::{Condition, Decision, Protection, ProtectionChange, ProtectionControl, ProtectionRefusal};
use policy::{RecordAction, RecordKind};
use policy::{SiteSettings, Subject, Timestamp};

#[derive(Debug, Clone, Copy)]
pub struct Asking<'a> {
    pub subject: &'a Subject,
    pub settings: &'a SiteSettings,
    pub now: Timestamp,
}

impl Asking<'_> {
    /// `policy::decide` for this subject, settings and time.
    pub fn decide(&self, action: RecordAction, protection: &Protection) -> Decision {
        policy::decide(self.subject, action, protection, self.settings, self.now)
    }

    /// `policy::list_filter`: the records of `kind` this subject may view.
    pub fn list_filter(&self, kind: RecordKind) -> Condition {
        policy::list_filter(self.subject, kind, self.settings, self.now)
    }

    /// `policy::overridable_filter`: the records of `kind` this subject could
    /// open only by overriding.
    pub fn overridable_filter(&self, kind: RecordKind) -> Condition {
        policy::overridable_filter(self.subject, kind, self.settings, self.now)
    }

    /// `policy::may_change_protection` for this subject, settings and time.
    pub fn may_change(
        &self,
        protection: &Protection,
        change: ProtectionChange<'_>,
    ) -> Result<(), ProtectionRefusal> {
        policy::may_change_protection(self.subject, protection, self.settings, self.now, change)
    }

    /// `policy::may_use_control` for this subject, settings and time.
    pub fn may_use_control(
        &self,
        protection: &Protection,
        control: ProtectionControl,
    ) -> Result<(), ProtectionRefusal> {
        policy::may_use_control(self.subject, protection, self.settings, self.now, control)
    }
}
