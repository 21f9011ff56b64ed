//! A paged list's two ends: above it "1–25 of 130 clients" (or what to say
//! when nothing matches), below it "Previous" and "Next".

use leptos::prelude::*;

use crate::pages::list_search::UrlSearch;
use crate::plural::Noun;

/// Where one page sits in the whole list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PagePosition {
    /// The page shown, from 0.
    pub page: u32,
    pub page_size: u32,
    /// How many entries this page holds.
    pub count: usize,
    /// How many entries match, on all pages.
    pub total: i64,
}

impl PagePosition {
    fn first(self) -> i64 {
        i64::from(self.page) * i64::from(self.page_size)
    }

    fn last(self) -> i64 {
        self.first() + self.count as i64
    }

    fn has_next(self) -> bool {
        self.last() < self.total
    }
}

/// "1–25 of 130 `noun`" (then `after`), or `empty` when nothing matches, as
/// a status.
#[component]
pub fn PageStatus(
    at: PagePosition,
    noun: Noun,
    #[prop(optional)] after: &'static str,
    empty: &'static str,
) -> impl IntoView {
    let text = if at.total == 0 {
        empty.to_owned()
    } else {
        let noun = noun.of(at.total.unsigned_abs());
        format!("{}–{} of {} {noun}{after}", at.first() + 1, at.last(), at.total)
    };
    view! { <p class="hint" role="status">{text}</p> }
}

/// "Previous" and "Next", which move `page`.
#[component]
pub fn Pager(at: PagePosition, page: RwSignal<u32>) -> impl IntoView {
    let on_first = at.page == 0;
    let on_last = !at.has_next();
    view! {
        <div class="actions pager">
            <button type="button" class="secondary" disabled=on_first
                on:click=move |_| page.update(|p| *p = p.saturating_sub(1))>"Previous"</button>
            <button type="button" class="secondary" disabled=on_last
                on:click=move |_| page.update(|p| *p += 1)>"Next"</button>
        </div>
    }
}

/// Where a keyed list (`crate::paging`) stands: which page was asked for,
/// and the position of its first row, counted by the page as it moves.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ListPlace {
    pub from: crate::paging::PageFrom,
    /// The first row's position in the list, from 0.
    pub start: u32,
}

/// A keyed page as shown: where it stands and what it holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyedPosition {
    pub place: ListPlace,
    /// How many rows this page holds.
    pub shown: usize,
    pub count: crate::paging::Count,
    pub links: crate::paging::PageLinks,
}

impl KeyedPosition {
    /// The first row's position: 0 whenever nothing comes before the page.
    fn start(&self) -> u32 {
        if self.links.earlier.is_none() {
            0
        } else {
            self.place.start
        }
    }
}

/// "1,000" for 1000.
fn with_thousands(n: u32) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(digit);
    }
    out
}

/// "1–25 of 130 `noun`", "26–50 of more than 1,000 `noun`", or `empty`
/// when nothing matches, as a status.
#[component]
pub fn KeyedStatus(at: KeyedPosition, noun: Noun, empty: &'static str) -> impl IntoView {
    let text = if at.shown == 0 {
        empty.to_owned()
    } else {
        let first = at.start() + 1;
        let last = at.start() + at.shown as u32;
        let of = if at.count.more {
            format!("more than {}", with_thousands(at.count.counted))
        } else {
            with_thousands(at.count.counted)
        };
        let noun = noun.of(if at.count.more {
            2
        } else {
            u64::from(at.count.counted)
        });
        format!(
            "{}–{} of {of} {noun}",
            with_thousands(first),
            with_thousands(last)
        )
    };
    view! { <p class="hint" role="status">{text}</p> }
}

/// "Previous" and "Next" for a keyed list: each asks for the page before
/// the first row shown or after the last.
#[component]
pub fn KeyedPager(at: KeyedPosition, search: UrlSearch) -> impl IntoView {
    let start = at.start();
    let shown = at.shown as u32;
    let earlier = at.links.earlier.clone();
    let later = at.links.later.clone();
    view! {
        <div class="actions pager">
            <button type="button" class="secondary" disabled=earlier.is_none()
                on:click=move |_| if let Some(cursor) = earlier.clone() {
                    search.set_place(ListPlace {
                        from: crate::paging::PageFrom::Before(cursor),
                        start: start.saturating_sub(crate::paging::PAGE_SIZE),
                    });
                }>"Previous"</button>
            <button type="button" class="secondary" disabled=later.is_none()
                on:click=move |_| if let Some(cursor) = later.clone() {
                    search.set_place(ListPlace {
                        from: crate::paging::PageFrom::After(cursor),
                        start: start + shown,
                    });
                }>"Next"</button>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::with_thousands;

    #[test]
    fn counts_are_written_with_thousands_separators() {
        assert_eq!(with_thousands(7), "7");
        assert_eq!(with_thousands(1000), "1,000");
        assert_eq!(with_thousands(1234567), "1,234,567");
    }
}
