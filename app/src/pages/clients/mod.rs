//! The Clients area: the search with results as the person types, only
//! among the clients the rulebook lets them view (holders of "override
//! access" also see bare "Restricted" entries); "New client"; and each
//! client's profile.

pub mod allowed_personnel;
pub mod details;
pub mod lock;
pub mod new_client;
pub mod profile;
pub mod responsible;

use leptos::prelude::*;

use crate::plural::CLIENTS;
use policy::{Area, Permission};

use crate::api::clients::search_clients;
use crate::clients::ClientSearchPage;
use crate::layout::AreaGate;
use crate::pages::list_search::{ListSearch, UrlSearch};
use crate::pages::pager::{KeyedPager, KeyedPosition, KeyedStatus};
use crate::pages::widgets::{NewRecordAction, RestrictedEntry, list_answer, searching, use_hydrated};

/// The search's resource is made before the area gate, and its results are
/// shown after the gate, not inside it: a resource made inside another's
/// `Suspend` can hydrate in a different order from the server's and break
/// hydration, and a resource that no rendered `Suspense` reads can leave the
/// server's rendering of the page waiting. When the area is closed the
/// server refuses the search too, and the results stay empty: the gate says
/// why.
#[component]
pub fn ClientsPage() -> impl IntoView {
    let search = UrlSearch::from_url();
    let ready = use_hydrated();
    let results = Resource::new(
        move || search.current.get(),
        |ListSearch { text, mine, place }| {
            let (after, before) = place.from.arguments();
            search_clients(text, mine, after, before)
        },
    );
    view! {
        <AreaGate area=Area::Clients>
            <div class="page-heading">
                <h1>"Clients"</h1>
                <NewRecordAction permission=Permission::CreateClients href="/clients/new" label="New client" />
            </div>
            <div class="search-bar" role="search">
                <label for="client-search">"Search by name, identifier or date of birth (YYYY-MM-DD)"</label>
                <input
                    id="client-search"
                    type="search"
                    autocomplete="off"
                    disabled=move || !ready.get()
                    prop:value=move || search.typed.get()
                    on:input=move |ev| {
                        search.set_text(event_target_value(&ev));
                    }
                />
                <label class="check">
                    <input
                        type="checkbox"
                        prop:checked=move || search.current.with(|s| s.mine)
                        on:change=move |ev| search.set_mine(event_target_checked(&ev))
                    />
                    "My clients only (I am responsible)"
                </label>
            </div>
        </AreaGate>
        <Transition fallback=searching>
            {list_answer(results, move |found| view! { <Results found search /> })}
        </Transition>
    }
}

#[component]
fn Results(found: ClientSearchPage, search: UrlSearch) -> impl IntoView {
    let ClientSearchPage {
        clients,
        count,
        links,
        restricted,
    } = found;
    // Restricted entries follow: say that none of those one can open match.
    let empty = if restricted.is_empty() {
        "No clients match."
    } else {
        "No clients you can open match."
    };
    let at = KeyedPosition {
        place: search.current.with_untracked(|s| s.place.clone()),
        shown: clients.len(),
        count,
        links,
    };
    view! {
        <KeyedStatus at=at.clone() noun=CLIENTS empty=empty />
        <ul class="people clients">
            {clients.into_iter().map(|client| view! {
                <li class="person">
                    <a class="person-link" href=format!("/clients/{}", client.id)>
                        <span class="person-name">
                            {format!("{} {}", client.first_name, client.last_name)}
                            {client.locked.then(|| view! {
                                <svg class="lock-mark" role="img" aria-label="Locked" viewBox="0 0 16 16" fill="currentColor">
                                    <title>"Locked"</title>
                                    <path d="M4 7V5a4 4 0 0 1 8 0v2h1v8H3V7zm2 0h4V5a2 2 0 0 0-4 0z" />
                                </svg>
                            })}
                        </span>
                        <span class="person-detail">{client.date_of_birth.unwrap_or_default()}</span>
                        <span class="person-detail">{client.identifier}</span>
                    </a>
                </li>
            }).collect_view()}
            {restricted.into_iter().map(|client| view! {
                <RestrictedEntry href=format!("/clients/{}", client.id) name=client.name />
            }).collect_view()}
        </ul>
        <KeyedPager at search />
    }
}
