//! Finding the front matter: the block between the file's first two `+++` lines.

use std::path::Path;

use crate::diagnostics::Diagnostic;

/// A file split into its front matter and body, with the body's byte offset in the file.
pub struct Split<'a> {
    /// The TOML between the `+++` lines.
    pub front: &'a str,
    /// Byte offset of `front` in the file.
    pub front_offset: usize,
    /// The Markdown after the closing `+++`.
    pub body: &'a str,
    /// Byte offset of `body` in the file.
    pub body_offset: usize,
}

/// Finds the `+++` lines. The file must start with one and have a closing one.
pub fn split_front_matter<'a>(path: &Path, text: &'a str) -> Result<Split<'a>, Diagnostic> {
    if text.trim().is_empty() {
        return Err(Diagnostic::file(path, "filen er tom")
            .with_hint("start filen med front matter mellem to linjer med +++, fx `+++` / `title = \"Titel\"` / `+++`, eller brug `triobog new`"));
    }
    let first_line_end = text.find('\n').unwrap_or(text.len());
    if text[..first_line_end].trim_end() != "+++" {
        return Err(Diagnostic::at(path, text, 0, "filen starter ikke med front matter (`+++`)")
            .with_hint("første linje skal være `+++`, efterfulgt af fx `title = \"Titel\"` og en linje med `+++`"));
    }
    let front_offset = (first_line_end + 1).min(text.len());
    let mut pos = front_offset;
    while pos < text.len() {
        let end = text[pos..].find('\n').map_or(text.len(), |i| pos + i);
        if text[pos..end].trim_end() == "+++" {
            let body_offset = (end + 1).min(text.len());
            return Ok(Split {
                front: &text[front_offset..pos],
                front_offset,
                body: &text[body_offset..],
                body_offset,
            });
        }
        pos = end + 1;
    }
    Err(Diagnostic::at(path, text, 0, "front matter åbnes med `+++` men lukkes aldrig")
        .with_hint("tilføj en linje med `+++` efter den sidste nøgle i front matter"))
}
