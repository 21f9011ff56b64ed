//! What an administrator fills in to add or edit a person, and the checks
//! that give a message at each field.

use policy::{Code, OrganizationId, PersonnelStatus, RoleId, TeamId};
use serde::{Deserialize, Serialize};

use crate::error::FieldError;
use crate::password_rules::{PasswordOwner, check_password};
use policy::PersonnelId;

/// "Support-issue capability" (seed 004).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum SupportIssues {
    #[default]
    Unable,
    Internal,
    Vendor,
}

impl SupportIssues {
    pub const ALL: [SupportIssues; 3] = [
        SupportIssues::Unable,
        SupportIssues::Internal,
        SupportIssues::Vendor,
    ];

    pub const fn label(self) -> &'static str {
        match self {
            SupportIssues::Unable => "Unable to submit",
            SupportIssues::Internal => "Submit internally",
            SupportIssues::Vendor => "Submit to the vendor",
        }
    }
}

impl Code for SupportIssues {
    const VALUES: &'static [SupportIssues] = &SupportIssues::ALL;

    /// The stable name stored in the database.
    fn code(self) -> &'static str {
        match self {
            SupportIssues::Unable => "unable",
            SupportIssues::Internal => "internal",
            SupportIssues::Vendor => "vendor",
        }
    }
}

/// A person's account details, as the "Add personnel" and "Edit account"
/// forms hold them. No password and no security answer: those never travel
/// back to the browser.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonnelForm {
    pub name: String,
    /// The login; unique regardless of case.
    pub email: String,
    pub job_title: String,
    pub phone: String,
    pub address: String,
    pub organization: OrganizationId,
    pub default_location: String,
    pub supervisor: Option<PersonnelId>,
    pub case_manager: bool,
    pub role: RoleId,
    pub teams: Vec<TeamId>,
    pub status: PersonnelStatus,
    pub site_administrator: bool,
    pub support_issues: SupportIssues,
}

impl PersonnelForm {
    /// An Active account with only the required details filled in.
    pub fn new(organization: OrganizationId, role: RoleId, name: &str, email: &str) -> PersonnelForm {
        PersonnelForm {
            name: name.into(),
            email: email.into(),
            job_title: String::new(),
            phone: String::new(),
            address: String::new(),
            organization,
            default_location: String::new(),
            supervisor: None,
            case_manager: false,
            role,
            teams: Vec::new(),
            status: PersonnelStatus::Active,
            site_administrator: false,
            support_issues: SupportIssues::Unable,
        }
    }

    /// Messages for the fields that can be checked without the database.
    pub fn problems(&self) -> Vec<FieldError> {
        let mut problems = Vec::new();
        if self.name.trim().is_empty() {
            problems.push(FieldError::new("name", "Enter the person's name."));
        } else if self.name.trim().chars().count() > 200 {
            problems.push(FieldError::new("name", "Use at most 200 characters."));
        }
        let email = self.email.trim();
        let well_formed = email
            .split_once('@')
            .is_some_and(|(local, domain)| !local.is_empty() && domain.contains('.') && !email.contains(' '));
        if !well_formed {
            problems.push(FieldError::new(
                "email",
                "Enter an e-mail address, such as name@agency.org.",
            ));
        }
        for (field, value) in [
            ("job_title", &self.job_title),
            ("phone", &self.phone),
            ("address", &self.address),
            ("default_location", &self.default_location),
        ] {
            if value.chars().count() > 500 {
                problems.push(FieldError::new(field, "Use at most 500 characters."));
            }
        }
        problems
    }
}

/// "Add personnel" and "Quick add": the details, a temporary password typed
/// twice, and "Require password change at next login" (ticked by default).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewAccount {
    pub details: PersonnelForm,
    pub password: String,
    pub confirm_password: String,
    pub require_password_change: bool,
}

impl NewAccount {
    /// The details' problems and the password's, for an account in the
    /// organization called `organization`.
    pub fn problems(&self, organization: &str) -> Vec<FieldError> {
        let mut problems = self.details.problems();
        let owner = PasswordOwner {
            name: &self.details.name,
            email: self.details.email.trim(),
            organization,
        };
        problems.extend(password_problems(&self.password, &self.confirm_password, owner));
        problems
    }
}

/// An administrator's password reset: a temporary password typed twice. The
/// account must change it at its next sign-in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PasswordReset {
    pub password: String,
    pub confirm_password: String,
}

/// The password rules, then "typed twice the same", as field messages.
pub fn password_problems(password: &str, confirm: &str, owner: PasswordOwner<'_>) -> Vec<FieldError> {
    let mut problems = Vec::new();
    if let Err(problem) = check_password(password, owner) {
        problems.push(FieldError::new("password", problem.to_string()));
    }
    if confirm != password {
        problems.push(FieldError::new(
            "confirm_password",
            "The two passwords are not the same.",
        ));
    }
    problems
}
