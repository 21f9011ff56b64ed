//! The client search: by name (prefix of the first, last or full name),
//! identifier (prefix) or date of birth (exact, YYYY-MM-DD), only among the
//! clients the rulebook lets the person view, counted the same way. The
//! "Restricted" entries (clients the person could open only by overriding)
//! are matched on the name alone.
//!
//! Letters are compared without regard to case by the database's `LOWER`,
//! which SQLite applies to ASCII letters only: "Ā" and "ā" differ there.

use policy::{ClientId, Condition, RecordKind, SiteSettings, Subject, Timestamp};
use sqlx::QueryBuilder;

use crate::clients::{ClientSearchPage, ClientSummary, RestrictedClient};
use crate::error::AppError;
use crate::records::filter_sql::{RecordTable, push_condition};
use crate::store::{Db, Pool};

pub const PAGE_SIZE: u32 = 25;
/// The most "Restricted" entries one search shows.
pub const RESTRICTED_LIMIT: i64 = 25;

/// Greater than every string that starts with a given prefix, when appended
/// to it: the top of a prefix's range.
const RANGE_END: &str = "\u{10FFFF}";

/// Appends "`column` starts with `prefix`", ignoring case, as a range that
/// an index on `LOWER(column)` answers (a `LIKE` would read every client).
fn push_prefix(query: &mut QueryBuilder<Db>, column: &str, prefix: &str) {
    query
        .push(format!("(LOWER({column}) >= LOWER("))
        .push_bind(prefix.to_owned())
        .push(format!(") AND LOWER({column}) < LOWER("))
        .push_bind(prefix.to_owned())
        .push(") || ")
        .push_bind(RANGE_END)
        .push(")");
}

/// Appends the name part of the search: a prefix of the last name or the
/// first name, or "first last" as a prefix of each. Without the
/// identifier and the date of birth.
fn push_name(query: &mut QueryBuilder<Db>, text: &str) {
    push_prefix(query, "c.last_name", text);
    query.push(" OR ");
    push_prefix(query, "c.first_name", text);
    if let Some((first, last)) = text.split_once(char::is_whitespace) {
        query.push(" OR (");
        push_prefix(query, "c.first_name", first);
        query.push(" AND ");
        push_prefix(query, "c.last_name", last.trim_start());
        query.push(")");
    }
}

/// Which fields of a client a search's text is compared with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Matching {
    /// Name, identifier (prefix) and date of birth (exact): the clients the
    /// person may open.
    AllFields,
    /// The name only: the "Restricted" entries, so that an identifier or a
    /// date of birth cannot be probed to learn the name of a client the
    /// person may not open.
    NameOnly,
}

/// Appends the text part of the search: the name (see `push_name`) and,
/// when `matching` allows, a prefix of the identifier or a date of birth
/// (YYYY-MM-DD).
fn push_text(query: &mut QueryBuilder<Db>, text: &str, matching: Matching) {
    let text = text.trim();
    if text.is_empty() {
        query.push("(1 = 1)");
        return;
    }
    query.push("(");
    push_name(query, text);
    if matching == Matching::AllFields {
        query.push(" OR ");
        push_prefix(query, "c.identifier", text);
        query.push(" OR c.date_of_birth = ").push_bind(text.to_owned());
    }
    query.push(")");
}

/// What a search asks for: a text, and whether only "my clients" (those
/// the person is responsible for).
#[derive(Debug, Clone, Copy)]
pub struct ClientQuery<'a> {
    pub text: &'a str,
    pub mine: bool,
    pub page: u32,
}

/// Appends the search's own conditions: the text, and "my clients".
fn push_search(query: &mut QueryBuilder<Db>, subject: &Subject, search: ClientQuery<'_>, matching: Matching) {
    push_text(query, search.text, matching);
    if search.mine {
        query
            .push(" AND c.responsible_personnel_id = ")
            .push_bind(subject.id.0);
    }
}

/// One page of the clients `subject` may view that match the search, their
/// count, and (for holders of "override access") the matching clients they
/// could open by overriding. The two lists are read side by side, on two
/// connections.
pub async fn search(
    pool: &Pool,
    subject: &Subject,
    settings: &SiteSettings,
    now: Timestamp,
    search: ClientQuery<'_>,
) -> Result<ClientSearchPage, AppError> {
    let visible = policy::list_filter(subject, RecordKind::Client, settings, now);
    let overridable = policy::overridable_filter(subject, RecordKind::Client, settings, now);
    let ((clients, total), restricted) = tokio::try_join!(
        visible_page(pool, subject, search, &visible),
        restricted_entries(pool, subject, search, &overridable),
    )?;
    Ok(ClientSearchPage {
        clients,
        total,
        page: search.page,
        page_size: PAGE_SIZE,
        restricted,
    })
}

/// The page of clients the person may open, and how many there are.
async fn visible_page(
    pool: &Pool,
    subject: &Subject,
    search: ClientQuery<'_>,
    visible: &Condition,
) -> Result<(Vec<ClientSummary>, i64), AppError> {
    let where_visible = |query: &mut QueryBuilder<Db>| {
        push_search(query, subject, search, Matching::AllFields);
        query.push(" AND ");
        push_condition(query, RecordTable::CLIENTS, visible);
    };
    // The count comes with the page (`COUNT(*) OVER ()`), so the database
    // reads the matching clients once, not twice.
    let mut select = QueryBuilder::new(
        "SELECT c.id, c.first_name, c.last_name, c.date_of_birth, c.identifier, COUNT(*) OVER () \
         FROM clients c WHERE ",
    );
    where_visible(&mut select);
    select
        .push(" ORDER BY LOWER(c.last_name), LOWER(c.first_name), c.id LIMIT ")
        .push_bind(i64::from(PAGE_SIZE))
        .push(" OFFSET ")
        .push_bind(i64::from(search.page) * i64::from(PAGE_SIZE));
    let rows: Vec<(i64, String, String, Option<String>, String, i64)> =
        select.build_query_as().fetch_all(pool).await?;
    let total = match rows.first() {
        Some(row) => row.5,
        None if search.page == 0 => 0,
        // A page past the end: count on its own.
        None => {
            let mut count = QueryBuilder::new("SELECT COUNT(*) FROM clients c WHERE ");
            where_visible(&mut count);
            let (total,): (i64,) = count.build_query_as().fetch_one(pool).await?;
            total
        }
    };
    let clients = rows
        .into_iter()
        .map(
            |(id, first_name, last_name, date_of_birth, identifier, _)| ClientSummary {
                id: ClientId(id),
                first_name,
                last_name,
                date_of_birth,
                identifier,
            },
        )
        .collect();
    Ok((clients, total))
}

/// The bare "Restricted" entries: none unless the person could override;
/// matched on the name only.
async fn restricted_entries(
    pool: &Pool,
    subject: &Subject,
    search: ClientQuery<'_>,
    overridable: &Condition,
) -> Result<Vec<RestrictedClient>, AppError> {
    // The bare entries come once, with the first page.
    if *overridable == Condition::Never || search.page > 0 {
        return Ok(Vec::new());
    }
    let mut query = QueryBuilder::new("SELECT c.id, c.first_name, c.last_name FROM clients c WHERE ");
    push_search(&mut query, subject, search, Matching::NameOnly);
    query.push(" AND ");
    push_condition(&mut query, RecordTable::CLIENTS, overridable);
    query
        .push(" ORDER BY LOWER(c.last_name), LOWER(c.first_name), c.id LIMIT ")
        .push_bind(RESTRICTED_LIMIT);
    let rows: Vec<(i64, String, String)> = query.build_query_as().fetch_all(pool).await?;
    Ok(rows
        .into_iter()
        .map(|(id, first, last)| RestrictedClient {
            id: ClientId(id),
            name: format!("{first} {last}"),
        })
        .collect())
}
