//! The `safehold` command. See `safehold --help`.

use clap::Parser;
use server::config::{Cli, Command};
use server::{commands, telemetry};

#[global_allocator]
static ALLOCATOR: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

#[tokio::main]
async fn main() {
    let cli = Cli::parse();
    telemetry::init(&cli.global.log, cli.global.log_json);
    let result = match &cli.command {
        None => commands::serve(&cli.global, &cli.serve).await,
        Some(Command::Serve(options)) => commands::serve(&cli.global, options).await,
        Some(Command::Migrate) => commands::migrate(&cli.global).await,
        Some(Command::CreateAdmin(options)) => commands::create_admin(&cli.global, options).await,
        Some(Command::SeedDemo) => commands::seed_demo(&cli.global).await,
        Some(Command::SeedScale(options)) => commands::seed_scale(&cli.global, options).await,
        Some(Command::CopyDatabase(options)) => commands::copy_database(options).await,
    };
    if let Err(error) = result {
        eprintln!("safehold: {error}");
        std::process::exit(1);
    }
}
