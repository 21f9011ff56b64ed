//! `/administration/organizations`: the agencies that own data; site
//! administrators create and rename them.

use leptos::prelude::*;
use policy::OrganizationId;

use crate::api::organizations::{create_organization, list_organizations, rename_organization};
use crate::directory::Named;
use crate::pages::widgets::{FormProblem, ProblemPage, Refresh, field_error, loading};

#[component]
pub fn OrganizationsPage() -> impl IntoView {
    let version = Refresh::new();
    let organizations = Resource::new(move || version.version(), |_| list_organizations());
    let name = RwSignal::new(String::new());
    let create = Action::new(|name: &String| create_organization(name.clone()));
    let error = Signal::derive(move || create.value().get().and_then(Result::err));
    Effect::new(move |_| {
        if let Some(Ok(_)) = create.value().get() {
            name.set(String::new());
            version.reload();
        }
    });
    view! {
        <Transition fallback=loading>
            {move || Suspend::new(async move {
                let list = match organizations.await {
                    Ok(list) => view! {
                        <ul class="people">
                            {list.into_iter().map(|organization| view! { <OrganizationRow organization /> }).collect_view()}
                        </ul>
                    }.into_any(),
                    Err(error) => return view! { <ProblemPage error /> }.into_any(),
                };
                view! {
                    <h1>"Organizations"</h1>
                    {list}
                    <section class="card narrow inline-form">
                        <h2>"New organization"</h2>
                        <form on:submit=move |ev| {
                            ev.prevent_default();
                            create.dispatch(name.get_untracked());
                        } novalidate>
                            <label for="organization-name">"Name"</label>
                            <input id="organization-name" type="text" autocomplete="off"
                                prop:value=move || name.get() on:input=move |ev| name.set(event_target_value(&ev)) />
                            <p class="field-error">{field_error(error, "name")}</p>
                            <button type="submit" disabled=move || create.pending().get()>"Create organization"</button>
                        </form>
                    </section>
                }
                .into_any()
            })}
        </Transition>
    }
}

#[component]
fn OrganizationRow(organization: Named<OrganizationId>) -> impl IntoView {
    let id = organization.id;
    let name = RwSignal::new(organization.name.clone());
    let rename = Action::new(move |name: &String| rename_organization(id, name.clone()));
    let error = Signal::derive(move || rename.value().get().and_then(Result::err));
    let label = format!("Name of {}", organization.name);
    view! {
        <li class="person">
            <form class="inline-rename" on:submit=move |ev| {
                ev.prevent_default();
                rename.dispatch(name.get_untracked());
            } novalidate>
                <input type="text" aria-label=label autocomplete="off"
                    prop:value=move || name.get() on:input=move |ev| name.set(event_target_value(&ev)) />
                <button type="submit" class="secondary" disabled=move || rename.pending().get()>"Rename"</button>
                <p class="field-error">{field_error(error, "name")}</p>
                <FormProblem error />
            </form>
        </li>
    }
}
