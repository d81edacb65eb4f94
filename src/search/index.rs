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

use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet};

use crate::render::{FileSink, RenderedFile};
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
/// Characters of a document's text shipped for its snippet (a window of 180 around the first
/// match). A document is one heading's section, a card or a question: most fit whole; the
/// display files are most of the index's bytes, so longer sections are cut here.
const SNIPPET_SOURCE_CHARS: usize = 1500;

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

/// The synonym groups, folded: each member one word, or several joined by spaces.
pub type SynonymGroups = Vec<Vec<String>>;

/// Pages tokenised together share one table of their distinct words, so that a word is hashed
/// once where it occurs and allocated once per batch, not once per occurrence.
const PAGES_PER_BATCH: usize = 64;

/// The words of a batch of pages.
struct Batch {
    /// The batch's distinct words; a word's local id is its place here.
    words: Vec<Box<str>>,
    /// Per page, per document: (local id, occurrence), one per distinct word, sorted by id.
    pages: Vec<Vec<Vec<(u32, Occurrence)>>>,
}

/// Builds every file of the index for these pages into `sink`; returns how many it made.
pub fn build_index_files(pages: &[PageDocs], synonyms: &SynonymGroups, sink: &dyn FileSink) -> Result<usize, (String, std::io::Error)> {
    let batches: Vec<Batch> = pages.par_chunks(PAGES_PER_BATCH).map(batch_words).collect();
    let distinct: FxHashSet<&str> = batches.iter().flat_map(|b| b.words.iter().map(|w| &**w)).collect();
    // Owned, so that the batches can go once the postings are made.
    let mut sorted_words: Vec<Box<str>> = distinct.into_iter().map(Box::from).collect();
    sorted_words.par_sort_unstable();
    let vocabulary = Vocabulary::new(sorted_words.iter().map(|w| &**w));
    let parts: Vec<Vec<String>> = sorted_words.par_iter().map(|w| vocabulary.parts(w)).collect();
    drop(vocabulary);

    let mut keys: Vec<&str> = sorted_words.iter().map(|w| &**w).chain(parts.iter().flatten().map(String::as_str)).collect();
    // The query side compares keys as JavaScript strings do, by UTF-16 code units: UTF-8's
    // byte order, unless a key has a character beyond U+FFFF.
    if keys.iter().any(|k| is_astral(k)) {
        keys.par_sort_unstable_by(|a, b| a.encode_utf16().cmp(b.encode_utf16()));
    } else {
        keys.par_sort_unstable();
    }
    keys.dedup();
    let key_ids: FxHashMap<&str, u32> = keys.iter().enumerate().map(|(i, &k)| (k, i as u32)).collect();
    // The keys of each key's parts, when it is a word with parts.
    let mut parts_of_key: Vec<Vec<u32>> = vec![Vec::new(); keys.len()];
    for (word, word_parts) in sorted_words.iter().zip(&parts).filter(|(_, p)| !p.is_empty()) {
        parts_of_key[key_ids[&**word] as usize] = word_parts.iter().map(|part| key_ids[part.as_str()]).collect();
    }

    let batch_postings: Vec<BatchPostings> = batches
        .par_iter()
        .map(|batch| {
            let local_keys: Vec<u32> = batch.words.iter().map(|w| key_ids[&**w]).collect();
            let mut postings = BatchPostings { page_ends: Vec::with_capacity(batch.pages.len()), entries: Vec::new() };
            for docs in &batch.pages {
                page_postings(docs, &local_keys, &parts_of_key, &mut postings.entries);
                postings.page_ends.push(postings.entries.len());
            }
            postings
        })
        .collect();
    // A large site's index is built with as little held at once as can be: what is no longer
    // needed is freed at each step, and files go to the sink as they are made.
    drop((batches, key_ids, parts_of_key));
    let postings = Postings::gather(&batch_postings, keys.len());
    drop(batch_postings);

    let put = |file: RenderedFile| {
        let path = file.path.clone();
        sink.put(file).map_err(|e| (path, e))
    };
    let (chunks, chunk_starts) = postings_chunks(&keys, &postings, &put)?;
    let (shard_files, shard_prefixes) = vocabulary_shards(&keys, &postings);
    let count = chunks + shard_files.len() + pages.len() + 1;
    drop((postings, keys));
    drop((parts, sorted_words));
    shard_files.into_iter().try_for_each(put)?;
    pages.par_iter().enumerate().try_for_each(|(i, p)| put(page_file(i, p)))?;
    let docs = pages.iter().map(|p| p.docs.len()).sum();
    put(manifest_file(pages, docs, &chunk_starts, &shard_prefixes, synonyms))?;
    Ok(count)
}

/// Whether `s` has a character beyond U+FFFF (four bytes in UTF-8, two units in UTF-16).
fn is_astral(s: &str) -> bool {
    s.bytes().any(|b| b >= 0xF0)
}

/// The words of each document of a batch of pages, with the field they are in and how often.
fn batch_words(pages: &[PageDocs]) -> Batch {
    let mut ids: FxHashMap<Box<str>, u32> = FxHashMap::default();
    let mut out = Vec::with_capacity(pages.len());
    let mut seen: Vec<(u32, Occurrence)> = Vec::new();
    for page in pages {
        let mut docs = Vec::with_capacity(page.docs.len());
        for doc in &page.docs {
            seen.clear();
            let fields = [(doc.title_text, Field::Title, StopWords::Mark), (doc.heading_text, Field::Heading, StopWords::Mark), (&*doc.body, Field::Body, StopWords::Drop)];
            for (text, field, stop_words) in fields {
                let occurrence = Occurrence { field, part: false, tf: 1 };
                for_each_index_key(text, stop_words, |word| {
                    let id = match ids.get(word) {
                        Some(&id) => id,
                        None => {
                            let id = ids.len() as u32;
                            ids.insert(word.into(), id);
                            id
                        }
                    };
                    seen.push((id, occurrence));
                });
            }
            seen.sort_unstable_by_key(|&(id, _)| id);
            let mut merged: Vec<(u32, Occurrence)> = Vec::with_capacity(seen.len());
            for &(id, occurrence) in &seen {
                match merged.last_mut() {
                    Some(last) if last.0 == id => last.1 = last.1.merge(occurrence),
                    _ => merged.push((id, occurrence)),
                }
            }
            docs.push(merged);
        }
        out.push(docs);
    }
    let mut words: Vec<Box<str>> = vec![Box::from(""); ids.len()];
    for (word, id) in ids {
        words[id as usize] = word;
    }
    Batch { words, pages: out }
}

/// A page's postings as (key id, document * 32 + code), with compound parts added.
fn page_postings(docs: &[Vec<(u32, Occurrence)>], local_keys: &[u32], parts_of_key: &[Vec<u32>], out: &mut Vec<(u32, u32)>) {
    let mut doc: Vec<(u32, Occurrence)> = Vec::new();
    for (local, words) in docs.iter().enumerate() {
        doc.clear();
        for &(word, occurrence) in words {
            let key = local_keys[word as usize];
            doc.push((key, occurrence));
            doc.extend(parts_of_key[key as usize].iter().map(|&part| (part, Occurrence { part: true, ..occurrence })));
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
}

/// The postings of a batch of pages as (key id, document * 32 + code), page after page.
struct BatchPostings {
    /// Where each page's postings end in `entries`.
    page_ends: Vec<usize>,
    entries: Vec<(u32, u32)>,
}

impl BatchPostings {
    fn pages(&self) -> impl Iterator<Item = &[(u32, u32)]> {
        let starts = std::iter::once(0).chain(self.page_ends.iter().copied());
        starts.zip(&self.page_ends).map(|(start, &end)| &self.entries[start..end])
    }
}

/// Every key's postings as (page, document * 32 + code) in page order, in one array.
struct Postings {
    /// Where each key's postings start in `entries`; one more than there are keys.
    starts: Vec<usize>,
    entries: Vec<(u32, u32)>,
}

impl Postings {
    /// Sorts the pages' postings by key (a counting sort: pages are visited in order, so each
    /// key's postings come out in page order), keeping at most [`MAX_POSTINGS`] per key.
    fn gather(batches: &[BatchPostings], keys: usize) -> Postings {
        let mut counts = vec![0usize; keys + 1];
        for &(id, _) in batches.iter().flat_map(|b| &b.entries) {
            counts[id as usize + 1] += 1;
        }
        for k in 1..counts.len() {
            counts[k] += counts[k - 1];
        }
        let mut next = counts.clone();
        let total = counts[keys];
        let mut entries = vec![(0u32, 0u32); total];
        for (page, list) in batches.iter().flat_map(BatchPostings::pages).enumerate() {
            for &(id, packed) in list {
                let slot = &mut next[id as usize];
                entries[*slot] = (page as u32, packed);
                *slot += 1;
            }
        }
        let mut postings = Postings { starts: counts, entries };
        postings.truncate_long_lists();
        postings
    }

    /// A key in more than [`MAX_POSTINGS`] documents keeps those where it is in a title or
    /// heading, then those where it is most frequent. In place: the lists only move forward.
    fn truncate_long_lists(&mut self) {
        let old_starts = std::mem::take(&mut self.starts);
        self.starts = Vec::with_capacity(old_starts.len());
        self.starts.push(0);
        let mut write = 0;
        let mut kept = Vec::new();
        for bounds in old_starts.windows(2) {
            let (start, end) = (bounds[0], bounds[1]);
            if end - start > MAX_POSTINGS {
                kept.clear();
                kept.extend_from_slice(&self.entries[start..end]);
                kept.sort_by_key(|&(page, packed)| (std::cmp::Reverse(packed % 32), page));
                kept.truncate(MAX_POSTINGS);
                kept.sort_unstable();
                self.entries[write..write + kept.len()].copy_from_slice(&kept);
                write += kept.len();
            } else {
                self.entries.copy_within(start..end, write);
                write += end - start;
            }
            self.starts.push(write);
        }
        self.entries.truncate(write);
    }

    fn get(&self, key: usize) -> &[(u32, u32)] {
        &self.entries[self.starts[key]..self.starts[key + 1]]
    }
}

/// `"key":[page delta, packed, …]` for one key.
fn postings_json(key: &str, list: &[(u32, u32)]) -> String {
    let mut s = String::with_capacity(key.len() + 8 + list.len() * 8);
    s.push_str(&serde_json::to_string(key).expect("a string serialises"));
    s.push_str(":[");
    let mut previous = 0;
    let mut number = itoa::Buffer::new();
    for (n, &(page, packed)) in list.iter().enumerate() {
        if n > 0 {
            s.push(',');
        }
        s.push_str(number.format(page - previous));
        s.push(',');
        s.push_str(number.format(packed));
        previous = page;
    }
    s.push(']');
    s
}

/// Postings chunks and the first key of each.
fn postings_chunks<E>(keys: &[&str], postings: &Postings, put: &(dyn Fn(RenderedFile) -> Result<(), E> + Sync)) -> Result<(usize, Vec<String>), E> {
    /// Keys whose entries are made at once, in parallel, before they are packed into chunks.
    const KEYS_AT_ONCE: usize = 16_384;
    let mut files = 0;
    let mut starts = Vec::new();
    let mut body = String::new();
    for first in (0..keys.len()).step_by(KEYS_AT_ONCE) {
        let range = first..keys.len().min(first + KEYS_AT_ONCE);
        let entries: Vec<String> = range.clone().into_par_iter().map(|k| postings_json(keys[k], postings.get(k))).collect();
        for (key, entry) in keys[range].iter().zip(&entries) {
            if !body.is_empty() && body.len() + entry.len() > CHUNK_BYTES {
                put(chunk_file(files, &body))?;
                files += 1;
                body.clear();
            }
            if body.is_empty() {
                starts.push(key.to_string());
            } else {
                body.push(',');
            }
            body.push_str(entry);
        }
    }
    if !body.is_empty() || files == 0 {
        if starts.is_empty() {
            starts.push(String::new());
        }
        put(chunk_file(files, &body))?;
        files += 1;
    }
    Ok((files, starts))
}

fn chunk_file(n: usize, body: &str) -> RenderedFile {
    RenderedFile { path: format!("search/p-{n}.js"), bytes: format!("triobogSearch.addPostings({n},{{{body}}});\n").into_bytes() }
}

/// Vocabulary shards, split by prefix until small enough, and the prefix of each.
fn vocabulary_shards(keys: &[&str], postings: &Postings) -> (Vec<RenderedFile>, Vec<String>) {
    let mut ranges = Vec::new();
    split_shard("", 0..keys.len(), keys, &mut ranges);
    let mut files = Vec::new();
    let mut prefixes = Vec::new();
    for (prefix, range) in ranges {
        let n = files.len();
        let words = keys[range.clone()].join(" ");
        let frequencies: Vec<String> = range.clone().map(|k| postings.get(k).len().to_string()).collect();
        let words_json = serde_json::to_string(&words).expect("a string serialises");
        files.push(RenderedFile { path: format!("search/v-{n}.js"), bytes: format!("triobogSearch.addVocab({n},{words_json},[{}]);\n", frequencies.join(",")).into_bytes() });
        prefixes.push(prefix);
    }
    (files, prefixes)
}

/// Splits the sorted keys in `range` (all starting with `prefix`) into shards by their next letter.
fn split_shard(prefix: &str, range: std::ops::Range<usize>, keys: &[&str], out: &mut Vec<(String, std::ops::Range<usize>)>) {
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
    let docs: Vec<(&str, &str, &str)> = page.docs.iter().map(|d| (d.anchor, &*d.heading, truncate_chars(&d.body, SNIPPET_SOURCE_CHARS))).collect();
    let kind = page.kind.code().to_string();
    let mut bytes = format!("triobogSearch.addPage({n},").into_bytes();
    serde_json::to_writer(&mut bytes, &(&page.url, &page.title, kind, docs)).expect("strings serialise");
    bytes.extend_from_slice(b");\n");
    RenderedFile { path: format!("search/pages/{n}.js"), bytes }
}

fn truncate_chars(s: &str, max: usize) -> &str {
    match s.char_indices().nth(max) {
        Some((at, _)) => &s[..at],
        None => s,
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
