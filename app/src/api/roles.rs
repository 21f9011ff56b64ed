//! Roles' server functions (spec, "Administration within bounds"): "manage roles", or a site administrator.

use crate::api::answer_encoding::JsonAnswer;
use leptos::prelude::*;
use leptos::server_fn::codec::Json;
use policy::{PermissionSet, RoleId};

use crate::administration::roles::{RoleDetails, RoleSummary};
use crate::error::AppError;

#[cfg(feature = "ssr")]
async fn role_manager() -> Result<crate::auth::current::Caller, AppError> {
    let caller = crate::auth::current::current_personnel().await?;
    policy::may_administer(&caller.subject, policy::AdministrationAction::ManageRoles)?;
    Ok(caller)
}

#[server(endpoint = "list_roles", output = JsonAnswer)]
pub async fn list_roles() -> Result<Vec<RoleSummary>, AppError> {
    crate::api::reply(async {
        let caller = role_manager().await?;
        crate::administration::roles::list(&caller.state.pool).await
    })
    .await
}

/// A role with the people who have it.
#[server(endpoint = "load_role", output = JsonAnswer)]
pub async fn load_role(id: RoleId) -> Result<RoleDetails, AppError> {
    crate::api::reply(async {
        let caller = role_manager().await?;
        crate::administration::roles::load(&caller.state.pool, id).await
    })
    .await
}

#[server(endpoint = "create_role", input = Json, output = JsonAnswer)]
pub async fn create_role(name: String, permissions: PermissionSet) -> Result<RoleId, AppError> {
    crate::api::reply(async {
        let caller = role_manager().await?;
        let now = caller.state.clock.now();
        crate::administration::roles::create(&caller.state.pool, caller.subject.id, &name, permissions, now)
            .await
    })
    .await
}

/// Renames a role and sets the permissions it holds.
#[server(endpoint = "update_role", input = Json, output = JsonAnswer)]
pub async fn update_role(id: RoleId, name: String, permissions: PermissionSet) -> Result<(), AppError> {
    crate::api::reply(async {
        let caller = role_manager().await?;
        let now = caller.state.clock.now();
        crate::administration::roles::update(
            &caller.state.pool,
            caller.subject.id,
            id,
            &name,
            permissions,
            now,
        )
        .await
    })
    .await
}

/// Deletes a role that nobody has.
#[server(endpoint = "delete_role", output = JsonAnswer)]
pub async fn delete_role(id: RoleId) -> Result<(), AppError> {
    crate::api::reply(async {
        let caller = role_manager().await?;
        let now = caller.state.clock.now();
        crate::administration::roles::delete(&caller.state.pool, caller.subject.id, id, now).await
    })
    .await
}
