//! `manifest.js`: what the query side reads first — the shards' prefixes, the pages' kinds,
//! synonyms, the thesaurus, stop words, function words and the build's fingerprint.

use crate::output::RenderedFile;
use crate::search::documents::{DocKind, PageDocs};
use crate::search::index::pages::PAGES_PER_FILE;
use crate::search::index::postings::HEAD_POSTINGS;
use crate::search::index::words::QueryWords;
use crate::search::normalize::{FUNCTION_WORDS, STOP_WORDS};

/// Where the index's files are: the vocabulary shards' prefixes and the first shard of each
/// vocabulary file, and each typo file's first tail.
pub(crate) struct Layout<'a> {
    pub(crate) shard_prefixes: &'a [String],
    pub(crate) shard_files: &'a [usize],
    pub(crate) typo_firsts: &'a [String],
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
    let labels: serde_json::Map<String, serde_json::Value> =
        DocKind::ALL.iter().map(|k| (k.code().to_string(), k.label().into())).collect();
    let manifest = serde_json::json!({
        "version": 2,
        "build": build,
        "docs": docs,
        "pages": kinds,
        "kinds": labels,
        "vocab": layout.shard_prefixes,
        "vocabFiles": layout.shard_files,
        "typos": layout.typo_firsts,
        "pagesPerFile": PAGES_PER_FILE,
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
