//! The lock icon next to the client's name (seed 000): it shows whether the
//! client is locked; pressing it asks for confirmation, and "Yes" locks or
//! unlocks. The server refuses a lock with no allowed personnel, with seed
//! 000's message.

use leptos::prelude::*;
use policy::ClientId;

use crate::api::clients::set_client_lock;
use crate::pages::widgets::{FormProblem, Refresh, use_hydrated};

pub const LOCK_QUESTION: &str = "Lock this client? Only the allowed personnel will be able to open it.";
pub const UNLOCK_QUESTION: &str =
    "Unlock this client? Everyone whose access allows it will be able to open it again.";
pub const SHUT_OUT_WARNING: &str =
    "You are not on the allowed personnel: once it is locked, you will lose access to this client.";

#[component]
pub fn LockToggle(
    id: ClientId,
    locked: bool,
    /// The rulebook lets the person lock and unlock this client.
    may_change: bool,
    /// Locking would shut the person out: the dialog warns.
    shuts_you_out: bool,
    version: Refresh,
) -> AnyView {
    let asking = RwSignal::new(false);
    let ready = use_hydrated();
    let change = Action::new(move |confirmed: &bool| set_client_lock(id, !locked, *confirmed));
    let error = Signal::derive(move || change.value().get().and_then(Result::err));
    Effect::new(move |_| {
        if let Some(Ok(())) = change.value().get() {
            version.reload();
        }
    });
    let state = if locked { "Locked" } else { "Unlocked" };
    let label = if locked {
        "Locked. Press to unlock this client."
    } else {
        "Unlocked. Press to lock this client."
    };
    view! {
        <div class="lock">
            {if may_change {
                view! {
                    <button type="button" class="lock-icon" aria-label=label data-locked=locked.to_string()
                        disabled=move || !ready.get()
                        on:click=move |_| asking.set(true)>
                        <PadlockIcon locked />
                        <span class="lock-state">{state}</span>
                    </button>
                }.into_any()
            } else {
                view! {
                    <span class="lock-icon" data-locked=locked.to_string()>
                        <PadlockIcon locked />
                        <span class="lock-state">{state}</span>
                    </span>
                }.into_any()
            }}
            <Show when=move || asking.get()>
                <div class="dialog-backdrop">
                    <div class="dialog" role="alertdialog" aria-modal="true" aria-labelledby="lock-question">
                        <p id="lock-question" class="question">{if locked { UNLOCK_QUESTION } else { LOCK_QUESTION }}</p>
                        {(!locked && shuts_you_out).then(|| view! { <p class="warning" role="alert">{SHUT_OUT_WARNING}</p> })}
                        <div class="actions">
                            <button type="button" disabled=move || change.pending().get() on:click=move |_| {
                                asking.set(false);
                                change.dispatch(true);
                            }>"Yes"</button>
                            <button type="button" class="secondary" on:click=move |_| asking.set(false)>"Cancel"</button>
                        </div>
                    </div>
                </div>
            </Show>
            <FormProblem error />
        </div>
    }
    .into_any()
}

/// A padlock drawn inline (no icon font needed), shut or open.
#[component]
fn PadlockIcon(locked: bool) -> impl IntoView {
    let shackle = if locked {
        "M7 11V7a5 5 0 0 1 10 0v4"
    } else {
        "M7 11V7a5 5 0 0 1 9.9-1"
    };
    view! {
        <svg class="padlock" viewBox="0 0 24 24" width="22" height="22" aria-hidden="true"
            fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round">
            <rect x="4" y="11" width="16" height="10" rx="2" />
            <path d=shackle />
        </svg>
    }
}
