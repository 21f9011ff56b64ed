//! What the keyed lists (clients, sessions) share on the server: the
//! rulebook's filters with the organization default rules substituted and
//! their narrowing added, the window a page is read through, the links to
//! the pages around it, and the capped count. See `crate::paging`.

use policy::{Condition, RecordKind};

use crate::asking::Asking;
use serde::Serialize;
use serde::de::DeserializeOwned;
use sqlx::QueryBuilder;

use crate::error::AppError;
use crate::paging::{COUNT_LIMIT, Count, PAGE_SIZE, PageFrom, PageLinks};
use crate::records::filter_sql::{RecordTable, push_condition};
use crate::store::{Db, Pool};

/// The records of one kind a person may open, and those they could open
/// only by overriding ("Restricted" entries).
#[derive(Debug, Clone)]
pub struct ListFilters {
    pub visible: Condition,
    pub overridable: Condition,
}

impl ListFilters {
    /// The rulebook's filters for `subject`, with the organization default
    /// rules (a small table) read and substituted, so that a person who sees
    /// only the records linked to them gets a filter that narrows.
    pub async fn load(pool: &Pool, asking: Asking<'_>, kind: RecordKind) -> Result<ListFilters, AppError> {
        let defaults = crate::records::protection::all_default_rules(pool).await?;
        Ok(ListFilters {
            visible: asking.list_filter(kind).with_default_rules(&defaults),
            overridable: asking.overridable_filter(kind).with_default_rules(&defaults),
        })
    }
}

/// Appends `condition` and, when it has one, its narrowing: the same rows,
/// but the database can start from the few records linked to the person
/// instead of reading the list's whole order.
pub fn push_filter(query: &mut QueryBuilder<Db>, table: RecordTable, condition: &Condition) {
    push_condition(query, table, condition);
    if let Some(terms) = condition.narrowing() {
        query.push(" AND ");
        push_condition(query, table, &Condition::any(terms));
    }
}

/// Which way a page is read from its cursor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    /// In the list's order, after the cursor (or from the start).
    Forward,
    /// Against it, before the cursor; the rows are turned round afterwards.
    Backward,
}

/// The rows a page is read from: after or before one row's sort key `K`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Window<K> {
    pub direction: Direction,
    pub key: Option<K>,
}

impl<K: DeserializeOwned> Window<K> {
    /// The window `from` asks for; a cursor that is not one the server made
    /// is refused at its argument.
    pub fn decode(from: &PageFrom) -> Result<Window<K>, AppError> {
        let decode = |cursor: &str, field: &str| {
            serde_json::from_str(cursor).map_err(|_| {
                AppError::invalid_field(field, "This page of the list is out of date: search again.")
            })
        };
        Ok(match from {
            PageFrom::Start => Window::start(),
            PageFrom::After(cursor) => Window {
                direction: Direction::Forward,
                key: Some(decode(cursor, "after")?),
            },
            PageFrom::Before(cursor) => Window {
                direction: Direction::Backward,
                key: Some(decode(cursor, "before")?),
            },
        })
    }
}

impl<K> Window<K> {
    pub const fn start() -> Window<K> {
        Window {
            direction: Direction::Forward,
            key: None,
        }
    }

    /// The comparison that keeps the rows beyond the key, for a list in
    /// ascending order of the key; `descending` turns it round.
    pub fn beyond(&self, descending: bool) -> &'static str {
        match (self.direction, descending) {
            (Direction::Forward, false) | (Direction::Backward, true) => ">",
            (Direction::Forward, true) | (Direction::Backward, false) => "<",
        }
    }

    /// `ASC` or `DESC`: the order the rows are read in.
    pub fn order(&self, descending: bool) -> &'static str {
        if self.beyond(descending) == ">" {
            "ASC"
        } else {
            "DESC"
        }
    }
}

/// Rows read through `window` (up to `PAGE_SIZE + 1` of them) as a page in
/// the list's order, with the cursors of the pages around it.
pub fn into_page<R, K: Serialize>(
    mut rows: Vec<R>,
    window: &Window<K>,
    key_of: impl Fn(&R) -> K,
) -> (Vec<R>, PageLinks) {
    let more = rows.len() > PAGE_SIZE as usize;
    rows.truncate(PAGE_SIZE as usize);
    let (earlier, later) = match window.direction {
        Direction::Forward => (window.key.is_some(), more),
        Direction::Backward => {
            rows.reverse();
            (more, true)
        }
    };
    let cursor =
        |row: Option<&R>| row.map(|row| serde_json::to_string(&key_of(row)).expect("a sort key serializes"));
    let links = PageLinks {
        earlier: if earlier { cursor(rows.first()) } else { None },
        later: if later { cursor(rows.last()) } else { None },
    };
    (rows, links)
}

/// How many rows `push_where` selects from `from` (such as "clients c"),
/// counted up to just past `COUNT_LIMIT`.
pub async fn capped_count(
    pool: &Pool,
    from: &str,
    push_where: impl FnOnce(&mut QueryBuilder<Db>),
) -> Result<Count, AppError> {
    let mut query = QueryBuilder::new(format!("SELECT COUNT(*) FROM (SELECT 1 FROM {from} WHERE "));
    push_where(&mut query);
    query
        .push(" LIMIT ")
        .push_bind(i64::from(COUNT_LIMIT) + 1)
        .push(") AS matching");
    let (found,): (i64,) = crate::store::numbered::query_as(&mut query)
        .fetch_one(pool)
        .await?;
    Ok(Count::capped(u32::try_from(found).unwrap_or(u32::MAX)))
}
