//! A client's details: the fields of the intake form (large, with a date
//! picker that works by touch), and on the profile either the same fields
//! to edit or, for someone who may only view, a read-only list.

use leptos::prelude::*;
use policy::ClientId;

use crate::api::clients::update_client;
use crate::clients::ClientForm;
use crate::error::AppError;
use crate::pages::widgets::{FormProblem, Refresh, field_error};

#[component]
fn ClientField(
    form: RwSignal<ClientForm>,
    label: &'static str,
    name: &'static str,
    get: fn(&ClientForm) -> &String,
    set: fn(&mut ClientForm, String),
    error: Signal<Option<AppError>>,
    #[prop(default = "text")] kind: &'static str,
    #[prop(default = "off")] autocomplete: &'static str,
) -> impl IntoView {
    let id = format!("client-{name}");
    let message = field_error(error, name);
    view! {
        <div class="field" class:invalid=move || message().is_some()>
            <label for=id.clone()>{label}</label>
            <input
                id=id.clone()
                name=name
                type=kind
                autocomplete=autocomplete
                aria-invalid=move || if message().is_some() { "true" } else { "false" }
                prop:value=move || get(&form.read()).clone()
                on:input=move |ev| form.update(|f| set(f, event_target_value(&ev)))
            />
            <p class="field-error">{message}</p>
        </div>
    }
}

/// The client's fields, bound to `form`, with the server's message under
/// each field it refused.
#[component]
pub fn ClientFields(form: RwSignal<ClientForm>, error: Signal<Option<AppError>>) -> impl IntoView {
    view! {
        <ClientField form error label="First name" name="first_name"
            get=|f| &f.first_name set=|f, v| f.first_name = v />
        <ClientField form error label="Last name" name="last_name"
            get=|f| &f.last_name set=|f, v| f.last_name = v />
        <ClientField form error label="Date of birth (leave empty if unknown)" name="date_of_birth" kind="date"
            get=|f| &f.date_of_birth set=|f, v| f.date_of_birth = v />
        <ClientField form error label="Identifier (case number, optional)" name="identifier"
            get=|f| &f.identifier set=|f, v| f.identifier = v />
    }
}

/// The details on the profile: editable for someone who may edit the
/// client, read-only otherwise.
#[component]
pub fn ClientDetails(id: ClientId, details: ClientForm, editable: bool, version: Refresh) -> impl IntoView {
    if !editable {
        return view! {
            <dl class="details">
                <dt>"Date of birth"</dt>
                <dd>{if details.date_of_birth.is_empty() { "Unknown".to_owned() } else { details.date_of_birth }}</dd>
                <dt>"Identifier"</dt>
                <dd>{if details.identifier.is_empty() { "None".to_owned() } else { details.identifier }}</dd>
            </dl>
            <p class="hint">"Read-only: your access lets you view this client but not edit it."</p>
        }
        .into_any();
    }
    let form = RwSignal::new(details);
    let save = Action::new(move |form: &ClientForm| update_client(id, form.clone()));
    let error = Signal::derive(move || save.value().get().and_then(Result::err));
    Effect::new(move |_| {
        if let Some(Ok(())) = save.value().get() {
            version.reload();
        }
    });
    view! {
        <form class="client-form" novalidate on:submit=move |ev| {
            ev.prevent_default();
            save.dispatch(form.get_untracked());
        }>
            <ClientFields form error />
            <FormProblem error />
            <button type="submit" disabled=move || save.pending().get()>"Save details"</button>
        </form>
    }
    .into_any()
}
