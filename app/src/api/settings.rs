//! Site settings' server functions: site administrators only.

use crate::api::answer_encoding::JsonAnswer;
use leptos::prelude::*;
use leptos::server_fn::codec::Json;

use crate::error::AppError;
use crate::settings::SettingsForm;

#[cfg(feature = "ssr")]
async fn settings_manager() -> Result<crate::auth::current::Caller, AppError> {
    let caller = crate::auth::current::current_personnel().await?;
    policy::may_administer(&caller.subject, policy::AdministrationAction::ChangeSiteSettings)?;
    Ok(caller)
}

#[server(endpoint = "load_site_settings", output = JsonAnswer)]
pub async fn load_site_settings() -> Result<SettingsForm, AppError> {
    crate::api::reply(async {
        let caller = settings_manager().await?;
        crate::settings::load(&caller.state.pool).await
    })
    .await
}

#[server(endpoint = "save_site_settings", input = Json, output = JsonAnswer)]
pub async fn save_site_settings(settings: SettingsForm) -> Result<(), AppError> {
    crate::api::reply(async {
        let caller = settings_manager().await?;
        let now = caller.state.clock.now();
        crate::settings::save(&caller.state.pool, caller.subject.id, settings, now).await
    })
    .await
}
