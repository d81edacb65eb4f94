//! The index, built and split into small `.js` files so that a query loads only what it needs.
//!
//! Files, all under `search/`, each calling a registration function of `window.triobogSearch`
//! (plain scripts, so they load from disk, on IIS and under a strict Content-Security-Policy):
//! - `manifest.js`: the shards' prefixes, the kind of each page, synonyms, stop words, and the
//!   build (a fingerprint of the other files, which `search.js` asks for them with);
//! - `v-N.js`: vocabulary shards — the index's keys starting with one prefix (at most three
//!   letters), their document frequencies, for prefix, stem and typo matching, and the postings
//!   and head chunk each key's lists are in;
//! - `p-N.js`: postings chunks — for a run of keys in sorted order, the documents holding each;
//! - `h-N.js`: head chunks — for each key in more than [`HEAD_POSTINGS`] documents, the documents
//!   it ranks best in. A word being typed is matched by its most frequent completions, and only
//!   their best documents can reach the first results, so a search as you type loads heads, not
//!   whole lists (see `search.js`);
//! - `t-N.js`: typo files — the keys of five letters or more, sorted by what follows their
//!   first three letters (their tail). A word mistyped in its first three letters is looked for
//!   in the wrong vocabulary shard, but its letters from the third, fourth or fifth on still
//!   spell the tail of the word meant (see [`typo_tail`]), so that the query side finds it in at
//!   most four small files, loaded only when a word of five letters or more matches nothing;
//! - `pages/N.js`: one page's display data — URL, title, kind and its documents' anchors,
//!   headings and text for the snippet.
//!
//! A key is a folded word of the text, or a part of a compound word (see [`compound`]).
//! A posting is two numbers: the page (as a difference from the previous posting's page) and
//! `document * 32 + code`, where code = field (0 body, 1 heading, 2 title) * 8 + part * 4 + min(tf, 3).
//! A key's list is written as a string of [`DIGITS`], each number in groups of five bits, lowest
//! first (see [`push_number`]): about half the bytes of the numbers written out in JSON, which
//! counts in a build that writes millions of them.
//!
//! [`compound`]: crate::search::compound

use std::borrow::Cow;
use std::hash::BuildHasher;

use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet};

use crate::output::{FileSink, RenderedFile};
use crate::search::compound::Vocabulary;
use crate::search::documents::{DocKind, PageDocs};
use crate::search::normalize::{
    STOP_WORDS, StopWords, for_each_index_key, for_each_index_key_of_span, for_each_word_span,
};

/// Most documents kept for one key; a key in more documents keeps those where it is in a title
/// or heading, then those where it is most frequent. Keeps the first query small at any size.
const MAX_POSTINGS: usize = 4000;
/// Documents in a key's head: its best, as [`best_postings`] ranks them.
pub const HEAD_POSTINGS: usize = 64;
/// Target size of a postings chunk and a vocabulary shard, in bytes before compression. A
/// chunk of 12 KB holds as many postings as one of 20 KB did in JSON numbers.
const CHUNK_BYTES: usize = 12_000;
const SHARD_BYTES: usize = 24_000;
/// Vocabulary shards are split by prefix down to this many letters, so that a prefix query of
/// three letters or more reads exactly one shard.
const SHARD_PREFIX_CHARS: usize = 3;
/// Characters of a document's text shipped for its snippet (a window of 180 around the first
/// match). A document is one heading's section, a card or a question: cards, questions and
/// short sections fit whole; of a longer section the snippet shows its opening when the match
/// is further in.
const SNIPPET_SOURCE_CHARS: usize = 400;
/// Characters of text a page's display file holds for all its documents' snippets. The display
/// files are most of a first query's bytes, and a result needs one document of its page: this
/// keeps a long page's file to about 1.5 KB (gzip), while a deck's cards or a page of a few
/// sections still fit whole. The short documents get all they have, the long ones share the
/// rest evenly, none less than [`MIN_SNIPPET_SOURCE_CHARS`].
const PAGE_SNIPPET_CHARS: usize = 2400;
const MIN_SNIPPET_SOURCE_CHARS: usize = 160;

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
    /// How often, counted up to 3: the index tells no more.
    tf: u8,
}

impl Occurrence {
    fn merge(self, other: Occurrence) -> Occurrence {
        Occurrence {
            field: self.field.max(other.field),
            part: self.part && other.part,
            tf: (self.tf + other.tf).min(3),
        }
    }

    /// The occurrence in five bits: field * 8 + part * 4 + tf.
    fn code(self) -> u32 {
        (self.field as u32) * 8 + u32::from(self.part) * 4 + u32::from(self.tf)
    }

    fn from_code(code: u32) -> Occurrence {
        let field = match code / 8 {
            0 => Field::Body,
            1 => Field::Heading,
            _ => Field::Title,
        };
        Occurrence { field, part: code & 4 != 0, tf: (code & 3) as u8 }
    }
}

/// The synonym groups, folded: each member one word, or several joined by spaces.
pub type SynonymGroups = Vec<Vec<String>>;

/// Pages tokenised together share one table of their distinct words, so that a word is hashed
/// once where it occurs and allocated once per batch, not once per occurrence.
const PAGES_PER_BATCH: usize = 64;

/// The words of a batch of pages, in flat arrays: a large site has millions of these entries.
struct Batch {
    /// The batch's distinct words; a word's local id is its place here.
    words: Vec<Box<str>>,
    /// Document after document: local id * 32 + occurrence code, one per distinct word.
    entries: Vec<u32>,
    /// Where each document's entries end in `entries`.
    doc_ends: Vec<u32>,
    /// Where each page's documents end in `doc_ends`.
    page_ends: Vec<u32>,
}

impl Batch {
    /// The documents of page `p` of the batch, by number.
    fn docs_of_page(&self, p: usize) -> std::ops::Range<usize> {
        let start = if p == 0 { 0 } else { self.page_ends[p - 1] as usize };
        start..self.page_ends[p] as usize
    }

    /// The entries of document `d` of the batch.
    fn doc(&self, d: usize) -> &[u32] {
        let start = if d == 0 { 0 } else { self.doc_ends[d - 1] as usize };
        &self.entries[start..self.doc_ends[d] as usize]
    }
}

/// What could not be written: the file's path and the error.
pub type WriteError = (String, std::io::Error);

/// Builds every file of the index for these pages into `sink`, returning how many it made, and
/// runs `beside` meanwhile, returning its result too. Reading the pages' words, the largest step and one that keeps every core busy, runs
/// first on its own; the index's other steps, several of which run on one core, then run beside
/// `beside`, which fills the other cores. Begun side by side, the index's single-core steps
/// were left on their own at the end while the other cores were idle.
pub fn build_index_files_beside<R: Send>(
    pages: &[PageDocs],
    synonyms: &SynonymGroups,
    sink: &dyn FileSink,
    beside: impl FnOnce() -> R + Send,
) -> (Result<usize, WriteError>, R) {
    let batches: Vec<Batch> = pages.par_chunks(PAGES_PER_BATCH).map_init(WordScratch::default, batch_words).collect();
    rayon::join(|| index_of_batches(pages, batches, synonyms, sink), beside)
}

/// The index of the pages' words, read in batches, written into `sink`.
fn index_of_batches(
    pages: &[PageDocs],
    batches: Vec<Batch>,
    synonyms: &SynonymGroups,
    sink: &dyn FileSink,
) -> Result<usize, WriteError> {
    // Each distinct word numbered once, and each batch's words as those numbers, so that a
    // batch finds its words' keys by number rather than by looking each word up again.
    let mut distinct: FxHashMap<&str, u32> = FxHashMap::default();
    let batch_word_numbers: Vec<Vec<u32>> = batches
        .iter()
        .map(|b| {
            b.words
                .iter()
                .map(|w| {
                    let next = distinct.len() as u32;
                    *distinct.entry(&**w).or_insert(next)
                })
                .collect()
        })
        .collect();
    let mut numbered: Vec<(&str, u32)> = distinct.into_iter().collect();
    numbered.par_sort_unstable_by(|a, b| a.0.cmp(b.0));
    let mut rank_of_number = vec![0u32; numbered.len()];
    for (rank, &(_, number)) in numbered.iter().enumerate() {
        rank_of_number[number as usize] = rank as u32;
    }
    // Owned, so that each batch can go once its postings are made.
    let sorted_words: Vec<Box<str>> = numbered.into_iter().map(|(w, _)| Box::from(w)).collect();
    let vocabulary = Vocabulary::new(sorted_words.iter().map(|w| &**w));
    let parts: Vec<Vec<&str>> = sorted_words.par_iter().map(|w| vocabulary.parts(w)).collect();
    drop(vocabulary);

    let (keys, key_of_word) = sorted_keys(&sorted_words, &parts);
    let key_ids: FxHashMap<&str, u32> = keys.iter().enumerate().map(|(i, &k)| (k, i as u32)).collect();
    // The keys of each key's parts, when it is a word with parts.
    let mut parts_of_key: Vec<Vec<u32>> = vec![Vec::new(); keys.len()];
    for (rank, word_parts) in parts.iter().enumerate().filter(|(_, p)| !p.is_empty()) {
        parts_of_key[key_of_word[rank] as usize] = word_parts.iter().map(|part| key_ids[part]).collect();
    }
    drop(key_ids);

    // Each batch is freed as soon as its postings are made, and these are made the size they
    // need: on a large site these lists are the build's largest.
    let batch_postings: Vec<BatchPostings> = batches
        .into_par_iter()
        .zip(batch_word_numbers)
        .map_init(DocWords::default, |doc, (batch, numbers)| {
            let word_keys = numbers.iter().map(|&n| key_of_word[rank_of_number[n as usize] as usize]).collect();
            let keys = BatchKeys::new(word_keys, &parts_of_key);
            let most = batch.entries.iter().map(|&entry| 1 + keys.parts_of((entry / 32) as usize).len()).sum();
            let mut postings = BatchPostings {
                page_ends: Vec::with_capacity(batch.page_ends.len()),
                entries: Vec::with_capacity(most),
            };
            for p in 0..batch.page_ends.len() {
                page_postings(&batch, p, &keys, doc, &mut postings.entries);
                postings.page_ends.push(postings.entries.len());
            }
            postings
        })
        .collect();
    drop((parts_of_key, key_of_word, rank_of_number));
    write_files(pages, synonyms, sink, &keys, batch_postings)
}

/// Gathers the batches' postings by key and writes the index's files into `sink`.
fn write_files(
    pages: &[PageDocs],
    synonyms: &SynonymGroups,
    sink: &dyn FileSink,
    keys: &[&str],
    batch_postings: Vec<BatchPostings>,
) -> Result<usize, WriteError> {
    // A large site's index is built with as little held at once as can be: what is no longer
    // needed is freed at each step, and files go to the sink as they are made.
    let postings = Postings::gather(&batch_postings, keys.len());
    drop(batch_postings);

    // What the files hold, summed so that the order they are made in does not count.
    let fingerprint = std::sync::atomic::AtomicU64::new(0);
    let put = |file: RenderedFile| {
        let hash = rustc_hash::FxBuildHasher.hash_one((&file.path, &file.bytes));
        fingerprint.fetch_add(hash, std::sync::atomic::Ordering::Relaxed);
        let path = file.path.clone();
        sink.put(file).map_err(|e| (path, e))
    };
    let (chunks, chunk_of_key) = chunk_files("p", keys, |k| Some(Cow::Borrowed(postings.get(k))), &put)?;
    let head_of = |k| {
        let list = postings.get(k);
        (list.len() > HEAD_POSTINGS).then(|| Cow::Owned(best_postings(list, HEAD_POSTINGS)))
    };
    let (head_chunks, head_chunk_of_key) = chunk_files("h", keys, head_of, &put)?;
    let (shard_files, shard_prefixes) = vocabulary_shards(keys, &postings, &chunk_of_key, &head_chunk_of_key);
    drop(postings);
    let typo_firsts = typo_files(keys, &put)?;
    let count = chunks + head_chunks + shard_files.len() + typo_firsts.len() + pages.len() + 1;
    shard_files.into_iter().try_for_each(put)?;
    pages.par_iter().enumerate().try_for_each(|(i, p)| put(page_file(i, p)))?;
    let docs = pages.iter().map(|p| p.docs.len()).sum();
    let build = format!("{:016x}", fingerprint.into_inner());
    sink.put(manifest_file(pages, docs, &shard_prefixes, &typo_firsts, synonyms, &build))
        .map_err(|e| ("search/manifest.js".to_string(), e))?;
    Ok(count)
}

/// The index's keys, sorted and each once: the words (sorted) and the parts of compounds, most
/// of which are words too; and the key of each word. The query side compares keys as
/// JavaScript strings do, by UTF-16 code units: UTF-8's byte order, unless a key has a
/// character beyond U+FFFF.
fn sorted_keys<'w>(sorted_words: &'w [Box<str>], parts: &[Vec<&'w str>]) -> (Vec<&'w str>, Vec<u32>) {
    let words: FxHashSet<&str> = sorted_words.iter().map(|w| &**w).collect();
    let mut other_parts: Vec<&str> = parts.iter().flatten().copied().filter(|p| !words.contains(p)).collect();
    let astral = other_parts.iter().chain(&words).any(|k| is_astral(k));
    if astral {
        let mut keys: Vec<&str> = words.into_iter().chain(other_parts).collect();
        keys.par_sort_unstable_by(|a, b| a.encode_utf16().cmp(b.encode_utf16()));
        keys.dedup();
        let key_of_word = sorted_words
            .iter()
            .map(|w| {
                keys.binary_search_by(|k| k.encode_utf16().cmp(w.encode_utf16())).expect("every word is a key") as u32
            })
            .collect();
        return (keys, key_of_word);
    }
    other_parts.par_sort_unstable();
    other_parts.dedup();
    // Two sorted lists with nothing in common, merged.
    let mut keys = Vec::with_capacity(sorted_words.len() + other_parts.len());
    let mut key_of_word = Vec::with_capacity(sorted_words.len());
    let mut rest = other_parts.into_iter().peekable();
    for word in sorted_words.iter().map(|w| &**w) {
        while let Some(part) = rest.next_if(|&p| p < word) {
            keys.push(part);
        }
        key_of_word.push(keys.len() as u32);
        keys.push(word);
    }
    keys.extend(rest);
    (keys, key_of_word)
}

/// Whether `s` has a character beyond U+FFFF (four bytes in UTF-8, two units in UTF-16).
fn is_astral(s: &str) -> bool {
    s.bytes().any(|b| b >= 0xF0)
}

/// What reading a batch's words needs besides the batch: kept by each thread from batch to
/// batch, so that its tables are allocated once rather than grown anew for every batch.
#[derive(Default)]
struct WordScratch<'t> {
    table: WordTable,
    /// The keys of each word as written in body text, found once per batch: most of a text's
    /// words are ones it has used before, and a lookup is cheaper than folding them again.
    spans: FxHashMap<&'t str, std::ops::Range<u32>>,
    span_keys: Vec<u32>,
    doc: DocWords,
}

/// The words of each document of a batch of pages, with the field they are in and how often.
fn batch_words<'t>(scratch: &mut WordScratch<'t>, pages: &'t [PageDocs]) -> Batch {
    let WordScratch { table, spans, span_keys, doc } = scratch;
    // Local ids are the batch's own: the spans' keys found for the batch before do not hold.
    spans.clear();
    span_keys.clear();
    let mut batch = Batch {
        words: Vec::new(),
        entries: Vec::new(),
        doc_ends: Vec::new(),
        page_ends: Vec::with_capacity(pages.len()),
    };
    for page in pages {
        for d in &page.docs {
            doc.start();
            for (text, field) in [(d.title_text, Field::Title), (d.heading_text, Field::Heading)] {
                let occurrence = Occurrence { field, part: false, tf: 1 };
                for_each_index_key(text, StopWords::Mark, |word| doc.add(table.id(word), occurrence));
            }
            let occurrence = Occurrence { field: Field::Body, part: false, tf: 1 };
            for_each_word_span(&d.body, |span| {
                let keys = spans.entry(span).or_insert_with(|| {
                    let start = span_keys.len() as u32;
                    for_each_index_key_of_span(span, StopWords::Drop, |word| span_keys.push(table.id(word)));
                    start..span_keys.len() as u32
                });
                for &id in &span_keys[keys.start as usize..keys.end as usize] {
                    doc.add(id, occurrence);
                }
            });
            batch.entries.extend(doc.merged.iter().map(|&(id, occurrence)| id * 32 + occurrence.code()));
            batch.doc_ends.push(batch.entries.len() as u32);
        }
        batch.page_ends.push(batch.doc_ends.len() as u32);
    }
    // The next batch numbers its words afresh; `doc` needs no clearing, as it tells words
    // apart by the document they were last seen in.
    batch.words = table.take_words();
    batch
}

/// A batch's distinct words, each with a local id.
#[derive(Default)]
struct WordTable {
    ids: FxHashMap<Box<str>, u32>,
}

impl WordTable {
    fn id(&mut self, word: &str) -> u32 {
        if let Some(&id) = self.ids.get(word) {
            return id;
        }
        let id = self.ids.len() as u32;
        self.ids.insert(word.into(), id);
        id
    }

    /// The words, each at its id, leaving the table empty (with its room kept) for the next batch.
    fn take_words(&mut self) -> Vec<Box<str>> {
        let mut words: Vec<Box<str>> = vec![Box::from(""); self.ids.len()];
        for (word, id) in self.ids.drain() {
            words[id as usize] = word;
        }
        words
    }
}

/// One document's words as they are read: one entry per distinct word, found by the word's id
/// rather than by sorting.
#[derive(Default)]
struct DocWords {
    merged: Vec<(u32, Occurrence)>,
    /// Per word id: the document it was last seen in (its `doc` number) and its place in `merged`.
    seen: Vec<(u32, u32)>,
    doc: u32,
}

impl DocWords {
    fn start(&mut self) {
        self.doc += 1;
        self.merged.clear();
    }

    fn add(&mut self, id: u32, occurrence: Occurrence) {
        let id = id as usize;
        if id >= self.seen.len() {
            self.seen.resize(id + 1, (0, 0));
        }
        let (doc, at) = self.seen[id];
        if doc == self.doc {
            let entry = &mut self.merged[at as usize];
            entry.1 = entry.1.merge(occurrence);
        } else {
            self.seen[id] = (self.doc, self.merged.len() as u32);
            self.merged.push((id as u32, occurrence));
        }
    }
}

/// The keys of a batch: its words and the parts of its compounds, numbered locally, so that a
/// document's keys are merged in a table the size of the batch's vocabulary, not the site's.
struct BatchKeys {
    /// The key id of each local key: the batch's words first, at their local ids, then the parts
    /// that are not among them.
    global: Vec<u32>,
    /// The parts of each word, as local keys: `parts[part_ends[w - 1]..part_ends[w]]`.
    parts: Vec<u32>,
    part_ends: Vec<u32>,
}

impl BatchKeys {
    /// `word_keys`: the key id of each of the batch's words, at its local id.
    fn new(word_keys: Vec<u32>, parts_of_key: &[Vec<u32>]) -> BatchKeys {
        let words = word_keys.len();
        let mut global = word_keys;
        let mut local_of: FxHashMap<u32, u32> =
            global.iter().enumerate().map(|(local, &key)| (key, local as u32)).collect();
        let mut parts = Vec::new();
        let mut part_ends = Vec::with_capacity(words);
        for w in 0..words {
            for &part in &parts_of_key[global[w] as usize] {
                let local = *local_of.entry(part).or_insert_with(|| {
                    global.push(part);
                    global.len() as u32 - 1
                });
                parts.push(local);
            }
            part_ends.push(parts.len() as u32);
        }
        BatchKeys { global, parts, part_ends }
    }

    fn parts_of(&self, word: usize) -> &[u32] {
        let start = if word == 0 { 0 } else { self.part_ends[word - 1] as usize };
        &self.parts[start..self.part_ends[word] as usize]
    }
}

/// A page's postings as (key id, document * 32 + code), with compound parts added. A part may
/// also stand on its own, or be part of several words: one posting per key and document.
fn page_postings(batch: &Batch, page: usize, keys: &BatchKeys, doc: &mut DocWords, out: &mut Vec<(u32, u32)>) {
    for (local, d) in batch.docs_of_page(page).enumerate() {
        doc.start();
        for &entry in batch.doc(d) {
            let (word, occurrence) = (entry / 32, Occurrence::from_code(entry % 32));
            doc.add(word, occurrence);
            for &part in keys.parts_of(word as usize) {
                doc.add(part, Occurrence { part: true, ..occurrence });
            }
        }
        out.extend(
            doc.merged
                .iter()
                .map(|&(key, occurrence)| (keys.global[key as usize], (local as u32) * 32 + occurrence.code())),
        );
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
        for bounds in old_starts.windows(2) {
            let (start, end) = (bounds[0], bounds[1]);
            if end - start > MAX_POSTINGS {
                let kept = best_postings(&self.entries[start..end], MAX_POSTINGS);
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

/// The `n` postings of `list` where the key counts most: in a title or heading first, then
/// where it is most frequent; then the first pages. In page order, as every list is.
fn best_postings(list: &[(u32, u32)], n: usize) -> Vec<(u32, u32)> {
    if list.len() <= n {
        return list.to_vec();
    }
    // The codes rank the postings: all above the lowest code taken are kept, and of that code
    // as many as are still wanted, the first in page order. One pass counts, one keeps.
    let mut per_code = [0usize; 32];
    for &(_, packed) in list {
        per_code[(packed % 32) as usize] += 1;
    }
    let mut above = 0;
    let mut lowest = 0;
    for code in (0..32).rev() {
        if above + per_code[code] >= n {
            lowest = code;
            break;
        }
        above += per_code[code];
    }
    let mut of_lowest = n - above;
    let mut best = Vec::with_capacity(n);
    for &(page, packed) in list {
        let code = (packed % 32) as usize;
        if code > lowest || (code == lowest && of_lowest > 0) {
            of_lowest -= usize::from(code == lowest);
            best.push((page, packed));
        }
    }
    best
}

/// `"key":"<numbers>"` for one key: page delta, packed, page delta, packed, ….
fn postings_json(key: &str, list: &[(u32, u32)]) -> String {
    let mut s = String::with_capacity(key.len() + 8 + list.len() * 4);
    s.push_str(&serde_json::to_string(key).expect("a string serialises"));
    s.push_str(":\"");
    let mut previous = 0;
    for &(page, packed) in list {
        push_number(&mut s, page - previous);
        push_number(&mut s, packed);
        previous = page;
    }
    s.push('"');
    s
}

/// The 64 characters a list is written in, none of which JSON escapes. A character's place
/// is its value: below 32 it ends a number, from 32 it carries five bits and more follow.
pub const DIGITS: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// Appends `n` to `s` in [`DIGITS`], five bits at a time, lowest first.
fn push_number(s: &mut String, mut n: u32) {
    while n >= 32 {
        s.push(DIGITS[(32 + (n & 31)) as usize] as char);
        n >>= 5;
    }
    s.push(DIGITS[n as usize] as char);
}

/// The chunk files of one kind (`p`: postings, `h`: heads): each key's list from `list_of`, keys
/// without one left out, packed in key order into files of about [`CHUNK_BYTES`]. Returns how
/// many files it made and the file each key is in ([`NO_CHUNK`] for keys left out).
fn chunk_files<'l, E>(
    kind: &str,
    keys: &[&str],
    list_of: impl Fn(usize) -> Option<Cow<'l, [(u32, u32)]>> + Sync,
    put: &(dyn Fn(RenderedFile) -> Result<(), E> + Sync),
) -> Result<(usize, Vec<u32>), E> {
    /// Keys whose entries are made at once, in parallel, before they are packed into chunks.
    const KEYS_AT_ONCE: usize = 16_384;
    let mut files = 0;
    let mut chunk_of_key = vec![NO_CHUNK; keys.len()];
    let mut body = String::new();
    for first in (0..keys.len()).step_by(KEYS_AT_ONCE) {
        let range = first..keys.len().min(first + KEYS_AT_ONCE);
        let entries: Vec<Option<String>> =
            range.clone().into_par_iter().map(|k| list_of(k).map(|list| postings_json(keys[k], &list))).collect();
        for (k, entry) in range.zip(&entries) {
            let Some(entry) = entry else { continue };
            if !body.is_empty() && body.len() + entry.len() > CHUNK_BYTES {
                put(chunk_file(kind, files, &body))?;
                files += 1;
                body.clear();
            }
            if !body.is_empty() {
                body.push(',');
            }
            body.push_str(entry);
            chunk_of_key[k] = files as u32;
        }
    }
    if !body.is_empty() || (files == 0 && kind == "p") {
        put(chunk_file(kind, files, &body))?;
        files += 1;
    }
    Ok((files, chunk_of_key))
}

/// The chunk of a key that has no list of that kind.
const NO_CHUNK: u32 = u32::MAX;

fn chunk_file(kind: &str, n: usize, body: &str) -> RenderedFile {
    let register = if kind == "h" { "addHeads" } else { "addPostings" };
    RenderedFile {
        path: format!("search/{kind}-{n}.js"),
        bytes: format!("triobogSearch.{register}({n},{{{body}}});\n").into_bytes(),
    }
}

/// Vocabulary shards, split by prefix until small enough, and the prefix of each.
///
/// A shard says which chunk each of its keys' lists are in without naming every one: keys are
/// in the chunks in order, so it gives the chunk of its first key and the places where the next
/// chunk starts, once for postings and once for heads (counting only keys that have a head).
fn vocabulary_shards(
    keys: &[&str],
    postings: &Postings,
    chunk_of_key: &[u32],
    head_chunk_of_key: &[u32],
) -> (Vec<RenderedFile>, Vec<String>) {
    let mut ranges = Vec::new();
    split_shard("", 0..keys.len(), keys, &mut ranges);
    let mut files = Vec::new();
    let mut prefixes = Vec::new();
    for (prefix, range) in ranges {
        let n = files.len();
        let words = keys[range.clone()].join(" ");
        let frequencies: Vec<String> = range.clone().map(|k| postings.get(k).len().to_string()).collect();
        let words_json = serde_json::to_string(&words).expect("a string serialises");
        let chunks = chunk_steps(&chunk_of_key[range.clone()]);
        let heads = chunk_steps(&head_chunk_of_key[range]);
        files.push(RenderedFile {
            path: format!("search/v-{n}.js"),
            bytes: format!("triobogSearch.addVocab({n},{words_json},[{}],{chunks},{heads});\n", frequencies.join(","))
                .into_bytes(),
        });
        prefixes.push(prefix);
    }
    (files, prefixes)
}

/// `[first chunk, place, place, …]`: the chunk of the first key that has one and the places in
/// the shard where a key is in the next chunk; `[]` when no key has one. Chunks go up by one.
fn chunk_steps(chunk_of_key: &[u32]) -> String {
    let mut out = String::from("[");
    let mut last = NO_CHUNK;
    for (at, &chunk) in chunk_of_key.iter().enumerate().filter(|&(_, &c)| c != NO_CHUNK) {
        if last == NO_CHUNK {
            out.push_str(&chunk.to_string());
        } else if chunk != last {
            debug_assert_eq!(chunk, last + 1, "chunks hold keys in order");
            out.push(',');
            out.push_str(&at.to_string());
        }
        last = chunk;
    }
    out.push(']');
    out
}

/// Splits the sorted keys in `range` (all starting with `prefix`) into shards by their next letter.
fn split_shard(
    prefix: &str,
    range: std::ops::Range<usize>,
    keys: &[&str],
    out: &mut Vec<(String, std::ops::Range<usize>)>,
) {
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

/// What a key is found by when it is mistyped in its first three letters: the rest of it, its
/// tail, for keys of five letters or more (stop words, marked `~`, are never mistyped).
///
/// One edit in the first three letters of a word leaves the word meant with the tail of the
/// typed word's letters from the fourth (a letter changed, or two of the first three swapped),
/// from the third (a letter left out), from the fifth (one too many), or the third and those
/// from the fifth (the third and fourth swapped): `search.js` looks up those four.
pub fn typo_tail(key: &str) -> Option<&str> {
    if key.starts_with('~') {
        return None;
    }
    let mut starts = key.char_indices().map(|(at, _)| at).skip(3);
    let start = starts.next()?;
    starts.next()?;
    Some(&key[start..])
}

/// The typo files: every key with a [`typo_tail`], sorted by it in the order JavaScript compares
/// strings, packed into files of about [`CHUNK_BYTES`] (keys with one tail in one file). Returns
/// each file's first tail, cut to the fewest letters that still come after the tail before it:
/// the manifest lists them, and the query side finds the one file a tail can be in.
fn typo_files<E>(keys: &[&str], put: &(dyn Fn(RenderedFile) -> Result<(), E> + Sync)) -> Result<Vec<String>, E> {
    let mut tailed: Vec<(&str, &str)> = keys.par_iter().filter_map(|&k| typo_tail(k).map(|tail| (tail, k))).collect();
    if tailed.iter().any(|(tail, _)| is_astral(tail)) {
        tailed.par_sort_unstable_by(|a, b| a.0.encode_utf16().cmp(b.0.encode_utf16()).then(a.1.cmp(b.1)));
    } else {
        tailed.par_sort_unstable();
    }
    let mut firsts = Vec::new();
    let mut body = String::new();
    let mut previous_tail = "";
    for (i, &(tail, key)) in tailed.iter().enumerate() {
        if body.is_empty() {
            firsts.push(if i == 0 { String::new() } else { shortest_after(previous_tail, tail).to_string() });
        } else {
            body.push(' ');
        }
        body.push_str(key);
        previous_tail = tail;
        // Keys with the same tail stay in one file, so that a tail is in one file only.
        let next_tail = tailed.get(i + 1).map(|&(next, _)| next);
        if next_tail.is_none() || (body.len() >= CHUNK_BYTES && next_tail != Some(tail)) {
            let n = firsts.len() - 1;
            let json = serde_json::to_string(&body).expect("a string serialises");
            put(RenderedFile {
                path: format!("search/t-{n}.js"),
                bytes: format!("triobogSearch.addTypos({n},{json});\n").into_bytes(),
            })?;
            body.clear();
        }
    }
    Ok(firsts)
}

/// The shortest start of `next` that sorts after `previous` (which sorts before `next`).
fn shortest_after<'n>(previous: &str, next: &'n str) -> &'n str {
    let mut ends = next.char_indices().map(|(at, c)| at + c.len_utf8());
    ends.find(|&end| next[..end].encode_utf16().cmp(previous.encode_utf16()).is_gt()).map_or(next, |end| &next[..end])
}

/// One page's display data.
fn page_file(n: usize, page: &PageDocs) -> RenderedFile {
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
    let mut bytes = format!("triobogSearch.addPage({n},").into_bytes();
    serde_json::to_writer(&mut bytes, &(&page.url, &page.title, kind, docs)).expect("strings serialise");
    bytes.extend_from_slice(b");\n");
    RenderedFile { path: format!("search/pages/{n}.js"), bytes }
}

/// How many chars of each document's text (`lengths`, in chars) its page's display file holds:
/// each at most [`SNIPPET_SOURCE_CHARS`], the page at most [`PAGE_SNIPPET_CHARS`] unless every
/// document already gets no more than [`MIN_SNIPPET_SOURCE_CHARS`]. Shared out shortest first,
/// so that what a short document leaves goes to the longer ones.
fn snippet_shares(lengths: &[usize]) -> Vec<usize> {
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
fn snippet_source(text: &str, max: usize) -> Cow<'_, str> {
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
fn truncate_chars(s: &str, max: usize) -> &str {
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

/// The manifest: what the query side must know before it loads anything else.
///
/// `build` names what the other index files hold: the query side asks for them with it
/// (`p-3.js?v=…`), so that a browser never mixes a cached file of an earlier build with this
/// one's manifest, which it asks for afresh each time a page starts searching.
fn manifest_file(
    pages: &[PageDocs],
    docs: usize,
    shard_prefixes: &[String],
    typo_firsts: &[String],
    synonyms: &SynonymGroups,
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
        "vocab": shard_prefixes,
        "typos": typo_firsts,
        "head": HEAD_POSTINGS,
        "synonyms": synonyms,
        "stop": STOP_WORDS,
    });
    RenderedFile {
        path: "search/manifest.js".into(),
        bytes: format!("triobogSearch.addManifest({manifest});\n").into_bytes(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_written_five_bits_at_a_time() {
        let mut s = String::new();
        for n in [0, 31, 32, 1000, u32::MAX] {
            push_number(&mut s, n);
        }
        // 0 and 31 in one digit each; 32 = 0 + 1·32 and 1000 = 8 + 31·32 in two; u32::MAX in seven.
        assert_eq!(&s[..6], "AfgBof");
        assert_eq!(s.len(), 6 + 7);
        assert_eq!(postings_json("tr", &[(3, 65), (10, 2)]), r#""tr":"DhCHC""#);
    }

    #[test]
    fn best_postings_are_the_highest_codes_then_the_first_pages_in_page_order() {
        // (page, document * 32 + code): codes 1, 17, 3, 17, 3, 9.
        let list = [(0, 1), (1, 17), (2, 3), (2, 32 + 17), (5, 3), (7, 9)];
        assert_eq!(best_postings(&list, 3), vec![(1, 17), (2, 32 + 17), (7, 9)]);
        assert_eq!(best_postings(&list, 4), vec![(1, 17), (2, 3), (2, 32 + 17), (7, 9)]);
        assert_eq!(best_postings(&list, 9), list.to_vec());
    }

    #[test]
    fn a_typo_tail_is_what_follows_the_first_three_letters_of_a_key_of_five_or_more() {
        assert_eq!(typo_tail("samarbejde"), Some("arbejde"));
        assert_eq!(typo_tail("årsag"), Some("ag"));
        assert_eq!(typo_tail("kæææø"), Some("æø"));
        assert_eq!(typo_tail("trio"), None);
        assert_eq!(typo_tail("~under"), None);
    }

    #[test]
    fn a_files_first_tail_is_cut_to_what_still_sorts_after_the_tail_before_it() {
        assert_eq!(shortest_after("arbejde", "arbejdet"), "arbejdet");
        assert_eq!(shortest_after("arbejde", "arbejds"), "arbejds");
        assert_eq!(shortest_after("ab", "ba"), "b");
        assert_eq!(shortest_after("æble", "øre"), "ø");
        // U+FF5E sorts after U+1F600 (two surrogates, 0xD83D…) in UTF-16, as in JavaScript.
        assert_eq!(shortest_after("a\u{1F600}", "a\u{FF5E}b"), "a\u{FF5E}");
    }

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
