//! Where a signed-in person may go: the header's menu and their start page,
//! both derived from the area and administration decisions, so that the
//! header offers only what opens and "Go to the start page" never leads to a
//! refusal. The server still refuses everything else on its own.

use serde::{Deserialize, Serialize};

use crate::{AdministrationAction, Area, Subject, may_administer, may_open_area};

/// A place the header can offer, in the order it shows them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Destination {
    Clients,
    Sessions,
    /// The access-override log, inside Administration.
    OverrideLog,
    Personnel,
    /// The people who report to the person; open to every active account.
    MyTeam,
    Administration,
    /// The person's own account: open to every active account.
    Account,
}

impl Destination {
    /// Every destination, in the header's order.
    pub const ALL: [Destination; 7] = [
        Destination::Clients,
        Destination::Sessions,
        Destination::OverrideLog,
        Destination::Personnel,
        Destination::MyTeam,
        Destination::Administration,
        Destination::Account,
    ];

    /// The order in which a start page is chosen: the first that opens.
    const START_ORDER: [Destination; 5] = [
        Destination::Clients,
        Destination::Sessions,
        Destination::OverrideLog,
        Destination::Personnel,
        Destination::Administration,
    ];

    pub const fn path(self) -> &'static str {
        match self {
            Destination::Clients => "/clients",
            Destination::Sessions => "/sessions",
            Destination::OverrideLog => "/administration/overrides",
            Destination::Personnel => "/personnel",
            Destination::MyTeam => "/my-team",
            Destination::Administration => "/administration",
            Destination::Account => "/account",
        }
    }

    pub const fn label(self) -> &'static str {
        match self {
            Destination::Clients => "Clients",
            Destination::Sessions => "Sessions",
            Destination::OverrideLog => "Override log",
            Destination::Personnel => "Personnel",
            Destination::MyTeam => "My team",
            Destination::Administration => "Administration",
            Destination::Account => "Your account",
        }
    }

    /// Does this destination open for `subject`? Exactly what the server
    /// asks before it answers the destination's page.
    pub fn opens_for(self, subject: &Subject) -> bool {
        match self {
            Destination::Clients => may_open_area(subject, Area::Clients).is_ok(),
            Destination::Sessions => may_open_area(subject, Area::Sessions).is_ok(),
            Destination::Personnel => may_open_area(subject, Area::Personnel).is_ok(),
            Destination::Administration => may_open_area(subject, Area::Administration).is_ok(),
            Destination::OverrideLog => {
                may_open_area(subject, Area::Administration).is_ok()
                    && may_administer(subject, AdministrationAction::ReadOverrideLog).is_ok()
            }
            Destination::MyTeam | Destination::Account => crate::may_use_app(subject).is_ok(),
        }
    }
}

/// The header's menu: every destination that opens for `subject`, in order.
/// The override log and the person's account have their own links (in
/// Administration and on the person's name), so the menu leaves them out.
pub fn menu(subject: &Subject) -> Vec<Destination> {
    opening(subject, [Destination::OverrideLog, Destination::Account])
}

/// What the person's role opens, for "Your account": every destination that
/// opens for `subject` except the two open to every account (My team and the
/// account itself). Unlike the menu it names the override log.
pub fn role_opens(subject: &Subject) -> Vec<Destination> {
    opening(subject, [Destination::MyTeam, Destination::Account])
}

/// Every destination but `left_out` that opens for `subject`, in order.
fn opening(subject: &Subject, left_out: [Destination; 2]) -> Vec<Destination> {
    Destination::ALL
        .into_iter()
        .filter(|d| !left_out.contains(d))
        .filter(|d| d.opens_for(subject))
        .collect()
}

/// The start page: the first of Clients, Sessions, the override log,
/// Personnel and Administration that opens for `subject`; otherwise their
/// own account.
pub fn start_page(subject: &Subject) -> Destination {
    Destination::START_ORDER
        .into_iter()
        .find(|d| d.opens_for(subject))
        .unwrap_or(Destination::Account)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::personnel::active_subject;
    use crate::{Permission, PersonnelStatus};

    /// Every combination of permissions a role can hold (2^13).
    fn every_permission_set() -> impl Iterator<Item = Vec<Permission>> {
        (0u32..(1 << Permission::ALL.len())).map(|bits| {
            Permission::ALL
                .iter()
                .enumerate()
                .filter(|(i, _)| bits & (1 << i) != 0)
                .map(|(_, p)| *p)
                .collect()
        })
    }

    #[test]
    fn start_page_is_clients_for_staff_who_view_clients() {
        let staff = active_subject(&[Permission::ViewClients, Permission::ViewSessions], false);
        assert_eq!(start_page(&staff), Destination::Clients);
        assert_eq!(start_page(&active_subject(&[], true)), Destination::Clients);
    }

    #[test]
    fn start_page_is_sessions_for_a_sessions_only_role() {
        assert_eq!(
            start_page(&active_subject(&[Permission::ViewSessions], false)),
            Destination::Sessions
        );
    }

    #[test]
    fn start_page_is_the_override_log_for_an_auditor() {
        assert_eq!(
            start_page(&active_subject(&[Permission::ViewOverrideLog], false)),
            Destination::OverrideLog
        );
    }

    #[test]
    fn start_page_is_personnel_then_administration_when_nothing_earlier_opens() {
        assert_eq!(
            start_page(&active_subject(
                &[Permission::ManagePersonnel, Permission::ManageTeams],
                false
            )),
            Destination::Personnel
        );
        assert_eq!(
            start_page(&active_subject(&[Permission::ManageRoles], false)),
            Destination::Administration
        );
    }

    #[test]
    fn start_page_is_the_account_for_someone_who_can_open_nothing() {
        assert_eq!(start_page(&active_subject(&[], false)), Destination::Account);
        assert_eq!(
            start_page(&active_subject(&[Permission::EditClients], false)),
            Destination::Account
        );
    }

    #[test]
    fn the_start_page_always_opens_for_an_active_account() {
        for held in every_permission_set() {
            for site_administrator in [false, true] {
                let s = active_subject(&held, site_administrator);
                assert!(start_page(&s).opens_for(&s), "{held:?} {site_administrator}");
            }
        }
    }

    #[test]
    fn role_opens_names_the_override_log_for_an_auditor_and_nothing_for_a_role_without_areas() {
        assert_eq!(
            role_opens(&active_subject(&[Permission::ViewOverrideLog], false)),
            vec![Destination::OverrideLog, Destination::Administration]
        );
        assert_eq!(role_opens(&active_subject(&[], false)), vec![]);
    }

    #[test]
    fn role_opens_lists_exactly_the_destinations_that_open_beyond_every_account() {
        for held in every_permission_set() {
            let s = active_subject(&held, false);
            let opens = role_opens(&s);
            for d in Destination::ALL {
                let everyone = matches!(d, Destination::MyTeam | Destination::Account);
                assert_eq!(opens.contains(&d), !everyone && d.opens_for(&s), "{held:?} {d:?}");
            }
        }
    }

    #[test]
    fn menu_offers_only_the_areas_that_open() {
        assert_eq!(
            menu(&active_subject(
                &[Permission::ViewClients, Permission::ViewSessions],
                false
            )),
            vec![Destination::Clients, Destination::Sessions, Destination::MyTeam]
        );
        assert_eq!(
            menu(&active_subject(&[Permission::ViewOverrideLog], false)),
            vec![Destination::MyTeam, Destination::Administration]
        );
        assert_eq!(
            menu(&active_subject(&[], true)),
            vec![
                Destination::Clients,
                Destination::Sessions,
                Destination::Personnel,
                Destination::MyTeam,
                Destination::Administration
            ]
        );
    }

    #[test]
    fn menu_matches_the_area_decision_for_every_permission_set() {
        for held in every_permission_set() {
            let s = active_subject(&held, false);
            let offered = menu(&s);
            for (destination, area) in [
                (Destination::Clients, Area::Clients),
                (Destination::Sessions, Area::Sessions),
                (Destination::Personnel, Area::Personnel),
                (Destination::Administration, Area::Administration),
            ] {
                assert_eq!(
                    offered.contains(&destination),
                    may_open_area(&s, area).is_ok(),
                    "{held:?} {destination:?}"
                );
            }
        }
    }

    #[test]
    fn nothing_opens_for_an_inactive_account() {
        let mut s = active_subject(&[Permission::ViewClients], true);
        s.status = PersonnelStatus::Inactive;
        assert!(menu(&s).is_empty());
        assert!(!start_page(&s).opens_for(&s));
    }
}
