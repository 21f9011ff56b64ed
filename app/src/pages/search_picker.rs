//! A search box whose results come as the person types: the pickers of
//! allowed personnel, responsible personnel, access-rule subjects, session
//! facilitators and attending clients. It searches once as soon as it is
//! shown (everyone, up to the server's limit, for a tap without typing) and
//! again on every keystroke; each result is drawn by the caller's `row`.

use leptos::prelude::*;

use crate::error::AppError;
use crate::pages::widgets::use_hydrated;

#[component]
pub fn SearchPicker<T, Row>(
    /// The search field's `id`, for its label.
    input_id: &'static str,
    label: &'static str,
    /// Answers the results for a search text.
    search: Action<String, Result<Vec<T>, AppError>>,
    /// One result as a list item.
    row: Row,
) -> impl IntoView
where
    T: Clone + Send + Sync + 'static,
    Row: Fn(T) -> AnyView + Send + Sync + 'static,
{
    let query = RwSignal::new(String::new());
    let row = StoredValue::new(row);
    let ready = use_hydrated();
    // The first search, once hydrated.
    Effect::new(move |_| {
        search.dispatch(query.get_untracked());
    });
    view! {
        <label for=input_id>{label}</label>
        <input id=input_id type="search" autocomplete="off" disabled=move || !ready.get()
            prop:value=move || query.get()
            on:input=move |ev| {
                let text = event_target_value(&ev);
                query.set(text.clone());
                search.dispatch(text);
            } />
        <ul class="people choices">
            {move || {
                let found = search.value().get().and_then(Result::ok).unwrap_or_default();
                row.with_value(|row| found.into_iter().map(row).collect_view())
            }}
        </ul>
    }
    .into_any()
}
