//! "Add personnel" (the full form) and "Quick add" (name, e-mail, role,
//! temporary password), at `/personnel/new` and `/personnel/new?quick=1`.

use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};
use policy::{OrganizationId, RoleId};

use crate::api::personnel::{add_personnel, load_directory_options};
use crate::directory::{DirectoryOptions, NewAccount, PersonnelForm};
use crate::me::{SignedIn, me_of};
use crate::pages::personnel::fields::PersonnelFields;
use crate::pages::widgets::{FormProblem, ProblemPage, field_error, loading, use_hydrated};
use crate::password_rules::MIN_LENGTH;

#[component]
pub fn AddPersonnelPage() -> impl IntoView {
    let quick = Memo::new({
        let query = use_query_map();
        move |_| query.read().get("quick").is_some()
    });
    let options = Resource::new(|| (), |_| load_directory_options());
    let signed_in = SignedIn::find();
    view! {
        <Suspense fallback=loading>
            {move || Suspend::new(async move {
                let my_organization = me_of(signed_in).await.map(|me| me.organization_name);
                match options.await {
                    Ok(options) => view! {
                        <AddPersonnelForm options my_organization quick=quick.get_untracked() />
                    }.into_any(),
                    Err(error) => view! { <ProblemPage error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn AddPersonnelForm(
    options: DirectoryOptions,
    my_organization: Option<String>,
    quick: bool,
) -> impl IntoView {
    // The person's own organization first.
    let organization = options
        .organizations
        .iter()
        .find(|o| Some(&o.name) == my_organization.as_ref())
        .or(options.organizations.first())
        .map_or(OrganizationId(0), |o| o.id);
    let role = options.roles.first().map_or(RoleId(0), |r| r.id);
    let form = RwSignal::new(PersonnelForm::new(organization, role, "", ""));
    let password = RwSignal::new(String::new());
    let confirm = RwSignal::new(String::new());
    let require_change = RwSignal::new(true);
    let add = Action::new(|account: &NewAccount| add_personnel(account.clone()));
    let ready = use_hydrated();
    let error = Signal::derive(move || add.value().get().and_then(Result::err));
    let navigate = use_navigate();
    Effect::new(move |_| {
        if let Some(Ok(id)) = add.value().get() {
            navigate(&format!("/personnel/{id}?added=1"), Default::default());
        }
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        add.dispatch(NewAccount {
            details: form.get_untracked(),
            password: password.get_untracked(),
            confirm_password: confirm.get_untracked(),
            require_password_change: require_change.get_untracked(),
        });
    };
    let title = if quick { "Quick add" } else { "Add personnel" };
    view! {
        <section class="card form-card">
            <h1>{title}</h1>
            <form on:submit=submit novalidate>
                <PersonnelFields form options error quick />
                <label for="person-password">"Temporary password"</label>
                <input id="person-password" name="password" type="password" autocomplete="new-password"
                    prop:value=move || password.get() on:input=move |ev| password.set(event_target_value(&ev)) />
                <p class="hint">{format!("At least {MIN_LENGTH} characters. Give it to the person in private.")}</p>
                <p class="field-error">{field_error(error, "password")}</p>
                <label for="person-confirm">"Temporary password again"</label>
                <input id="person-confirm" name="confirm_password" type="password" autocomplete="new-password"
                    prop:value=move || confirm.get() on:input=move |ev| confirm.set(event_target_value(&ev)) />
                <p class="field-error">{field_error(error, "confirm_password")}</p>
                <label class="check">
                    <input type="checkbox" name="require_password_change"
                        prop:checked=move || require_change.get()
                        on:change=move |ev| require_change.set(event_target_checked(&ev)) />
                    "Require password change at next login"
                </label>
                <FormProblem error />
                <button type="submit" disabled=move || !ready.get() || add.pending().get()>{title}</button>
            </form>
        </section>
    }
}
