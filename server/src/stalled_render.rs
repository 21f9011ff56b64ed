//! A page whose server rendering stalls is rendered again.
//!
//! Leptos 0.8 (0.8.23 here) still has a rare race in resolving `Suspense`
//! on the server (upstream issues #4851, #4673 and #4866): about one page
//! in a few hundred never finishes rendering, and the response never comes.
//! Rendering the same page again almost always succeeds. So a GET of a page
//! that has not answered within [`RENDER_WITHIN`] is dropped and rendered
//! anew, up to [`ATTEMPTS`] times, with a warning in the log. Pages are
//! reads (their resources call server functions that only read), so a
//! second rendering changes nothing. Server functions (`/api/...`), the
//! site's files and the health check are not touched.

use std::time::Duration;

use axum::body::Body;
use axum::http::{Method, Request};
use axum::middleware::Next;
use axum::response::Response;

/// How long a page may take to render before it is rendered again. A page
/// normally renders in milliseconds; a database busy with writes answers
/// within its own five-second busy timeout.
pub const RENDER_WITHIN: Duration = Duration::from_secs(8);

/// How many times one page is rendered at most.
pub const ATTEMPTS: u32 = 3;

fn is_page(path: &str) -> bool {
    !(path.starts_with("/api/") || path.starts_with("/pkg/") || path == "/healthz" || path.contains('.'))
}

pub async fn render_again_if_stalled(request: Request<Body>, next: Next) -> Response {
    if request.method() != Method::GET || !is_page(request.uri().path()) {
        return next.run(request).await;
    }
    // A GET has no body: the head is all there is to send again.
    let (head, _) = request.into_parts();
    for attempt in 1..ATTEMPTS {
        let again = Request::from_parts(head.clone(), Body::empty());
        match tokio::time::timeout(RENDER_WITHIN, next.clone().run(again)).await {
            Ok(response) => return response,
            Err(_) => tracing::warn!(
                attempt,
                path = %head.uri.path(),
                "the page did not finish rendering in time; rendering it again"
            ),
        }
    }
    next.run(Request::from_parts(head, Body::empty())).await
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;
    use std::sync::atomic::{AtomicU32, Ordering};

    use axum::Router;
    use axum::middleware;
    use axum::routing::get;
    use tower::ServiceExt;

    use super::*;

    /// A page that never answers the first `stalls` times it is asked.
    fn app(stalls: u32) -> (Router, Arc<AtomicU32>) {
        let asked = Arc::new(AtomicU32::new(0));
        let counter = asked.clone();
        let page = move || {
            let counter = counter.clone();
            async move {
                if counter.fetch_add(1, Ordering::SeqCst) < stalls {
                    std::future::pending::<()>().await;
                }
                "the page"
            }
        };
        let router = Router::new()
            .route("/clients", get(page.clone()))
            .route("/api/search", get(page))
            .layer(middleware::from_fn(render_again_if_stalled));
        (router, asked)
    }

    async fn body(response: Response) -> String {
        let bytes = axum::body::to_bytes(response.into_body(), 1024).await.unwrap();
        String::from_utf8(bytes.to_vec()).unwrap()
    }

    fn get_request(path: &str) -> Request<Body> {
        Request::get(path).body(Body::empty()).unwrap()
    }

    #[tokio::test(start_paused = true)]
    async fn a_stalled_page_is_rendered_again_and_answers() {
        let (router, asked) = app(1);
        let response = router.oneshot(get_request("/clients")).await.unwrap();
        assert_eq!(body(response).await, "the page");
        assert_eq!(asked.load(Ordering::SeqCst), 2, "rendered a second time");
    }

    #[tokio::test(start_paused = true)]
    async fn a_page_that_answers_is_rendered_once() {
        let (router, asked) = app(0);
        let response = router.oneshot(get_request("/clients")).await.unwrap();
        assert_eq!(body(response).await, "the page");
        assert_eq!(asked.load(Ordering::SeqCst), 1);
    }

    #[tokio::test(start_paused = true)]
    async fn server_functions_are_never_sent_twice() {
        let (router, asked) = app(1);
        let waited =
            tokio::time::timeout(RENDER_WITHIN * 4, router.oneshot(get_request("/api/search"))).await;
        assert!(
            waited.is_err(),
            "a server function is left alone, however long it takes"
        );
        assert_eq!(asked.load(Ordering::SeqCst), 1);
    }
}
