//! The database: connecting, and the migrations in `../migrations`.

use std::str::FromStr;
use std::time::Duration;

use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions};

/// The database Safehold runs on. SQLite is the embedded default; queries are
/// written so that PostgreSQL accepts them too.
pub type Db = sqlx::Sqlite;
pub type Pool = sqlx::Pool<Db>;

pub static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("../migrations");

/// Opens the database at `url`, creating the file if it does not exist.
pub async fn connect(url: &str) -> Result<Pool, sqlx::Error> {
    let options = SqliteConnectOptions::from_str(url)?
        .create_if_missing(true)
        .journal_mode(SqliteJournalMode::Wal)
        .foreign_keys(true)
        .busy_timeout(Duration::from_secs(5))
        // 32 MB of page cache per connection (SQLite's default is 2 MB): a
        // search at 100,000 clients reads rows all over the clients table.
        .pragma("cache_size", "-32000")
        // Reads through memory-mapped pages, without a system call per page.
        .pragma("mmap_size", "268435456");
    // Four connections, two per core: on the 2-core bench machine this made
    // more profile pages a second than eight (about 3,100 against 2,900) and
    // no list slower (README, "Performance"). Each SQLite connection is a
    // thread of its own, so more of them only switch threads more often.
    SqlitePoolOptions::new()
        .max_connections(4)
        .connect_with(options)
        .await
}

/// Applies the migrations, fills the folded search columns of rows written
/// before they existed, and refreshes the query planner's statistics.
pub async fn migrate(pool: &Pool) -> Result<(), sqlx::migrate::MigrateError> {
    MIGRATOR.run(pool).await?;
    crate::case_folding::fill_folded_columns(pool).await?;
    refresh_statistics(pool).await?;
    Ok(())
}

/// Lets SQLite's planner know the tables' sizes (`PRAGMA optimize` runs
/// `ANALYZE` where it is out of date), so that a list starts from the index
/// that reads fewest rows. Cheap when nothing changed.
///
/// Then keeps the sampled statistics (`sqlite_stat4`) of the two listed
/// tables only. With samples for an index, SQLite prepares a statement again
/// each time a value bound against that index changes, to plan for that
/// value: every page view re-parsed its statements on the access rules,
/// sessions and personnel, for plans that were already the best ones. The
/// lists' plans over clients and sessions keep their samples.
pub async fn refresh_statistics(pool: &Pool) -> Result<(), sqlx::Error> {
    sqlx::query("PRAGMA optimize=0x10002").execute(pool).await?;
    let sampled: Option<(i64,)> =
        sqlx::query_as("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'sqlite_stat4'")
            .fetch_optional(pool)
            .await?;
    if sampled.is_some() {
        sqlx::query("DELETE FROM sqlite_stat4 WHERE tbl NOT IN ('clients', 'session_records')")
            .execute(pool)
            .await?;
    }
    Ok(())
}
