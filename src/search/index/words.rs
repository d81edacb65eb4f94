//! The words of the documents, read in batches on every core: each word's keys (folded, and
//! the parts of a compound), where it stands (title, heading, body) and how often.

use rustc_hash::FxHashMap;

use crate::search::documents::PageDocs;
use crate::search::normalize::{StopWords, for_each_index_key, for_each_index_key_of_span, for_each_word_span};

/// Where a word stands in a document; a higher field ranks higher.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Field {
    Body = 0,
    Heading = 1,
    Title = 2,
}

/// How a key occurs in a document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Occurrence {
    pub(crate) field: Field,
    /// Only as a part of a compound word.
    pub(crate) part: bool,
    /// How often, counted up to 3: the index tells no more.
    pub(crate) tf: u8,
}

impl Occurrence {
    pub(crate) fn merge(self, other: Occurrence) -> Occurrence {
        Occurrence {
            field: self.field.max(other.field),
            part: self.part && other.part,
            tf: (self.tf + other.tf).min(3),
        }
    }

    /// The occurrence in five bits: field * 8 + part * 4 + tf.
    pub(crate) fn code(self) -> u32 {
        (self.field as u32) * 8 + u32::from(self.part) * 4 + u32::from(self.tf)
    }

    pub(crate) fn from_code(code: u32) -> Occurrence {
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

/// What the query side reads a query's words with, besides the index: the abbreviations'
/// synonym groups and the thesaurus entries, folded. The manifest carries both.
#[derive(Debug, Clone, Default)]
pub struct QueryWords {
    /// Each abbreviation with the words it stands for ([`crate::search::synonym_groups`]).
    pub synonyms: SynonymGroups,
    /// The thesaurus entries ([`crate::search::thesaurus::thesaurus_groups`]).
    pub thesaurus: SynonymGroups,
}

/// Pages tokenised together share one table of their distinct words, so that a word is hashed
/// once where it occurs and allocated once per batch, not once per occurrence. Larger batches
/// repeat fewer words from batch to batch (each batch's words are numbered again for the whole
/// index); 256 was 3 % faster than 64 at 10,000 pages of both benchmark corpora, 512 and 1,024
/// no faster than 256 (`scripts/bench-ab`, 2026-12-06).
pub(crate) const PAGES_PER_BATCH: usize = 256;

/// The words of a batch of pages, in flat arrays: a large site has millions of these entries.
pub(crate) struct Batch {
    /// The batch's distinct words; a word's local id is its place here.
    pub(crate) words: Vec<Box<str>>,
    /// Document after document: local id * 32 + occurrence code, one per distinct word.
    pub(crate) entries: Vec<u32>,
    /// Where each document's entries end in `entries`.
    pub(crate) doc_ends: Vec<u32>,
    /// Where each page's documents end in `doc_ends`.
    pub(crate) page_ends: Vec<u32>,
}

impl Batch {
    /// The documents of page `p` of the batch, by number.
    pub(crate) fn docs_of_page(&self, p: usize) -> std::ops::Range<usize> {
        let start = if p == 0 { 0 } else { self.page_ends[p - 1] as usize };
        start..self.page_ends[p] as usize
    }

    /// The entries of document `d` of the batch.
    pub(crate) fn doc(&self, d: usize) -> &[u32] {
        let start = if d == 0 { 0 } else { self.doc_ends[d - 1] as usize };
        &self.entries[start..self.doc_ends[d] as usize]
    }
}

/// What reading a batch's words needs besides the batch: kept by each thread from batch to
/// batch, so that its tables are allocated once rather than grown anew for every batch.
#[derive(Default)]
pub(crate) struct WordScratch<'t> {
    pub(crate) table: WordTable,
    /// The keys of each word as written in body text, found once per batch: most of a text's
    /// words are ones it has used before, and a lookup is cheaper than folding them again.
    pub(crate) spans: FxHashMap<&'t str, std::ops::Range<u32>>,
    pub(crate) span_keys: Vec<u32>,
    pub(crate) doc: DocWords,
}

/// The words of each document of a batch of pages, with the field they are in and how often.
pub(crate) fn batch_words<'t>(scratch: &mut WordScratch<'t>, pages: &'t [PageDocs]) -> Batch {
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
            for (text, field) in [(&*d.title_text, Field::Title), (d.heading_text, Field::Heading)] {
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
pub(crate) struct WordTable {
    pub(crate) ids: FxHashMap<Box<str>, u32>,
}

impl WordTable {
    pub(crate) fn id(&mut self, word: &str) -> u32 {
        if let Some(&id) = self.ids.get(word) {
            return id;
        }
        let id = self.ids.len() as u32;
        self.ids.insert(word.into(), id);
        id
    }

    /// The words, each at its id, leaving the table empty (with its room kept) for the next batch.
    pub(crate) fn take_words(&mut self) -> Vec<Box<str>> {
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
pub(crate) struct DocWords {
    pub(crate) merged: Vec<(u32, Occurrence)>,
    /// Per word id: the document it was last seen in (its `doc` number) and its place in `merged`.
    pub(crate) seen: Vec<(u32, u32)>,
    pub(crate) doc: u32,
}

impl DocWords {
    pub(crate) fn start(&mut self) {
        self.doc += 1;
        self.merged.clear();
    }

    pub(crate) fn add(&mut self, id: u32, occurrence: Occurrence) {
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
pub(crate) struct BatchKeys {
    /// The key id of each local key: the batch's words first, at their local ids, then the parts
    /// that are not among them.
    pub(crate) global: Vec<u32>,
    /// The parts of each word, as local keys: `parts[part_ends[w - 1]..part_ends[w]]`.
    pub(crate) parts: Vec<u32>,
    pub(crate) part_ends: Vec<u32>,
}

impl BatchKeys {
    /// `word_keys`: the key id of each of the batch's words, at its local id.
    pub(crate) fn new(word_keys: Vec<u32>, parts_of_key: &[Vec<u32>]) -> BatchKeys {
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

    pub(crate) fn parts_of(&self, word: usize) -> &[u32] {
        let start = if word == 0 { 0 } else { self.part_ends[word - 1] as usize };
        &self.parts[start..self.part_ends[word] as usize]
    }
}
