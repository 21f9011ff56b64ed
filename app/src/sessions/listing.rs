//! The session list: newest first (date, then id), by title (any part,
//! ignoring case, in the folded copy) or by date (YYYY-MM-DD), only among
//! the sessions the rulebook lets the person open, a keyed page at a time
//! (`crate::paging`) with a capped count; plus bare "Restricted" entries for
//! holders of "override access", only for a typed text, matched on the
//! start of a word of the title alone (as a client's name matches by its
//! start), with the first page. The filter is `policy::list_filter`, in SQL, with its
//! narrowing (`crate::records::keyed_list`).

use policy::{Condition, RecordKind, SessionRecordId};

use crate::asking::Asking;
use serde::{Deserialize, Serialize};
use sqlx::QueryBuilder;

use crate::directory::search::{like_literal, like_pattern};
use crate::error::AppError;
use crate::paging::{PAGE_SIZE, PageFrom};
use crate::records::filter_sql::RecordTable;
use crate::records::keyed_list::{ListFilters, Window, capped_count, into_page, push_filter};
use crate::records::restricted_entries;
use crate::sessions::{RestrictedSession, SessionListPage, SessionSummary};
use crate::store::{Db, Pool};

/// A session's place in the list: date, then id (both newest first).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionKey(pub String, pub i64);

/// Which fields of a session a list's text is compared with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Matching {
    /// Title and date: the sessions the person may open.
    TitleAndDate,
    /// The start of a word of the title only: the "Restricted" entries, so
    /// that a date cannot be probed to learn which sessions the person may
    /// not open were held on it, and two letters from the middle of words
    /// do not list every restricted title that holds them.
    TitleWords,
}

fn push_text(query: &mut QueryBuilder<Db>, text: &str, matching: Matching) {
    let text = text.trim();
    if text.is_empty() {
        query.push("(1 = 1)");
        return;
    }
    // `like_literal` folds the text as `case_folding::fold` does.
    match matching {
        Matching::TitleAndDate => {
            query
                .push("(s.title_folded LIKE ")
                .push_bind(like_pattern(text))
                .push(" ESCAPE '\\' OR s.held_on = ")
                .push_bind(text.to_owned());
        }
        Matching::TitleWords => {
            let literal = like_literal(text);
            query
                .push("(s.title_folded LIKE ")
                .push_bind(format!("{literal}%"))
                .push(" ESCAPE '\\' OR s.title_folded LIKE ")
                .push_bind(format!("% {literal}%"))
                .push(" ESCAPE '\\'");
        }
    }
    query.push(")");
}

#[derive(Debug, sqlx::FromRow)]
struct Row {
    id: i64,
    title: String,
    held_on: String,
}

impl Row {
    fn key(&self) -> SessionKey {
        SessionKey(self.held_on.clone(), self.id)
    }
}

/// Up to `limit` sessions matching `text` and `filter` beyond `window`'s
/// key, in the window's order.
async fn page_rows(
    pool: &Pool,
    text: &str,
    matching: Matching,
    filter: &Condition,
    window: &Window<SessionKey>,
    limit: usize,
) -> Result<Vec<Row>, AppError> {
    let mut query = QueryBuilder::new("SELECT s.id, s.title, s.held_on FROM session_records s WHERE ");
    push_text(&mut query, text, matching);
    if let Some(SessionKey(held_on, id)) = &window.key {
        query
            .push(format!(" AND ((s.held_on, s.id) {} (", window.beyond(true)))
            .push_bind(held_on.clone())
            .push(", ")
            .push_bind(*id)
            .push("))");
    }
    query.push(" AND ");
    push_filter(&mut query, RecordTable::SESSION_RECORDS, filter);
    let order = window.order(true);
    query
        .push(format!(" ORDER BY s.held_on {order}, s.id {order} LIMIT "))
        .push_bind(limit as i64);
    Ok(crate::store::numbered::query_as(&mut query)
        .fetch_all(pool)
        .await?)
}

#[tracing::instrument(name = "sessions::listing::list", skip_all, fields(actor = asking.subject.id.0))]
pub async fn list(
    pool: &Pool,
    asking: Asking<'_>,
    text: &str,
    from: &PageFrom,
) -> Result<SessionListPage, AppError> {
    let window = Window::<SessionKey>::decode(from)?;
    let filters = ListFilters::load(pool, asking, RecordKind::SessionRecord).await?;
    let page_size = PAGE_SIZE as usize + 1;
    let count_where = |query: &mut QueryBuilder<Db>| {
        push_text(query, text, Matching::TitleAndDate);
        query.push(" AND ");
        push_filter(query, RecordTable::SESSION_RECORDS, &filters.visible);
    };
    let (mut rows, count, restricted) = tokio::try_join!(
        page_rows(
            pool,
            text,
            Matching::TitleAndDate,
            &filters.visible,
            &window,
            page_size
        ),
        capped_count(pool, "session_records s", count_where),
        async {
            // Only for a typed title (see `restricted_entries`).
            if !restricted_entries::offered(text, window.key.is_none(), &filters.overridable) {
                return Ok(Vec::new());
            }
            let start = Window::start();
            page_rows(
                pool,
                text,
                Matching::TitleWords,
                &filters.overridable,
                &start,
                restricted_entries::LIMIT,
            )
            .await
        },
    )?;
    // Everything before the page asked for was removed: show the first.
    let window = if rows.is_empty() && window.key.is_some() {
        let start = Window::start();
        rows = page_rows(
            pool,
            text,
            Matching::TitleAndDate,
            &filters.visible,
            &start,
            page_size,
        )
        .await?;
        start
    } else {
        window
    };
    let (rows, links) = into_page(rows, &window, Row::key);
    Ok(SessionListPage {
        sessions: rows
            .into_iter()
            .map(|row| SessionSummary {
                id: SessionRecordId(row.id),
                title: row.title,
                held_on: row.held_on,
            })
            .collect(),
        count,
        links,
        restricted: restricted
            .into_iter()
            .map(|row| RestrictedSession {
                id: SessionRecordId(row.id),
                title: row.title,
            })
            .collect(),
    })
}
