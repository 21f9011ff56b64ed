//! The Content-Security-Policy of a rendered page: the app's own scripts,
//! WASM and styles, inline scripts only with this response's nonce, and no
//! framing.

use axum::http::{HeaderValue, header::CONTENT_SECURITY_POLICY};
use leptos::nonce::use_nonce;
use leptos::prelude::use_context;
use leptos_axum::ResponseOptions;

pub fn for_nonce(nonce: &str) -> String {
    format!(
        "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; style-src 'self'; \
         img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; \
         form-action 'self'; frame-ancestors 'none'"
    )
}

pub fn set_for_page() {
    if let (Some(nonce), Some(response)) = (use_nonce(), use_context::<ResponseOptions>())
        && let Ok(value) = HeaderValue::from_str(&for_nonce(&nonce))
    {
        response.insert_header(CONTENT_SECURITY_POLICY, value);
    }
}
