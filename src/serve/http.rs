//! What `serve` answers over HTTP: files of the output folder (never one outside it), with the
//! live-reload script in every HTML page, and the long poll that tells a page a build is done.

use std::path::{Path, PathBuf};
use std::sync::{Condvar, Mutex};
use std::time::Duration;

use percent_encoding::percent_decode_str;

use crate::serve::server::Reply;

/// The script every served HTML page gets; it waits for the next build and reloads.
const LIVERELOAD_JS: &str = include_str!("livereload.js");
const LIVERELOAD_PATH: &str = "/__triobog/livereload.js";
const POLL_PATH: &str = "/__triobog/poll";

/// The number of the latest build and its error, if it failed; browsers wait on the condvar.
#[derive(Default)]
pub struct LiveState {
    state: Mutex<(u64, Option<String>)>,
    changed: Condvar,
}

impl LiveState {
    /// Announces a new build to every waiting page, with its error if it failed.
    pub fn publish(&self, error: Option<String>) {
        let mut s = self.state.lock().expect("never poisoned: no panics while held");
        s.0 += 1;
        s.1 = error;
        self.changed.notify_all();
    }

    /// Waits until the build number differs from `seen` (or the timeout), then returns the state.
    fn wait_for_change(&self, seen: u64, timeout: Duration) -> (u64, Option<String>) {
        let guard = self.state.lock().expect("never poisoned: no panics while held");
        let (guard, _) = self.changed.wait_timeout_while(guard, timeout, |s| s.0 == seen).expect("never poisoned");
        guard.clone()
    }
}

/// Answers one request (`target`: its path and query): the live-reload script, the long poll,
/// or a file of the output.
pub fn handle(target: &str, out_dir: &Path, live: &LiveState) -> Reply {
    let (path, query) = target.split_once('?').unwrap_or((target, ""));
    match path {
        LIVERELOAD_PATH => respond(LIVERELOAD_JS.as_bytes().to_vec(), "text/javascript; charset=utf-8", 200),
        POLL_PATH => {
            let seen = query.split('&').find_map(|kv| kv.strip_prefix("v=")).and_then(|v| v.parse().ok()).unwrap_or(0);
            let (version, error) = live.wait_for_change(seen, Duration::from_secs(25));
            let body = serde_json::json!({ "version": version, "error": error }).to_string();
            respond(body.into_bytes(), "application/json", 200)
        }
        _ => serve_file(path, out_dir),
    }
}

fn respond(body: Vec<u8>, content_type: &'static str, status: u16) -> Reply {
    Reply { status, content_type, content_range: None, body }
}

/// What a request gets when the output has no such file and no 404 page: nothing was built yet
/// (the first build failed). Its live-reload script shows the error and reloads once fixed.
const NOTHING_BUILT_YET: &str = "<!doctype html><html lang=\"da\"><head><meta charset=\"utf-8\"><title>Ingen side endnu</title></head><body id=\"triobog-nothing-built\"><p>Her er ingen side endnu: håndbogen kunne ikke bygges. Ret fejlen, gem filen, og siden vises her.</p></body></html>";

/// A file of the output folder, never one outside it; HTML gets the live-reload script.
fn serve_file(url_path: &str, out_dir: &Path) -> Reply {
    let not_found = || {
        let body = std::fs::read(out_dir.join("404.html")).unwrap_or_else(|_| NOTHING_BUILT_YET.as_bytes().to_vec());
        respond(inject_livereload(body), "text/html; charset=utf-8", 404)
    };
    let Some(mut file) = resolve_request_path(out_dir, url_path) else { return not_found() };
    if file.is_dir() {
        file = file.join("index.html");
    }
    let Ok(bytes) = std::fs::read(&file) else { return not_found() };
    let content_type = content_type_of(&file);
    let body = if content_type.starts_with("text/html") { inject_livereload(bytes) } else { bytes };
    respond(body, content_type, 200)
}

/// Maps a URL path to a file under `out_dir`, refusing `..`, encoded separators and anything
/// that would end up outside the folder.
pub fn resolve_request_path(out_dir: &Path, url_path: &str) -> Option<PathBuf> {
    let mut path = out_dir.to_path_buf();
    for segment in url_path.split('/').filter(|s| !s.is_empty()) {
        let decoded = percent_decode_str(segment).decode_utf8().ok()?;
        if decoded == "." || decoded == ".." || decoded.contains(['/', '\\', '\0']) || decoded.contains(':') {
            return None;
        }
        path.push(decoded.as_ref());
    }
    let canon_root = std::fs::canonicalize(out_dir).ok()?;
    let canon = std::fs::canonicalize(&path).ok()?;
    canon.starts_with(&canon_root).then_some(canon)
}

fn inject_livereload(mut html: Vec<u8>) -> Vec<u8> {
    let tag = format!("<script src=\"{LIVERELOAD_PATH}\" defer></script>");
    match html.windows(7).rposition(|w| w.eq_ignore_ascii_case(b"</body>")) {
        Some(pos) => {
            html.splice(pos..pos, tag.bytes());
            html
        }
        None => {
            html.extend_from_slice(tag.as_bytes());
            html
        }
    }
}

/// The MIME type `serve` sends a file as: the one every web server is configured with
/// (`hosting::rules`), so that a preview behaves as the intranet will.
fn content_type_of(path: &Path) -> &'static str {
    let extension = path.extension().and_then(|e| e.to_str()).unwrap_or("");
    crate::hosting::rules::mime_type(extension).unwrap_or("application/octet-stream")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn request_paths_cannot_leave_the_output() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        std::fs::create_dir_all(out.join("a")).unwrap();
        std::fs::write(out.join("a/index.html"), "x").unwrap();
        std::fs::write(dir.path().join("secret.txt"), "x").unwrap();
        assert!(resolve_request_path(&out, "/a/index.html").is_some());
        assert!(resolve_request_path(&out, "/a/").is_some());
        for bad in [
            "/../secret.txt",
            "/a/../../secret.txt",
            "/%2e%2e/secret.txt",
            "/a/%2E%2E/%2e%2e/secret.txt",
            "/..%2fsecret.txt",
            "/..%5csecret.txt",
            "/%252e%252e/secret.txt",
        ] {
            assert!(resolve_request_path(&out, bad).is_none(), "{bad}");
        }
    }

    #[test]
    fn livereload_goes_before_the_end_of_body() {
        let html = inject_livereload(b"<html><body><p>x</p></body></html>".to_vec());
        assert_eq!(
            String::from_utf8(html).unwrap(),
            format!("<html><body><p>x</p><script src=\"{LIVERELOAD_PATH}\" defer></script></body></html>")
        );
    }
}
