//! When a list shows the bare "Restricted" entries that a holder of
//! "override access" could open by overriding (spec, "Lists and search",
//! narrowed here): only for a typed search of at least two characters, on
//! the first page, and at most [`LIMIT`] of them. So a locked client's name
//! takes a search to find; it is never on the empty landing list.

use policy::Condition;

/// At most this many restricted entries under a list.
pub const LIMIT: usize = 25;

/// The fewest characters typed before restricted entries are offered.
pub const MIN_TYPED: usize = 2;

/// Are restricted entries offered for this search?
pub fn offered(text: &str, first_page: bool, overridable: &Condition) -> bool {
    *overridable != Condition::Never && first_page && text.trim().chars().count() >= MIN_TYPED
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_typed_search_of_two_characters_on_the_first_page_offers_them() {
        let could = Condition::Always;
        assert!(!offered("", true, &could), "never on the landing list");
        assert!(!offered(" a ", true, &could), "one character is not enough");
        assert!(offered("ā b", true, &could));
        assert!(offered("an", true, &could));
        assert!(!offered("an", false, &could), "only on the first page");
        assert!(!offered("an", true, &Condition::Never), "nothing to override");
    }
}
