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

pub async fn load(pool: &Pool, may_set_site_administrator: bool) -> Result<DirectoryOptions, AppError> {
    Ok(DirectoryOptions {
        organizations: named(
            pool,
            "SELECT id, name FROM organizations ORDER BY name",
            OrganizationId,
        )
        .await?,
        roles: named(pool, "SELECT id, name FROM roles ORDER BY name", RoleId).await?,
        teams: named(pool, "SELECT id, name FROM teams ORDER BY name", TeamId).await?,
        supervisors: named(
            pool,
            "SELECT id, name FROM personnel WHERE status = 'Active' ORDER BY LOWER(name), id",
            PersonnelId,
        )
        .await?,
        may_set_site_administrator,
    })
}
