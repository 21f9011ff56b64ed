//! Leaving the page for another with a full load, so that the whole app
//! starts again from the server's answer (after sign-in, sign-out, or a
//! password change, when who the person is has changed).

pub fn load_page(path: &str) {
    #[cfg(feature = "hydrate")]
    {
        let _ = leptos::prelude::window().location().set_href(path);
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = path;
}

/// Sets the HTTP status of the page being rendered on the server, unless
/// the page is already a redirect (the layout sends a person whose password
/// change is pending to the password page; the page behind it is refused
/// too, and that must not undo the redirect).
pub fn set_page_status(code: u16) {
    #[cfg(feature = "ssr")]
    if let Some(response) = leptos::prelude::use_context::<leptos_axum::ResponseOptions>()
        && let Ok(status) = axum::http::StatusCode::from_u16(code)
    {
        let redirecting = response
            .0
            .read()
            .is_ok_and(|parts| parts.status.is_some_and(|s| s.is_redirection()));
        if !redirecting {
            response.set_status(status);
        }
    }
    #[cfg(not(feature = "ssr"))]
    let _ = code;
}

/// Adds `Retry-After: <secs>` to the answer being made on the server (a
/// server function's or a page's).
pub fn set_retry_after(secs: u32) {
    #[cfg(feature = "ssr")]
    if let Some(response) = leptos::prelude::use_context::<leptos_axum::ResponseOptions>() {
        response.insert_header(
            axum::http::header::RETRY_AFTER,
            axum::http::HeaderValue::from(secs),
        );
    }
    #[cfg(not(feature = "ssr"))]
    let _ = secs;
}
