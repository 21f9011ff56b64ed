//! "Allowed Personnel" on a client's profile (seed 000): the people listed,
//! each with "Remove"; "Add Personnel" opens a dialog with a search box
//! (name, job title or whole e-mail address; Active personnel only) and "Add" per result.
//! The list updates without a page reload.

use leptos::prelude::*;
use policy::{ClientId, PersonnelId};

use crate::api::clients::{add_allowed_personnel, allowed_personnel_choices, remove_allowed_personnel};
use crate::clients::PersonnelChoice;
use crate::directory::Named;
use crate::pages::search_picker::SearchPicker;
use crate::pages::widgets::{FormProblem, Refresh, use_hydrated};

#[component]
pub fn AllowedPersonnel(
    id: ClientId,
    list: Vec<Named<PersonnelId>>,
    /// The rulebook lets the person add and remove allowed personnel here.
    may_change: bool,
    dialog_open: RwSignal<bool>,
    version: Refresh,
) -> AnyView {
    let remove = Action::new(move |person: &PersonnelId| remove_allowed_personnel(id, *person));
    let ready = use_hydrated();
    let error = Signal::derive(move || remove.value().get().and_then(Result::err));
    Effect::new(move |_| {
        if let Some(Ok(())) = remove.value().get() {
            version.reload();
        }
    });
    view! {
        <section class="allowed-personnel">
            <h2>"Allowed Personnel"</h2>
            <p class="hint">
                "When this client is locked, only these people can open it. Being listed does not change anyone's permissions."
            </p>
            {if list.is_empty() {
                view! { <p class="empty">"Nobody is listed yet."</p> }.into_any()
            } else {
                view! {
                    <ul class="people" aria-label="Allowed personnel">
                        {list.into_iter().map(|person| {
                            let who = person.id;
                            view! {
                                <li class="person">
                                    <span><span class="person-name">{person.name.clone()}</span></span>
                                    {may_change.then(|| view! {
                                        <button type="button" class="secondary"
                                            aria-label=format!("Remove {}", person.name)
                                            disabled=move || !ready.get() || remove.pending().get()
                                            on:click=move |_| { remove.dispatch(who); }>"Remove"</button>
                                    })}
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
            <FormProblem error />
            {may_change.then(|| view! {
                <button type="button" disabled=move || !ready.get() on:click=move |_| dialog_open.set(true)>"Add Personnel"</button>
            })}
        </section>
    }
    .into_any()
}

/// The "Add Personnel" dialog. `listed` is who is on the list now, shown as
/// "Added" instead of an "Add" button.
#[component]
pub fn AllowedPersonnelDialog(
    id: ClientId,
    open: RwSignal<bool>,
    #[prop(into)] listed: Signal<Vec<PersonnelId>>,
    version: Refresh,
) -> AnyView {
    let search = Action::new(move |text: &String| allowed_personnel_choices(id, text.clone()));
    let add = Action::new(move |person: &PersonnelId| add_allowed_personnel(id, *person));
    let error = Signal::derive(move || {
        add.value()
            .get()
            .and_then(Result::err)
            .or_else(|| search.value().get().and_then(Result::err))
    });
    Effect::new(move |_| {
        if let Some(Ok(())) = add.value().get() {
            version.reload();
        }
    });
    view! {
        <Show when=move || open.get()>
            <div class="dialog-backdrop">
                <div class="dialog" role="dialog" aria-modal="true" aria-labelledby="allowed-dialog-title">
                    <h2 id="allowed-dialog-title">"Add Personnel"</h2>
                    <SearchPicker input_id="allowed-search" label="Search personnel by name, job title or whole e-mail address" search
                        row=move |person: PersonnelChoice| {
                            let who = person.id;
                            let is_listed = move || listed.with(|l| l.contains(&who));
                            view! {
                                <li class="person">
                                    <span>
                                        <span class="person-name">{person.name.clone()}</span>
                                        <span class="person-detail">{person.job_title}</span>
                                    </span>
                                    <button type="button" aria-label=format!("Add {}", person.name)
                                        disabled=move || is_listed() || add.pending().get()
                                        on:click=move |_| { add.dispatch(who); }>
                                        {move || if is_listed() { "Added" } else { "Add" }}
                                    </button>
                                </li>
                            }
                            .into_any()
                        } />
                    <FormProblem error />
                    <div class="actions">
                        <button type="button" class="secondary" on:click=move |_| open.set(false)>"Close"</button>
                    </div>
                </div>
            </div>
        </Show>
    }
    .into_any()
}
