//! `/sessions/:id`: a session record for someone who may open it (date,
//! title, owning organization, facilitators, and the attending clients they
//! may open; "Edit access"), or the restricted page with the rulebook's
//! reason and "Override access" for those who could override, and the
//! override's live countdown while it lasts.

use leptos::prelude::*;
use policy::SessionRecordId;

use crate::access_rules::RulePlace;
use crate::api::sessions::load_session;
use crate::error::AppError;
use crate::pages::access_rules::EditAccess;
use crate::pages::countdown::OverrideCountdown;
use crate::pages::override_access::{OVERRIDE_ENDED, Restricted};
use crate::pages::route_id::route_id;
use crate::pages::widgets::{ProblemPage, Refresh, loading};
use crate::records::RecordRef;
use crate::sessions::SessionRecord;

/// No area gate: `load_session` is refused with the area's reason itself.
#[component]
pub fn SessionRecordPage() -> impl IntoView {
    let id = route_id(SessionRecordId);
    let version = Refresh::new();
    let session = Resource::new(
        move || (id.get(), version.version()),
        |(id, _)| async move {
            match id {
                Some(id) => load_session(id).await,
                None => Err(AppError::NotFound {
                    what: "That session".into(),
                }),
            }
        },
    );
    let override_ended = RwSignal::new(false);
    view! {
        <Transition fallback=loading>
            {move || Suspend::new(async move {
                let ended = override_ended.get();
                let result = session.await;
                match (result, id.get_untracked()) {
                    (Ok(_), Some(id)) if ended => view! {
                        <Restricted record=RecordRef::session(id) reason=OVERRIDE_ENDED.to_owned() overridable=true version override_ended />
                    }.into_any(),
                    (Ok(session), _) => view! { <Session session version override_ended /> }.into_any(),
                    (Err(error @ AppError::Restricted { overridable, .. }), Some(id)) => view! {
                        <Restricted record=RecordRef::session(id) reason=error.to_string() overridable version override_ended />
                    }.into_any(),
                    (Err(error), _) => view! { <ProblemPage error /> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn Session(session: SessionRecord, version: Refresh, override_ended: RwSignal<bool>) -> impl IntoView {
    let SessionRecord {
        id,
        title,
        held_on,
        organization_name,
        facilitators,
        attendees,
        access,
        may_edit_access,
        override_until,
        now,
    } = session;
    view! {
        <section class="card session-record">
            <div class="client-heading">
                <h1>{title}</h1>
            </div>
            {override_until.map(|until| view! {
                <OverrideCountdown until now on_zero=Callback::new(move |()| override_ended.set(true)) />
            })}
            {may_edit_access.then(|| view! {
                <div class="actions record-actions">
                    <EditAccess place=RulePlace::Record(RecordRef::session(id))
                        closed=Callback::new(move |()| version.reload()) />
                </div>
            })}
            <p class="hint">
                <span class="held-on">"Held on " {held_on}</span>
                " · "
                <span class="organization">"Owning organization: " {organization_name}</span>
                " · "
                <span class="access">"Your access: " {access}</span>
            </p>
            <h2>"Facilitators"</h2>
            <ul class="people facilitators">
                {facilitators.into_iter().map(|person| view! {
                    <li class="person"><span><span class="person-name">{person.name}</span></span></li>
                }).collect_view()}
            </ul>
            <h2>"Attending clients"</h2>
            <p class="hint">"Only the clients you may open are listed."</p>
            <ul class="people attendees">
                {attendees.into_iter().map(|client| view! {
                    <li class="person">
                        <a class="person-link" href=format!("/clients/{}", client.id)>
                            <span class="person-name">{client.name}</span>
                        </a>
                    </li>
                }).collect_view()}
            </ul>
        </section>
    }
    .into_any()
}
