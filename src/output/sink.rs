//! Where rendered files go as they are made: every writer (pages, sheets, the search index,
//! the calendar) hands its files to a [`FileSink`] and never knows whether they land on disk,
//! in memory (for `serve` to compare) or nowhere (for `check`).

use crate::diagnostics::Diagnostic;

/// A rendered file, ready to be written.
pub struct RenderedFile {
    /// Where the file goes, relative to the output folder, with `/` separators.
    pub path: String,
    /// Its bytes.
    pub bytes: Vec<u8>,
}

/// Where rendered files go as they are made: `build` writes each at once, so that a large site
/// is never held in memory whole; `serve` collects them to compare with what it wrote.
pub trait FileSink: Sync {
    /// Takes one file.
    fn put(&self, file: RenderedFile) -> std::io::Result<()>;
}

impl FileSink for std::sync::Mutex<Vec<RenderedFile>> {
    fn put(&self, file: RenderedFile) -> std::io::Result<()> {
        self.lock().map_err(|_| std::io::Error::other("a rendering thread failed"))?.push(file);
        Ok(())
    }
}

/// For `check`, which renders to find template errors and writes nothing.
pub struct Discard;

impl FileSink for Discard {
    fn put(&self, _: RenderedFile) -> std::io::Result<()> {
        Ok(())
    }
}

/// Hands a rendered file to the sink; a template or write error becomes a diagnostic.
pub fn deliver(sink: &dyn FileSink, result: Result<RenderedFile, Diagnostic>) -> Option<Diagnostic> {
    let file = match result {
        Ok(file) => file,
        Err(d) => return Some(d),
    };
    let path = file.path.clone();
    sink.put(file).err().map(|e| write_error(&path, &e))
}

/// A file that could not be written, as a diagnostic.
pub fn write_error(path: &str, e: &std::io::Error) -> Diagnostic {
    Diagnostic::file(path, format!("kan ikke skrive output: {e}"))
        .with_hint("se efter, om der er plads på disken, og om output-mappen kan skrives")
}
