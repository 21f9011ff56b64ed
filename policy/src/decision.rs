//! "May personnel P view or edit record R at time `now`?" (spec, the
//! thirteen-step table).
//!
//! The table is written once, as [`STEPS`]: an ordered list of guards. Each
//! guard has two readings that must agree: [`Guard::applies`] looks at one
//! record in memory, and [`Guard::condition`] says the same thing as a
//! [`Condition`] over any record, which is what the list filter (and from it
//! the SQL `WHERE` clause) is folded from. [`decide`] takes the first guard
//! that applies; [`crate::list_filter`] folds the same list.

use serde::{Deserialize, Serialize};

use crate::condition::{Condition, RuleMatch};
use crate::{
    ClientVisibility, Effect, Permission, PersonnelStatus, Protection, Reason, RecordAction, RecordKind,
    RuleEffect, RuleSource, RuleSubject, SiteSettings, Subject, TeamId, Timestamp,
};

/// The answer to "may P do this to R now?".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Decision {
    pub effect: Effect,
    /// Why; the step of the table is `reason.step()`.
    pub reason: Reason,
    /// P is denied, the denial is one that override access lifts, and P's
    /// role holds "override access". (Whether P may override also needs a
    /// reason; see [`crate::may_change_protection`].)
    pub can_override: bool,
}

impl Decision {
    pub const fn is_allowed(&self) -> bool {
        matches!(self.effect, Effect::Allow)
    }
}

/// Who is asking, to do what, to which kind of record, under which settings
/// and when: everything a guard needs besides the record itself.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Question<'a> {
    pub subject: &'a Subject,
    pub action: RecordAction,
    pub kind: RecordKind,
    pub settings: &'a SiteSettings,
    pub now: Timestamp,
}

/// One row (or part of a row) of the decision table. Step 6 has two parts
/// (on the allowed personnel, or not) and step 10 has three (steps 7, 8 and
/// 9 again, for the organization's default rules).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Guard {
    AccountNotActive,
    SiteAdministrator,
    MissingPermission,
    DeniedByName,
    Override,
    LockedAndAllowed,
    Locked,
    GrantedByName(RuleSource),
    DeniedToTeam(RuleSource),
    GrantedToTeam(RuleSource),
    AnotherOrganization,
    NotResponsible,
    Otherwise,
}

/// The decision table, top to bottom. The first guard that applies decides.
pub(crate) const STEPS: [Guard; 16] = [
    Guard::AccountNotActive,
    Guard::SiteAdministrator,
    Guard::MissingPermission,
    Guard::DeniedByName,
    Guard::Override,
    Guard::LockedAndAllowed,
    Guard::Locked,
    Guard::GrantedByName(RuleSource::Record),
    Guard::DeniedToTeam(RuleSource::Record),
    Guard::GrantedToTeam(RuleSource::Record),
    Guard::GrantedByName(RuleSource::OrganizationDefault),
    Guard::DeniedToTeam(RuleSource::OrganizationDefault),
    Guard::GrantedToTeam(RuleSource::OrganizationDefault),
    Guard::AnotherOrganization,
    Guard::NotResponsible,
    Guard::Otherwise,
];

/// The permissions an action on a kind of record needs, in the order they
/// are checked. Editing needs viewing too: nobody edits what they cannot see.
pub const fn required_permissions(kind: RecordKind, action: RecordAction) -> &'static [Permission] {
    match (kind, action) {
        (RecordKind::Client, RecordAction::View) => &[Permission::ViewClients],
        (RecordKind::Client, RecordAction::Edit) => &[Permission::ViewClients, Permission::EditClients],
        (RecordKind::SessionRecord, RecordAction::View) => &[Permission::ViewSessions],
        (RecordKind::SessionRecord, RecordAction::Edit) => {
            &[Permission::ViewSessions, Permission::EditSessions]
        }
    }
}

impl Question<'_> {
    fn missing_permission(&self) -> Option<Permission> {
        required_permissions(self.kind, self.action)
            .iter()
            .copied()
            .find(|p| !self.subject.permissions.contains(*p))
    }

    fn subject_rule(&self) -> RuleSubject {
        RuleSubject::Personnel(self.subject.id)
    }

    /// The first rule of `rules` with this effect naming one of P's teams.
    fn team_rule(&self, rules: &[crate::AccessRule], effect: RuleEffect) -> Option<TeamId> {
        rules.iter().find_map(|rule| match rule.subject {
            RuleSubject::Team(team) if rule.effect == effect && self.subject.is_in_team(team) => Some(team),
            _ => None,
        })
    }

    fn has_rule(&self, rules: &[crate::AccessRule], effect: RuleEffect) -> bool {
        let me = self.subject_rule();
        rules
            .iter()
            .any(|rule| rule.effect == effect && rule.subject == me)
    }
}

impl Guard {
    /// Does this guard apply to this record? If so, with which reason.
    pub(crate) fn applies(self, q: &Question<'_>, record: &Protection) -> Option<Reason> {
        let subject = q.subject;
        let client = q.kind == RecordKind::Client;
        match self {
            Guard::AccountNotActive => {
                (subject.status != PersonnelStatus::Active).then_some(Reason::AccountNotActive)
            }
            Guard::SiteAdministrator => subject.site_administrator.then_some(Reason::SiteAdministrator),
            Guard::MissingPermission => q.missing_permission().map(Reason::MissingPermission),
            Guard::DeniedByName => [RuleSource::Record, RuleSource::OrganizationDefault]
                .into_iter()
                .find(|source| q.has_rule(record.rules_from(*source), RuleEffect::Deny))
                .map(|source| Reason::DeniedByName { source }),
            Guard::Override => record
                .active_override(subject.id, q.now)
                .map(|o| Reason::Override { until: o.expires_at }),
            Guard::LockedAndAllowed => (client && record.locked && record.is_allowed_personnel(subject.id))
                .then_some(Reason::AllowedPersonnel),
            Guard::Locked => (client && record.locked).then_some(Reason::Locked),
            Guard::GrantedByName(source) => q
                .has_rule(record.rules_from(source), RuleEffect::Grant)
                .then_some(Reason::GrantedByName { source }),
            Guard::DeniedToTeam(source) => q
                .team_rule(record.rules_from(source), RuleEffect::Deny)
                .map(|team| Reason::DeniedToTeam { team, source }),
            Guard::GrantedToTeam(source) => q
                .team_rule(record.rules_from(source), RuleEffect::Grant)
                .map(|team| Reason::GrantedToTeam { team, source }),
            Guard::AnotherOrganization => {
                (record.organization != subject.organization).then_some(Reason::AnotherOrganization)
            }
            Guard::NotResponsible => (client
                && q.settings.client_visibility == ClientVisibility::ResponsibleUser
                && record.responsible != Some(subject.id))
            .then_some(Reason::NotResponsible),
            Guard::Otherwise => Some(Reason::VisibleToAllUsers),
        }
    }

    /// The same guard as a condition over any record of `q.kind`. Facts
    /// about the subject and the settings become `Always` or `Never`.
    pub(crate) fn condition(self, q: &Question<'_>) -> Condition {
        let subject = q.subject;
        let client = q.kind == RecordKind::Client;
        let me = subject.id;
        let teams = || -> Option<Vec<TeamId>> { (!subject.teams.is_empty()).then(|| subject.teams.clone()) };
        let rule = |source, effect, who| Condition::Rule { source, effect, who };
        match self {
            Guard::AccountNotActive => Condition::constant(subject.status != PersonnelStatus::Active),
            Guard::SiteAdministrator => Condition::constant(subject.site_administrator),
            Guard::MissingPermission => Condition::constant(q.missing_permission().is_some()),
            Guard::DeniedByName => Condition::any(vec![
                rule(RuleSource::Record, RuleEffect::Deny, RuleMatch::Personnel(me)),
                rule(
                    RuleSource::OrganizationDefault,
                    RuleEffect::Deny,
                    RuleMatch::Personnel(me),
                ),
            ]),
            Guard::Override => Condition::OverrideActive {
                personnel: me,
                at: q.now,
            },
            Guard::LockedAndAllowed if client => {
                Condition::all(vec![Condition::Locked, Condition::AllowedPersonnelIncludes(me)])
            }
            Guard::Locked if client => Condition::Locked,
            Guard::LockedAndAllowed | Guard::Locked => Condition::Never,
            Guard::GrantedByName(source) => rule(source, RuleEffect::Grant, RuleMatch::Personnel(me)),
            Guard::DeniedToTeam(source) => match teams() {
                Some(teams) => rule(source, RuleEffect::Deny, RuleMatch::AnyTeam(teams)),
                None => Condition::Never,
            },
            Guard::GrantedToTeam(source) => match teams() {
                Some(teams) => rule(source, RuleEffect::Grant, RuleMatch::AnyTeam(teams)),
                None => Condition::Never,
            },
            Guard::AnotherOrganization => !Condition::OrganizationIs(subject.organization),
            Guard::NotResponsible
                if client && q.settings.client_visibility == ClientVisibility::ResponsibleUser =>
            {
                !Condition::ResponsibleIs(me)
            }
            Guard::NotResponsible => Condition::Never,
            Guard::Otherwise => Condition::Always,
        }
    }

    /// The reason this guard gives, with placeholder detail: enough to know
    /// its effect and whether it can be overridden, which never depend on
    /// the detail.
    const fn shape(self) -> Reason {
        match self {
            Guard::AccountNotActive => Reason::AccountNotActive,
            Guard::SiteAdministrator => Reason::SiteAdministrator,
            Guard::MissingPermission => Reason::MissingPermission(Permission::ViewClients),
            Guard::DeniedByName => Reason::DeniedByName {
                source: RuleSource::Record,
            },
            Guard::Override => Reason::Override { until: Timestamp(0) },
            Guard::LockedAndAllowed => Reason::AllowedPersonnel,
            Guard::Locked => Reason::Locked,
            Guard::GrantedByName(source) => Reason::GrantedByName { source },
            Guard::DeniedToTeam(source) => Reason::DeniedToTeam {
                team: TeamId(0),
                source,
            },
            Guard::GrantedToTeam(source) => Reason::GrantedToTeam {
                team: TeamId(0),
                source,
            },
            Guard::AnotherOrganization => Reason::AnotherOrganization,
            Guard::NotResponsible => Reason::NotResponsible,
            Guard::Otherwise => Reason::VisibleToAllUsers,
        }
    }

    pub(crate) const fn effect(self) -> Effect {
        self.shape().effect()
    }

    /// Would P be able to override when this guard denies?
    pub(crate) fn overridable_for(self, subject: &Subject) -> bool {
        self.shape().is_overridable() && subject.permissions.contains(Permission::OverrideAccess)
    }
}

/// May `subject` do `action` to the record with this protection at `now`?
/// Follows the spec's thirteen steps in order and says which applied.
pub fn decide(
    subject: &Subject,
    action: RecordAction,
    record: &Protection,
    settings: &SiteSettings,
    now: Timestamp,
) -> Decision {
    let question = Question {
        subject,
        action,
        kind: record.kind,
        settings,
        now,
    };
    STEPS
        .iter()
        .find_map(|guard| {
            guard.applies(&question, record).map(|reason| Decision {
                effect: guard.effect(),
                reason,
                can_override: guard.effect() == Effect::Deny && guard.overridable_for(subject),
            })
        })
        .expect("the last step of the table always applies")
}
