//! The client search at scale: fills a fresh SQLite database with
//! `seed-scale`'s synthetic data (100,000 clients, 2,000 personnel, 200
//! teams, 20,000 rules, 5% locked by default), then runs searches as
//! personnel of different roles and prints the median and 95th percentile.
//!
//! `cargo bench -p server --bench client_search` (or
//! `bash scripts/bench-search.sh`). `SAFEHOLD_BENCH_CLIENTS` and
//! `SAFEHOLD_BENCH_RUNS` change the size and the number of searches.

use std::time::{Duration, Instant};

use app::asking::Asking;
use app::clients::search::{ClientQuery, search};
use app::paging::PageFrom;
use policy::{PersonnelId, Timestamp};
use server::scale::{ScaleOptions, seed_scale};

fn env_number(name: &str, default: u32) -> u32 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let index = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[index]
}

fn millis(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// Search prefixes: the first two letters of names the data uses, and of
/// some it does not.
const PREFIXES: &[&str] = &[
    "ng", "ch", "br", "ga", "sm", "pa", "wa", "ki", "le", "th", "mo", "zz", "ar", "li", "so", "ta",
];

#[tokio::main(flavor = "current_thread")]
async fn main() {
    // `cargo bench` passes `--bench`; `cargo test --benches` runs it once
    // as a check with tiny data.
    let quick = std::env::args().all(|a| a != "--bench");
    let clients = env_number("SAFEHOLD_BENCH_CLIENTS", if quick { 500 } else { 100_000 });
    let runs = env_number("SAFEHOLD_BENCH_RUNS", if quick { 5 } else { 200 }) as usize;
    let folder = tempfile::tempdir().expect("temporary folder");
    let url = format!("sqlite://{}", folder.path().join("scale.db").display());
    let pool = app::store::connect(&url).await.expect("database opens");
    app::store::migrate(&pool).await.expect("migrations apply");
    let options = ScaleOptions {
        clients,
        ..ScaleOptions::default()
    };
    let started = Instant::now();
    let hashing = app::auth::password_hash::Hashing::for_this_machine();
    let written = seed_scale(&pool, &hashing, options, Timestamp(1_795_564_800))
        .await
        .expect("seed-scale");
    println!(
        "seed-scale: {} clients ({} locked), {} personnel, {} teams, {} rules in {:.1} s",
        written.clients,
        written.locked,
        written.personnel,
        written.teams,
        written.rules,
        started.elapsed().as_secs_f64()
    );
    let settings = app::settings::load(&pool).await.expect("settings").access;
    let now = Timestamp(1_795_600_000);

    // Person numbers by role (seed-scale gives roles by number modulo 10):
    // 1 site administrator, 12 case manager, 16 intake, 18 read-only,
    // 10 administrator role without the site administrator flag.
    let who = [
        ("site administrator", 1),
        ("case manager", 12),
        ("intake", 16),
        ("read-only", 18),
    ];
    println!();
    println!(
        "{:<20} {:<26} {:>8} {:>8} {:>8}",
        "personnel", "search", "median", "p95", "found"
    );
    let responsible_mode = policy::SiteSettings {
        client_visibility: policy::ClientVisibility::ResponsibleUser,
        ..settings
    };
    for (label, number) in who {
        let (subject, _) = app::auth::subject::load(&pool, PersonnelId(number))
            .await
            .expect("subject");
        let scenarios: [(&str, &str, bool, &policy::SiteSettings); 5] = [
            ("landing (empty search)", "", false, &settings),
            ("2-letter prefix", "*", false, &settings),
            ("my clients", "", true, &settings),
            ("landing, responsible mode", "", false, &responsible_mode),
            ("prefix, responsible mode", "*", false, &responsible_mode),
        ];
        for (scenario, text, mine, settings) in scenarios {
            if (mine || settings.client_visibility != policy::ClientVisibility::AllUsers)
                && label != "case manager"
            {
                continue;
            }
            let mut times = Vec::with_capacity(runs);
            let mut found = String::new();
            for i in 0..runs {
                let from = PageFrom::Start;
                let query = ClientQuery {
                    text: if text == "*" {
                        PREFIXES[i % PREFIXES.len()]
                    } else {
                        text
                    },
                    mine,
                    from: &from,
                };
                let start = Instant::now();
                let asking = Asking {
                    subject: &subject,
                    settings,
                    now,
                };
                let page = search(&pool, asking, query).await.expect("search");
                times.push(start.elapsed());
                found = if page.count.more {
                    format!(">{}", page.count.counted)
                } else {
                    page.count.counted.to_string()
                };
            }
            times.sort();
            println!(
                "{:<20} {:<26} {:>6.2}ms {:>6.2}ms {:>8}",
                label,
                scenario,
                millis(percentile(&times, 0.5)),
                millis(percentile(&times, 0.95)),
                found
            );
        }
    }
}
