//! The personnel directory (spec, "Personnel lifecycle"; seeds 001 and 004): the staff accounts
//! administrators add, edit, deactivate and, rarely, delete.
//!
//! The types here travel to the browser; the data access behind `ssr` is
//! plain async functions that take the pool (or a transaction) and are
//! called by `crate::api::personnel` after the policy has answered.

pub mod form;
pub mod listing;

#[cfg(feature = "ssr")]
pub mod account;
#[cfg(feature = "ssr")]
pub mod options;
#[cfg(feature = "ssr")]
pub mod removal;
#[cfg(feature = "ssr")]
pub mod search;

pub use form::{NewAccount, PasswordReset, PersonnelForm, SupportIssues};
pub use listing::{DirectoryOptions, Named, PersonnelRecord, PersonnelSummary};
