//! The password rules (NIST SP 800-63B): long enough, not too long, not on
//! the shipped lists of common and breached passwords, not made of the
//! person's own name or e-mail, and hard enough to guess by zxcvbn's
//! estimate, given the person's name, e-mail and organization. No
//! composition rules. Pure. The lists (`app/data/common-passwords.txt`,
//! 30,000 entries, and `app/data/breached-12plus.txt`, 12,050 entries of 12
//! characters or more) and zxcvbn run on the server only, so that the
//! browser's WASM carries neither; the server decides and its answer names
//! the rule that failed.

pub const MIN_LENGTH: usize = 12;
pub const MAX_LENGTH: usize = 128;

/// zxcvbn's score (0 to 4) a password needs: 3 means about 10^10 guesses.
pub const MIN_SCORE: u8 = 3;

/// How many characters of a password zxcvbn is given. Its work grows faster
/// than the length (it matches every substring against its dictionaries and
/// patterns), and password recovery runs it before the attempt is counted,
/// for anyone, on up to [`MAX_LENGTH`] characters: the first 64 keep that
/// cheap. A password whose first 64 characters are easy to guess is refused
/// whatever follows; 64 characters that are not score well past
/// [`MIN_SCORE`].
pub const ZXCVBN_LENGTH: usize = 64;

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
    /// zxcvbn's score is below [`MIN_SCORE`]; holds its warning and
    /// suggestions.
    #[error("This password is too easy to guess. {0}")]
    EasyToGuess(String),
}

/// Whose password it is: what it must not be made of.
#[derive(Debug, Clone, Copy)]
pub struct PasswordOwner<'a> {
    pub name: &'a str,
    pub email: &'a str,
    /// The name of the person's organization.
    pub organization: &'a str,
}

/// The shipped lists, one password per line, `# ` comments (a breached
/// password may itself begin with `#`).
#[cfg(feature = "ssr")]
static COMMON_PASSWORDS: std::sync::LazyLock<std::collections::HashSet<&'static str>> =
    std::sync::LazyLock::new(|| {
        [
            include_str!("../data/common-passwords.txt"),
            include_str!("../data/breached-12plus.txt"),
        ]
        .into_iter()
        .flat_map(str::lines)
        .map(str::trim)
        .filter(|line| !line.is_empty() && !line.starts_with("# "))
        .collect()
    });

/// Is this password, trimmed and lower-cased, on the shipped lists?
#[cfg(feature = "ssr")]
pub fn is_common(password: &str) -> bool {
    COMMON_PASSWORDS.contains(password.trim().to_lowercase().as_str())
}

/// The words zxcvbn treats as known to an attacker: the name, the e-mail,
/// its local part, and the organization's name, whole and word by word.
#[cfg(feature = "ssr")]
fn guessable_inputs(owner: PasswordOwner<'_>) -> Vec<&str> {
    let local_part = owner.email.split('@').next().unwrap_or_default();
    let mut inputs = vec![
        owner.name.trim(),
        owner.email.trim(),
        local_part,
        owner.organization.trim(),
    ];
    for text in [owner.name, local_part, owner.organization] {
        inputs.extend(
            text.split(|c: char| !c.is_alphanumeric())
                .filter(|word| !word.is_empty()),
        );
    }
    inputs
}

/// zxcvbn's verdict: `Some(feedback)` when the password scores below
/// [`MIN_SCORE`].
#[cfg(feature = "ssr")]
fn easy_to_guess(password: &str, owner: PasswordOwner<'_>) -> Option<String> {
    let judged = match password.char_indices().nth(ZXCVBN_LENGTH) {
        Some((end, _)) => &password[..end],
        None => password,
    };
    let estimate = zxcvbn::zxcvbn(judged, &guessable_inputs(owner));
    if u8::from(estimate.score()) >= MIN_SCORE {
        return None;
    }
    let feedback = estimate
        .feedback()
        .map(ToString::to_string)
        .filter(|text| !text.trim().is_empty())
        .unwrap_or_else(|| "Add another word or two. Uncommon words are better.".into());
    Some(feedback.trim().to_string())
}

/// Checks a proposed password for its owner. Without the `ssr` feature (in
/// the browser) only the length and personal-detail rules run.
pub fn check_password(password: &str, owner: PasswordOwner<'_>) -> Result<(), PasswordProblem> {
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
    let local_part = owner.email.split('@').next().unwrap_or_default();
    let personal = owner.name.split_whitespace().chain(std::iter::once(local_part));
    if personal
        .map(str::to_lowercase)
        .any(|part| part.chars().count() >= 3 && lowered.contains(&part))
    {
        return Err(PasswordProblem::ContainsPersonalDetail);
    }
    #[cfg(feature = "ssr")]
    if let Some(feedback) = easy_to_guess(password, owner) {
        return Err(PasswordProblem::EasyToGuess(feedback));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The demo organization (`crate::demo::DEMO_ORGANIZATION`, which exists
    /// only with `ssr`).
    const RIVERSIDE: &str = "Riverside Child Advocacy Centre";

    fn ana() -> PasswordOwner<'static> {
        PasswordOwner {
            name: "Ana Lee",
            email: "ana@x.org",
            organization: RIVERSIDE,
        }
    }

    #[test]
    fn eleven_characters_are_too_short_and_twelve_are_enough() {
        assert_eq!(
            check_password("abcdefghijk", ana()),
            Err(PasswordProblem::TooShort)
        );
        assert_eq!(check_password("kettle fjord", ana()), Ok(()));
    }

    #[test]
    fn length_counts_characters_not_bytes() {
        assert_eq!(
            check_password("ééééééééééé", ana()),
            Err(PasswordProblem::TooShort)
        );
    }

    #[test]
    fn more_than_128_characters_are_refused() {
        let phrase = "orchard ladder breeze mauve tugboat elbow ".repeat(3);
        assert_eq!(
            check_password(&format!("{phrase}{}", "k".repeat(129 - phrase.len())), ana()),
            Err(PasswordProblem::TooLong)
        );
        assert_eq!(
            check_password(&format!("{phrase}{}", "k".repeat(128 - phrase.len())), ana()),
            Ok(())
        );
    }

    #[test]
    fn a_password_with_the_name_or_email_is_refused_whatever_the_case() {
        let margaret = PasswordOwner {
            name: "Margaret Hale",
            email: "mh@x.org",
            organization: RIVERSIDE,
        };
        let problem = Err(PasswordProblem::ContainsPersonalDetail);
        assert_eq!(check_password("MARGARET-river-7", margaret), problem);
        let mhale = PasswordOwner {
            email: "mhale2026@x.org",
            ..margaret
        };
        assert_eq!(check_password("mhale2026 spring", mhale), problem);
    }

    #[test]
    fn a_long_passphrase_of_uncommon_words_is_accepted() {
        assert_eq!(check_password("orchard ladder breeze", ana()), Ok(()));
        assert_eq!(check_password("mauve tugboat elbow", ana()), Ok(()));
    }

    #[cfg(feature = "ssr")]
    #[test]
    fn a_password_on_the_common_list_is_refused_whatever_its_case() {
        for listed in ["1qaz2wsx3edc", "qwerty123456", " QWERTY123456 "] {
            assert_eq!(
                check_password(listed, ana()),
                Err(PasswordProblem::Common),
                "{listed}"
            );
        }
    }

    #[cfg(feature = "ssr")]
    #[test]
    fn a_breached_password_of_twelve_characters_or_more_is_refused() {
        // Both come from the breached list only: the common list has neither.
        for listed in ["liverpool4life", "Alhamdulillah123"] {
            assert_eq!(
                check_password(listed, ana()),
                Err(PasswordProblem::Common),
                "{listed}"
            );
        }
    }

    #[cfg(feature = "ssr")]
    #[test]
    fn the_shipped_lists_hold_at_least_ten_thousand_passwords_of_twelve_characters_or_more() {
        let long = COMMON_PASSWORDS
            .iter()
            .filter(|password| password.chars().count() >= MIN_LENGTH)
            .count();
        assert!(long >= 10_000, "{long}");
        assert!(is_common("password") && is_common("123456"));
        // A breached password that itself begins with `#` is an entry, not a comment.
        assert!(is_common("#imnotahacker69"));
        assert!(!is_common(
            "# Breached passwords of 12 characters or more: every entry of at least 12"
        ));
    }

    #[cfg(feature = "ssr")]
    fn easy_to_guess_message(refusal: Result<(), PasswordProblem>) -> String {
        match refusal {
            Err(problem @ PasswordProblem::EasyToGuess(_)) => problem.to_string(),
            other => panic!("expected \"too easy to guess\", got {other:?}"),
        }
    }

    #[cfg(feature = "ssr")]
    #[test]
    fn password123456_is_refused_with_zxcvbns_feedback() {
        let message = easy_to_guess_message(check_password("Password123456", ana()));
        assert_eq!(
            message,
            "This password is too easy to guess. This is similar to a commonly used password. \
             Add another word or two. Uncommon words are better. Capitalization doesn't help very much."
        );
    }

    #[cfg(feature = "ssr")]
    #[test]
    fn the_organizations_name_and_a_year_are_refused_there_but_not_elsewhere() {
        let message = easy_to_guess_message(check_password("Riverside2026!", ana()));
        assert!(message.contains("Add another word or two."), "{message}");
        let elsewhere = PasswordOwner {
            organization: "Lakeside Family Services",
            ..ana()
        };
        assert_eq!(check_password("Riverside2026!", elsewhere), Ok(()));
        easy_to_guess_message(check_password(RIVERSIDE, ana()));
    }

    #[cfg(feature = "ssr")]
    #[test]
    fn a_password_of_128_characters_is_judged_by_zxcvbn_on_its_first_64() {
        let random = "PtYgjmUh.Bel31iEl2hpChYgCfrL1spNxnyVmihA_2O76UMFxFkM_R5Kjp!1vRt-\
                      1fjORS_6ilI8ihN5KXSc7Tvo_hBKqFYY_kv5ZJr3J1TWDtkwtDDb-xHKas1VOq!g";
        assert_eq!(random.chars().count(), MAX_LENGTH);
        assert_eq!(check_password(random, ana()), Ok(()));
        let repeated = "a".repeat(MAX_LENGTH);
        easy_to_guess_message(check_password(&repeated, ana()));
        // Easy to guess in its first 64 characters: refused whatever follows.
        let easy_start = format!("{}{}", "a".repeat(ZXCVBN_LENGTH), &random[..ZXCVBN_LENGTH]);
        easy_to_guess_message(check_password(&easy_start, ana()));
    }

    #[cfg(feature = "ssr")]
    #[test]
    fn the_email_address_with_digits_is_refused() {
        assert_eq!(
            check_password("ana@x.org2026", ana()),
            Err(PasswordProblem::ContainsPersonalDetail)
        );
        // A local part too short for the name-and-e-mail rule: zxcvbn still
        // knows the whole address.
        let mh = PasswordOwner {
            name: "Margaret Hale",
            email: "mh@riverside.example",
            organization: RIVERSIDE,
        };
        easy_to_guess_message(check_password("mh@riverside.example123", mh));
    }
}
