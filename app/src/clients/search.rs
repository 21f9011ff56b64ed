//! The client search: by name (prefix of the first, last or full name),
//! identifier (prefix) or date of birth (exact, YYYY-MM-DD), only among the
//! clients the rulebook lets the person view, in the order of last name,
//! first name and id, a keyed page at a time (`crate::paging`), with a
//! capped count. The "Restricted" entries (clients the person could open
//! only by overriding) come only for a typed text, matched on the name
//! alone, with the first page.
//!
//! Names and identifiers are compared in their folded copies
//! (`crate::case_folding`), as ranges over indexes that end with the list's
//! order, so that a page reads about as many rows as it shows:
//! - a person who sees only the clients linked to them (the filter narrows)
//!   is answered from those few clients;
//! - an empty search walks the list's order, keeping the visible clients;
//! - a typed search first takes the next matches in the list's order from
//!   each index the text can match (`candidates`), then keeps the visible
//!   ones, and takes more only when too few of them were visible.

use policy::{ClientId, Condition, RecordKind};

use crate::asking::Asking;
use serde::{Deserialize, Serialize};
use sqlx::QueryBuilder;

use crate::case_folding::fold;
use crate::clients::{ClientSearchPage, ClientSummary, RestrictedClient};
use crate::error::AppError;
use crate::paging::{PAGE_SIZE, PageFrom};
use crate::records::filter_sql::RecordTable;
use crate::records::keyed_list::{ListFilters, Window, capped_count, into_page, push_filter};
use crate::records::restricted_entries;
use crate::store::{Db, Pool};

/// Greater than every string that starts with a given prefix, when appended
/// to it: the top of a prefix's range.
const RANGE_END: char = '\u{10FFFF}';

/// The most candidates one round of a typed search takes from each index.
const MOST_CANDIDATES: i64 = 6_400;

/// A client's place in the list: folded last name, folded first name, id.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClientKey(pub String, pub String, pub i64);

/// What a search asks for.
#[derive(Debug, Clone, Copy)]
pub struct ClientQuery<'a> {
    pub text: &'a str,
    /// Only the clients the person is responsible for ("My clients").
    pub mine: bool,
    pub from: &'a PageFrom,
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

/// One way the text can match, each answered by its own index in the
/// list's order.
#[derive(Debug, Clone)]
enum TextMatch {
    /// A folded column starts with the folded text.
    Prefix {
        column: &'static str,
        prefix: String,
    },
    /// "first last": the first name starts with one word, the last name with
    /// the rest.
    FullName {
        first: String,
        last: String,
    },
    DateOfBirth(String),
}

impl TextMatch {
    fn push(&self, query: &mut QueryBuilder<Db>) {
        match self {
            TextMatch::Prefix { column, prefix } => push_prefix(query, column, prefix),
            TextMatch::FullName { first, last } => {
                query.push("(");
                push_prefix(query, "c.first_name_folded", first);
                query.push(" AND ");
                push_prefix(query, "c.last_name_folded", last);
                query.push(")");
            }
            TextMatch::DateOfBirth(date) => {
                query
                    .push("(c.date_of_birth = ")
                    .push_bind(date.clone())
                    .push(")");
            }
        }
    }
}

/// Appends "`column` starts with `prefix`" as a range an index answers.
fn push_prefix(query: &mut QueryBuilder<Db>, column: &str, prefix: &str) {
    query
        .push(format!("({column} >= "))
        .push_bind(prefix.to_owned())
        .push(format!(" AND {column} < "))
        .push_bind(format!("{prefix}{RANGE_END}"))
        .push(")");
}

/// The ways `text` can match a client; none for an empty text (everyone).
fn text_matches(text: &str, matching: Matching) -> Vec<TextMatch> {
    let text = text.trim();
    if text.is_empty() {
        return Vec::new();
    }
    let folded = fold(text);
    let mut matches = vec![
        TextMatch::Prefix {
            column: "c.last_name_folded",
            prefix: folded.clone(),
        },
        TextMatch::Prefix {
            column: "c.first_name_folded",
            prefix: folded.clone(),
        },
    ];
    if let Some((first, last)) = folded.split_once(char::is_whitespace) {
        matches.push(TextMatch::FullName {
            first: first.to_owned(),
            last: last.trim_start().to_owned(),
        });
    }
    if matching == Matching::AllFields {
        matches.push(TextMatch::Prefix {
            column: "c.identifier_folded",
            prefix: folded,
        });
        matches.push(TextMatch::DateOfBirth(text.to_owned()));
    }
    matches
}

/// Appends "the text matches" (any of `matches`; true when there are none).
fn push_text(query: &mut QueryBuilder<Db>, matches: &[TextMatch]) {
    if matches.is_empty() {
        query.push("(1 = 1)");
        return;
    }
    query.push("(");
    for (i, m) in matches.iter().enumerate() {
        if i > 0 {
            query.push(" OR ");
        }
        m.push(query);
    }
    query.push(")");
}

/// Appends "the client's place is beyond `window`'s key".
fn push_beyond(query: &mut QueryBuilder<Db>, window: &Window<ClientKey>) {
    match &window.key {
        None => {
            query.push("(1 = 1)");
        }
        Some(ClientKey(last, first, id)) => {
            query
                .push(format!(
                    "((c.last_name_folded, c.first_name_folded, c.id) {} (",
                    window.beyond(false)
                ))
                .push_bind(last.clone())
                .push(", ")
                .push_bind(first.clone())
                .push(", ")
                .push_bind(*id)
                .push("))");
        }
    }
}

fn push_order(query: &mut QueryBuilder<Db>, window: &Window<ClientKey>) {
    let order = window.order(false);
    query.push(format!(
        " ORDER BY c.last_name_folded {order}, c.first_name_folded {order}, c.id {order}"
    ));
}

/// One page of the clients `subject` may view that match the search, their
/// capped count, and (for holders of "override access", on the first page)
/// the matching clients they could open by overriding.
#[tracing::instrument(name = "clients::search::search", skip_all, fields(actor = asking.subject.id.0))]
pub async fn search(
    pool: &Pool,
    asking: Asking<'_>,
    search: ClientQuery<'_>,
) -> Result<ClientSearchPage, AppError> {
    let window = Window::<ClientKey>::decode(search.from)?;
    let filters = ListFilters::load(pool, asking, RecordKind::Client).await?;
    // "My clients": those the person is responsible personnel of.
    let mine = |condition: Condition| {
        if search.mine {
            Condition::all(vec![condition, Condition::ResponsibleIs(asking.subject.id)])
        } else {
            condition
        }
    };
    let visible = mine(filters.visible);
    let overridable = mine(filters.overridable);
    let shown = text_matches(search.text, Matching::AllFields);
    let named = text_matches(search.text, Matching::NameOnly);
    let count_where = |query: &mut QueryBuilder<Db>| {
        push_text(query, &shown);
        query.push(" AND ");
        push_filter(query, RecordTable::CLIENTS, &visible);
    };
    let (mut rows, count, restricted) = tokio::try_join!(
        page_rows(pool, &shown, &visible, &window, PAGE_SIZE as usize + 1),
        capped_count(pool, "clients c", count_where),
        async {
            // Only for a typed name (see `restricted_entries`).
            if !restricted_entries::offered(search.text, window.key.is_none(), &overridable) {
                return Ok(Vec::new());
            }
            page_rows(
                pool,
                &named,
                &overridable,
                &Window::start(),
                restricted_entries::LIMIT,
            )
            .await
        },
    )?;
    // Everything before the page asked for was removed: show the first.
    let window = if rows.is_empty() && window.key.is_some() {
        rows = page_rows(pool, &shown, &visible, &Window::start(), PAGE_SIZE as usize + 1).await?;
        Window::start()
    } else {
        window
    };
    let (rows, links) = into_page(rows, &window, Row::key);
    Ok(ClientSearchPage {
        clients: rows.into_iter().map(Row::summary).collect(),
        count,
        links,
        restricted: restricted
            .into_iter()
            .map(|row| RestrictedClient {
                id: ClientId(row.id),
                name: format!("{} {}", row.first_name, row.last_name),
            })
            .collect(),
    })
}

#[derive(Debug, sqlx::FromRow)]
struct Row {
    id: i64,
    first_name: String,
    last_name: String,
    date_of_birth: Option<String>,
    identifier: String,
    #[sqlx(try_from = "crate::store::Flag")]
    locked: bool,
    first_name_folded: String,
    last_name_folded: String,
}

impl Row {
    fn key(&self) -> ClientKey {
        ClientKey(
            self.last_name_folded.clone(),
            self.first_name_folded.clone(),
            self.id,
        )
    }

    fn summary(self) -> ClientSummary {
        ClientSummary {
            id: ClientId(self.id),
            first_name: self.first_name,
            last_name: self.last_name,
            date_of_birth: self.date_of_birth,
            identifier: self.identifier,
            locked: self.locked,
        }
    }
}

const ROW_COLUMNS: &str = "SELECT c.id, c.first_name, c.last_name, c.date_of_birth, c.identifier, \
                           c.locked, c.first_name_folded, c.last_name_folded FROM clients c WHERE ";

/// Up to `limit` clients that match `matches` and `filter`, beyond
/// `window`'s key, in the window's order.
async fn page_rows(
    pool: &Pool,
    matches: &[TextMatch],
    filter: &Condition,
    window: &Window<ClientKey>,
    limit: usize,
) -> Result<Vec<Row>, AppError> {
    if matches.is_empty() || filter.narrowing().is_some() {
        // From the few clients linked to the person, or along the list's
        // order keeping the visible ones.
        let mut query = QueryBuilder::new(ROW_COLUMNS);
        push_text(&mut query, matches);
        query.push(" AND ");
        push_beyond(&mut query, window);
        query.push(" AND ");
        push_filter(&mut query, RecordTable::CLIENTS, filter);
        push_order(&mut query, window);
        query.push(" LIMIT ").push_bind(limit as i64);
        return Ok(crate::store::numbered::query_as(&mut query)
            .fetch_all(pool)
            .await?);
    }
    // A typed search among clients the person sees organization-wide.
    let mut found = Vec::new();
    let mut window = window.clone();
    let mut wanted = 4 * limit as i64;
    loop {
        let mut query = QueryBuilder::new(ROW_COLUMNS);
        query.push("c.id IN (SELECT id FROM (");
        push_candidates(&mut query, matches, &window, wanted);
        query.push(") AS candidate) AND ");
        push_filter(&mut query, RecordTable::CLIENTS, filter);
        push_order(&mut query, &window);
        query.push(" LIMIT ").push_bind((limit - found.len()) as i64);
        let rows: Vec<Row> = crate::store::numbered::query_as(&mut query)
            .fetch_all(pool)
            .await?;
        found.extend(rows);
        if found.len() >= limit {
            return Ok(found);
        }
        // Too few were visible: were there more candidates than these?
        let order = window.order(false);
        let against = if order == "ASC" { "DESC" } else { "ASC" };
        let mut last = QueryBuilder::new("SELECT l, f, id, COUNT(*) OVER () AS taken FROM (");
        push_candidates(&mut last, matches, &window, wanted);
        last.push(format!(
            ") AS candidate ORDER BY l {against}, f {against}, id {against} LIMIT 1"
        ));
        let Some(last): Option<LastCandidate> = crate::store::numbered::query_as(&mut last)
            .fetch_optional(pool)
            .await?
        else {
            return Ok(found);
        };
        if last.taken < wanted {
            return Ok(found);
        }
        window.key = Some(ClientKey(last.l, last.f, last.id));
        wanted = (wanted * 4).min(MOST_CANDIDATES);
    }
}

/// The furthest candidate a round looked at, and how many it took.
#[derive(sqlx::FromRow)]
struct LastCandidate {
    l: String,
    f: String,
    id: i64,
    taken: i64,
}

/// Appends a query for the places of the next `wanted` clients beyond
/// `window`'s key that match the text, visible or not: each way of matching
/// reads its own index in the list's order, and the first `wanted` of them
/// all are kept (columns `l`, `f`, `id`).
fn push_candidates(
    query: &mut QueryBuilder<Db>,
    matches: &[TextMatch],
    window: &Window<ClientKey>,
    wanted: i64,
) {
    let order = window.order(false);
    query.push("SELECT l, f, id FROM (");
    for (i, m) in matches.iter().enumerate() {
        if i > 0 {
            query.push(" UNION ");
        }
        query.push(
            "SELECT * FROM (SELECT c.last_name_folded AS l, c.first_name_folded AS f, c.id AS id FROM clients c WHERE ",
        );
        m.push(query);
        query.push(" AND ");
        push_beyond(query, window);
        push_order(query, window);
        query
            .push(" LIMIT ")
            .push_bind(wanted)
            .push(format!(") AS way{i}"));
    }
    query
        .push(format!(
            ") AS matching ORDER BY l {order}, f {order}, id {order} LIMIT "
        ))
        .push_bind(wanted);
}
