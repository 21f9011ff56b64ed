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
use crate::pages::pager::{KeyedPager, KeyedPosition, KeyedStatus, ListPlace};
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
    let query = RwSignal::new(String::new());
    let mine = RwSignal::new(false);
    let place = RwSignal::new(ListPlace::default());
    let ready = use_hydrated();
    let results = Resource::new(
        move || (query.get(), mine.get(), place.get()),
        |(query, mine, place)| {
            let (after, before) = place.from.arguments();
            search_clients(query, mine, after, before)
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
                    prop:value=move || query.get()
                    on:input=move |ev| {
                        place.set(ListPlace::default());
                        query.set(event_target_value(&ev));
                    }
                />
                <label class="check">
                    <input
                        type="checkbox"
                        prop:checked=move || mine.get()
                        on:change=move |ev| {
                            place.set(ListPlace::default());
                            mine.set(event_target_checked(&ev));
                        }
                    />
                    "My clients only (I am responsible)"
                </label>
            </div>
        </AreaGate>
        <Transition fallback=searching>
            {list_answer(results, move |found| view! { <Results found place /> })}
        </Transition>
    }
}

#[component]
fn Results(found: ClientSearchPage, place: RwSignal<ListPlace>) -> impl IntoView {
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
        place: place.get_untracked(),
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
                                <span class="lock-mark" role="img" aria-label="Locked" title="Locked">"🔒"</span>
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
        <KeyedPager at place />
    }
}
