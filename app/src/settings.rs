//! Site settings (seed 002; spec, "Sign-in and recovery"): who sees
//! clients by default, who becomes responsible for a new client, whether
//! people may recover a forgotten password by their security question, and
//! the agency's time zone.

use policy::SiteSettings;
use serde::{Deserialize, Serialize};

/// The settings page's form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SettingsForm {
    /// What the rulebook reads: client visibility and assign-to-creator.
    pub access: SiteSettings,
    /// "Password recovery by security question" on the sign-in page.
    pub password_recovery: bool,
    /// The IANA name of the zone pages show times in, such as
    /// "Europe/London". Loaded as the server's own zone until one is saved.
    pub time_zone: String,
}

/// Seed 002's warning, shown before switching to "Visible to responsible user".
pub const RESPONSIBLE_USER_WARNING: &str = "Warning: this setting can have big consequences when it comes to \
user access to client records. Clients will be hidden from everyone but their responsible personnel, the \
people a lock, a rule or an override lets in, and site administrators. Only site administrators will be able \
to change a client's responsible personnel.";

#[cfg(feature = "ssr")]
pub use data::*;

#[cfg(feature = "ssr")]
mod data {
    use policy::{ClientVisibility, Code, PersonnelId, SiteSettings, Timestamp};

    use super::SettingsForm;
    use crate::audit::{self, Entry};
    use crate::error::AppError;
    use crate::local_time::LocalTime;
    use crate::store::{Db, Flag, Pool};
    use crate::stored_code::{Column, StoredCode};

    /// The settings as stored (one row), read with `executor`: the pool, or
    /// a change's own transaction.
    pub async fn load<'e>(
        executor: impl sqlx::Executor<'e, Database = Db>,
    ) -> Result<SettingsForm, AppError> {
        let (visibility, Flag(assign), Flag(recovery), time_zone): (String, Flag, Flag, String) =
            sqlx::query_as(
                "SELECT client_visibility, assign_new_clients_to_creator, password_recovery, time_zone \
             FROM site_settings WHERE id = 1",
            )
            .fetch_one(executor)
            .await?;
        let client_visibility =
            ClientVisibility::decode(&visibility, Column::new("site_settings", "client_visibility"))?;
        Ok(SettingsForm {
            access: SiteSettings {
                client_visibility,
                assign_new_clients_to_creator: assign,
            },
            password_recovery: recovery,
            // An empty zone follows the server's. It is shown by its name
            // when the server's zone has one; otherwise the field stays
            // empty, so saving other settings does not pin a zone (such as
            // UTC) that nobody chose.
            time_zone: if time_zone.is_empty() {
                LocalTime::server().name().unwrap_or_default()
            } else {
                time_zone
            },
        })
    }

    /// Saves the settings and their audit entry in one transaction, which
    /// first takes the row for writing and reads the "before" of the audit
    /// entry: two saves at once are taken one after the other, and each
    /// records what the other left.
    #[tracing::instrument(name = "settings::save", skip_all, fields(actor = actor.0))]
    pub async fn save(
        pool: &Pool,
        actor: PersonnelId,
        form: SettingsForm,
        now: Timestamp,
    ) -> Result<(), AppError> {
        let form = SettingsForm {
            time_zone: form.time_zone.trim().to_owned(),
            ..form
        };
        LocalTime::named(&form.time_zone)?;
        let mut tx = pool.begin().await?;
        // An update that changes nothing: on PostgreSQL a row lock, on
        // SQLite the database's write lock.
        sqlx::query("UPDATE site_settings SET password_recovery = password_recovery WHERE id = 1")
            .execute(&mut *tx)
            .await?;
        let before = load(&mut *tx).await?;
        sqlx::query(
            "UPDATE site_settings SET client_visibility = $1, assign_new_clients_to_creator = $2, \
                    password_recovery = $3, time_zone = $4 WHERE id = 1",
        )
        .bind(form.access.client_visibility.code())
        .bind(form.access.assign_new_clients_to_creator)
        .bind(form.password_recovery)
        .bind(&form.time_zone)
        .execute(&mut *tx)
        .await?;
        audit::record(
            &mut tx,
            Entry {
                actor: Some(actor),
                at: now,
                action: "settings.update",
                entity: "site_settings",
                entity_id: 1,
                before: Some(&before),
                after: Some(&form),
            },
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }
}
