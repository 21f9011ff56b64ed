//! A person changing their own password: the current one is required (and
//! counted like a sign-in, see `current_password`), the new one must follow
//! the password rules, and every other session ends.

use crate::auth::current::Caller;
use crate::auth::{current_password, password_hash, session};
use crate::error::{AppError, FieldError};
use crate::password_rules::{PasswordOwner, check_password};

pub struct PasswordChange {
    pub current_password: String,
    pub new_password: String,
    pub confirm_password: String,
}

/// Changes the caller's password, for a request from `address` (as
/// `client_address` counts it).
#[tracing::instrument(name = "auth::password_change::change_own_password", skip_all, fields(actor = caller.subject.id.0))]
pub async fn change_own_password(
    caller: &Caller,
    change: PasswordChange,
    address: &str,
) -> Result<(), AppError> {
    let pool = &caller.state.pool;
    let mut problems = Vec::new();
    let owner = PasswordOwner {
        name: &caller.me.name,
        email: &caller.me.email,
        organization: &caller.me.organization_name,
    };
    if let Err(problem) = check_password(&change.new_password, owner) {
        problems.push(FieldError::new("new_password", problem.to_string()));
    } else if change.new_password == change.current_password {
        problems.push(FieldError::new(
            "new_password",
            "Choose a password different from the current one.",
        ));
    }
    if change.confirm_password != change.new_password {
        problems.push(FieldError::new(
            "confirm_password",
            "The two new passwords are not the same.",
        ));
    }
    if !current_password::is_right(
        &caller.state,
        caller.subject.id,
        &change.current_password,
        address,
    )
    .await?
    {
        problems.insert(
            0,
            FieldError::new("current_password", "The current password is not correct."),
        );
    }
    if !problems.is_empty() {
        return Err(AppError::invalid(problems));
    }

    let hash = password_hash::hash(&caller.state.hashing, change.new_password).await?;
    let mut tx = pool.begin().await?;
    sqlx::query("UPDATE personnel SET password_hash = $1, must_change_password = FALSE WHERE id = $2")
        .bind(hash)
        .bind(caller.subject.id.0)
        .execute(&mut *tx)
        .await?;
    session::end_all_for(&mut *tx, caller.subject.id, Some(&caller.session)).await?;
    tx.commit().await?;
    tracing::info!(personnel = caller.subject.id.0, "changed own password");
    Ok(())
}
