//! The client's responsible personnel (seed 002), and the picker that
//! changes it: Active personnel, case managers first. In "Visible to
//! responsible user" mode only site administrators may change it; otherwise
//! anyone who may edit the client (the server decides).

use leptos::prelude::*;
use policy::{ClientId, PersonnelId};

use crate::api::clients::{change_responsible, responsible_choices};
use crate::clients::PersonnelChoice;
use crate::directory::Named;
use crate::pages::search_picker::SearchPicker;
use crate::pages::widgets::{FormProblem, Refresh, use_hydrated};

#[component]
pub fn ResponsiblePersonnel(
    id: ClientId,
    responsible: Option<Named<PersonnelId>>,
    may_change: bool,
    version: Refresh,
) -> AnyView {
    let picking = RwSignal::new(false);
    let ready = use_hydrated();
    let search = Action::new(move |text: &String| responsible_choices(id, text.clone()));
    let change = Action::new(move |person: &Option<PersonnelId>| change_responsible(id, *person));
    let error = Signal::derive(move || {
        change
            .value()
            .get()
            .and_then(Result::err)
            .or_else(|| search.value().get().and_then(Result::err))
    });
    Effect::new(move |_| {
        if let Some(Ok(())) = change.value().get() {
            version.reload();
        }
    });
    let has_responsible = responsible.is_some();
    view! {
        <section class="responsible">
            <h2>"Responsible personnel"</h2>
            <p class="responsible-name">
                {responsible.map_or_else(|| "Nobody is responsible for this client.".to_owned(), |r| r.name)}
            </p>
            {may_change.then(|| view! {
                <button type="button" class="secondary" hidden=move || picking.get() disabled=move || !ready.get()
                    on:click=move |_| picking.set(true)>"Change responsible personnel"</button>
            })}
            <Show when=move || picking.get()>
                <div class="picker">
                    <SearchPicker input_id="responsible-search" label="Search personnel by name, job title or whole e-mail address" search
                        row=move |person: PersonnelChoice| {
                            let who = person.id;
                            view! {
                                <li class="person">
                                    <span>
                                        <span class="person-name">{person.name.clone()}</span>
                                        <span class="person-detail">{person.job_title}</span>
                                        {person.case_manager.then(|| view! { <span class="badge">"Case manager"</span> })}
                                    </span>
                                    <button type="button" aria-label=format!("Make {} responsible", person.name)
                                        disabled=move || change.pending().get()
                                        on:click=move |_| { change.dispatch(Some(who)); }>"Choose"</button>
                                </li>
                            }
                            .into_any()
                        } />
                    <div class="actions">
                        {has_responsible.then(|| view! {
                            <button type="button" class="secondary" on:click=move |_| { change.dispatch(None); }>
                                "Nobody responsible"
                            </button>
                        })}
                        <button type="button" class="secondary" on:click=move |_| picking.set(false)>"Cancel"</button>
                    </div>
                </div>
            </Show>
            <FormProblem error />
        </section>
    }
    .into_any()
}
