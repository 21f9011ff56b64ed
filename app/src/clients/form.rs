//! The checks on the intake form and on edited client details: each bad
//! field gets its own message, and nothing is written.

use policy::Timestamp;
use time::OffsetDateTime;
use time::macros::format_description;

use crate::clients::ClientForm;
use crate::error::{AppError, FieldError};

pub const NAME_MAX_CHARS: usize = 100;
pub const IDENTIFIER_MAX_CHARS: usize = 50;

/// A checked form: names and identifier trimmed, the date of birth a real
/// date that is not in the future, or `None`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckedClient {
    pub first_name: String,
    pub last_name: String,
    pub date_of_birth: Option<String>,
    pub identifier: String,
}

fn name(field: &str, label: &str, value: &str, fields: &mut Vec<FieldError>) -> String {
    let value = value.trim();
    if value.is_empty() {
        fields.push(FieldError::new(field, format!("Enter the client's {label}.")));
    } else if value.chars().count() > NAME_MAX_CHARS {
        fields.push(FieldError::new(
            field,
            format!("The {label} can be at most {NAME_MAX_CHARS} characters."),
        ));
    }
    value.to_owned()
}

fn date_of_birth(value: &str, now: Timestamp, fields: &mut Vec<FieldError>) -> Option<String> {
    let value = value.trim();
    if value.is_empty() {
        return None;
    }
    let format = format_description!("[year]-[month]-[day]");
    let today = OffsetDateTime::from_unix_timestamp(now.0).map(OffsetDateTime::date);
    match time::Date::parse(value, &format) {
        Err(_) => fields.push(FieldError::new(
            "date_of_birth",
            "Enter the date of birth as a real date, such as 2015-03-09.",
        )),
        Ok(date) if today.is_ok_and(|today| date > today) => fields.push(FieldError::new(
            "date_of_birth",
            "The date of birth cannot be in the future.",
        )),
        Ok(date) if date.year() < 1900 => fields.push(FieldError::new(
            "date_of_birth",
            "The date of birth cannot be before 1900.",
        )),
        Ok(_) => {}
    }
    Some(value.to_owned())
}

/// Checks the form at `now` (for "not in the future").
pub fn check(form: &ClientForm, now: Timestamp) -> Result<CheckedClient, AppError> {
    let mut fields = Vec::new();
    let first_name = name("first_name", "first name", &form.first_name, &mut fields);
    let last_name = name("last_name", "last name", &form.last_name, &mut fields);
    let date_of_birth = date_of_birth(&form.date_of_birth, now, &mut fields);
    let identifier = form.identifier.trim().to_owned();
    if identifier.chars().count() > IDENTIFIER_MAX_CHARS {
        fields.push(FieldError::new(
            "identifier",
            format!("The identifier can be at most {IDENTIFIER_MAX_CHARS} characters."),
        ));
    }
    if fields.is_empty() {
        Ok(CheckedClient {
            first_name,
            last_name,
            date_of_birth,
            identifier,
        })
    } else {
        Err(AppError::invalid(fields))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// 2026-11-25 00:00 UTC.
    const NOW: Timestamp = Timestamp(1_795_564_800);

    fn form(first: &str, last: &str, born: &str, identifier: &str) -> ClientForm {
        ClientForm {
            first_name: first.into(),
            last_name: last.into(),
            date_of_birth: born.into(),
            identifier: identifier.into(),
        }
    }

    #[test]
    fn a_good_form_is_trimmed() {
        let checked = check(&form(" Aroha ", "Ngata ", "2015-03-09", " RCAC-1 "), NOW).unwrap();
        assert_eq!(
            checked,
            CheckedClient {
                first_name: "Aroha".into(),
                last_name: "Ngata".into(),
                date_of_birth: Some("2015-03-09".into()),
                identifier: "RCAC-1".into(),
            }
        );
        assert_eq!(check(&form("A", "B", " ", ""), NOW).unwrap().date_of_birth, None);
    }

    #[test]
    fn each_bad_field_has_its_own_message() {
        let error = check(&form(" ", "", "2015-02-30", &"x".repeat(51)), NOW).unwrap_err();
        assert_eq!(
            error.field("first_name").as_deref(),
            Some("Enter the client's first name.")
        );
        assert_eq!(
            error.field("last_name").as_deref(),
            Some("Enter the client's last name.")
        );
        assert!(error.field("date_of_birth").unwrap().contains("real date"));
        assert!(error.field("identifier").unwrap().contains("at most 50"));
    }

    #[test]
    fn a_date_of_birth_is_not_in_the_future_nor_before_1900() {
        let future = check(&form("A", "B", "2026-11-26", ""), NOW).unwrap_err();
        assert!(future.field("date_of_birth").unwrap().contains("future"));
        assert!(check(&form("A", "B", "2026-11-25", ""), NOW).is_ok());
        let old = check(&form("A", "B", "1899-12-31", ""), NOW).unwrap_err();
        assert!(old.field("date_of_birth").unwrap().contains("1900"));
    }
}
