//! Small builders for the rulebook's tests: a caseworker, a client, a
//! session record, rules by name or by team.
#![allow(dead_code)]

use policy::*;

pub const NOW: Timestamp = Timestamp(1_800_000_000);
pub const HOME: OrganizationId = OrganizationId(1);
pub const ELSEWHERE: OrganizationId = OrganizationId(2);
pub const ME: PersonnelId = PersonnelId(10);
pub const COLLEAGUE: PersonnelId = PersonnelId(11);
pub const OTHER: PersonnelId = PersonnelId(12);
pub const INTAKE_TEAM: TeamId = TeamId(100);
pub const NIGHT_TEAM: TeamId = TeamId(101);

/// An Active caseworker of HOME whose role holds every permission except
/// "override access", in no team.
pub fn caseworker() -> Subject {
    let mut permissions = PermissionSet::all();
    permissions.remove(Permission::OverrideAccess);
    Subject {
        id: ME,
        organization: HOME,
        status: PersonnelStatus::Active,
        site_administrator: false,
        permissions,
        teams: vec![],
        must_change_password: false,
    }
}

pub fn with(mut subject: Subject, permission: Permission) -> Subject {
    subject.permissions.insert(permission);
    subject
}

pub fn without(mut subject: Subject, permission: Permission) -> Subject {
    subject.permissions.remove(permission);
    subject
}

pub fn in_teams(mut subject: Subject, teams: &[TeamId]) -> Subject {
    subject.teams = teams.to_vec();
    subject.teams.sort();
    subject
}

pub fn site_administrator() -> Subject {
    Subject {
        site_administrator: true,
        permissions: PermissionSet::empty(),
        ..caseworker()
    }
}

pub fn client() -> Protection {
    Protection::new(RecordKind::Client, HOME)
}

pub fn session_record() -> Protection {
    Protection::new(RecordKind::SessionRecord, HOME)
}

pub fn locked_with(mut record: Protection, allowed: &[PersonnelId]) -> Protection {
    record.locked = true;
    record.allowed_personnel = allowed.to_vec();
    record
}

pub fn with_rule(mut record: Protection, rule: AccessRule) -> Protection {
    record.rules.push(rule);
    record
}

pub fn with_default(mut record: Protection, rule: AccessRule) -> Protection {
    record.organization_default_rules.push(rule);
    record
}

pub fn with_override(mut record: Protection, personnel: PersonnelId, expires_at: Timestamp) -> Protection {
    record.overrides.push(Override {
        personnel,
        granted_at: expires_at.plus_seconds(-OVERRIDE_SECONDS),
        expires_at,
    });
    record
}

pub fn grant_me() -> AccessRule {
    AccessRule::grant(RuleSubject::Personnel(ME))
}

pub fn deny_me() -> AccessRule {
    AccessRule::deny(RuleSubject::Personnel(ME))
}

pub fn grant_team(team: TeamId) -> AccessRule {
    AccessRule::grant(RuleSubject::Team(team))
}

pub fn deny_team(team: TeamId) -> AccessRule {
    AccessRule::deny(RuleSubject::Team(team))
}

pub fn all_users() -> SiteSettings {
    SiteSettings::default()
}

pub fn responsible_user() -> SiteSettings {
    SiteSettings {
        client_visibility: ClientVisibility::ResponsibleUser,
        ..SiteSettings::default()
    }
}

pub fn view(subject: &Subject, record: &Protection) -> Decision {
    decide(subject, RecordAction::View, record, &all_users(), NOW)
}

pub fn edit(subject: &Subject, record: &Protection) -> Decision {
    decide(subject, RecordAction::Edit, record, &all_users(), NOW)
}

/// The view decision's reason, after checking that the list filters agree
/// with it, so that every table test also tests the filters.
pub fn view_reason(subject: &Subject, record: &Protection, settings: &SiteSettings) -> Reason {
    policy::invariants::filters_agree(subject, record, settings, NOW).unwrap();
    decide(subject, RecordAction::View, record, settings, NOW).reason
}
