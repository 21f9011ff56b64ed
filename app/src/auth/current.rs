//! The one way a server function learns who is asking.

use std::sync::Arc;

use policy::Subject;
use tokio::sync::OnceCell;

use crate::auth::{cookie, session};
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

/// Who the current request is from, found once per request and shared by
/// every resource and server function that asks during it (a page's layout
/// and its lists each ask). Provided afresh for each request by the router;
/// it never outlives the request, so a change is seen by the next one.
#[derive(Clone, Default)]
pub struct RequestPersonnel(Arc<OnceCell<Result<Found, AppError>>>);

/// The account behind a request and its session.
type Found = (Subject, Me, session::TokenHash);

/// Gives the current request its own [`RequestPersonnel`].
pub fn provide_request_personnel() {
    leptos::prelude::provide_context(RequestPersonnel::default());
}

/// The current personnel, or `Unauthenticated`: reads the session cookie of
/// the request in context, checks the session's timeouts and loads the
/// account, once per request. It decides nothing else: ask the policy crate
/// next.
pub async fn current_personnel() -> Result<Caller, AppError> {
    let state = app_state()?;
    let Some(RequestPersonnel(found)) = leptos::prelude::use_context::<RequestPersonnel>() else {
        let (subject, me, session) = find(&state).await?;
        return Ok(Caller {
            subject,
            me,
            session,
            state,
        });
    };
    let (subject, me, session) = found.get_or_init(|| find(&state)).await.clone()?;
    Ok(Caller {
        subject,
        me,
        session,
        state,
    })
}

async fn find(state: &AppState) -> Result<Found, AppError> {
    let parts =
        leptos::prelude::use_context::<axum::http::request::Parts>().ok_or_else(AppError::unauthenticated)?;
    let token = cookie::session_token(&parts.headers).ok_or_else(AppError::unauthenticated)?;
    let now = state.clock.now();
    session::resume(&state.pool, &token, now, state.sessions).await
}
