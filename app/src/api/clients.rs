//! Clients' server functions (spec, "Changing a record's protection"). Each finds the current personnel and
//! asks the rulebook whether the Clients area is open to them; the record's
//! own decision (may they open, edit, lock it...) is asked by the plain
//! function it calls, on the protection it loads in its own transaction.

use crate::api::answer_encoding::JsonAnswer;
use leptos::prelude::*;
use leptos::server_fn::codec::Json;
use policy::{ClientId, PersonnelId, Timestamp};

use crate::clients::{ClientForm, ClientProfile, ClientSearchPage, PersonnelChoice};
use crate::error::AppError;

#[cfg(feature = "ssr")]
use crate::api::caller::RecordsCaller as ClientsCaller;

/// What only the clients' server functions ask of their caller.
#[cfg(feature = "ssr")]
impl ClientsCaller {
    async fn clients() -> Result<ClientsCaller, AppError> {
        ClientsCaller::find(policy::Area::Clients).await
    }

    /// Active personnel matching `query` for a picker of client `id`, for
    /// someone the rulebook lets use the `control` that picker serves.
    async fn choices(
        &self,
        id: ClientId,
        control: policy::ProtectionControl,
        query: &str,
        order: crate::clients::choices::ChoiceOrder,
    ) -> Result<Vec<PersonnelChoice>, AppError> {
        crate::clients::profile::may_use_control(self.pool(), self.asking(), id, control).await?;
        crate::clients::choices::active_personnel(self.pool(), query, order).await
    }

    fn change(&self, client: ClientId) -> crate::clients::changes::Change<'_> {
        crate::clients::changes::Change {
            asking: self.asking(),
            client,
        }
    }
}

/// Clients the signed-in person may view whose name or identifier starts
/// with `query` (or born on that date), only those they are responsible
/// for when `mine`, a keyed page at a time: from the start, or `after` or
/// `before` a cursor that an earlier page gave (at most one of the two);
/// plus the bare "Restricted" entries for holders of "override access".
#[server(endpoint = "search_clients", output = JsonAnswer)]
pub async fn search_clients(
    query: String,
    mine: bool,
    #[server(default)] after: String,
    #[server(default)] before: String,
) -> Result<ClientSearchPage, AppError> {
    crate::api::reply(async {
        let c = ClientsCaller::clients().await?;
        let from = crate::paging::PageFrom::from_arguments(after, before).ok_or_else(|| {
            AppError::invalid_field("after", "Ask for the page after a row or before one, not both.")
        })?;
        let search = crate::clients::search::ClientQuery {
            text: &query,
            mine,
            from: &from,
        };
        crate::clients::search::search(c.pool(), c.asking(), search).await
    })
    .await
}

/// "New client": needs "create clients" (and "view clients").
#[server(endpoint = "create_client", input = Json, output = JsonAnswer)]
pub async fn create_client(form: ClientForm) -> Result<ClientId, AppError> {
    crate::api::reply(async {
        let c = ClientsCaller::clients().await?;
        policy::may_create(&c.caller.subject, policy::RecordKind::Client)?;
        crate::clients::intake::create(c.pool(), c.asking(), &form).await
    })
    .await
}

/// A client's profile, or `Forbidden` with the rulebook's reason.
#[server(endpoint = "load_client", output = JsonAnswer)]
pub async fn load_client(id: ClientId) -> Result<ClientProfile, AppError> {
    crate::api::reply(async {
        let c = ClientsCaller::clients().await?;
        crate::clients::profile::load(c.pool(), c.asking(), &c.local, id).await
    })
    .await
}

#[server(endpoint = "update_client", input = Json, output = JsonAnswer)]
pub async fn update_client(id: ClientId, form: ClientForm) -> Result<(), AppError> {
    crate::api::reply(async {
        let c = ClientsCaller::clients().await?;
        crate::clients::profile::update(c.pool(), c.asking(), id, &form).await
    })
    .await
}

/// Locks (`lock`) or unlocks the client; `confirmed` says the user answered
/// "Yes" to the confirmation.
#[server(endpoint = "set_client_lock", output = JsonAnswer)]
pub async fn set_client_lock(id: ClientId, lock: bool, confirmed: bool) -> Result<(), AppError> {
    crate::api::reply(async {
        let c = ClientsCaller::clients().await?;
        crate::clients::changes::set_lock(c.pool(), c.change(id), lock, confirmed).await
    })
    .await
}

/// Active personnel to add to a client's allowed personnel.
#[server(endpoint = "allowed_personnel_choices", output = JsonAnswer)]
pub async fn allowed_personnel_choices(
    id: ClientId,
    query: String,
) -> Result<Vec<PersonnelChoice>, AppError> {
    crate::api::reply(async {
        use crate::clients::choices::ChoiceOrder;
        let c = ClientsCaller::clients().await?;
        let control = policy::ProtectionControl::AllowedPersonnel;
        c.choices(id, control, &query, ChoiceOrder::ByName).await
    })
    .await
}

#[server(endpoint = "add_allowed_personnel", output = JsonAnswer)]
pub async fn add_allowed_personnel(id: ClientId, personnel: PersonnelId) -> Result<(), AppError> {
    crate::api::reply(async {
        let c = ClientsCaller::clients().await?;
        crate::clients::changes::add_allowed(c.pool(), c.change(id), personnel).await
    })
    .await
}

#[server(endpoint = "remove_allowed_personnel", output = JsonAnswer)]
pub async fn remove_allowed_personnel(id: ClientId, personnel: PersonnelId) -> Result<(), AppError> {
    crate::api::reply(async {
        let c = ClientsCaller::clients().await?;
        crate::clients::changes::remove_allowed(c.pool(), c.change(id), personnel).await
    })
    .await
}

/// Active personnel who could be the client's responsible personnel, case
/// managers first.
#[server(endpoint = "responsible_choices", output = JsonAnswer)]
pub async fn responsible_choices(id: ClientId, query: String) -> Result<Vec<PersonnelChoice>, AppError> {
    crate::api::reply(async {
        use crate::clients::choices::ChoiceOrder;
        let c = ClientsCaller::clients().await?;
        let control = policy::ProtectionControl::Responsible;
        c.choices(id, control, &query, ChoiceOrder::CaseManagersFirst)
            .await
    })
    .await
}

/// Makes `personnel` the client's responsible personnel; `None` clears it.
#[server(endpoint = "change_responsible", input = Json, output = JsonAnswer)]
pub async fn change_responsible(id: ClientId, personnel: Option<PersonnelId>) -> Result<(), AppError> {
    crate::api::reply(async {
        let c = ClientsCaller::clients().await?;
        crate::clients::changes::change_responsible(c.pool(), c.change(id), personnel).await
    })
    .await
}

/// Break-glass override access with a reason: the client opens for fifteen
/// minutes from the server's clock. Answers when it ends.
#[server(endpoint = "override_client", output = JsonAnswer)]
pub async fn override_client(id: ClientId, reason: String) -> Result<Timestamp, AppError> {
    crate::api::reply(async {
        let c = ClientsCaller::clients().await?;
        c.override_access(crate::records::RecordRef::client(id), &reason)
            .await
    })
    .await
}
