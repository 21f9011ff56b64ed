//! Changing one's own password; the only page open while "require password
//! change at next login" is pending.

use leptos::prelude::*;

use crate::api::session::ChangePassword;
use crate::error::AppError;
use crate::me::{SignedIn, me_of};
use crate::navigation::load_page;
use crate::pages::security_question::SecurityQuestionCard;
use crate::pages::widgets::{ProblemPage, use_hydrated};
use crate::password_rules::MIN_LENGTH;

#[component]
pub fn ChangePasswordPage() -> impl IntoView {
    let signed_in = SignedIn::find();
    let change = ServerAction::<ChangePassword>::new();
    let ready = use_hydrated();
    Effect::new(move |_| {
        if let Some(Ok(())) = change.value().get() {
            load_page("/");
        }
    });
    let error = move || change.value().get().and_then(Result::err);
    let field = move |name: &'static str| move || error().and_then(|e| e.field(name));
    view! {
        <section class="card narrow">
            <h1>"Change your password"</h1>
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    match me_of(signed_in).await {
                        Some(me) if me.must_change_password => view! {
                            <p class="notice" role="status">
                                "Your administrator asked you to choose a new password before you continue."
                            </p>
                        }.into_any(),
                        Some(_) => ().into_any(),
                        None => view! { <ProblemPage error=AppError::unauthenticated() /> }.into_any(),
                    }
                })}
            </Suspense>
            <ActionForm action=change>
                <label for="current_password">"Current password"</label>
                <input id="current_password" name="current_password" type="password" autocomplete="current-password" />
                <p class="field-error">{field("current_password")}</p>
                <label for="new_password">"New password"</label>
                <input id="new_password" name="new_password" type="password" autocomplete="new-password" />
                <p class="hint">{format!("At least {MIN_LENGTH} characters. A few unrelated words make a good one.")}</p>
                <p class="field-error">{field("new_password")}</p>
                <label for="confirm_password">"New password again"</label>
                <input id="confirm_password" name="confirm_password" type="password" autocomplete="new-password" />
                <p class="field-error">{field("confirm_password")}</p>
                <button type="submit" disabled=move || !ready.get() || change.pending().get()>
                    "Change password"
                </button>
            </ActionForm>
        </section>
        // Refused by its server function (and so hidden) while a password
        // change is pending.
        <SecurityQuestionCard />
    }
}
