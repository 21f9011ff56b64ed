//! Organizations' server functions (spec, "Administration within bounds"): site administrators only.

use crate::api::answer_encoding::JsonAnswer;
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

#[server(endpoint = "list_organizations", output = JsonAnswer)]
pub async fn list_organizations() -> Result<Vec<Named<OrganizationId>>, AppError> {
    crate::api::reply(async {
        let caller = organization_manager().await?;
        crate::administration::organizations::list(&caller.state.pool).await
    })
    .await
}

#[server(endpoint = "create_organization", output = JsonAnswer)]
pub async fn create_organization(name: String) -> Result<OrganizationId, AppError> {
    crate::api::reply(async {
        let caller = organization_manager().await?;
        let now = caller.state.clock.now();
        crate::administration::organizations::create(&caller.state.pool, caller.subject.id, &name, now).await
    })
    .await
}

#[server(endpoint = "rename_organization", output = JsonAnswer)]
pub async fn rename_organization(id: OrganizationId, name: String) -> Result<(), AppError> {
    crate::api::reply(async {
        let caller = organization_manager().await?;
        let now = caller.state.clock.now();
        crate::administration::organizations::rename(&caller.state.pool, caller.subject.id, id, &name, now)
            .await
    })
    .await
}
