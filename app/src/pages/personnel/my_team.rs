//! "My team": the people who report to the signed-in person.

use leptos::prelude::*;

use crate::api::personnel::my_team;
use crate::pages::personnel::StatusBadge;
use crate::pages::widgets::{ProblemPage, loading};

#[component]
pub fn MyTeamPage() -> impl IntoView {
    let team = Resource::new(|| (), |_| my_team());
    view! {
        <h1>"My team"</h1>
        <Suspense fallback=loading>
            {move || Suspend::new(async move {
                match team.await {
                    Ok(people) if people.is_empty() => {
                        view! { <p class="empty">"Nobody reports to you."</p> }.into_any()
                    }
                    Ok(people) => view! {
                        <ul class="people">
                            {people.into_iter().map(|person| view! {
                                <li class="person">
                                    <span>
                                        <span class="person-name">{person.name}</span>
                                        <span class="person-detail">{person.job_title}</span>
                                        <span class="person-detail">{person.email}</span>
                                    </span>
                                    <StatusBadge status=person.status />
                                </li>
                            }).collect_view()}
                        </ul>
                    }.into_any(),
                    Err(error) => view! { <ProblemPage error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}
