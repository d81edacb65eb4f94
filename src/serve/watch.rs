//! Watching a site's sources for `serve`: which paths count as a change, and when a burst of
//! changes has ended.
//!
//! The watcher is given the site's canonical roots (the local site's, and the national
//! handbook's under it, if any), so the paths it reports can be compared with them whether
//! `serve` was started with no `--root`, a relative one or through a symlink.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

use notify::event::{AccessKind, AccessMode};
use notify::{Config, Event, EventKind, RecommendedWatcher, RecursiveMode, Watcher};

use crate::content::is_scratch_file;

/// The folders of a site whose files make a build, watched recursively.
const SOURCE_DIRS: [&str; 3] = ["content", "themes", "static"];

/// How long the sources must stay quiet before a burst of changes counts as over. An editor's
/// save (write, rename, chmod) and a `git checkout` of many files both fit well inside it.
const QUIET: Duration = Duration::from_millis(50);

/// The longest a burst may hold back a rebuild, so that a folder copied in slowly still shows.
const LONGEST_BURST: Duration = Duration::from_secs(2);

/// Watches `content/`, `themes/`, `static/` and `site.toml` of each folder a site is built from.
pub struct SourceWatcher {
    roots: Vec<PathBuf>,
    watcher: RecommendedWatcher,
    events: Receiver<Event>,
    /// Source folders being watched; one made after `serve` started is added when it appears.
    watching: Vec<PathBuf>,
}

impl SourceWatcher {
    /// Starts watching the folders at `roots`, which must be canonical (see
    /// [`super::canonical_root`]).
    pub fn start(roots: &[PathBuf]) -> Result<SourceWatcher, String> {
        let (tx, events) = mpsc::channel();
        let handler = move |event: notify::Result<Event>| {
            if let Ok(event) = event {
                let _ = tx.send(event);
            }
        };
        // A symlink under the sources is not followed by the build, so not by the watcher either.
        let watcher = RecommendedWatcher::new(handler, Config::default().with_follow_symlinks(false))
            .map_err(|e| format!("kan ikke overvåge filerne: {e}"))?;
        let mut this = SourceWatcher { roots: roots.to_vec(), watcher, events, watching: Vec::new() };
        for root in roots {
            this.watcher
                .watch(root, RecursiveMode::NonRecursive)
                .map_err(|e| format!("kan ikke overvåge {}: {e}", root.display()))?;
        }
        this.watch_new_source_dirs()?;
        Ok(this)
    }

    /// Watches each source folder that exists and is not watched yet.
    fn watch_new_source_dirs(&mut self) -> Result<(), String> {
        for path in self.roots.iter().flat_map(|root| SOURCE_DIRS.map(|dir| root.join(dir))) {
            if path.is_dir() && !self.watching.contains(&path) {
                self.watcher
                    .watch(&path, RecursiveMode::Recursive)
                    .map_err(|e| format!("kan ikke overvåge {}: {e}", path.display()))?;
                self.watching.push(path);
            }
        }
        // A folder deleted (say by a `git checkout`) is watched again once it is back.
        self.watching.retain(|p| p.is_dir());
        Ok(())
    }

    /// Waits for the next change to the sources (unless changes are `carried` over from an
    /// earlier look) and returns the paths changed in its burst, once the sources have been
    /// quiet for a moment. `None` when the watcher has stopped.
    pub fn next_burst(&mut self, carried: Vec<PathBuf>) -> Option<Vec<PathBuf>> {
        let mut changed = carried;
        while changed.is_empty() {
            let event = self.events.recv().ok()?;
            self.collect(event, &mut changed);
        }
        let started = Instant::now();
        while started.elapsed() < LONGEST_BURST {
            match self.events.recv_timeout(QUIET) {
                Ok(event) => self.collect(event, &mut changed),
                Err(RecvTimeoutError::Timeout) => break,
                Err(RecvTimeoutError::Disconnected) => return None,
            }
        }
        // Watch a source folder made in this burst before the build reads it.
        if let Err(e) = self.watch_new_source_dirs() {
            eprintln!("{e}");
        }
        changed.sort();
        changed.dedup();
        Some(changed)
    }

    /// Whether a change arrived since the last burst was returned; its paths are added to
    /// `pending`, to be carried into the next burst. A build that a newer save overtook may have
    /// read a file half written.
    pub fn changed_meanwhile(&mut self, pending: &mut Vec<PathBuf>) -> bool {
        while let Ok(event) = self.events.try_recv() {
            self.collect(event, pending);
        }
        !pending.is_empty()
    }

    /// Adds the paths of `event` that are source changes to `changed`.
    fn collect(&self, event: Event, changed: &mut Vec<PathBuf>) {
        if !is_change(&event.kind) {
            return;
        }
        changed.extend(event.paths.into_iter().filter(|p| self.roots.iter().any(|root| is_source(root, p))));
    }
}

/// Whether an event may change what a build reads. Reading files raises access events, and
/// a build reads every file: only a write's close counts among them.
fn is_change(kind: &EventKind) -> bool {
    match kind {
        EventKind::Access(AccessKind::Close(AccessMode::Write)) => true,
        EventKind::Access(_) => false,
        _ => true,
    }
}

/// Whether `path` (as the watcher reports it, under the canonical root) is one of the site's
/// sources: under a source folder or `site.toml`, and not an editor's scratch file.
pub fn is_source(root: &Path, path: &Path) -> bool {
    let Ok(rel) = path.strip_prefix(root) else { return false };
    let mut parts = rel.components().map(|c| c.as_os_str().to_string_lossy());
    let Some(first) = parts.next() else { return false };
    let in_sources = match first.as_ref() {
        "site.toml" => parts.next().is_none(),
        dir => SOURCE_DIRS.contains(&dir),
    };
    in_sources && !rel.components().any(|c| is_scratch_file(&c.as_os_str().to_string_lossy()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sources_are_content_themes_static_and_site_toml_without_scratch_files() {
        let root = Path::new("/site");
        for yes in ["content/a.md", "content/cases", "themes/t/static/x.css", "static/logo.svg", "site.toml", "content"]
        {
            assert!(is_source(root, &root.join(yes)), "{yes}");
        }
        for no in [
            "public/index.html",
            ".public.tmp-12/index.html",
            "site.toml~",
            "target/release/x",
            "content/.a.md.swp",
            "content/a.md~",
            "content/4913",
            "content/a.md.tmp",
            "content/#a.md#",
            "content/a.md___jb_tmp___",
            "/elsewhere/content/a.md",
        ] {
            assert!(!is_source(root, &root.join(no)), "{no}");
        }
    }

    #[test]
    fn only_a_write_counts_among_access_events() {
        assert!(is_change(&EventKind::Access(AccessKind::Close(AccessMode::Write))));
        assert!(!is_change(&EventKind::Access(AccessKind::Close(AccessMode::Read))));
        assert!(!is_change(&EventKind::Access(AccessKind::Open(AccessMode::Any))));
        assert!(is_change(&EventKind::Remove(notify::event::RemoveKind::File)));
    }
}
