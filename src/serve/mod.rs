//! `triobog serve`: build, serve on 127.0.0.1, rebuild on every save, reload the browser.
//!
//! Rebuilds reuse every unchanged parsed file and write only the files whose bytes changed.
//! A failed build leaves the served site as it was (with none built yet, an empty one) and shows
//! the error over the page: a site that does not build still starts `serve`.

mod http;
mod incremental;
mod server;
mod watch;

use std::net::IpAddr;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, mpsc};
use std::time::{Duration, Instant};

use crate::content::PageCache;
use crate::diagnostics::Diagnostics;
use crate::model::Site;
use crate::pipeline::{BuildOptions, Prepared, guard_output_dir, prepare, prepare_since, write_all};

use http::LiveState;
pub use http::resolve_request_path;
use incremental::{IncrementalOutput, borrowed};
use watch::SourceWatcher;

/// Where and how to serve.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// What to build; its root may be relative (see [`canonical_root`]).
    pub build: BuildOptions,
    /// The address to listen on; 127.0.0.1 unless the editor asks for another.
    pub interface: IpAddr,
    /// The port to listen on.
    pub port: u16,
}

/// How many builds in a row may be dropped because a newer save overtook them, before one is
/// shown anyway (so that a file written without pause still gets a page).
const MOST_OVERTAKEN: u32 = 3;

/// Builds, serves and rebuilds until the process is stopped. A first build that fails does not
/// stop it: the editor sees the error over the page (or over an empty one), fixes the file, and
/// the next save builds the site.
pub fn serve(mut opts: ServeOptions) -> Result<(), String> {
    opts.build.root = canonical_root(&opts.build.root)?;
    let out_dir = opts.build.output_dir();
    guard_output_dir(&opts.build.root, &out_dir).map_err(|ds| ds.to_string())?;
    // Watching starts before the first build, so that a save during it is not missed.
    let roots = watched_roots(&opts.build.root);
    let watcher = SourceWatcher::start(&roots)?;
    let cache = PageCache::default();
    let live = Arc::new(LiveState::default());

    let start = Instant::now();
    let (out_dir, incremental, last_good) = match prepare(&opts.build, Some(&cache)) {
        Ok(prepared) => {
            // Written atomically, like `build`, so a folder that is not ours is refused.
            let output = crate::output::Output::create(&out_dir).map_err(|e| e.to_string())?;
            write_all(&output, &prepared).map_err(|e| e.to_string())?;
            let out_dir = output.commit().map_err(|e| e.to_string())?;
            let mut incremental = IncrementalOutput::written(out_dir.clone());
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
            (out_dir.clone(), IncrementalOutput::unknown(out_dir), None)
        }
    };
    let incremental = Arc::new(Mutex::new(incremental));

    let addr = (opts.interface, opts.port);
    let listener = std::net::TcpListener::bind(addr).map_err(|e| {
        format!("kan ikke lytte på {}:{}: {e}\nVælg en anden port med --port", opts.interface, opts.port)
    })?;
    println!("Siden vises på http://{}:{}/  (stop med Ctrl+C)", opts.interface, opts.port);
    {
        let (live, out_dir) = (live.clone(), out_dir.clone());
        let handler: server::Handler = Arc::new(move |target| http::handle(target, &out_dir, &live));
        std::thread::spawn(move || server::run(listener, handler));
    }
    let rebuilder = Rebuilder {
        opts: &opts,
        cache: &cache,
        incremental,
        live,
        last_good,
        generation: Arc::new(AtomicU64::new(0)),
        roots,
    };
    rebuilder.run(watcher);
    Ok(())
}

/// The folders to watch: the site's, and the national handbook's under a local site.
fn watched_roots(root: &Path) -> Vec<PathBuf> {
    match crate::config::load_site(root) {
        Ok((_, layers)) => layers.layers.into_iter().map(|l| l.root).collect(),
        Err(_) => vec![root.to_path_buf()],
    }
}

/// The site's folder as the file watcher reports it: absolute, with every symlink resolved.
/// The watcher names changed files by the path it watches, and a relative root (`.`, the
/// default, or `../site`) or one reached through a symlink would never match them.
pub fn canonical_root(root: &Path) -> Result<PathBuf, String> {
    std::fs::canonicalize(root).map_err(|e| format!("kan ikke finde sidens mappe {}: {e}\nKør serve i sidens mappe (den med site.toml), eller angiv den med --root", root.display()))
}

fn report_warnings(ds: &Diagnostics) {
    if !ds.is_empty() {
        eprintln!("{ds}");
    }
}

/// What lives from one rebuild to the next.
struct Rebuilder<'a> {
    opts: &'a ServeOptions,
    cache: &'a PageCache,
    incremental: Arc<Mutex<IncrementalOutput>>,
    live: Arc<LiveState>,
    /// The site of the last build that succeeded, if any: a save of Markdown alone renders
    /// only what changed since it.
    last_good: Option<Arc<Site>>,
    /// Each rebuild's number; a search index made for an older one is not written.
    generation: Arc<AtomicU64>,
    /// The folders the site is built from, whose `content/` changes may rebuild only in part.
    roots: Vec<PathBuf>,
}

impl Rebuilder<'_> {
    /// Rebuilds after each burst of changes until the watcher stops. A build that a newer save
    /// overtook is dropped unseen (it may have read a file half written) and the site is built
    /// again at once, so that an editor's save never flashes an error that was never there.
    fn run(mut self, mut watcher: SourceWatcher) {
        let search_requests = spawn_search_worker(self.incremental.clone(), self.live.clone(), self.generation.clone());
        let mut pending = Vec::new();
        let mut overtaken = 0;
        loop {
            let Some(changed) = watcher.next_burst(std::mem::take(&mut pending)) else { return };
            let start = Instant::now();
            let this_build = self.generation.fetch_add(1, Ordering::SeqCst) + 1;
            let result = self.prepare(&changed);
            if watcher.changed_meanwhile(&mut pending) && overtaken < MOST_OVERTAKEN {
                overtaken += 1;
                continue;
            }
            overtaken = 0;
            match result {
                Ok(prepared) => self.show(prepared, start, this_build, &search_requests),
                Err(ds) => {
                    eprintln!("{ds}\nSiden vises uændret, til fejlen er rettet.");
                    self.live.publish(Some(ds.to_string()));
                }
            }
        }
    }

    /// Builds the site after `changed`: only what shows the changed pages when nothing but
    /// Markdown under `content/` changed, else the whole site.
    fn prepare(&self, changed: &[PathBuf]) -> Result<Prepared, Diagnostics> {
        let contents: Vec<PathBuf> = self.roots.iter().map(|r| r.join("content")).collect();
        let in_content = |p: &PathBuf| contents.iter().any(|c| p.starts_with(c));
        let markdown_only = changed.iter().all(|p| in_content(p) && p.extension().is_some_and(|e| e == "md"));
        prepare_since(&self.opts.build, Some(self.cache), self.last_good.as_deref().filter(|_| markdown_only))
    }

    /// Writes what a successful build changed and reloads the pages; a partial build sends
    /// the search index to be made after it.
    fn show(
        &mut self,
        prepared: Prepared,
        start: Instant,
        this_build: u64,
        search_requests: &mpsc::Sender<(Arc<Site>, u64)>,
    ) {
        match self.incremental.lock().expect("never poisoned: writes return errors").apply(&prepared, true) {
            Ok(written) => {
                report_warnings(&prepared.diagnostics);
                println!("Genopbygget på {} ms ({written} filer ændret)", start.elapsed().as_millis());
                self.live.publish(None);
            }
            Err(e) => {
                eprintln!("kan ikke skrive output: {e}");
                self.live.publish(Some(format!("kan ikke skrive output: {e}")));
                return;
            }
        }
        let partial = prepared.changed.is_some();
        let site = Arc::new(prepared.site);
        if partial && site.config.search.enabled {
            let _ = search_requests.send((site.clone(), this_build));
        }
        self.last_good = Some(site);
    }
}

/// After a partial rebuild the browser already shows the new page; the search index follows on
/// a worker of its own, so that the next save is not kept waiting. The worker waits for a pause
/// in the saves, takes the latest site, builds on one core (the others stay free for
/// rebuilds), and writes the index only if no newer rebuild started meanwhile.
fn spawn_search_worker(
    incremental: Arc<Mutex<IncrementalOutput>>,
    live: Arc<LiveState>,
    generation: Arc<AtomicU64>,
) -> mpsc::Sender<(Arc<Site>, u64)> {
    let (tx, rx) = mpsc::channel::<(Arc<Site>, u64)>();
    std::thread::spawn(move || {
        let pool = rayon::ThreadPoolBuilder::new().num_threads(1).build().ok();
        while let Ok(mut request) = rx.recv() {
            while let Ok(newer) = rx.recv_timeout(Duration::from_millis(300)) {
                request = newer;
            }
            let (site, build) = request;
            let start = Instant::now();
            let files = Mutex::new(Vec::new());
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
                Ok(written) => {
                    println!("Søgeindekset opdateret på {} ms ({written} filer ændret)", start.elapsed().as_millis())
                }
                Err(e) => {
                    eprintln!("kan ikke skrive søgeindekset: {e}");
                    live.publish(Some(format!("kan ikke skrive søgeindekset: {e}")));
                }
            }
        }
    });
    tx
}
