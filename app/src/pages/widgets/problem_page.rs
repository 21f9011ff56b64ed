//! The pages for what went wrong: 401 (signed out), 403 (not for you, and
//! why), 404, and anything else. Each sets its HTTP status when rendered on
//! the server.

use leptos::prelude::*;

use crate::error::AppError;
use crate::navigation::set_page_status;

#[component]
pub fn ProblemPage(error: AppError) -> impl IntoView {
    set_page_status(error.status());
    let (title, message) = match &error {
        AppError::Unauthenticated { message } => ("You are signed out", message.clone()),
        AppError::Forbidden { .. } | AppError::Restricted { .. } => {
            ("You don't have access to this page", error.to_string())
        }
        AppError::NotFound { .. } => ("Page not found", error.to_string()),
        other => ("Something went wrong", other.to_string()),
    };
    let signed_out = matches!(error, AppError::Unauthenticated { .. });
    view! {
        <section class="problem" data-status=error.status()>
            <h1>{title}</h1>
            <p class="problem-message">{message}</p>
            {if signed_out {
                view! { <a class="button" href="/login">"Sign in"</a> }.into_any()
            } else {
                view! { <a class="button secondary" href="/">"Go to the start page"</a> }.into_any()
            }}
        </section>
    }
}

#[component]
pub fn NotFoundPage() -> impl IntoView {
    view! {
        <main class="standalone">
            <ProblemPage error=AppError::NotFound { what: "The page you asked for".into() } />
        </main>
    }
}
