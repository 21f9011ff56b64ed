//! The Personnel area (spec, "Personnel lifecycle"; seeds 001 and 004): the directory search,
//! adding a person, editing an account, and "My team".

pub mod account_page;
pub mod add_page;
pub mod fields;
pub mod my_team;

use leptos::prelude::*;
use policy::Code;
use policy::{Area, PersonnelStatus};

use crate::api::personnel::search_personnel;
use crate::directory::PersonnelSummary;
use crate::layout::AreaGate;
use crate::pages::widgets::searching;

/// The directory: a search by name, job title or whole e-mail address with results as the
/// person types; Inactive and Pending accounts hidden unless asked for.
/// The search's resource is made before the area gate and its results shown
/// after it (see `crate::pages::clients::ClientsPage` for why).
#[component]
pub fn PersonnelPage() -> impl IntoView {
    let query = RwSignal::new(String::new());
    let show_inactive = RwSignal::new(false);
    let results = Resource::new(
        move || (query.get(), show_inactive.get()),
        |(query, show_inactive)| search_personnel(query, show_inactive),
    );
    view! {
        <AreaGate area=Area::Personnel>
            <div class="page-heading">
                <h1>"Personnel"</h1>
                <div class="actions">
                    <a class="button" href="/personnel/new">"Add personnel"</a>
                    <a class="button secondary" href="/personnel/new?quick=1">"Quick add"</a>
                </div>
            </div>
            <div class="search-bar" role="search">
                <label for="personnel-search">"Search by name, job title or whole e-mail address"</label>
                <input
                    id="personnel-search"
                    type="search"
                    autocomplete="off"
                    prop:value=move || query.get()
                    on:input=move |ev| query.set(event_target_value(&ev))
                />
                <label class="check">
                    <input
                        type="checkbox"
                        prop:checked=move || show_inactive.get()
                        on:change=move |ev| show_inactive.set(event_target_checked(&ev))
                    />
                    "Show Inactive and Pending"
                </label>
            </div>
        </AreaGate>
        <Transition fallback=searching>
            {move || Suspend::new(async move {
                match results.await {
                    Ok(people) if people.is_empty() => {
                        view! { <p class="empty">"Nobody matches this search."</p> }.into_any()
                    }
                    Ok(people) => view! { <PersonnelList people /> }.into_any(),
                    Err(error) if error.is_access_refusal() => ().into_any(),
                    Err(error) => view! { <p class="form-error" role="alert">{error.to_string()}</p> }.into_any(),
                }
            })}
        </Transition>
    }
}

/// People as a list of rows that read well on a tablet and a desktop.
#[component]
pub fn PersonnelList(people: Vec<PersonnelSummary>) -> impl IntoView {
    view! {
        <ul class="people">
            {people
                .into_iter()
                .map(|person| {
                    let href = format!("/personnel/{}", person.id);
                    view! {
                        <li class=format!("person status-{}", person.status.code().to_lowercase())>
                            <a href=href>
                                <span class="person-name">{person.name}</span>
                                <span class="person-detail">{person.job_title}</span>
                                <span class="person-detail">{person.email}</span>
                                <span class="person-detail">{person.role_name}</span>
                            </a>
                            <StatusBadge status=person.status />
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
}

#[component]
pub fn StatusBadge(status: PersonnelStatus) -> impl IntoView {
    view! {
        <span class=format!("badge status-{}", status.code().to_lowercase())>{status.code()}</span>
    }
}
