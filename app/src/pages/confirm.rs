//! A button that asks before it acts: "Delete …? This cannot be undone."

use leptos::prelude::*;

/// Shows `label`; pressing it shows `question` with "Yes" and "Cancel".
#[component]
pub fn ConfirmButton(
    label: &'static str,
    question: String,
    #[prop(default = "Yes")] yes: &'static str,
    #[prop(into)] pending: Signal<bool>,
    on_confirm: Callback<()>,
    #[prop(default = "danger")] class: &'static str,
) -> impl IntoView {
    let asking = RwSignal::new(false);
    view! {
        <button type="button" class=class on:click=move |_| asking.set(true) hidden=move || asking.get()>
            {label}
        </button>
        <div class="confirm" role="alertdialog" hidden=move || !asking.get()>
            <p>{question}</p>
            <button type="button" class=class disabled=move || pending.get() on:click=move |_| {
                asking.set(false);
                on_confirm.run(());
            }>{yes}</button>
            <button type="button" class="secondary" on:click=move |_| asking.set(false)>"Cancel"</button>
        </div>
    }
}
