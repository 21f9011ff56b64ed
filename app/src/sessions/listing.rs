//! The session list: newest first, by title (any part, ignoring case) or by
//! date (YYYY-MM-DD), only among the sessions the rulebook lets the person
//! open, counted the same way; plus bare "Restricted" entries for holders
//! of "override access", matched on the title alone. The filter is
//! `policy::list_filter`, in SQL.

use policy::{Condition, RecordKind, SessionRecordId, SiteSettings, Subject, Timestamp};
use sqlx::QueryBuilder;

use crate::directory::search::like_pattern;
use crate::error::AppError;
use crate::records::filter_sql::{RecordTable, push_condition};
use crate::sessions::{RestrictedSession, SessionListPage, SessionSummary};
use crate::store::{Db, Pool};

pub const PAGE_SIZE: u32 = 25;
/// The most "Restricted" entries one list shows.
pub const RESTRICTED_LIMIT: i64 = 25;

/// Which fields of a session a list's text is compared with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Matching {
    /// Title and date: the sessions the person may open.
    TitleAndDate,
    /// The title only: the "Restricted" entries, so that a date cannot be
    /// probed to learn which sessions the person may not open were held on it.
    TitleOnly,
}

fn push_text(query: &mut QueryBuilder<Db>, text: &str, matching: Matching) {
    let text = text.trim();
    if text.is_empty() {
        query.push("(1 = 1)");
        return;
    }
    query
        .push("(LOWER(s.title) LIKE ")
        .push_bind(like_pattern(text))
        .push(" ESCAPE '\\'");
    if matching == Matching::TitleAndDate {
        query.push(" OR s.held_on = ").push_bind(text.to_owned());
    }
    query.push(")");
}

pub async fn list(
    pool: &Pool,
    subject: &Subject,
    settings: &SiteSettings,
    now: Timestamp,
    text: &str,
    page: u32,
) -> Result<SessionListPage, AppError> {
    let visible = policy::list_filter(subject, RecordKind::SessionRecord, settings, now);
    let overridable = policy::overridable_filter(subject, RecordKind::SessionRecord, settings, now);
    let where_matching = |query: &mut QueryBuilder<Db>, condition: &Condition, matching: Matching| {
        push_text(query, text, matching);
        query.push(" AND ");
        push_condition(query, RecordTable::SESSION_RECORDS, condition);
    };
    let mut select =
        QueryBuilder::new("SELECT s.id, s.title, s.held_on, COUNT(*) OVER () FROM session_records s WHERE ");
    where_matching(&mut select, &visible, Matching::TitleAndDate);
    select
        .push(" ORDER BY s.held_on DESC, s.id DESC LIMIT ")
        .push_bind(i64::from(PAGE_SIZE))
        .push(" OFFSET ")
        .push_bind(i64::from(page) * i64::from(PAGE_SIZE));
    let rows: Vec<(i64, String, String, i64)> = select.build_query_as().fetch_all(pool).await?;
    let total = match rows.first() {
        Some(row) => row.3,
        None if page == 0 => 0,
        None => {
            let mut count = QueryBuilder::new("SELECT COUNT(*) FROM session_records s WHERE ");
            where_matching(&mut count, &visible, Matching::TitleAndDate);
            let (total,): (i64,) = count.build_query_as().fetch_one(pool).await?;
            total
        }
    };
    // The bare entries come once, with the first page.
    let restricted = if overridable == Condition::Never || page > 0 {
        Vec::new()
    } else {
        let mut query = QueryBuilder::new("SELECT s.id, s.title FROM session_records s WHERE ");
        where_matching(&mut query, &overridable, Matching::TitleOnly);
        query
            .push(" ORDER BY s.held_on DESC, s.id DESC LIMIT ")
            .push_bind(RESTRICTED_LIMIT);
        let rows: Vec<(i64, String)> = query.build_query_as().fetch_all(pool).await?;
        rows.into_iter()
            .map(|(id, title)| RestrictedSession {
                id: SessionRecordId(id),
                title,
            })
            .collect()
    };
    Ok(SessionListPage {
        sessions: rows
            .into_iter()
            .map(|(id, title, held_on, _)| SessionSummary {
                id: SessionRecordId(id),
                title,
                held_on,
            })
            .collect(),
        total,
        page,
        page_size: PAGE_SIZE,
        restricted,
    })
}
