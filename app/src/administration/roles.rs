//! Roles ("permission sets", "workgroups"; seeds 000, 003, 004): what a
//! person can do. Which records they can see is the rulebook's business.

use policy::{PermissionSet, PersonnelId, RoleId};
use serde::{Deserialize, Serialize};

use crate::directory::Named;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoleSummary {
    pub id: RoleId,
    pub name: String,
    pub permissions: PermissionSet,
    /// How many people have the role.
    pub holders: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoleDetails {
    pub id: RoleId,
    pub name: String,
    pub permissions: PermissionSet,
    pub holders: Vec<Named<PersonnelId>>,
}

#[cfg(feature = "ssr")]
pub use data::*;

#[cfg(feature = "ssr")]
mod data {
    use policy::{BoundedChange, Code, Permission, PermissionSet, PersonnelId, RoleId, Timestamp};
    use serde::Serialize;

    use super::{RoleDetails, RoleSummary};
    use crate::accounts::Transaction;
    use crate::administration::bounds;
    use crate::administration::naming::{checked_name, ensure_name_free};
    use crate::audit::{self, Entry};
    use crate::directory::Named;
    use crate::error::AppError;
    use crate::plural::Noun;
    use crate::store::Pool;
    use crate::stored_code::{Column, StoredCode};

    /// Who still holds a role, with the verb that agrees: "1 person has",
    /// "2 people have".
    const HOLDERS: Noun = Noun::new("person has", "people have");

    const NAME_TAKEN: &str = "SELECT COUNT(*) FROM roles WHERE LOWER(name) = LOWER($1) AND id <> $2";

    fn not_found() -> AppError {
        AppError::NotFound {
            what: "That role".into(),
        }
    }

    #[derive(Serialize)]
    struct RoleEntry<'a> {
        name: &'a str,
        permissions: Vec<&'static str>,
    }

    impl<'a> RoleEntry<'a> {
        fn new(name: &'a str, permissions: PermissionSet) -> Self {
            RoleEntry {
                name,
                permissions: permissions.iter().map(Permission::code).collect(),
            }
        }
    }

    async fn permissions_of(tx: &mut Transaction<'_>, id: RoleId) -> Result<PermissionSet, AppError> {
        let keys: Vec<(String,)> =
            sqlx::query_as("SELECT permission FROM role_permissions WHERE role_id = $1")
                .bind(id.0)
                .fetch_all(&mut **tx)
                .await?;
        keys.iter()
            .map(|(key,)| Permission::decode(key, Column::new("role_permissions", "permission")))
            .collect()
    }

    async fn write_permissions(
        tx: &mut Transaction<'_>,
        id: RoleId,
        permissions: PermissionSet,
    ) -> Result<(), AppError> {
        sqlx::query("DELETE FROM role_permissions WHERE role_id = $1")
            .bind(id.0)
            .execute(&mut **tx)
            .await?;
        for permission in permissions.iter() {
            sqlx::query("INSERT INTO role_permissions (role_id, permission) VALUES ($1, $2)")
                .bind(id.0)
                .bind(permission.code())
                .execute(&mut **tx)
                .await?;
        }
        Ok(())
    }

    #[tracing::instrument(name = "administration::roles::list", skip_all)]
    pub async fn list(pool: &Pool) -> Result<Vec<RoleSummary>, AppError> {
        let rows: Vec<(i64, String, i64)> = sqlx::query_as(
            "SELECT r.id, r.name, (SELECT COUNT(*) FROM personnel p WHERE p.role_id = r.id) \
             FROM roles r ORDER BY LOWER(r.name), r.id",
        )
        .fetch_all(pool)
        .await?;
        let mut tx = pool.begin().await?;
        let mut roles = Vec::with_capacity(rows.len());
        for (id, name, holders) in rows {
            let permissions = permissions_of(&mut tx, RoleId(id)).await?;
            roles.push(RoleSummary {
                id: RoleId(id),
                name,
                permissions,
                holders,
            });
        }
        tx.commit().await?;
        Ok(roles)
    }

    #[tracing::instrument(name = "administration::roles::load", skip_all, fields(role = id.0))]
    pub async fn load(pool: &Pool, id: RoleId) -> Result<RoleDetails, AppError> {
        let mut tx = pool.begin().await?;
        let (name,): (String,) = sqlx::query_as("SELECT name FROM roles WHERE id = $1")
            .bind(id.0)
            .fetch_optional(&mut *tx)
            .await?
            .ok_or_else(not_found)?;
        let permissions = permissions_of(&mut tx, id).await?;
        let holders: Vec<(i64, String)> =
            sqlx::query_as("SELECT id, name FROM personnel WHERE role_id = $1 ORDER BY LOWER(name), id")
                .bind(id.0)
                .fetch_all(&mut *tx)
                .await?;
        tx.commit().await?;
        Ok(RoleDetails {
            id,
            name,
            permissions,
            holders: holders
                .into_iter()
                .map(|(i, name)| Named {
                    id: PersonnelId(i),
                    name,
                })
                .collect(),
        })
    }

    #[tracing::instrument(name = "administration::roles::create", skip_all, fields(actor = actor.0))]
    pub async fn create(
        pool: &Pool,
        actor: PersonnelId,
        name: &str,
        permissions: PermissionSet,
        now: Timestamp,
    ) -> Result<RoleId, AppError> {
        let name = checked_name(name)?;
        let mut tx = pool.begin().await?;
        bounds::check(&mut tx, actor, &BoundedChange::CreateRole { permissions }).await?;
        ensure_name_free(&mut tx, NAME_TAKEN, &name, None, "a role").await?;
        let (id,): (i64,) = sqlx::query_as("INSERT INTO roles (name) VALUES ($1) RETURNING id")
            .bind(&name)
            .fetch_one(&mut *tx)
            .await?;
        write_permissions(&mut tx, RoleId(id), permissions).await?;
        audit::record(
            &mut tx,
            Entry::<(), _> {
                actor: Some(actor),
                at: now,
                action: "role.create",
                entity: "roles",
                entity_id: id,
                before: None,
                after: Some(&RoleEntry::new(&name, permissions)),
            },
        )
        .await?;
        tx.commit().await?;
        Ok(RoleId(id))
    }

    /// Renames a role and sets its permissions.
    #[tracing::instrument(name = "administration::roles::update", skip_all, fields(actor = actor.0, role = id.0))]
    pub async fn update(
        pool: &Pool,
        actor: PersonnelId,
        id: RoleId,
        name: &str,
        permissions: PermissionSet,
        now: Timestamp,
    ) -> Result<(), AppError> {
        let name = checked_name(name)?;
        let mut tx = pool.begin().await?;
        let (before_name,): (String,) = sqlx::query_as("SELECT name FROM roles WHERE id = $1")
            .bind(id.0)
            .fetch_optional(&mut *tx)
            .await?
            .ok_or_else(not_found)?;
        let before_permissions = permissions_of(&mut tx, id).await?;
        let change = BoundedChange::EditRole {
            role: id,
            before: before_permissions,
            after: permissions,
        };
        bounds::check(&mut tx, actor, &change).await?;
        ensure_name_free(&mut tx, NAME_TAKEN, &name, Some(id.0), "a role").await?;
        sqlx::query("UPDATE roles SET name = $1 WHERE id = $2")
            .bind(&name)
            .bind(id.0)
            .execute(&mut *tx)
            .await?;
        write_permissions(&mut tx, id, permissions).await?;
        audit::record(
            &mut tx,
            Entry {
                actor: Some(actor),
                at: now,
                action: "role.update",
                entity: "roles",
                entity_id: id.0,
                before: Some(&RoleEntry::new(&before_name, before_permissions)),
                after: Some(&RoleEntry::new(&name, permissions)),
            },
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Deletes a role that nobody has.
    #[tracing::instrument(name = "administration::roles::delete", skip_all, fields(actor = actor.0, role = id.0))]
    pub async fn delete(pool: &Pool, actor: PersonnelId, id: RoleId, now: Timestamp) -> Result<(), AppError> {
        let mut tx = pool.begin().await?;
        let (name,): (String,) = sqlx::query_as("SELECT name FROM roles WHERE id = $1")
            .bind(id.0)
            .fetch_optional(&mut *tx)
            .await?
            .ok_or_else(not_found)?;
        bounds::check(&mut tx, actor, &BoundedChange::DeleteRole { role: id }).await?;
        let (holders,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM personnel WHERE role_id = $1")
            .bind(id.0)
            .fetch_one(&mut *tx)
            .await?;
        if holders > 0 {
            return Err(AppError::Conflict {
                message: format!(
                    "“{name}” cannot be deleted while {} it. Give them another role first.",
                    HOLDERS.count(holders.unsigned_abs())
                ),
            });
        }
        let permissions = permissions_of(&mut tx, id).await?;
        sqlx::query("DELETE FROM role_permissions WHERE role_id = $1")
            .bind(id.0)
            .execute(&mut *tx)
            .await?;
        sqlx::query("DELETE FROM roles WHERE id = $1")
            .bind(id.0)
            .execute(&mut *tx)
            .await?;
        audit::record(
            &mut tx,
            Entry::<_, ()> {
                actor: Some(actor),
                at: now,
                action: "role.delete",
                entity: "roles",
                entity_id: id.0,
                before: Some(&RoleEntry::new(&name, permissions)),
                after: None,
            },
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }
}
