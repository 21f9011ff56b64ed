//! The fallback a page shows while its data is on the way.

use leptos::prelude::*;

/// For `<Suspense fallback=loading>` and `<Transition fallback=loading>`.
pub fn loading() -> impl IntoView {
    view! { <p class="loading">"Loading…"</p> }
}

/// The same, for a list while its search runs.
pub fn searching() -> impl IntoView {
    view! { <p class="loading">"Searching…"</p> }
}
