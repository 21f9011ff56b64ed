//! Keyed paging for the long lists (clients, sessions): a page is asked for
//! from the start, after a row or before a row, each row named by an opaque
//! cursor the server made from its place in the list's order, never by an
//! offset. So a page costs about what it shows, and "Next" shows the rows
//! after the last one shown even while records are added. Counts stop at
//! [`COUNT_LIMIT`]: "1–25 of more than 1,000 clients".

use serde::{Deserialize, Serialize};

/// Rows on one page.
pub const PAGE_SIZE: u32 = 25;
/// Counting stops past this many matches.
pub const COUNT_LIMIT: u32 = 1_000;

/// How many records match: exactly `counted`, or more than it when `more`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Count {
    pub counted: u32,
    pub more: bool,
}

impl Count {
    /// From the number of rows a count capped at `COUNT_LIMIT + 1` found.
    pub fn capped(found: u32) -> Count {
        if found > COUNT_LIMIT {
            Count {
                counted: COUNT_LIMIT,
                more: true,
            }
        } else {
            Count {
                counted: found,
                more: false,
            }
        }
    }
}

/// Which page of a list: the server function's `after` and `before`
/// arguments (at most one of them non-empty).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum PageFrom {
    #[default]
    Start,
    After(String),
    Before(String),
}

impl PageFrom {
    /// From the `after` and `before` arguments; `None` when both are given.
    pub fn from_arguments(after: String, before: String) -> Option<PageFrom> {
        match (after.is_empty(), before.is_empty()) {
            (true, true) => Some(PageFrom::Start),
            (false, true) => Some(PageFrom::After(after)),
            (true, false) => Some(PageFrom::Before(before)),
            (false, false) => None,
        }
    }

    /// The `after` and `before` arguments that ask for this page.
    pub fn arguments(&self) -> (String, String) {
        match self {
            PageFrom::Start => (String::new(), String::new()),
            PageFrom::After(cursor) => (cursor.clone(), String::new()),
            PageFrom::Before(cursor) => (String::new(), cursor.clone()),
        }
    }
}

/// Where a page leads: the cursors that ask for the pages around it.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct PageLinks {
    /// `before` for the previous page, when there are rows before this one.
    pub earlier: Option<String>,
    /// `after` for the next page, when there are rows after this one.
    pub later: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_count_past_the_limit_says_more_than_the_limit() {
        assert_eq!(
            Count::capped(1_001),
            Count {
                counted: 1_000,
                more: true
            }
        );
        assert_eq!(
            Count::capped(1_000),
            Count {
                counted: 1_000,
                more: false
            }
        );
        assert_eq!(
            Count::capped(3),
            Count {
                counted: 3,
                more: false
            }
        );
    }

    #[test]
    fn a_page_is_asked_for_after_or_before_a_row_never_both() {
        assert_eq!(
            PageFrom::from_arguments(String::new(), String::new()),
            Some(PageFrom::Start)
        );
        assert_eq!(
            PageFrom::from_arguments("a".into(), String::new()),
            Some(PageFrom::After("a".into()))
        );
        assert_eq!(PageFrom::from_arguments("a".into(), "b".into()), None);
        assert_eq!(
            PageFrom::Before("b".into()).arguments(),
            (String::new(), "b".into())
        );
    }
}
