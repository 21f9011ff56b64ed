//! "New client" at `/clients/new`: the intake form, made for a tablet. The
//! creator is not added to the allowed personnel; with "Assign new client
//! records to the user who creates the record" on, they become its
//! responsible personnel (the server decides both).

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use policy::Area;

use crate::api::clients::create_client;
use crate::clients::ClientForm;
use crate::layout::AreaGate;
use crate::pages::clients::details::ClientFields;
use crate::pages::widgets::{FormProblem, use_hydrated};

#[component]
pub fn NewClientPage() -> impl IntoView {
    let form = RwSignal::new(ClientForm::default());
    let create = Action::new(|form: &ClientForm| create_client(form.clone()));
    let error = Signal::derive(move || create.value().get().and_then(Result::err));
    let ready = use_hydrated();
    let navigate = use_navigate();
    Effect::new(move |_| {
        if let Some(Ok(id)) = create.value().get() {
            navigate(&format!("/clients/{id}"), Default::default());
        }
    });
    view! {
        <AreaGate area=Area::Clients>
            <section class="card form-card">
                <h1>"New client"</h1>
                <form class="client-form" novalidate on:submit=move |ev| {
                    ev.prevent_default();
                    create.dispatch(form.get_untracked());
                }>
                    <ClientFields form error />
                    <FormProblem error />
                    <div class="actions">
                        <button type="submit" disabled=move || !ready.get() || create.pending().get()>"Create client"</button>
                        <a class="button secondary" href="/clients">"Cancel"</a>
                    </div>
                </form>
            </section>
        </AreaGate>
    }
}
