//! Parsed files kept between `serve`'s rebuilds: a file is parsed again only when it changed.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::SystemTime;

use crate::content::model::Page;
use crate::diagnostics::Diagnostics;

/// What loading one file gave: its page (none for a draft left out), or its problems.
pub type PageResult = Result<Option<Arc<Page>>, Diagnostics>;

/// Parsed files kept between rebuilds in `serve`, keyed by their place on disk; a file is parsed again
/// only when its modification time or size changed (or the parse settings did).
#[derive(Default)]
pub struct PageCache {
    entries: Mutex<HashMap<PathBuf, CacheEntry>>,
}

struct CacheEntry {
    stamp: FileStamp,
    result: PageResult,
}

/// What tells a file's versions apart without reading it: modification time, size, and (on
/// Unix) the inode, which an editor's save by rename changes even within one clock tick.
/// The parse settings are part of it, as they change the result.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct FileStamp {
    modified: SystemTime,
    len: u64,
    inode: u64,
    drafts: bool,
    allow_html: bool,
}

impl FileStamp {
    fn of(path: &Path, drafts: bool, allow_html: bool) -> Option<FileStamp> {
        let meta = std::fs::metadata(path).ok()?;
        #[cfg(unix)]
        let inode = std::os::unix::fs::MetadataExt::ino(&meta);
        #[cfg(not(unix))]
        let inode = 0;
        Some(FileStamp {
            modified: meta.modified().unwrap_or(SystemTime::UNIX_EPOCH),
            len: meta.len(),
            inode,
            drafts,
            allow_html,
        })
    }
}

impl PageCache {
    /// Forgets every file not in `present`: deleted, renamed and newly replaced files.
    pub fn keep_only<'a>(&self, present: impl Iterator<Item = &'a Path>) {
        let present: HashSet<&Path> = present.collect();
        self.entries
            .lock()
            .expect("the cache lock is never held across a panic")
            .retain(|p, _| present.contains(p.as_path()));
    }

    /// The page of the file at `path`: the cached one when the file has not changed, else
    /// `load`'s, which is then kept.
    pub fn get_or_load(
        &self,
        path: &Path,
        drafts: bool,
        allow_html: bool,
        load: impl FnOnce() -> PageResult,
    ) -> PageResult {
        let stamp = FileStamp::of(path, drafts, allow_html);
        if let Some(stamp) = stamp {
            let entries = self.entries.lock().expect("the cache lock is never held across a panic");
            if let Some(hit) = entries.get(path).filter(|e| e.stamp == stamp) {
                return hit.result.clone();
            }
        }
        let result = load();
        if let Some(stamp) = stamp {
            self.entries
                .lock()
                .expect("the cache lock is never held across a panic")
                .insert(path.to_path_buf(), CacheEntry { stamp, result: result.clone() });
        }
        result
    }
}
