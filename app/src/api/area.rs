//! Opening an area of the application (Clients, Personnel, Administration).

use crate::api::answer_encoding::JsonAnswer;
use leptos::prelude::*;
use policy::Area;

use crate::error::AppError;

/// Whether the current personnel may open `area`; the refusal says why.
#[server(endpoint = "open_area", output = JsonAnswer)]
pub async fn open_area(area: Area) -> Result<(), AppError> {
    crate::api::reply(async {
        let caller = crate::auth::current::current_personnel().await?;
        policy::may_open_area(&caller.subject, area)?;
        Ok(())
    })
    .await
}
