//! `/administration/default-rules`: an organization's default rules, for
//! site administrators. They apply to every client and session the
//! organization owns (spec, step 10). Choose the organization, then the
//! same panel as "Edit access" on a record.

use leptos::prelude::*;
use policy::OrganizationId;

use crate::access_rules::RulePlace;
use crate::api::organizations::list_organizations;
use crate::directory::Named;
use crate::pages::access_rules::AccessRulesPanel;
use crate::pages::widgets::{ProblemPage, loading, use_hydrated};

/// No area gate: listing the organizations is refused with the reason to
/// anyone but a site administrator, and the page shows it. The panel's own
/// resource is made only once an organization is chosen, in the browser.
#[component]
pub fn DefaultRulesPage() -> impl IntoView {
    let organizations = Resource::new(|| (), |_| list_organizations());
    view! {
        <Transition fallback=loading>
            {move || Suspend::new(async move {
                match organizations.await {
                    Ok(list) => view! { <DefaultRules list /> }.into_any(),
                    Err(error) => view! { <ProblemPage error /> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn DefaultRules(list: Vec<Named<OrganizationId>>) -> impl IntoView {
    let chosen = RwSignal::new(None::<Named<OrganizationId>>);
    let ready = use_hydrated();
    view! {
        <section class="card">
            <h1>"Organization default rules"</h1>
            <p class="hint">
                "Default rules apply to every client and session the organization owns, after the record's own rules. "
                "A person denied by name here cannot override access."
            </p>
            <fieldset class="choices">
                <legend>"Organization"</legend>
                <div class="actions">
                    {list.into_iter().map(|organization| {
                        let id = organization.id;
                        let name = organization.name.clone();
                        view! {
                            <button type="button" class="secondary"
                                aria-pressed=move || chosen.with(|c| c.as_ref().is_some_and(|c| c.id == id)).to_string()
                                disabled=move || !ready.get()
                                on:click=move |_| chosen.set(Some(organization.clone()))>
                                {name}
                            </button>
                        }
                    }).collect_view()}
                </div>
            </fieldset>
            {move || match chosen.get() {
                Some(organization) => view! {
                    <h2>{format!("Default rules of {}", organization.name)}</h2>
                    <AccessRulesPanel place=RulePlace::Organization(organization.id) />
                }.into_any(),
                None => view! { <p class="empty">"Choose an organization to see its default rules."</p> }.into_any(),
            }}
        </section>
    }
    .into_any()
}
