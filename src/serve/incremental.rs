//! `serve`'s output folder between builds: only files whose bytes changed are written, and
//! files (and folders) a full build no longer has are removed, so that the folder always equals
//! what a full build would write.

use std::borrow::Cow;
use std::collections::HashMap;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::path::PathBuf;

use crate::output::RenderedFile;
use crate::pipeline::Prepared;
use crate::theme::StaticSource;

/// Keeps what the last successful build wrote, to write only what changed next time.
pub struct IncrementalOutput {
    dir: PathBuf,
    /// The hash of every file the folder holds, by path; complete once a full build was applied.
    hashes: HashMap<String, u64>,
    /// Whether `hashes` lists every file of the folder. Not when `serve` started over what an
    /// earlier build left, which the first full build then clears of what it no longer has.
    complete: bool,
}

impl IncrementalOutput {
    /// The output folder as a build of this `serve` just wrote it (its files are recorded by
    /// the first [`IncrementalOutput::apply`]).
    pub fn written(dir: PathBuf) -> IncrementalOutput {
        IncrementalOutput { dir, hashes: HashMap::new(), complete: true }
    }

    /// An output folder of unknown contents: what an earlier build left, or nothing.
    pub fn unknown(dir: PathBuf) -> IncrementalOutput {
        IncrementalOutput { dir, hashes: HashMap::new(), complete: false }
    }

    /// Writes the files of a build that differ from what is there, removes files a full build no
    /// longer has; returns how many files were written. With `write` false, only records them
    /// (after the first build, which wrote everything itself).
    pub fn apply(&mut self, prepared: &Prepared, write: bool) -> std::io::Result<usize> {
        if prepared.changed.is_some() {
            // A partial build: only these files were rendered, everything else stands.
            return self.put_all(borrowed(&prepared.files), write);
        }
        let previous = std::mem::take(&mut self.hashes);
        let statics = prepared.static_files.iter().map(|(rel, source)| {
            let bytes = match source {
                StaticSource::Disk(p) => Cow::Owned(std::fs::read(p)?),
                StaticSource::Embedded(b) => Cow::Borrowed(&b[..]),
            };
            Ok((rel.as_str(), bytes))
        });
        let assets = prepared.site.assets.iter().map(|a| Ok((a.source.as_str(), Cow::Owned(std::fs::read(&a.path)?))));
        let statics: Vec<(&str, Cow<[u8]>)> = statics.chain(assets).collect::<std::io::Result<_>>()?;
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
            let gone: Vec<String> = if self.complete {
                previous.into_keys().filter(|k| !self.hashes.contains_key(k)).collect()
            } else {
                self.files_not_built()
            };
            for rel in gone {
                self.remove(&rel);
            }
            self.complete = true;
        }
        Ok(written)
    }

    /// Every file in the folder that this build did not write, but our marker.
    fn files_not_built(&self) -> Vec<String> {
        walkdir::WalkDir::new(&self.dir)
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file())
            .filter_map(|e| {
                let rel = e.path().strip_prefix(&self.dir).ok()?;
                let rel = rel.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/");
                (rel != crate::output::MARKER && !self.hashes.contains_key(&rel)).then_some(rel)
            })
            .collect()
    }

    /// Removes a file a full build no longer has, and each folder it leaves empty.
    fn remove(&self, rel: &str) {
        let Some(rel) = crate::output::safe_relative(rel) else { return };
        let path = self.dir.join(rel);
        if std::fs::remove_file(&path).is_err() {
            return;
        }
        let mut dir = path.parent();
        while let Some(d) = dir.filter(|d| *d != self.dir) {
            // Fails, and stops, at the first folder that still holds something.
            if std::fs::remove_dir(d).is_err() {
                break;
            }
            dir = d.parent();
        }
    }

    /// Writes those of `files` that differ from what is there; leaves every other file.
    pub fn put_all<'b>(
        &mut self,
        files: impl Iterator<Item = (&'b str, Cow<'b, [u8]>)>,
        write: bool,
    ) -> std::io::Result<usize> {
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
        let path = self.dir.join(
            crate::output::safe_relative(rel).ok_or_else(|| std::io::Error::other(format!("unsafe path {rel}")))?,
        );
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::write(path, bytes)
    }
}

/// Rendered files as (path, bytes) pairs, the way `IncrementalOutput` takes them.
pub fn borrowed(files: &[RenderedFile]) -> impl Iterator<Item = (&str, Cow<'_, [u8]>)> {
    files.iter().map(|f| (f.path.as_str(), Cow::Borrowed(&f.bytes[..])))
}

fn hash(bytes: &[u8]) -> u64 {
    let mut h = DefaultHasher::new();
    bytes.hash(&mut h);
    h.finish()
}
