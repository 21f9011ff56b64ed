//! The built site's files under `/pkg`: the WASM, its JavaScript and the
//! stylesheet, served from the site root together with the brotli and gzip
//! copies that `scripts/build-site.sh` makes of each (`.br`, `.gz`), and
//! cached according to their names.
//!
//! A release build names each file after its content (`safehold.<hash>.wasm`)
//! and writes the hashes to `hash.txt` beside the binary; the pages ask for
//! those names only when that file is there ([`hash_file_beside_executable`]),
//! so a debug build, a test or `cargo leptos watch` without it keeps the plain
//! names. A hashed name never changes its content, so it may be kept for a
//! year without asking again; a plain name is asked about every time.

use std::path::{Path, PathBuf};

use axum::Router;
use axum::body::Body;
use axum::http::header::{ACCEPT_ENCODING, CACHE_CONTROL, VARY};
use axum::http::{HeaderValue, Request, StatusCode};
use axum::middleware::{self, Next};
use axum::response::Response;
use tower_http::services::ServeDir;

/// The file, beside the binary, that lists the hashes (`js: <hash>` …).
pub const HASH_FILE: &str = "hash.txt";

/// The name the build gives the WASM, the JavaScript and the stylesheet.
pub const OUTPUT_NAME: &str = "safehold";

const KEEP_FOR_GOOD: HeaderValue = HeaderValue::from_static("public, max-age=31536000, immutable");
const ASK_EACH_TIME: HeaderValue = HeaderValue::from_static("no-cache");

/// `/<pkg_dir>/…` from `<site_root>/<pkg_dir>`, precompressed files first.
pub fn service(site_root: &str, pkg_dir: &str) -> Router {
    let files = ServeDir::new(Path::new(site_root).join(pkg_dir))
        .precompressed_br()
        .precompressed_gzip();
    Router::new()
        .nest_service(&format!("/{pkg_dir}"), files)
        .layer(middleware::from_fn(cache_by_name))
}

/// `Cache-Control` by the file's name, and `Vary: Accept-Encoding`, since the
/// same address answers brotli, gzip or the plain file.
async fn cache_by_name(request: Request<Body>, next: Next) -> Response {
    let hashed = is_hashed_name(request.uri().path());
    let mut response = next.run(request).await;
    let found = response.status().is_success() || response.status() == StatusCode::NOT_MODIFIED;
    let headers = response.headers_mut();
    headers.insert(
        CACHE_CONTROL,
        if hashed && found {
            KEEP_FOR_GOOD
        } else {
            ASK_EACH_TIME
        },
    );
    let varies = headers.get_all(VARY).iter().any(|value| {
        value
            .to_str()
            .is_ok_and(|v| v.to_ascii_lowercase().contains("accept-encoding"))
    });
    if !varies {
        headers.append(VARY, HeaderValue::from_static(ACCEPT_ENCODING.as_str()));
    }
    response
}

/// Whether the last part of `path` is `<stem>.<hash>.<extension>`, the hash
/// being at least eight letters, digits, `-` or `_` (the build's hex, or
/// cargo-leptos's base64).
pub fn is_hashed_name(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or_default();
    let parts: Vec<&str> = name.split('.').collect();
    match parts.as_slice() {
        [stem, hash, extension] => {
            !stem.is_empty()
                && !extension.is_empty()
                && hash.len() >= 8
                && hash
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        }
        _ => false,
    }
}

/// `hash.txt` beside the running binary, where Leptos looks for it.
pub fn hash_file_path() -> Option<PathBuf> {
    let executable = std::env::current_exe().ok()?;
    Some(executable.parent()?.join(HASH_FILE))
}

/// Whether the pages should ask for hashed names: exactly when the build left
/// `hash.txt` beside the binary.
pub fn hash_file_beside_executable() -> bool {
    hash_file_path().is_some_and(|path| path.is_file())
}

/// The files the pages will ask for that are missing from
/// `<site_root>/<pkg_dir>`: with `hashes` (the text of `hash.txt`), the
/// hashed names it lists, otherwise the plain names.
pub fn missing_files(site_root: &str, pkg_dir: &str, hashes: Option<&str>) -> Vec<PathBuf> {
    let folder = Path::new(site_root).join(pkg_dir);
    let names: Vec<String> = match hashes {
        Some(text) => text
            .lines()
            .filter_map(|line| line.split_once(':'))
            .map(|(extension, hash)| format!("{OUTPUT_NAME}.{}.{}", hash.trim(), extension.trim()))
            .collect(),
        None => ["js", "wasm", "css"]
            .iter()
            .map(|extension| format!("{OUTPUT_NAME}.{extension}"))
            .collect(),
    };
    names
        .into_iter()
        .map(|name| folder.join(name))
        .filter(|path| !path.is_file())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_with_a_content_hash_is_hashed() {
        assert!(is_hashed_name("/pkg/safehold.3f2a9c01d4e5b6a7c8d9.wasm"));
        assert!(is_hashed_name("/pkg/safehold.Xq3_-9aZbC0dEfGhIjKlMn.js"));
    }

    #[test]
    fn a_plain_name_is_not_hashed() {
        assert!(!is_hashed_name("/pkg/safehold.wasm"));
        assert!(!is_hashed_name("/pkg/safehold_bg.wasm"));
        assert!(!is_hashed_name("/pkg/safehold.min.css"));
        assert!(!is_hashed_name("/pkg/safehold.3f2a9c01d4e5.wasm.br"));
        assert!(!is_hashed_name("/pkg/safehold.3f2a..9c01.wasm"));
        assert!(!is_hashed_name("/pkg/"));
    }

    #[test]
    fn missing_files_are_named_after_the_hash_file() {
        let site = tempfile::tempdir().unwrap();
        let pkg = site.path().join("pkg");
        std::fs::create_dir(&pkg).unwrap();
        std::fs::write(pkg.join("safehold.aaaaaaaa.js"), "js").unwrap();
        let root = site.path().to_str().unwrap();
        let missing = missing_files(root, "pkg", Some("js: aaaaaaaa\nwasm: bbbbbbbb\ncss: cccccccc\n"));
        assert_eq!(
            missing,
            vec![
                pkg.join("safehold.bbbbbbbb.wasm"),
                pkg.join("safehold.cccccccc.css")
            ]
        );
        let missing = missing_files(root, "pkg", None);
        assert_eq!(missing.len(), 3, "no plain file was built: {missing:?}");
    }
}
