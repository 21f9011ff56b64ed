//! What `seed-scale` writes, drawn from the seed without touching the
//! database: the same options and seed give the same plan.

use std::collections::{BTreeSet, HashSet};

use policy::{PersonnelStatus, RuleEffect};
use rand::rngs::StdRng;
use rand::seq::IndexedRandom;
use rand::{Rng, SeedableRng};

use super::ScaleOptions;

/// The roles of the synthetic personnel, by person number modulo 10.
pub const ROLES: [&str; 10] = [
    "Administrator",
    "Case manager",
    "Case manager",
    "Case manager",
    "Case manager",
    "Case manager",
    "Intake",
    "Intake",
    "Read-only",
    "Read-only",
];

const FIRST_NAMES: &[&str] = &[
    "Aroha", "Liam", "Maya", "Noah", "Sofia", "Tane", "Ava", "Leo", "Mia", "Eli", "Zoe", "Kai", "Isla",
    "Finn", "Ruby", "Hemi", "Grace", "Luca", "Ella", "Nikau", "Amara", "Jack", "Priya", "Omar", "Hana",
    "Theo", "Lena", "Ari", "Nia", "Sam",
];

const LAST_NAMES: &[&str] = &[
    "Ngata", "Chen", "Brown", "Garcia", "Smith", "Patel", "Walker", "Nguyen", "Wilson", "Taylor", "Kumar",
    "Martin", "Lee", "Thompson", "White", "Harris", "Clark", "Lewis", "Young", "King", "Wright", "Scott",
    "Green", "Baker", "Adams", "Nelson", "Hill", "Campbell", "Mitchell", "Roberts", "Carter", "Phillips",
    "Evans", "Turner", "Torres", "Parker", "Collins", "Edwards", "Stewart", "Morris", "Murphy", "Cook",
    "Rogers", "Morgan", "Peterson", "Cooper", "Reed", "Bailey", "Bell", "Gomez",
];

/// Which of the two organizations a person or client belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Organization {
    /// "Northside Family Services": nine in ten of everyone.
    Main,
    /// "Southside Clinic".
    Second,
}

impl Organization {
    fn of(n: u32) -> Organization {
        if n % 10 == 9 {
            Organization::Second
        } else {
            Organization::Main
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Person {
    pub id: u32,
    pub organization: Organization,
    /// An index into [`ROLES`].
    pub role: usize,
    pub status: PersonnelStatus,
    pub site_administrator: bool,
    pub case_manager: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Client {
    pub id: u32,
    pub organization: Organization,
    pub first_name: &'static str,
    pub last_name: &'static str,
    pub date_of_birth: String,
    pub responsible: Option<u32>,
    pub created_by: u32,
    pub locked: bool,
}

/// An access rule on a client, naming one person or one team.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rule {
    pub client: u32,
    pub team: Option<u32>,
    pub personnel: Option<u32>,
    pub effect: RuleEffect,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    pub people: Vec<Person>,
    /// Team numbers, 1 to `teams`; every team is the main organization's.
    pub teams: Vec<u32>,
    /// (team, person).
    pub memberships: Vec<(u32, u32)>,
    pub clients: Vec<Client>,
    /// (client, person): one to three for each locked client.
    pub allowed: Vec<(u32, u32)>,
    pub rules: Vec<Rule>,
}

impl Plan {
    pub fn draw(options: ScaleOptions) -> Plan {
        let personnel = options.personnel.max(1);
        let teams = options.teams.max(1);
        let mut rng = StdRng::seed_from_u64(options.seed);
        let people: Vec<Person> = (1..=personnel).map(person).collect();
        let memberships = memberships(&mut rng, &people, teams);
        let case_managers: Vec<u32> = people.iter().filter(|p| p.case_manager).map(|p| p.id).collect();
        let clients: Vec<Client> = (1..=options.clients)
            .map(|id| client(&mut rng, id, &case_managers, personnel, options.locked_percent))
            .collect();
        let allowed = allowed_personnel(&mut rng, &clients, personnel);
        let rules = rules(&mut rng, options, teams, personnel);
        Plan {
            people,
            teams: (1..=teams).collect(),
            memberships,
            clients,
            allowed,
            rules,
        }
    }
}

/// Person 1 is the site administrator; 2% are Inactive and 1% Pending.
fn person(n: u32) -> Person {
    let role = (n % 10) as usize;
    Person {
        id: n,
        organization: Organization::of(n),
        role,
        status: match n % 100 {
            50 | 51 if n > 1 => PersonnelStatus::Inactive,
            52 if n > 1 => PersonnelStatus::Pending,
            _ => PersonnelStatus::Active,
        },
        site_administrator: n == 1,
        case_manager: ROLES[role] == "Case manager",
    }
}

/// `count` different numbers from `1..=most`, in order.
fn distinct(rng: &mut StdRng, count: u32, most: u32) -> BTreeSet<u32> {
    let mut chosen = BTreeSet::new();
    while chosen.len() < count as usize {
        chosen.insert(rng.random_range(1..=most));
    }
    chosen
}

/// Each person but the site administrator in one to five teams.
fn memberships(rng: &mut StdRng, people: &[Person], teams: u32) -> Vec<(u32, u32)> {
    let mut memberships = Vec::new();
    for person in &people[1..] {
        let count = rng.random_range(1..=5u32.min(teams));
        memberships.extend(distinct(rng, count, teams).into_iter().map(|t| (t, person.id)));
    }
    memberships
}

fn client(rng: &mut StdRng, id: u32, case_managers: &[u32], personnel: u32, locked_percent: u32) -> Client {
    let first_name = FIRST_NAMES.choose(rng).copied().unwrap_or("Sam");
    let last_name = LAST_NAMES.choose(rng).copied().unwrap_or("Lee");
    let date_of_birth = format!(
        "{}-{:02}-{:02}",
        rng.random_range(1940..=2024),
        rng.random_range(1..=12),
        rng.random_range(1..=28)
    );
    let responsible = (!case_managers.is_empty() && rng.random_bool(0.8))
        .then(|| case_managers[rng.random_range(0..case_managers.len())]);
    let locked = rng.random_range(0..100) < locked_percent;
    Client {
        id,
        organization: Organization::of(id),
        first_name,
        last_name,
        date_of_birth,
        responsible,
        created_by: rng.random_range(1..=personnel),
        locked,
    }
}

/// A locked client always has one to three allowed personnel.
fn allowed_personnel(rng: &mut StdRng, clients: &[Client], personnel: u32) -> Vec<(u32, u32)> {
    let mut allowed = Vec::new();
    for client in clients.iter().filter(|c| c.locked) {
        let count = rng.random_range(1..=3u32.min(personnel));
        allowed.extend(
            distinct(rng, count, personnel)
                .into_iter()
                .map(|p| (client.id, p)),
        );
    }
    allowed
}

/// Access rules on random clients: one per subject and record, 60% about a
/// team, 70% grants.
fn rules(rng: &mut StdRng, options: ScaleOptions, teams: u32, personnel: u32) -> Vec<Rule> {
    let wanted = if options.clients == 0 {
        0
    } else {
        options.rules as usize
    };
    let mut seen = HashSet::new();
    let mut rules = Vec::new();
    let mut attempts = 0usize;
    while rules.len() < wanted && attempts < wanted * 4 {
        attempts += 1;
        let client = rng.random_range(1..=options.clients);
        let team = rng.random_bool(0.6);
        let who = if team {
            rng.random_range(1..=teams)
        } else {
            rng.random_range(1..=personnel)
        };
        if seen.insert((client, team, who)) {
            let effect = if rng.random_bool(0.7) {
                RuleEffect::Grant
            } else {
                RuleEffect::Deny
            };
            rules.push(Rule {
                client,
                team: team.then_some(who),
                personnel: (!team).then_some(who),
                effect,
            });
        }
    }
    rules
}

#[cfg(test)]
mod tests {
    use super::*;

    fn small() -> ScaleOptions {
        ScaleOptions {
            clients: 2_000,
            personnel: 200,
            teams: 20,
            rules: 500,
            locked_percent: 5,
            seed: 7,
        }
    }

    #[test]
    fn the_same_seed_draws_the_same_plan() {
        assert_eq!(Plan::draw(small()), Plan::draw(small()));
        assert_ne!(
            Plan::draw(small()),
            Plan::draw(ScaleOptions { seed: 8, ..small() })
        );
    }

    #[test]
    fn every_locked_client_has_allowed_personnel_and_rules_are_unique() {
        let plan = Plan::draw(small());
        for client in plan.clients.iter().filter(|c| c.locked) {
            assert!(
                plan.allowed.iter().any(|(c, _)| *c == client.id),
                "client {}",
                client.id
            );
        }
        let mut subjects = HashSet::new();
        for rule in &plan.rules {
            assert!(rule.team.is_some() != rule.personnel.is_some());
            assert!(subjects.insert((rule.client, rule.team, rule.personnel)));
        }
        assert_eq!(plan.rules.len(), 500);
        assert!(plan.people[0].site_administrator);
        assert!(
            !plan.memberships.iter().any(|(_, p)| *p == 1),
            "the site administrator is in no team"
        );
    }
}
