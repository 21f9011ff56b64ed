//! The security question (spec, "Sign-in and recovery"): each person chooses a question
//! from the fixed list (`crate::security_questions`) and sets an answer,
//! stored only as an argon2 hash of its trimmed, lower-cased form. With it, a
//! forgotten password can be replaced from the sign-in page while the site
//! settings allow it. Recovery shares the attempt counters and limits of
//! sign-in; an e-mail without an account, or an account without a question
//! from the list, is asked a decoy from the same list, chosen by a keyed
//! hash of the e-mail, and gets the same work and answers.

use policy::{OrganizationId, PersonnelId, PersonnelStatus, Timestamp};
use serde::Serialize;

use crate::audit::{self, Entry};
use crate::auth::attempts::Attempt;
use crate::auth::sign_in::normalize_email;
use crate::auth::site_secret::SiteSecret;
use crate::auth::{current_password, password_hash, session};
use crate::error::{AppError, FieldError};
use crate::password_rules::{PasswordOwner, check_password};
use crate::security_questions::{MIN_ANSWER_LENGTH, QUESTIONS, is_offered};
use crate::state::AppState;
use crate::stored_code::{Column, StoredCode};

const WRONG_ANSWER: &str = "The e-mail address or answer is not correct.";

/// The form an answer is compared in: trimmed, lower-cased.
pub fn normalize_answer(answer: &str) -> String {
    answer.trim().to_lowercase()
}

#[derive(Serialize)]
struct QuestionEntry<'a> {
    security_question: &'a str,
}

/// Sets the signed-in person's question and answer, for a request from
/// `address`; the current password is required (and counted like a
/// sign-in, see `current_password`).
#[tracing::instrument(name = "auth::security_question::set", skip_all, fields(personnel = id.0))]
pub async fn set(
    state: &AppState,
    id: PersonnelId,
    question: &str,
    answer: &str,
    current_password: &str,
    address: &str,
) -> Result<(), AppError> {
    let mut problems = Vec::new();
    if !is_offered(question) {
        problems.push(FieldError::new("question", "Choose a question from the list."));
    }
    if normalize_answer(answer).chars().count() < MIN_ANSWER_LENGTH {
        problems.push(FieldError::new(
            "answer",
            format!("Write an answer of at least {MIN_ANSWER_LENGTH} characters."),
        ));
    }
    if !current_password::is_right(state, id, current_password, address).await? {
        problems.push(FieldError::new(
            "current_password",
            "The current password is not correct.",
        ));
    }
    if !problems.is_empty() {
        return Err(AppError::invalid(problems));
    }
    let hash = password_hash::hash(&state.hashing, normalize_answer(answer)).await?;
    let now = state.clock.now();
    let mut tx = state.pool.begin().await?;
    let (before,): (Option<String>,) =
        sqlx::query_as("SELECT security_question FROM personnel WHERE id = $1")
            .bind(id.0)
            .fetch_one(&mut *tx)
            .await?;
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

/// The person's own question, if set (possibly one no longer on the list).
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
    let (crate::store::Flag(enabled),): (crate::store::Flag,) =
        sqlx::query_as("SELECT password_recovery FROM site_settings WHERE id = 1")
            .fetch_one(&state.pool)
            .await?;
    Ok(enabled)
}

fn switched_off() -> AppError {
    AppError::forbidden(crate::error::Refusal::RecoveryOff)
}

/// The decoy question of a normalized e-mail: from the list, by a keyed
/// hash, so it is stable per e-mail and cannot be told from a real one.
pub fn decoy_question(secret: &SiteSecret, email: &str) -> &'static str {
    let digest = secret.keyed_hash("decoy security question", email);
    let pick = u64::from_be_bytes(digest[..8].try_into().expect("eight bytes"));
    QUESTIONS[(pick % QUESTIONS.len() as u64) as usize]
}

/// The account's question for recovery, when it is one from the list.
fn usable(question: Option<String>) -> Option<String> {
    question.filter(|q| is_offered(q))
}

/// The question to ask for `email`: the account's own when it is on the
/// list, otherwise the e-mail's decoy. The decoy is worked out for every
/// e-mail (the same queries and work whichever answer is given), so the
/// time taken tells nothing of the account.
#[tracing::instrument(name = "auth::security_question::question_for", skip_all)]
pub async fn question_for(state: &AppState, email: &str) -> Result<String, AppError> {
    if !recovery_enabled(state).await? {
        return Err(switched_off());
    }
    let email = normalize_email(email);
    let secret = SiteSecret::load(&state.pool).await?;
    let decoy = decoy_question(&secret, &email);
    let found: Option<(Option<String>,)> =
        sqlx::query_as("SELECT security_question FROM personnel WHERE email = $1")
            .bind(&email)
            .fetch_optional(&state.pool)
            .await?;
    Ok(usable(found.and_then(|(q,)| q)).unwrap_or_else(|| decoy.to_owned()))
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
    organization_id: i64,
    name: String,
    status: String,
    security_question: Option<String>,
    security_answer_hash: Option<String>,
}

#[derive(Serialize)]
struct RecoveryEntry {
    password_recovered: bool,
}

/// The new password's problems that do not depend on the account (its
/// name is checked once the answer is right).
fn new_password_problems(recovery: &Recovery, owner: PasswordOwner<'_>) -> Vec<FieldError> {
    let mut problems = Vec::new();
    if let Err(problem) = check_password(&recovery.new_password, owner) {
        problems.push(FieldError::new("new_password", problem.to_string()));
    }
    if recovery.confirm_password != recovery.new_password {
        problems.push(FieldError::new(
            "confirm_password",
            "The two new passwords are not the same.",
        ));
    }
    problems
}

/// Replaces a forgotten password after a right answer, for an attempt from
/// `address`. The new password is checked first: an invalid one is refused
/// before the answer is looked at. The attempt is then counted with the
/// sign-in attempts before the answer is verified; a wrong answer and an
/// unknown e-mail get the same message; only Active accounts recover; the
/// account's sessions end.
#[tracing::instrument(name = "auth::security_question::recover", skip_all)]
pub async fn recover(state: &AppState, recovery: Recovery, address: &str) -> Result<(), AppError> {
    // In a storm, answer "busy" before reading the database, as sign-in does.
    state.hashing.refuse_when_full()?;
    if !recovery_enabled(state).await? {
        return Err(switched_off());
    }
    let email = normalize_email(&recovery.email);
    let problems = new_password_problems(
        &recovery,
        PasswordOwner {
            name: "",
            email: &email,
            organization: "",
        },
    );
    if !problems.is_empty() {
        return Err(AppError::invalid(problems));
    }

    let now: Timestamp = state.clock.now();
    let secret = SiteSecret::load(&state.pool).await?;
    let attempt = Attempt::new(&secret, &email, address);
    attempt.begin(&state.pool, now).await?;

    let candidate: Option<Candidate> = sqlx::query_as(
        "SELECT id, organization_id, name, status, security_question, security_answer_hash \
         FROM personnel WHERE email = $1",
    )
    .bind(&email)
    .fetch_optional(&state.pool)
    .await?;
    // An account whose question is not on the list cannot recover: it was
    // shown a decoy.
    let stored = candidate
        .as_ref()
        .filter(|c| usable(c.security_question.clone()).is_some())
        .and_then(|c| c.security_answer_hash.clone());
    let known = stored.is_some();
    let checked = password_hash::verify(&state.hashing, normalize_answer(&recovery.answer), stored).await;
    let right = attempt.unless_busy(&state.pool, checked).await?;
    let candidate = match candidate {
        Some(candidate) if right && known => candidate,
        other => {
            let account = other.map(|c| PersonnelId(c.id));
            return Err(attempt.failed(&state.pool, now, account, WRONG_ANSWER).await?);
        }
    };
    let id = PersonnelId(candidate.id);
    let status = PersonnelStatus::decode(&candidate.status, Column::new("personnel", "status"))?;
    policy::may_sign_in(status)?;
    // The name is known only now; this attempt stays counted.
    let organization =
        crate::accounts::organization_name(&state.pool, OrganizationId(candidate.organization_id)).await?;
    let problems = new_password_problems(
        &recovery,
        PasswordOwner {
            name: &candidate.name,
            email: &email,
            organization: &organization,
        },
    );
    if !problems.is_empty() {
        return Err(AppError::invalid(problems));
    }

    let hashed = password_hash::hash(&state.hashing, recovery.new_password).await;
    let hash = attempt.unless_busy(&state.pool, hashed).await?;
    let mut tx = state.pool.begin().await?;
    sqlx::query("UPDATE personnel SET password_hash = $1, must_change_password = FALSE WHERE id = $2")
        .bind(hash)
        .bind(id.0)
        .execute(&mut *tx)
        .await?;
    attempt.succeeded(&mut tx).await?;
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
