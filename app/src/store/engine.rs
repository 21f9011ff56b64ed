//! The two database engines, and what each needs of a new connection.

use crate::store::Pool;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Engine {
    Sqlite,
    Postgres,
}

impl Engine {
    /// The engine a database URL names.
    pub fn of_url(url: &str) -> Result<Engine, sqlx::Error> {
        let scheme = url.split(':').next().unwrap_or_default();
        match scheme {
            "sqlite" => Ok(Engine::Sqlite),
            "postgres" | "postgresql" => Ok(Engine::Postgres),
            _ => Err(sqlx::Error::Configuration(
                format!("the database URL must start with sqlite:// or postgres://, not {scheme}:").into(),
            )),
        }
    }

    /// The engine a pool was opened on.
    pub fn of_pool(pool: &Pool) -> Engine {
        match pool.connect_options().database_url.scheme() {
            "sqlite" => Engine::Sqlite,
            _ => Engine::Postgres,
        }
    }
}

/// Run on every new SQLite connection:
/// - write-ahead logging, so that readers never wait for the writer;
/// - foreign keys enforced;
/// - wait up to 5 s for a lock rather than fail at once;
/// - 32 MB of page cache per connection (SQLite's default is 2 MB): a search
///   at 100,000 clients reads rows all over the clients table;
/// - reads through memory-mapped pages, without a system call per page.
pub(super) const SQLITE_CONNECTION_SETUP: &str = "PRAGMA journal_mode = WAL;
PRAGMA foreign_keys = ON;
PRAGMA busy_timeout = 5000;
PRAGMA cache_size = -32000;
PRAGMA mmap_size = 268435456;";

/// `url` with its password, if any, replaced by `***`: for printing.
pub fn without_password(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_owned();
    };
    let Some((credentials, host)) = rest.split_once('@') else {
        return url.to_owned();
    };
    match credentials.split_once(':') {
        Some((user, _)) => format!("{scheme}://{user}:***@{host}"),
        None => url.to_owned(),
    }
}

/// A SQLite URL that creates the file when it is missing (`mode=rwc`),
/// unless the URL chose a mode itself.
pub(super) fn sqlite_url_creating_file(url: &str) -> String {
    if url.contains("mode=") || url.contains(":memory:") {
        url.to_owned()
    } else if url.contains('?') {
        format!("{url}&mode=rwc")
    } else {
        format!("{url}?mode=rwc")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sqlite_file_is_created_unless_the_url_says_otherwise() {
        assert_eq!(
            sqlite_url_creating_file("sqlite://data/a.db"),
            "sqlite://data/a.db?mode=rwc"
        );
        assert_eq!(
            sqlite_url_creating_file("sqlite://a.db?cache=shared"),
            "sqlite://a.db?cache=shared&mode=rwc"
        );
        assert_eq!(
            sqlite_url_creating_file("sqlite://a.db?mode=ro"),
            "sqlite://a.db?mode=ro"
        );
    }

    #[test]
    fn a_printed_url_hides_its_password() {
        assert_eq!(
            without_password("postgres://safehold:s3cret@db.internal/safehold"),
            "postgres://safehold:***@db.internal/safehold"
        );
        assert_eq!(
            without_password("postgres://safehold@db/safehold"),
            "postgres://safehold@db/safehold"
        );
        assert_eq!(
            without_password("sqlite://data/safehold.db"),
            "sqlite://data/safehold.db"
        );
    }

    #[test]
    fn the_url_names_the_engine() {
        assert_eq!(Engine::of_url("sqlite://a.db").unwrap(), Engine::Sqlite);
        assert_eq!(Engine::of_url("postgres://u@h/db").unwrap(), Engine::Postgres);
        assert_eq!(Engine::of_url("postgresql://u@h/db").unwrap(), Engine::Postgres);
        assert!(Engine::of_url("mysql://u@h/db").is_err());
    }
}
