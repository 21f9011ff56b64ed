//! The session cookie: `HttpOnly`, `SameSite=Lax`, and `Secure` unless the
//! server runs with `--insecure-cookie` (plain-HTTP development).

use axum::http::HeaderMap;
use axum::http::header::COOKIE;

use crate::state::AppState;

pub const SESSION_COOKIE: &str = "safehold_session";

/// The session token the browser sent, if any.
pub fn session_token(headers: &HeaderMap) -> Option<String> {
    headers
        .get_all(COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == SESSION_COOKIE)
        .map(|(_, token)| token.to_owned())
        .filter(|token| !token.is_empty())
}

/// A `Set-Cookie` value that stores `token` for the session's lifetime.
pub fn set_session(state: &AppState, token: &str) -> String {
    let secure = if state.sessions.cookie_secure {
        "; Secure"
    } else {
        ""
    };
    format!(
        "{SESSION_COOKIE}={token}; Path=/; HttpOnly; SameSite=Lax; Max-Age={}{secure}",
        state.sessions.absolute_timeout_secs
    )
}

/// A `Set-Cookie` value that makes the browser forget the session.
pub fn clear_session(state: &AppState) -> String {
    let secure = if state.sessions.cookie_secure {
        "; Secure"
    } else {
        ""
    };
    format!("{SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0{secure}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    #[test]
    fn the_session_token_is_found_among_other_cookies() {
        let mut headers = HeaderMap::new();
        headers.insert(
            COOKIE,
            HeaderValue::from_static("theme=dark; safehold_session=abc123; lang=en"),
        );
        assert_eq!(session_token(&headers).as_deref(), Some("abc123"));
        headers.insert(COOKIE, HeaderValue::from_static("safehold_session="));
        assert_eq!(session_token(&headers), None);
    }
}
