//! Administration within bounds, on the server's side: reads the facts
//! `policy::may_change_within_bounds` needs (the administrator's role,
//! organization and permissions; the account's organization, role, teams,
//! flag and status; a role's permissions; a team's organization) inside the
//! change's own transaction, and asks the policy before anything is written.

use policy::{
    AccountFacts, Administrator, BoundedChange, OrganizationId, Permission, PermissionSet, PersonnelId,
    PersonnelStatus, RoleId, Subject, TeamId,
};

use crate::accounts::Transaction;
use crate::error::AppError;
use crate::stored_code::{Column, StoredCode};

#[derive(sqlx::FromRow)]
struct PersonRow {
    organization_id: i64,
    role_id: i64,
    status: String,
    #[sqlx(try_from = "crate::store::Flag")]
    site_administrator: bool,
    #[sqlx(try_from = "crate::store::Flag")]
    must_change_password: bool,
}

async fn person(tx: &mut Transaction<'_>, id: PersonnelId) -> Result<Option<PersonRow>, AppError> {
    Ok(sqlx::query_as(
        "SELECT organization_id, role_id, status, site_administrator, must_change_password \
         FROM personnel WHERE id = $1",
    )
    .bind(id.0)
    .fetch_optional(&mut **tx)
    .await?)
}

fn status_of(row: &PersonRow) -> Result<PersonnelStatus, AppError> {
    PersonnelStatus::decode(&row.status, Column::new("personnel", "status"))
}

async fn teams_of(tx: &mut Transaction<'_>, id: PersonnelId) -> Result<Vec<TeamId>, AppError> {
    let teams: Vec<(i64,)> =
        sqlx::query_as("SELECT team_id FROM team_members WHERE personnel_id = $1 ORDER BY team_id")
            .bind(id.0)
            .fetch_all(&mut **tx)
            .await?;
    Ok(teams.into_iter().map(|(t,)| TeamId(t)).collect())
}

/// The permissions `role` holds (none for a role that is not there).
pub async fn role_permissions(tx: &mut Transaction<'_>, role: RoleId) -> Result<PermissionSet, AppError> {
    let keys: Vec<(String,)> = sqlx::query_as("SELECT permission FROM role_permissions WHERE role_id = $1")
        .bind(role.0)
        .fetch_all(&mut **tx)
        .await?;
    keys.iter()
        .map(|(key,)| Permission::decode(key, Column::new("role_permissions", "permission")))
        .collect()
}

/// The person making the change, as the database says now. An account that
/// is gone by now is no longer signed in.
pub async fn administrator(tx: &mut Transaction<'_>, id: PersonnelId) -> Result<Administrator, AppError> {
    let row = person(tx, id).await?.ok_or_else(AppError::unauthenticated)?;
    let role = RoleId(row.role_id);
    Ok(Administrator {
        subject: Subject {
            id,
            organization: OrganizationId(row.organization_id),
            status: status_of(&row)?,
            site_administrator: row.site_administrator,
            permissions: role_permissions(tx, role).await?,
            teams: teams_of(tx, id).await?,
            must_change_password: row.must_change_password,
        },
        role,
    })
}

/// An existing account, or `NotFound`.
pub async fn account(tx: &mut Transaction<'_>, id: PersonnelId) -> Result<AccountFacts, AppError> {
    let row = person(tx, id).await?.ok_or_else(|| AppError::NotFound {
        what: "That person".into(),
    })?;
    Ok(AccountFacts {
        id: Some(id),
        organization: OrganizationId(row.organization_id),
        role: RoleId(row.role_id),
        teams: teams_of(tx, id).await?,
        site_administrator: row.site_administrator,
        status: status_of(&row)?,
    })
}

/// The organization of `team`, or `NotFound`.
pub async fn team_organization(tx: &mut Transaction<'_>, team: TeamId) -> Result<OrganizationId, AppError> {
    let row: Option<(i64,)> = sqlx::query_as("SELECT organization_id FROM teams WHERE id = $1")
        .bind(team.0)
        .fetch_optional(&mut **tx)
        .await?;
    row.map(|(o,)| OrganizationId(o))
        .ok_or_else(|| AppError::NotFound {
            what: "That team".into(),
        })
}

/// The organizations of those of `teams` that exist (unknown teams are the
/// form's business).
pub async fn team_organizations(
    tx: &mut Transaction<'_>,
    teams: &[TeamId],
) -> Result<Vec<OrganizationId>, AppError> {
    let mut found = Vec::with_capacity(teams.len());
    for team in teams {
        let row: Option<(i64,)> = sqlx::query_as("SELECT organization_id FROM teams WHERE id = $1")
            .bind(team.0)
            .fetch_optional(&mut **tx)
            .await?;
        found.extend(row.map(|(o,)| OrganizationId(o)));
    }
    Ok(found)
}

/// Reads the administrator `actor` inside `tx` and asks the policy about
/// `change`; a refusal is `Forbidden` with the policy's reason.
pub async fn check(
    tx: &mut Transaction<'_>,
    actor: PersonnelId,
    change: &BoundedChange,
) -> Result<(), AppError> {
    let administrator = administrator(tx, actor).await?;
    policy::may_change_within_bounds(&administrator, change)?;
    Ok(())
}

/// Teams sorted, without duplicates, as `AccountFacts` holds them.
pub fn team_set(teams: &[TeamId]) -> Vec<TeamId> {
    let mut set = teams.to_vec();
    set.sort();
    set.dedup();
    set
}
