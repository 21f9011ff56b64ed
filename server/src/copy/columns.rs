//! A table's columns as the target stores them, and one row's values read
//! from either engine in a form both accept.

use sqlx::Row;
use sqlx::any::AnyRow;

use app::store::{Engine, Flag, Pool};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Integer,
    Flag,
    Text,
    Bytes,
}

#[derive(Debug, Clone)]
pub struct Column {
    pub name: String,
    pub kind: Kind,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Integer(Option<i64>),
    Flag(Option<bool>),
    Text(Option<String>),
    Bytes(Option<Vec<u8>>),
}

/// The columns of `table` in `pool`'s schema, in their order, each with the
/// kind its declared type holds.
pub async fn of(pool: &Pool, table: &str) -> Result<Vec<Column>, sqlx::Error> {
    let rows: Vec<(String, String)> =
        match Engine::of_pool(pool) {
            Engine::Sqlite => {
                sqlx::query_as("SELECT name, type FROM pragma_table_info($1) ORDER BY cid")
                    .bind(table)
                    .fetch_all(pool)
                    .await?
            }
            Engine::Postgres => sqlx::query_as(
                "SELECT CAST(column_name AS TEXT), CAST(data_type AS TEXT) FROM information_schema.columns \
                 WHERE table_schema = current_schema() AND table_name = $1 ORDER BY ordinal_position",
            )
            .bind(table)
            .fetch_all(pool)
            .await?,
        };
    Ok(rows
        .into_iter()
        .map(|(name, declared)| {
            let declared = declared.to_ascii_lowercase();
            let kind = if declared == "boolean" || flag_on_sqlite(table, &name) {
                Kind::Flag
            } else if declared.contains("int") {
                Kind::Integer
            } else if declared.contains("blob") || declared.contains("bytea") {
                Kind::Bytes
            } else {
                Kind::Text
            };
            Column { name, kind }
        })
        .collect())
}

/// SQLite declares yes/no columns INTEGER (migration 0012): these are they.
fn flag_on_sqlite(table: &str, column: &str) -> bool {
    matches!(
        (table, column),
        (
            "personnel",
            "case_manager" | "site_administrator" | "must_change_password"
        ) | ("clients", "locked")
            | (
                "site_settings",
                "assign_new_clients_to_creator" | "password_recovery"
            )
    )
}

/// `SELECT` of every column, in one order on both engines: by every column
/// in turn, NULLs first (PostgreSQL would put them last).
pub fn select(table: &str, columns: &[Column]) -> String {
    let names: Vec<&str> = columns.iter().map(|c| c.name.as_str()).collect();
    let order: Vec<String> = (1..=columns.len()).map(|n| format!("{n} NULLS FIRST")).collect();
    format!(
        "SELECT {} FROM {table} ORDER BY {}",
        names.join(", "),
        order.join(", ")
    )
}

/// One row's values, by the columns' kinds.
pub fn read(row: &AnyRow, columns: &[Column]) -> Result<Vec<Value>, sqlx::Error> {
    columns
        .iter()
        .enumerate()
        .map(|(i, column)| {
            Ok(match column.kind {
                Kind::Integer => Value::Integer(row.try_get(i)?),
                Kind::Flag => Value::Flag(row.try_get::<Option<Flag>, _>(i)?.map(bool::from)),
                Kind::Text => Value::Text(row.try_get(i)?),
                Kind::Bytes => Value::Bytes(row.try_get(i)?),
            })
        })
        .collect()
}
