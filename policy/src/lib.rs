//! Safehold's access rulebook (`../shared/spec/access-model.md`): the typed
//! models that both the server and the browser share, and the decisions.
//!
//! Pure: no I/O, no clock of its own (callers pass `now`), no SQL, HTTP or
//! Leptos. Builds for the host and for `wasm32-unknown-unknown`.
//!
//! - [`decide`]: may a person view or edit a record now, and why.
//! - [`may_change_protection`]: locks, allowed personnel, rules,
//!   responsible personnel, overrides.
//! - [`may_administer`]: personnel, teams, roles, organizations, settings,
//!   default rules, the override log.
//! - [`may_change_within_bounds`]: administration within bounds (nobody
//!   exceeds their own permissions, account or organization).
//! - [`list_filter`] and [`overridable_filter`]: the same table as a
//!   condition for the database.

pub mod account;
pub mod administration;
pub mod administration_bounds;
pub mod area;
pub mod code;
pub mod condition;
pub mod creation;
pub mod decision;
pub mod filter;
pub mod ids;
pub mod invariants;
pub mod permission;
pub mod personnel;
pub mod protection;
pub mod reason;
pub mod record;
pub mod settings;
pub mod start;
pub mod time;

pub use account::{AccountRefusal, may_change_own_password, may_sign_in, may_use_app};
pub use administration::{AdministrationAction, AdministrationRefusal, may_administer};
pub use administration_bounds::{
    AccountFacts, Administrator, BoundedChange, OwnAccountField, administered_organization,
    may_change_within_bounds, may_manage_personnel_of, may_manage_teams_of,
};
pub use area::{Area, AreaRefusal, may_open_area};
pub use code::Code;
pub use condition::{Condition, RuleMatch};
pub use creation::{create_permission, may_create, new_client};
pub use decision::{Decision, decide, required_permissions};
pub use filter::{list_filter, overridable_filter};
pub use ids::{ClientId, OrganizationId, PersonnelId, RoleId, SessionRecordId, TeamId};
pub use permission::{Permission, PermissionSet};
pub use personnel::{PersonnelStatus, Subject};
pub use protection::{
    Candidate, OVERRIDE_REASON_MIN_CHARS, ProtectionChange, ProtectionControl, ProtectionRefusal,
    check_new_rule, check_rule_effect_change, may_change_protection, may_hold_control, may_use_control,
};
pub use reason::{Effect, Reason, Step};
pub use record::{
    AccessRule, OVERRIDE_SECONDS, Override, Protection, RecordAction, RecordKind, RuleEffect, RuleSource,
    RuleSubject,
};
pub use settings::{ClientVisibility, SiteSettings};
pub use start::{Destination, menu, role_opens, start_page};
pub use time::Timestamp;
