//! The client search: by name (prefix of the first, last or full name),
//! identifier (prefix) or date of birth (exact, YYYY-MM-DD), only among the
//! clients the rulebook lets the person view, counted the same way.

use policy::{ClientId, RecordKind, SiteSettings, Subject, Timestamp};
use sqlx::QueryBuilder;

use crate::clients::{ClientSearchPage, ClientSummary, RestrictedClient};
use crate::error::AppError;
use crate::records::filter_sql::{RecordTable, push_condition};
use crate::store::{Db, Pool};

pub const PAGE_SIZE: u32 = 25;
/// The most "Restricted" entries one search shows.
pub const RESTRICTED_LIMIT: i64 = 25;

/// Appends the text part of the search: `text` as a name or identifier
/// prefix, or a date of birth.
fn push_text(query: &mut QueryBuilder<Db>, text: &str) {
    let text = text.trim().to_lowercase();
    if text.is_empty() {
        query.push("(1 = 1)");
        return;
    }
    let mut prefix = String::new();
    for c in text.chars() {
        if matches!(c, '%' | '_' | '\\') {
            prefix.push('\\');
        }
        prefix.push(c);
    }
    prefix.push('%');
    query
        .push("(LOWER(c.last_name) LIKE ")
        .push_bind(prefix.clone())
        .push(" ESCAPE '\\' OR LOWER(c.first_name) LIKE ")
        .push_bind(prefix.clone())
        .push(" ESCAPE '\\' OR LOWER(c.first_name || ' ' || c.last_name) LIKE ")
        .push_bind(prefix.clone())
        .push(" ESCAPE '\\' OR LOWER(c.identifier) LIKE ")
        .push_bind(prefix)
        .push(" ESCAPE '\\' OR c.date_of_birth = ")
        .push_bind(text)
        .push(")");
}

/// One page of the clients `subject` may view that match `text`, their
/// count, and (for holders of "override access") the matching clients they
/// could open by overriding.
pub async fn search(
    pool: &Pool,
    subject: &Subject,
    settings: &SiteSettings,
    now: Timestamp,
    text: &str,
    page: u32,
) -> Result<ClientSearchPage, AppError> {
    let visible = policy::list_filter(subject, RecordKind::Client, settings, now);
    let where_visible = |query: &mut QueryBuilder<Db>| {
        push_text(query, text);
        query.push(" AND ");
        push_condition(query, RecordTable::CLIENTS, &visible);
    };

    let mut count = QueryBuilder::new("SELECT COUNT(*) FROM clients c WHERE ");
    where_visible(&mut count);
    let (total,): (i64,) = count.build_query_as().fetch_one(pool).await?;

    let mut select = QueryBuilder::new(
        "SELECT c.id, c.first_name, c.last_name, c.date_of_birth, c.identifier FROM clients c WHERE ",
    );
    where_visible(&mut select);
    select
        .push(" ORDER BY LOWER(c.last_name), LOWER(c.first_name), c.id LIMIT ")
        .push_bind(i64::from(PAGE_SIZE))
        .push(" OFFSET ")
        .push_bind(i64::from(page) * i64::from(PAGE_SIZE));
    let rows: Vec<(i64, String, String, Option<String>, String)> =
        select.build_query_as().fetch_all(pool).await?;

    let overridable = policy::overridable_filter(subject, RecordKind::Client, settings, now);
    let restricted = if overridable == policy::Condition::Never {
        Vec::new()
    } else {
        let mut query = QueryBuilder::new("SELECT c.id, c.first_name, c.last_name FROM clients c WHERE ");
        push_text(&mut query, text);
        query.push(" AND ");
        push_condition(&mut query, RecordTable::CLIENTS, &overridable);
        query
            .push(" ORDER BY LOWER(c.last_name), LOWER(c.first_name), c.id LIMIT ")
            .push_bind(RESTRICTED_LIMIT);
        let rows: Vec<(i64, String, String)> = query.build_query_as().fetch_all(pool).await?;
        rows.into_iter()
            .map(|(id, first, last)| RestrictedClient {
                id: ClientId(id),
                name: format!("{first} {last}"),
            })
            .collect()
    };

    Ok(ClientSearchPage {
        clients: rows
            .into_iter()
            .map(
                |(id, first_name, last_name, date_of_birth, identifier)| ClientSummary {
                    id: ClientId(id),
                    first_name,
                    last_name,
                    date_of_birth,
                    identifier,
                },
            )
            .collect(),
        total,
        page,
        page_size: PAGE_SIZE,
        restricted,
    })
}
