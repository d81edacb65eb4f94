//! Writing the site: everything goes to a staging folder beside the output, which is swapped in
//! only when the whole build succeeded. A failed build leaves the previous output untouched.
//!
//! Every path is checked on the way in, so nothing is ever written outside the output folder.
//! A build that is killed leaves its staging folder behind; the next build removes the staging
//! folders that no running triobog owns (each holds a lock while it lives), and nothing else.
use std::collections::HashSet;
use std::fs::{self, File};
use std::io;
use std::path::{Component, Path, PathBuf};
use std::sync::{Mutex, PoisonError};

use super::sink::{FileSink, RenderedFile};

/// A file's name in every output folder triobog made; an existing folder without it is never
/// replaced, so a mistyped `--output` cannot wipe out someone's documents.
pub const MARKER: &str = ".triobog-output";

/// An output folder being written.
pub struct Output {
    staging: PathBuf,
    target: PathBuf,
    committed: bool,
    /// Held while this build lives, so that another build knows the staging folder is in use.
    lock: StagingLock,
    /// Folders made so far in the staging folder. Many files share a folder (the search index
    /// writes thousands into two), and asking the file system again costs two system calls.
    made_dirs: Mutex<HashSet<PathBuf>>,
}

impl Output {
    /// Prepares a staging folder beside `target`. Fails if `target` exists and is not ours.
    pub fn create(target: &Path) -> io::Result<Output> {
        let target = absolute(target)?;
        if target.exists() && !is_ours(&target) {
            return Err(io::Error::other(format!(
                "{} findes og er ikke lavet af triobog; vælg en anden mappe med --output, eller flyt den først",
                target.display()
            )));
        }
        let parent = target.parent().ok_or_else(|| io::Error::other("output-mappen kan ikke være filsystemets rod"))?;
        fs::create_dir_all(parent)?;
        let name = output_name(&target);
        remove_orphans(parent, &name);
        // The lock comes first: a staging folder without a held lock is an orphan.
        let lock = StagingLock::acquire(parent, &name, std::process::id())?;
        let staging = lock.staging.clone();
        if staging.exists() {
            fs::remove_dir_all(&staging)?;
        }
        fs::create_dir_all(&staging)?;
        fs::write(staging.join(MARKER), "Denne mappe er bygget af triobog og erstattes ved næste build.\n")?;
        Ok(Output { staging, target, committed: false, lock, made_dirs: Mutex::default() })
    }

    /// The staging folder being written, which becomes the output on [`Output::commit`].
    pub fn staging(&self) -> &Path {
        &self.staging
    }

    /// Writes `bytes` to `rel` (a `/`-separated path inside the output).
    pub fn write(&self, rel: &str, bytes: &[u8]) -> io::Result<()> {
        let path = self.path_for(rel)?;
        self.make_parent(&path)?;
        fs::write(path, bytes)
    }

    /// Copies the file at `source` to `rel` inside the output.
    pub fn copy(&self, rel: &str, source: &Path) -> io::Result<()> {
        let path = self.path_for(rel)?;
        self.make_parent(&path)?;
        fs::copy(source, path).map(|_| ())
    }

    /// Makes the folder that `path` goes into, unless this build already made it.
    fn make_parent(&self, path: &Path) -> io::Result<()> {
        let Some(dir) = path.parent() else { return Ok(()) };
        // A thread that panicked while holding the lock left a set that is still whole.
        let made_dirs = || self.made_dirs.lock().unwrap_or_else(PoisonError::into_inner);
        if made_dirs().contains(dir) {
            return Ok(());
        }
        fs::create_dir_all(dir)?;
        made_dirs().insert(dir.to_path_buf());
        Ok(())
    }

    /// Makes the target an empty output folder when there is none; one there (of an earlier
    /// build) stays as it is. For `serve` when its first build fails.
    pub fn commit_if_missing(self) -> io::Result<PathBuf> {
        if self.target.exists() {
            // The staging folder goes with `self`.
            return Ok(self.target.clone());
        }
        self.commit()
    }

    /// Swaps the staging folder in place of the target. Where the file system can exchange two
    /// folders in one step (Linux, macOS), the output folder never goes missing: a visitor gets
    /// the old site or the new one. Elsewhere the old folder is moved aside and the new one in.
    pub fn commit(mut self) -> io::Result<PathBuf> {
        if self.target.exists() {
            match exchange(&self.staging, &self.target) {
                // The staging path now holds the previous site.
                Ok(()) => {
                    let _ = fs::remove_dir_all(&self.staging);
                }
                Err(_) => self.move_aside_and_in()?,
            }
        } else {
            fs::rename(&self.staging, &self.target)?;
        }
        self.committed = true;
        Ok(self.target.clone())
    }

    /// The swap in two renames, for file systems that cannot exchange folders.
    fn move_aside_and_in(&self) -> io::Result<()> {
        let old = self.lock.old.clone();
        fs::rename(&self.target, &old)?;
        if let Err(e) = fs::rename(&self.staging, &self.target) {
            // Put the previous site back before reporting.
            let _ = fs::rename(&old, &self.target);
            return Err(e);
        }
        let _ = fs::remove_dir_all(&old);
        Ok(())
    }

    /// The path of `rel` in the staging folder, refusing anything that could leave it.
    fn path_for(&self, rel: &str) -> io::Result<PathBuf> {
        safe_relative(rel)
            .map(|p| self.staging.join(p))
            .ok_or_else(|| io::Error::other(format!("afviser at skrive uden for output-mappen: {rel}")))
    }
}

impl FileSink for Output {
    fn put(&self, file: RenderedFile) -> io::Result<()> {
        self.write(&file.path, &file.bytes)
    }
}

impl Drop for Output {
    fn drop(&mut self) {
        if !self.committed {
            let _ = fs::remove_dir_all(&self.staging);
        }
    }
}

/// The lock file beside a build's staging folder (`.public.lock-<pid>`), held for the build's
/// life. The operating system releases it when the process ends, however it ends, so a lock
/// that can be taken belongs to a build that is gone.
struct StagingLock {
    path: PathBuf,
    file: File,
    /// The staging folder this lock guards: `.public.tmp-<pid>`.
    staging: PathBuf,
    /// Where the previous output waits while it is swapped out without an exchange: `.public.old-<pid>`.
    old: PathBuf,
}

impl StagingLock {
    /// Takes the lock for build `id` of the output `name` in `parent`, waiting for none: the
    /// id is this process's, so no other live build holds it.
    fn acquire(parent: &Path, name: &str, id: u32) -> io::Result<StagingLock> {
        let path = parent.join(format!(".{name}.lock-{id}"));
        let file = Self::open(&path)?;
        file.lock()?;
        Ok(Self::held(parent, name, id, path, file))
    }

    /// The lock of build `id` if no live process holds it.
    fn try_acquire(parent: &Path, name: &str, id: u32) -> Option<StagingLock> {
        let path = parent.join(format!(".{name}.lock-{id}"));
        let file = Self::open(&path).ok()?;
        // Held by a live build: leave its file alone (dropping `file` only closes it).
        file.try_lock().ok()?;
        Some(Self::held(parent, name, id, path, file))
    }

    fn open(path: &Path) -> io::Result<File> {
        fs::OpenOptions::new().create(true).truncate(false).write(true).open(path)
    }

    fn held(parent: &Path, name: &str, id: u32, path: PathBuf, file: File) -> StagingLock {
        let staging = parent.join(format!(".{name}.tmp-{id}"));
        let old = parent.join(format!(".{name}.old-{id}"));
        StagingLock { path, file, staging, old }
    }
}

impl Drop for StagingLock {
    fn drop(&mut self) {
        // Removed while still held, so no other build can take it for a folder still here.
        let _ = fs::remove_file(&self.path);
        let _ = self.file.unlock();
    }
}

/// Removes what builds of the output `name` left in `parent` when they were killed: their
/// staging and swap folders and lock files, for every build whose lock no live process holds.
/// A folder is only removed when its name is one of ours and it holds our marker (or nothing).
fn remove_orphans(parent: &Path, name: &str) {
    let Ok(entries) = fs::read_dir(parent) else { return };
    let mut ids: Vec<u32> = entries.filter_map(|e| leftover_id(&e.ok()?.file_name().to_string_lossy(), name)).collect();
    ids.sort_unstable();
    ids.dedup();
    for id in ids {
        if id == std::process::id() {
            continue;
        }
        let Some(lock) = StagingLock::try_acquire(parent, name, id) else { continue };
        for dir in [&lock.staging, &lock.old] {
            if dir.is_dir() && !fs::symlink_metadata(dir).is_ok_and(|m| m.file_type().is_symlink()) && is_ours(dir) {
                let _ = fs::remove_dir_all(dir);
            }
        }
    }
}

/// The build id in the name of a folder or lock file a build of output `name` makes
/// (`.public.tmp-123`, `.public.old-123`, `.public.lock-123`), or `None` for any other name.
fn leftover_id(file_name: &str, name: &str) -> Option<u32> {
    let rest = file_name.strip_prefix('.')?.strip_prefix(name)?.strip_prefix('.')?;
    let digits = ["tmp-", "old-", "lock-"].iter().find_map(|kind| rest.strip_prefix(kind))?;
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok()
}

fn output_name(target: &Path) -> String {
    target.file_name().map_or_else(|| "public".into(), |n| n.to_string_lossy().into_owned())
}

/// Exchanges two folders in one step, where the operating system can.
#[cfg(any(target_os = "linux", target_os = "macos"))]
fn exchange(a: &Path, b: &Path) -> io::Result<()> {
    use rustix::fs::{CWD, RenameFlags, renameat_with};
    renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE).map_err(io::Error::from)
}

#[cfg(not(any(target_os = "linux", target_os = "macos")))]
fn exchange(_: &Path, _: &Path) -> io::Result<()> {
    Err(io::Error::from(io::ErrorKind::Unsupported))
}

/// `rel` as a relative path with only normal components, or `None`.
pub fn safe_relative(rel: &str) -> Option<PathBuf> {
    if rel.is_empty() || rel.contains('\\') || rel.contains('\0') {
        return None;
    }
    let path = Path::new(rel);
    path.components().all(|c| matches!(c, Component::Normal(_))).then(|| path.to_path_buf())
}

fn is_ours(dir: &Path) -> bool {
    dir.join(MARKER).is_file() || fs::read_dir(dir).map(|mut d| d.next().is_none()).unwrap_or(false)
}

fn absolute(path: &Path) -> io::Result<PathBuf> {
    if path.is_absolute() { Ok(path.to_path_buf()) } else { Ok(std::env::current_dir()?.join(path)) }
}

#[cfg(test)]
mod tests {
    use super::{leftover_id, safe_relative};

    #[test]
    fn only_our_own_leftover_names_are_recognised() {
        assert_eq!(leftover_id(".public.tmp-123", "public"), Some(123));
        assert_eq!(leftover_id(".public.old-7", "public"), Some(7));
        assert_eq!(leftover_id(".public.lock-42", "public"), Some(42));
        for other in [
            ".public.tmp-",
            ".public.tmp-12a",
            "public.tmp-1",
            ".publicx.tmp-1",
            ".site.tmp-1",
            ".public.tmp-1/x",
            ".public.bak-1",
        ] {
            assert_eq!(leftover_id(other, "public"), None, "{other}");
        }
    }

    #[test]
    fn refuses_paths_that_leave_the_output() {
        assert!(safe_relative("a/b/index.html").is_some());
        assert!(safe_relative("../x").is_none());
        assert!(safe_relative("/etc/passwd").is_none());
        assert!(safe_relative("a/../../x").is_none());
        assert!(safe_relative("a\\..\\x").is_none());
    }
}
