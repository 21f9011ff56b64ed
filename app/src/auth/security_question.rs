//! The security question (issue 4): each person sets a question and answer;
//! the answer is stored only as an argon2 hash of its trimmed, lower-cased
//! form. With it, a forgotten password can be replaced from the sign-in page
//! while the site settings allow it, rate limited with sign-in itself.

use policy::{PersonnelId, PersonnelStatus, Timestamp};
use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::audit::{self, Entry};
use crate::auth::sign_in::{normalize_email, record_failure, refuse_while_locked};
use crate::auth::{password_hash, session};
use crate::error::{AppError, FieldError};
use crate::password_rules::check_password;
use crate::state::AppState;
use crate::stored_code::{Column, StoredCode};

const WRONG_ANSWER: &str = "The e-mail address or answer is not correct.";

/// Shown for an e-mail without an account or without a question, so that
/// the sign-in page never tells whether an account exists.
const DECOY_QUESTIONS: [&str; 6] = [
    "What was the name of your first pet?",
    "In which town did you go to primary school?",
    "What was the make of your first car?",
    "What is the name of the street you grew up on?",
    "What was your childhood nickname?",
    "What is your oldest cousin's first name?",
];

/// The form an answer is compared in: trimmed, lower-cased.
pub fn normalize_answer(answer: &str) -> String {
    answer.trim().to_lowercase()
}

#[derive(Serialize)]
struct QuestionEntry<'a> {
    security_question: &'a str,
}

/// Sets the signed-in person's question and answer; the current password is
/// required.
pub async fn set(
    state: &AppState,
    id: PersonnelId,
    question: &str,
    answer: &str,
    current_password: &str,
) -> Result<(), AppError> {
    let question = question.trim();
    let mut problems = Vec::new();
    if !(5..=200).contains(&question.chars().count()) {
        problems.push(FieldError::new(
            "question",
            "Write a question of 5 to 200 characters.",
        ));
    }
    if normalize_answer(answer).chars().count() < 3 {
        problems.push(FieldError::new(
            "answer",
            "Write an answer of at least 3 characters.",
        ));
    }
    let (stored, before): (String, Option<String>) =
        sqlx::query_as("SELECT password_hash, security_question FROM personnel WHERE id = $1")
            .bind(id.0)
            .fetch_one(&state.pool)
            .await?;
    if !password_hash::verify(current_password.to_owned(), Some(stored)).await? {
        problems.push(FieldError::new(
            "current_password",
            "The current password is not correct.",
        ));
    }
    if !problems.is_empty() {
        return Err(AppError::invalid(problems));
    }
    let hash = password_hash::hash(normalize_answer(answer)).await?;
    let now = state.clock.now();
    let mut tx = state.pool.begin().await?;
    sqlx::query("UPDATE personnel SET security_question = $1, security_answer_hash = $2 WHERE id = $3")
        .bind(question)
        .bind(hash)
        .bind(id.0)
        .execute(&mut *tx)
        .await?;
    audit::record(
        &mut tx,
        Entry {
            actor: Some(id),
            at: now,
            action: "personnel.security_question",
            entity: "personnel",
            entity_id: id.0,
            before: before
                .as_deref()
                .map(|q| QuestionEntry { security_question: q })
                .as_ref(),
            after: Some(&QuestionEntry {
                security_question: question,
            }),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// The person's own question, if set.
pub async fn own_question(state: &AppState, id: PersonnelId) -> Result<Option<String>, AppError> {
    let (question,): (Option<String>,) =
        sqlx::query_as("SELECT security_question FROM personnel WHERE id = $1")
            .bind(id.0)
            .fetch_one(&state.pool)
            .await?;
    Ok(question)
}

/// Whether the site settings allow password recovery.
pub async fn recovery_enabled(state: &AppState) -> Result<bool, AppError> {
    let (enabled,): (bool,) = sqlx::query_as("SELECT password_recovery FROM site_settings WHERE id = 1")
        .fetch_one(&state.pool)
        .await?;
    Ok(enabled)
}

fn switched_off() -> AppError {
    AppError::forbidden("Password recovery is switched off. Ask your administrator to reset your password.")
}

/// The question to ask for `email`: the account's own, or a decoy chosen
/// from the e-mail so that the same e-mail always gets the same one.
pub async fn question_for(state: &AppState, email: &str) -> Result<String, AppError> {
    if !recovery_enabled(state).await? {
        return Err(switched_off());
    }
    let email = normalize_email(email);
    let found: Option<(Option<String>,)> =
        sqlx::query_as("SELECT security_question FROM personnel WHERE email = $1")
            .bind(&email)
            .fetch_optional(&state.pool)
            .await?;
    Ok(match found.and_then(|(q,)| q) {
        Some(question) => question,
        None => {
            let pick = Sha256::digest(email.as_bytes())[0] as usize % DECOY_QUESTIONS.len();
            DECOY_QUESTIONS[pick].to_owned()
        }
    })
}

pub struct Recovery {
    pub email: String,
    pub answer: String,
    pub new_password: String,
    pub confirm_password: String,
}

#[derive(sqlx::FromRow)]
struct Candidate {
    id: i64,
    name: String,
    status: String,
    security_answer_hash: Option<String>,
    sign_in_locked_until: Option<i64>,
}

#[derive(Serialize)]
struct RecoveryEntry {
    password_recovered: bool,
}

/// Replaces a forgotten password after a right answer. A wrong answer and an
/// unknown e-mail get the same message; wrong answers count towards the
/// sign-in lockout; only Active accounts recover; the account's sessions end.
pub async fn recover(state: &AppState, recovery: Recovery) -> Result<(), AppError> {
    if !recovery_enabled(state).await? {
        return Err(switched_off());
    }
    let email = normalize_email(&recovery.email);
    let now: Timestamp = state.clock.now();
    let candidate: Option<Candidate> = sqlx::query_as(
        "SELECT id, name, status, security_answer_hash, sign_in_locked_until FROM personnel WHERE email = $1",
    )
    .bind(&email)
    .fetch_optional(&state.pool)
    .await?;
    refuse_while_locked(candidate.as_ref().and_then(|c| c.sign_in_locked_until), now)?;
    let stored = candidate.as_ref().and_then(|c| c.security_answer_hash.clone());
    let right = password_hash::verify(normalize_answer(&recovery.answer), stored).await?;
    let Some(candidate) = candidate else {
        return Err(AppError::Unauthenticated {
            message: WRONG_ANSWER.into(),
        });
    };
    let id = PersonnelId(candidate.id);
    if !right {
        return Err(record_failure(state, id, now, WRONG_ANSWER).await?);
    }
    let status = PersonnelStatus::decode(&candidate.status, Column::new("personnel", "status"))?;
    policy::may_sign_in(status)?;

    let mut problems = Vec::new();
    if let Err(problem) = check_password(&recovery.new_password, &candidate.name, &email) {
        problems.push(FieldError::new("new_password", problem.to_string()));
    }
    if recovery.confirm_password != recovery.new_password {
        problems.push(FieldError::new(
            "confirm_password",
            "The two new passwords are not the same.",
        ));
    }
    if !problems.is_empty() {
        return Err(AppError::invalid(problems));
    }
    let hash = password_hash::hash(recovery.new_password).await?;
    let mut tx = state.pool.begin().await?;
    sqlx::query(
        "UPDATE personnel SET password_hash = $1, must_change_password = FALSE, sign_in_locked_until = NULL \
         WHERE id = $2",
    )
    .bind(hash)
    .bind(id.0)
    .execute(&mut *tx)
    .await?;
    sqlx::query("DELETE FROM sign_in_failures WHERE personnel_id = $1")
        .bind(id.0)
        .execute(&mut *tx)
        .await?;
    session::end_all_for(&mut *tx, id, None).await?;
    audit::record(
        &mut tx,
        Entry::<(), _> {
            actor: Some(id),
            at: now,
            action: "personnel.password_recovered",
            entity: "personnel",
            entity_id: id.0,
            before: None,
            after: Some(&RecoveryEntry {
                password_recovered: true,
            }),
        },
    )
    .await?;
    tx.commit().await?;
    tracing::info!(personnel = id.0, "recovered password by security question");
    Ok(())
}
