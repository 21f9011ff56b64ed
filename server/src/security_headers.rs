//! Security headers on every response. Pages set their own
//! Content-Security-Policy with a nonce (app::content_security_policy); any
//! other response gets one that allows nothing. When the session cookie is
//! `Secure` (the default: the site is served over HTTPS), every response also
//! tells the browser to use HTTPS only, for a year (HSTS); never over plain
//! HTTP development (`--insecure-cookie`).

use axum::body::Body;
use axum::extract::State;
use axum::http::header::{
    CACHE_CONTROL, CONTENT_SECURITY_POLICY, REFERRER_POLICY, STRICT_TRANSPORT_SECURITY,
    X_CONTENT_TYPE_OPTIONS, X_FRAME_OPTIONS,
};
use axum::http::{HeaderValue, Request};
use axum::middleware::Next;
use axum::response::Response;

/// Whether the site is served over HTTPS only (the session cookie is `Secure`).
#[derive(Debug, Clone, Copy)]
pub struct HttpsOnly(pub bool);

const HSTS: HeaderValue = HeaderValue::from_static("max-age=31536000; includeSubDomains");

pub async fn add_security_headers(
    State(HttpsOnly(https_only)): State<HttpsOnly>,
    request: Request<Body>,
    next: Next,
) -> Response {
    let is_static_file = request.uri().path().starts_with("/pkg/");
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    headers
        .entry(CONTENT_SECURITY_POLICY)
        .or_insert(HeaderValue::from_static(
            "default-src 'none'; frame-ancestors 'none'",
        ));
    headers.insert(X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    headers.insert(REFERRER_POLICY, HeaderValue::from_static("same-origin"));
    headers.insert(X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    if https_only {
        headers.insert(STRICT_TRANSPORT_SECURITY, HSTS);
    }
    if !is_static_file {
        // Confidential records: never keep a page or an answer in a cache.
        headers.insert(CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    response
}
