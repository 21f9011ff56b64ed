//! A client's profile: loaded only for someone the rulebook lets open it,
//! with the controls the rulebook lets them use; and the edit of its details
//! by someone it lets edit it.

use crate::case_folding::fold;
use policy::{ClientId, ProtectionControl, ProtectionRefusal, Reason, RecordAction};

use crate::asking::Asking;
use crate::audit::{self, Entry};
use crate::clients::changes::{Change, claim};
use crate::clients::form::check;
use crate::clients::intake::ClientEntry;
use crate::clients::{ClientControls, ClientForm, ClientProfile};
use crate::error::AppError;
use crate::local_time::LocalTime;
use crate::records::RecordRef;
use crate::records::claim::load_known;
use crate::records::protection;
use crate::store::Pool;

pub fn client_not_found() -> AppError {
    AppError::NotFound {
        what: "That client".into(),
    }
}

/// The profile of client `id` as `viewer` may see it at `now`; or
/// `Restricted` with the rulebook's reason for someone who could override;
/// or, for anyone else, "not found" as for a missing client (no details at
/// all either way).
#[tracing::instrument(name = "clients::profile::load", skip_all, fields(actor = asking.subject.id.0, client = id.0))]
/// The reason it opens is worded in the agency's time zone (`local`).
pub async fn load(
    pool: &Pool,
    asking: Asking<'_>,
    local: &LocalTime,
    id: ClientId,
) -> Result<ClientProfile, AppError> {
    let (protection, details) = protection::load_client_profile(pool, id)
        .await?
        .ok_or_else(client_not_found)?;
    let view = crate::records::opening::may_open(asking, &protection, RecordRef::client(id))?;
    let may_use = |control| asking.may_use_control(&protection, control).is_ok();
    let controls = ClientControls {
        edit_details: asking.decide(RecordAction::Edit, &protection).is_allowed(),
        lock: may_use(ProtectionControl::Lock),
        allowed_personnel: may_use(ProtectionControl::AllowedPersonnel),
        responsible: may_use(ProtectionControl::Responsible),
        access_rules: may_use(ProtectionControl::AccessRules),
    };
    let mut locked = protection.clone();
    locked.locked = true;
    let lock_would_shut_you_out = !asking.decide(RecordAction::View, &locked).is_allowed();
    Ok(ClientProfile {
        id,
        details: ClientForm {
            first_name: details.first_name,
            last_name: details.last_name,
            date_of_birth: details.date_of_birth.unwrap_or_default(),
            identifier: details.identifier,
        },
        organization_name: details.organization_name,
        responsible: details.responsible,
        locked: protection.locked,
        allowed_personnel: details.allowed_personnel,
        access: local.reason(&view.reason),
        controls,
        lock_would_shut_you_out,
        override_until: match view.reason {
            Reason::Override { until } => Some(until),
            _ => None,
        },
        now: asking.now,
    })
}

/// A client's details as stored, before a change.
#[derive(sqlx::FromRow)]
struct StoredDetails {
    first_name: String,
    last_name: String,
    date_of_birth: Option<String>,
    identifier: String,
}

/// Changes the client's details, for someone the rulebook lets edit it.
#[tracing::instrument(name = "clients::profile::update", skip_all, fields(actor = asking.subject.id.0, client = id.0))]
pub async fn update(
    pool: &Pool,
    asking: Asking<'_>,
    id: ClientId,
    form: &ClientForm,
) -> Result<(), AppError> {
    let (editor, now) = (asking.subject, asking.now);
    let client = check(form, now)?;
    let change = Change { asking, client: id };
    let (mut tx, protection) = claim(pool, &change).await?;
    let edit = asking.decide(RecordAction::Edit, &protection);
    if !edit.is_allowed() {
        return Err(ProtectionRefusal::CannotEdit(edit.reason).into());
    }
    let before: StoredDetails =
        sqlx::query_as("SELECT first_name, last_name, date_of_birth, identifier FROM clients WHERE id = $1")
            .bind(id.0)
            .fetch_one(&mut *tx)
            .await?;
    sqlx::query(
        "UPDATE clients SET first_name = $1, last_name = $2, date_of_birth = $3, identifier = $4, \
         first_name_folded = $5, last_name_folded = $6, identifier_folded = $7 WHERE id = $8",
    )
    .bind(&client.first_name)
    .bind(&client.last_name)
    .bind(&client.date_of_birth)
    .bind(&client.identifier)
    .bind(fold(&client.first_name))
    .bind(fold(&client.last_name))
    .bind(fold(&client.identifier))
    .bind(id.0)
    .execute(&mut *tx)
    .await?;
    audit::record(
        &mut tx,
        Entry {
            actor: Some(editor.id),
            at: now,
            action: "client.update",
            entity: "clients",
            entity_id: id.0,
            before: Some(&ClientEntry {
                first_name: &before.first_name,
                last_name: &before.last_name,
                date_of_birth: before.date_of_birth.as_deref(),
                identifier: &before.identifier,
            }),
            after: Some(&ClientEntry {
                first_name: &client.first_name,
                last_name: &client.last_name,
                date_of_birth: client.date_of_birth.as_deref(),
                identifier: &client.identifier,
            }),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// May `subject` use `control` on client `id` now? For the pickers, which
/// list personnel only to someone who may use the control they serve.
#[tracing::instrument(name = "clients::profile::may_use_control", skip_all, fields(actor = asking.subject.id.0, client = id.0))]
pub async fn may_use_control(
    pool: &Pool,
    asking: Asking<'_>,
    id: ClientId,
    control: ProtectionControl,
) -> Result<(), AppError> {
    let mut tx = pool.begin().await?;
    let protection = load_known(&mut tx, asking, RecordRef::client(id)).await?;
    tx.commit().await?;
    asking.may_use_control(&protection, control)?;
    Ok(())
}
