//! The sign-in page.

use leptos::prelude::*;

use crate::api::session::SignIn;
use crate::error::AppError;
use crate::navigation::load_page;
use crate::pages::widgets::use_hydrated;

#[component]
pub fn LoginPage() -> impl IntoView {
    let sign_in = ServerAction::<SignIn>::new();
    // The button is enabled once the page is interactive (hydrated).
    let ready = use_hydrated();
    Effect::new(move |_| {
        if let Some(Ok(())) = sign_in.value().get() {
            load_page("/");
        }
    });
    let error = move || sign_in.value().get().and_then(Result::err);
    let field = move |name: &'static str| move || error().and_then(|e| e.field(name));
    let general = move || {
        error()
            .filter(|e| !matches!(e, AppError::Invalid { .. }))
            .map(|e| e.to_string())
    };

    let query = leptos_router::hooks::use_query_map();
    let recovered = move || query.read().get("recovered").is_some();
    view! {
        <main class="standalone">
            <section class="card sign-in">
                <h1>"Sign in to Safehold"</h1>
                <ActionForm action=sign_in>
                    <label for="email">"E-mail"</label>
                    <input id="email" name="email" type="email" autocomplete="username" inputmode="email" autocapitalize="none" />
                    <p class="field-error">{field("email")}</p>
                    <label for="password">"Password"</label>
                    <input id="password" name="password" type="password" autocomplete="current-password" />
                    <p class="field-error">{field("password")}</p>
                    <p class="form-error" role="alert">{general}</p>
                    <button type="submit" disabled=move || !ready.get() || sign_in.pending().get()>
                        "Sign in"
                    </button>
                </ActionForm>
                {move || recovered().then(|| view! {
                    <p class="notice" role="status">"Your new password is set. Sign in with it."</p>
                })}
                <p><a class="standalone-link" href="/recover-password">"Forgot your password?"</a></p>
            </section>
        </main>
    }
}
