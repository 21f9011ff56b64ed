//! Reading and changing one account: add, edit, change status, reset the
//! password. Each change and its audit entry share one transaction.

use policy::Code;
use policy::{
    AccountFacts, BoundedChange, OrganizationId, PermissionSet, PersonnelId, PersonnelStatus, RoleId, TeamId,
    Timestamp,
};
use serde::Serialize;

use crate::accounts::{
    NewPersonnel, Transaction, create_personnel, ensure_email_free, organization_name, set_teams,
};
use crate::administration::bounds;
use crate::audit::{self, Entry};
use crate::auth::password_hash::{self, Hashing};
use crate::auth::site_secret::SiteSecret;
use crate::auth::{attempts, session, sign_in::normalize_email};
use crate::directory::form::password_problems;
use crate::directory::{NewAccount, PasswordReset, PersonnelForm, PersonnelRecord, SupportIssues};
use crate::error::{AppError, FieldError};
use crate::password_rules::PasswordOwner;
use crate::store::Pool;
use crate::stored_code::{Column, StoredCode};

#[derive(sqlx::FromRow)]
struct AccountRow {
    id: i64,
    name: String,
    email: String,
    job_title: String,
    phone: String,
    address: String,
    organization_id: i64,
    default_location: String,
    supervisor_id: Option<i64>,
    #[sqlx(try_from = "crate::store::Flag")]
    case_manager: bool,
    role_id: i64,
    status: String,
    #[sqlx(try_from = "crate::store::Flag")]
    site_administrator: bool,
    support_issues: String,
    #[sqlx(try_from = "crate::store::Flag")]
    must_change_password: bool,
    #[sqlx(try_from = "crate::store::Flag")]
    has_security_question: bool,
}

fn not_found() -> AppError {
    AppError::NotFound {
        what: "That person".into(),
    }
}

/// One person's record, or `NotFound`.
#[tracing::instrument(name = "directory::account::load", skip_all, fields(personnel = id.0))]
pub async fn load(executor: &mut sqlx::AnyConnection, id: PersonnelId) -> Result<PersonnelRecord, AppError> {
    let row: AccountRow = sqlx::query_as(
        "SELECT id, name, email, job_title, phone, address, organization_id, default_location, supervisor_id, \
                case_manager, role_id, status, site_administrator, support_issues, must_change_password, \
                security_question IS NOT NULL AS has_security_question \
         FROM personnel WHERE id = $1",
    )
    .bind(id.0)
    .fetch_optional(&mut *executor)
    .await?
    .ok_or_else(not_found)?;
    let teams: Vec<(i64,)> =
        sqlx::query_as("SELECT team_id FROM team_members WHERE personnel_id = $1 ORDER BY team_id")
            .bind(id.0)
            .fetch_all(&mut *executor)
            .await?;
    Ok(PersonnelRecord {
        id: PersonnelId(row.id),
        details: PersonnelForm {
            name: row.name,
            email: row.email,
            job_title: row.job_title,
            phone: row.phone,
            address: row.address,
            organization: OrganizationId(row.organization_id),
            default_location: row.default_location,
            supervisor: row.supervisor_id.map(PersonnelId),
            case_manager: row.case_manager,
            role: RoleId(row.role_id),
            teams: teams.into_iter().map(|(t,)| TeamId(t)).collect(),
            status: PersonnelStatus::decode(&row.status, Column::new("personnel", "status"))?,
            site_administrator: row.site_administrator,
            support_issues: SupportIssues::decode(
                &row.support_issues,
                Column::new("personnel", "support_issues"),
            )?,
        },
        must_change_password: row.must_change_password,
        has_security_question: row.has_security_question,
        sign_in_paused_minutes: None,
    })
}

/// The account the form describes, as the bounds read it.
fn facts_of(id: Option<PersonnelId>, form: &PersonnelForm) -> AccountFacts {
    AccountFacts {
        id,
        organization: form.organization,
        role: form.role,
        teams: bounds::team_set(&form.teams),
        site_administrator: form.site_administrator,
        status: form.status,
    }
}

/// Does the row that `count_sql` counts (by id `$1`) exist?
async fn exists(tx: &mut Transaction<'_>, count_sql: &'static str, id: i64) -> Result<bool, AppError> {
    let sql = count_sql;
    let (count,): (i64,) = sqlx::query_as(sql).bind(id).fetch_one(&mut **tx).await?;
    Ok(count > 0)
}

/// Field messages for choices that name something that is not there.
async fn reference_problems(
    tx: &mut Transaction<'_>,
    form: &PersonnelForm,
    this: Option<PersonnelId>,
) -> Result<Vec<FieldError>, AppError> {
    let mut problems = Vec::new();
    if !exists(
        tx,
        "SELECT COUNT(*) FROM organizations WHERE id = $1",
        form.organization.0,
    )
    .await?
    {
        problems.push(FieldError::new(
            "organization",
            "Choose an organization from the list.",
        ));
    }
    if !exists(tx, "SELECT COUNT(*) FROM roles WHERE id = $1", form.role.0).await? {
        problems.push(FieldError::new("role", "Choose a role from the list."));
    }
    if let Some(supervisor) = form.supervisor {
        if Some(supervisor) == this {
            problems.push(FieldError::new(
                "supervisor",
                "A person cannot be their own supervisor.",
            ));
        } else if !exists(tx, "SELECT COUNT(*) FROM personnel WHERE id = $1", supervisor.0).await? {
            problems.push(FieldError::new(
                "supervisor",
                "Choose a supervisor from the list.",
            ));
        }
    }
    for team in &form.teams {
        if !exists(tx, "SELECT COUNT(*) FROM teams WHERE id = $1", team.0).await? {
            problems.push(FieldError::new("teams", "Choose teams from the list."));
            break;
        }
    }
    Ok(problems)
}

/// Adds an account ("Add personnel" and "Quick add").
#[tracing::instrument(name = "directory::account::add", skip_all, fields(actor = actor.0))]
pub async fn add(
    pool: &Pool,
    hashing: &Hashing,
    actor: PersonnelId,
    account: NewAccount,
    now: Timestamp,
) -> Result<PersonnelId, AppError> {
    let mut tx = pool.begin().await?;
    let references = reference_problems(&mut tx, &account.details, None).await?;
    // The password rules need the organization's name; an organization that
    // is not there is already a problem at its own field.
    let organization = if references.iter().any(|problem| problem.field == "organization") {
        String::new()
    } else {
        organization_name(&mut *tx, account.details.organization).await?
    };
    let mut problems = account.problems(&organization);
    problems.extend(references);
    if !problems.is_empty() {
        return Err(AppError::invalid(problems));
    }
    let change = BoundedChange::AddAccount {
        account: facts_of(None, &account.details),
        role_permissions: bounds::role_permissions(&mut tx, account.details.role).await?,
        team_organizations: bounds::team_organizations(&mut tx, &account.details.teams).await?,
    };
    bounds::check(&mut tx, actor, &change).await?;
    let mut details = account.details;
    details.email = normalize_email(&details.email);
    let after = details.clone();
    let id = create_personnel(
        &mut tx,
        hashing,
        NewPersonnel {
            details,
            password: account.password,
            must_change_password: account.require_password_change,
        },
        now,
    )
    .await?;
    audit::record(
        &mut tx,
        Entry::<(), _> {
            actor: Some(actor),
            at: now,
            action: "personnel.add",
            entity: "personnel",
            entity_id: id.0,
            before: None,
            after: Some(&after),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// Saves "Edit account". Making the account Inactive or Pending ends all its
/// sessions in the same transaction.
#[tracing::instrument(name = "directory::account::update", skip_all, fields(actor = actor.0, personnel = id.0))]
pub async fn update(
    pool: &Pool,
    actor: PersonnelId,
    id: PersonnelId,
    mut form: PersonnelForm,
    now: Timestamp,
) -> Result<(), AppError> {
    let mut problems = form.problems();
    let mut tx = pool.begin().await?;
    let before = load(&mut tx, id).await?.details;
    problems.extend(reference_problems(&mut tx, &form, Some(id)).await?);
    if id == actor && form.status != PersonnelStatus::Active {
        problems.push(FieldError::new(
            "status",
            "You cannot deactivate your own account.",
        ));
    }
    if !problems.is_empty() {
        return Err(AppError::invalid(problems));
    }
    let facts_before = bounds::account(&mut tx, id).await?;
    let added_teams: Vec<TeamId> = form
        .teams
        .iter()
        .copied()
        .filter(|t| !facts_before.teams.contains(t))
        .collect();
    let change = BoundedChange::EditAccount {
        after: facts_of(Some(id), &form),
        before: facts_before,
        role_permissions: bounds::role_permissions(&mut tx, form.role).await?,
        added_team_organizations: bounds::team_organizations(&mut tx, &added_teams).await?,
    };
    bounds::check(&mut tx, actor, &change).await?;
    form.email = normalize_email(&form.email);
    ensure_email_free(&mut tx, &form.email, Some(id)).await?;
    sqlx::query(
        "UPDATE personnel SET name = $1, email = $2, job_title = $3, phone = $4, address = $5, \
                organization_id = $6, default_location = $7, supervisor_id = $8, case_manager = $9, \
                role_id = $10, status = $11, site_administrator = $12, support_issues = $13 \
         WHERE id = $14",
    )
    .bind(form.name.trim())
    .bind(&form.email)
    .bind(form.job_title.trim())
    .bind(form.phone.trim())
    .bind(form.address.trim())
    .bind(form.organization.0)
    .bind(form.default_location.trim())
    .bind(form.supervisor.map(|s| s.0))
    .bind(form.case_manager)
    .bind(form.role.0)
    .bind(form.status.code())
    .bind(form.site_administrator)
    .bind(form.support_issues.code())
    .bind(id.0)
    .execute(&mut *tx)
    .await?;
    set_teams(&mut tx, id, &form.teams).await?;
    if form.status != PersonnelStatus::Active {
        session::end_all_for(&mut *tx, id, None).await?;
    }
    audit::record(
        &mut tx,
        Entry {
            actor: Some(actor),
            at: now,
            action: "personnel.update",
            entity: "personnel",
            entity_id: id.0,
            before: Some(&before),
            after: Some(&form),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

#[derive(Serialize)]
struct StatusChange {
    status: PersonnelStatus,
}

/// Changes only the status. Inactive or Pending ends all the account's
/// sessions at once: its next request is refused.
#[tracing::instrument(name = "directory::account::set_status", skip_all, fields(actor = actor.0, personnel = id.0))]
pub async fn set_status(
    pool: &Pool,
    actor: PersonnelId,
    id: PersonnelId,
    status: PersonnelStatus,
    now: Timestamp,
) -> Result<(), AppError> {
    if id == actor && status != PersonnelStatus::Active {
        return Err(AppError::invalid_field(
            "status",
            "You cannot deactivate your own account.",
        ));
    }
    let mut tx = pool.begin().await?;
    let before = load(&mut tx, id).await?.details.status;
    let facts = bounds::account(&mut tx, id).await?;
    let change = BoundedChange::EditAccount {
        after: AccountFacts {
            status,
            ..facts.clone()
        },
        before: facts,
        role_permissions: PermissionSet::empty(),
        added_team_organizations: Vec::new(),
    };
    bounds::check(&mut tx, actor, &change).await?;
    sqlx::query("UPDATE personnel SET status = $1 WHERE id = $2")
        .bind(status.code())
        .bind(id.0)
        .execute(&mut *tx)
        .await?;
    if status != PersonnelStatus::Active {
        session::end_all_for(&mut *tx, id, None).await?;
    }
    audit::record(
        &mut tx,
        Entry {
            actor: Some(actor),
            at: now,
            action: "personnel.status",
            entity: "personnel",
            entity_id: id.0,
            before: Some(&StatusChange { status: before }),
            after: Some(&StatusChange { status }),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

#[derive(Serialize)]
struct PasswordResetEntry {
    must_change_password: bool,
}

/// An administrator's password reset: the account gets the temporary
/// password, must change it at its next sign-in, and its sessions end. The
/// administrator never sees the old password; the audit entry holds none.
#[tracing::instrument(name = "directory::account::reset_password", skip_all, fields(actor = actor.0, personnel = id.0))]
pub async fn reset_password(
    pool: &Pool,
    hashing: &Hashing,
    actor: PersonnelId,
    id: PersonnelId,
    reset: PasswordReset,
    now: Timestamp,
) -> Result<(), AppError> {
    let mut tx = pool.begin().await?;
    let record = load(&mut tx, id).await?;
    let account = bounds::account(&mut tx, id).await?;
    let change = BoundedChange::ResetPassword {
        role_permissions: bounds::role_permissions(&mut tx, account.role).await?,
        account,
    };
    bounds::check(&mut tx, actor, &change).await?;
    let organization = organization_name(&mut *tx, record.details.organization).await?;
    let owner = PasswordOwner {
        name: &record.details.name,
        email: &record.details.email,
        organization: &organization,
    };
    let problems = password_problems(&reset.password, &reset.confirm_password, owner);
    if !problems.is_empty() {
        return Err(AppError::invalid(problems));
    }
    let hash = password_hash::hash(hashing, reset.password).await?;
    sqlx::query("UPDATE personnel SET password_hash = $1, must_change_password = TRUE WHERE id = $2")
        .bind(hash)
        .bind(id.0)
        .execute(&mut *tx)
        .await?;
    session::end_all_for(&mut *tx, id, None).await?;
    audit::record(
        &mut tx,
        Entry {
            actor: Some(actor),
            at: now,
            action: "personnel.password_reset",
            entity: "personnel",
            entity_id: id.0,
            before: Some(&PasswordResetEntry {
                must_change_password: record.must_change_password,
            }),
            after: Some(&PasswordResetEntry {
                must_change_password: true,
            }),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Minutes left of the pause of sign-in to the account with `email` after
/// failures from many addresses, if one is running.
pub async fn sign_in_paused_minutes(
    pool: &Pool,
    email: &str,
    now: Timestamp,
) -> Result<Option<i64>, AppError> {
    let secret = SiteSecret::load(pool).await?;
    let mut connection = pool.acquire().await?;
    let until = attempts::account_paused_until(&mut connection, &secret, email, now).await?;
    Ok(until.map(|until| (until - now.0 + 59) / 60))
}

#[derive(Serialize)]
struct PauseEntry {
    sign_in_paused_until: Option<i64>,
}

/// An administrator lifts the pause of sign-in to the account early: every
/// attempt counter of the account starts again. Bounded like a password
/// reset (only of an account whose role holds nothing the administrator
/// lacks): lifting at will would let them go on guessing its password.
/// Audited with the pause's end as it was.
#[tracing::instrument(name = "directory::account::lift_sign_in_pause", skip_all, fields(actor = actor.0, personnel = id.0))]
pub async fn lift_sign_in_pause(
    pool: &Pool,
    actor: PersonnelId,
    id: PersonnelId,
    now: Timestamp,
) -> Result<(), AppError> {
    let secret = SiteSecret::load(pool).await?;
    let mut tx = pool.begin().await?;
    let email = load(&mut tx, id).await?.details.email;
    let account = bounds::account(&mut tx, id).await?;
    let change = BoundedChange::LiftSignInPause {
        role_permissions: bounds::role_permissions(&mut tx, account.role).await?,
        account,
    };
    bounds::check(&mut tx, actor, &change).await?;
    let before = attempts::lift(&mut tx, &secret, &email, now).await?;
    audit::record(
        &mut tx,
        Entry {
            actor: Some(actor),
            at: now,
            action: "personnel.sign_in_pause_lifted",
            entity: "personnel",
            entity_id: id.0,
            before: Some(&PauseEntry {
                sign_in_paused_until: before,
            }),
            after: Some(&PauseEntry {
                sign_in_paused_until: None,
            }),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Whether the account is a site administrator (for the policy's question
/// "is the target a site administrator?"), or `NotFound`.
pub async fn is_site_administrator(pool: &Pool, id: PersonnelId) -> Result<bool, AppError> {
    let row: Option<(crate::store::Flag,)> =
        sqlx::query_as("SELECT site_administrator FROM personnel WHERE id = $1")
            .bind(id.0)
            .fetch_optional(pool)
            .await?;
    row.map(|(admin,)| admin.0).ok_or_else(not_found)
}
