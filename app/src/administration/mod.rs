//! Teams, roles and organizations (spec, "Administration within bounds"): what administrators set up
//! once and change now and then. Types travel to the browser; data access
//! sits behind `ssr` and is called by `crate::api` after the policy answers.

#[cfg(feature = "ssr")]
pub mod bounds;
pub mod naming;
pub mod organizations;
pub mod roles;
pub mod teams;
