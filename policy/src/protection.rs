//! Changing a record's protection (spec, "Changing a record's protection"):
//! locks, allowed personnel, access rules, responsible personnel and
//! break-glass overrides. Each refusal says why.

use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::{
    AccessRule, AccountRefusal, ClientVisibility, Permission, PersonnelId, PersonnelStatus, Protection,
    Reason, RecordAction, RecordKind, RuleEffect, RuleSubject, SiteSettings, Subject, Timestamp, decide,
    may_use_app,
};

/// The shortest override reason accepted, counted in characters after
/// trimming surrounding spaces.
pub const OVERRIDE_REASON_MIN_CHARS: usize = 10;

/// A person named by a change (added to the allowed personnel, named by a
/// rule, made responsible), as much as the rulebook needs to know.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Candidate {
    pub id: PersonnelId,
    pub status: PersonnelStatus,
}

/// One row of the protection table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProtectionChange<'a> {
    /// Lock a client. The user must have confirmed.
    Lock {
        confirmed: bool,
    },
    /// Unlock a client. The user must have confirmed.
    Unlock {
        confirmed: bool,
    },
    AddAllowedPersonnel {
        person: Candidate,
    },
    RemoveAllowedPersonnel {
        person: PersonnelId,
    },
    /// `subject_status` is the status of the person the rule names (a rule
    /// naming a person without it is refused), `None` for a team.
    AddRule {
        rule: AccessRule,
        subject_status: Option<PersonnelStatus>,
    },
    ChangeRuleEffect {
        subject: RuleSubject,
        effect: RuleEffect,
    },
    RemoveRule {
        subject: RuleSubject,
    },
    /// Make `person` the responsible personnel, or clear it with `None`.
    ChangeResponsible {
        person: Option<Candidate>,
    },
    /// Break-glass override with the reason typed by the user.
    Override {
        reason: &'a str,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Error)]
pub enum ProtectionRefusal {
    #[error(transparent)]
    Account(#[from] AccountRefusal),
    #[error("Your role does not include “{}”.", .0.label())]
    MissingPermission(Permission),
    #[error("You may not open this record. {0}")]
    CannotView(Reason),
    #[error("You may not edit this record. {0}")]
    CannotEdit(Reason),
    /// Break-glass access is for reading and updating the record, not for
    /// changing who may open it: otherwise fifteen minutes could become
    /// access for good.
    #[error("An override lets you work on this record, not change who may open it.")]
    UnderOverride,
    #[error("Only client profiles can be locked or have allowed personnel or responsible personnel.")]
    NotAClient,
    #[error("Please confirm first.")]
    NotConfirmed,
    #[error(
        "For a client profile to be locked at least one personnel must be listed in the allowed section."
    )]
    NoAllowedPersonnel,
    #[error("This client is already locked.")]
    AlreadyLocked,
    #[error("This client is not locked.")]
    NotLocked,
    #[error("Only Active personnel can be chosen.")]
    PersonnelNotActive,
    #[error("This person is already on the allowed personnel.")]
    AlreadyAllowed,
    #[error("This person is not on the allowed personnel.")]
    NotAllowedPersonnel,
    #[error(
        "This is the last allowed person of a locked client. Add another person or unlock the client first."
    )]
    LastAllowedPersonnel,
    #[error("There is already a rule for this team or person here. Change its effect instead.")]
    RuleExists,
    #[error("There is no rule for this team or person here.")]
    NoSuchRule,
    #[error("That rule already has this effect.")]
    RuleUnchanged,
    #[error(
        "While clients are visible to their responsible user only, only a site administrator can change the responsible personnel."
    )]
    ResponsibleNeedsSiteAdministrator,
    #[error("You have been denied access to this record by name, so you cannot override access.")]
    DeniedByName,
    #[error("You can already open this record; no override is needed.")]
    AlreadyVisible,
    #[error("This restriction cannot be overridden. {0}")]
    NotOverridable(Reason),
    #[error("Give a reason of at least {} characters.", OVERRIDE_REASON_MIN_CHARS)]
    ReasonTooShort,
}

fn require(subject: &Subject, permission: Permission) -> Result<(), ProtectionRefusal> {
    if subject.holds(permission) {
        Ok(())
    } else {
        Err(ProtectionRefusal::MissingPermission(permission))
    }
}

fn require_client(record: &Protection) -> Result<(), ProtectionRefusal> {
    match record.kind {
        RecordKind::Client => Ok(()),
        RecordKind::SessionRecord => Err(ProtectionRefusal::NotAClient),
    }
}

fn require_active(status: PersonnelStatus) -> Result<(), ProtectionRefusal> {
    match status {
        PersonnelStatus::Active => Ok(()),
        _ => Err(ProtectionRefusal::PersonnelNotActive),
    }
}

fn require_confirmed(confirmed: bool) -> Result<(), ProtectionRefusal> {
    if confirmed {
        Ok(())
    } else {
        Err(ProtectionRefusal::NotConfirmed)
    }
}

/// Checks a new rule against the rules already there: the same place holds
/// at most one rule per subject, and a rule names only Active personnel.
/// Used for a record's rules and for an organization's default rules.
pub fn check_new_rule(
    existing: &[AccessRule],
    rule: AccessRule,
    subject_status: Option<PersonnelStatus>,
) -> Result<(), ProtectionRefusal> {
    if let RuleSubject::Personnel(_) = rule.subject {
        // A rule naming a person whose status is unknown is refused too.
        require_active(subject_status.unwrap_or(PersonnelStatus::Inactive))?;
    }
    if existing.iter().any(|r| r.subject == rule.subject) {
        return Err(ProtectionRefusal::RuleExists);
    }
    Ok(())
}

/// Checks a change of effect to an existing rule.
pub fn check_rule_effect_change(
    existing: &[AccessRule],
    subject: RuleSubject,
    effect: RuleEffect,
) -> Result<(), ProtectionRefusal> {
    match existing.iter().find(|r| r.subject == subject) {
        None => Err(ProtectionRefusal::NoSuchRule),
        Some(rule) if rule.effect == effect => Err(ProtectionRefusal::RuleUnchanged),
        Some(_) => Ok(()),
    }
}

/// The controls on a record's page that change its protection. Each row of
/// the protection table has two halves: what it *needs* (a permission, and
/// being able to view or edit the record), which decides whether the control
/// is shown at all, and when it is *refused* (an empty allowed list, a short
/// reason...), which only the change itself can say.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ProtectionControl {
    /// The lock icon: lock and unlock.
    Lock,
    /// "Add Personnel" and "Remove" on the allowed personnel.
    AllowedPersonnel,
    /// "Edit access": add, change and remove access rules.
    AccessRules,
    /// Changing the responsible personnel.
    Responsible,
    /// "Override access".
    Override,
}

impl ProtectionChange<'_> {
    /// The control this change is made with.
    pub const fn control(&self) -> ProtectionControl {
        match self {
            ProtectionChange::Lock { .. } | ProtectionChange::Unlock { .. } => ProtectionControl::Lock,
            ProtectionChange::AddAllowedPersonnel { .. }
            | ProtectionChange::RemoveAllowedPersonnel { .. } => ProtectionControl::AllowedPersonnel,
            ProtectionChange::AddRule { .. }
            | ProtectionChange::ChangeRuleEffect { .. }
            | ProtectionChange::RemoveRule { .. } => ProtectionControl::AccessRules,
            ProtectionChange::ChangeResponsible { .. } => ProtectionControl::Responsible,
            ProtectionChange::Override { .. } => ProtectionControl::Override,
        }
    }
}

/// The part of a control's "needs" that is about the person alone: an
/// account that may use the application, and the control's permission.
/// Asked before anything about a record is read; [`may_use_control`] asks
/// the whole. The responsible personnel's needs depend on the site settings
/// and the record, so nothing is refused here for it.
pub fn may_hold_control(subject: &Subject, control: ProtectionControl) -> Result<(), ProtectionRefusal> {
    may_use_app(subject)?;
    match control {
        ProtectionControl::Lock => require(subject, Permission::LockClients),
        ProtectionControl::AllowedPersonnel => require(subject, Permission::ManageAllowedPersonnel),
        ProtectionControl::AccessRules => require(subject, Permission::EditAccessRules),
        ProtectionControl::Override => require(subject, Permission::OverrideAccess),
        ProtectionControl::Responsible => Ok(()),
    }
}

/// May `subject` use this control on the record at `now`: the "needs" half
/// of its row in the protection table. A page shows the control only when
/// this allows it; [`may_change_protection`] checks it again, then the
/// "refused when" half.
pub fn may_use_control(
    subject: &Subject,
    record: &Protection,
    settings: &SiteSettings,
    now: Timestamp,
    control: ProtectionControl,
) -> Result<(), ProtectionRefusal> {
    may_use_app(subject)?;
    let may = |action| {
        let decision = decide(subject, action, record, settings, now);
        match (decision.is_allowed(), action) {
            (true, _) if matches!(decision.reason, Reason::Override { .. }) => {
                Err(ProtectionRefusal::UnderOverride)
            }
            (true, _) => Ok(()),
            (false, RecordAction::View) => Err(ProtectionRefusal::CannotView(decision.reason)),
            (false, RecordAction::Edit) => Err(ProtectionRefusal::CannotEdit(decision.reason)),
        }
    };
    match control {
        ProtectionControl::Lock => {
            require_client(record)?;
            require(subject, Permission::LockClients)?;
            may(RecordAction::View)
        }
        ProtectionControl::AllowedPersonnel => {
            require_client(record)?;
            require(subject, Permission::ManageAllowedPersonnel)?;
            may(RecordAction::View)
        }
        ProtectionControl::AccessRules => {
            require(subject, Permission::EditAccessRules)?;
            may(RecordAction::View)
        }
        ProtectionControl::Responsible => {
            require_client(record)?;
            match settings.client_visibility {
                ClientVisibility::ResponsibleUser if !subject.site_administrator => {
                    Err(ProtectionRefusal::ResponsibleNeedsSiteAdministrator)
                }
                ClientVisibility::ResponsibleUser => Ok(()),
                ClientVisibility::AllUsers => {
                    require(subject, Permission::EditClients)?;
                    may(RecordAction::Edit)
                }
            }
        }
        ProtectionControl::Override => {
            require(subject, Permission::OverrideAccess)?;
            let decision = decide(subject, RecordAction::View, record, settings, now);
            match decision.reason {
                _ if decision.is_allowed() => Err(ProtectionRefusal::AlreadyVisible),
                Reason::DeniedByName { .. } => Err(ProtectionRefusal::DeniedByName),
                other if !decision.can_override => Err(ProtectionRefusal::NotOverridable(other)),
                _ => Ok(()),
            }
        }
    }
}

/// May `subject` make this change to the record's protection at `now`?
/// First what the change's control needs ([`may_use_control`]), then the
/// state of the record and the change itself.
pub fn may_change_protection(
    subject: &Subject,
    record: &Protection,
    settings: &SiteSettings,
    now: Timestamp,
    change: ProtectionChange<'_>,
) -> Result<(), ProtectionRefusal> {
    may_use_control(subject, record, settings, now, change.control())?;
    match change {
        ProtectionChange::Lock { confirmed } => {
            if record.locked {
                return Err(ProtectionRefusal::AlreadyLocked);
            }
            if record.allowed_personnel.is_empty() {
                return Err(ProtectionRefusal::NoAllowedPersonnel);
            }
            require_confirmed(confirmed)
        }
        ProtectionChange::Unlock { confirmed } => {
            if !record.locked {
                return Err(ProtectionRefusal::NotLocked);
            }
            require_confirmed(confirmed)
        }
        ProtectionChange::AddAllowedPersonnel { person } => {
            require_active(person.status)?;
            if record.is_allowed_personnel(person.id) {
                return Err(ProtectionRefusal::AlreadyAllowed);
            }
            Ok(())
        }
        ProtectionChange::RemoveAllowedPersonnel { person } => {
            if !record.is_allowed_personnel(person) {
                return Err(ProtectionRefusal::NotAllowedPersonnel);
            }
            if record.locked && record.allowed_personnel.iter().all(|p| *p == person) {
                return Err(ProtectionRefusal::LastAllowedPersonnel);
            }
            Ok(())
        }
        ProtectionChange::AddRule { rule, subject_status } => {
            check_new_rule(&record.rules, rule, subject_status)
        }
        ProtectionChange::ChangeRuleEffect {
            subject: rule_subject,
            effect,
        } => check_rule_effect_change(&record.rules, rule_subject, effect),
        ProtectionChange::RemoveRule {
            subject: rule_subject,
        } => record
            .rule_for(rule_subject)
            .map(|_| ())
            .ok_or(ProtectionRefusal::NoSuchRule),
        ProtectionChange::ChangeResponsible { person } => match person {
            Some(person) => require_active(person.status),
            None => Ok(()),
        },
        ProtectionChange::Override { reason } => {
            if reason.trim().chars().count() < OVERRIDE_REASON_MIN_CHARS {
                return Err(ProtectionRefusal::ReasonTooShort);
            }
            Ok(())
        }
    }
}
