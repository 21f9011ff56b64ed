//! Sign-in and password-recovery attempts, counted in the database before
//! any hash is verified (spec, "Sign-in and recovery"). Three limits, each a counter row in
//! `sign_in_attempts`:
//!
//! - an account from one address: [`PER_ACCOUNT_AND_ADDRESS`];
//! - one address across all accounts: [`PER_ADDRESS`];
//! - an account from all addresses: [`PER_ACCOUNT`], which pauses the
//!   account (audited for a real account; an administrator can lift it).
//!
//! Accounts are keyed by a keyed hash of the e-mail, so an e-mail without an
//! account is counted, paused and answered exactly like one with.
//!
//! Sign-in, recovery and the current password asked before changing one's
//! own password or security question all count here.
//!
//! [`Attempt::begin`] counts the attempt in one write transaction (its first
//! statement is a write, so parallel attempts queue on the row lock, or on
//! SQLite's write lock) and refuses when a limit is full: however many
//! guesses arrive at once, no more than the limit are ever verified.

use policy::{PersonnelId, Timestamp};
use serde::Serialize;

use crate::accounts::Transaction;
use crate::audit::{self, Entry};
use crate::auth::site_secret::SiteSecret;
use crate::error::AppError;
use crate::store::Pool;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limit {
    /// Attempts allowed within the window.
    pub max: i64,
    pub window_secs: i64,
    /// How long sign-in stays paused once a failure fills the limit.
    pub pause_secs: i64,
}

const MINUTE: i64 = 60;

/// Five failures in fifteen minutes for one account from one address.
pub const PER_ACCOUNT_AND_ADDRESS: Limit = Limit {
    max: 5,
    window_secs: 15 * MINUTE,
    pause_secs: 15 * MINUTE,
};

/// Fifty failures in fifteen minutes from one address, whatever the e-mail.
pub const PER_ADDRESS: Limit = Limit {
    max: 50,
    window_secs: 15 * MINUTE,
    pause_secs: 15 * MINUTE,
};

/// A hundred failures in a day for one account from all addresses.
pub const PER_ACCOUNT: Limit = Limit {
    max: 100,
    window_secs: 24 * 60 * MINUTE,
    pause_secs: 15 * MINUTE,
};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Scope {
    AccountAndAddress,
    Address,
    Account,
}

impl Scope {
    fn limit(self) -> Limit {
        match self {
            Scope::AccountAndAddress => PER_ACCOUNT_AND_ADDRESS,
            Scope::Address => PER_ADDRESS,
            Scope::Account => PER_ACCOUNT,
        }
    }
}

struct Counter {
    scope: Scope,
    account_key: String,
    address: String,
}

/// One sign-in or recovery attempt, for an e-mail from an address.
pub struct Attempt {
    counters: [Counter; 3],
}

#[derive(sqlx::FromRow)]
struct Row {
    window_started_at: i64,
    attempts: i64,
    paused_until: Option<i64>,
}

impl Attempt {
    /// `email` normalized; `address` as `client_address::counted_as` gives it.
    pub fn new(secret: &SiteSecret, email: &str, address: &str) -> Attempt {
        let account_key = secret.account_key(email);
        Attempt {
            counters: [
                Counter {
                    scope: Scope::AccountAndAddress,
                    account_key: account_key.clone(),
                    address: address.to_owned(),
                },
                Counter {
                    scope: Scope::Address,
                    account_key: String::new(),
                    address: address.to_owned(),
                },
                Counter {
                    scope: Scope::Account,
                    account_key,
                    address: String::new(),
                },
            ],
        }
    }

    /// Counts the attempt, or refuses it with `TooManyAttempts` (and counts
    /// nothing) while a limit is full or paused.
    pub async fn begin(&self, pool: &Pool, now: Timestamp) -> Result<(), AppError> {
        let mut tx = pool.begin().await?;
        let mut counts = Vec::with_capacity(self.counters.len());
        let mut refusal: Option<(Scope, i64)> = None;
        for counter in &self.counters {
            let limit = counter.scope.limit();
            // A write first: it takes the row (or the database) for this
            // transaction, so parallel attempts are counted one after another.
            let row: Row = sqlx::query_as(
                "INSERT INTO sign_in_attempts (account_key, address, window_started_at, attempts, paused_until) \
                 VALUES ($1, $2, $3, 0, NULL) \
                 ON CONFLICT (account_key, address) DO UPDATE SET attempts = sign_in_attempts.attempts \
                 RETURNING window_started_at, attempts, paused_until",
            )
            .bind(&counter.account_key)
            .bind(&counter.address)
            .bind(now.0)
            .fetch_one(&mut *tx)
            .await?;
            let (started, attempts) = match row.paused_until {
                Some(until) if until > now.0 => {
                    refusal = worse(refusal, (counter.scope, until - now.0));
                    (row.window_started_at, row.attempts)
                }
                Some(_) => (now.0, 0),
                None if row.window_started_at + limit.window_secs <= now.0 => (now.0, 0),
                None => {
                    if row.attempts >= limit.max {
                        // Full of attempts still being checked: about to
                        // pause. It frees when its window ends, or at the
                        // latest a pause after those checks fail.
                        let window_left = row.window_started_at + limit.window_secs - now.0;
                        refusal = worse(refusal, (counter.scope, window_left.min(limit.pause_secs)));
                    }
                    (row.window_started_at, row.attempts)
                }
            };
            counts.push((started, attempts));
        }
        if let Some((scope, remaining)) = refusal {
            tx.rollback().await?;
            return Err(paused(scope, remaining));
        }
        for (counter, (started, attempts)) in self.counters.iter().zip(counts) {
            sqlx::query(
                "UPDATE sign_in_attempts SET window_started_at = $1, attempts = $2, paused_until = NULL \
                 WHERE account_key = $3 AND address = $4",
            )
            .bind(started)
            .bind(attempts + 1)
            .bind(&counter.account_key)
            .bind(&counter.address)
            .execute(&mut *tx)
            .await?;
        }
        sqlx::query(
            "DELETE FROM sign_in_attempts WHERE window_started_at < $1 \
             AND (paused_until IS NULL OR paused_until <= $2)",
        )
        .bind(now.0 - PER_ACCOUNT.window_secs)
        .bind(now.0)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// After a wrong password or answer: pauses each limit this failure
    /// filled; returns the error to show (`wrong`, or the pause). A pause of
    /// the account from all addresses is audited when `account` is real.
    pub async fn failed(
        &self,
        pool: &Pool,
        now: Timestamp,
        account: Option<PersonnelId>,
        wrong: &str,
    ) -> Result<AppError, AppError> {
        Ok(self
            .failed_and_paused(pool, now, account)
            .await?
            .unwrap_or_else(|| AppError::Unauthenticated {
                message: wrong.into(),
            }))
    }

    /// [`Attempt::failed`] for a check whose wrong answer is shown another
    /// way (at a form's field): the pause this failure began, if any.
    pub async fn failed_and_paused(
        &self,
        pool: &Pool,
        now: Timestamp,
        account: Option<PersonnelId>,
    ) -> Result<Option<AppError>, AppError> {
        let mut tx = pool.begin().await?;
        let mut pause: Option<(Scope, i64)> = None;
        for counter in &self.counters {
            let limit = counter.scope.limit();
            let filled: Option<(i64,)> = sqlx::query_as(
                "UPDATE sign_in_attempts SET paused_until = $1 \
                 WHERE account_key = $2 AND address = $3 AND attempts >= $4 AND paused_until IS NULL \
                 RETURNING attempts",
            )
            .bind(now.0 + limit.pause_secs)
            .bind(&counter.account_key)
            .bind(&counter.address)
            .bind(limit.max)
            .fetch_optional(&mut *tx)
            .await?;
            if filled.is_none() {
                continue;
            }
            pause = worse(pause, (counter.scope, limit.pause_secs));
            if counter.scope == Scope::Account
                && let Some(id) = account
            {
                audit_pause(&mut tx, id, now, now.0 + limit.pause_secs).await?;
                tracing::warn!(
                    personnel = id.0,
                    "sign-in paused after failures from many addresses"
                );
            }
        }
        tx.commit().await?;
        Ok(pause.map(|(scope, remaining)| paused(scope, remaining)))
    }

    /// Hands on the answer of the check this attempt was counted for; when
    /// the hashing budget refused it (`Busy`), nothing was checked, so the
    /// attempt is given back first.
    pub async fn unless_busy<T>(&self, pool: &Pool, checked: Result<T, AppError>) -> Result<T, AppError> {
        if matches!(checked, Err(AppError::Busy)) {
            self.give_back(pool).await?;
        }
        checked
    }

    /// Takes this attempt back from each of its counters, in one transaction.
    async fn give_back(&self, pool: &Pool) -> Result<(), AppError> {
        let mut tx = pool.begin().await?;
        for counter in &self.counters {
            sqlx::query(
                "UPDATE sign_in_attempts SET attempts = attempts - 1 \
                 WHERE account_key = $1 AND address = $2 AND attempts > 0",
            )
            .bind(&counter.account_key)
            .bind(&counter.address)
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// After a right password or answer, in the transaction that signs in:
    /// the account's counter for this address starts again, and the attempt
    /// is taken back from the other two (they count failures).
    pub async fn succeeded(&self, tx: &mut Transaction<'_>) -> Result<(), AppError> {
        for counter in &self.counters {
            let sql = if counter.scope == Scope::AccountAndAddress {
                "DELETE FROM sign_in_attempts WHERE account_key = $1 AND address = $2"
            } else {
                "UPDATE sign_in_attempts SET attempts = attempts - 1 \
                 WHERE account_key = $1 AND address = $2 AND attempts > 0"
            };
            sqlx::query(sql)
                .bind(&counter.account_key)
                .bind(&counter.address)
                .execute(&mut **tx)
                .await?;
        }
        Ok(())
    }
}

/// The longer of two refusals (an account pause wins a tie).
fn worse(current: Option<(Scope, i64)>, new: (Scope, i64)) -> Option<(Scope, i64)> {
    match current {
        Some(existing) if existing.1 >= new.1 => Some(existing),
        _ => Some(new),
    }
}

/// The refusal while paused; the same words for every e-mail.
fn paused(scope: Scope, remaining_secs: i64) -> AppError {
    let pause = crate::plural::MINUTES.count((scope.limit().pause_secs / MINUTE).unsigned_abs());
    let minutes = crate::plural::MINUTES.count(((remaining_secs + 59) / 60).unsigned_abs());
    let message = match scope {
        Scope::Address => format!(
            "Too many failed sign-ins from your network. Signing in from here is paused for {pause}; \
             try again in {minutes}."
        ),
        Scope::AccountAndAddress | Scope::Account => format!(
            "Too many failed sign-ins. Sign-in to this account is paused for {pause}; \
             try again in {minutes}."
        ),
    };
    AppError::TooManyAttempts { message }
}

#[derive(Serialize)]
struct PauseEntry {
    sign_in_paused_until: Option<i64>,
}

async fn audit_pause(
    tx: &mut Transaction<'_>,
    id: PersonnelId,
    now: Timestamp,
    until: i64,
) -> Result<(), AppError> {
    audit::record(
        tx,
        Entry {
            actor: None,
            at: now,
            action: "personnel.sign_in_paused",
            entity: "personnel",
            entity_id: id.0,
            before: Some(&PauseEntry {
                sign_in_paused_until: None,
            }),
            after: Some(&PauseEntry {
                sign_in_paused_until: Some(until),
            }),
        },
    )
    .await
}

/// Until when the account of `email` (normalized) is paused from all
/// addresses, if it is now.
pub async fn account_paused_until(
    executor: &mut sqlx::AnyConnection,
    secret: &SiteSecret,
    email: &str,
    now: Timestamp,
) -> Result<Option<i64>, AppError> {
    let row: Option<(Option<i64>,)> =
        sqlx::query_as("SELECT paused_until FROM sign_in_attempts WHERE account_key = $1 AND address = ''")
            .bind(secret.account_key(email))
            .fetch_optional(&mut *executor)
            .await?;
    Ok(row.and_then(|(until,)| until).filter(|until| *until > now.0))
}

/// An administrator lifts the pauses of the account of `email`: every
/// counter of that account starts again (from all addresses and from each).
/// Answers whether a pause from all addresses was running.
pub async fn lift(
    tx: &mut Transaction<'_>,
    secret: &SiteSecret,
    email: &str,
    now: Timestamp,
) -> Result<Option<i64>, AppError> {
    let before = account_paused_until(tx, secret, email, now).await?;
    sqlx::query("DELETE FROM sign_in_attempts WHERE account_key = $1")
        .bind(secret.account_key(email))
        .execute(&mut **tx)
        .await?;
    Ok(before)
}
