//! The choices the personnel forms offer.

use policy::{OrganizationId, PersonnelId, RoleId, TeamId};

use crate::directory::{DirectoryOptions, Named};
use crate::error::AppError;
use crate::store::Pool;

async fn named<Id>(pool: &Pool, sql: &'static str, id: fn(i64) -> Id) -> Result<Vec<Named<Id>>, AppError> {
    let rows: Vec<(i64, String)> = sqlx::query_as(sql).fetch_all(pool).await?;
    Ok(rows
        .into_iter()
        .map(|(i, name)| Named { id: id(i), name })
        .collect())
}

/// The rows of `sql`, whose `$1` is the organization the options are
/// limited to (`NULL`: every organization).
async fn named_in<Id>(
    pool: &Pool,
    sql: &'static str,
    organization: Option<OrganizationId>,
    id: fn(i64) -> Id,
) -> Result<Vec<Named<Id>>, AppError> {
    let rows: Vec<(i64, String)> = sqlx::query_as(sql)
        .bind(organization.map(|o| o.0))
        .fetch_all(pool)
        .await?;
    Ok(rows
        .into_iter()
        .map(|(i, name)| Named { id: id(i), name })
        .collect())
}

/// The choices, limited to `organization`'s organizations, teams and
/// supervisors when it is given (`policy::administered_organization`).
/// Roles belong to no organization; the server refuses giving one that
/// exceeds the giver's own.
pub async fn load(
    pool: &Pool,
    may_set_site_administrator: bool,
    organization: Option<OrganizationId>,
) -> Result<DirectoryOptions, AppError> {
    Ok(DirectoryOptions {
        organizations: named_in(
            pool,
            "SELECT id, name FROM organizations WHERE $1 IS NULL OR id = $1 ORDER BY name",
            organization,
            OrganizationId,
        )
        .await?,
        roles: named(pool, "SELECT id, name FROM roles ORDER BY name", RoleId).await?,
        teams: named_in(
            pool,
            "SELECT id, name FROM teams WHERE $1 IS NULL OR organization_id = $1 ORDER BY name",
            organization,
            TeamId,
        )
        .await?,
        supervisors: named_in(
            pool,
            "SELECT id, name FROM personnel WHERE status = 'Active' AND ($1 IS NULL OR organization_id = $1) \
             ORDER BY LOWER(name), id",
            organization,
            PersonnelId,
        )
        .await?,
        may_set_site_administrator,
    })
}
