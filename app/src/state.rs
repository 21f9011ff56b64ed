//! What every request on the server can reach: the database, the clock,
//! the session settings and the password hashing budget. The server provides it as Leptos context.

use std::net::IpAddr;
use std::sync::Arc;

use crate::auth::password_hash::Hashing;
use crate::clock::Clock;
use crate::error::AppError;
use crate::store::Pool;

#[derive(Clone)]
pub struct AppState {
    pub pool: Pool,
    pub clock: Arc<dyn Clock>,
    pub sessions: SessionSettings,
    /// The password hashing budget, shared by every request; counts verifications.
    pub hashing: Arc<Hashing>,
    /// Proxies whose `X-Forwarded-For` names the client (`--trusted-proxy`).
    pub trusted_proxies: Vec<IpAddr>,
}

#[derive(Debug, Clone, Copy)]
pub struct SessionSettings {
    /// A session ends after this many seconds without a request.
    pub idle_timeout_secs: i64,
    /// A session ends this many seconds after sign-in, active or not.
    pub absolute_timeout_secs: i64,
    /// Send the session cookie with `Secure` (only over HTTPS), and
    /// Strict-Transport-Security with every answer. On by default.
    pub cookie_secure: bool,
}

impl Default for SessionSettings {
    fn default() -> Self {
        SessionSettings {
            idle_timeout_secs: 30 * 60,
            absolute_timeout_secs: 12 * 60 * 60,
            cookie_secure: true,
        }
    }
}

/// The state, from the context the server provides to every request.
pub fn app_state() -> Result<AppState, AppError> {
    leptos::prelude::use_context::<AppState>().ok_or_else(|| {
        tracing::error!("AppState missing from context");
        AppError::Unavailable
    })
}
