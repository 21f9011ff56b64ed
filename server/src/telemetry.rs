//! Structured logs with `tracing`.

use tracing_subscriber::EnvFilter;

pub fn init(filter: &str, json: bool) {
    let filter = EnvFilter::try_new(filter).unwrap_or_else(|_| EnvFilter::new("info"));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_target(false);
    let _ = if json {
        builder.json().try_init()
    } else {
        builder.try_init()
    };
}

/// For tests: with `TEST_LOG=1` in the environment, the app's logs (at the
/// level `RUST_LOG` names, `debug` by default) are printed with the output
/// of the test that wrote them (`cargo test` shows it for failing tests, or
/// for all with `--nocapture`); without it, nothing is logged. Safe to call
/// from every test: only the first call sets the subscriber up.
pub fn init_for_tests() {
    if std::env::var_os("TEST_LOG").is_none() {
        return;
    }
    let filter =
        EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("debug,sqlx=info,hyper=info"));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_test_writer()
        .try_init();
}
