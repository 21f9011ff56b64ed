//! Server-side sessions. The browser holds a random 256-bit token; the
//! database holds only its SHA-256, with when it began and when it was last
//! used, so that idle and absolute timeouts are decided here.

use policy::{PersonnelId, Subject, Timestamp};
use rand::RngCore;
use sha2::{Digest, Sha256};

use crate::auth::subject;
use crate::error::AppError;
use crate::me::Me;
use crate::state::SessionSettings;
use crate::store::Pool;

/// The hash of a session token, as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TokenHash(pub String);

impl TokenHash {
    pub fn of(token: &str) -> Self {
        TokenHash(hex(&Sha256::digest(token.as_bytes())))
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Starts a session for `personnel` and returns the token for the cookie.
pub async fn start<'c, E>(executor: E, personnel: PersonnelId, now: Timestamp) -> Result<String, AppError>
where
    E: sqlx::Executor<'c, Database = crate::store::Db>,
{
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    let token = hex(&bytes);
    sqlx::query(
        "INSERT INTO sessions (token_hash, personnel_id, created_at, last_seen_at) VALUES ($1, $2, $3, $3)",
    )
    .bind(TokenHash::of(&token).0)
    .bind(personnel.0)
    .bind(now.0)
    .execute(executor)
    .await?;
    Ok(token)
}

/// How often a session's `last_seen_at` is written: a page view is then a
/// read, not a write transaction, unless the last write is this old.
pub const TOUCH_EVERY_SECS: i64 = 60;

/// The account whose session this token is, if the session is still open;
/// marks it used now (at most every [`TOUCH_EVERY_SECS`]). An expired
/// session is ended and refused with the reason.
pub async fn resume(
    pool: &Pool,
    token: &str,
    now: Timestamp,
    settings: SessionSettings,
) -> Result<(Subject, Me, TokenHash), AppError> {
    let hash = TokenHash::of(token);
    let Some(found) = subject::load_by_session(pool, &hash.0).await? else {
        return Err(AppError::unauthenticated());
    };
    let (created_at, last_seen_at) = (found.created_at.0, found.last_seen_at.0);
    // `last_seen_at` is written at most every TOUCH_EVERY_SECS, so it may be
    // that much behind the last request: the session may end that much
    // before the idle timeout, never after it.
    let expired = if now.0 - last_seen_at >= settings.idle_timeout_secs {
        Some(format!(
            "You were signed out after {} without activity. Please sign in again.",
            crate::plural::MINUTES.count((settings.idle_timeout_secs / 60).unsigned_abs())
        ))
    } else if now.0 - created_at >= settings.absolute_timeout_secs {
        Some(format!(
            "You were signed out {} after signing in. Please sign in again.",
            crate::plural::HOURS.count((settings.absolute_timeout_secs / 3600).unsigned_abs())
        ))
    } else {
        None
    };
    if let Some(message) = expired {
        end(pool, &hash).await?;
        return Err(AppError::Unauthenticated { message });
    }
    if now.0 - last_seen_at >= TOUCH_EVERY_SECS {
        sqlx::query("UPDATE sessions SET last_seen_at = $1 WHERE token_hash = $2")
            .bind(now.0)
            .bind(&hash.0)
            .execute(pool)
            .await?;
    }
    Ok((found.subject, found.me, hash))
}

pub async fn end<'c, E>(executor: E, hash: &TokenHash) -> Result<(), AppError>
where
    E: sqlx::Executor<'c, Database = crate::store::Db>,
{
    sqlx::query("DELETE FROM sessions WHERE token_hash = $1")
        .bind(&hash.0)
        .execute(executor)
        .await?;
    Ok(())
}

/// Ends every session of `personnel` except `keep` (if given).
pub async fn end_all_for<'c, E>(
    executor: E,
    personnel: PersonnelId,
    keep: Option<&TokenHash>,
) -> Result<(), AppError>
where
    E: sqlx::Executor<'c, Database = crate::store::Db>,
{
    sqlx::query("DELETE FROM sessions WHERE personnel_id = $1 AND token_hash <> $2")
        .bind(personnel.0)
        .bind(keep.map(|k| k.0.as_str()).unwrap_or(""))
        .execute(executor)
        .await?;
    Ok(())
}
