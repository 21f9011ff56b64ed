//! The signed-in person as the browser sees them.

use policy::{PermissionSet, PersonnelId};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Me {
    pub id: PersonnelId,
    pub name: String,
    pub email: String,
    pub organization_name: String,
    pub role_name: String,
    pub site_administrator: bool,
    /// Shown to decide which buttons to offer; the server decides again.
    pub permissions: PermissionSet,
    pub must_change_password: bool,
}
