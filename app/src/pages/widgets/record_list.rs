//! The parts the Clients and Sessions lists share: the "New …" button for
//! those whose role may create, the answer shown under the search, and the
//! bare "Restricted" entry offered to holders of "override access".

use leptos::prelude::*;
use policy::Permission;

use crate::error::AppError;
use crate::me::Me;

/// The heading's action, offered to those whose role holds `permission`.
/// The server decides again when the form is sent.
#[component]
pub fn NewRecordAction(permission: Permission, href: &'static str, label: &'static str) -> impl IntoView {
    use_context::<Me>()
        .is_some_and(|me| me.holds(permission))
        .then(|| {
            view! {
                <div class="actions">
                    <a class="button" href=href>{label}</a>
                </div>
            }
        })
}

/// The list's answer under the search: the page of results, nothing when
/// the area is closed (the area gate above says why), or the problem.
pub fn list_answer<T, V>(
    results: Resource<Result<T, AppError>>,
    show: impl Fn(T) -> V + Copy + Send + Sync + 'static,
) -> impl IntoView
where
    T: Clone + Send + Sync + serde::Serialize + serde::de::DeserializeOwned + 'static,
    V: IntoView + 'static,
{
    move || {
        Suspend::new(async move {
            match results.await {
                Ok(found) => show(found).into_any(),
                Err(error) if error.is_access_refusal() => ().into_any(),
                Err(error) => view! { <p class="form-error" role="alert">{error.to_string()}</p> }.into_any(),
            }
        })
    }
}

/// A record the person may only open by overriding: its name (or title)
/// and nothing more.
#[component]
pub fn RestrictedEntry(href: String, name: String) -> impl IntoView {
    view! {
        <li class="person restricted">
            <a class="person-link" href=href>
                <span class="person-name">{name}</span>
                <span class="person-detail">"Restricted"</span>
                <span class="override-hint">"Override access"</span>
            </a>
        </li>
    }
}
