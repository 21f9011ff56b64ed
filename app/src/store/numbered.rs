//! Statements built with sqlx's `QueryBuilder`, made runnable on both
//! engines.
//!
//! `QueryBuilder<Any>` writes `?` for each bound value. SQLite reads that;
//! PostgreSQL reads only `$1, $2, …`, which SQLite reads too. So the lists'
//! dynamic SQL is built with `QueryBuilder<Db>` as usual and run through
//! [`query`] or [`query_as`], which number its placeholders.

use sqlx::any::AnyArguments;
use sqlx::query::{Query, QueryAs};
use sqlx::{AssertSqlSafe, Execute, QueryBuilder};

use crate::store::Db;

/// The builder's statement with numbered placeholders, and its values.
fn take(builder: &mut QueryBuilder<Db>) -> (String, AnyArguments) {
    let sql = number_placeholders(builder.sql().as_str());
    let mut built = builder.build();
    let arguments = built
        .take_arguments()
        .expect("values were encoded as they were bound")
        .unwrap_or_default();
    (sql, arguments)
}

/// The builder's statement, to execute.
pub fn query(builder: &mut QueryBuilder<Db>) -> Query<'static, Db, AnyArguments> {
    let (sql, arguments) = take(builder);
    sqlx::query_with(AssertSqlSafe(sql), arguments)
}

/// The builder's statement, its rows read as `T`.
pub fn query_as<T>(builder: &mut QueryBuilder<Db>) -> QueryAs<'static, Db, T, AnyArguments>
where
    T: for<'r> sqlx::FromRow<'r, sqlx::any::AnyRow>,
{
    let (sql, arguments) = take(builder);
    sqlx::query_as_with(AssertSqlSafe(sql), arguments)
}

/// `sql` with each `?` outside a quoted literal or name replaced by `$1`,
/// `$2`, … in order.
fn number_placeholders(sql: &str) -> String {
    let mut numbered = String::with_capacity(sql.len() + 16);
    let mut next = 1;
    let mut quote: Option<char> = None;
    for c in sql.chars() {
        match (quote, c) {
            (None, '\'' | '"') => {
                quote = Some(c);
                numbered.push(c);
            }
            (Some(open), _) if c == open => {
                quote = None;
                numbered.push(c);
            }
            (None, '?') => {
                numbered.push('$');
                numbered.push_str(&next.to_string());
                next += 1;
            }
            _ => numbered.push(c),
        }
    }
    numbered
}

#[cfg(test)]
mod tests {
    use super::number_placeholders;

    #[test]
    fn placeholders_are_numbered_in_order() {
        assert_eq!(
            number_placeholders("SELECT id FROM clients WHERE a = ? AND (b >= ? OR c < ?) LIMIT ?"),
            "SELECT id FROM clients WHERE a = $1 AND (b >= $2 OR c < $3) LIMIT $4"
        );
    }

    #[test]
    fn a_question_mark_in_a_literal_or_a_quoted_name_stays() {
        assert_eq!(
            number_placeholders("SELECT 'who?' AS \"what?\", x LIKE ? ESCAPE '\\' FROM t WHERE y = ?"),
            "SELECT 'who?' AS \"what?\", x LIKE $1 ESCAPE '\\' FROM t WHERE y = $2"
        );
        // A doubled quote inside a literal closes and reopens it: still inside.
        assert_eq!(number_placeholders("SELECT 'it''s?' , ?"), "SELECT 'it''s?' , $1");
    }
}
