//! The `:id` of the current route as a typed id.

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

/// The route's `:id` parameter wrapped in its id type (`None` when it is
/// missing or not a number, which the pages show as "not found").
pub fn route_id<T: Send + Sync + PartialEq + 'static>(wrap: fn(i64) -> T) -> Memo<Option<T>> {
    let params = use_params_map();
    Memo::new(move |_| {
        params
            .read()
            .get("id")
            .and_then(|id| id.parse::<i64>().ok())
            .map(wrap)
    })
}
