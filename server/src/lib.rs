//! Safehold's server: configuration, the HTTP router around the Leptos app,
//! and the command line. The binary is `src/main.rs`; tests start the same
//! router on port 0 (see `tests/support`).

pub mod commands;
pub mod config;
pub mod copy;
pub mod cross_site;
pub mod demo;
pub mod health;
pub mod response_compression;
pub mod router;
pub mod scale;
pub mod security_headers;
pub mod site_files;
pub mod stalled_render;
pub mod telemetry;
