//! "New session" at `/sessions/new`: the title, the date, the facilitators
//! (Active personnel) and the attending clients (only clients the person
//! may open are offered; the server checks again). Each list is a search
//! with the chosen people below it, tap to add, "Remove" to take off.

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use policy::{Area, ClientId, PersonnelId};

use crate::api::clients::search_clients;
use crate::api::sessions::{create_session, facilitator_choices};
use crate::directory::Named;
use crate::error::AppError;
use crate::layout::AreaGate;
use crate::pages::search_picker::SearchPicker;
use crate::pages::widgets::{FormProblem, field_error, use_hydrated};
use crate::sessions::SessionForm;

#[component]
pub fn NewSessionPage() -> impl IntoView {
    let title = RwSignal::new(String::new());
    let held_on = RwSignal::new(String::new());
    let facilitators = RwSignal::new(Vec::<Named<PersonnelId>>::new());
    let attendees = RwSignal::new(Vec::<Named<ClientId>>::new());
    let create = Action::new(|form: &SessionForm| create_session(form.clone()));
    let error = Signal::derive(move || create.value().get().and_then(Result::err));
    let ready = use_hydrated();
    let navigate = use_navigate();
    Effect::new(move |_| {
        if let Some(Ok(id)) = create.value().get() {
            navigate(&format!("/sessions/{id}"), Default::default());
        }
    });
    let find_facilitators = Action::new(|text: &String| {
        let text = text.clone();
        async move {
            facilitator_choices(text).await.map(|people| {
                people
                    .into_iter()
                    .map(|p| Named {
                        id: p.id,
                        name: p.name,
                    })
                    .collect::<Vec<_>>()
            })
        }
    });
    let find_clients = Action::new(|text: &String| {
        let text = text.clone();
        async move {
            search_clients(text, false, String::new(), String::new())
                .await
                .map(|found| {
                    found
                        .clients
                        .into_iter()
                        .map(|c| Named {
                            id: c.id,
                            name: format!("{} {} ({})", c.first_name, c.last_name, c.identifier),
                        })
                        .collect::<Vec<_>>()
                })
        }
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        create.dispatch(SessionForm {
            title: title.get_untracked(),
            held_on: held_on.get_untracked(),
            facilitators: facilitators.with_untracked(|list| list.iter().map(|p| p.id).collect()),
            attendees: attendees.with_untracked(|list| list.iter().map(|c| c.id).collect()),
        });
    };
    view! {
        <AreaGate area=Area::Sessions>
            <section class="card form-card">
                <h1>"New session"</h1>
                <form class="session-form" novalidate on:submit=submit>
                    <label for="session-title">"Title"</label>
                    <input id="session-title" name="title" type="text" autocomplete="off"
                        prop:value=move || title.get()
                        on:input=move |ev| title.set(event_target_value(&ev)) />
                    <p class="field-error">{field_error(error, "title")}</p>
                    <label for="session-held-on">"Date (YYYY-MM-DD)"</label>
                    <input id="session-held-on" name="held_on" type="date"
                        prop:value=move || held_on.get()
                        on:input=move |ev| held_on.set(event_target_value(&ev))
                        on:change=move |ev| held_on.set(event_target_value(&ev)) />
                    <p class="field-error">{field_error(error, "held_on")}</p>
                    <Picker
                        label="Facilitators"
                        field="facilitators"
                        input_id="pick-facilitators"
                        search_label="Search personnel by name, job title or whole e-mail address"
                        chosen=facilitators
                        search=find_facilitators
                        error
                    />
                    <Picker
                        label="Attending clients"
                        field="attendees"
                        input_id="pick-attendees"
                        search_label="Search clients by name, identifier or date of birth"
                        chosen=attendees
                        search=find_clients
                        error
                    />
                    <FormProblem error />
                    <div class="actions">
                        <button type="submit" disabled=move || !ready.get() || create.pending().get()>"Create session"</button>
                        <a class="button secondary" href="/sessions">"Cancel"</a>
                    </div>
                </form>
            </section>
        </AreaGate>
    }
}

/// A list to choose into: a search, its results (tap "Add"), and the chosen
/// ones with "Remove". `field` is the form field the server's message is for.
#[component]
fn Picker<Id>(
    label: &'static str,
    field: &'static str,
    /// The search field's `id`.
    input_id: &'static str,
    search_label: &'static str,
    chosen: RwSignal<Vec<Named<Id>>>,
    search: Action<String, Result<Vec<Named<Id>>, AppError>>,
    error: Signal<Option<AppError>>,
) -> impl IntoView
where
    Id: Copy + PartialEq + Send + Sync + 'static,
{
    let row = move |item: Named<Id>| {
        let id = item.id;
        let taken = move || chosen.with(|list| list.iter().any(|c| c.id == id));
        let name = item.name.clone();
        view! {
            <li class="person">
                <span><span class="person-name">{item.name.clone()}</span></span>
                <button type="button" aria-label=format!("Add {name}")
                    disabled=taken
                    on:click=move |_| {
                        if !taken() {
                            chosen.update(|list| list.push(item.clone()));
                        }
                    }>
                    {move || if taken() { "Added" } else { "Add" }}
                </button>
            </li>
        }
        .into_any()
    };
    view! {
        <fieldset class="choices picker">
            <legend>{label}</legend>
            <ul class="people chosen">
                {move || chosen.get().into_iter().map(|item| {
                    let id = item.id;
                    view! {
                        <li class="person">
                            <span><span class="person-name">{item.name.clone()}</span></span>
                            <button type="button" class="secondary" aria-label=format!("Remove {}", item.name)
                                on:click=move |_| chosen.update(|list| list.retain(|c| c.id != id))>
                                "Remove"
                            </button>
                        </li>
                    }
                }).collect_view()}
            </ul>
            <p class="field-error">{field_error(error, field)}</p>
            <SearchPicker input_id label=search_label search row />
        </fieldset>
    }
    .into_any()
}
