//! The command line: flags, with environment variables behind them.

use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

#[derive(Debug, Parser)]
#[command(
    name = "safehold",
    version,
    about = "Safehold: confidential client records, and who may open them.",
    args_conflicts_with_subcommands = true
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    #[command(flatten)]
    pub serve: ServeOptions,
    #[command(flatten)]
    pub global: GlobalOptions,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Serve the application (the default when no command is given).
    Serve(ServeOptions),
    /// Create the database if needed and apply the migrations, then exit.
    Migrate,
    /// Create a site administrator account. Asks for what is not given.
    CreateAdmin(CreateAdminOptions),
    /// Load the demo organization, personnel and clients into an empty database.
    SeedDemo,
    /// Fill an empty database with synthetic data at scale (for benchmarks).
    SeedScale(SeedScaleOptions),
    /// Copy every table of one database into another, empty one (for example
    /// from SQLite to PostgreSQL), and check each table by count and checksum.
    CopyDatabase(CopyDatabaseOptions),
}

#[derive(Debug, Clone, Args)]
pub struct CopyDatabaseOptions {
    /// The database to copy from, for example sqlite://data/safehold.db.
    #[arg(long)]
    pub from: String,
    /// The empty database to copy into, for example postgres://safehold@db/safehold.
    #[arg(long)]
    pub to: String,
}

#[derive(Debug, Clone, Args)]
pub struct GlobalOptions {
    /// Folder for Safehold's data; the default database lives here.
    #[arg(long, env = "SAFEHOLD_DATA_DIR", default_value = "data", global = true)]
    pub data_dir: PathBuf,
    /// Database URL. Default: sqlite://<data-dir>/safehold.db (created if missing).
    #[arg(long, env = "SAFEHOLD_DATABASE_URL", global = true)]
    pub database_url: Option<String>,
    /// What to log, as a tracing filter (for example "info" or "info,sqlx=warn").
    #[arg(long, env = "SAFEHOLD_LOG", default_value = "info,sqlx=warn", global = true)]
    pub log: String,
    /// Log one JSON object per line instead of text.
    #[arg(long, env = "SAFEHOLD_LOG_JSON", global = true)]
    pub log_json: bool,
}

impl GlobalOptions {
    pub fn database_url(&self) -> String {
        self.database_url
            .clone()
            .unwrap_or_else(|| format!("sqlite://{}", self.data_dir.join("safehold.db").display()))
    }
}

#[derive(Debug, Clone, Args)]
pub struct ServeOptions {
    /// Address and port to listen on.
    #[arg(long, env = "SAFEHOLD_LISTEN", default_value = "127.0.0.1:3000")]
    pub listen: SocketAddr,
    /// Send the session cookie without `Secure`, and no Strict-Transport-Security:
    /// for plain-HTTP development on 127.0.0.1 only. By default the cookie is
    /// `Secure` (HTTPS only) and HSTS is sent.
    #[arg(long, env = "SAFEHOLD_INSECURE_COOKIE")]
    pub insecure_cookie: bool,
    /// The default (a `Secure` session cookie); still accepted, and refused
    /// together with `--insecure-cookie`.
    #[arg(long, env = "SAFEHOLD_COOKIE_SECURE")]
    pub cookie_secure: bool,
    /// Minutes without a request after which a session ends.
    #[arg(long, env = "SAFEHOLD_IDLE_TIMEOUT_MINUTES", default_value_t = 30)]
    pub idle_timeout_minutes: i64,
    /// Hours after sign-in after which a session ends, active or not.
    #[arg(long, env = "SAFEHOLD_ABSOLUTE_TIMEOUT_HOURS", default_value_t = 12)]
    pub absolute_timeout_hours: i64,
    /// Folder with the built site (the WASM, JavaScript and CSS under pkg/).
    #[arg(long, env = "LEPTOS_SITE_ROOT", default_value = "target/site")]
    pub site_root: String,
    /// Load the demo data when the database is empty, and print the demo logins.
    #[arg(long, env = "SAFEHOLD_DEMO")]
    pub demo: bool,
    /// A reverse proxy whose `X-Forwarded-For` names the client (for the
    /// sign-in limits per address). Give it once per proxy; in the
    /// environment, separate several with commas. Without it the header is
    /// ignored and the socket's peer is the client.
    #[arg(long = "trusted-proxy", env = "SAFEHOLD_TRUSTED_PROXY", value_delimiter = ',')]
    pub trusted_proxies: Vec<IpAddr>,
}

impl ServeOptions {
    /// Whether the session cookie is `Secure` (and HSTS is sent): yes unless
    /// `--insecure-cookie`; both flags at once contradict each other.
    pub fn cookie_secure(&self) -> Result<bool, String> {
        match (self.insecure_cookie, self.cookie_secure) {
            (true, true) => Err(
                "--insecure-cookie and --cookie-secure (or SAFEHOLD_INSECURE_COOKIE and \
                 SAFEHOLD_COOKIE_SECURE) contradict each other; give only one."
                    .into(),
            ),
            (insecure, _) => Ok(!insecure),
        }
    }
}

#[derive(Debug, Clone, Args)]
pub struct CreateAdminOptions {
    /// The administrator's full name.
    #[arg(long)]
    pub name: Option<String>,
    /// The administrator's e-mail address (their login).
    #[arg(long)]
    pub email: Option<String>,
    /// The password. Prefer leaving it out, to be asked without echo.
    #[arg(long, env = "SAFEHOLD_ADMIN_PASSWORD", hide_env_values = true)]
    pub password: Option<String>,
    /// The organization the administrator belongs to (created if missing).
    #[arg(long, default_value = "Main organization")]
    pub organization: String,
}

#[derive(Debug, Clone, Args)]
pub struct SeedScaleOptions {
    /// How many clients.
    #[arg(long, default_value_t = 100_000)]
    pub clients: u32,
    /// How many personnel (person 1 is a site administrator).
    #[arg(long, default_value_t = 2_000)]
    pub personnel: u32,
    /// How many teams.
    #[arg(long, default_value_t = 200)]
    pub teams: u32,
    /// How many access rules on clients.
    #[arg(long, default_value_t = 20_000)]
    pub rules: u32,
    /// The share of clients that are locked, in percent.
    #[arg(long, default_value_t = 5, value_parser = clap::value_parser!(u32).range(0..=100))]
    pub locked_percent: u32,
    /// The random seed: the same seed gives the same data.
    #[arg(long, default_value_t = 2026)]
    pub seed: u64,
}

impl SeedScaleOptions {
    pub fn scale(&self) -> crate::scale::ScaleOptions {
        crate::scale::ScaleOptions {
            clients: self.clients,
            personnel: self.personnel,
            teams: self.teams,
            rules: self.rules,
            locked_percent: self.locked_percent,
            seed: self.seed,
        }
    }
}

#[cfg(test)]
mod tests {
    use clap::Parser;

    use super::Cli;

    fn cookie_secure(args: &[&str]) -> Result<bool, String> {
        let cli = Cli::try_parse_from(std::iter::once("safehold").chain(args.iter().copied()))
            .expect("the flags parse");
        cli.serve.cookie_secure()
    }

    #[test]
    fn the_session_cookie_is_secure_unless_insecure_is_asked_for() {
        assert_eq!(cookie_secure(&[]), Ok(true));
        assert_eq!(
            cookie_secure(&["--cookie-secure"]),
            Ok(true),
            "the old flag is the default"
        );
        assert_eq!(cookie_secure(&["--insecure-cookie"]), Ok(false));
        let both = cookie_secure(&["--insecure-cookie", "--cookie-secure"]).unwrap_err();
        assert!(both.contains("contradict"), "{both}");
    }
}
