//! Creating organizations, roles and personnel accounts. Used by the demo
//! data and by the `create-admin` command; the personnel directory (issue 4)
//! builds on it.

use policy::{OrganizationId, Permission, PersonnelId, PersonnelStatus, RoleId, Timestamp};

use crate::auth::{password_hash, sign_in::normalize_email};
use crate::error::{AppError, FieldError};
use crate::password_rules::check_password;

pub type Transaction<'a> = sqlx::Transaction<'a, crate::store::Db>;

pub struct NewPersonnel {
    pub organization: OrganizationId,
    pub name: String,
    pub email: String,
    pub job_title: String,
    pub role: RoleId,
    pub status: PersonnelStatus,
    pub site_administrator: bool,
    pub case_manager: bool,
    pub must_change_password: bool,
    pub password: String,
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
            .bind(permission.key())
            .execute(&mut **tx)
            .await?;
    }
    Ok(RoleId(id))
}

/// Creates an account. Refuses a weak password or an e-mail already in use
/// (regardless of case), changing nothing.
pub async fn create_personnel(
    tx: &mut Transaction<'_>,
    new: NewPersonnel,
    now: Timestamp,
) -> Result<PersonnelId, AppError> {
    let email = normalize_email(&new.email);
    let mut problems = Vec::new();
    if new.name.trim().is_empty() {
        problems.push(FieldError::new("name", "Enter the person's name."));
    }
    if !email.contains('@') {
        problems.push(FieldError::new(
            "email",
            "Enter an e-mail address, such as name@agency.org.",
        ));
    }
    if let Err(problem) = check_password(&new.password, &new.name, &email) {
        problems.push(FieldError::new("password", problem.to_string()));
    }
    if !problems.is_empty() {
        return Err(AppError::invalid(problems));
    }
    let taken: Option<(i64,)> = sqlx::query_as("SELECT id FROM personnel WHERE email = $1")
        .bind(&email)
        .fetch_optional(&mut **tx)
        .await?;
    if taken.is_some() {
        return Err(AppError::invalid_field(
            "email",
            "This e-mail address is already used by another account.",
        ));
    }
    let hash = password_hash::hash(new.password).await?;
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO personnel (organization_id, name, email, job_title, role_id, status, site_administrator, \
                                case_manager, password_hash, must_change_password, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id",
    )
    .bind(new.organization.0)
    .bind(new.name.trim())
    .bind(&email)
    .bind(new.job_title.trim())
    .bind(new.role.0)
    .bind(new.status.as_str())
    .bind(new.site_administrator)
    .bind(new.case_manager)
    .bind(hash)
    .bind(new.must_change_password)
    .bind(now.0)
    .fetch_one(&mut **tx)
    .await?;
    Ok(PersonnelId(id))
}

/// Creates a site administrator (the `create-admin` command), in the given
/// organization, created if needed, with the "Administrator" role.
pub async fn create_site_administrator(
    pool: &crate::store::Pool,
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
        NewPersonnel {
            organization,
            name: name.into(),
            email: email.into(),
            job_title: "Site administrator".into(),
            role,
            status: PersonnelStatus::Active,
            site_administrator: true,
            case_manager: false,
            must_change_password: false,
            password: password.into(),
        },
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}
