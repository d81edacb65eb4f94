//! The index, built and split into small `.js` files so that a query loads only what it needs.
//!
//! Files, all under `search/`, each calling a registration function of `window.triobogSearch`
//! (plain scripts, so they load from disk, on IIS and under a strict Content-Security-Policy):
//! - `manifest.js`: the shard and chunk boundaries, the kind of each page, synonyms, stop words;
//! - `v-N.js`: vocabulary shards — the index's keys starting with one prefix (at most three
//!   letters) and their document frequencies, for prefix, stem and typo matching;
//! - `p-N.js`: postings chunks — for a run of keys in sorted order, the documents holding each;
//! - `pages/N.js`: one page's display data — URL, title, kind and its documents' anchors,
//!   headings and text for the snippet.
//!
//! A key is a folded word of the text, or a part of a compound word (see [`compound`]).
//! A posting is two numbers: the page (as a difference from the previous posting's page) and
//! `document * 32 + code`, where code = field (0 body, 1 heading, 2 title) * 8 + part * 4 + min(tf, 3).
//!
//! [`compound`]: crate::search::compound

use std::fmt::Write;

use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet};

use crate::render::RenderedFile;
use crate::search::compound::Vocabulary;
use crate::search::documents::{DocKind, PageDocs};
use crate::search::normalize::{for_each_index_key, StopWords, STOP_WORDS};

/// Most documents kept for one key; a key in more documents keeps those where it is in a title
/// or heading, then those where it is most frequent. Keeps the first query small at any size.
const MAX_POSTINGS: usize = 4000;
/// Target size of a postings chunk and a vocabulary shard, in bytes before compression.
const CHUNK_BYTES: usize = 20_000;
const SHARD_BYTES: usize = 24_000;
/// Vocabulary shards are split by prefix down to this many letters, so that a prefix query of
/// three letters or more reads exactly one shard.
const SHARD_PREFIX_CHARS: usize = 3;
/// Characters of a document's text shipped for its snippet.
const SNIPPET_SOURCE_CHARS: usize = 4000;

/// Where a word stands in a document; a higher field ranks higher.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Field {
    Body = 0,
    Heading = 1,
    Title = 2,
}

/// How a key occurs in a document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Occurrence {
    field: Field,
    /// Only as a part of a compound word.
    part: bool,
    tf: u32,
}

impl Occurrence {
    fn merge(self, other: Occurrence) -> Occurrence {
        Occurrence { field: self.field.max(other.field), part: self.part && other.part, tf: self.tf + other.tf }
    }

    fn code(self) -> u32 {
        (self.field as u32) * 8 + u32::from(self.part) * 4 + self.tf.min(3)
    }
}

/// The words of one document and how they occur.
type DocWords = FxHashMap<String, Occurrence>;

/// The synonym groups, folded: each member one word, or several joined by spaces.
pub type SynonymGroups = Vec<Vec<String>>;

/// Builds every file of the index for these pages.
pub fn build_index_files(pages: &[PageDocs], synonyms: &SynonymGroups) -> Vec<RenderedFile> {
    let words_per_page: Vec<Vec<DocWords>> = pages.par_iter().map(page_words).collect();
    let vocabulary_words: FxHashSet<&str> = words_per_page
        .par_iter()
        .fold(FxHashSet::default, |mut set, docs| {
            set.extend(docs.iter().flat_map(|d| d.keys().map(String::as_str)));
            set
        })
        .reduce(FxHashSet::default, |mut a, b| {
            a.extend(b);
            a
        });
    let vocabulary = Vocabulary::new(vocabulary_words.iter().map(|w| w.to_string()));
    let mut sorted_words: Vec<&str> = vocabulary_words.into_iter().collect();
    sorted_words.sort_unstable();
    let parts: FxHashMap<&str, Vec<String>> = sorted_words.par_iter().map(|&w| (w, vocabulary.parts(w))).filter(|(_, p)| !p.is_empty()).collect();

    let mut keys: Vec<String> = sorted_words.iter().map(|w| w.to_string()).chain(parts.values().flatten().cloned()).collect();
    keys.sort_by(|a, b| a.encode_utf16().cmp(b.encode_utf16()));
    keys.dedup();
    let key_ids: FxHashMap<&str, u32> = keys.iter().enumerate().map(|(i, k)| (k.as_str(), i as u32)).collect();

    let page_postings: Vec<Vec<(u32, u32)>> = words_per_page.par_iter().map(|docs| page_postings(docs, &parts, &key_ids)).collect();
    let postings = gather_postings(&page_postings, keys.len());

    let mut files = Vec::with_capacity(pages.len() + 64);
    let (chunk_files, chunk_starts) = postings_chunks(&keys, &postings);
    let (shard_files, shard_prefixes) = vocabulary_shards(&keys, &postings);
    files.extend(chunk_files);
    files.extend(shard_files);
    files.extend(pages.par_iter().enumerate().map(|(i, p)| page_file(i, p)).collect::<Vec<_>>());
    let docs = pages.iter().map(|p| p.docs.len()).sum();
    files.push(manifest_file(pages, docs, &chunk_starts, &shard_prefixes, synonyms));
    // Millions of small allocations: freed on both cores rather than one.
    drop((key_ids, parts, sorted_words, vocabulary));
    words_per_page.into_par_iter().for_each(drop);
    postings.into_par_iter().for_each(drop);
    page_postings.into_par_iter().for_each(drop);
    files
}

/// The words of each document of a page, with the field they are in and how often.
fn page_words(page: &PageDocs) -> Vec<DocWords> {
    page.docs
        .iter()
        .map(|doc| {
            let mut words = DocWords::default();
            let fields = [(&doc.title_text, Field::Title, StopWords::Mark), (&doc.heading_text, Field::Heading, StopWords::Mark), (&doc.body, Field::Body, StopWords::Drop)];
            for (text, field, stop_words) in fields {
                let occurrence = Occurrence { field, part: false, tf: 1 };
                for_each_index_key(text, stop_words, |word| match words.get_mut(word) {
                    Some(o) => *o = o.merge(occurrence),
                    None => {
                        words.insert(word.to_string(), occurrence);
                    }
                });
            }
            words
        })
        .collect()
}

/// A page's postings as (key id, document * 32 + code), with compound parts added.
fn page_postings(docs: &[DocWords], parts: &FxHashMap<&str, Vec<String>>, key_ids: &FxHashMap<&str, u32>) -> Vec<(u32, u32)> {
    let mut out = Vec::new();
    let mut doc: Vec<(u32, Occurrence)> = Vec::new();
    for (local, words) in docs.iter().enumerate() {
        doc.clear();
        for (word, &occurrence) in words {
            doc.push((key_ids[word.as_str()], occurrence));
            for part in parts.get(word.as_str()).into_iter().flatten() {
                doc.push((key_ids[part.as_str()], Occurrence { part: true, ..occurrence }));
            }
        }
        // A part may also stand on its own, or be part of several words: one posting per key.
        doc.sort_unstable_by_key(|&(id, _)| id);
        let mut n = 0;
        while n < doc.len() {
            let (id, mut occurrence) = doc[n];
            n += 1;
            while n < doc.len() && doc[n].0 == id {
                occurrence = occurrence.merge(doc[n].1);
                n += 1;
            }
            out.push((id, (local as u32) * 32 + occurrence.code()));
        }
    }
    out
}

/// Postings per key as (page, document * 32 + code), in page order.
fn gather_postings(page_postings: &[Vec<(u32, u32)>], keys: usize) -> Vec<Vec<(u32, u32)>> {
    let mut postings: Vec<Vec<(u32, u32)>> = vec![Vec::new(); keys];
    for (page, list) in page_postings.iter().enumerate() {
        for &(id, packed) in list {
            postings[id as usize].push((page as u32, packed));
        }
    }
    postings.par_iter_mut().for_each(|list| {
        list.sort_unstable();
        if list.len() > MAX_POSTINGS {
            list.sort_by_key(|&(page, packed)| (std::cmp::Reverse(packed % 32), page));
            list.truncate(MAX_POSTINGS);
            list.sort_unstable();
        }
    });
    postings
}

/// `"key":[page delta, packed, …]` for one key.
fn postings_json(key: &str, list: &[(u32, u32)]) -> String {
    let mut s = String::with_capacity(key.len() + 8 + list.len() * 8);
    s.push_str(&serde_json::to_string(key).expect("a string serialises"));
    s.push_str(":[");
    let mut previous = 0;
    for (n, &(page, packed)) in list.iter().enumerate() {
        if n > 0 {
            s.push(',');
        }
        write!(s, "{},{}", page - previous, packed).expect("writing to a String cannot fail");
        previous = page;
    }
    s.push(']');
    s
}

/// Postings chunks and the first key of each.
fn postings_chunks(keys: &[String], postings: &[Vec<(u32, u32)>]) -> (Vec<RenderedFile>, Vec<String>) {
    let entries: Vec<String> = keys.par_iter().zip(postings.par_iter()).map(|(k, p)| postings_json(k, p)).collect();
    let mut files = Vec::new();
    let mut starts = Vec::new();
    let mut body = String::new();
    for (key, entry) in keys.iter().zip(&entries) {
        if !body.is_empty() && body.len() + entry.len() > CHUNK_BYTES {
            files.push(chunk_file(files.len(), &body));
            body.clear();
        }
        if body.is_empty() {
            starts.push(key.clone());
        } else {
            body.push(',');
        }
        body.push_str(entry);
    }
    if !body.is_empty() || files.is_empty() {
        if starts.is_empty() {
            starts.push(String::new());
        }
        files.push(chunk_file(files.len(), &body));
    }
    (files, starts)
}

fn chunk_file(n: usize, body: &str) -> RenderedFile {
    RenderedFile { path: format!("search/p-{n}.js"), bytes: format!("triobogSearch.addPostings({n},{{{body}}});\n").into_bytes() }
}

/// Vocabulary shards, split by prefix until small enough, and the prefix of each.
fn vocabulary_shards(keys: &[String], postings: &[Vec<(u32, u32)>]) -> (Vec<RenderedFile>, Vec<String>) {
    let mut ranges = Vec::new();
    split_shard("", 0..keys.len(), keys, &mut ranges);
    let mut files = Vec::new();
    let mut prefixes = Vec::new();
    for (prefix, range) in ranges {
        let n = files.len();
        let words = keys[range.clone()].join(" ");
        let frequencies: Vec<String> = postings[range].iter().map(|p| p.len().to_string()).collect();
        let words_json = serde_json::to_string(&words).expect("a string serialises");
        files.push(RenderedFile { path: format!("search/v-{n}.js"), bytes: format!("triobogSearch.addVocab({n},{words_json},[{}]);\n", frequencies.join(",")).into_bytes() });
        prefixes.push(prefix);
    }
    (files, prefixes)
}

/// Splits the sorted keys in `range` (all starting with `prefix`) into shards by their next letter.
fn split_shard(prefix: &str, range: std::ops::Range<usize>, keys: &[String], out: &mut Vec<(String, std::ops::Range<usize>)>) {
    let bytes: usize = keys[range.clone()].iter().map(|k| k.len() + 4).sum();
    if bytes <= SHARD_BYTES || prefix.chars().count() >= SHARD_PREFIX_CHARS {
        if !range.is_empty() {
            out.push((prefix.to_string(), range));
        }
        return;
    }
    let mut start = range.start;
    while start < range.end {
        let next = keys[start][prefix.len()..].chars().next();
        let child = match next {
            Some(c) => format!("{prefix}{c}"),
            None => prefix.to_string(),
        };
        let mut end = start + 1;
        while end < range.end && next.is_some() && keys[end].starts_with(&child) {
            end += 1;
        }
        if next.is_some() {
            split_shard(&child, start..end, keys, out);
        } else {
            out.push((child, start..end));
        }
        start = end;
    }
}

/// One page's display data.
fn page_file(n: usize, page: &PageDocs) -> RenderedFile {
    let docs: Vec<(&str, &str, String)> = page.docs.iter().map(|d| (d.anchor.as_str(), d.heading.as_str(), truncate_chars(&d.body, SNIPPET_SOURCE_CHARS))).collect();
    let data = serde_json::json!([page.url, page.title, page.kind.code().to_string(), docs]);
    RenderedFile { path: format!("search/pages/{n}.js"), bytes: format!("triobogSearch.addPage({n},{data});\n").into_bytes() }
}

fn truncate_chars(s: &str, max: usize) -> String {
    match s.char_indices().nth(max) {
        Some((at, _)) => s[..at].to_string(),
        None => s.to_string(),
    }
}

/// The manifest: what the query side must know before it loads anything else.
fn manifest_file(pages: &[PageDocs], docs: usize, chunk_starts: &[String], shard_prefixes: &[String], synonyms: &SynonymGroups) -> RenderedFile {
    let kinds: String = pages.iter().map(|p| p.kind.code()).collect();
    let labels: serde_json::Map<String, serde_json::Value> = DocKind::ALL.iter().map(|k| (k.code().to_string(), k.label().into())).collect();
    let manifest = serde_json::json!({
        "version": 1,
        "docs": docs,
        "pages": kinds,
        "kinds": labels,
        "vocab": shard_prefixes,
        "postings": chunk_starts,
        "synonyms": synonyms,
        "stop": STOP_WORDS,
    });
    RenderedFile { path: "search/manifest.js".into(), bytes: format!("triobogSearch.addManifest({manifest});\n").into_bytes() }
}
