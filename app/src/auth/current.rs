//! The one way a server function learns who is asking.

use policy::Subject;

use crate::auth::{cookie, session, subject};
use crate::error::AppError;
use crate::me::Me;
use crate::state::{AppState, app_state};

/// The signed-in personnel behind the current request.
pub struct Caller {
    pub subject: Subject,
    pub me: Me,
    pub session: session::TokenHash,
    pub state: AppState,
}

/// The current personnel, or `Unauthenticated`: reads the session cookie of
/// the request in context, checks the session's timeouts and loads the
/// account. It decides nothing else: ask the policy crate next.
pub async fn current_personnel() -> Result<Caller, AppError> {
    let state = app_state()?;
    let parts =
        leptos::prelude::use_context::<axum::http::request::Parts>().ok_or_else(AppError::unauthenticated)?;
    let token = cookie::session_token(&parts.headers).ok_or_else(AppError::unauthenticated)?;
    let now = state.clock.now();
    let (personnel, session) = session::resume(&state.pool, &token, now, state.sessions).await?;
    let (subject, me) = subject::load(&state.pool, personnel).await?;
    Ok(Caller {
        subject,
        me,
        session,
        state,
    })
}
