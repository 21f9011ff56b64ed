//! `/clients/:id`: the client's profile for someone who may open it
//! (details, owning organization, responsible personnel, the lock icon and
//! "Allowed Personnel", as seed 000 lays them out), or the restricted page
//! with the rulebook's reason and no details for someone who may not, with
//! "Override access" for those who could override, and the override's live
//! countdown while it lasts.

use leptos::prelude::*;
use policy::{ClientId, PersonnelId};

use crate::access_rules::RulePlace;
use crate::api::clients::load_client;
use crate::clients::ClientProfile;
use crate::error::AppError;
use crate::pages::access_rules::EditAccess;
use crate::pages::clients::allowed_personnel::{AllowedPersonnel, AllowedPersonnelDialog};
use crate::pages::clients::details::ClientDetails;
use crate::pages::clients::lock::LockToggle;
use crate::pages::clients::responsible::ResponsiblePersonnel;
use crate::pages::countdown::OverrideCountdown;
use crate::pages::override_access::{OVERRIDE_ENDED, Restricted};
use crate::pages::route_id::route_id;
use crate::pages::widgets::{ProblemPage, Refresh, loading};
use crate::records::RecordRef;

/// No area gate here: `load_client` is refused with the same reason when
/// the Clients area is closed to the person, and the page shows it. (One
/// resource, always read: see `ClientsPage` for why that matters.)
#[component]
pub fn ClientProfilePage() -> impl IntoView {
    let id = route_id(ClientId);
    // Bumped after each change, to load the profile again.
    let version = Refresh::new();
    let client = Resource::new(
        move || (id.get(), version.version()),
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
    // An override's countdown reached zero: back to the restricted view,
    // without asking the server (which refuses from then on anyway).
    let override_ended = RwSignal::new(false);
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
            <Transition fallback=loading>
                {move || Suspend::new(async move {
                    let ended = override_ended.get();
                    let result = client.await;
                    match (result, id.get_untracked()) {
                        (Ok(_), Some(id)) if ended => view! {
                            <Restricted record=RecordRef::client(id) reason=OVERRIDE_ENDED.to_owned() overridable=true version override_ended />
                        }.into_any(),
                        (Ok(profile), _) => view! { <Profile profile version dialog_open override_ended /> }.into_any(),
                        (Err(error @ AppError::Restricted { overridable, .. }), Some(id)) => view! {
                            <Restricted record=RecordRef::client(id) reason=error.to_string() overridable version override_ended />
                        }.into_any(),
                        (Err(error), _) => view! { <ProblemPage error /> }.into_any(),
                    }
                })}
            </Transition>
            {move || id.get().map(|id| view! { <AllowedPersonnelDialog id open=dialog_open listed version /> })}
    }
}

#[component]
fn Profile(
    profile: ClientProfile,
    version: Refresh,
    dialog_open: RwSignal<bool>,
    override_ended: RwSignal<bool>,
) -> impl IntoView {
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
        override_until,
        now,
    } = profile;
    let name = format!("{} {}", details.first_name, details.last_name);
    view! {
        <section class="card client-profile" data-locked=locked.to_string()>
            <div class="client-heading">
                <h1>{name}</h1>
                <LockToggle id locked may_change=controls.lock shuts_you_out=lock_would_shut_you_out version />
            </div>
            {override_until.map(|until| view! {
                <OverrideCountdown until now on_zero=Callback::new(move |()| override_ended.set(true)) />
            })}
            {controls.access_rules.then(|| view! {
                <div class="actions record-actions">
                    <EditAccess place=RulePlace::Record(RecordRef::client(id))
                        closed=Callback::new(move |()| version.reload()) />
                </div>
            })}
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
