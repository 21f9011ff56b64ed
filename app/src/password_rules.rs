//! The password rules (NIST SP 800-63B): long enough, not too long, not on
//! the shipped list of common and breached passwords, and not made of the
//! person's own name or e-mail. No composition rules. Pure. The list
//! (`app/data/common-passwords.txt`, 30,000 entries) is checked on the
//! server only, so that the browser's WASM does not carry it; the server
//! decides and its answer names the rule that failed.

pub const MIN_LENGTH: usize = 12;
pub const MAX_LENGTH: usize = 128;

/// Why a proposed password is refused, as the form shows it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PasswordProblem {
    #[error("Use at least {MIN_LENGTH} characters.")]
    TooShort,
    #[error("Use at most {MAX_LENGTH} characters.")]
    TooLong,
    #[error("This password is on a list of common or breached passwords. Choose another.")]
    Common,
    #[error("Don't use your name or e-mail address in your password.")]
    ContainsPersonalDetail,
}

/// The shipped list, one password per line, `#` comments.
#[cfg(feature = "ssr")]
static COMMON_PASSWORDS: std::sync::LazyLock<std::collections::HashSet<&'static str>> =
    std::sync::LazyLock::new(|| {
        include_str!("../data/common-passwords.txt")
            .lines()
            .map(str::trim)
            .filter(|line| !line.is_empty() && !line.starts_with('#'))
            .collect()
    });

/// Is this password, trimmed and lower-cased, on the shipped list?
#[cfg(feature = "ssr")]
pub fn is_common(password: &str) -> bool {
    COMMON_PASSWORDS.contains(password.trim().to_lowercase().as_str())
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
    #[cfg(feature = "ssr")]
    if is_common(password) {
        return Err(PasswordProblem::Common);
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

    #[cfg(feature = "ssr")]
    #[test]
    fn a_password_on_the_common_list_is_refused_whatever_its_case() {
        for listed in ["1qaz2wsx3edc", "qwerty123456", " QWERTY123456 "] {
            assert_eq!(
                check_password(listed, "Ana Lee", "ana@x.org"),
                Err(PasswordProblem::Common),
                "{listed}"
            );
        }
        assert_eq!(
            check_password("orchard ladder breeze", "Ana Lee", "ana@x.org"),
            Ok(())
        );
    }

    #[cfg(feature = "ssr")]
    #[test]
    fn the_shipped_list_has_at_least_ten_thousand_entries() {
        assert!(COMMON_PASSWORDS.len() >= 10_000, "{}", COMMON_PASSWORDS.len());
        assert!(is_common("password") && is_common("123456"));
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
