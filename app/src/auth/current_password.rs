//! The current password, asked before someone changes their own password or
//! security question. It is counted like a sign-in, with the same
//! [`Attempt`] (the account's e-mail from the client's address, counted
//! before the hash is verified): someone holding a stolen session cannot
//! guess the password without limit, and the guesses share the pause of
//! sign-in.

use policy::PersonnelId;

use crate::auth::attempts::Attempt;
use crate::auth::password_hash;
use crate::auth::sign_in::normalize_email;
use crate::auth::site_secret::SiteSecret;
use crate::error::AppError;
use crate::state::AppState;

/// Is `password` the current password of the account `id`, for an attempt
/// from `address` (as `client_address` counts it)? `Ok(false)` for a wrong
/// one (the caller shows it at its field); `TooManyAttempts` while sign-in
/// to the account is paused from there, or when this failure pauses it.
pub async fn is_right(
    state: &AppState,
    id: PersonnelId,
    password: &str,
    address: &str,
) -> Result<bool, AppError> {
    let (email, stored): (String, String) =
        sqlx::query_as("SELECT email, password_hash FROM personnel WHERE id = $1")
            .bind(id.0)
            .fetch_one(&state.pool)
            .await?;
    let now = state.clock.now();
    let secret = SiteSecret::load(&state.pool).await?;
    let attempt = Attempt::new(&secret, &normalize_email(&email), address);
    attempt.begin(&state.pool, now).await?;
    let checked = password_hash::verify(&state.hashing, password.to_owned(), Some(stored)).await;
    if attempt.unless_busy(&state.pool, checked).await? {
        let mut tx = state.pool.begin().await?;
        attempt.succeeded(&mut tx).await?;
        tx.commit().await?;
        return Ok(true);
    }
    match attempt.failed_and_paused(&state.pool, now, Some(id)).await? {
        Some(pause) => Err(pause),
        None => Ok(false),
    }
}
