//! `triobog serve`: build, serve on 127.0.0.1, rebuild on every save, reload the browser.
//!
//! Rebuilds reuse every unchanged parsed file and write only the files whose bytes changed.
//! A failed build leaves the served site as it was (with none built yet, an empty one) and shows
//! the error over the page: a site that does not build still starts `serve`.

use std::collections::HashMap;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::io::Cursor;
use std::net::IpAddr;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{mpsc, Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

use notify::{RecursiveMode, Watcher};
use percent_encoding::percent_decode_str;
use tiny_http::{Header, Request, Response, Server};

use crate::content::PageCache;
use crate::diagnostics::Diagnostics;
use crate::theme::StaticSource;
use crate::render::RenderedFile;
use crate::resolve::Site;
use crate::{prepare, prepare_since, BuildOptions, Prepared};

/// Where and how to serve.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub build: BuildOptions,
    pub interface: IpAddr,
    pub port: u16,
}

/// The script every served HTML page gets; it waits for the next build and reloads.
const LIVERELOAD_JS: &str = include_str!("serve/livereload.js");
const LIVERELOAD_PATH: &str = "/__triobog/livereload.js";
const POLL_PATH: &str = "/__triobog/poll";

/// The number of the latest build and its error, if it failed; browsers wait on the condvar.
#[derive(Default)]
struct LiveState {
    state: Mutex<(u64, Option<String>)>,
    changed: Condvar,
}

impl LiveState {
    fn publish(&self, error: Option<String>) {
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

/// Keeps what the last successful build wrote, to write only what changed next time.
struct IncrementalOutput {
    dir: PathBuf,
    hashes: HashMap<String, u64>,
}

impl IncrementalOutput {
    /// Writes the files of a build that differ from what is there, removes files a full build no
    /// longer has; returns how many files were written. With `write` false, only records them
    /// (after the first build, which wrote everything itself).
    fn apply(&mut self, prepared: &Prepared, write: bool) -> std::io::Result<usize> {
        if prepared.changed.is_some() {
            // A partial build: only these files were rendered, everything else stands.
            return self.put_all(borrowed(&prepared.files), write);
        }
        let previous = std::mem::take(&mut self.hashes);
        let statics = prepared.static_files.iter().map(|(rel, source)| {
            let bytes = match source {
                StaticSource::Disk(p) => std::borrow::Cow::Owned(std::fs::read(p)?),
                StaticSource::Embedded(b) => std::borrow::Cow::Borrowed(&b[..]),
            };
            Ok((rel.as_str(), bytes))
        });
        let assets = prepared.site.assets.iter().map(|a| Ok((a.source.as_str(), std::borrow::Cow::Owned(std::fs::read(&a.path)?))));
        let statics: Vec<(&str, std::borrow::Cow<[u8]>)> = statics.chain(assets).collect::<std::io::Result<_>>()?;
        let files = borrowed(&prepared.files);
        self.hashes = HashMap::with_capacity(previous.len());
        let mut written = 0;
        for (rel, bytes) in files.chain(statics) {
            let h = hash(&bytes);
            if write && previous.get(rel) != Some(&h) {
                self.write(rel, &bytes)?;
                written += 1;
            }
            self.hashes.insert(rel.to_string(), h);
        }
        if write {
            for gone in previous.keys().filter(|k| !self.hashes.contains_key(*k)) {
                if let Some(rel) = crate::output::safe_relative(gone) {
                    let _ = std::fs::remove_file(self.dir.join(rel));
                }
            }
        }
        Ok(written)
    }

    /// Writes those of `files` that differ from what is there; leaves every other file.
    fn put_all<'b>(&mut self, files: impl Iterator<Item = (&'b str, std::borrow::Cow<'b, [u8]>)>, write: bool) -> std::io::Result<usize> {
        let mut written = 0;
        for (rel, bytes) in files {
            let h = hash(&bytes);
            if write && self.hashes.get(rel) != Some(&h) {
                self.write(rel, &bytes)?;
                written += 1;
            }
            self.hashes.insert(rel.to_string(), h);
        }
        Ok(written)
    }

    fn write(&self, rel: &str, bytes: &[u8]) -> std::io::Result<()> {
        let path = self.dir.join(crate::output::safe_relative(rel).ok_or_else(|| std::io::Error::other(format!("unsafe path {rel}")))?);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::write(path, bytes)
    }
}

/// Rendered files as (path, bytes) pairs, the way `IncrementalOutput` takes them.
fn borrowed(files: &[RenderedFile]) -> impl Iterator<Item = (&str, std::borrow::Cow<'_, [u8]>)> {
    files.iter().map(|f| (f.path.as_str(), std::borrow::Cow::Borrowed(&f.bytes[..])))
}

fn hash(bytes: &[u8]) -> u64 {
    let mut h = DefaultHasher::new();
    bytes.hash(&mut h);
    h.finish()
}

/// Builds, serves and rebuilds until the process is stopped. A first build that fails does not
/// stop it: the editor sees the error over the page (or over an empty one), fixes the file, and
/// the next save builds the site.
pub fn serve(opts: ServeOptions) -> Result<(), String> {
    let out_dir = opts.build.output_dir();
    crate::guard_output_dir(&opts.build.root, &out_dir).map_err(|ds| ds.to_string())?;
    let cache = PageCache::default();
    let live = Arc::new(LiveState::default());

    let start = Instant::now();
    let (out_dir, incremental, last_good) = match prepare(&opts.build, Some(&cache)) {
        Ok(prepared) => {
            // Written atomically, like `build`, so a folder that is not ours is refused.
            let output = crate::output::Output::create(&out_dir).map_err(|e| e.to_string())?;
            crate::write_all(&output, &prepared).map_err(|e| e.to_string())?;
            let out_dir = output.commit().map_err(|e| e.to_string())?;
            let mut incremental = IncrementalOutput { dir: out_dir.clone(), hashes: HashMap::new() };
            incremental.apply(&prepared, false).map_err(|e| e.to_string())?;
            report_warnings(&prepared.diagnostics);
            println!("Bygget {} sider på {} ms", prepared.site.pages.len(), start.elapsed().as_millis());
            // Build number 1: a page's first poll (with v=0) returns at once and learns it.
            live.publish(None);
            (out_dir, incremental, Some(Arc::new(prepared.site)))
        }
        Err(ds) => {
            eprintln!("{ds}\nRet fejlen og gem filen: serve bygger igen, hver gang du gemmer.");
            // What an earlier build left is served meanwhile; without one, an empty folder of ours.
            let output = crate::output::Output::create(&out_dir).map_err(|e| e.to_string())?;
            let out_dir = output.commit_if_missing().map_err(|e| e.to_string())?;
            live.publish(Some(ds.to_string()));
            (out_dir.clone(), IncrementalOutput { dir: out_dir, hashes: HashMap::new() }, None)
        }
    };
    let incremental = Arc::new(Mutex::new(incremental));

    let addr = (opts.interface, opts.port);
    let server = Server::http(addr).map_err(|e| format!("kan ikke lytte på {}:{}: {e}\nVælg en anden port med --port", opts.interface, opts.port))?;
    let server = Arc::new(server);
    println!("Siden vises på http://{}:{}/  (stop med Ctrl+C)", opts.interface, opts.port);
    {
        let (server, live, out_dir) = (server.clone(), live.clone(), out_dir.clone());
        std::thread::spawn(move || {
            for request in server.incoming_requests() {
                let (live, out_dir) = (live.clone(), out_dir.clone());
                std::thread::spawn(move || handle(request, &out_dir, &live));
            }
        });
    }
    watch_and_rebuild(&opts, &cache, &incremental, &live, last_good)
}

fn report_warnings(ds: &Diagnostics) {
    if !ds.is_empty() {
        eprintln!("{ds}");
    }
}

/// Watches the site's sources and rebuilds after each burst of changes. `last_good` is the
/// site of the last build that succeeded, if any: a save of Markdown alone renders only what
/// changed since it.
fn watch_and_rebuild(opts: &ServeOptions, cache: &PageCache, incremental: &Arc<Mutex<IncrementalOutput>>, live: &Arc<LiveState>, mut last_good: Option<Arc<Site>>) -> Result<(), String> {
    // Each rebuild's number; a search index made for an older one is not written.
    let generation = Arc::new(AtomicU64::new(0));
    let search_requests = spawn_search_worker(incremental.clone(), live.clone(), generation.clone());
    let root = &opts.build.root;
    let (tx, rx) = mpsc::channel();
    let mut watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
        if let Ok(event) = event {
            let _ = tx.send(event);
        }
    })
    .map_err(|e| format!("kan ikke overvåge filerne: {e}"))?;
    for dir in ["content", "themes", "static"] {
        let path = root.join(dir);
        if path.is_dir() {
            watcher.watch(&path, RecursiveMode::Recursive).map_err(|e| format!("kan ikke overvåge {}: {e}", path.display()))?;
        }
    }
    watcher.watch(root, RecursiveMode::NonRecursive).map_err(|e| format!("kan ikke overvåge {}: {e}", root.display()))?;

    let watched = |p: &Path| {
        let rel = p.strip_prefix(root).unwrap_or(p);
        let first = rel.components().next().map(|c| c.as_os_str().to_string_lossy().into_owned()).unwrap_or_default();
        matches!(first.as_str(), "content" | "themes" | "static" | "site.toml")
            && !rel.file_name().is_some_and(|n| n.to_string_lossy().starts_with('.') || n.to_string_lossy().ends_with('~'))
    };
    while let Ok(event) = rx.recv() {
        // Reading files during a build raises access events: only changes count.
        if event.kind.is_access() || !event.paths.iter().any(|p| watched(p)) {
            continue;
        }
        // Editors save in bursts (write, rename, chmod): wait for the burst to end.
        let mut paths: Vec<PathBuf> = event.paths;
        while let Ok(more) = rx.recv_timeout(Duration::from_millis(30)) {
            if !more.kind.is_access() {
                paths.extend(more.paths);
            }
        }
        // Only Markdown under content/ changed: the pages may differ in their bodies alone,
        // and then only what shows those bodies is rendered again (the search index after).
        let markdown_only = paths.iter().filter(|p| watched(p)).all(|p| p.strip_prefix(root.join("content")).is_ok() && p.extension().is_some_and(|e| e == "md"));
        let start = Instant::now();
        let this_build = generation.fetch_add(1, Ordering::SeqCst) + 1;
        match prepare_since(&opts.build, Some(cache), last_good.as_deref().filter(|_| markdown_only)) {
            Ok(prepared) => match incremental.lock().expect("never poisoned: writes return errors").apply(&prepared, true) {
                Ok(written) => {
                    report_warnings(&prepared.diagnostics);
                    println!("Genopbygget på {} ms ({written} filer ændret)", start.elapsed().as_millis());
                    live.publish(None);
                    let partial = prepared.changed.is_some();
                    let site = Arc::new(prepared.site);
                    if partial && site.config.search.enabled {
                        let _ = search_requests.send((site.clone(), this_build));
                    }
                    last_good = Some(site);
                }
                Err(e) => {
                    eprintln!("kan ikke skrive output: {e}");
                    live.publish(Some(format!("kan ikke skrive output: {e}")));
                }
            },
            Err(ds) => {
                eprintln!("{ds}\nSiden vises uændret, til fejlen er rettet.");
                live.publish(Some(ds.to_string()));
            }
        }
    }
    Ok(())
}

/// After a partial rebuild the browser already shows the new page; the search index follows on
/// a worker of its own, so that the next save is not kept waiting. The worker waits for a pause
/// in the saves, takes the latest site, builds on one core (the others stay free for
/// rebuilds), and writes the index only if no newer rebuild started meanwhile.
fn spawn_search_worker(incremental: Arc<Mutex<IncrementalOutput>>, live: Arc<LiveState>, generation: Arc<AtomicU64>) -> mpsc::Sender<(Arc<Site>, u64)> {
    let (tx, rx) = mpsc::channel::<(Arc<Site>, u64)>();
    std::thread::spawn(move || {
        let pool = rayon::ThreadPoolBuilder::new().num_threads(1).build().ok();
        while let Ok(mut request) = rx.recv() {
            while let Ok(newer) = rx.recv_timeout(Duration::from_millis(300)) {
                request = newer;
            }
            let (site, build) = request;
            let start = Instant::now();
            let files = std::sync::Mutex::new(Vec::new());
            let build_index = || crate::search::build_index(&site, &files).map_err(|(_, e)| e);
            let built = match &pool {
                Some(pool) => pool.install(build_index),
                None => build_index(),
            };
            let files = files.into_inner().unwrap_or_default();
            let mut incremental = incremental.lock().expect("never poisoned: writes return errors");
            if generation.load(Ordering::SeqCst) != build {
                continue;
            }
            match built.and_then(|_| incremental.put_all(borrowed(&files), true)) {
                Ok(written) => println!("Søgeindekset opdateret på {} ms ({written} filer ændret)", start.elapsed().as_millis()),
                Err(e) => {
                    eprintln!("kan ikke skrive søgeindekset: {e}");
                    live.publish(Some(format!("kan ikke skrive søgeindekset: {e}")));
                }
            }
        }
    });
    tx
}

/// Answers one request: the live-reload script, the long poll, or a file of the output.
fn handle(request: Request, out_dir: &Path, live: &LiveState) {
    let url = request.url().to_string();
    let (path, query) = url.split_once('?').unwrap_or((&url, ""));
    let response = match path {
        LIVERELOAD_PATH => respond(LIVERELOAD_JS.as_bytes().to_vec(), "text/javascript; charset=utf-8", 200),
        POLL_PATH => {
            let seen = query.split('&').find_map(|kv| kv.strip_prefix("v=")).and_then(|v| v.parse().ok()).unwrap_or(0);
            let (version, error) = live.wait_for_change(seen, Duration::from_secs(25));
            let body = serde_json::json!({ "version": version, "error": error }).to_string();
            respond(body.into_bytes(), "application/json", 200)
        }
        _ => serve_file(path, out_dir),
    };
    let _ = request.respond(response);
}

fn respond(body: Vec<u8>, content_type: &str, status: u16) -> Response<Cursor<Vec<u8>>> {
    let header = Header::from_bytes("Content-Type", content_type).expect("a static header is valid");
    let no_cache = Header::from_bytes("Cache-Control", "no-store").expect("a static header is valid");
    Response::from_data(body).with_status_code(status).with_header(header).with_header(no_cache)
}

/// What a request gets when the output has no such file and no 404 page: nothing was built yet
/// (the first build failed). Its live-reload script shows the error and reloads once fixed.
const NOTHING_BUILT_YET: &str = "<!doctype html><html lang=\"da\"><head><meta charset=\"utf-8\"><title>Ingen side endnu</title></head><body id=\"triobog-nothing-built\"><p>Her er ingen side endnu: håndbogen kunne ikke bygges. Ret fejlen, gem filen, og siden vises her.</p></body></html>";

/// A file of the output folder, never one outside it; HTML gets the live-reload script.
fn serve_file(url_path: &str, out_dir: &Path) -> Response<Cursor<Vec<u8>>> {
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

fn content_type_of(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "woff2" => "font/woff2",
        "xml" => "application/xml",
        "pdf" => "application/pdf",
        "ics" => "text/calendar; charset=utf-8",
        "txt" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
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
        for bad in ["/../secret.txt", "/a/../../secret.txt", "/%2e%2e/secret.txt", "/a/%2E%2E/%2e%2e/secret.txt", "/..%2fsecret.txt", "/..%5csecret.txt", "/%252e%252e/secret.txt"] {
            assert!(resolve_request_path(&out, bad).is_none(), "{bad}");
        }
    }

    #[test]
    fn livereload_goes_before_the_end_of_body() {
        let html = inject_livereload(b"<html><body><p>x</p></body></html>".to_vec());
        assert_eq!(String::from_utf8(html).unwrap(), format!("<html><body><p>x</p><script src=\"{LIVERELOAD_PATH}\" defer></script></body></html>"));
    }
}
