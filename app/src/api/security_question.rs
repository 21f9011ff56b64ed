//! The security question and password recovery (spec, "Personnel lifecycle"). Setting one's own
//! question needs a signed-in, Active person. Asking for a question and
//! recovering happen before sign-in, like `sign_in` itself: there is no
//! current personnel; `policy::may_sign_in` is asked about the account's
//! status after the answer is checked.

use crate::api::answer_encoding::JsonAnswer;
use leptos::prelude::*;

use crate::error::AppError;

/// The signed-in person's question, if they have set one.
#[server(endpoint = "my_security_question", output = JsonAnswer)]
pub async fn my_security_question() -> Result<Option<String>, AppError> {
    crate::api::reply(async {
        let caller = crate::auth::current::current_personnel().await?;
        policy::may_use_app(&caller.subject)?;
        crate::auth::security_question::own_question(&caller.state, caller.subject.id).await
    })
    .await
}

#[server(endpoint = "set_security_question", output = JsonAnswer)]
pub async fn set_security_question(
    question: String,
    answer: String,
    current_password: String,
) -> Result<(), AppError> {
    crate::api::reply(async {
        let caller = crate::auth::current::current_personnel().await?;
        policy::may_use_app(&caller.subject)?;
        let address = crate::auth::client_address::current(&caller.state.trusted_proxies)?;
        crate::auth::security_question::set(
            &caller.state,
            caller.subject.id,
            &question,
            &answer,
            &current_password,
            &address,
        )
        .await
    })
    .await
}

/// The question to answer for `email` (a decoy from the same list when
/// there is no such account or it has no question from the list).
#[server(endpoint = "recovery_question", output = JsonAnswer)]
pub async fn recovery_question(email: String) -> Result<String, AppError> {
    crate::api::reply(async {
        let state = crate::state::app_state()?;
        crate::auth::security_question::question_for(&state, &email).await
    })
    .await
}

#[server(endpoint = "recover_password", output = JsonAnswer)]
pub async fn recover_password(
    email: String,
    answer: String,
    new_password: String,
    confirm_password: String,
) -> Result<(), AppError> {
    use crate::auth::security_question::{Recovery, recover};
    crate::api::reply(async {
        let state = crate::state::app_state()?;
        let address = crate::auth::client_address::current(&state.trusted_proxies)?;
        let recovered = recover(
            &state,
            Recovery {
                email,
                answer,
                new_password,
                confirm_password,
            },
            &address,
        )
        .await;
        crate::auth::refusal_pause::after_refusal(recovered).await
    })
    .await
}
