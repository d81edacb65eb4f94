//! `manifest.js`: what the query side reads first — the shards' prefixes, the pages' kinds,
//! the documents of each page, how many chunks and documents a pack file holds, synonyms, the
//! thesaurus, stop words, function words and the build's fingerprint.

use crate::output::RenderedFile;
use crate::search::documents::{DocKind, PageDocs};
use crate::search::index::files::CHUNKS_PER_PACK;
use crate::search::index::pages::DOCS_PER_PACK;
use crate::search::index::postings::{HEAD_POSTINGS, push_number};
use crate::search::index::words::QueryWords;
use crate::search::normalize::{FUNCTION_WORDS, STOP_WORDS};

/// Where the index's files are: the vocabulary shards' prefixes and the first shard of each
/// vocabulary file, and each typo file's first tail.
pub(crate) struct Layout<'a> {
    pub(crate) shard_prefixes: &'a [String],
    pub(crate) shard_files: &'a [usize],
    pub(crate) typo_firsts: &'a [String],
    /// The size of a display record (see [`crate::search::index::pages`]).
    pub(crate) record_bytes: usize,
}

/// The manifest: what the query side must know before it loads anything else.
///
/// `build` names what the other index files hold: the query side asks for them with it
/// (`p-3.js?v=…`), so that a browser never mixes a cached file of an earlier build with this
/// one's manifest, which it asks for afresh each time a page starts searching.
pub(crate) fn manifest_file(
    pages: &[PageDocs],
    docs: usize,
    layout: &Layout,
    words: &QueryWords,
    build: &str,
) -> RenderedFile {
    let kinds: String = pages.iter().map(|p| p.kind.code()).collect();
    // The documents of each page, in the postings' digits: one letter a page of fewer than 32.
    let mut doc_counts = String::with_capacity(pages.len());
    for page in pages {
        push_number(&mut doc_counts, page.docs.len() as u32);
    }
    let labels: serde_json::Map<String, serde_json::Value> =
        DocKind::ALL.iter().map(|k| (k.code().to_string(), k.label().into())).collect();
    let manifest = serde_json::json!({
        "version": 3,
        "build": build,
        "docs": docs,
        "pages": kinds,
        "kinds": labels,
        "vocab": layout.shard_prefixes,
        "vocabFiles": layout.shard_files,
        "typos": layout.typo_firsts,
        "docCounts": doc_counts,
        "packs": { "p": CHUNKS_PER_PACK, "h": CHUNKS_PER_PACK, "d": DOCS_PER_PACK },
        "recordBytes": layout.record_bytes,
        "head": HEAD_POSTINGS,
        "synonyms": words.synonyms,
        "thesaurus": words.thesaurus,
        "stop": STOP_WORDS,
        "soft": FUNCTION_WORDS,
    });
    RenderedFile {
        path: "search/manifest.js".into(),
        bytes: format!("triobogSearch.addManifest({manifest});\n").into_bytes(),
    }
}
