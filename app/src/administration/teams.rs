//! Teams ("personnel groups", seed 001): the subjects of access rules.

use policy::{OrganizationId, PersonnelId, TeamId};
use serde::{Deserialize, Serialize};

use crate::directory::Named;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TeamSummary {
    pub id: TeamId,
    pub name: String,
    pub organization_name: String,
    pub members: i64,
    /// Access rules and default rules that name the team.
    pub rules: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TeamDetails {
    pub id: TeamId,
    pub name: String,
    pub organization: OrganizationId,
    pub members: Vec<Named<PersonnelId>>,
}

#[cfg(feature = "ssr")]
pub use data::*;

#[cfg(feature = "ssr")]
mod data {
    use policy::{BoundedChange, OrganizationId, PersonnelId, PersonnelStatus, TeamId, Timestamp};
    use serde::Serialize;

    use super::{TeamDetails, TeamSummary};
    use crate::administration::bounds;
    use crate::administration::naming::{checked_name, ensure_name_free};
    use crate::audit::{self, Entry};
    use crate::directory::Named;
    use crate::error::AppError;
    use crate::store::Pool;

    const NAME_TAKEN: &str = "SELECT COUNT(*) FROM teams WHERE LOWER(name) = LOWER($1) AND id <> $2";

    fn not_found() -> AppError {
        AppError::NotFound {
            what: "That team".into(),
        }
    }

    #[derive(Serialize)]
    struct TeamEntry<'a> {
        name: &'a str,
        organization: OrganizationId,
    }

    #[derive(Serialize)]
    struct MemberEntry {
        personnel: PersonnelId,
    }

    #[derive(sqlx::FromRow)]
    struct TeamRow {
        id: i64,
        name: String,
        organization_name: String,
        members: i64,
        rules: i64,
    }

    /// The teams, of `organization` only when it is given
    /// (`policy::administered_organization`).
    #[tracing::instrument(name = "administration::teams::list", skip_all, fields(organization = organization.map(|o| o.0)))]
    pub async fn list(
        pool: &Pool,
        organization: Option<OrganizationId>,
    ) -> Result<Vec<TeamSummary>, AppError> {
        let rows: Vec<TeamRow> = sqlx::query_as(
            "SELECT t.id, t.name, o.name AS organization_name, \
                    (SELECT COUNT(*) FROM team_members m WHERE m.team_id = t.id) AS members, \
                    (SELECT COUNT(*) FROM access_rules r WHERE r.team_id = t.id) \
                  + (SELECT COUNT(*) FROM default_rules d WHERE d.team_id = t.id) AS rules \
             FROM teams t JOIN organizations o ON o.id = t.organization_id \
             WHERE $1 IS NULL OR t.organization_id = $1 \
             ORDER BY LOWER(t.name), t.id",
        )
        .bind(organization.map(|o| o.0))
        .fetch_all(pool)
        .await?;
        Ok(rows
            .into_iter()
            .map(|row| TeamSummary {
                id: TeamId(row.id),
                name: row.name,
                organization_name: row.organization_name,
                members: row.members,
                rules: row.rules,
            })
            .collect())
    }

    #[tracing::instrument(name = "administration::teams::load", skip_all, fields(team = id.0))]
    pub async fn load(pool: &Pool, id: TeamId) -> Result<TeamDetails, AppError> {
        let (name, organization): (String, i64) =
            sqlx::query_as("SELECT name, organization_id FROM teams WHERE id = $1")
                .bind(id.0)
                .fetch_optional(pool)
                .await?
                .ok_or_else(not_found)?;
        let members: Vec<(i64, String)> = sqlx::query_as(
            "SELECT p.id, p.name FROM team_members m JOIN personnel p ON p.id = m.personnel_id \
             WHERE m.team_id = $1 ORDER BY LOWER(p.name), p.id",
        )
        .bind(id.0)
        .fetch_all(pool)
        .await?;
        Ok(TeamDetails {
            id,
            name,
            organization: OrganizationId(organization),
            members: members
                .into_iter()
                .map(|(i, name)| Named {
                    id: PersonnelId(i),
                    name,
                })
                .collect(),
        })
    }

    #[tracing::instrument(name = "administration::teams::create", skip_all, fields(actor = actor.0, organization = organization.0))]
    pub async fn create(
        pool: &Pool,
        actor: PersonnelId,
        name: &str,
        organization: OrganizationId,
        now: Timestamp,
    ) -> Result<TeamId, AppError> {
        let name = checked_name(name)?;
        let mut tx = pool.begin().await?;
        bounds::check(&mut tx, actor, &BoundedChange::ChangeTeam { organization }).await?;
        ensure_name_free(&mut tx, NAME_TAKEN, &name, None, "a team").await?;
        let known: Option<(i64,)> = sqlx::query_as("SELECT id FROM organizations WHERE id = $1")
            .bind(organization.0)
            .fetch_optional(&mut *tx)
            .await?;
        if known.is_none() {
            return Err(AppError::invalid_field(
                "organization",
                "Choose an organization from the list.",
            ));
        }
        let (id,): (i64,) =
            sqlx::query_as("INSERT INTO teams (organization_id, name) VALUES ($1, $2) RETURNING id")
                .bind(organization.0)
                .bind(&name)
                .fetch_one(&mut *tx)
                .await?;
        let after = TeamEntry {
            name: &name,
            organization,
        };
        audit::record(
            &mut tx,
            Entry::<(), _> {
                actor: Some(actor),
                at: now,
                action: "team.create",
                entity: "teams",
                entity_id: id,
                before: None,
                after: Some(&after),
            },
        )
        .await?;
        tx.commit().await?;
        Ok(TeamId(id))
    }

    #[tracing::instrument(name = "administration::teams::rename", skip_all, fields(actor = actor.0, team = id.0))]
    pub async fn rename(
        pool: &Pool,
        actor: PersonnelId,
        id: TeamId,
        name: &str,
        now: Timestamp,
    ) -> Result<(), AppError> {
        let name = checked_name(name)?;
        let mut tx = pool.begin().await?;
        let (before, organization): (String, i64) =
            sqlx::query_as("SELECT name, organization_id FROM teams WHERE id = $1")
                .bind(id.0)
                .fetch_optional(&mut *tx)
                .await?
                .ok_or_else(not_found)?;
        let organization = OrganizationId(organization);
        bounds::check(&mut tx, actor, &BoundedChange::ChangeTeam { organization }).await?;
        ensure_name_free(&mut tx, NAME_TAKEN, &name, Some(id.0), "a team").await?;
        sqlx::query("UPDATE teams SET name = $1 WHERE id = $2")
            .bind(&name)
            .bind(id.0)
            .execute(&mut *tx)
            .await?;
        audit::record(
            &mut tx,
            Entry {
                actor: Some(actor),
                at: now,
                action: "team.rename",
                entity: "teams",
                entity_id: id.0,
                before: Some(&TeamEntry {
                    name: &before,
                    organization,
                }),
                after: Some(&TeamEntry {
                    name: &name,
                    organization,
                }),
            },
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Adds or removes one member. Adding an Inactive or Pending person is
    /// refused; removing works whatever their status.
    #[tracing::instrument(name = "administration::teams::change_member", skip_all, fields(actor = actor.0, team = team.0, personnel = personnel.0))]
    pub async fn change_member(
        pool: &Pool,
        actor: PersonnelId,
        team: TeamId,
        personnel: PersonnelId,
        add: bool,
        now: Timestamp,
    ) -> Result<(), AppError> {
        let mut tx = pool.begin().await?;
        let organization = bounds::team_organization(&mut tx, team).await?;
        let member = bounds::account(&mut tx, personnel).await?;
        let change = if add {
            BoundedChange::AddTeamMember {
                organization,
                member: personnel,
                member_organization: member.organization,
            }
        } else {
            BoundedChange::RemoveTeamMember {
                organization,
                member: personnel,
            }
        };
        bounds::check(&mut tx, actor, &change).await?;
        let status = member.status;
        let member: Option<(i64,)> =
            sqlx::query_as("SELECT team_id FROM team_members WHERE team_id = $1 AND personnel_id = $2")
                .bind(team.0)
                .bind(personnel.0)
                .fetch_optional(&mut *tx)
                .await?;
        let entry = MemberEntry { personnel };
        let (action, before, after) = match (add, member.is_some()) {
            (true, true) => {
                return Err(AppError::Conflict {
                    message: "This person is already in the team.".into(),
                });
            }
            (false, false) => {
                return Err(AppError::Conflict {
                    message: "This person is not in the team.".into(),
                });
            }
            (true, false) if status != PersonnelStatus::Active => {
                return Err(AppError::invalid_field(
                    "personnel",
                    "Only Active personnel can be added.",
                ));
            }
            (true, false) => {
                sqlx::query("INSERT INTO team_members (team_id, personnel_id) VALUES ($1, $2)")
                    .bind(team.0)
                    .bind(personnel.0)
                    .execute(&mut *tx)
                    .await?;
                ("team.add_member", None, Some(&entry))
            }
            (false, true) => {
                sqlx::query("DELETE FROM team_members WHERE team_id = $1 AND personnel_id = $2")
                    .bind(team.0)
                    .bind(personnel.0)
                    .execute(&mut *tx)
                    .await?;
                ("team.remove_member", Some(&entry), None)
            }
        };
        audit::record(
            &mut tx,
            Entry {
                actor: Some(actor),
                at: now,
                action,
                entity: "teams",
                entity_id: team.0,
                before,
                after,
            },
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Deletes a team that no rule names; its memberships go with it.
    #[tracing::instrument(name = "administration::teams::delete", skip_all, fields(actor = actor.0, team = id.0))]
    pub async fn delete(pool: &Pool, actor: PersonnelId, id: TeamId, now: Timestamp) -> Result<(), AppError> {
        let mut tx = pool.begin().await?;
        let (name, organization): (String, i64) =
            sqlx::query_as("SELECT name, organization_id FROM teams WHERE id = $1")
                .bind(id.0)
                .fetch_optional(&mut *tx)
                .await?
                .ok_or_else(not_found)?;
        let change = BoundedChange::ChangeTeam {
            organization: OrganizationId(organization),
        };
        bounds::check(&mut tx, actor, &change).await?;
        let (rules,): (i64,) = sqlx::query_as(
            "SELECT (SELECT COUNT(*) FROM access_rules WHERE team_id = $1) \
                  + (SELECT COUNT(*) FROM default_rules WHERE team_id = $1)",
        )
        .bind(id.0)
        .fetch_one(&mut *tx)
        .await?;
        if rules > 0 {
            return Err(AppError::Conflict {
                message: format!(
                    "“{name}” cannot be deleted while access rules name it ({rules}). Remove those rules first."
                ),
            });
        }
        sqlx::query("DELETE FROM team_members WHERE team_id = $1")
            .bind(id.0)
            .execute(&mut *tx)
            .await?;
        sqlx::query("DELETE FROM teams WHERE id = $1")
            .bind(id.0)
            .execute(&mut *tx)
            .await?;
        let before = TeamEntry {
            name: &name,
            organization: OrganizationId(organization),
        };
        audit::record(
            &mut tx,
            Entry::<_, ()> {
                actor: Some(actor),
                at: now,
                action: "team.delete",
                entity: "teams",
                entity_id: id.0,
                before: Some(&before),
                after: None,
            },
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }
}
