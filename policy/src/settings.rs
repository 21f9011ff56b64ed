//! Site settings (seed 002): who sees clients by default, and who becomes
//! responsible for a new client.

use serde::{Deserialize, Serialize};

use crate::Code;

/// "Client visibility" in the site settings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum ClientVisibility {
    /// "Visible to all users": every client of one's organization, unless a
    /// lock or a rule says otherwise.
    #[default]
    AllUsers,
    /// "Visible to responsible user": only clients one is responsible
    /// personnel for, unless a lock, a rule or an override says otherwise.
    ResponsibleUser,
}

impl ClientVisibility {
    pub const fn label(self) -> &'static str {
        match self {
            ClientVisibility::AllUsers => "Visible to all users",
            ClientVisibility::ResponsibleUser => "Visible to responsible user",
        }
    }
}

impl Code for ClientVisibility {
    const VALUES: &'static [ClientVisibility] =
        &[ClientVisibility::AllUsers, ClientVisibility::ResponsibleUser];

    /// The stable name stored in the database.
    fn code(self) -> &'static str {
        match self {
            ClientVisibility::AllUsers => "all_users",
            ClientVisibility::ResponsibleUser => "responsible_user",
        }
    }
}

/// The site settings that the rulebook reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub struct SiteSettings {
    pub client_visibility: ClientVisibility,
    /// "Assign new client records to the user who creates the record".
    pub assign_new_clients_to_creator: bool,
}
