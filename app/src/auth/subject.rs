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
    role_name: String,
    status: String,
    site_administrator: bool,
    must_change_password: bool,
    security_question: Option<String>,
    /// The role's permissions, separated by commas; `None` for none.
    permissions: Option<String>,
    /// The person's team ids, separated by commas; `None` for none.
    teams: Option<String>,
}

/// The items of a comma-separated list (none for `None`).
fn list(items: &Option<String>) -> impl Iterator<Item = &str> {
    items.as_deref().into_iter().flat_map(|items| items.split(','))
}

/// The account of `id`, as the rulebook and the browser see it.
pub async fn load(pool: &Pool, id: PersonnelId) -> Result<(Subject, Me), AppError> {
    // One statement per request for the account, its role's permissions and
    // its teams (each a comma-separated list): a page view's statements each
    // cost a round trip to the database's thread. `group_concat` is
    // SQLite's; PostgreSQL spells it `string_agg`.
    let row: AccountRow = sqlx::query_as(
        "SELECT p.id, p.organization_id, o.name AS organization_name, p.name, p.email, \
                r.name AS role_name, p.status, p.site_administrator, p.must_change_password, \
                p.security_question, \
                (SELECT group_concat(rp.permission, ',') FROM role_permissions rp WHERE rp.role_id = p.role_id) \
                    AS permissions, \
                (SELECT group_concat(tm.team_id, ',') FROM team_members tm WHERE tm.personnel_id = p.id) AS teams \
         FROM personnel p \
         JOIN organizations o ON o.id = p.organization_id \
         JOIN roles r ON r.id = p.role_id \
         WHERE p.id = $1",
    )
    .bind(id.0)
    .fetch_optional(pool)
    .await?
    .ok_or_else(AppError::unauthenticated)?;
    let status = PersonnelStatus::decode(&row.status, Column::new("personnel", "status"))?;
    let permissions = list(&row.permissions)
        .map(|key| Permission::decode(key, Column::new("role_permissions", "permission")))
        .collect::<Result<_, _>>()?;
    let mut teams = list(&row.teams)
        .map(|team| {
            team.parse().map(TeamId).map_err(|_| {
                tracing::error!(team, "a team id that is not a number");
                AppError::Unavailable
            })
        })
        .collect::<Result<Vec<_>, _>>()?;
    teams.sort();
    let subject = Subject {
        id: PersonnelId(row.id),
        organization: OrganizationId(row.organization_id),
        status,
        site_administrator: row.site_administrator,
        permissions,
        teams,
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
