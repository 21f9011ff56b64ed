//! The signed-in person as the browser sees them.

use policy::{Destination, PermissionSet, PersonnelId};
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
    /// The account's security question is free text from before the fixed
    /// list: it is asked to choose one from the list.
    pub must_choose_security_question: bool,
    /// The header's menu, from `policy::menu`: only what opens.
    pub menu: Vec<Destination>,
    /// What "Your account" lists as opened by the role, from
    /// `policy::role_opens` (the menu's areas and the override log).
    pub opens: Vec<Destination>,
    /// Where "Go to the start page" and sign-in lead, from `policy::start_page`.
    pub start: Destination,
}

impl Me {
    /// Does this person hold `permission` (see `policy::Subject::holds`)?
    pub const fn holds(&self, permission: policy::Permission) -> bool {
        self.permissions.grants(self.site_administrator, permission)
    }
}

/// The signed-in person as the layout loads them once per page, for pages
/// that offer buttons by permission. Made outside every `Suspense` (by the
/// layout) and read inside one, so that it never holds up the server's
/// rendering of the page.
#[derive(Clone, Copy)]
pub struct SignedIn(pub leptos::prelude::Resource<Result<Me, crate::error::AppError>>);

impl SignedIn {
    /// The layout's, to be read later inside a `Suspend`.
    pub fn find() -> Option<SignedIn> {
        leptos::prelude::use_context::<SignedIn>()
    }

    /// The signed-in person, once loaded; `None` when signed out.
    pub async fn me(self) -> Option<Me> {
        self.0.await.ok()
    }
}

/// The signed-in person from `signed_in`, if any (for a `Suspend`).
pub async fn me_of(signed_in: Option<SignedIn>) -> Option<Me> {
    match signed_in {
        Some(signed_in) => signed_in.me().await,
        None => None,
    }
}
