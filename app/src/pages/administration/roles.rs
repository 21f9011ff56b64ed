//! `/administration/roles`: every role with what it allows and who has it,
//! and "New role".

use leptos::prelude::*;

use crate::plural::PEOPLE;
use leptos_router::hooks::use_navigate;
use policy::PermissionSet;

use crate::api::roles::{create_role, list_roles};
use crate::pages::widgets::{ProblemPage, field_error, loading};

#[component]
pub fn RolesPage() -> impl IntoView {
    let roles = Resource::new(|| (), |_| list_roles());
    let name = RwSignal::new(String::new());
    let create = Action::new(|name: &String| create_role(name.clone(), PermissionSet::empty()));
    let error = Signal::derive(move || create.value().get().and_then(Result::err));
    let navigate = use_navigate();
    Effect::new(move |_| {
        if let Some(Ok(id)) = create.value().get() {
            navigate(&format!("/administration/roles/{id}"), Default::default());
        }
    });
    view! {
        <Suspense fallback=loading>
            {move || Suspend::new(async move {
                let list = match roles.await {
                    Ok(roles) => view! {
                        <ul class="people">
                            {roles.into_iter().map(|role| {
                                let allowed = role.permissions.iter().map(|p| p.label()).collect::<Vec<_>>().join(", ");
                                view! {
                                    <li class="person">
                                        <a href=format!("/administration/roles/{}", role.id)>
                                            <span class="person-name">{role.name}</span>
                                            <span class="person-detail">{PEOPLE.count(role.holders as u64)}</span>
                                            <span class="person-detail">{if allowed.is_empty() { "No permissions".to_owned() } else { allowed }}</span>
                                        </a>
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                    }.into_any(),
                    Err(error) => return view! { <ProblemPage error /> }.into_any(),
                };
                view! {
                    <h1>"Roles"</h1>
                    {list}
                    <section class="card narrow inline-form">
                        <h2>"New role"</h2>
                        <form on:submit=move |ev| {
                            ev.prevent_default();
                            create.dispatch(name.get_untracked());
                        } novalidate>
                            <label for="role-name">"Name"</label>
                            <input id="role-name" type="text" autocomplete="off"
                                prop:value=move || name.get() on:input=move |ev| name.set(event_target_value(&ev)) />
                            <p class="hint">"You tick its permissions next."</p>
                            <p class="field-error">{field_error(error, "name")}</p>
                            <button type="submit" disabled=move || create.pending().get()>"Create role"</button>
                        </form>
                    </section>
                }
                .into_any()
            })}
        </Suspense>
    }
}
