//! The site's files under `/pkg` come as the build's brotli or gzip copy when
//! the browser accepts it, and are kept for good when their name carries a
//! content hash; pages and server functions' answers come compressed, with
//! their security headers, unless another site started the request.

use std::io::Read;
use std::path::Path;

use crate::support::{browser, please_sign_in, spawn_app, spawn_app_with_site};

const HASHED_WASM: &str = "safehold.0123456789abcdef0123.wasm";

/// A site folder whose WASM has a brotli and a gzip copy, each with its own
/// recognisable bytes, and a plain stylesheet without copies.
fn site_with_files() -> tempfile::TempDir {
    let site = tempfile::tempdir().expect("temporary folder");
    let pkg = site.path().join("pkg");
    std::fs::create_dir(&pkg).unwrap();
    write(&pkg, HASHED_WASM, b"the plain wasm");
    write(&pkg, &format!("{HASHED_WASM}.br"), b"the brotli copy");
    write(&pkg, &format!("{HASHED_WASM}.gz"), b"the gzip copy");
    write(&pkg, "safehold.css", b"body { margin: 0 }");
    site
}

fn write(folder: &Path, name: &str, bytes: &[u8]) {
    std::fs::write(folder.join(name), bytes).unwrap();
}

struct Answer {
    status: u16,
    headers: reqwest::header::HeaderMap,
    body: Vec<u8>,
}

impl Answer {
    fn header(&self, name: &str) -> &str {
        self.headers
            .get(name)
            .map(|value| value.to_str().unwrap())
            .unwrap_or_default()
    }
}

/// Sends `request` with `Accept-Encoding: encoding` (none when empty); the
/// body is kept as it came (the test client never decompresses).
async fn send(mut request: reqwest::RequestBuilder, encoding: &str) -> Answer {
    if !encoding.is_empty() {
        request = request.header("accept-encoding", encoding);
    }
    let response = request.send().await.expect("request is sent");
    Answer {
        status: response.status().as_u16(),
        headers: response.headers().clone(),
        body: response.bytes().await.unwrap().to_vec(),
    }
}

async fn get(address: &str, path: &str, encoding: &str) -> Answer {
    send(browser().get(format!("{address}{path}")), encoding).await
}

fn gunzip(bytes: &[u8]) -> String {
    let mut text = String::new();
    flate2::read::GzDecoder::new(bytes)
        .read_to_string(&mut text)
        .expect("a gzip body");
    text
}

fn unbrotli(bytes: &[u8]) -> String {
    let mut text = String::new();
    brotli::Decompressor::new(bytes, 4096)
        .read_to_string(&mut text)
        .expect("a brotli body");
    text
}

#[tokio::test]
async fn a_site_file_comes_as_the_brotli_or_gzip_copy_the_browser_accepts() {
    let site = site_with_files();
    let app = spawn_app_with_site(site.path()).await;
    let path = format!("/pkg/{HASHED_WASM}");

    let brotli = get(&app.address, &path, "gzip, deflate, br").await;
    assert_eq!(brotli.status, 200);
    assert_eq!(brotli.header("content-encoding"), "br");
    assert_eq!(brotli.body, b"the brotli copy");
    assert_eq!(brotli.header("content-type"), "application/wasm");

    let gzip = get(&app.address, &path, "gzip").await;
    assert_eq!(gzip.status, 200);
    assert_eq!(gzip.header("content-encoding"), "gzip");
    assert_eq!(gzip.body, b"the gzip copy");

    let plain = get(&app.address, &path, "").await;
    assert_eq!(plain.status, 200);
    assert_eq!(plain.header("content-encoding"), "", "no encoding asked for");
    assert_eq!(plain.body, b"the plain wasm");

    for answer in [&brotli, &gzip, &plain] {
        assert!(
            answer
                .header("vary")
                .to_ascii_lowercase()
                .contains("accept-encoding"),
            "one address, three bodies: caches must key on Accept-Encoding: {:?}",
            answer.headers
        );
    }
}

#[tokio::test]
async fn a_hashed_name_is_kept_for_good_and_a_plain_name_is_asked_about_each_time() {
    let site = site_with_files();
    let app = spawn_app_with_site(site.path()).await;

    let hashed = get(&app.address, &format!("/pkg/{HASHED_WASM}"), "br").await;
    assert_eq!(
        hashed.header("cache-control"),
        "public, max-age=31536000, immutable"
    );

    let plain = get(&app.address, "/pkg/safehold.css", "").await;
    assert_eq!(plain.status, 200);
    assert_eq!(plain.body, b"body { margin: 0 }");
    assert_eq!(plain.header("cache-control"), "no-cache");

    let missing = get(&app.address, "/pkg/safehold.ffffffffffffffffffff.js", "").await;
    assert_eq!(missing.status, 404);
    assert_eq!(
        missing.header("cache-control"),
        "no-cache",
        "a name that is not there yet must not be remembered as missing"
    );
}

#[tokio::test]
async fn the_site_files_keep_the_security_headers_and_request_id() {
    let site = site_with_files();
    let app = spawn_app_with_site(site.path()).await;
    let answer = get(&app.address, &format!("/pkg/{HASHED_WASM}"), "br").await;
    assert_eq!(answer.header("x-content-type-options"), "nosniff");
    assert!(!answer.header("x-request-id").is_empty());
}

#[tokio::test]
async fn without_hash_txt_a_page_asks_for_the_plain_names() {
    let app = spawn_app().await;
    let page = get(&app.address, "/login", "").await;
    assert_eq!(page.status, 200);
    let html = String::from_utf8(page.body).unwrap();
    for name in ["/pkg/safehold.js", "/pkg/safehold.wasm", "/pkg/safehold.css"] {
        assert!(
            html.contains(&format!("\"{name}\"")),
            "the page should ask for {name}: {html}"
        );
    }
    assert!(
        !html.contains("_bg.wasm"),
        "LEPTOS_OUTPUT_NAME is set for every build: {html}"
    );
}

#[tokio::test]
async fn a_page_comes_compressed_with_its_security_headers() {
    let app = spawn_app().await;
    let page = get(&app.address, "/login", "gzip").await;
    assert_eq!(page.status, 200);
    assert_eq!(page.header("content-encoding"), "gzip");
    let html = gunzip(&page.body);
    assert!(html.starts_with("<!DOCTYPE html>"), "{html}");
    assert!(html.contains("Sign in"), "the sign-in page: {html}");
    assert!(page.header("content-security-policy").contains("'nonce-"));
    assert_eq!(page.header("cache-control"), "no-store");
    assert_eq!(page.header("x-frame-options"), "DENY");
    assert!(!page.header("x-request-id").is_empty());
}

#[tokio::test]
async fn a_server_function_answer_comes_compressed() {
    let app = spawn_app().await;
    let request = browser().post(format!("{}/api/whoami", app.address));
    let answer = send(request, "br").await;
    assert_eq!(answer.status, 401);
    assert_eq!(answer.header("content-encoding"), "br");
    assert!(unbrotli(&answer.body).contains(&please_sign_in()));
}

#[tokio::test]
async fn a_page_another_site_sent_the_browser_to_comes_uncompressed() {
    let app = spawn_app().await;
    let request = |site: &str| {
        browser()
            .get(format!("{}/login", app.address))
            .header("sec-fetch-site", site)
    };
    for site in ["cross-site", "same-site"] {
        let page = send(request(site), "gzip, br").await;
        assert_eq!(page.status, 200);
        assert_eq!(page.header("content-encoding"), "", "started by {site}");
        assert!(
            String::from_utf8(page.body)
                .unwrap()
                .starts_with("<!DOCTYPE html>")
        );
    }
    for site in ["same-origin", "none"] {
        let page = send(request(site), "gzip").await;
        assert_eq!(page.header("content-encoding"), "gzip", "started by {site}");
    }
}
