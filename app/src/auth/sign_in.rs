//! Signing in: the same answer for an unknown e-mail and a wrong password,
//! a lockout after repeated failures, and only Active accounts let in.

use policy::{PersonnelId, PersonnelStatus, Timestamp};

use crate::auth::{password_hash, session};
use crate::error::{AppError, FieldError};
use crate::state::AppState;
use crate::stored_code::{Column, StoredCode};

/// Failed sign-ins allowed within [`FAILURE_WINDOW_SECS`] before a lockout.
pub const MAX_FAILURES: i64 = 5;
pub const FAILURE_WINDOW_SECS: i64 = 15 * 60;
pub const LOCKOUT_SECS: i64 = 15 * 60;

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
    sign_in_locked_until: Option<i64>,
}

/// Checks the e-mail and password and starts a session; returns the token.
pub async fn sign_in(state: &AppState, email: &str, password: &str) -> Result<String, AppError> {
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

    let candidate: Option<Candidate> = sqlx::query_as(
        "SELECT id, password_hash, status, sign_in_locked_until FROM personnel WHERE email = $1",
    )
    .bind(&email)
    .fetch_optional(&state.pool)
    .await?;

    let now = state.clock.now();
    refuse_while_locked(candidate.as_ref().and_then(|c| c.sign_in_locked_until), now)?;

    let stored = candidate.as_ref().map(|c| c.password_hash.clone());
    let matches = password_hash::verify(password.to_owned(), stored).await?;
    let Some(candidate) = candidate else {
        return Err(AppError::Unauthenticated {
            message: WRONG_CREDENTIALS.into(),
        });
    };
    let id = PersonnelId(candidate.id);
    if !matches {
        return Err(record_failure(state, id, now, WRONG_CREDENTIALS).await?);
    }

    let status = PersonnelStatus::decode(&candidate.status, Column::new("personnel", "status"))?;
    policy::may_sign_in(status)?;

    let mut tx = state.pool.begin().await?;
    sqlx::query("DELETE FROM sign_in_failures WHERE personnel_id = $1")
        .bind(id.0)
        .execute(&mut *tx)
        .await?;
    sqlx::query("UPDATE personnel SET sign_in_locked_until = NULL WHERE id = $1")
        .bind(id.0)
        .execute(&mut *tx)
        .await?;
    let token = session::start(&mut *tx, id, now).await?;
    tx.commit().await?;
    tracing::info!(personnel = id.0, "signed in");
    Ok(token)
}

/// Records a failed sign-in (or password recovery: they share the count);
/// returns the error to show: `wrong`, or a lockout when this failure is the
/// fifth within the window.
pub(crate) async fn record_failure(
    state: &AppState,
    id: PersonnelId,
    now: Timestamp,
    wrong: &str,
) -> Result<AppError, AppError> {
    let mut tx = state.pool.begin().await?;
    sqlx::query("INSERT INTO sign_in_failures (personnel_id, failed_at) VALUES ($1, $2)")
        .bind(id.0)
        .bind(now.0)
        .execute(&mut *tx)
        .await?;
    let (recent,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM sign_in_failures WHERE personnel_id = $1 AND failed_at > $2")
            .bind(id.0)
            .bind(now.0 - FAILURE_WINDOW_SECS)
            .fetch_one(&mut *tx)
            .await?;
    let error = if recent >= MAX_FAILURES {
        sqlx::query("UPDATE personnel SET sign_in_locked_until = $1 WHERE id = $2")
            .bind(now.0 + LOCKOUT_SECS)
            .bind(id.0)
            .execute(&mut *tx)
            .await?;
        sqlx::query("DELETE FROM sign_in_failures WHERE personnel_id = $1")
            .bind(id.0)
            .execute(&mut *tx)
            .await?;
        tracing::warn!(personnel = id.0, "sign-in locked after repeated failures");
        locked_out(LOCKOUT_SECS)
    } else {
        AppError::Unauthenticated {
            message: wrong.into(),
        }
    };
    tx.commit().await?;
    Ok(error)
}

/// Refuses while a lockout that ends at `locked_until` still runs.
pub(crate) fn refuse_while_locked(locked_until: Option<i64>, now: Timestamp) -> Result<(), AppError> {
    match locked_until.filter(|until| *until > now.0) {
        Some(until) => Err(locked_out(until - now.0)),
        None => Ok(()),
    }
}

fn locked_out(remaining_secs: i64) -> AppError {
    let minutes = (remaining_secs + 59) / 60;
    AppError::TooManyAttempts {
        message: format!(
            "Too many failed sign-ins. Sign-in to this account is paused for 15 minutes; \
             try again in {minutes} minute{}.",
            if minutes == 1 { "" } else { "s" }
        ),
    }
}
