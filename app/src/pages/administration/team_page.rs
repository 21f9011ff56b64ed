//! `/administration/teams/:id`: rename, members (add by search, remove),
//! delete when no rule names the team.

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use policy::{PersonnelId, TeamId};

use crate::administration::teams::TeamDetails;
use crate::api::teams::{
    add_team_member, delete_team, load_team, remove_team_member, rename_team, team_candidates,
};
use crate::directory::Named;
use crate::error::AppError;
use crate::pages::confirm::ConfirmButton;
use crate::pages::route_id::route_id;
use crate::pages::search_picker::SearchPicker;
use crate::pages::widgets::{FormProblem, ProblemPage, Refresh, field_error, loading};

#[component]
pub fn TeamPage() -> impl IntoView {
    let id = route_id(TeamId);
    // Bumped after each change, to load the team again.
    let version = Refresh::new();
    let team = Resource::new(
        move || (id.get(), version.version()),
        |(id, _)| async move {
            match id {
                Some(id) => load_team(id).await,
                None => Err(AppError::NotFound {
                    what: "That team".into(),
                }),
            }
        },
    );
    view! {
        <Transition fallback=loading>
            {move || Suspend::new(async move {
                match team.await {
                    Ok(team) => view! { <Team team version /> }.into_any(),
                    Err(error) => view! { <ProblemPage error /> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn Team(team: TeamDetails, version: Refresh) -> impl IntoView {
    let id = team.id;
    let name = RwSignal::new(team.name.clone());
    let rename = Action::new(move |name: &String| rename_team(id, name.clone()));
    let rename_error = Signal::derive(move || rename.value().get().and_then(Result::err));
    let change = Action::new(move |(personnel, add): &(PersonnelId, bool)| {
        let (personnel, add) = (*personnel, *add);
        async move {
            if add {
                add_team_member(id, personnel).await
            } else {
                remove_team_member(id, personnel).await
            }
        }
    });
    let change_error = Signal::derive(move || change.value().get().and_then(Result::err));
    Effect::new(move |_| {
        if let Some(Ok(())) = change.value().get() {
            version.reload();
        }
    });
    let delete = Action::new(move |_: &()| delete_team(id));
    let delete_error = Signal::derive(move || delete.value().get().and_then(Result::err));
    let navigate = use_navigate();
    Effect::new(move |_| {
        if let Some(Ok(())) = delete.value().get() {
            navigate("/administration/teams", Default::default());
        }
    });
    let search = Action::new(|query: &String| team_candidates(query.clone()));
    let member_ids: Vec<PersonnelId> = team.members.iter().map(|m| m.id).collect();
    let member_ids = StoredValue::new(member_ids);
    let team_name = team.name.clone();
    // Everyone not yet in the team.
    let candidate_row = move |candidate: Named<PersonnelId>| {
        let who = candidate.id;
        if member_ids.read_value().contains(&who) {
            return ().into_any();
        }
        view! {
            <li class="person">
                <span><span class="person-name">{candidate.name}</span></span>
                <button type="button" on:click=move |_| { change.dispatch((who, true)); }>"Add"</button>
            </li>
        }
        .into_any()
    };
    view! {
        <section class="card form-card">
            <h1>{team.name.clone()}</h1>
            <form on:submit=move |ev| {
                ev.prevent_default();
                rename.dispatch(name.get_untracked());
            } novalidate>
                <label for="team-name">"Name"</label>
                <input id="team-name" type="text" autocomplete="off"
                    prop:value=move || name.get() on:input=move |ev| name.set(event_target_value(&ev)) />
                <p class="field-error">{field_error(rename_error, "name")}</p>
                <FormProblem error=rename_error />
                <p class="notice" role="status" hidden=move || !matches!(rename.value().get(), Some(Ok(())))>"Saved."</p>
                <button type="submit" disabled=move || rename.pending().get()>"Rename team"</button>
            </form>

            <h2>"Members"</h2>
            {if team.members.is_empty() {
                view! { <p class="empty">"Nobody is in this team yet."</p> }.into_any()
            } else {
                view! {
                    <ul class="people">
                        {team.members.into_iter().map(|member| {
                            let who = member.id;
                            view! {
                                <li class="person">
                                    <span><span class="person-name">{member.name}</span></span>
                                    <button type="button" class="secondary"
                                        on:click=move |_| { change.dispatch((who, false)); }>"Remove"</button>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
            <SearchPicker input_id="team-add-search" label="Add a member: search by name, job title or whole e-mail address" search
                row=candidate_row />
            <FormProblem error=change_error />

            <h2>"Delete team"</h2>
            <p class="hint">"A team that access rules name cannot be deleted."</p>
            <ConfirmButton
                label="Delete team"
                question=format!("Delete the team {team_name}? This cannot be undone.")
                yes="Yes, delete"
                pending=delete.pending()
                on_confirm=Callback::new(move |()| { delete.dispatch(()); })
            />
            <FormProblem error=delete_error />
        </section>
    }
}
