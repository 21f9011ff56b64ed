//! A list's search as it stands in the URL's query string (`?q=le&mine=1&
//! after=…&at=25`), so that Back, a reload and a shared link keep the text,
//! "My clients only" and the page. Typing replaces the current history entry
//! (Back does not step through each letter); moving to another page adds
//! one (Back returns to the page before).

use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::hooks::{use_location, use_navigate, use_query_map};
use leptos_router::params::ParamsMap;

use crate::pages::pager::ListPlace;
use crate::paging::PageFrom;

/// What a list shows: the typed text, "mine", and where the page stands.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ListSearch {
    pub text: String,
    pub mine: bool,
    pub place: ListPlace,
}

impl ListSearch {
    /// From the URL's query; anything unreadable reads as the first page.
    pub fn from_query(query: &ParamsMap) -> ListSearch {
        let after = query.get("after").unwrap_or_default();
        let before = query.get("before").unwrap_or_default();
        let from = PageFrom::from_arguments(after, before).unwrap_or_default();
        let start = match from {
            PageFrom::Start => 0,
            _ => query.get("at").and_then(|at| at.parse().ok()).unwrap_or(0),
        };
        ListSearch {
            text: query.get("q").unwrap_or_default(),
            mine: query.get("mine").as_deref() == Some("1"),
            place: ListPlace { from, start },
        }
    }

    /// The query string, "" for an empty search on the first page.
    pub fn to_query(&self) -> String {
        let mut query = ParamsMap::new();
        if !self.text.is_empty() {
            query.insert("q", self.text.clone());
        }
        if self.mine {
            query.insert("mine", "1".to_owned());
        }
        match &self.place.from {
            PageFrom::Start => {}
            PageFrom::After(key) => query.insert("after", key.clone()),
            PageFrom::Before(key) => query.insert("before", key.clone()),
        }
        if self.place.from != PageFrom::Start {
            query.insert("at", self.place.start.to_string());
        }
        query.to_query_string()
    }
}

/// The list's search, read from the URL, and a way to change it: a new
/// text or "mine" starts again from the first page.
#[derive(Clone, Copy)]
pub struct UrlSearch {
    pub current: Memo<ListSearch>,
    /// What the search box shows: what was just typed, or the URL's text
    /// when the URL changed some other way (the menu's "Clients", Back).
    pub typed: RwSignal<String>,
    /// Texts sent to the URL by typing that the URL has not shown yet. While
    /// they arrive the box keeps what was typed since, so a slow navigation
    /// never overwrites the letters that followed it.
    sent: StoredValue<Vec<String>>,
}

impl UrlSearch {
    pub fn from_url() -> UrlSearch {
        let query = use_query_map();
        let current = Memo::new(move |_| query.with(ListSearch::from_query));
        let typed = RwSignal::new(current.with_untracked(|s| s.text.clone()));
        let sent = StoredValue::new(Vec::<String>::new());
        Effect::new(move |_| {
            let text = current.with(|s| s.text.clone());
            let ours = sent
                .try_update_value(|sent| match sent.iter().position(|t| *t == text) {
                    Some(at) => {
                        sent.drain(..=at);
                        true
                    }
                    None => false,
                })
                .unwrap_or(false);
            if !ours && typed.get_untracked() != text {
                typed.set(text);
            }
        });
        UrlSearch { current, typed, sent }
    }

    fn go(self, search: ListSearch, replace: bool) {
        let path = use_location().pathname.get_untracked();
        let navigate = use_navigate();
        navigate(
            &format!("{path}{}", search.to_query()),
            NavigateOptions {
                replace,
                scroll: !replace,
                ..NavigateOptions::default()
            },
        );
    }

    /// A new text or "mine": back to the first page, in the same history
    /// entry.
    fn restart(self, text: String, mine: bool) {
        let place = ListPlace::default();
        self.go(ListSearch { text, mine, place }, true);
    }

    /// The typed text changed.
    pub fn set_text(self, text: String) {
        self.typed.set(text.clone());
        let (shown, mine) = self.current.with_untracked(|s| (s.text.clone(), s.mine));
        // A text the URL already holds changes nothing there to wait for.
        if text != shown {
            self.sent.update_value(|sent| sent.push(text.clone()));
        }
        self.restart(text, mine);
    }

    /// "Mine" changed.
    pub fn set_mine(self, mine: bool) {
        self.restart(self.current.with_untracked(|s| s.text.clone()), mine);
    }

    /// Another page: a new history entry.
    pub fn set_place(self, place: ListPlace) {
        let search = self.current.with_untracked(|s| ListSearch { place, ..s.clone() });
        self.go(search, false);
    }
}

#[cfg(test)]
mod tests {
    use leptos_router::location::Url;

    use super::*;

    #[test]
    fn a_search_survives_the_trip_through_the_url() {
        let search = ListSearch {
            text: "Lē & co?".into(),
            mine: true,
            place: ListPlace {
                from: PageFrom::After(r#"["lee","jo",12]"#.into()),
                start: 25,
            },
        };
        let query = search.to_query();
        let parsed: ParamsMap = query
            .trim_start_matches('?')
            .split('&')
            .map(|pair| {
                let (k, v) = pair.split_once('=').unwrap();
                (k.to_owned(), Url::unescape(v))
            })
            .collect();
        assert_eq!(ListSearch::from_query(&parsed), search);
        assert_eq!(ListSearch::default().to_query(), "");
    }
}
