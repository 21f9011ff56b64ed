//! Creating organizations, roles and personnel accounts. Used by the demo
//! data and by the `create-admin` command; the personnel directory (spec, "Personnel lifecycle")
//! builds on it.

use policy::Code;
use policy::{OrganizationId, Permission, PersonnelId, RoleId, TeamId, Timestamp};

use crate::auth::password_hash::{self, Hashing};
use crate::auth::sign_in::normalize_email;
use crate::directory::PersonnelForm;
use crate::error::{AppError, FieldError};
use crate::password_rules::{PasswordOwner, check_password};

pub type Transaction<'a> = sqlx::Transaction<'a, crate::store::Db>;

/// A new account: its details, its first password, and whether it must
/// change that password at its first sign-in.
pub struct NewPersonnel {
    pub details: PersonnelForm,
    pub password: String,
    pub must_change_password: bool,
}

/// The organization called `name`, created if it does not exist.
pub async fn ensure_organization(tx: &mut Transaction<'_>, name: &str) -> Result<OrganizationId, AppError> {
    if let Some((id,)) = sqlx::query_as::<_, (i64,)>("SELECT id FROM organizations WHERE name = $1")
        .bind(name)
        .fetch_optional(&mut **tx)
        .await?
    {
        return Ok(OrganizationId(id));
    }
    let (id,): (i64,) = sqlx::query_as("INSERT INTO organizations (name) VALUES ($1) RETURNING id")
        .bind(name)
        .fetch_one(&mut **tx)
        .await?;
    Ok(OrganizationId(id))
}

/// The name of an organization (the password rules use it as a word an
/// attacker would try). Every caller names an organization that exists; one
/// that does not is a fault, logged and answered `Unavailable`.
pub async fn organization_name<'c, E>(executor: E, id: OrganizationId) -> Result<String, AppError>
where
    E: sqlx::Executor<'c, Database = crate::store::Db>,
{
    let name: Option<(String,)> = sqlx::query_as("SELECT name FROM organizations WHERE id = $1")
        .bind(id.0)
        .fetch_optional(executor)
        .await?;
    name.map(|(name,)| name).ok_or_else(|| {
        tracing::error!(organization = id.0, "organization missing");
        AppError::Unavailable
    })
}

/// The role called `name`, created with `permissions` if it does not exist.
pub async fn ensure_role(
    tx: &mut Transaction<'_>,
    name: &str,
    permissions: &[Permission],
) -> Result<RoleId, AppError> {
    if let Some((id,)) = sqlx::query_as::<_, (i64,)>("SELECT id FROM roles WHERE name = $1")
        .bind(name)
        .fetch_optional(&mut **tx)
        .await?
    {
        return Ok(RoleId(id));
    }
    let (id,): (i64,) = sqlx::query_as("INSERT INTO roles (name) VALUES ($1) RETURNING id")
        .bind(name)
        .fetch_one(&mut **tx)
        .await?;
    for permission in permissions {
        sqlx::query("INSERT INTO role_permissions (role_id, permission) VALUES ($1, $2)")
            .bind(id)
            .bind(permission.code())
            .execute(&mut **tx)
            .await?;
    }
    Ok(RoleId(id))
}

/// Creates an account with its team memberships. Refuses bad details, a
/// weak password or an e-mail already in use (regardless of case), changing
/// nothing.
pub async fn create_personnel(
    tx: &mut Transaction<'_>,
    hashing: &Hashing,
    new: NewPersonnel,
    now: Timestamp,
) -> Result<PersonnelId, AppError> {
    let details = &new.details;
    let email = normalize_email(&details.email);
    let mut problems = details.problems();
    let organization = organization_name(&mut **tx, details.organization).await?;
    let owner = PasswordOwner {
        name: &details.name,
        email: &email,
        organization: &organization,
    };
    if let Err(problem) = check_password(&new.password, owner) {
        problems.push(FieldError::new("password", problem.to_string()));
    }
    if !problems.is_empty() {
        return Err(AppError::invalid(problems));
    }
    ensure_email_free(tx, &email, None).await?;
    let hash = password_hash::hash(hashing, new.password).await?;
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO personnel (organization_id, name, email, job_title, phone, address, default_location, \
                                supervisor_id, case_manager, role_id, status, site_administrator, support_issues, \
                                password_hash, must_change_password, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16) RETURNING id",
    )
    .bind(details.organization.0)
    .bind(details.name.trim())
    .bind(&email)
    .bind(details.job_title.trim())
    .bind(details.phone.trim())
    .bind(details.address.trim())
    .bind(details.default_location.trim())
    .bind(details.supervisor.map(|s| s.0))
    .bind(details.case_manager)
    .bind(details.role.0)
    .bind(details.status.code())
    .bind(details.site_administrator)
    .bind(details.support_issues.code())
    .bind(hash)
    .bind(new.must_change_password)
    .bind(now.0)
    .fetch_one(&mut **tx)
    .await?;
    let id = PersonnelId(id);
    set_teams(tx, id, &details.teams).await?;
    Ok(id)
}

/// Refuses an e-mail that another account (not `except`) already uses.
pub async fn ensure_email_free(
    tx: &mut Transaction<'_>,
    email: &str,
    except: Option<PersonnelId>,
) -> Result<(), AppError> {
    let taken: Option<(i64,)> = sqlx::query_as("SELECT id FROM personnel WHERE email = $1 AND id <> $2")
        .bind(email)
        .bind(except.map_or(0, |p| p.0))
        .fetch_optional(&mut **tx)
        .await?;
    match taken {
        Some(_) => Err(AppError::invalid_field(
            "email",
            "This e-mail address is already used by another account.",
        )),
        None => Ok(()),
    }
}

/// Replaces a person's team memberships.
pub async fn set_teams(tx: &mut Transaction<'_>, id: PersonnelId, teams: &[TeamId]) -> Result<(), AppError> {
    sqlx::query("DELETE FROM team_members WHERE personnel_id = $1")
        .bind(id.0)
        .execute(&mut **tx)
        .await?;
    for team in teams {
        sqlx::query(
            "INSERT INTO team_members (team_id, personnel_id) VALUES ($1, $2) ON CONFLICT DO NOTHING",
        )
        .bind(team.0)
        .bind(id.0)
        .execute(&mut **tx)
        .await?;
    }
    Ok(())
}

/// Creates a site administrator (the `create-admin` command), in the given
/// organization, created if needed, with the "Administrator" role.
pub async fn create_site_administrator(
    pool: &crate::store::Pool,
    hashing: &Hashing,
    organization: &str,
    name: &str,
    email: &str,
    password: &str,
    now: Timestamp,
) -> Result<PersonnelId, AppError> {
    let mut tx = pool.begin().await?;
    let organization = ensure_organization(&mut tx, organization).await?;
    let role = ensure_role(&mut tx, "Administrator", &Permission::ALL).await?;
    let id = create_personnel(
        &mut tx,
        hashing,
        NewPersonnel {
            details: PersonnelForm {
                job_title: "Site administrator".into(),
                site_administrator: true,
                ..PersonnelForm::new(organization, role, name, email)
            },
            password: password.into(),
            must_change_password: false,
        },
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}
