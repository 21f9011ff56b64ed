//! Safehold's access rulebook (`../shared/spec/access-model.md`): the typed
//! models that both the server and the browser share, and the decisions.
//!
//! Pure: no I/O, no clock of its own (callers pass `now`), no SQL, HTTP or
//! Leptos. Builds for the host and for `wasm32-unknown-unknown`.

pub mod account;
pub mod area;
pub mod ids;
pub mod permission;
pub mod personnel;
pub mod time;

pub use account::{AccountRefusal, may_change_own_password, may_sign_in, may_use_app};
pub use area::{Area, AreaRefusal, may_open_area};
pub use ids::{ClientId, OrganizationId, PersonnelId, RoleId, SessionRecordId, TeamId};
pub use permission::{Permission, PermissionSet};
pub use personnel::{PersonnelStatus, Subject};
pub use time::Timestamp;
