//! The display files: for each of a run of pages, its URL, title, kind and its documents'
//! anchors, headings and snippet text, sharing a fixed amount of text among them.

use std::borrow::Cow;

use crate::output::RenderedFile;
use crate::search::documents::PageDocs;

/// Characters of a document's text shipped for its snippet (a window of 180 around the first
/// match). A document is one heading's section, a card or a question: cards, questions and
/// short sections fit whole; of a longer section the snippet shows its opening when the match
/// is further in.
pub(crate) const SNIPPET_SOURCE_CHARS: usize = 400;
/// Characters of text a page's display file holds for all its documents' snippets. The display
/// files are most of a first query's bytes, and a result needs one document of its page: this
/// keeps a long page's file to about 1.5 KB (gzip), while a deck's cards or a page of a few
/// sections still fit whole. The short documents get all they have, the long ones share the
/// rest evenly, none less than [`MIN_SNIPPET_SOURCE_CHARS`].
pub(crate) const PAGE_SNIPPET_CHARS: usize = 2400;
pub(crate) const MIN_SNIPPET_SOURCE_CHARS: usize = 160;

/// Pages whose display data share a file (`d-N.js` holds pages N × this to N × this + this − 1).
///
/// One: measured at 10,000 pages (BENCHMARKS.md, issue 22), a result needs one document of its
/// page, and the pages a query's results are on are spread over the site, so a file of 4 pages
/// (with less snippet text each) more than doubled a first query's display bytes and one of 32
/// made them ten times as many. The files are written as packs all the same, so that a site
/// whose results cluster can pack them by changing this number.
pub const PAGES_PER_FILE: usize = 1;

/// The display files: the pages' display data, [`PAGES_PER_FILE`] pages a file, in page order.
pub(crate) fn display_files<'a>(
    pages: &'a [PageDocs<'a>],
) -> impl rayon::iter::IndexedParallelIterator<Item = RenderedFile> + 'a {
    use rayon::prelude::*;
    let per_file = PAGES_PER_FILE;
    pages.par_chunks(per_file).enumerate().map(move |(n, chunk)| {
        let mut bytes = format!("triobogSearch.addPages({},[", n * per_file).into_bytes();
        for (k, page) in chunk.iter().enumerate() {
            if k > 0 {
                bytes.push(b',');
            }
            write_page(&mut bytes, page);
        }
        bytes.extend_from_slice(b"]);\n");
        RenderedFile { path: format!("search/d-{n}.js"), bytes }
    })
}

/// One page's display data, as the JSON array `[url, title, kind, [[anchor, heading, text], …]]`.
fn write_page(bytes: &mut Vec<u8>, page: &PageDocs) {
    let lengths: Vec<usize> =
        page.docs.iter().map(|d| truncate_chars(&d.body, SNIPPET_SOURCE_CHARS).chars().count()).collect();
    let shares = snippet_shares(&lengths);
    let docs: Vec<(&str, &str, Cow<str>)> = page
        .docs
        .iter()
        .zip(shares)
        .map(|(d, share)| (d.anchor, &*d.heading, snippet_source(&d.body, share)))
        .collect();
    let kind = page.kind.code().to_string();
    serde_json::to_writer(bytes, &(&page.url, &page.title, kind, docs)).expect("strings serialise");
}

/// How many chars of each document's text (`lengths`, in chars) its page's display file holds:
/// each at most [`SNIPPET_SOURCE_CHARS`], the page at most [`PAGE_SNIPPET_CHARS`] unless every
/// document already gets no more than [`MIN_SNIPPET_SOURCE_CHARS`]. Shared out shortest first,
/// so that what a short document leaves goes to the longer ones.
pub(crate) fn snippet_shares(lengths: &[usize]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..lengths.len()).collect();
    order.sort_by_key(|&i| lengths[i]);
    let mut shares = vec![0; lengths.len()];
    let mut left = PAGE_SNIPPET_CHARS;
    for (k, &i) in order.iter().enumerate() {
        let even = left / (lengths.len() - k);
        shares[i] = lengths[i].min(SNIPPET_SOURCE_CHARS).min(even.max(MIN_SNIPPET_SOURCE_CHARS));
        left = left.saturating_sub(shares[i]);
    }
    shares
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
    fn short_documents_keep_their_text_and_long_ones_share_what_the_page_has_left() {
        // A deck page: cards fit whole.
        assert_eq!(snippet_shares(&[90, 120, 80]), vec![90, 120, 80]);
        // Short ones whole, the long ones each an even share of the rest, at most 400.
        assert_eq!(snippet_shares(&[100, 401, 401]), vec![100, 400, 400]);
        let shares = snippet_shares(&[100, 401, 401, 401, 401, 401, 401, 401]);
        assert_eq!(shares, vec![100, 328, 328, 328, 329, 329, 329, 329]);
        assert!(shares.iter().sum::<usize>() <= PAGE_SNIPPET_CHARS);
        // Many long sections: none gets less than the minimum.
        assert_eq!(snippet_shares(&[401; 30]), vec![MIN_SNIPPET_SOURCE_CHARS; 30]);
        assert_eq!(snippet_shares(&[]), Vec::<usize>::new());
    }

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
