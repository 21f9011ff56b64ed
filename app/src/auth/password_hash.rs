//! Password hashing with argon2id at OWASP's parameters (19 MiB, 2 passes,
//! 1 lane), always on a blocking thread so sign-ins never stall other requests.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, LazyLock};

use argon2::password_hash::{PasswordHasher, PasswordVerifier};
use argon2::{Algorithm, Argon2, Params, Version};

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

pub async fn hash(password: String) -> Result<String, AppError> {
    tokio::task::spawn_blocking(move || hash_now(&password))
        .await
        .map_err(|error| {
            tracing::error!(%error, "password hashing task failed");
            AppError::Unavailable
        })
}

/// The server's hashing work, shared by every request (`AppState::hashing`):
/// counts the verifications done, so tests can see how many guesses were
/// checked.
#[derive(Debug, Default)]
pub struct Hashing {
    verifications: AtomicU64,
}

impl Hashing {
    /// How many password or answer verifications have run.
    pub fn verifications(&self) -> u64 {
        self.verifications.load(Ordering::Relaxed)
    }
}

/// Does `password` match `stored`? With `stored = None`, checks against the
/// decoy hash and answers no: the same work, not merely the same time.
pub async fn verify(
    hashing: &Arc<Hashing>,
    password: String,
    stored: Option<String>,
) -> Result<bool, AppError> {
    let hashing = Arc::clone(hashing);
    tokio::task::spawn_blocking(move || {
        hashing.verifications.fetch_add(1, Ordering::Relaxed);
        let known = stored.is_some();
        let hash = stored.unwrap_or_else(|| DECOY_HASH.clone());
        let matches = hasher()
            .verify_password(password.as_bytes(), hash.as_str())
            .is_ok();
        known && matches
    })
    .await
    .map_err(|error| {
        tracing::error!(%error, "password verification task failed");
        AppError::Unavailable
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_hash_verifies_its_own_password_and_no_other() {
        let hashing = Arc::new(Hashing::default());
        let stored = hash("correct horse battery".into()).await.unwrap();
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
    async fn an_unknown_account_never_verifies() {
        let hashing = Arc::new(Hashing::default());
        assert!(
            !verify(&hashing, "decoy password nobody has".into(), None)
                .await
                .unwrap()
        );
        assert_eq!(hashing.verifications(), 1, "the decoy hash was really checked");
    }
}
