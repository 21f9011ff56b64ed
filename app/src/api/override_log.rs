//! The override log's server functions (spec, "Changing a record's protection"): a page of entries and the
//! CSV export, both for people the rulebook lets read the log. A record is
//! named only to a reader who may open it.

use crate::api::answer_encoding::JsonAnswer;
use leptos::prelude::*;
use leptos::server_fn::codec::Json;

use crate::error::AppError;
use crate::override_log::{OverrideLogFilter, OverrideLogPage};

/// Someone the rulebook lets read the log, with the site settings (which
/// decide the records they may open).
#[cfg(feature = "ssr")]
async fn log_reader() -> Result<crate::api::caller::RecordsCaller, AppError> {
    let caller = crate::auth::current::current_personnel().await?;
    policy::may_administer(&caller.subject, policy::AdministrationAction::ReadOverrideLog)?;
    crate::api::caller::RecordsCaller::with_settings(caller).await
}

/// One page of the overrides that match `filter`, newest first.
#[server(endpoint = "override_log", input = Json, output = JsonAnswer)]
pub async fn override_log(filter: OverrideLogFilter, page: u32) -> Result<OverrideLogPage, AppError> {
    crate::api::reply(async {
        let log = log_reader().await?;
        crate::override_log::query::page(log.pool(), log.asking(), &log.local, &filter, page).await
    })
    .await
}

/// Every override that matches `filter`, as CSV text.
#[server(endpoint = "export_override_log", input = Json, output = JsonAnswer)]
pub async fn export_override_log(filter: OverrideLogFilter) -> Result<String, AppError> {
    crate::api::reply(async {
        let log = log_reader().await?;
        let entries = crate::override_log::query::all(log.pool(), log.asking(), &log.local, &filter).await?;
        crate::override_log::export::to_csv(&entries)
    })
    .await
}
