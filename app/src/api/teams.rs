//! Teams' server functions (spec, "Administration within bounds"): "manage teams", or a site administrator.

use crate::api::answer_encoding::JsonAnswer;
use leptos::prelude::*;
use policy::{PersonnelId, TeamId};

use crate::administration::teams::{TeamDetails, TeamSummary};
use crate::directory::Named;
use crate::error::AppError;

#[cfg(feature = "ssr")]
async fn team_manager() -> Result<crate::auth::current::Caller, AppError> {
    let caller = crate::auth::current::current_personnel().await?;
    policy::may_administer(&caller.subject, policy::AdministrationAction::ManageTeams)?;
    Ok(caller)
}

#[server(endpoint = "list_teams", output = JsonAnswer)]
pub async fn list_teams() -> Result<Vec<TeamSummary>, AppError> {
    crate::api::reply(async {
        let caller = team_manager().await?;
        let organization = policy::administered_organization(&caller.subject);
        crate::administration::teams::list(&caller.state.pool, organization).await
    })
    .await
}

#[server(endpoint = "load_team", output = JsonAnswer)]
pub async fn load_team(id: TeamId) -> Result<TeamDetails, AppError> {
    crate::api::reply(async {
        let caller = team_manager().await?;
        let team = crate::administration::teams::load(&caller.state.pool, id).await?;
        policy::may_manage_teams_of(&caller.subject, team.organization)?;
        Ok(team)
    })
    .await
}

/// Creates a team in the organization of the person creating it.
#[server(endpoint = "create_team", output = JsonAnswer)]
pub async fn create_team(name: String) -> Result<TeamId, AppError> {
    crate::api::reply(async {
        let caller = team_manager().await?;
        let now = caller.state.clock.now();
        let organization = caller.subject.organization;
        crate::administration::teams::create(&caller.state.pool, caller.subject.id, &name, organization, now)
            .await
    })
    .await
}

#[server(endpoint = "rename_team", output = JsonAnswer)]
pub async fn rename_team(id: TeamId, name: String) -> Result<(), AppError> {
    crate::api::reply(async {
        let caller = team_manager().await?;
        let now = caller.state.clock.now();
        crate::administration::teams::rename(&caller.state.pool, caller.subject.id, id, &name, now).await
    })
    .await
}

/// Active personnel whose name or job title contains `query`, or whose
/// whole e-mail address it is, to add to a team (of the caller's own organization unless a site administrator).
#[server(endpoint = "team_candidates", output = JsonAnswer)]
pub async fn team_candidates(query: String) -> Result<Vec<Named<PersonnelId>>, AppError> {
    crate::api::reply(async {
        let caller = team_manager().await?;
        let organization = policy::administered_organization(&caller.subject);
        let found = crate::directory::search::search(&caller.state.pool, &query, false, organization).await?;
        Ok(found
            .into_iter()
            .map(|p| Named {
                id: p.id,
                name: p.name,
            })
            .collect())
    })
    .await
}

#[server(endpoint = "add_team_member", output = JsonAnswer)]
pub async fn add_team_member(team: TeamId, personnel: PersonnelId) -> Result<(), AppError> {
    change_member(team, personnel, true).await
}

#[server(endpoint = "remove_team_member", output = JsonAnswer)]
pub async fn remove_team_member(team: TeamId, personnel: PersonnelId) -> Result<(), AppError> {
    change_member(team, personnel, false).await
}

/// Deletes a team that no rule names.
#[server(endpoint = "delete_team", output = JsonAnswer)]
pub async fn delete_team(id: TeamId) -> Result<(), AppError> {
    crate::api::reply(async {
        let caller = team_manager().await?;
        let now = caller.state.clock.now();
        crate::administration::teams::delete(&caller.state.pool, caller.subject.id, id, now).await
    })
    .await
}

/// Adds (`member`) or removes a team's member, for both server functions.
#[cfg(feature = "ssr")]
async fn change_member(team: TeamId, personnel: PersonnelId, member: bool) -> Result<(), AppError> {
    crate::api::reply(async {
        let caller = team_manager().await?;
        let now = caller.state.clock.now();
        crate::administration::teams::change_member(
            &caller.state.pool,
            caller.subject.id,
            team,
            personnel,
            member,
            now,
        )
        .await
    })
    .await
}
