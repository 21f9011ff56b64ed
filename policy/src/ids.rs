//! Identifiers: one newtype per kind of thing, so that a team id can never be
//! passed where a personnel id is expected.

use serde::{Deserialize, Serialize};

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub i64);

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                self.0.fmt(f)
            }
        }
    };
}

id_type!(
    /// An agency that owns data.
    OrganizationId
);
id_type!(
    /// A staff account.
    PersonnelId
);
id_type!(
    /// A named permission set ("workgroup").
    RoleId
);
id_type!(
    /// A named group of personnel ("personnel group").
    TeamId
);
id_type!(
    /// A client profile.
    ClientId
);
id_type!(
    /// A group or family (whānau) session record.
    SessionRecordId
);
