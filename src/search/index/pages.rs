//! The display files: for each document, its page's URL, title and kind and its own anchor,
//! heading and the start of its text for the snippet, as a record of a fixed size, packed many
//! records to a file.
//!
//! A result needs its own document only. Over HTTP the query side reads its record as a byte
//! range of its pack (document `n` of a pack is bytes `n × size` to `(n + 1) × size`), so that a
//! page of ten results reads ten records of about half a kilobyte; from disk it loads the pack
//! whole, as a script. Fixed-size records need no directory to be read first.

use std::borrow::Cow;

use rayon::prelude::*;

use crate::output::RenderedFile;
use crate::search::documents::{Doc, PageDocs};

/// Most characters of a document's text in its record (the snippet is a window of 180 around
/// the first match): cards, questions and short sections fit whole; of a longer section the
/// snippet shows its opening when the match is further in. Less when the record is full.
pub(crate) const SNIPPET_SOURCE_CHARS: usize = 400;
/// Characters of text a record always has room for: the record is made larger on a site whose
/// titles, headings or addresses are so long that they would leave less.
pub(crate) const MIN_SNIPPET_SOURCE_CHARS: usize = 120;
/// Size of a record, in bytes, unless a site's longest record needs more (see [`record_bytes`]).
/// About a third of the documents of the synthetic 10,000-page site fit whole in it (at most
/// [`SNIPPET_SOURCE_CHARS`]); the others keep 200 to 300 characters of their text.
pub const RECORD_BYTES: usize = 384;

/// Records in one pack file (`d-N.js` holds documents N × this to N × this + this − 1, counted
/// through the pages in order).
pub const DOCS_PER_PACK: usize = 2048;

/// The display packs, and the size of their records. Each record is one line registering the
/// document (`triobogSearch.addDoc(page, document, [url, title, kind], [anchor, heading, text]);`)
/// padded with spaces to the record's size.
pub(crate) fn display_files(pages: &[PageDocs]) -> (Vec<RenderedFile>, usize) {
    let size = record_bytes(pages);
    let records: Vec<Vec<u8>> = pages
        .par_iter()
        .enumerate()
        .flat_map_iter(|(n, page)| {
            let head = page_head(page);
            let records: Vec<Vec<u8>> =
                page.docs.iter().enumerate().map(|(local, doc)| record(n, local, &head, doc, size)).collect();
            records
        })
        .collect();
    let files = records
        .par_chunks(DOCS_PER_PACK)
        .enumerate()
        .map(|(n, records)| RenderedFile { path: format!("search/d-{n}.js"), bytes: records.concat() })
        .collect();
    (files, size)
}

/// The size of every record: [`RECORD_BYTES`], or, when a document's record with
/// [`MIN_SNIPPET_SOURCE_CHARS`] of its text would not fit, the size that one needs.
pub(crate) fn record_bytes(pages: &[PageDocs]) -> usize {
    let longest = pages
        .par_iter()
        .enumerate()
        .map(|(n, page)| {
            let head = page_head(page);
            page.docs
                .iter()
                .enumerate()
                .map(|(local, doc)| {
                    let text = snippet_source(&doc.body, MIN_SNIPPET_SOURCE_CHARS);
                    record_line(n, local, &head, doc, &text).len() + 1
                })
                .max()
                .unwrap_or(0)
        })
        .max()
        .unwrap_or(0);
    RECORD_BYTES.max(longest.div_ceil(64) * 64)
}

/// What every record of a page repeats: `[url, title, kind]`, as JSON.
fn page_head(page: &PageDocs) -> String {
    serde_json::to_string(&(&page.url, &page.title, page.kind.code().to_string())).expect("strings serialise")
}

/// A document's record: its line with as much of its text as fits, spaces, a newline.
fn record(page: usize, local: usize, head: &str, doc: &Doc, size: usize) -> Vec<u8> {
    let mut chars = SNIPPET_SOURCE_CHARS;
    let mut line = record_line(page, local, head, doc, &snippet_source(&doc.body, chars));
    while line.len() + 1 > size && chars > 0 {
        // Each char is at least a byte: cutting as many chars as bytes are over is never too few.
        chars = chars.saturating_sub(line.len() + 1 - size);
        line = record_line(page, local, head, doc, &snippet_source(&doc.body, chars));
    }
    if line.len() + 1 > size {
        // Only for a text of a few bytes that " …" made longer: [`record_bytes`] gave it room whole.
        line = record_line(page, local, head, doc, "");
    }
    let mut bytes = line.into_bytes();
    debug_assert!(bytes.len() < size, "record_bytes makes room for every document");
    bytes.resize(size - 1, b' ');
    bytes.push(b'\n');
    bytes
}

/// The line registering a document with this text for its snippet.
fn record_line(page: usize, local: usize, head: &str, doc: &Doc, text: &str) -> String {
    let own = serde_json::to_string(&(doc.anchor, &*doc.heading, text)).expect("strings serialise");
    format!("triobogSearch.addDoc({page},{local},{head},{own});")
}

/// The first `max` chars of a document's text, cut after a word and ended with " …" when the
/// text is longer, so that its snippet does not end in half a word.
pub(crate) fn snippet_source(text: &str, max: usize) -> Cow<'_, str> {
    let cut = truncate_chars(text, max);
    if cut.len() == text.len() {
        return Cow::Borrowed(text);
    }
    let at_word = if text[cut.len()..].starts_with(char::is_whitespace) {
        cut
    } else {
        match cut.rfind(char::is_whitespace) {
            Some(space) if space >= cut.len() / 2 => &cut[..space],
            _ => cut,
        }
    };
    Cow::Owned(format!("{} …", at_word.trim_end()))
}

/// The first `max` chars of `s`. Counted a run of bytes at a time rather than char by char: a
/// run as long as the chars still wanted holds at most that many.
pub(crate) fn truncate_chars(s: &str, max: usize) -> &str {
    let bytes = s.as_bytes();
    let (mut at, mut chars) = (0, 0);
    while chars < max && at < bytes.len() {
        let mut end = (at + max - chars).min(bytes.len());
        while !s.is_char_boundary(end) {
            end += 1;
        }
        // A char starts at every byte that is not a continuation byte (0b10xxxxxx).
        chars += bytes[at..end].iter().filter(|&&b| (b as i8) >= -0x40).count();
        at = end;
    }
    &s[..at]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cut_snippet_source_ends_after_a_word_with_an_ellipsis() {
        assert_eq!(snippet_source("Hård tone på gangen", 40), "Hård tone på gangen");
        assert_eq!(snippet_source("Hård tone på gangen", 19), "Hård tone på gangen");
        assert_eq!(snippet_source("Hård tone på gangen", 12), "Hård tone på …");
        assert_eq!(snippet_source("Hård tone på gangen", 11), "Hård tone …");
        // One long word: cut inside it rather than keep nothing.
        assert_eq!(snippet_source("arbejdsmiljørepræsentanten", 6), "arbejd …");
    }

    #[test]
    fn truncate_chars_counts_chars_not_bytes() {
        assert_eq!(truncate_chars("æøå og mere", 5), "æøå o");
        assert_eq!(truncate_chars("æøå", 3), "æøå");
        assert_eq!(truncate_chars("æøå", 9), "æøå");
        assert_eq!(truncate_chars("abc", 0), "");
        for text in ["Hård tone på gangen – 𝔸 og ø", "ascii only text here", ""] {
            for max in 0..30 {
                let expected = text.char_indices().nth(max).map_or(text, |(at, _)| &text[..at]);
                assert_eq!(truncate_chars(text, max), expected, "{text:?} at {max}");
            }
        }
    }
}
