//! `/clients/:id`: the client's profile for someone who may open it
//! (details, owning organization, responsible personnel, the lock icon and
//! "Allowed Personnel", as seed 000 lays them out), or the restricted page
//! with the rulebook's reason and no details for someone who may not.

use leptos::prelude::*;
use policy::{Area, ClientId, PersonnelId};

use crate::api::clients::load_client;
use crate::clients::ClientProfile;
use crate::error::AppError;
use crate::layout::AreaGate;
use crate::navigation::set_page_status;
use crate::pages::clients::allowed_personnel::{AllowedPersonnel, AllowedPersonnelDialog};
use crate::pages::clients::details::ClientDetails;
use crate::pages::clients::lock::LockToggle;
use crate::pages::clients::responsible::ResponsiblePersonnel;
use crate::pages::route_id::route_id;
use crate::pages::status::ProblemPage;

#[component]
pub fn ClientProfilePage() -> impl IntoView {
    let id = route_id(ClientId);
    // Bumped after each change, to load the profile again.
    let version = RwSignal::new(0u32);
    let client = Resource::new(
        move || (id.get(), version.get()),
        |(id, _)| async move {
            match id {
                Some(id) => load_client(id).await,
                None => Err(AppError::NotFound {
                    what: "That client".into(),
                }),
            }
        },
    );
    // The dialog lives outside the profile so that it stays open while the
    // profile behind it loads again after each "Add".
    let dialog_open = RwSignal::new(false);
    let listed = Signal::derive(move || {
        client
            .get()
            .and_then(Result::ok)
            .map(|profile| {
                profile
                    .allowed_personnel
                    .iter()
                    .map(|p| p.id)
                    .collect::<Vec<PersonnelId>>()
            })
            .unwrap_or_default()
    });
    view! {
        <AreaGate area=Area::Clients>
            <Transition fallback=|| view! { <p class="loading">"Loading…"</p> }>
                {move || Suspend::new(async move {
                    match client.await {
                        Ok(profile) => view! { <Profile profile version dialog_open /> }.into_any(),
                        Err(AppError::Forbidden { reason }) => view! { <Restricted reason /> }.into_any(),
                        Err(error) => view! { <ProblemPage error /> }.into_any(),
                    }
                })}
            </Transition>
            {move || id.get().map(|id| view! { <AllowedPersonnelDialog id open=dialog_open listed version /> })}
        </AreaGate>
    }
}

/// What someone who may not open the client sees: that it is restricted,
/// and why, in the rulebook's words.
#[component]
fn Restricted(reason: String) -> impl IntoView {
    set_page_status(403);
    view! {
        <section class="problem restricted" data-status="403">
            <h1>"This client is restricted"</h1>
            <p class="problem-message">{reason}</p>
            <a class="button secondary" href="/clients">"Back to clients"</a>
        </section>
    }
}

#[component]
fn Profile(profile: ClientProfile, version: RwSignal<u32>, dialog_open: RwSignal<bool>) -> impl IntoView {
    let ClientProfile {
        id,
        details,
        organization_name,
        responsible,
        locked,
        allowed_personnel,
        access,
        controls,
        lock_would_shut_you_out,
    } = profile;
    let name = format!("{} {}", details.first_name, details.last_name);
    view! {
        <section class="card client-profile" data-locked=locked.to_string()>
            <div class="client-heading">
                <h1>{name}</h1>
                <LockToggle id locked may_change=controls.lock shuts_you_out=lock_would_shut_you_out version />
            </div>
            <p class="hint">
                <span class="organization">"Owning organization: " {organization_name}</span>
                " · "
                <span class="access">"Your access: " {access}</span>
            </p>
            <ClientDetails id details editable=controls.edit_details version />
            <ResponsiblePersonnel id responsible may_change=controls.responsible version />
            <AllowedPersonnel id list=allowed_personnel may_change=controls.allowed_personnel dialog_open version />
        </section>
    }
}
