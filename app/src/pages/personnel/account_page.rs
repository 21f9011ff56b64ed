//! One person's account at `/personnel/:id`: edit every detail, make the
//! account Active, Inactive or Pending, reset the password, delete it.

use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};
use policy::{PersonnelId, PersonnelStatus};

use crate::api::personnel::{
    delete_personnel, lift_sign_in_pause, load_directory_options, load_personnel_record,
    reset_personnel_password, set_personnel_status, update_personnel,
};
use crate::directory::{DirectoryOptions, PersonnelForm, PersonnelRecord};
use crate::error::AppError;
use crate::pages::confirm::ConfirmButton;
use crate::pages::personnel::StatusBadge;
use crate::pages::personnel::fields::PersonnelFields;
use crate::pages::route_id::route_id;
use crate::pages::widgets::{FormProblem, ProblemPage, field_error, loading};

#[component]
pub fn PersonnelAccountPage() -> impl IntoView {
    let id = route_id(PersonnelId);
    let loaded = Resource::new(
        move || id.get(),
        |id| async move {
            let id = id.ok_or(AppError::NotFound {
                what: "That person".into(),
            })?;
            Ok::<_, AppError>((load_personnel_record(id).await?, load_directory_options().await?))
        },
    );
    view! {
        <Suspense fallback=loading>
            {move || Suspend::new(async move {
                match loaded.await {
                    Ok((record, options)) => view! { <Account record options /> }.into_any(),
                    Err(error) => view! { <ProblemPage error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Account(record: PersonnelRecord, options: DirectoryOptions) -> impl IntoView {
    let id = record.id;
    let added = use_query_map().read_untracked().get("added").is_some();
    let form = RwSignal::new(record.details.clone());
    let status = RwSignal::new(record.details.status);
    let name = record.details.name.clone();

    let save = Action::new(move |details: &PersonnelForm| update_personnel(id, details.clone()));
    let save_error = Signal::derive(move || save.value().get().and_then(Result::err));
    let saved = move || matches!(save.value().get(), Some(Ok(())));
    Effect::new(move |_| {
        if let Some(Ok(())) = save.value().get() {
            status.set(form.get_untracked().status);
        }
    });

    let change_status = Action::new(move |new: &PersonnelStatus| set_personnel_status(id, *new));
    let status_error = Signal::derive(move || change_status.value().get().and_then(Result::err));
    let requested = RwSignal::new(record.details.status);
    Effect::new(move |_| {
        if let Some(Ok(())) = change_status.value().get() {
            let new = requested.get_untracked();
            status.set(new);
            form.update(|f| f.status = new);
        }
    });
    let set_status = move |new: PersonnelStatus| {
        requested.set(new);
        change_status.dispatch(new);
    };

    view! {
        <section class="card form-card">
            <div class="page-heading">
                <h1>{name.clone()}</h1>
                {move || view! { <StatusBadge status=status.get() /> }}
            </div>
            {added.then(|| view! {
                <p class="notice" role="status">"The account was added."</p>
            })}
            {record.must_change_password.then(|| view! {
                <p class="hint">"This person must change their password at their next sign-in."</p>
            })}
            {record.sign_in_paused_minutes.map(|minutes| view! { <SignInPause id minutes /> })}

            <div class="status-actions" role="group" aria-label="Account status">
                {PersonnelStatus::ALL.into_iter().map(|choice| {
                    let label = match choice {
                        PersonnelStatus::Active => "Make Active",
                        PersonnelStatus::Inactive => "Make Inactive",
                        PersonnelStatus::Pending => "Make Pending",
                    };
                    view! {
                        <button type="button" class="secondary"
                            disabled=move || status.get() == choice || change_status.pending().get()
                            on:click=move |_| set_status(choice)>
                            {label}
                        </button>
                    }
                }).collect_view()}
            </div>
            <p class="hint">"Inactive and Pending accounts cannot sign in; making an account Inactive ends its sessions at once."</p>
            <FormProblem error=status_error />

            <h2>"Account details"</h2>
            <form on:submit=move |ev| {
                ev.prevent_default();
                save.dispatch(form.get_untracked());
            } novalidate>
                <PersonnelFields form options error=save_error />
                <FormProblem error=save_error />
                <p class="notice" role="status" hidden=move || !saved()>"Saved."</p>
                <button type="submit" disabled=move || save.pending().get()>"Save"</button>
            </form>

            <PasswordResetSection id />
            <DeleteSection id name />
        </section>
    }
}

/// A running pause of sign-in after failures from many addresses, and the
/// button that lifts it early.
#[component]
fn SignInPause(id: PersonnelId, minutes: i64) -> impl IntoView {
    let lift = Action::new(move |_: &()| lift_sign_in_pause(id));
    let error = Signal::derive(move || lift.value().get().and_then(Result::err));
    let lifted = move || matches!(lift.value().get(), Some(Ok(())));
    view! {
        <div class="sign-in-pause" role="status">
            <p class="notice" hidden=lifted>
                {format!(
                    "Sign-in to this account is paused for {} more after many failed sign-ins from several addresses.",
                    crate::plural::MINUTES.count(minutes.unsigned_abs()),
                )}
            </p>
            <p class="notice" hidden=move || !lifted()>"The pause was lifted; the person can sign in again."</p>
            <button type="button" class="secondary" hidden=lifted
                disabled=move || lift.pending().get()
                on:click=move |_| {
                    lift.dispatch(());
                }>
                "Lift the pause"
            </button>
            <FormProblem error />
        </div>
    }
}

#[component]
fn PasswordResetSection(id: PersonnelId) -> impl IntoView {
    let password = RwSignal::new(String::new());
    let confirm = RwSignal::new(String::new());
    let reset = Action::new(move |(password, confirm): &(String, String)| {
        reset_personnel_password(id, password.clone(), confirm.clone())
    });
    let error = Signal::derive(move || reset.value().get().and_then(Result::err));
    let done = move || matches!(reset.value().get(), Some(Ok(())));
    view! {
        <h2>"Reset password"</h2>
        <form on:submit=move |ev| {
            ev.prevent_default();
            reset.dispatch((password.get_untracked(), confirm.get_untracked()));
        } novalidate>
            <label for="reset-password">"Temporary password"</label>
            <input id="reset-password" type="password" autocomplete="new-password"
                prop:value=move || password.get() on:input=move |ev| password.set(event_target_value(&ev)) />
            <p class="field-error">{field_error(error, "password")}</p>
            <label for="reset-confirm">"Temporary password again"</label>
            <input id="reset-confirm" type="password" autocomplete="new-password"
                prop:value=move || confirm.get() on:input=move |ev| confirm.set(event_target_value(&ev)) />
            <p class="field-error">{field_error(error, "confirm_password")}</p>
            <p class="hint">"The person must choose a new password at their next sign-in; their open sessions end now."</p>
            <FormProblem error />
            <p class="notice" role="status" hidden=move || !done()>"The password was reset."</p>
            <button type="submit" class="secondary" disabled=move || reset.pending().get()>"Reset password"</button>
        </form>
    }
}

#[component]
fn DeleteSection(id: PersonnelId, name: String) -> impl IntoView {
    let delete = Action::new(move |_: &()| delete_personnel(id));
    let error = Signal::derive(move || delete.value().get().and_then(Result::err));
    let navigate = use_navigate();
    Effect::new(move |_| {
        if let Some(Ok(())) = delete.value().get() {
            navigate("/personnel", Default::default());
        }
    });
    view! {
        <h2>"Delete account"</h2>
        <p class="hint">"Only an account that nothing refers to can be deleted. Otherwise make it Inactive."</p>
        <ConfirmButton
            label="Delete account"
            question=format!("Delete the account of {name}? This cannot be undone.")
            yes="Yes, delete"
            pending=delete.pending()
            on_confirm=Callback::new(move |()| {
                delete.dispatch(());
            })
        />
        <FormProblem error />
    }
}
