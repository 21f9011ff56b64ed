//! Organizations (seed 004): the agencies that own data. Each person and
//! record belongs to one. Created and renamed by site administrators.

#[cfg(feature = "ssr")]
pub use data::*;

#[cfg(feature = "ssr")]
mod data {
    use policy::{OrganizationId, PersonnelId, Timestamp};
    use serde::Serialize;

    use crate::administration::naming::{checked_name, ensure_name_free};
    use crate::audit::{self, Entry};
    use crate::directory::Named;
    use crate::error::AppError;
    use crate::store::Pool;

    const NAME_TAKEN: &str = "SELECT COUNT(*) FROM organizations WHERE LOWER(name) = LOWER($1) AND id <> $2";

    #[derive(Serialize)]
    struct OrganizationEntry<'a> {
        name: &'a str,
    }

    #[tracing::instrument(name = "administration::organizations::list", skip_all)]
    pub async fn list(pool: &Pool) -> Result<Vec<Named<OrganizationId>>, AppError> {
        let rows: Vec<(i64, String)> =
            sqlx::query_as("SELECT id, name FROM organizations ORDER BY LOWER(name), id")
                .fetch_all(pool)
                .await?;
        Ok(rows
            .into_iter()
            .map(|(id, name)| Named {
                id: OrganizationId(id),
                name,
            })
            .collect())
    }

    #[tracing::instrument(name = "administration::organizations::create", skip_all, fields(actor = actor.0))]
    pub async fn create(
        pool: &Pool,
        actor: PersonnelId,
        name: &str,
        now: Timestamp,
    ) -> Result<OrganizationId, AppError> {
        let name = checked_name(name)?;
        let mut tx = pool.begin().await?;
        ensure_name_free(&mut tx, NAME_TAKEN, &name, None, "an organization").await?;
        let (id,): (i64,) = sqlx::query_as("INSERT INTO organizations (name) VALUES ($1) RETURNING id")
            .bind(&name)
            .fetch_one(&mut *tx)
            .await?;
        audit::record(
            &mut tx,
            Entry::<(), _> {
                actor: Some(actor),
                at: now,
                action: "organization.create",
                entity: "organizations",
                entity_id: id,
                before: None,
                after: Some(&OrganizationEntry { name: &name }),
            },
        )
        .await?;
        tx.commit().await?;
        Ok(OrganizationId(id))
    }

    #[tracing::instrument(name = "administration::organizations::rename", skip_all, fields(actor = actor.0, organization = id.0))]
    pub async fn rename(
        pool: &Pool,
        actor: PersonnelId,
        id: OrganizationId,
        name: &str,
        now: Timestamp,
    ) -> Result<(), AppError> {
        let name = checked_name(name)?;
        let mut tx = pool.begin().await?;
        let (before,): (String,) = sqlx::query_as("SELECT name FROM organizations WHERE id = $1")
            .bind(id.0)
            .fetch_optional(&mut *tx)
            .await?
            .ok_or(AppError::NotFound {
                what: "That organization".into(),
            })?;
        ensure_name_free(&mut tx, NAME_TAKEN, &name, Some(id.0), "an organization").await?;
        sqlx::query("UPDATE organizations SET name = $1 WHERE id = $2")
            .bind(&name)
            .bind(id.0)
            .execute(&mut *tx)
            .await?;
        audit::record(
            &mut tx,
            Entry {
                actor: Some(actor),
                at: now,
                action: "organization.rename",
                entity: "organizations",
                entity_id: id.0,
                before: Some(&OrganizationEntry { name: &before }),
                after: Some(&OrganizationEntry { name: &name }),
            },
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }
}
