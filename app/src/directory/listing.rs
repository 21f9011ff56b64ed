//! What the directory shows: search results, one person's record, and the
//! choices the forms offer.

use policy::{OrganizationId, PersonnelId, PersonnelStatus, RoleId, TeamId};
use serde::{Deserialize, Serialize};

use crate::directory::PersonnelForm;

/// One line of the personnel list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonnelSummary {
    pub id: PersonnelId,
    pub name: String,
    pub email: String,
    pub job_title: String,
    pub role_name: String,
    pub organization_name: String,
    pub status: PersonnelStatus,
    pub site_administrator: bool,
}

/// One person, for the "Edit account" page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonnelRecord {
    pub id: PersonnelId,
    pub details: PersonnelForm,
    pub must_change_password: bool,
    pub has_security_question: bool,
    /// Minutes left of a pause of sign-in after failures from many
    /// addresses (spec, "Sign-in and recovery"), if one is running; an administrator can lift it.
    pub sign_in_paused_minutes: Option<i64>,
}

/// Something with an id and a name, for a picker.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Named<Id> {
    pub id: Id,
    pub name: String,
}

/// The choices the personnel forms offer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DirectoryOptions {
    pub organizations: Vec<Named<OrganizationId>>,
    pub roles: Vec<Named<RoleId>>,
    pub teams: Vec<Named<TeamId>>,
    /// Active personnel, who can be someone's supervisor.
    pub supervisors: Vec<Named<PersonnelId>>,
    /// Whether the person asking may tick "site administrator".
    pub may_set_site_administrator: bool,
}
