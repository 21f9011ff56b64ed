//! The personnel directory's server functions (spec, "Personnel lifecycle"). Each finds the
//! current personnel, asks `policy::may_administer`, then calls the plain
//! functions of `crate::directory`.

use crate::api::answer_encoding::JsonAnswer;
use leptos::prelude::*;
use leptos::server_fn::codec::Json;
use policy::{PersonnelId, PersonnelStatus};

use crate::directory::{DirectoryOptions, NewAccount, PersonnelForm, PersonnelRecord, PersonnelSummary};
use crate::error::AppError;

#[cfg(feature = "ssr")]
mod guard {
    use policy::{AdministrationAction, PersonnelId};

    use crate::auth::current::{Caller, current_personnel};
    use crate::directory::account::is_site_administrator;
    use crate::error::AppError;

    /// The caller, if they may see the directory at all.
    pub async fn directory_reader() -> Result<Caller, AppError> {
        let caller = current_personnel().await?;
        policy::may_administer(
            &caller.subject,
            AdministrationAction::ManagePersonnel {
                target_is_site_administrator: false,
            },
        )?;
        Ok(caller)
    }

    /// The caller, if they may manage the account of `target` (a site
    /// administrator's account needs a site administrator).
    pub async fn account_manager(target: PersonnelId) -> Result<Caller, AppError> {
        let caller = directory_reader().await?;
        let target_is_site_administrator = is_site_administrator(&caller.state.pool, target).await?;
        policy::may_administer(
            &caller.subject,
            AdministrationAction::ManagePersonnel {
                target_is_site_administrator,
            },
        )?;
        Ok(caller)
    }

    /// Refuses setting or clearing the site administrator flag unless the
    /// caller is a site administrator.
    pub fn may_change_site_administrator(caller: &Caller, changing: bool) -> Result<(), AppError> {
        if changing {
            policy::may_administer(&caller.subject, AdministrationAction::SetSiteAdministrator)?;
        }
        Ok(())
    }
}

/// Personnel whose name or job title contains `query`, or whose whole
/// e-mail address it is; Active only unless `show_inactive`.
#[server(endpoint = "search_personnel", output = JsonAnswer)]
pub async fn search_personnel(query: String, show_inactive: bool) -> Result<Vec<PersonnelSummary>, AppError> {
    crate::api::reply(async {
        let caller = guard::directory_reader().await?;
        let organization = policy::administered_organization(&caller.subject);
        crate::directory::search::search(&caller.state.pool, &query, show_inactive, organization).await
    })
    .await
}

/// The organizations, roles, teams and supervisors the forms offer.
#[server(endpoint = "load_directory_options", output = JsonAnswer)]
pub async fn load_directory_options() -> Result<DirectoryOptions, AppError> {
    crate::api::reply(async {
        let caller = guard::directory_reader().await?;
        let may_set = policy::may_administer(
            &caller.subject,
            policy::AdministrationAction::SetSiteAdministrator,
        )
        .is_ok();
        let organization = policy::administered_organization(&caller.subject);
        crate::directory::options::load(&caller.state.pool, may_set, organization).await
    })
    .await
}

/// One person's account, for "Edit account".
#[server(endpoint = "load_personnel_record", output = JsonAnswer)]
pub async fn load_personnel_record(id: PersonnelId) -> Result<PersonnelRecord, AppError> {
    crate::api::reply(async {
        let caller = guard::directory_reader().await?;
        let mut connection = caller.state.pool.acquire().await?;
        let mut record = crate::directory::account::load(&mut connection, id).await?;
        drop(connection);
        policy::may_manage_personnel_of(&caller.subject, record.details.organization)?;
        let now = caller.state.clock.now();
        record.sign_in_paused_minutes =
            crate::directory::account::sign_in_paused_minutes(&caller.state.pool, &record.details.email, now)
                .await?;
        Ok(record)
    })
    .await
}

/// "Add personnel" and "Quick add".
#[server(endpoint = "add_personnel", input = Json, output = JsonAnswer)]
pub async fn add_personnel(account: NewAccount) -> Result<PersonnelId, AppError> {
    crate::api::reply(async {
        let caller = guard::directory_reader().await?;
        guard::may_change_site_administrator(&caller, account.details.site_administrator)?;
        let now = caller.state.clock.now();
        crate::directory::account::add(
            &caller.state.pool,
            &caller.state.hashing,
            caller.subject.id,
            account,
            now,
        )
        .await
    })
    .await
}

/// "Edit account": saves every detail, the status included.
#[server(endpoint = "update_personnel", input = Json, output = JsonAnswer)]
pub async fn update_personnel(id: PersonnelId, details: PersonnelForm) -> Result<(), AppError> {
    crate::api::reply(async {
        let caller = guard::account_manager(id).await?;
        let current = crate::directory::account::is_site_administrator(&caller.state.pool, id).await?;
        guard::may_change_site_administrator(&caller, current != details.site_administrator)?;
        let now = caller.state.clock.now();
        crate::directory::account::update(&caller.state.pool, caller.subject.id, id, details, now).await
    })
    .await
}

/// Makes an account Active, Inactive or Pending. Inactive and Pending end
/// its sessions at once.
#[server(endpoint = "set_personnel_status", output = JsonAnswer)]
pub async fn set_personnel_status(id: PersonnelId, status: PersonnelStatus) -> Result<(), AppError> {
    crate::api::reply(async {
        let caller = guard::account_manager(id).await?;
        let now = caller.state.clock.now();
        crate::directory::account::set_status(&caller.state.pool, caller.subject.id, id, status, now).await
    })
    .await
}

/// An administrator sets a temporary password; the account must change it
/// at its next sign-in.
#[server(endpoint = "reset_personnel_password", output = JsonAnswer)]
pub async fn reset_personnel_password(
    id: PersonnelId,
    password: String,
    confirm_password: String,
) -> Result<(), AppError> {
    crate::api::reply(async {
        let caller = guard::account_manager(id).await?;
        let now = caller.state.clock.now();
        let reset = crate::directory::PasswordReset {
            password,
            confirm_password,
        };
        crate::directory::account::reset_password(
            &caller.state.pool,
            &caller.state.hashing,
            caller.subject.id,
            id,
            reset,
            now,
        )
        .await
    })
    .await
}

/// Lifts early the pause of sign-in to an account after failures from many
/// addresses (spec, "Sign-in and recovery"); its attempt counters start again.
#[server(endpoint = "lift_sign_in_pause", output = JsonAnswer)]
pub async fn lift_sign_in_pause(id: PersonnelId) -> Result<(), AppError> {
    crate::api::reply(async {
        let caller = guard::account_manager(id).await?;
        let now = caller.state.clock.now();
        crate::directory::account::lift_sign_in_pause(&caller.state.pool, caller.subject.id, id, now).await
    })
    .await
}

/// Deletes an account that nothing refers to; otherwise refuses with the
/// reason and changes nothing.
#[server(endpoint = "delete_personnel", output = JsonAnswer)]
pub async fn delete_personnel(id: PersonnelId) -> Result<(), AppError> {
    crate::api::reply(async {
        let caller = guard::account_manager(id).await?;
        let now = caller.state.clock.now();
        crate::directory::removal::delete(&caller.state.pool, caller.subject.id, id, now).await
    })
    .await
}

/// "My team": the people who report to the signed-in person.
#[server(endpoint = "my_team", output = JsonAnswer)]
pub async fn my_team() -> Result<Vec<PersonnelSummary>, AppError> {
    crate::api::reply(async {
        let caller = crate::auth::current::current_personnel().await?;
        policy::may_use_app(&caller.subject)?;
        crate::directory::search::reports_of(&caller.state.pool, caller.subject.id).await
    })
    .await
}
