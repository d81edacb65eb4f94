//! Writing the site: everything goes to a temporary folder beside the output, which is swapped in
//! only when the whole build succeeded. A failed build leaves the previous output untouched.
//!
//! Every path is checked on the way in, so nothing is ever written outside the output folder.

use std::collections::HashSet;
use std::fs;
use std::io;
use std::path::{Component, Path, PathBuf};
use std::sync::{Mutex, PoisonError};

/// A file's name in every output folder triobog made; an existing folder without it is never
/// replaced, so a mistyped `--output` cannot wipe out someone's documents.
pub const MARKER: &str = ".triobog-output";

/// An output folder being written.
pub struct Output {
    staging: PathBuf,
    target: PathBuf,
    committed: bool,
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
        let name = target.file_name().map_or_else(|| "public".into(), |n| n.to_string_lossy().into_owned());
        let staging = parent.join(format!(".{name}.tmp-{}", std::process::id()));
        if staging.exists() {
            fs::remove_dir_all(&staging)?;
        }
        fs::create_dir_all(&staging)?;
        fs::write(staging.join(MARKER), "Denne mappe er bygget af triobog og erstattes ved næste build.\n")?;
        Ok(Output { staging, target, committed: false, made_dirs: Mutex::default() })
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

    /// Swaps the staging folder in place of the target.
    pub fn commit(mut self) -> io::Result<PathBuf> {
        let old = self.target.with_file_name(format!(
            ".{}.old-{}",
            self.target.file_name().map_or_else(|| "public".into(), |n| n.to_string_lossy().into_owned()),
            std::process::id()
        ));
        if self.target.exists() {
            fs::rename(&self.target, &old)?;
            if let Err(e) = fs::rename(&self.staging, &self.target) {
                // Put the previous site back before reporting.
                let _ = fs::rename(&old, &self.target);
                return Err(e);
            }
            let _ = fs::remove_dir_all(&old);
        } else {
            fs::rename(&self.staging, &self.target)?;
        }
        self.committed = true;
        Ok(self.target.clone())
    }

    /// The path of `rel` in the staging folder, refusing anything that could leave it.
    fn path_for(&self, rel: &str) -> io::Result<PathBuf> {
        safe_relative(rel).map(|p| self.staging.join(p)).ok_or_else(|| io::Error::other(format!("afviser at skrive uden for output-mappen: {rel}")))
    }
}

impl Drop for Output {
    fn drop(&mut self) {
        if !self.committed {
            let _ = fs::remove_dir_all(&self.staging);
        }
    }
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
    use super::safe_relative;

    #[test]
    fn refuses_paths_that_leave_the_output() {
        assert!(safe_relative("a/b/index.html").is_some());
        assert!(safe_relative("../x").is_none());
        assert!(safe_relative("/etc/passwd").is_none());
        assert!(safe_relative("a/../../x").is_none());
        assert!(safe_relative("a\\..\\x").is_none());
    }
}
