//! Names of teams, roles and organizations: trimmed, not empty, not too
//! long, and unique without regard to case.

use crate::error::AppError;

pub const MAX_NAME_CHARS: usize = 100;

/// The trimmed name, or a message at the `name` field.
pub fn checked_name(name: &str) -> Result<String, AppError> {
    let name = name.trim();
    if name.is_empty() {
        return Err(AppError::invalid_field("name", "Enter a name."));
    }
    if name.chars().count() > MAX_NAME_CHARS {
        return Err(AppError::invalid_field(
            "name",
            format!("Use at most {MAX_NAME_CHARS} characters."),
        ));
    }
    Ok(name.to_owned())
}

/// Refuses a name that another row (not `except`) already has, ignoring
/// case. `count_sql` counts rows with `LOWER(name) = LOWER($1) AND id <> $2`.
#[cfg(feature = "ssr")]
pub async fn ensure_name_free(
    tx: &mut crate::accounts::Transaction<'_>,
    count_sql: &'static str,
    name: &str,
    except: Option<i64>,
    what: &str,
) -> Result<(), AppError> {
    let (count,): (i64,) = sqlx::query_as(count_sql)
        .bind(name)
        .bind(except.unwrap_or(0))
        .fetch_one(&mut **tx)
        .await?;
    if count > 0 {
        return Err(AppError::invalid_field(
            "name",
            format!("There is already {what} called “{name}”."),
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_trimmed_and_must_not_be_empty_or_too_long() {
        assert_eq!(checked_name("  Intake  ").unwrap(), "Intake");
        assert_eq!(
            checked_name("   ").unwrap_err().field("name").unwrap(),
            "Enter a name."
        );
        assert!(checked_name(&"x".repeat(MAX_NAME_CHARS + 1)).is_err());
    }
}
