//! `/administration/roles/:id`: rename, tick permissions, see who has the
//! role, delete it when nobody does.

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use policy::{Permission, PermissionSet, RoleId};

use crate::administration::roles::RoleDetails;
use crate::api::roles::{delete_role, load_role, update_role};
use crate::error::AppError;
use crate::pages::confirm::ConfirmButton;
use crate::pages::route_id::route_id;
use crate::pages::widgets::{FormProblem, ProblemPage, field_error, loading};

#[component]
pub fn RolePage() -> impl IntoView {
    let id = route_id(RoleId);
    let role = Resource::new(
        move || id.get(),
        |id| async move {
            match id {
                Some(id) => load_role(id).await,
                None => Err(AppError::NotFound {
                    what: "That role".into(),
                }),
            }
        },
    );
    view! {
        <Suspense fallback=loading>
            {move || Suspend::new(async move {
                match role.await {
                    Ok(role) => view! { <Role role /> }.into_any(),
                    Err(error) => view! { <ProblemPage error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Role(role: RoleDetails) -> impl IntoView {
    let id = role.id;
    let name = RwSignal::new(role.name.clone());
    let permissions = RwSignal::new(role.permissions);
    let save = Action::new(move |(name, permissions): &(String, PermissionSet)| {
        update_role(id, name.clone(), *permissions)
    });
    let error = Signal::derive(move || save.value().get().and_then(Result::err));
    let delete = Action::new(move |_: &()| delete_role(id));
    let delete_error = Signal::derive(move || delete.value().get().and_then(Result::err));
    let navigate = use_navigate();
    Effect::new(move |_| {
        if let Some(Ok(())) = delete.value().get() {
            navigate("/administration/roles", Default::default());
        }
    });
    let role_name = role.name.clone();
    view! {
        <section class="card form-card">
            <h1>{role.name.clone()}</h1>
            <form on:submit=move |ev| {
                ev.prevent_default();
                save.dispatch((name.get_untracked(), permissions.get_untracked()));
            } novalidate>
                <label for="role-name">"Name"</label>
                <input id="role-name" type="text" autocomplete="off"
                    prop:value=move || name.get() on:input=move |ev| name.set(event_target_value(&ev)) />
                <p class="field-error">{field_error(error, "name")}</p>
                <fieldset class="choices">
                    <legend>"Permissions"</legend>
                    {Permission::ALL.into_iter().map(|permission| view! {
                        <label class="check">
                            <input type="checkbox"
                                prop:checked=move || permissions.with(|set| set.contains(permission))
                                on:change=move |ev| {
                                    let on = event_target_checked(&ev);
                                    permissions.update(|set| if on { set.insert(permission) } else { set.remove(permission) });
                                } />
                            {permission.label()}
                        </label>
                    }).collect_view()}
                </fieldset>
                <p class="hint">"Site settings and organization default rules are for site administrators, whatever their role."</p>
                <FormProblem error />
                <p class="notice" role="status" hidden=move || !matches!(save.value().get(), Some(Ok(())))>"Saved."</p>
                <button type="submit" disabled=move || save.pending().get()>"Save role"</button>
            </form>

            <h2>"Who has this role"</h2>
            {if role.holders.is_empty() {
                view! { <p class="empty">"Nobody has this role."</p> }.into_any()
            } else {
                view! {
                    <ul class="people">
                        {role.holders.into_iter().map(|holder| view! {
                            <li class="person"><span><span class="person-name">{holder.name}</span></span></li>
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}

            <h2>"Delete role"</h2>
            <p class="hint">"A role that somebody has cannot be deleted."</p>
            <ConfirmButton
                label="Delete role"
                question=format!("Delete the role {role_name}? This cannot be undone.")
                yes="Yes, delete"
                pending=delete.pending()
                on_confirm=Callback::new(move |()| { delete.dispatch(()); })
            />
            <FormProblem error=delete_error />
        </section>
    }
}
