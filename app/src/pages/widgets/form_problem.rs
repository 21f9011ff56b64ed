//! What a form shows of the server's last answer: the message that is not
//! about one field (a refusal, a conflict, or the summary of field
//! messages), and each field's own message.

use leptos::prelude::*;

use crate::error::AppError;

/// The message of an answer that is not about one field (a refusal, a
/// conflict), or the summary of field messages.
#[component]
pub fn FormProblem(error: Signal<Option<AppError>>) -> impl IntoView {
    view! { <p class="form-error" role="alert">{move || error.get().map(|e| e.to_string())}</p> }
}

/// The server's message for one field, from the last answer.
pub fn field_error(
    error: Signal<Option<AppError>>,
    name: &'static str,
) -> impl Fn() -> Option<String> + Copy {
    move || error.get().and_then(|e| e.field(name))
}
