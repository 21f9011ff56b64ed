//! Client profiles (spec, "May personnel P view or edit record R"): what
//! the pages and server functions exchange.
//! Behind `ssr`: the search (run in the database with the rulebook's list
//! filter, `crate::records::filter_sql`), intake, the profile, and the
//! changes to its protection: the lock, the allowed personnel and the
//! responsible personnel.

#[cfg(feature = "ssr")]
pub mod changes;
#[cfg(feature = "ssr")]
pub mod choices;
#[cfg(feature = "ssr")]
pub mod form;
#[cfg(feature = "ssr")]
pub mod intake;
#[cfg(feature = "ssr")]
pub mod profile;
#[cfg(feature = "ssr")]
pub mod search;

use policy::{ClientId, PersonnelId, Timestamp};
use serde::{Deserialize, Serialize};

use crate::directory::Named;

/// One client the person may open.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClientSummary {
    pub id: ClientId,
    pub first_name: String,
    pub last_name: String,
    pub date_of_birth: Option<String>,
    pub identifier: String,
    /// Locked (seed 000): shown with a padlock in the list.
    pub locked: bool,
}

/// A client the person may not open but could with "override access": the
/// name and "Restricted", nothing else.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RestrictedClient {
    pub id: ClientId,
    pub name: String,
}

/// One page of a client search.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClientSearchPage {
    pub clients: Vec<ClientSummary>,
    /// How many clients the person may open match, over all pages (capped).
    pub count: crate::paging::Count,
    pub links: crate::paging::PageLinks,
    /// Only for people whose role holds "override access", with the first
    /// page; empty otherwise.
    pub restricted: Vec<RestrictedClient>,
}

/// The intake form, and the details on a client's profile. The date of
/// birth is `YYYY-MM-DD` (what a date input gives) or empty when unknown.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClientForm {
    pub first_name: String,
    pub last_name: String,
    pub date_of_birth: String,
    pub identifier: String,
}

/// Which of the profile's controls the person may use (the rulebook's
/// `may_use_control`); the server refuses the changes anyway.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClientControls {
    pub edit_details: bool,
    pub lock: bool,
    pub allowed_personnel: bool,
    pub responsible: bool,
    /// "Edit access": the client's access rules.
    pub access_rules: bool,
}

/// A client's profile, for someone who may open it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClientProfile {
    pub id: ClientId,
    pub details: ClientForm,
    pub organization_name: String,
    pub responsible: Option<Named<PersonnelId>>,
    pub locked: bool,
    pub allowed_personnel: Vec<Named<PersonnelId>>,
    /// Why the person may open it, in the rulebook's words.
    pub access: String,
    pub controls: ClientControls,
    /// Locking now would shut the person out (they are not on the allowed
    /// personnel and nothing else lets them in): the lock dialog warns.
    pub lock_would_shut_you_out: bool,
    /// The person opens it by break-glass override access until then.
    pub override_until: Option<Timestamp>,
    /// The server's time when it answered, for the override's countdown.
    pub now: Timestamp,
}

/// A person to choose in the allowed-personnel dialog or as responsible
/// personnel: Active personnel only.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonnelChoice {
    pub id: PersonnelId,
    pub name: String,
    pub job_title: String,
    pub case_manager: bool,
}
