//! `GET /healthz`: 200 when the database answers, 503 when it does not.

use axum::extract::State;
use axum::http::StatusCode;

use app::store::Pool;

pub async fn healthz(State(pool): State<Pool>) -> (StatusCode, &'static str) {
    match sqlx::query("SELECT 1").execute(&pool).await {
        Ok(_) => (StatusCode::OK, "ok"),
        Err(error) => {
            tracing::error!(%error, "health check: database unavailable");
            (StatusCode::SERVICE_UNAVAILABLE, "database unavailable")
        }
    }
}
