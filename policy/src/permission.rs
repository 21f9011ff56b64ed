//! The permissions a role can hold (spec: "Permissions a role can hold").
//! A role decides what a person can *do*; organizations and access rules
//! decide which records they can *see*.

use serde::{Deserialize, Serialize};

use crate::Code;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Permission {
    ViewClients,
    CreateClients,
    EditClients,
    LockClients,
    ManageAllowedPersonnel,
    EditAccessRules,
    OverrideAccess,
    ViewOverrideLog,
    ViewSessions,
    EditSessions,
    ManagePersonnel,
    ManageTeams,
    ManageRoles,
}

impl Permission {
    pub const ALL: [Permission; 13] = [
        Permission::ViewClients,
        Permission::CreateClients,
        Permission::EditClients,
        Permission::LockClients,
        Permission::ManageAllowedPersonnel,
        Permission::EditAccessRules,
        Permission::OverrideAccess,
        Permission::ViewOverrideLog,
        Permission::ViewSessions,
        Permission::EditSessions,
        Permission::ManagePersonnel,
        Permission::ManageTeams,
        Permission::ManageRoles,
    ];

    /// As staff read it on the role editor.
    pub const fn label(self) -> &'static str {
        match self {
            Permission::ViewClients => "View clients",
            Permission::CreateClients => "Create clients",
            Permission::EditClients => "Edit clients",
            Permission::LockClients => "Lock and unlock clients",
            Permission::ManageAllowedPersonnel => "Add and remove allowed personnel",
            Permission::EditAccessRules => "Edit access rules",
            Permission::OverrideAccess => "Override access",
            Permission::ViewOverrideLog => "View the access-override log",
            Permission::ViewSessions => "View sessions",
            Permission::EditSessions => "Edit sessions",
            Permission::ManagePersonnel => "Manage personnel",
            Permission::ManageTeams => "Manage teams",
            Permission::ManageRoles => "Manage roles",
        }
    }

    const fn bit(self) -> u16 {
        1 << (self as u16)
    }
}

impl Code for Permission {
    const VALUES: &'static [Permission] = &Permission::ALL;

    /// The stable name stored in the database.
    fn code(self) -> &'static str {
        match self {
            Permission::ViewClients => "view_clients",
            Permission::CreateClients => "create_clients",
            Permission::EditClients => "edit_clients",
            Permission::LockClients => "lock_clients",
            Permission::ManageAllowedPersonnel => "manage_allowed_personnel",
            Permission::EditAccessRules => "edit_access_rules",
            Permission::OverrideAccess => "override_access",
            Permission::ViewOverrideLog => "view_override_log",
            Permission::ViewSessions => "view_sessions",
            Permission::EditSessions => "edit_sessions",
            Permission::ManagePersonnel => "manage_personnel",
            Permission::ManageTeams => "manage_teams",
            Permission::ManageRoles => "manage_roles",
        }
    }
}

/// The permissions of one role, as a small bit set.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct PermissionSet(u16);

impl PermissionSet {
    /// Does someone whose role holds these permissions hold `permission`? A
    /// site administrator holds every one.
    pub const fn grants(self, site_administrator: bool, permission: Permission) -> bool {
        site_administrator || self.contains(permission)
    }

    pub const fn empty() -> Self {
        PermissionSet(0)
    }

    pub fn all() -> Self {
        Permission::ALL.into_iter().collect()
    }

    pub const fn contains(self, permission: Permission) -> bool {
        self.0 & permission.bit() != 0
    }

    pub fn insert(&mut self, permission: Permission) {
        self.0 |= permission.bit();
    }

    pub fn remove(&mut self, permission: Permission) {
        self.0 &= !permission.bit();
    }

    pub fn iter(self) -> impl Iterator<Item = Permission> {
        Permission::ALL.into_iter().filter(move |p| self.contains(*p))
    }
}

impl FromIterator<Permission> for PermissionSet {
    fn from_iter<I: IntoIterator<Item = Permission>>(iter: I) -> Self {
        let mut set = PermissionSet::empty();
        for permission in iter {
            set.insert(permission);
        }
        set
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_permission_key_round_trips() {
        for p in Permission::ALL {
            assert_eq!(Permission::from_code(p.code()), Some(p));
        }
        assert_eq!(Permission::from_code("fly"), None);
    }

    #[test]
    fn a_set_holds_exactly_what_was_inserted() {
        let set: PermissionSet = [Permission::ViewClients, Permission::ManageRoles]
            .into_iter()
            .collect();
        assert!(set.contains(Permission::ViewClients));
        assert!(set.contains(Permission::ManageRoles));
        assert!(!set.contains(Permission::EditClients));
        assert_eq!(set.iter().count(), 2);
        assert_eq!(PermissionSet::all().iter().count(), Permission::ALL.len());
    }
}
