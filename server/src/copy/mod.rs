//! `safehold copy-database --from <url> --to <url>`: moves an agency from one
//! database to another (SQLite to PostgreSQL, for a move to several
//! servers), every table, ids, times and hashes exactly as they are.
//!
//! 1. Both databases are migrated (an empty target gets its tables).
//! 2. A target with any rows (beyond the migrations' one settings row) is
//!    refused.
//! 3. The source's tables must be exactly [`TABLES`]: a table this command
//!    does not know stops it before anything is written.
//! 4. In one transaction on the target: each table's rows, in chunks, in
//!    foreign-key order. A person's supervisor is set after every person is
//!    in, since a supervisor may have the larger id.
//! 5. After the commit, the id sequences are moved past the copied ids, and
//!    each table is checked: row count and a SHA-256 of its rows
//!    (`checksum`) on both sides.
//!
//! Any failure before the commit rolls the transaction back: the target is
//! left with its tables and no rows, and the error says why.

pub mod checksum;
mod columns;

pub use columns::of as columns_of;

use std::io::Write;

use futures_util::TryStreamExt;
use indicatif::{ProgressBar, ProgressStyle};
use sqlx::QueryBuilder;

use app::store::{Db, Engine, Pool};
use columns::{Column, Value};

/// Every table of the schema, parents before children.
pub const TABLES: [&str; 19] = [
    "organizations",
    "roles",
    "role_permissions",
    "personnel",
    "teams",
    "team_members",
    "sessions",
    "site_settings",
    "site_secrets",
    "audit_log",
    "clients",
    "client_allowed_personnel",
    "access_rules",
    "default_rules",
    "overrides",
    "session_records",
    "session_facilitators",
    "session_attendees",
    "sign_in_attempts",
];

/// Rows per INSERT: well under both engines' limits on bound values.
const CHUNK: usize = 500;

pub type CopyError = Box<dyn std::error::Error + Send + Sync>;

/// What was copied: each table with its row count.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Copied {
    pub tables: Vec<(String, u64)>,
}

/// Copies every row of `source` into the empty `target`; prints what it
/// does to `out`, with a progress bar for large tables when `progress`.
pub async fn copy_database(
    source: &Pool,
    target: &Pool,
    out: &mut impl Write,
    progress: bool,
) -> Result<Copied, CopyError> {
    app::store::migrate(source).await?;
    app::store::migrate(target).await?;
    let known = schema_tables(source).await?;
    let mut expected: Vec<String> = TABLES.iter().map(|t| t.to_string()).collect();
    expected.sort();
    if known != expected {
        return Err(format!(
            "the source's tables are {known:?}; copy-database knows {expected:?}. Nothing was copied."
        )
        .into());
    }
    refuse_non_empty(target).await?;

    let mut tx = target.begin().await?;
    // The migrations' default settings row gives way to the source's.
    sqlx::query("DELETE FROM site_settings").execute(&mut *tx).await?;
    let mut copied = Vec::new();
    for table in TABLES {
        let columns = columns::of(target, table).await?;
        let (count,): (i64,) = sqlx::query_as(sqlx::AssertSqlSafe(format!("SELECT COUNT(*) FROM {table}")))
            .fetch_one(source)
            .await?;
        let bar = progress_bar(table, count as u64, progress);
        let select = columns::select(table, &columns);
        let mut rows = sqlx::query(sqlx::AssertSqlSafe(select)).fetch(source);
        let mut chunk: Vec<Vec<Value>> = Vec::with_capacity(CHUNK);
        let mut supervisors: Vec<(i64, i64)> = Vec::new();
        while let Some(row) = rows.try_next().await? {
            let mut values = columns::read(&row, &columns)?;
            if table == "personnel" {
                hold_back_supervisor(&columns, &mut values, &mut supervisors);
            }
            chunk.push(values);
            if chunk.len() == CHUNK {
                insert(&mut tx, table, &columns, &chunk).await?;
                bar.inc(chunk.len() as u64);
                chunk.clear();
            }
        }
        if !chunk.is_empty() {
            insert(&mut tx, table, &columns, &chunk).await?;
            bar.inc(chunk.len() as u64);
        }
        for (id, supervisor) in supervisors {
            sqlx::query("UPDATE personnel SET supervisor_id = $1 WHERE id = $2")
                .bind(supervisor)
                .bind(id)
                .execute(&mut *tx)
                .await?;
        }
        bar.finish_and_clear();
        writeln!(out, "{table}: {count} rows copied")?;
        copied.push((table.to_string(), count as u64));
    }
    tx.commit().await?;
    app::store::move_id_sequences(target).await?;
    app::store::refresh_statistics(target).await?;

    for table in TABLES {
        let columns = columns::of(target, table).await?;
        let (from, to) = (
            checksum::of_table(source, table, &columns).await?,
            checksum::of_table(target, table, &columns).await?,
        );
        if from != to {
            return Err(format!(
                "{table} differs after the copy: {} rows with checksum {} in the source, {} rows with checksum {} in the target",
                from.rows, from.sha256, to.rows, to.sha256
            )
            .into());
        }
        writeln!(
            out,
            "{table}: {} rows, checksum {} on both sides",
            to.rows,
            &to.sha256[..16]
        )?;
    }
    Ok(Copied { tables: copied })
}

/// The schema's tables, sorted, without the migrations' own and SQLite's.
pub async fn schema_tables(pool: &Pool) -> Result<Vec<String>, sqlx::Error> {
    let sql = match Engine::of_pool(pool) {
        Engine::Sqlite => {
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' \
             AND name <> '_sqlx_migrations' ORDER BY name"
        }
        Engine::Postgres => {
            "SELECT CAST(tablename AS TEXT) FROM pg_tables WHERE schemaname = current_schema() \
             AND tablename <> '_sqlx_migrations' ORDER BY tablename"
        }
    };
    let rows: Vec<(String,)> = sqlx::query_as(sql).fetch_all(pool).await?;
    Ok(rows.into_iter().map(|(name,)| name).collect())
}

async fn refuse_non_empty(target: &Pool) -> Result<(), CopyError> {
    for table in TABLES {
        if table == "site_settings" || table == "site_secrets" {
            continue;
        }
        let (rows,): (i64,) = sqlx::query_as(sqlx::AssertSqlSafe(format!("SELECT COUNT(*) FROM {table}")))
            .fetch_one(target)
            .await?;
        if rows > 0 {
            return Err(format!(
                "the target database is not empty ({table} has {rows} rows). copy-database copies only into an empty database; nothing was copied."
            )
            .into());
        }
    }
    // A target that was served once has made its own sign-in key: the
    // source's replaces it.
    sqlx::query("DELETE FROM site_secrets").execute(target).await?;
    Ok(())
}

/// Writes the person without a supervisor and remembers the supervisor.
fn hold_back_supervisor(columns: &[Column], values: &mut [Value], supervisors: &mut Vec<(i64, i64)>) {
    let position = |name: &str| columns.iter().position(|c| c.name == name);
    let (Some(id), Some(supervisor)) = (position("id"), position("supervisor_id")) else {
        return;
    };
    if let (Value::Integer(Some(id)), Value::Integer(Some(boss))) = (&values[id], &values[supervisor]) {
        supervisors.push((*id, *boss));
        values[supervisor] = Value::Integer(None);
    }
}

async fn insert(
    tx: &mut sqlx::Transaction<'_, Db>,
    table: &str,
    columns: &[Column],
    rows: &[Vec<Value>],
) -> Result<(), sqlx::Error> {
    let names: Vec<&str> = columns.iter().map(|c| c.name.as_str()).collect();
    let mut query: QueryBuilder<Db> =
        QueryBuilder::new(format!("INSERT INTO {table} ({}) ", names.join(", ")));
    query.push_values(rows, |mut row, values| {
        for value in values {
            match value {
                Value::Integer(v) => row.push_bind(*v),
                Value::Flag(v) => row.push_bind(*v),
                Value::Text(v) => row.push_bind(v.clone()),
                Value::Bytes(v) => row.push_bind(v.clone()),
            };
        }
    });
    app::store::numbered::query(&mut query).execute(&mut **tx).await?;
    Ok(())
}

fn progress_bar(table: &str, rows: u64, shown: bool) -> ProgressBar {
    if !shown || rows < 10_000 {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(rows);
    bar.set_style(
        ProgressStyle::with_template("{msg:>24} [{bar:40}] {pos}/{len} rows ({eta} left)")
            .unwrap_or_else(|_| ProgressStyle::default_bar())
            .progress_chars("=> "),
    );
    bar.set_message(table.to_string());
    bar
}
