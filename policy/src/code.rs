//! Stable codes: the short, fixed text that each value of a closed set
//! (a permission, a personnel status, a rule's effect, a record's kind, the
//! client visibility setting) is stored as in the database and sent as in a
//! form. One trait, so every such set reads and writes its codes the same
//! way; the data layer's strict reader (`app::stored_code`) builds on it.

/// A value of a closed set with a stable code for each value.
pub trait Code: Sized + Copy + PartialEq + 'static {
    /// Every value, in the order staff see them.
    const VALUES: &'static [Self];

    /// The code this value is stored and sent as.
    fn code(self) -> &'static str;

    /// The value whose code is exactly `code`, if any: never a guess.
    fn from_code(code: &str) -> Option<Self> {
        Self::VALUES.iter().copied().find(|value| value.code() == code)
    }
}
