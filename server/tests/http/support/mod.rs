//! Starts the real Safehold router on port 0 with a fresh database (SQLite,
//! or PostgreSQL when the run asks for it: `test_database`) and a clock the test moves by hand; talks to it over HTTP with a client that
//! keeps cookies, as a browser would.

use std::sync::Arc;

use app::accounts::{NewPersonnel, create_personnel, ensure_organization, ensure_role};
use app::api::session::SignIn;
use app::auth::password_hash::Hashing;
use app::clock::ManualClock;
use app::directory::PersonnelForm;
use app::state::{AppState, SessionSettings};
use app::store::Pool;
use policy::{Permission, PersonnelId, PersonnelStatus};

mod ask;
pub mod fixtures;
#[path = "../../shared/test_database.rs"]
pub mod test_database;

pub use ask::{Answer, ask_at};

pub const PASSWORD: &str = "a long test passphrase";
/// 2026-11-24T00:00:00Z.
pub const START: i64 = 1_795_478_400;

pub struct TestApp {
    pub address: String,
    pub pool: Pool,
    pub clock: ManualClock,
    /// The app's password hashing budget (the same one its requests use).
    pub hashing: Arc<Hashing>,
    pub database: Arc<test_database::TestDatabase>,
}

/// The tests talk plain HTTP, so the session cookie is not `Secure` here
/// (a `Secure` cookie would never be sent back).
pub async fn spawn_app() -> TestApp {
    spawn(insecure_cookie(), Hashing::new(2, 64), Vec::new(), "target/site").await
}

/// [`spawn_app`] serving the built site from `site_root` (its files under
/// `pkg/`).
pub async fn spawn_app_with_site(site_root: &std::path::Path) -> TestApp {
    let site_root = site_root.to_str().expect("a UTF-8 path");
    spawn(insecure_cookie(), Hashing::new(2, 64), Vec::new(), site_root).await
}

/// The app behind a proxy at 127.0.0.1: the test's requests name their
/// client address in `X-Forwarded-For` (see [`TestApp::sign_in_from`]).
pub async fn spawn_app_behind_proxy() -> TestApp {
    spawn(
        insecure_cookie(),
        Hashing::new(2, 64),
        vec![std::net::Ipv4Addr::LOCALHOST.into()],
        "target/site",
    )
    .await
}

/// The default session settings, but with a cookie sent over plain HTTP.
pub fn insecure_cookie() -> SessionSettings {
    SessionSettings {
        cookie_secure: false,
        ..SessionSettings::default()
    }
}

/// [`spawn_app`] with the given session settings and hashing budget.
pub async fn spawn_app_with(sessions: SessionSettings, hashing: Hashing) -> TestApp {
    spawn(sessions, hashing, Vec::new(), "target/site").await
}

async fn spawn(
    sessions: SessionSettings,
    hashing: Hashing,
    trusted_proxies: Vec<std::net::IpAddr>,
    site_root: &str,
) -> TestApp {
    server::telemetry::init_for_tests();
    let database = Arc::new(test_database::migrated().await);
    spawn_on(database, sessions, hashing, trusted_proxies, site_root).await
}

impl TestApp {
    /// A second Safehold server on this one's database, as behind a load
    /// balancer: its own router, port, connections and clock (starting at
    /// [`START`]; each server's clock decides expiry).
    pub async fn second_server(&self) -> TestApp {
        spawn_on(
            Arc::clone(&self.database),
            insecure_cookie(),
            Hashing::new(2, 64),
            Vec::new(),
            "target/site",
        )
        .await
    }
}

async fn spawn_on(
    database: Arc<test_database::TestDatabase>,
    sessions: SessionSettings,
    hashing: Hashing,
    trusted_proxies: Vec<std::net::IpAddr>,
    site_root: &str,
) -> TestApp {
    let pool = app::store::connect(&database.url).await.expect("database opens");
    let clock = ManualClock::starting_at(START);
    let state = AppState {
        pool: pool.clone(),
        clock: Arc::new(clock.clone()),
        sessions,
        hashing: Arc::new(hashing),
        trusted_proxies,
    };
    let hashing = Arc::clone(&state.hashing);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("port 0 binds");
    let address = format!("http://{}", listener.local_addr().unwrap());
    let options = server::router::leptos_options(site_root, listener.local_addr().unwrap());
    let router = server::router::build(state, options);
    let service = router.into_make_service_with_connect_info::<std::net::SocketAddr>();
    tokio::spawn(async move { axum::serve(listener, service).await.expect("server runs") });
    TestApp {
        address,
        pool,
        clock,
        hashing,
        database,
    }
}

/// How long a test waits for one answer: a request that hangs fails its
/// test with a message instead of holding the whole run.
pub const ANSWER_WITHIN: std::time::Duration = std::time::Duration::from_secs(30);

/// A browser-like client: keeps cookies, sends no Origin unless told.
pub fn browser() -> reqwest::Client {
    reqwest::Client::builder()
        .cookie_store(true)
        .timeout(ANSWER_WITHIN)
        .build()
        .expect("client builds")
}

/// A [`browser`] whose every request names `from` as its client address
/// in `X-Forwarded-For`, as a proxy would.
pub fn browser_at(from: &str) -> reqwest::Client {
    let mut headers = reqwest::header::HeaderMap::new();
    let from = reqwest::header::HeaderValue::from_str(from).expect("an address fits in a header");
    headers.insert("x-forwarded-for", from);
    reqwest::Client::builder()
        .cookie_store(true)
        .timeout(ANSWER_WITHIN)
        .default_headers(headers)
        .build()
        .expect("client builds")
}

pub struct Account<'a> {
    pub email: &'a str,
    pub status: PersonnelStatus,
    pub permissions: &'a [Permission],
    pub site_administrator: bool,
    pub must_change_password: bool,
}

impl<'a> Account<'a> {
    pub fn active(email: &'a str) -> Self {
        Account {
            email,
            status: PersonnelStatus::Active,
            permissions: &[Permission::ViewClients],
            site_administrator: false,
            must_change_password: false,
        }
    }

    /// An Active account whose role holds exactly `permissions`.
    pub fn holding(email: &'a str, permissions: &'a [Permission]) -> Self {
        Account {
            permissions,
            ..Account::active(email)
        }
    }

    /// An Active auditor: a role that holds only "view the access-override log".
    pub fn auditor() -> Self {
        Account::holding("auditor@agency.example", &[Permission::ViewOverrideLog])
    }

    /// An Active site administrator whose role holds no permission.
    pub fn site_administrator(email: &'a str) -> Self {
        Account {
            site_administrator: true,
            ..Account::holding(email, &[])
        }
    }
}

impl TestApp {
    /// Creates an account with password [`PASSWORD`] straight in the database.
    pub async fn add_account(&self, account: Account<'_>) -> PersonnelId {
        let mut tx = self.pool.begin().await.unwrap();
        let organization = ensure_organization(&mut tx, "Test agency").await.unwrap();
        let role_name = format!("role of {}", account.email);
        let role = ensure_role(&mut tx, &role_name, account.permissions)
            .await
            .unwrap();
        let id = create_personnel(
            &mut tx,
            &self.hashing,
            NewPersonnel {
                details: PersonnelForm {
                    status: account.status,
                    site_administrator: account.site_administrator,
                    ..PersonnelForm::new(organization, role, "Jordan Tester", account.email)
                },
                password: PASSWORD.into(),
                must_change_password: account.must_change_password,
            },
            self.clock_now(),
        )
        .await
        .unwrap();
        tx.commit().await.unwrap();
        id
    }

    fn clock_now(&self) -> policy::Timestamp {
        use app::clock::Clock;
        self.clock.now()
    }

    /// Adds the account and signs it in; returns the signed-in client and
    /// the account's id.
    pub async fn signed_in(&self, account: Account<'_>) -> (reqwest::Client, PersonnelId) {
        let email = account.email;
        let id = self.add_account(account).await;
        let client = browser();
        self.sign_in(&client, email, PASSWORD).await.ok();
        (client, id)
    }

    /// Signs in with `email` and `password` ("sign_in"); the client keeps
    /// the session cookie.
    pub async fn sign_in(&self, client: &reqwest::Client, email: &str, password: &str) -> Answer<()> {
        let sign_in = SignIn {
            email: email.into(),
            password: password.into(),
        };
        self.ask(client, sign_in).await
    }

    /// Signs in as a client at `from`, through the proxy (with
    /// [`spawn_app_behind_proxy`]).
    pub async fn sign_in_from(&self, from: &str, email: &str, password: &str) -> Answer<()> {
        self.sign_in(&browser_at(from), email, password).await
    }

    pub async fn get(&self, client: &reqwest::Client, path: &str) -> reqwest::Response {
        client
            .get(format!("{}{path}", self.address))
            .send()
            .await
            .expect("request is sent")
    }
}

/// The reason an Inactive or Pending account is refused with.
pub fn not_active() -> String {
    policy::AccountRefusal::AccountNotActive.to_string()
}

/// The message a signed-out caller is refused with.
pub fn please_sign_in() -> String {
    app::error::AppError::unauthenticated().to_string()
}

/// A refused call: its status and the reason a person is shown.
pub trait Refusal {
    fn status(&self) -> u16;
    /// The text a person is shown.
    fn reason(&self) -> String;
}

impl<T: std::fmt::Debug> Refusal for Answer<T> {
    fn status(&self) -> u16 {
        self.status
    }

    fn reason(&self) -> String {
        self.error().map(ToString::to_string).unwrap_or_default()
    }
}

/// Asserts that `answer` is a refusal with `status` whose reason contains
/// `reason`.
#[track_caller]
pub fn assert_refused(answer: &(impl Refusal + std::fmt::Debug), status: u16, reason: &str, what: &str) {
    assert_eq!(answer.status(), status, "{what}: {answer:?}");
    assert!(
        answer.reason().contains(reason),
        "{what}: the reason should say {reason:?}: {answer:?}"
    );
}
