//! Signing in: the attempt is counted before the password is checked (see
//! `attempts`), an unknown e-mail gets the same work and the same answers as
//! a wrong password, and only Active accounts are let in.

use policy::{PersonnelId, PersonnelStatus};

use crate::auth::attempts::Attempt;
use crate::auth::site_secret::SiteSecret;
use crate::auth::{password_hash, session};
use crate::error::{AppError, FieldError};
use crate::state::AppState;
use crate::stored_code::{Column, StoredCode};

const WRONG_CREDENTIALS: &str = "The e-mail address or password is not correct.";

/// The form of a login as stored: trimmed and lower-cased.
pub fn normalize_email(email: &str) -> String {
    email.trim().to_lowercase()
}

#[derive(sqlx::FromRow)]
struct Candidate {
    id: i64,
    password_hash: String,
    status: String,
}

/// Checks the e-mail and password of an attempt from `address` (as
/// `client_address` counts it) and starts a session; returns the token.
#[tracing::instrument(name = "auth::sign_in::sign_in", skip_all)]
pub async fn sign_in(
    state: &AppState,
    email: &str,
    password: &str,
    address: &str,
) -> Result<String, AppError> {
    let email = normalize_email(email);
    let mut missing = Vec::new();
    if email.is_empty() {
        missing.push(FieldError::new("email", "Enter your e-mail address."));
    }
    if password.is_empty() {
        missing.push(FieldError::new("password", "Enter your password."));
    }
    if !missing.is_empty() {
        return Err(AppError::invalid(missing));
    }

    // In a storm of sign-ins, answer "busy" before reading the database.
    state.hashing.refuse_when_full()?;
    let now = state.clock.now();
    let secret = SiteSecret::load(&state.pool).await?;
    let attempt = Attempt::new(&secret, &email, address);
    attempt.begin(&state.pool, now).await?;

    let candidate: Option<Candidate> =
        sqlx::query_as("SELECT id, password_hash, status FROM personnel WHERE email = $1")
            .bind(&email)
            .fetch_optional(&state.pool)
            .await?;
    let stored = candidate.as_ref().map(|c| c.password_hash.clone());
    let checked = password_hash::verify(&state.hashing, password.to_owned(), stored).await;
    let matches = attempt.unless_busy(&state.pool, checked).await?;
    let candidate = match candidate {
        Some(candidate) if matches => candidate,
        other => {
            let account = other.map(|c| PersonnelId(c.id));
            return Err(attempt
                .failed(&state.pool, now, account, WRONG_CREDENTIALS)
                .await?);
        }
    };
    let id = PersonnelId(candidate.id);
    let status = PersonnelStatus::decode(&candidate.status, Column::new("personnel", "status"))?;
    policy::may_sign_in(status)?;

    let mut tx = state.pool.begin().await?;
    attempt.succeeded(&mut tx).await?;
    let token = session::start(&mut *tx, id, now).await?;
    tx.commit().await?;
    tracing::info!(personnel = id.0, "signed in");
    Ok(token)
}
