//! Safehold's application: pages and server functions, shared by the server
//! (feature `ssr`) and the browser (feature `hydrate`). Data access and
//! everything else server-only sits behind `ssr`.

// Leptos views are deeply nested types; the profile page's dialogs need more
// than the default 128 levels to compute their layout for the WASM.
#![recursion_limit = "256"]

pub mod access_rules;
pub mod administration;
pub mod api;
pub mod case_folding;
pub mod clients;
pub mod directory;
pub mod error;
pub mod layout;
pub mod me;
pub mod navigation;
pub mod override_log;
pub mod pages;
pub mod paging;
pub mod password_rules;
pub mod plural;
pub mod records;
pub mod security_questions;
pub mod sessions;
pub mod settings;
pub mod shell;

#[cfg(feature = "ssr")]
pub mod accounts;
#[cfg(feature = "ssr")]
pub mod asking;
#[cfg(feature = "ssr")]
pub mod audit;
#[cfg(feature = "ssr")]
pub mod auth;
#[cfg(feature = "ssr")]
pub mod clock;
#[cfg(feature = "ssr")]
pub mod content_security_policy;
#[cfg(feature = "ssr")]
pub mod local_time;
#[cfg(feature = "ssr")]
pub mod state;
#[cfg(feature = "ssr")]
pub mod store;
#[cfg(feature = "ssr")]
pub mod stored_code;

pub use shell::{App, shell};
