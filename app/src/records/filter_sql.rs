//! The rulebook's list filter (`policy::Condition`) as one SQL `WHERE`
//! condition. Nothing here decides: it translates, term by term, what
//! `policy::list_filter` folded from the decision table, so that a search
//! returns exactly the records `policy::decide` allows, filtered in the
//! database. Every term is a strict boolean (never NULL), so `NOT` means
//! what the rulebook means: the subqueries select NOT NULL columns only.
//! Written for SQLite and PostgreSQL alike.
//!
//! Related rows are tested with uncorrelated `IN (SELECT ...)`, not with a
//! correlated `EXISTS`: the database runs each subquery once per search (the
//! person's few rules, allowed lists and overrides) and then probes the
//! result, instead of running it again for every client.

use policy::Code;
use policy::{Condition, RecordKind, RuleMatch, RuleSource};
use sqlx::QueryBuilder;

use crate::store::Db;

/// Where the records of one kind live, and the alias the query gives them.
#[derive(Debug, Clone, Copy)]
pub struct RecordTable {
    pub kind: RecordKind,
    /// The alias of the records' table in the query, such as `c`.
    pub alias: &'static str,
}

impl RecordTable {
    pub const CLIENTS: RecordTable = RecordTable {
        kind: RecordKind::Client,
        alias: "c",
    };

    pub const SESSION_RECORDS: RecordTable = RecordTable {
        kind: RecordKind::SessionRecord,
        alias: "s",
    };

    pub const fn of(kind: RecordKind) -> RecordTable {
        match kind {
            RecordKind::Client => RecordTable::CLIENTS,
            RecordKind::SessionRecord => RecordTable::SESSION_RECORDS,
        }
    }
}

/// Appends `condition` to `query` as a parenthesised SQL boolean, with its
/// values as bound parameters.
pub fn push_condition(query: &mut QueryBuilder<Db>, table: RecordTable, condition: &Condition) {
    let a = table.alias;
    match condition {
        Condition::Always => {
            query.push("(1 = 1)");
        }
        Condition::Never => {
            query.push("(1 = 0)");
        }
        Condition::Not(inner) => {
            query.push("(NOT ");
            push_condition(query, table, inner);
            query.push(")");
        }
        Condition::All(parts) | Condition::Any(parts) => {
            let joiner = if matches!(condition, Condition::All(_)) {
                " AND "
            } else {
                " OR "
            };
            query.push("(");
            for (i, part) in parts.iter().enumerate() {
                if i > 0 {
                    query.push(joiner);
                }
                push_condition(query, table, part);
            }
            query.push(")");
        }
        Condition::OrganizationIs(organization) => {
            query
                .push(format!("({a}.organization_id = "))
                .push_bind(organization.0)
                .push(")");
        }
        Condition::ResponsibleIs(personnel) => {
            query
                .push(format!(
                    "({a}.responsible_personnel_id IS NOT NULL AND {a}.responsible_personnel_id = "
                ))
                .push_bind(personnel.0)
                .push(")");
        }
        Condition::Locked => {
            query.push(format!("({a}.locked = TRUE)"));
        }
        Condition::AllowedPersonnelIncludes(personnel) => {
            query
                .push(format!(
                    "({a}.id IN (SELECT ap.client_id FROM client_allowed_personnel ap WHERE ap.personnel_id = "
                ))
                .push_bind(personnel.0)
                .push("))");
        }
        Condition::Rule { source, effect, who } => {
            match source {
                RuleSource::Record => query
                    .push(format!(
                        "({a}.id IN (SELECT r.record_id FROM access_rules r WHERE r.record_kind = "
                    ))
                    .push_bind(table.kind.code()),
                RuleSource::OrganizationDefault => query.push(format!(
                    "({a}.organization_id IN (SELECT r.organization_id FROM default_rules r WHERE 1 = 1"
                )),
            };
            query.push(" AND r.effect = ").push_bind(effect.code());
            match who {
                RuleMatch::Personnel(personnel) => {
                    query.push(" AND r.personnel_id = ").push_bind(personnel.0);
                }
                RuleMatch::AnyTeam(teams) => {
                    query.push(" AND r.team_id IN (");
                    let mut list = query.separated(", ");
                    for team in teams {
                        list.push_bind(team.0);
                    }
                    query.push(")");
                }
            }
            query.push("))");
        }
        Condition::OverrideActive { personnel, at } => {
            query
                .push(format!(
                    "({a}.id IN (SELECT o.record_id FROM overrides o WHERE o.record_kind = "
                ))
                .push_bind(table.kind.code())
                .push(" AND o.personnel_id = ")
                .push_bind(personnel.0)
                .push(" AND o.granted_at <= ")
                .push_bind(at.0)
                .push(" AND o.expires_at > ")
                .push_bind(at.0)
                .push("))");
        }
    }
}
