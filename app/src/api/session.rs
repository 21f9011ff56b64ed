//! Signing in and out, who am I, and changing one's own password.

use crate::api::answer_encoding::JsonAnswer;
use leptos::prelude::*;

use crate::error::AppError;
use crate::me::Me;

/// Signs in and sets the session cookie. There is no current personnel yet:
/// the policy is asked whether the account's status lets it sign in.
#[server(endpoint = "sign_in", output = JsonAnswer)]
pub async fn sign_in(email: String, password: String) -> Result<(), AppError> {
    use crate::auth::{cookie, session};
    use crate::state::app_state;
    let signed_in = async {
        let state = app_state()?;
        let address = crate::auth::client_address::current(&state.trusted_proxies)?;
        let token = crate::auth::sign_in::sign_in(&state, &email, &password, &address).await?;
        // A new session id at every sign-in: the old one, if any, ends.
        if let Some(parts) = use_context::<axum::http::request::Parts>()
            && let Some(old) = cookie::session_token(&parts.headers)
        {
            session::end(&state.pool, &session::TokenHash::of(&old)).await?;
        }
        set_cookie(&cookie::set_session(&state, &token));
        Ok(())
    };
    crate::api::reply(crate::auth::refusal_pause::after_refusal(signed_in.await)).await
}

/// Ends the current session. Signing out needs no permission; without a
/// session there is nothing to end and the answer is the same.
#[server(endpoint = "sign_out", output = JsonAnswer)]
pub async fn sign_out() -> Result<(), AppError> {
    use crate::auth::{cookie, session};
    use crate::state::app_state;
    crate::api::reply(async {
        let state = app_state()?;
        if let Some(parts) = use_context::<axum::http::request::Parts>()
            && let Some(token) = cookie::session_token(&parts.headers)
        {
            session::end(&state.pool, &session::TokenHash::of(&token)).await?;
        }
        set_cookie(&cookie::clear_session(&state));
        Ok(())
    })
    .await
}

/// The signed-in person. Answers while a password change is pending (the
/// page needs to know), but not for an account that is not Active.
#[server(endpoint = "whoami", output = JsonAnswer)]
pub async fn whoami() -> Result<Me, AppError> {
    crate::api::reply(async {
        let caller = crate::auth::current::current_personnel().await?;
        policy::may_change_own_password(&caller.subject)?;
        Ok(caller.me)
    })
    .await
}

#[server(endpoint = "change_password", output = JsonAnswer)]
pub async fn change_password(
    current_password: String,
    new_password: String,
    confirm_password: String,
) -> Result<(), AppError> {
    use crate::auth::password_change::{PasswordChange, change_own_password};
    crate::api::reply(async {
        let caller = crate::auth::current::current_personnel().await?;
        policy::may_change_own_password(&caller.subject)?;
        let address = crate::auth::client_address::current(&caller.state.trusted_proxies)?;
        change_own_password(
            &caller,
            PasswordChange {
                current_password,
                new_password,
                confirm_password,
            },
            &address,
        )
        .await
    })
    .await
}

#[cfg(feature = "ssr")]
fn set_cookie(value: &str) {
    use axum::http::{HeaderValue, header::SET_COOKIE};
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>()
        && let Ok(value) = HeaderValue::from_str(value)
    {
        response.append_header(SET_COOKIE, value);
    }
}
