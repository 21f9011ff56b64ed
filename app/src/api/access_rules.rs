//! The access-rules panel's server functions (spec, "Changing a record's protection"), for a record's
//! rules ("Edit access") and an organization's default rules alike. Each
//! finds the current personnel; the plain functions in
//! `access_rules::changes` ask the rulebook on what they load.

use crate::api::answer_encoding::JsonAnswer;
use leptos::prelude::*;
use leptos::server_fn::codec::Json;
use policy::{AccessRule, RuleEffect, RuleSubject};

use crate::access_rules::{RuleLine, RulePlace, SubjectChoice};
use crate::error::AppError;

/// Runs `work` for the signed-in person with the site settings and the
/// server's time.
#[cfg(feature = "ssr")]
async fn as_caller<T, F>(work: F) -> Result<T, AppError>
where
    F: AsyncFnOnce(&crate::store::Pool, crate::asking::Asking<'_>) -> Result<T, AppError>,
{
    let caller = crate::auth::current::current_personnel().await?;
    policy::may_use_app(&caller.subject)?;
    let caller = crate::api::caller::RecordsCaller::with_settings(caller).await?;
    work(caller.pool(), caller.asking()).await
}

/// The rules of `place`, for someone who may edit them.
#[server(endpoint = "access_rules", input = Json, output = JsonAnswer)]
pub async fn access_rules(place: RulePlace) -> Result<Vec<RuleLine>, AppError> {
    use crate::access_rules::changes;
    crate::api::reply(as_caller(async |pool, asking| {
        changes::list(pool, asking, place).await
    }))
    .await
}

/// Teams and Active personnel matching `query`, for a new rule on `place`.
#[server(endpoint = "rule_subject_choices", input = Json, output = JsonAnswer)]
pub async fn rule_subject_choices(place: RulePlace, query: String) -> Result<Vec<SubjectChoice>, AppError> {
    use crate::access_rules::{changes, choices};
    crate::api::reply(as_caller(async |pool, asking| {
        changes::may_edit(pool, asking, place).await?;
        choices::subjects(pool, &query).await
    }))
    .await
}

/// "Add access rule".
#[server(endpoint = "add_access_rule", input = Json, output = JsonAnswer)]
pub async fn add_access_rule(place: RulePlace, rule: AccessRule) -> Result<(), AppError> {
    use crate::access_rules::changes;
    crate::api::reply(as_caller(async |pool, asking| {
        changes::add(pool, asking, place, rule).await
    }))
    .await
}

/// Gives the rule about `subject` the other effect.
#[server(endpoint = "change_access_rule", input = Json, output = JsonAnswer)]
pub async fn change_access_rule(
    place: RulePlace,
    subject: RuleSubject,
    effect: RuleEffect,
) -> Result<(), AppError> {
    use crate::access_rules::changes;
    crate::api::reply(as_caller(async |pool, asking| {
        changes::change_effect(pool, asking, place, subject, effect).await
    }))
    .await
}

/// Removes the rule about `subject`.
#[server(endpoint = "remove_access_rule", input = Json, output = JsonAnswer)]
pub async fn remove_access_rule(place: RulePlace, subject: RuleSubject) -> Result<(), AppError> {
    use crate::access_rules::changes;
    crate::api::reply(as_caller(async |pool, asking| {
        changes::remove(pool, asking, place, subject).await
    }))
    .await
}
