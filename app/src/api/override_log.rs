//! The override log's server functions (issue 6): a page of entries and the
//! CSV export, both for people the rulebook lets read the log.

use leptos::prelude::*;
use leptos::server_fn::codec::Json;

use crate::error::AppError;
use crate::override_log::{OverrideLogFilter, OverrideLogPage};

#[cfg(feature = "ssr")]
async fn reader() -> Result<crate::auth::current::Caller, AppError> {
    let caller = crate::auth::current::current_personnel().await?;
    policy::may_administer(&caller.subject, policy::AdministrationAction::ReadOverrideLog)?;
    Ok(caller)
}

/// One page of the overrides that match `filter`, newest first.
#[server(endpoint = "override_log", input = Json)]
pub async fn override_log(filter: OverrideLogFilter, page: u32) -> Result<OverrideLogPage, AppError> {
    crate::api::reply(
        async {
            let caller = reader().await?;
            let now = caller.state.clock.now();
            crate::override_log::query::page(&caller.state.pool, &filter, page, now).await
        }
        .await,
    )
}

/// Every override that matches `filter`, as CSV text.
#[server(endpoint = "export_override_log", input = Json)]
pub async fn export_override_log(filter: OverrideLogFilter) -> Result<String, AppError> {
    crate::api::reply(
        async {
            let caller = reader().await?;
            let now = caller.state.clock.now();
            let entries = crate::override_log::query::all(&caller.state.pool, &filter, now).await?;
            crate::override_log::export::to_csv(&entries)
        }
        .await,
    )
}
