//! The Sessions area: group and family (whānau) sessions the person may
//! open, newest first, searched by title or date (holders of "override
//! access" also see bare "Restricted" entries); "New session"; and each
//! session's page.

pub mod new_session;
pub mod record;

use leptos::prelude::*;

use crate::plural::SESSIONS;
use policy::{Area, Permission};

use crate::api::sessions::list_sessions;
use crate::layout::AreaGate;
use crate::pages::list_search::{ListSearch, UrlSearch};
use crate::pages::pager::{KeyedPager, KeyedPosition, KeyedStatus};
use crate::pages::widgets::{NewRecordAction, RestrictedEntry, list_answer, searching, use_hydrated};
use crate::sessions::SessionListPage;

/// As on `ClientsPage`: the list's resource is made before the area gate and
/// its results are shown after it, so it is always read.
#[component]
pub fn SessionsPage() -> impl IntoView {
    let search = UrlSearch::from_url();
    let ready = use_hydrated();
    let results = Resource::new(
        move || search.current.get(),
        |ListSearch { text, place, .. }| {
            let (after, before) = place.from.arguments();
            list_sessions(text, after, before)
        },
    );
    view! {
        <AreaGate area=Area::Sessions>
            <div class="page-heading">
                <h1>"Sessions"</h1>
                <NewRecordAction permission=Permission::EditSessions href="/sessions/new" label="New session" />
            </div>
            <div class="search-bar" role="search">
                <label for="session-search">"Search by title or date (YYYY-MM-DD)"</label>
                <input id="session-search" type="search" autocomplete="off"
                    disabled=move || !ready.get()
                    prop:value=move || search.typed.get()
                    on:input=move |ev| {
                        search.set_text(event_target_value(&ev));
                    } />
            </div>
        </AreaGate>
        <Transition fallback=searching>
            {list_answer(results, move |found| view! { <Results found search /> })}
        </Transition>
    }
}

#[component]
fn Results(found: SessionListPage, search: UrlSearch) -> impl IntoView {
    let SessionListPage {
        sessions,
        count,
        links,
        restricted,
    } = found;
    // Restricted entries follow: say that none of those one can open match.
    let empty = if restricted.is_empty() {
        "No sessions match."
    } else {
        "No sessions you can open match."
    };
    let at = KeyedPosition {
        place: search.current.with_untracked(|s| s.place.clone()),
        shown: sessions.len(),
        count,
        links,
    };
    view! {
        <KeyedStatus at=at.clone() noun=SESSIONS empty=empty />
        <ul class="people sessions">
            {sessions.into_iter().map(|session| view! {
                <li class="person">
                    <a class="person-link" href=format!("/sessions/{}", session.id)>
                        <span class="person-name">{session.title}</span>
                        <span class="person-detail">{session.held_on}</span>
                    </a>
                </li>
            }).collect_view()}
            {restricted.into_iter().map(|session| view! {
                <RestrictedEntry href=format!("/sessions/{}", session.id) name=session.title />
            }).collect_view()}
        </ul>
        <KeyedPager at search />
    }
    .into_any()
}
