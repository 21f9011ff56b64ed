//! A table's rows as one SHA-256, the same on either engine: each value is
//! written in one canonical text form (integers in decimal, yes/no as 1/0,
//! text length-prefixed, bytes in hex, NULL as `-`), row after row in the
//! order of every column.

use futures_util::TryStreamExt;
use sha2::{Digest, Sha256};

use app::store::Pool;

use super::columns::{self, Column, Value};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableChecksum {
    pub rows: u64,
    pub sha256: String,
}

pub async fn of_table(pool: &Pool, table: &str, columns: &[Column]) -> Result<TableChecksum, sqlx::Error> {
    let mut hash = Sha256::new();
    let mut count = 0;
    let select = columns::select(table, columns);
    let mut rows = sqlx::query(sqlx::AssertSqlSafe(select)).fetch(pool);
    while let Some(row) = rows.try_next().await? {
        for value in columns::read(&row, columns)? {
            match value {
                Value::Integer(Some(n)) => hash.update(format!("i{n};")),
                Value::Flag(Some(yes)) => hash.update(if yes { "f1;" } else { "f0;" }),
                Value::Text(Some(text)) => hash.update(format!("t{}:{text};", text.len())),
                Value::Bytes(Some(bytes)) => hash.update(format!("b{};", hex::encode(&bytes))),
                _ => hash.update("-;"),
            }
        }
        hash.update("\n");
        count += 1;
    }
    Ok(TableChecksum {
        rows: count,
        sha256: hex::encode(hash.finalize()),
    })
}
