//! Pages, server functions' answers and site files without a precompressed
//! copy are compressed on the way out (brotli or gzip, whichever the browser
//! prefers), at a level cheap enough for every request.
//!
//! Every page renders whole before it is sent (`SsrMode::Async`), so
//! compressing, which holds back a streamed body until it ends, delays
//! nothing.
//!
//! A compressed answer that holds both a secret and text an attacker chose
//! can give the secret away by its length (BREACH). Safehold's pages carry
//! confidential records, and a browser sends the session cookie with a link
//! followed from another site (`SameSite=Lax`), whose address that site
//! chooses.
//! So a request that the browser says another site started
//! (`Sec-Fetch-Site: cross-site` or `same-site`) is answered uncompressed
//! ([`not_for_other_sites`]); the app's own pages, its server functions and
//! a typed address (`same-origin`, `none`) are compressed.

use axum::body::Body;
use axum::http::Request;
use axum::http::header::ACCEPT_ENCODING;
use axum::middleware::Next;
use axum::response::Response;
use tower_http::compression::{CompressionLayer, CompressionLevel};

/// Brotli and gzip at level 4: a few milliseconds for a page, most of the
/// gain of the highest levels (which the build uses for the site files).
pub fn layer() -> CompressionLayer {
    CompressionLayer::new()
        .br(true)
        .gzip(true)
        .quality(CompressionLevel::Precise(4))
}

/// Drops `Accept-Encoding` from a request another site started, so that its
/// answer is not compressed (see the module's note on BREACH). The site's
/// files under `/pkg/` hold nothing confidential and keep it.
pub async fn not_for_other_sites(mut request: Request<Body>, next: Next) -> Response {
    let from_another_site = request
        .headers()
        .get("sec-fetch-site")
        .is_some_and(|site| site == "cross-site" || site == "same-site");
    if from_another_site && !request.uri().path().starts_with("/pkg/") {
        request.headers_mut().remove(ACCEPT_ENCODING);
    }
    next.run(request).await
}
