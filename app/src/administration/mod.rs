//! Teams, roles and organizations (issue 4): what administrators set up
//! once and change now and then. Types travel to the browser; data access
//! sits behind `ssr` and is called by `crate::api` after the policy answers.

#[cfg(feature = "ssr")]
pub mod bounds;
pub mod naming;
pub mod organizations;
pub mod roles;
pub mod teams;
