//! The HTTP surface: the Leptos pages and the server functions under `/api`
//! (both registered by `leptos_routes_with_context`), `/healthz`, the built
//! site's files under `/pkg` (`site_files`), and the layers around them all.

use axum::Router;
use axum::body::Body;
use axum::http::{HeaderName, Request};
use axum::middleware;
use axum::routing::get;
use leptos::prelude::*;
use leptos_axum::{LeptosRoutes, generate_route_list};
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::trace::TraceLayer;

use app::state::AppState;
use app::{App, shell};

use crate::{cross_site, health, response_compression, security_headers, site_files, stalled_render};

const REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

/// The whole application as an axum router.
pub fn build(state: AppState, options: LeptosOptions) -> Router {
    let routes = generate_route_list(App);
    let context = {
        let state = state.clone();
        move || {
            provide_context(state.clone());
            app::auth::current::provide_request_personnel();
        }
    };

    let health = Router::new()
        .route("/healthz", get(health::healthz))
        .with_state(state.pool.clone());
    let files = site_files::service(&options.site_root, &options.site_pkg_dir);

    Router::new()
        .leptos_routes_with_context(&options, routes, context.clone(), {
            let options = options.clone();
            move || shell(options.clone())
        })
        .fallback(leptos_axum::file_and_error_handler_with_context(context, shell))
        .with_state(options)
        .merge(health)
        .merge(files)
        .layer(middleware::from_fn(stalled_render::render_again_if_stalled))
        .layer(middleware::from_fn(cross_site::refuse_cross_site))
        .layer(middleware::from_fn_with_state(
            security_headers::HttpsOnly(state.sessions.cookie_secure),
            security_headers::add_security_headers,
        ))
        .layer(response_compression::layer())
        .layer(middleware::from_fn(response_compression::not_for_other_sites))
        .layer(PropagateRequestIdLayer::new(REQUEST_ID))
        .layer(TraceLayer::new_for_http().make_span_with(|request: &Request<Body>| {
            let id = request.headers().get(&REQUEST_ID).and_then(|v| v.to_str().ok()).unwrap_or("-");
            tracing::info_span!("request", method = %request.method(), path = %request.uri().path(), request_id = %id)
        }))
        .layer(SetRequestIdLayer::new(REQUEST_ID, MakeRequestUuid))
}

/// The Leptos options for a built site at `site_root`. The pages ask for
/// hashed file names (`safehold.<hash>.wasm`) exactly when the build left
/// `hash.txt` beside the running binary (see `site_files`).
pub fn leptos_options(site_root: &str, listen: std::net::SocketAddr) -> LeptosOptions {
    LeptosOptions::builder()
        .output_name(site_files::OUTPUT_NAME)
        .site_root(site_root)
        .site_pkg_dir("pkg")
        .site_addr(listen)
        .hash_files(site_files::hash_file_beside_executable())
        .build()
}
