//! The server functions: the only way the browser reaches data. Each one
//! finds the current personnel, asks the policy crate, then calls a plain
//! async function that takes the pool.

pub mod access_rules;
pub mod answer_encoding;
pub mod area;
#[cfg(feature = "ssr")]
pub(crate) mod caller;
pub mod clients;
pub mod organizations;
pub mod override_log;
pub mod personnel;
pub mod roles;
pub mod security_question;
pub mod session;
pub mod sessions;
pub mod settings;
pub mod teams;

/// Runs a server function's work; sets the HTTP status of a refused server function to the error's own
/// (when a page's resource calls it while the server renders the page, the
/// page's status, unless the page is a redirect), with a `Retry-After` when
/// the error has one (busy).
#[cfg(feature = "ssr")]
pub(crate) async fn reply<T>(
    work: impl Future<Output = Result<T, crate::error::AppError>>,
) -> Result<T, crate::error::AppError> {
    let result = work.await;
    if let Err(error) = &result {
        crate::navigation::set_page_status(error.status());
        if let Some(secs) = error.retry_after_secs() {
            crate::navigation::set_retry_after(secs);
        }
    }
    result
}
