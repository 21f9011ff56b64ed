//! Password hashing with argon2id at OWASP's parameters (19 MiB, 2 passes,
//! 1 lane), on a thread of its own at a lower priority so sign-ins never stall
//! other requests, and
//! within a budget ([`Hashing`]): at most a few hashes at once, a short queue
//! behind them, and a quick "busy" answer beyond it, so that a storm of
//! sign-ins can neither starve the other requests of CPU nor grow memory.

use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, LazyLock};

use argon2::password_hash::{PasswordHasher, PasswordVerifier};
use argon2::{Algorithm, Argon2, Params, Version};
use tokio::sync::{OwnedSemaphorePermit, Semaphore};

use crate::error::AppError;

fn hasher() -> Argon2<'static> {
    let params = Params::new(19 * 1024, 2, 1, None).expect("OWASP's argon2id parameters are valid");
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

/// A hash of no one's password: checked against when the e-mail is unknown,
/// so that an unknown e-mail takes as long as a wrong password.
static DECOY_HASH: LazyLock<String> = LazyLock::new(|| hash_now("decoy password nobody has"));

fn hash_now(password: &str) -> String {
    hasher()
        .hash_password(password.as_bytes())
        .expect("argon2 hashing does not fail on valid parameters")
        .to_string()
}

/// The budget for argon2: `permits` operations (hash or verify) run at once,
/// at most `queue` more wait for a turn, and any beyond those are refused at
/// once with [`AppError::Busy`]. Shared by every request through `AppState`.
#[derive(Debug)]
pub struct Hashing {
    permits: Arc<Semaphore>,
    queue: usize,
    waiting: AtomicUsize,
    verifications: Arc<AtomicU64>,
}

/// A turn at hashing: while it is held, one of the permits is taken.
#[derive(Debug)]
pub struct Turn(#[allow(dead_code)] OwnedSemaphorePermit);

/// Counts one waiting operation for as long as it lives, so that a waiting
/// request that is cancelled (its client went away) leaves the queue.
struct Waiting<'a>(&'a AtomicUsize);

impl Drop for Waiting<'_> {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::AcqRel);
    }
}

impl Hashing {
    /// At most `permits` (at least 1) operations at once and `queue` waiting.
    pub fn new(permits: usize, queue: usize) -> Self {
        Hashing {
            permits: Arc::new(Semaphore::new(permits.max(1))),
            queue,
            waiting: AtomicUsize::new(0),
            verifications: Arc::new(AtomicU64::new(0)),
        }
    }

    /// One operation per core but one (the last core keeps answering the
    /// other requests), at least one; twice as many waiting.
    pub fn for_this_machine() -> Self {
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        let permits = cores.saturating_sub(1).max(1);
        Hashing::new(permits, 2 * permits)
    }

    /// How many password verifications have run (each real argon2 check,
    /// including the decoy check for an unknown account).
    pub fn verifications(&self) -> u64 {
        self.verifications.load(Ordering::Relaxed)
    }

    /// Refuses with [`AppError::Busy`] when a turn would be refused now (every
    /// permit taken, the queue full): lets a sign-in answer "busy" before it
    /// reads the database. Only a hint; [`Hashing::turn`] decides.
    pub fn refuse_when_full(&self) -> Result<(), AppError> {
        let full =
            self.permits.available_permits() == 0 && self.waiting.load(Ordering::Acquire) >= self.queue;
        if full { Err(AppError::Busy) } else { Ok(()) }
    }

    /// Waits for a turn, or refuses with [`AppError::Busy`] at once when the
    /// queue is already full.
    pub async fn turn(&self) -> Result<Turn, AppError> {
        if let Ok(permit) = Arc::clone(&self.permits).try_acquire_owned() {
            return Ok(Turn(permit));
        }
        self.waiting
            .fetch_update(Ordering::AcqRel, Ordering::Acquire, |waiting| {
                (waiting < self.queue).then_some(waiting + 1)
            })
            .map_err(|_| AppError::Busy)?;
        let _waiting = Waiting(&self.waiting);
        let permit = Arc::clone(&self.permits).acquire_owned().await.map_err(|_| {
            tracing::error!("the hashing budget was closed");
            AppError::Unavailable
        })?;
        Ok(Turn(permit))
    }
}

/// Runs `work` on a blocking thread once a turn is given. The turn moves
/// into the thread, so it is held until the work ends even when the request
/// that asked is cancelled: memory stays bounded whatever arrives.
async fn run<T: Send + 'static>(
    hashing: &Hashing,
    what: &'static str,
    work: impl FnOnce() -> T + Send + 'static,
) -> Result<T, AppError> {
    let turn = hashing.turn().await?;
    let (answer_to, answer) = tokio::sync::oneshot::channel();
    // A thread of its own (at most one per turn), at a lower scheduling
    // priority: answering other requests comes before checking passwords.
    std::thread::Builder::new()
        .name("argon2".into())
        .spawn(move || {
            crate::auth::thread_priority::lower_this_thread();
            let answer = work();
            drop(turn);
            let _ = answer_to.send(answer);
        })
        .map_err(|error| {
            tracing::error!(%error, what, "could not start a password hashing thread");
            AppError::Unavailable
        })?;
    answer.await.map_err(|_| {
        tracing::error!(what, "password hashing thread failed");
        AppError::Unavailable
    })
}

pub async fn hash(hashing: &Hashing, password: String) -> Result<String, AppError> {
    run(hashing, "hash", move || hash_now(&password)).await
}

/// Does `password` match `stored`? With `stored = None`, checks against the
/// decoy hash and answers no: a real argon2 check either way, so an unknown
/// account takes as long as a wrong password.
pub async fn verify(hashing: &Hashing, password: String, stored: Option<String>) -> Result<bool, AppError> {
    let verifications = Arc::clone(&hashing.verifications);
    run(hashing, "verify", move || {
        verifications.fetch_add(1, Ordering::Relaxed);
        let known = stored.is_some();
        let hash = stored.unwrap_or_else(|| DECOY_HASH.clone());
        // Computed before looking at `known`, never short-circuited.
        let matches = hasher()
            .verify_password(password.as_bytes(), hash.as_str())
            .is_ok();
        known & matches
    })
    .await
}

#[cfg(test)]
mod tests {
    use std::future::Future;
    use std::pin::pin;
    use std::task::{Context, Poll, Waker};

    use super::*;

    fn poll_once<F: Future>(future: std::pin::Pin<&mut F>) -> Poll<F::Output> {
        future.poll(&mut Context::from_waker(Waker::noop()))
    }

    #[tokio::test]
    async fn a_hash_verifies_its_own_password_and_no_other() {
        let hashing = Hashing::new(1, 2);
        let stored = hash(&hashing, "correct horse battery".into()).await.unwrap();
        assert!(stored.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"));
        assert!(
            verify(&hashing, "correct horse battery".into(), Some(stored.clone()))
                .await
                .unwrap()
        );
        assert!(
            !verify(&hashing, "correct horse battery!".into(), Some(stored))
                .await
                .unwrap()
        );
        assert_eq!(hashing.verifications(), 2);
    }

    #[tokio::test]
    async fn an_unknown_account_never_verifies_but_is_still_checked() {
        let hashing = Hashing::new(1, 0);
        assert!(
            !verify(&hashing, "decoy password nobody has".into(), None)
                .await
                .unwrap()
        );
        assert_eq!(hashing.verifications(), 1, "the decoy hash was checked");
    }

    #[tokio::test]
    async fn beyond_the_running_one_and_the_queue_the_answer_is_busy_at_once() {
        let hashing = Hashing::new(1, 1);
        let running = hashing.turn().await.expect("the one permit is free");

        let mut waiting = pin!(hashing.turn());
        assert!(
            poll_once(waiting.as_mut()).is_pending(),
            "the second waits in the queue"
        );

        let third = verify(&hashing, "a password".into(), None).await;
        assert_eq!(third, Err(AppError::Busy));
        assert_eq!(hashing.verifications(), 0, "a refused verification is not run");

        drop(running);
        let second = waiting.await.expect("the waiting one gets the freed permit");
        drop(second);
        assert!(!verify(&hashing, "a password".into(), None).await.unwrap());
        assert_eq!(hashing.verifications(), 1);
    }

    #[tokio::test]
    async fn a_full_budget_is_refused_before_any_work() {
        let hashing = Hashing::new(1, 1);
        assert_eq!(hashing.refuse_when_full(), Ok(()));
        let running = hashing.turn().await.unwrap();
        assert_eq!(hashing.refuse_when_full(), Ok(()), "one may still wait");
        let mut waiting = pin!(hashing.turn());
        assert!(poll_once(waiting.as_mut()).is_pending());
        assert_eq!(hashing.refuse_when_full(), Err(AppError::Busy));
        drop(running);
        waiting.await.unwrap();
        assert_eq!(hashing.refuse_when_full(), Ok(()));
    }

    #[tokio::test]
    async fn a_cancelled_wait_leaves_the_queue() {
        let hashing = Hashing::new(1, 1);
        let running = hashing.turn().await.unwrap();
        {
            let mut waiting = pin!(hashing.turn());
            assert!(poll_once(waiting.as_mut()).is_pending());
        }
        let mut again = pin!(hashing.turn());
        assert!(poll_once(again.as_mut()).is_pending(), "queued, not refused");
        drop(running);
        again.await.unwrap();
    }

    #[test]
    fn this_machine_keeps_a_core_free_and_always_has_one_permit() {
        let hashing = Hashing::for_this_machine();
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        let permits = hashing.permits.available_permits();
        assert_eq!(permits, cores.saturating_sub(1).max(1));
        assert_eq!(hashing.queue, 2 * permits);
    }
}
