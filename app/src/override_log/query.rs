//! Reading the override log with its filters, newest first, a page at a
//! time or all of it (for the CSV export). The filters are checked first:
//! a malformed date or a range that ends before it starts is a message at
//! that field, and nothing is read.

use policy::{Code, Condition, RecordKind, Timestamp};
use sqlx::QueryBuilder;
use time::Date;
use time::macros::format_description;

use crate::asking::Asking;
use crate::directory::search::like_pattern;
use crate::error::{AppError, FieldError};
use crate::local_time::LocalTime;
use crate::override_log::{OverrideLogEntry, OverrideLogFilter, OverrideLogPage, PAGE_SIZE};
use crate::records::filter_sql::{RecordTable, push_condition};
use crate::store::{Db, Pool};
use crate::stored_code::{Column, StoredCode};

/// The filters once checked: text to look for, and a half-open time range.
struct Checked {
    person: Option<String>,
    record: Option<String>,
    from: Option<Timestamp>,
    /// The first instant after the range.
    until: Option<Timestamp>,
}

fn day_start(field: &str, text: &str) -> Result<Option<Date>, FieldError> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    Date::parse(text, format_description!("[year]-[month]-[day]"))
        .map(Some)
        .map_err(|_| FieldError::new(field, "Enter a date as YYYY-MM-DD, such as 2026-11-25."))
}

fn words(text: &str) -> Option<String> {
    let text = text.trim();
    (!text.is_empty()).then(|| text.to_lowercase())
}

/// The filter checked, its days read in the agency's time zone.
fn check(filter: &OverrideLogFilter, local: &LocalTime) -> Result<Checked, AppError> {
    let from = day_start("from", &filter.from);
    let to = day_start("to", &filter.to);
    let mut fields = Vec::new();
    if let Err(e) = &from {
        fields.push(e.clone());
    }
    if let Err(e) = &to {
        fields.push(e.clone());
    }
    if let (Ok(Some(from)), Ok(Some(to))) = (&from, &to)
        && to < from
    {
        fields.push(FieldError::new(
            "to",
            "The last day must not be before the first day.",
        ));
    }
    if !fields.is_empty() {
        return Err(AppError::invalid(fields));
    }
    let from = from.ok().flatten();
    let to = to.ok().flatten();
    Ok(Checked {
        person: words(&filter.person),
        record: words(&filter.record),
        from: from.map(|day| local.midnight(day)),
        until: to.and_then(Date::next_day).map(|day| local.midnight(day)),
    })
}

/// Which records the reader may open, as the rulebook's list filters: the
/// log names a record only to someone who may open it (a site administrator
/// may open every one); to anyone else it is "Client #12 (restricted)".
struct Visible {
    clients: Condition,
    sessions: Condition,
}

impl Visible {
    fn to(reader: Asking<'_>) -> Visible {
        Visible {
            clients: reader.list_filter(RecordKind::Client),
            sessions: reader.list_filter(RecordKind::SessionRecord),
        }
    }
}

/// The record's name when the reader may open it, else `''`. (`c` and `s`
/// are joined only for an override of their kind; see [`select`].)
fn push_record_name(query: &mut QueryBuilder<Db>, visible: &Visible) {
    query.push("(CASE WHEN c.id IS NOT NULL AND ");
    push_condition(query, RecordTable::CLIENTS, &visible.clients);
    query.push(
        " THEN c.first_name || ' ' || c.last_name || \
         CASE WHEN c.identifier = '' THEN '' ELSE ' (' || c.identifier || ')' END \
         WHEN s.id IS NOT NULL AND ",
    );
    push_condition(query, RecordTable::SESSION_RECORDS, &visible.sessions);
    query.push(" THEN s.title || ' (' || s.held_on || ')' ELSE '' END)");
}

/// The entries' columns and joins, and the filters as a WHERE clause.
fn select(query: &mut QueryBuilder<Db>, checked: &Checked, visible: &Visible) {
    query.push(
        "SELECT o.id, p.name AS personnel_name, p.email AS personnel_email, o.record_kind, o.record_id, ",
    );
    push_record_name(query, visible);
    query.push(
        " AS record_name, o.reason, o.granted_at, o.expires_at, COUNT(*) OVER () AS total \
         FROM overrides o \
         JOIN personnel p ON p.id = o.personnel_id \
         LEFT JOIN clients c ON c.id = o.record_id AND o.record_kind = ",
    );
    query.push_bind(RecordKind::Client.code());
    query.push(" LEFT JOIN session_records s ON s.id = o.record_id AND o.record_kind = ");
    query.push_bind(RecordKind::SessionRecord.code());
    query.push(" WHERE 1 = 1");
    if let Some(person) = &checked.person {
        let pattern = like_pattern(person);
        query
            .push(" AND (LOWER(p.name) LIKE ")
            .push_bind(pattern.clone())
            .push(" ESCAPE '\\' OR LOWER(p.email) LIKE ")
            .push_bind(pattern)
            .push(" ESCAPE '\\')");
    }
    if let Some(record) = &checked.record {
        // Only the names the reader may see can match.
        query.push(" AND LOWER(");
        push_record_name(query, visible);
        query
            .push(") LIKE ")
            .push_bind(like_pattern(record))
            .push(" ESCAPE '\\'");
    }
    if let Some(from) = checked.from {
        query.push(" AND o.granted_at >= ").push_bind(from.0);
    }
    if let Some(until) = checked.until {
        query.push(" AND o.granted_at < ").push_bind(until.0);
    }
    query.push(" ORDER BY o.granted_at DESC, o.id DESC");
}

/// One override as the log's query reads it.
#[derive(sqlx::FromRow)]
struct Row {
    id: i64,
    personnel_name: String,
    personnel_email: String,
    record_kind: String,
    record_id: i64,
    /// `''` when the reader may not open the record.
    record_name: String,
    reason: String,
    granted_at: i64,
    expires_at: i64,
    /// How many overrides match the filter in all.
    total: i64,
}

fn entry(row: Row, now: Timestamp, local: &LocalTime) -> Result<OverrideLogEntry, AppError> {
    let Row {
        id,
        personnel_name,
        personnel_email,
        record_kind,
        record_id,
        record_name,
        reason,
        granted_at,
        expires_at,
        total: _,
    } = row;
    let (record_kind, record_href) =
        match RecordKind::decode(&record_kind, Column::new("overrides", "record_kind"))? {
            RecordKind::SessionRecord => ("Session", format!("/sessions/{record_id}")),
            RecordKind::Client => ("Client", format!("/clients/{record_id}")),
        };
    let (record_name, record_href) = if record_name.is_empty() {
        (format!("{record_kind} #{record_id} (restricted)"), None)
    } else {
        (record_name, Some(record_href))
    };
    Ok(OverrideLogEntry {
        id,
        personnel_name,
        personnel_email,
        record_kind: record_kind.to_owned(),
        record_name,
        record_href,
        reason,
        granted_at: Timestamp(granted_at),
        ends_at: Timestamp(expires_at),
        granted_local: local.minute(Timestamp(granted_at)),
        ends_local: local.minute(Timestamp(expires_at)),
        running: now.0 < expires_at,
    })
}

/// One page of the entries that match `filter`, newest first.
#[tracing::instrument(name = "override_log::query::page", skip_all, fields(actor = reader.subject.id.0))]
pub async fn page(
    pool: &Pool,
    reader: Asking<'_>,
    local: &LocalTime,
    filter: &OverrideLogFilter,
    page: u32,
) -> Result<OverrideLogPage, AppError> {
    let checked = check(filter, local)?;
    let visible = Visible::to(reader);
    let now = reader.now;
    let mut query = QueryBuilder::new("");
    select(&mut query, &checked, &visible);
    query
        .push(" LIMIT ")
        .push_bind(i64::from(PAGE_SIZE))
        .push(" OFFSET ")
        .push_bind(i64::from(page) * i64::from(PAGE_SIZE));
    let rows: Vec<Row> = crate::store::numbered::query_as(&mut query)
        .fetch_all(pool)
        .await?;
    let total = match rows.first() {
        Some(row) => row.total,
        // Past the last page: count on its own, so the pager still knows.
        None if page > 0 => count(pool, &checked, &visible).await?,
        None => 0,
    };
    Ok(OverrideLogPage {
        entries: rows
            .into_iter()
            .map(|row| entry(row, now, local))
            .collect::<Result<_, _>>()?,
        total,
        page,
        page_size: PAGE_SIZE,
    })
}

async fn count(pool: &Pool, checked: &Checked, visible: &Visible) -> Result<i64, AppError> {
    let mut query = QueryBuilder::new("SELECT COUNT(*) FROM (");
    select(&mut query, checked, visible);
    query.push(") AS matching");
    let (total,): (i64,) = crate::store::numbered::query_as(&mut query)
        .fetch_one(pool)
        .await?;
    Ok(total)
}

/// Every entry that matches `filter`, newest first: what the CSV holds.
#[tracing::instrument(name = "override_log::query::all", skip_all, fields(actor = reader.subject.id.0))]
pub async fn all(
    pool: &Pool,
    reader: Asking<'_>,
    local: &LocalTime,
    filter: &OverrideLogFilter,
) -> Result<Vec<OverrideLogEntry>, AppError> {
    let checked = check(filter, local)?;
    let mut query = QueryBuilder::new("");
    select(&mut query, &checked, &Visible::to(reader));
    let rows: Vec<Row> = crate::store::numbered::query_as(&mut query)
        .fetch_all(pool)
        .await?;
    rows.into_iter()
        .map(|row| entry(row, reader.now, local))
        .collect()
}
