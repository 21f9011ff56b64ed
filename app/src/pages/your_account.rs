//! "Your account": the signed-in person's own details and what their role
//! opens. The start page of someone whose role opens no area, and reachable
//! by everyone from their name in the header.

use leptos::prelude::*;

use crate::error::AppError;
use crate::me::{SignedIn, me_of};
use crate::pages::widgets::{ProblemPage, loading};

#[component]
pub fn YourAccountPage() -> impl IntoView {
    let signed_in = SignedIn::find();
    view! {
        <Suspense fallback=loading>
            {move || Suspend::new(async move {
                match me_of(signed_in).await {
                    Some(me) => {
                        let opens = me.opens.clone();
                        view! {
                            <section class="card narrow your-account">
                                <h1>"Your account"</h1>
                                <dl class="details">
                                    <dt>"Name"</dt><dd>{me.name.clone()}</dd>
                                    <dt>"Email"</dt><dd>{me.email.clone()}</dd>
                                    <dt>"Organization"</dt><dd>{me.organization_name.clone()}</dd>
                                    <dt>"Role"</dt><dd>{me.role_name.clone()}</dd>
                                </dl>
                                <h2>"What your role opens"</h2>
                                {if opens.is_empty() {
                                    view! {
                                        <p class="empty">
                                            "Your role does not open any area of Safehold yet. Ask your administrator if you need one."
                                        </p>
                                    }.into_any()
                                } else {
                                    view! {
                                        <ul class="link-list">
                                            {opens.into_iter().map(|place| view! {
                                                <li><a class="button secondary" href=place.path()>{place.label()}</a></li>
                                            }).collect_view()}
                                        </ul>
                                    }.into_any()
                                }}
                                <div class="actions">
                                    <a class="button" href="/change-password">"Change your password"</a>
                                </div>
                            </section>
                        }.into_any()
                    }
                    None => view! { <ProblemPage error=AppError::unauthenticated() /> }.into_any(),
                }
            })}
        </Suspense>
    }
}
