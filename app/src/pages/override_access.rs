//! What someone who may not open a record sees (the restricted page, with
//! the rulebook's reason and nothing of the record), and "Override access":
//! a dialog asking for the reason (at least ten characters) whose "Open for 15 minutes"
//! opens the record for fifteen minutes, for this person alone. Shared by clients and sessions.

use leptos::prelude::*;
use policy::{ClientId, RecordKind, SessionRecordId, Timestamp};

use crate::api::clients::override_client;
use crate::api::sessions::override_session;
use crate::error::AppError;
use crate::navigation::set_page_status;
use crate::pages::widgets::{FormProblem, Refresh, field_error, use_hydrated};
use crate::records::RecordRef;

pub const OVERRIDE_ENDED: &str = "Your override access has ended.";

/// "client" or "session".
const fn noun(record: RecordRef) -> &'static str {
    match record.kind {
        RecordKind::Client => "client",
        RecordKind::SessionRecord => "session",
    }
}

/// The restricted page. `version` is bumped once an override is granted,
/// so the page loads the record again; `override_ended` is cleared.
#[component]
pub fn Restricted(
    record: RecordRef,
    reason: String,
    overridable: bool,
    version: Refresh,
    override_ended: RwSignal<bool>,
) -> impl IntoView {
    set_page_status(403);
    let (back, back_label) = match record.kind {
        RecordKind::Client => ("/clients", "Back to clients"),
        RecordKind::SessionRecord => ("/sessions", "Back to sessions"),
    };
    view! {
        <section class="problem restricted" data-status="403">
            <h1>{format!("This {} is restricted", noun(record))}</h1>
            <p class="problem-message">{reason}</p>
            {overridable.then(|| view! { <OverrideDialog record version override_ended /> })}
            <a class="button secondary" href=back>{back_label}</a>
        </section>
    }
}

async fn override_record(record: RecordRef, reason: String) -> Result<Timestamp, AppError> {
    match record.kind {
        RecordKind::Client => override_client(ClientId(record.id), reason).await,
        RecordKind::SessionRecord => override_session(SessionRecordId(record.id), reason).await,
    }
}

/// "Override access" and its dialog.
#[component]
fn OverrideDialog(record: RecordRef, version: Refresh, override_ended: RwSignal<bool>) -> impl IntoView {
    let open = RwSignal::new(false);
    let reason = RwSignal::new(String::new());
    let grant = Action::new(move |reason: &String| override_record(record, reason.clone()));
    let error = Signal::derive(move || grant.value().get().and_then(Result::err));
    let ready = use_hydrated();
    Effect::new(move |_| {
        if let Some(Ok(_)) = grant.value().get() {
            override_ended.set(false);
            version.reload();
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
                        grant.dispatch(reason.get_untracked());
                    }>
                    <h2 id="override-title">"Override access"</h2>
                    <p>{format!(
                        "You will be able to open this {} for fifteen minutes. The override is logged with your reason.",
                        noun(record)
                    )}</p>
                    <label for="override-reason">"Reason (at least 10 characters)"</label>
                    <textarea id="override-reason" rows="3"
                        prop:value=move || reason.get()
                        on:input=move |ev| reason.set(event_target_value(&ev))></textarea>
                    <p class="field-error">{field_error(error, "reason")}</p>
                    <FormProblem error />
                    <div class="actions">
                        <button type="submit" class="danger" disabled=move || grant.pending().get()>"Open for 15 minutes"</button>
                        <button type="button" class="secondary" on:click=move |_| open.set(false)>"Cancel"</button>
                    </div>
                </form>
            </div>
        </Show>
    }
    .into_any()
}
