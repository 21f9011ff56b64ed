//! What each subcommand does.

use std::io::{BufRead, Write};
use std::net::SocketAddr;
use std::sync::Arc;

use app::auth::password_hash::Hashing;
use app::clock::{Clock, SystemClock};
use app::error::AppError;
use app::state::{AppState, SessionSettings};
use app::store::{self, Pool};

use crate::config::{CopyDatabaseOptions, CreateAdminOptions, GlobalOptions, SeedScaleOptions, ServeOptions};
use crate::{router, site_files};

pub type CommandResult = Result<(), Box<dyn std::error::Error>>;

/// Opens the database (creating its folder and file if needed) and migrates it.
pub async fn open_database(global: &GlobalOptions) -> Result<Pool, Box<dyn std::error::Error>> {
    if global.database_url.is_none() {
        std::fs::create_dir_all(&global.data_dir)?;
    }
    let pool = store::connect(&global.database_url()).await?;
    store::migrate(&pool).await?;
    Ok(pool)
}

pub async fn migrate(global: &GlobalOptions) -> CommandResult {
    open_database(global).await?;
    println!(
        "The database at {} is up to date.",
        store::without_password(&global.database_url())
    );
    Ok(())
}

pub async fn copy_database(options: &CopyDatabaseOptions) -> CommandResult {
    if options.from == options.to {
        return Err("--from and --to name the same database.".into());
    }
    let source = store::connect(&options.from).await?;
    let target = store::connect(&options.to).await?;
    println!(
        "Copying {} into {}",
        store::without_password(&options.from),
        store::without_password(&options.to)
    );
    let copied = crate::copy::copy_database(&source, &target, &mut std::io::stdout(), true)
        .await
        .map_err(|e| format!("copy-database stopped: {e}"))?;
    let rows: u64 = copied.tables.iter().map(|(_, rows)| rows).sum();
    println!(
        "Done: {} tables, {rows} rows, every table's count and checksum equal on both sides.",
        copied.tables.len()
    );
    Ok(())
}

pub async fn seed_demo(global: &GlobalOptions) -> CommandResult {
    let pool = open_database(global).await?;
    if crate::demo::seed_demo(&pool, &Hashing::for_this_machine(), SystemClock.now()).await? {
        println!("Loaded the demo data.");
    } else {
        println!("The database already has personnel; the demo data was not loaded.");
    }
    print_demo_logins();
    Ok(())
}

pub async fn seed_scale(global: &GlobalOptions, options: &SeedScaleOptions) -> CommandResult {
    let pool = open_database(global).await?;
    let started = std::time::Instant::now();
    let written = crate::scale::seed_scale(
        &pool,
        &Hashing::for_this_machine(),
        options.scale(),
        SystemClock.now(),
    )
    .await?;
    println!(
        "Wrote {} clients ({} locked), {} personnel, {} teams and {} access rules in {:.1} s.",
        written.clients,
        written.locked,
        written.personnel,
        written.teams,
        written.rules,
        started.elapsed().as_secs_f64()
    );
    println!(
        "Sign in as {} (site administrator) or person<N>@scale.example; password for all: {}",
        crate::scale::SCALE_ADMIN,
        crate::scale::SCALE_PASSWORD
    );
    Ok(())
}

fn print_demo_logins() {
    println!("Demo logins (password for all: {}):", crate::demo::DEMO_PASSWORD);
    for (email, description) in crate::demo::logins() {
        println!("  {email:<28} {description}");
    }
}

pub async fn serve(global: &GlobalOptions, options: &ServeOptions) -> CommandResult {
    let cookie_secure = options.cookie_secure()?;
    if !cookie_secure {
        tracing::warn!(
            "the session cookie is not Secure (--insecure-cookie): for plain-HTTP development only"
        );
    }
    let pool = open_database(global).await?;
    let hashing = Arc::new(Hashing::for_this_machine());
    if options.demo && crate::demo::seed_demo(&pool, &hashing, SystemClock.now()).await? {
        tracing::info!("loaded the demo data into the empty database");
    }
    let state = AppState {
        pool,
        clock: Arc::new(SystemClock),
        sessions: SessionSettings {
            idle_timeout_secs: options.idle_timeout_minutes * 60,
            absolute_timeout_secs: options.absolute_timeout_hours * 3600,
            cookie_secure,
        },
        hashing,
        trusted_proxies: options.trusted_proxies.clone(),
    };
    let leptos = router::leptos_options(&options.site_root, options.listen);
    check_site_files(&leptos);
    let app = router::build(state, leptos);
    let listener = tokio::net::TcpListener::bind(options.listen).await?;
    let address = listener.local_addr()?;
    println!();
    println!("Safehold is running at http://{address}");
    if options.demo {
        print_demo_logins();
    }
    println!();
    axum::serve(listener, app.into_make_service_with_connect_info::<SocketAddr>())
        .with_graceful_shutdown(shutdown_signal())
        .await?;
    tracing::info!("stopped");
    Ok(())
}

/// Logs which names the pages ask for, and warns about the files the site
/// folder lacks (a binary copied without its site or its `hash.txt`).
fn check_site_files(leptos: &leptos::config::LeptosOptions) {
    let hashes = leptos
        .hash_files
        .then(site_files::hash_file_path)
        .flatten()
        .and_then(|path| std::fs::read_to_string(path).ok());
    let missing = site_files::missing_files(&leptos.site_root, &leptos.site_pkg_dir, hashes.as_deref());
    if missing.is_empty() {
        tracing::info!(hashed_names = leptos.hash_files, site_root = %leptos.site_root, "serving the site's files");
    } else {
        tracing::warn!(
            ?missing,
            hashed_names = leptos.hash_files,
            "the pages will ask for site files that are not there: build with scripts/build-site.sh \
             and copy the site folder together with the binary and the hash.txt beside it"
        );
    }
}

/// Resolves at SIGTERM or Ctrl-C; requests in flight finish first.
async fn shutdown_signal() {
    let interrupt = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = interrupt => {},
        () = terminate => {},
    }
    tracing::info!("shutting down");
}

pub async fn create_admin(global: &GlobalOptions, options: &CreateAdminOptions) -> CommandResult {
    let pool = open_database(global).await?;
    let name = match &options.name {
        Some(name) => name.clone(),
        None => ask("Full name: ")?,
    };
    let email = match &options.email {
        Some(email) => email.clone(),
        None => ask("E-mail: ")?,
    };
    let password = match &options.password {
        Some(password) => password.clone(),
        None => {
            let first = rpassword::prompt_password("Password (at least 12 characters): ")?;
            let again = rpassword::prompt_password("Password again: ")?;
            if first != again {
                return Err("The two passwords are not the same; nothing was created.".into());
            }
            first
        }
    };
    let result = app::accounts::create_site_administrator(
        &pool,
        &Hashing::for_this_machine(),
        &options.organization,
        &name,
        &email,
        &password,
        SystemClock.now(),
    )
    .await;
    match result {
        Ok(id) => {
            println!(
                "Created site administrator {name} <{}> (personnel {id}).",
                email.trim().to_lowercase()
            );
            Ok(())
        }
        Err(AppError::Invalid { fields }) => {
            let problems: Vec<String> = fields
                .iter()
                .map(|f| format!("{}: {}", f.field, f.message))
                .collect();
            Err(format!("Nothing was created. {}", problems.join(" ")).into())
        }
        Err(other) => Err(other.to_string().into()),
    }
}

fn ask(prompt: &str) -> Result<String, std::io::Error> {
    print!("{prompt}");
    std::io::stdout().flush()?;
    let mut line = String::new();
    std::io::stdin().lock().read_line(&mut line)?;
    Ok(line.trim().to_owned())
}
