//! The HTML document and the application's routes.

use leptos::prelude::*;
use leptos_meta::{HashedStylesheet, MetaTags, Title, provide_meta_context};
use leptos_router::components::{ParentRoute, Route, Router, Routes};
use leptos_router::{SsrMode, path};

use crate::layout::{SignedInLayout, StartPage};
use crate::pages::administration::AdministrationPage;
use crate::pages::administration::default_rules::DefaultRulesPage;
use crate::pages::administration::organizations::OrganizationsPage;
use crate::pages::administration::override_log::OverrideLogPage;
use crate::pages::administration::role_page::RolePage;
use crate::pages::administration::roles::RolesPage;
use crate::pages::administration::settings::SettingsPage;
use crate::pages::administration::team_page::TeamPage;
use crate::pages::administration::teams::TeamsPage;
use crate::pages::change_password::ChangePasswordPage;
use crate::pages::clients::ClientsPage;
use crate::pages::clients::new_client::NewClientPage;
use crate::pages::clients::profile::ClientProfilePage;
use crate::pages::login::LoginPage;
use crate::pages::personnel::PersonnelPage;
use crate::pages::personnel::account_page::PersonnelAccountPage;
use crate::pages::personnel::add_page::AddPersonnelPage;
use crate::pages::personnel::my_team::MyTeamPage;
use crate::pages::security_question::RecoverPasswordPage;
use crate::pages::sessions::SessionsPage;
use crate::pages::sessions::new_session::NewSessionPage;
use crate::pages::sessions::record::SessionRecordPage;
use crate::pages::widgets::NotFoundPage;
use crate::pages::your_account::YourAccountPage;

/// The document the server renders around the application.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    #[cfg(feature = "ssr")]
    crate::content_security_policy::set_for_page();
    view! {
        <!DOCTYPE html>
        <html lang="en">
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <link rel="icon" href="data:," />
                <HashedStylesheet options=options.clone() id="leptos" />
                <HydrationScripts options />
                <MetaTags />
            </head>
            <body>
                <App />
            </body>
        </html>
    }
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    view! {
        <Title text="Safehold" />
        <Router>
            <Routes fallback=NotFoundPage>
                <Route path=path!("/login") view=LoginPage ssr=SsrMode::Async />
                <Route path=path!("/recover-password") view=RecoverPasswordPage ssr=SsrMode::Async />
                <ParentRoute path=path!("") view=SignedInLayout ssr=SsrMode::Async>
                    <Route path=path!("") view=StartPage ssr=SsrMode::Async />
                    <Route path=path!("clients") view=ClientsPage />
                    <Route path=path!("clients/new") view=NewClientPage />
                    <Route path=path!("clients/:id") view=ClientProfilePage />
                    <Route path=path!("sessions") view=SessionsPage />
                    <Route path=path!("sessions/new") view=NewSessionPage />
                    <Route path=path!("sessions/:id") view=SessionRecordPage />
                    <Route path=path!("personnel") view=PersonnelPage />
                    <Route path=path!("personnel/new") view=AddPersonnelPage />
                    <Route path=path!("personnel/:id") view=PersonnelAccountPage />
                    <Route path=path!("my-team") view=MyTeamPage />
                    <Route path=path!("administration") view=AdministrationPage />
                    <Route path=path!("administration/teams") view=TeamsPage />
                    <Route path=path!("administration/teams/:id") view=TeamPage />
                    <Route path=path!("administration/roles") view=RolesPage />
                    <Route path=path!("administration/roles/:id") view=RolePage />
                    <Route path=path!("administration/organizations") view=OrganizationsPage />
                    <Route path=path!("administration/settings") view=SettingsPage />
                    <Route path=path!("administration/overrides") view=OverrideLogPage />
                    <Route path=path!("administration/default-rules") view=DefaultRulesPage />
                    <Route path=path!("change-password") view=ChangePasswordPage />
                    <Route path=path!("account") view=YourAccountPage />
                </ParentRoute>
            </Routes>
        </Router>
    }
}
