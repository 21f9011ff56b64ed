//! A sign-in or recovery refused before any password was checked (too many
//! attempts, or the hashing budget full) is answered after a short pause.
//! The answer is still quick for a person, but a client that sends again as
//! soon as it is refused (a storm of sign-ins, a guessing script) gets at
//! most a few answers a second on each connection, so refusing it cannot
//! take the CPU that other people's pages need (`scripts/bench-signin.sh`).

use std::time::Duration;

use crate::error::AppError;

/// How long a refusal waits before it is sent.
pub const REFUSAL_PAUSE: Duration = Duration::from_millis(250);

/// `result`, after [`REFUSAL_PAUSE`] when it is a refusal of that kind.
pub async fn after_refusal<T>(result: Result<T, AppError>) -> Result<T, AppError> {
    if is_paused(&result) {
        tokio::time::sleep(REFUSAL_PAUSE).await;
    }
    result
}

fn is_paused<T>(result: &Result<T, AppError>) -> bool {
    matches!(result, Err(AppError::Busy | AppError::TooManyAttempts { .. }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn busy_and_too_many_attempts_wait_and_other_answers_do_not() {
        let too_many = AppError::TooManyAttempts {
            message: "paused".into(),
        };
        assert!(is_paused::<()>(&Err(AppError::Busy)));
        assert!(is_paused::<()>(&Err(too_many)));
        assert!(!is_paused::<()>(&Err(AppError::unauthenticated())));
        assert!(!is_paused(&Ok(())));
    }
}
