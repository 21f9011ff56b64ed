//! A paged list's two ends: above it "1–25 of 130 clients" (or what to say
//! when nothing matches), below it "Previous" and "Next".

use leptos::prelude::*;

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

/// "1–25 of 130 `noun`", or `empty` when nothing matches, as a status.
#[component]
pub fn PageStatus(at: PagePosition, noun: &'static str, empty: &'static str) -> impl IntoView {
    let text = if at.total == 0 {
        empty.to_owned()
    } else {
        format!("{}–{} of {} {noun}", at.first() + 1, at.last(), at.total)
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
