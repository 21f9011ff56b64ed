//! `/administration/teams`: every team, and "New team".

use leptos::prelude::*;

use crate::plural::{ACCESS_RULES, MEMBERS};
use leptos_router::hooks::use_navigate;

use crate::api::teams::{CreateTeam, list_teams};
use crate::pages::widgets::{ProblemPage, field_error, loading, use_hydrated};

#[component]
pub fn TeamsPage() -> impl IntoView {
    let teams = Resource::new(|| (), |_| list_teams());
    let create = ServerAction::<CreateTeam>::new();
    let error = Signal::derive(move || create.value().get().and_then(Result::err));
    let navigate = use_navigate();
    Effect::new(move |_| {
        if let Some(Ok(id)) = create.value().get() {
            navigate(&format!("/administration/teams/{id}"), Default::default());
        }
    });
    let ready = use_hydrated();
    view! {
        <Suspense fallback=loading>
            {move || Suspend::new(async move {
                let list = match teams.await {
                    Ok(teams) if teams.is_empty() => view! { <p class="empty">"No teams yet."</p> }.into_any(),
                    Ok(teams) => view! {
                        <ul class="people">
                            {teams.into_iter().map(|team| view! {
                                <li class="person">
                                    <a href=format!("/administration/teams/{}", team.id)>
                                        <span class="person-name">{team.name}</span>
                                        <span class="person-detail">{team.organization_name}</span>
                                        <span class="person-detail">{MEMBERS.count(team.members as u64)}</span>
                                        <span class="person-detail">{ACCESS_RULES.count(team.rules as u64)}</span>
                                    </a>
                                </li>
                            }).collect_view()}
                        </ul>
                    }.into_any(),
                    Err(error) => return view! { <ProblemPage error /> }.into_any(),
                };
                view! {
                    <h1>"Teams"</h1>
                    {list}
                    <section class="card narrow inline-form">
                        <h2>"New team"</h2>
                        <ActionForm action=create>
                            <label for="team-name">"Name"</label>
                            <input id="team-name" name="name" type="text" autocomplete="off" />
                            <p class="field-error">{field_error(error, "name")}</p>
                            <button type="submit" disabled=move || !ready.get() || create.pending().get()>"Create team"</button>
                        </ActionForm>
                    </section>
                }
                .into_any()
            })}
        </Suspense>
    }
}
