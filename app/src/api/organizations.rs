//! Organizations' server functions (issue 4): site administrators only.

use leptos::prelude::*;
use policy::OrganizationId;

use crate::directory::Named;
use crate::error::AppError;

#[cfg(feature = "ssr")]
async fn organization_manager() -> Result<crate::auth::current::Caller, AppError> {
    let caller = crate::auth::current::current_personnel().await?;
    policy::may_administer(&caller.subject, policy::AdministrationAction::ManageOrganizations)?;
    Ok(caller)
}

#[server(endpoint = "list_organizations")]
pub async fn list_organizations() -> Result<Vec<Named<OrganizationId>>, AppError> {
    crate::api::reply(
        async {
            let caller = organization_manager().await?;
            crate::administration::organizations::list(&caller.state.pool).await
        }
        .await,
    )
}

#[server(endpoint = "create_organization")]
pub async fn create_organization(name: String) -> Result<OrganizationId, AppError> {
    crate::api::reply(
        async {
            let caller = organization_manager().await?;
            let now = caller.state.clock.now();
            crate::administration::organizations::create(&caller.state.pool, caller.subject.id, &name, now)
                .await
        }
        .await,
    )
}

#[server(endpoint = "rename_organization")]
pub async fn rename_organization(id: OrganizationId, name: String) -> Result<(), AppError> {
    crate::api::reply(
        async {
            let caller = organization_manager().await?;
            let now = caller.state.clock.now();
            crate::administration::organizations::rename(
                &caller.state.pool,
                caller.subject.id,
                id,
                &name,
                now,
            )
            .await
        }
        .await,
    )
}
