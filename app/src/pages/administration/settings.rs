//! `/administration/settings`: site settings, for site administrators.
//! Switching to "Visible to responsible user" shows seed 002's warning and
//! needs a confirmation before it is saved.

use leptos::prelude::*;
use policy::ClientVisibility;
use policy::Code;

use crate::api::settings::{load_site_settings, save_site_settings};
use crate::pages::widgets::{FormProblem, ProblemPage, field_error, loading};
use crate::settings::{RESPONSIBLE_USER_WARNING, SettingsForm};

#[component]
pub fn SettingsPage() -> impl IntoView {
    let settings = Resource::new(|| (), |_| load_site_settings());
    view! {
        <Suspense fallback=loading>
            {move || Suspend::new(async move {
                match settings.await {
                    Ok(saved) => view! { <Settings saved /> }.into_any(),
                    Err(error) => view! { <ProblemPage error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Settings(saved: SettingsForm) -> impl IntoView {
    let form = RwSignal::new(saved.clone());
    let stored = RwSignal::new(saved);
    let confirming = RwSignal::new(false);
    let save = Action::new(|form: &SettingsForm| save_site_settings(form.clone()));
    let error = Signal::derive(move || save.value().get().and_then(Result::err));
    Effect::new(move |_| {
        if let Some(Ok(())) = save.value().get() {
            stored.set(form.get_untracked());
        }
    });
    let becomes_responsible_only = move || {
        form.with(|f| f.access.client_visibility) == ClientVisibility::ResponsibleUser
            && stored.with(|s| s.access.client_visibility) == ClientVisibility::AllUsers
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if becomes_responsible_only() {
            confirming.set(true);
        } else {
            save.dispatch(form.get_untracked());
        }
    };
    let visibility = move |choice: ClientVisibility| {
        view! {
            <label class="check">
                <input type="radio" name="client_visibility" value=choice.code()
                    prop:checked=move || form.with(|f| f.access.client_visibility == choice)
                    on:change=move |_| form.update(|f| f.access.client_visibility = choice) />
                {choice.label()}
            </label>
        }
    };
    view! {
        <section class="card form-card">
            <h1>"Site settings"</h1>
            <form on:submit=submit novalidate>
                <fieldset class="choices">
                    <legend>"Client visibility"</legend>
                    {visibility(ClientVisibility::AllUsers)}
                    {visibility(ClientVisibility::ResponsibleUser)}
                </fieldset>
                <label class="check">
                    <input type="checkbox" name="assign_new_clients_to_creator"
                        prop:checked=move || form.with(|f| f.access.assign_new_clients_to_creator)
                        on:change=move |ev| form.update(|f| f.access.assign_new_clients_to_creator = event_target_checked(&ev)) />
                    "Assign new client records to the user who creates the record"
                </label>
                <label class="check">
                    <input type="checkbox" name="password_recovery"
                        prop:checked=move || form.with(|f| f.password_recovery)
                        on:change=move |ev| form.update(|f| f.password_recovery = event_target_checked(&ev)) />
                    "Let people recover a forgotten password with their security question"
                </label>
                <div class="field">
                    <label for="time-zone">"Time zone"</label>
                    <input id="time-zone" name="time_zone" type="text" autocomplete="off" spellcheck="false"
                        aria-describedby="time-zone-hint"
                        prop:value=move || form.with(|f| f.time_zone.clone())
                        on:input=move |ev| form.update(|f| f.time_zone = event_target_value(&ev)) />
                    <p class="hint" id="time-zone-hint">
                        "Pages show every time in this zone, with its abbreviation. Its IANA name, such as Europe/London or Pacific/Auckland; left empty, the server's own zone. The CSV export keeps UTC."
                    </p>
                    <p class="field-error">{field_error(error, "time_zone")}</p>
                </div>
                <div class="confirm" role="alertdialog" aria-labelledby="visibility-warning" hidden=move || !confirming.get()>
                    <p id="visibility-warning">{RESPONSIBLE_USER_WARNING}</p>
                    <button type="button" class="danger" on:click=move |_| {
                        confirming.set(false);
                        save.dispatch(form.get_untracked());
                    }>"Yes, switch to Visible to responsible user"</button>
                    <button type="button" class="secondary" on:click=move |_| confirming.set(false)>"Cancel"</button>
                </div>
                <FormProblem error />
                <p class="notice" role="status" hidden=move || !matches!(save.value().get(), Some(Ok(())))>"Saved."</p>
                <button type="submit" disabled=move || save.pending().get() || confirming.get()>"Save settings"</button>
            </form>
        </section>
    }
}
