//! Counted nouns as staff read them: "1 member", "2 members", "1 person",
//! "3 people". Every count shown next to a noun goes through [`Noun`].

/// A noun in the singular and the plural.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Noun {
    pub one: &'static str,
    pub many: &'static str,
}

impl Noun {
    pub const fn new(one: &'static str, many: &'static str) -> Noun {
        Noun { one, many }
    }

    /// The form that goes with `n`.
    pub const fn of(self, n: u64) -> &'static str {
        if n == 1 { self.one } else { self.many }
    }

    /// "`n` `noun`", such as "1 member" or "12 members".
    pub fn count(self, n: u64) -> String {
        format!("{n} {}", self.of(n))
    }
}

pub const CLIENTS: Noun = Noun::new("client", "clients");
pub const SESSIONS: Noun = Noun::new("session", "sessions");
pub const OVERRIDES: Noun = Noun::new("override", "overrides");
pub const MEMBERS: Noun = Noun::new("member", "members");
pub const PEOPLE: Noun = Noun::new("person", "people");
pub const ACCESS_RULES: Noun = Noun::new("access rule", "access rules");
pub const MINUTES: Noun = Noun::new("minute", "minutes");
pub const HOURS: Noun = Noun::new("hour", "hours");

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_takes_the_singular_and_every_other_count_the_plural() {
        assert_eq!(MEMBERS.count(1), "1 member");
        assert_eq!(MEMBERS.count(0), "0 members");
        assert_eq!(PEOPLE.count(1), "1 person");
        assert_eq!(PEOPLE.count(3), "3 people");
        assert_eq!(ACCESS_RULES.count(2), "2 access rules");
    }
}
