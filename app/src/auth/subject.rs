//! Loading a personnel's account from the database: the policy's
//! [`Subject`] and the [`Me`] the browser is shown.

use policy::{OrganizationId, Permission, PersonnelId, PersonnelStatus, Subject, TeamId};

use crate::error::AppError;
use crate::me::Me;
use crate::store::Pool;
use crate::stored_code::{Column, StoredCode};

#[derive(sqlx::FromRow)]
struct AccountRow {
    id: i64,
    organization_id: i64,
    organization_name: String,
    name: String,
    email: String,
    role_id: i64,
    role_name: String,
    status: String,
    site_administrator: bool,
    must_change_password: bool,
    security_question: Option<String>,
}

/// The account of `id`, as the rulebook and the browser see it.
pub async fn load(pool: &Pool, id: PersonnelId) -> Result<(Subject, Me), AppError> {
    let row: AccountRow = sqlx::query_as(
        "SELECT p.id, p.organization_id, o.name AS organization_name, p.name, p.email, \
                p.role_id, r.name AS role_name, p.status, p.site_administrator, p.must_change_password, \
                p.security_question \
         FROM personnel p \
         JOIN organizations o ON o.id = p.organization_id \
         JOIN roles r ON r.id = p.role_id \
         WHERE p.id = $1",
    )
    .bind(id.0)
    .fetch_optional(pool)
    .await?
    .ok_or_else(AppError::unauthenticated)?;
    let permission_keys: Vec<(String,)> =
        sqlx::query_as("SELECT permission FROM role_permissions WHERE role_id = $1")
            .bind(row.role_id)
            .fetch_all(pool)
            .await?;
    let teams: Vec<(i64,)> =
        sqlx::query_as("SELECT team_id FROM team_members WHERE personnel_id = $1 ORDER BY team_id")
            .bind(row.id)
            .fetch_all(pool)
            .await?;
    let status = PersonnelStatus::decode(&row.status, Column::new("personnel", "status"))?;
    let permissions = permission_keys
        .iter()
        .map(|(key,)| Permission::decode(key, Column::new("role_permissions", "permission")))
        .collect::<Result<_, _>>()?;
    let subject = Subject {
        id: PersonnelId(row.id),
        organization: OrganizationId(row.organization_id),
        status,
        site_administrator: row.site_administrator,
        permissions,
        teams: teams.into_iter().map(|(t,)| TeamId(t)).collect(),
        must_change_password: row.must_change_password,
    };
    let me = Me {
        id: subject.id,
        name: row.name,
        email: row.email,
        organization_name: row.organization_name,
        role_name: row.role_name,
        site_administrator: row.site_administrator,
        permissions,
        must_change_password: row.must_change_password,
        must_choose_security_question: row
            .security_question
            .as_deref()
            .is_some_and(|q| !crate::security_questions::is_offered(q)),
    };
    Ok((subject, me))
}
