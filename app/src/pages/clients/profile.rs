//! `/clients/:id`: the client's profile for someone who may open it
//! (details, owning organization, responsible personnel, the lock icon and
//! "Allowed Personnel", as seed 000 lays them out), or the restricted page
//! with the rulebook's reason and no details for someone who may not, with
//! "Override access" for those who could override, and the override's live
//! countdown while it lasts.

use leptos::prelude::*;
use policy::{ClientId, PersonnelId};

use crate::access_rules::RulePlace;
use crate::api::clients::{load_client, override_client};
use crate::clients::ClientProfile;
use crate::error::AppError;
use crate::navigation::set_page_status;
use crate::pages::access_rules::EditAccess;
use crate::pages::clients::allowed_personnel::{AllowedPersonnel, AllowedPersonnelDialog};
use crate::pages::clients::countdown::OverrideCountdown;
use crate::pages::clients::details::ClientDetails;
use crate::pages::clients::lock::LockToggle;
use crate::pages::clients::responsible::ResponsiblePersonnel;
use crate::pages::personnel::add_page::FormProblem;
use crate::pages::personnel::fields::field_error;
use crate::pages::route_id::route_id;
use crate::pages::status::ProblemPage;
use crate::records::RecordRef;

/// No area gate here: `load_client` is refused with the same reason when
/// the Clients area is closed to the person, and the page shows it. (One
/// resource, always read: see `ClientsPage` for why that matters.)
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
            <Transition fallback=|| view! { <p class="loading">"Loading…"</p> }>
                {move || Suspend::new(async move {
                    let ended = override_ended.get();
                    let result = client.await;
                    match (result, id.get_untracked()) {
                        (Ok(_), Some(id)) if ended => view! {
                            <Restricted id reason=OVERRIDE_ENDED.to_owned() overridable=true version override_ended />
                        }.into_any(),
                        (Ok(profile), _) => view! { <Profile profile version dialog_open override_ended /> }.into_any(),
                        (Err(AppError::Restricted { reason, overridable }), Some(id)) => view! {
                            <Restricted id reason overridable version override_ended />
                        }.into_any(),
                        (Err(error), _) => view! { <ProblemPage error /> }.into_any(),
                    }
                })}
            </Transition>
            {move || id.get().map(|id| view! { <AllowedPersonnelDialog id open=dialog_open listed version /> })}
    }
}

pub const OVERRIDE_ENDED: &str = "Your override access has ended.";

/// What someone who may not open the client sees: that it is restricted,
/// and why, in the rulebook's words; and "Override access" for those the
/// rulebook lets override.
#[component]
fn Restricted(
    id: ClientId,
    reason: String,
    overridable: bool,
    version: RwSignal<u32>,
    override_ended: RwSignal<bool>,
) -> impl IntoView {
    set_page_status(403);
    view! {
        <section class="problem restricted" data-status="403">
            <h1>"This client is restricted"</h1>
            <p class="problem-message">{reason}</p>
            {overridable.then(|| view! { <OverrideDialog id version override_ended /> })}
            <a class="button secondary" href="/clients">"Back to clients"</a>
        </section>
    }
}

/// "Override access": asks for the reason (at least ten characters), and
/// "Unlock" opens the client for fifteen minutes.
#[component]
fn OverrideDialog(id: ClientId, version: RwSignal<u32>, override_ended: RwSignal<bool>) -> impl IntoView {
    let open = RwSignal::new(false);
    let reason = RwSignal::new(String::new());
    let unlock = Action::new(move |reason: &String| override_client(id, reason.clone()));
    let error = Signal::derive(move || unlock.value().get().and_then(Result::err));
    let ready = RwSignal::new(false);
    Effect::new(move |_| ready.set(true));
    Effect::new(move |_| {
        if let Some(Ok(_)) = unlock.value().get() {
            override_ended.set(false);
            version.update(|v| *v += 1);
        }
    });
    view! {
        <button type="button" class="danger" disabled=move || !ready.get() on:click=move |_| open.set(true)>
            "Override access"
        </button>
        <Show when=move || open.get()>
            <div class="dialog-backdrop">
                <form class="dialog" role="dialog" aria-modal="true" aria-labelledby="override-title" novalidate
                    on:submit=move |ev| {
                        ev.prevent_default();
                        unlock.dispatch(reason.get_untracked());
                    }>
                    <h2 id="override-title">"Override access"</h2>
                    <p>"You will be able to open this client for fifteen minutes. The override is logged with your reason."</p>
                    <label for="override-reason">"Reason (at least 10 characters)"</label>
                    <textarea id="override-reason" rows="3"
                        prop:value=move || reason.get()
                        on:input=move |ev| reason.set(event_target_value(&ev))></textarea>
                    <p class="field-error">{field_error(error, "reason")}</p>
                    <FormProblem error />
                    <div class="actions">
                        <button type="submit" class="danger" disabled=move || unlock.pending().get()>"Unlock"</button>
                        <button type="button" class="secondary" on:click=move |_| open.set(false)>"Cancel"</button>
                    </div>
                </form>
            </div>
        </Show>
    }
    .into_any()
}

#[component]
fn Profile(
    profile: ClientProfile,
    version: RwSignal<u32>,
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
                        closed=Callback::new(move |()| version.update(|v| *v += 1)) />
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
