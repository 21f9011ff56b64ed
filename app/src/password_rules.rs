//! The password rules (NIST SP 800-63B): long enough, not too long, and not
//! made of the person's own name or e-mail. No composition rules. Pure, so the
//! same check runs on the server (which decides) and in the form (which
//! explains early).

pub const MIN_LENGTH: usize = 12;
pub const MAX_LENGTH: usize = 128;

/// Why a proposed password is refused, as the form shows it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PasswordProblem {
    #[error("Use at least {MIN_LENGTH} characters.")]
    TooShort,
    #[error("Use at most {MAX_LENGTH} characters.")]
    TooLong,
    #[error("Don't use your name or e-mail address in your password.")]
    ContainsPersonalDetail,
}

/// Checks a proposed password for the person with this name and e-mail.
pub fn check_password(password: &str, name: &str, email: &str) -> Result<(), PasswordProblem> {
    let length = password.chars().count();
    if length < MIN_LENGTH {
        return Err(PasswordProblem::TooShort);
    }
    if length > MAX_LENGTH {
        return Err(PasswordProblem::TooLong);
    }
    let lowered = password.to_lowercase();
    let local_part = email.split('@').next().unwrap_or_default();
    let personal = name.split_whitespace().chain(std::iter::once(local_part));
    if personal
        .map(str::to_lowercase)
        .any(|part| part.chars().count() >= 3 && lowered.contains(&part))
    {
        return Err(PasswordProblem::ContainsPersonalDetail);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn eleven_characters_are_too_short_and_twelve_are_enough() {
        assert_eq!(
            check_password("abcdefghijk", "Ana Lee", "ana@x.org"),
            Err(PasswordProblem::TooShort)
        );
        assert_eq!(check_password("quiet harbor", "Ana Lee", "ana@x.org"), Ok(()));
    }

    #[test]
    fn length_counts_characters_not_bytes() {
        assert_eq!(
            check_password("ééééééééééé", "Ana Lee", "ana@x.org"),
            Err(PasswordProblem::TooShort)
        );
    }

    #[test]
    fn more_than_128_characters_are_refused() {
        assert_eq!(
            check_password(&"k".repeat(129), "Ana Lee", "ana@x.org"),
            Err(PasswordProblem::TooLong)
        );
        assert_eq!(check_password(&"k".repeat(128), "Ana Lee", "ana@x.org"), Ok(()));
    }

    #[test]
    fn a_password_with_the_name_or_email_is_refused_whatever_the_case() {
        let problem = Err(PasswordProblem::ContainsPersonalDetail);
        assert_eq!(
            check_password("MARGARET-river-7", "Margaret Hale", "mh@x.org"),
            problem
        );
        assert_eq!(
            check_password("mhale2026 spring", "Margaret Hale", "mhale2026@x.org"),
            problem
        );
    }
}
