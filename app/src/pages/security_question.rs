//! The "Security question" card (on the change-password page) and the
//! password recovery page reached from the sign-in page.

use leptos::prelude::*;

use crate::api::security_question::{
    RecoverPassword, SetSecurityQuestion, my_security_question, recovery_question,
};
use crate::error::AppError;
use crate::navigation::load_page;
use crate::pages::widgets::use_hydrated;
use crate::password_rules::MIN_LENGTH;
use crate::security_questions::{MIN_ANSWER_LENGTH, QUESTIONS, is_offered};

#[component]
pub fn SecurityQuestionCard() -> impl IntoView {
    let current = Resource::new(|| (), |_| my_security_question());
    let save = ServerAction::<SetSecurityQuestion>::new();
    let ready = use_hydrated();
    let error = move || save.value().get().and_then(Result::err);
    let field = move |name: &'static str| move || error().and_then(|e| e.field(name));
    let general = move || {
        error()
            .filter(|e| !matches!(e, AppError::Invalid { .. }))
            .map(|e| e.to_string())
    };
    // Refused (and so not shown) while a password change is pending.
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                let Ok(current) = current.await else {
                    return ().into_any();
                };
                view! {
                    <section class="card narrow security-question">
                        <h2>"Security question"</h2>
                        <p class="hint">
                            {format!("If you forget your password, you can choose a new one on the sign-in page by answering this question. \
                             The answer is not case-sensitive and has at least {MIN_ANSWER_LENGTH} characters.")}
                        </p>
                        {match current {
                            Some(question) if is_offered(&question) => view! { <p>"Your question now: " <strong>{question}</strong></p> }.into_any(),
                            Some(question) => view! {
                                <p class="notice" role="status">
                                    "Your question \u{201c}" {question} "\u{201d} is not on the list of questions any more. "
                                    "Choose one from the list below; until then it cannot be used to recover your password."
                                </p>
                            }.into_any(),
                            None => view! { <p>"You have not set a security question yet."</p> }.into_any(),
                        }}
                        <ActionForm action=save>
                            <label for="question">"Question"</label>
                            <select id="question" name="question">
                                <option value="">"Choose a question…"</option>
                                {QUESTIONS.into_iter().map(|q| view! { <option value=q>{q}</option> }).collect_view()}
                            </select>
                            <p class="field-error">{field("question")}</p>
                            <label for="answer">"Answer"</label>
                            <input id="answer" name="answer" type="password" autocomplete="off" />
                            <p class="field-error">{field("answer")}</p>
                            <label for="question_current_password">"Current password"</label>
                            <input id="question_current_password" name="current_password" type="password" autocomplete="current-password" />
                            <p class="field-error">{field("current_password")}</p>
                            <p class="form-error" role="alert">{general}</p>
                            <p class="notice" role="status" hidden=move || !matches!(save.value().get(), Some(Ok(())))>"Saved."</p>
                            <button type="submit" disabled=move || !ready.get() || save.pending().get()>"Save security question"</button>
                        </ActionForm>
                    </section>
                }
                .into_any()
            })}
        </Suspense>
    }
}

/// `/recover-password`: e-mail, then the question, the answer and a new
/// password twice.
#[component]
pub fn RecoverPasswordPage() -> impl IntoView {
    let email = RwSignal::new(String::new());
    let ask = Action::new(|email: &String| recovery_question(email.clone()));
    let recover = ServerAction::<RecoverPassword>::new();
    let ready = use_hydrated();
    Effect::new(move |_| {
        if let Some(Ok(())) = recover.value().get() {
            load_page("/login?recovered=1");
        }
    });
    let question = move || ask.value().get().and_then(Result::ok);
    let ask_error = move || ask.value().get().and_then(Result::err).map(|e| e.to_string());
    let error = move || recover.value().get().and_then(Result::err);
    let field = move |name: &'static str| move || error().and_then(|e| e.field(name));
    let general = move || {
        error()
            .filter(|e| !matches!(e, AppError::Invalid { .. }))
            .map(|e| e.to_string())
    };
    view! {
        <main class="standalone">
            <section class="card sign-in">
                <h1>"Forgot your password?"</h1>
                <form on:submit=move |ev| {
                    ev.prevent_default();
                    ask.dispatch(email.get_untracked());
                } hidden=move || question().is_some()>
                    <label for="recover-email">"E-mail"</label>
                    <input id="recover-email" type="email" autocomplete="username" inputmode="email" autocapitalize="none"
                        prop:value=move || email.get() on:input=move |ev| email.set(event_target_value(&ev)) />
                    <p class="form-error" role="alert">{ask_error}</p>
                    <button type="submit" disabled=move || !ready.get() || ask.pending().get()>"Continue"</button>
                </form>
                {move || question().map(|question| view! {
                    <ActionForm action=recover>
                        <input type="hidden" name="email" value=email.get_untracked() />
                        <p class="question"><strong>{question}</strong></p>
                        <label for="recover-answer">"Answer"</label>
                        <input id="recover-answer" name="answer" type="password" autocomplete="off" />
                        <label for="recover-new">"New password"</label>
                        <input id="recover-new" name="new_password" type="password" autocomplete="new-password" />
                        <p class="hint">{format!("At least {MIN_LENGTH} characters. A few unrelated words make a good one.")}</p>
                        <p class="field-error">{field("new_password")}</p>
                        <label for="recover-confirm">"New password again"</label>
                        <input id="recover-confirm" name="confirm_password" type="password" autocomplete="new-password" />
                        <p class="field-error">{field("confirm_password")}</p>
                        <p class="form-error" role="alert">{general}</p>
                        <button type="submit" disabled=move || recover.pending().get()>"Set new password"</button>
                    </ActionForm>
                })}
                <p><a class="standalone-link" href="/login">"Back to sign in"</a></p>
            </section>
        </main>
    }
}
