//! The Administration area: teams, roles and organizations (spec,
//! "Administration within bounds"); site settings (seed 002); organization
//! default rules and the override log (spec, "Changing a record's
//! protection").
//! Each link shows only for people whose role can use it; each page asks
//! the server again.

pub mod default_rules;
pub mod organizations;
pub mod override_log;
pub mod role_page;
pub mod roles;
pub mod settings;
pub mod team_page;
pub mod teams;

use leptos::prelude::*;
use policy::{Area, Permission};

use crate::layout::AreaGate;
use crate::me::Me;

#[component]
pub fn AdministrationPage() -> impl IntoView {
    view! {
        <AreaGate area=Area::Administration>
            <h1>"Administration"</h1>
            <Sections />
        </AreaGate>
    }
}

/// The tiles of the sections the person's role can use (inside the area
/// gate, which provides `Me`).
#[component]
fn Sections() -> impl IntoView {
    let Some(me) = use_context::<Me>() else {
        return ().into_any();
    };
    let may = |permission| me.holds(permission);
    let sections = [
        (
            may(Permission::ManageTeams),
            "/administration/teams",
            "Teams",
            "Personnel groups that access rules name.",
        ),
        (
            may(Permission::ManageRoles),
            "/administration/roles",
            "Roles",
            "Permission sets: what each person can do.",
        ),
        (
            me.site_administrator,
            "/administration/organizations",
            "Organizations",
            "The agencies that own personnel and records.",
        ),
        (
            may(Permission::ViewOverrideLog),
            "/administration/overrides",
            "Access overrides",
            "Every break-glass override: who, when, which record and why.",
        ),
        (
            me.site_administrator,
            "/administration/settings",
            "Site settings",
            "Client visibility, new clients' responsible personnel, password recovery.",
        ),
        (
            me.site_administrator,
            "/administration/default-rules",
            "Default rules",
            "Grant and deny rules for every record an organization owns.",
        ),
    ];
    view! {
            <ul class="tiles">
                {sections
                    .into_iter()
                    .filter(|(shown, ..)| *shown)
                    .map(|(_, href, title, about)| view! {
                        <li><a href=href><span class="tile-title">{title}</span><span class="hint">{about}</span></a></li>
                    })
                    .collect_view()}
            </ul>
    }
    .into_any()
}
