//! The index, built into a few hundred `.js` files so that a query reads only what it needs.
//!
//! Files, all under `search/`, each line a call of a registration function of
//! `window.triobogSearch` (plain scripts, so they load from disk, on IIS and under a strict
//! Content-Security-Policy):
//! - `manifest.js`: the shards' prefixes, the kind and the number of documents of each page,
//!   how many chunks and records a pack holds and a record's size, synonyms, the thesaurus,
//!   stop words and the query's function words, and the build (a fingerprint of the other
//!   files, which `engine.js` asks for them with);
//! - `v-N.js`: vocabulary shards — the index's keys starting with one prefix (at most three
//!   letters), their document frequencies, for prefix, stem and typo matching, and the postings
//!   and head chunk each key's lists are in, with where those chunks are in their packs;
//! - `p-N.js`: packs of postings chunks — a chunk holds, for a run of keys in sorted order, the
//!   documents holding each;
//! - `h-N.js`: packs of head chunks — for each key in more than [`HEAD_POSTINGS`] documents, the
//!   documents it ranks best in. A word being typed is matched by its most frequent completions,
//!   and only their best documents can reach the first results, so a search as you type loads
//!   heads, not whole lists (see `js/search/engine.js`);
//! - `t-N.js`: typo files — the keys of five letters or more, sorted by what follows their
//!   first three letters (their tail). A word mistyped in its first three letters is looked for
//!   in the wrong vocabulary shard, but its letters from the third, fourth or fifth on still
//!   spell the tail of the word meant (see [`typo_tail`]), so that the query side finds it in at
//!   most four small files, loaded only when a word of five letters or more matches nothing;
//! - `d-N.js`: packs of display records — for each document, a record of one size with its
//!   page's URL, title and kind and its own anchor, heading and text for the snippet.
//!
//! The packs are read in parts: over HTTP the query side asks for a chunk's or a record's bytes
//! (a `Range` request, which IIS, nginx, Apache and `serve` answer as they are; browsers ask
//! for ranges uncompressed), so that at 10,000 pages the index is ~650 files and a first query
//! still reads ~100–200 KB. From disk, or from a server that answers a range with the whole
//! file, a pack is read whole, once. Vocabulary shards and typo files are read whole (they
//! compress well, and a query needs most of one).
//!
//! A key is a folded word of the text, or a part of a compound word (see [`compound`]).
//! A posting is two numbers: the page (as a difference from the previous posting's page) and
//! `document * 32 + code`, where code = field (0 body, 1 heading, 2 title) * 8 + part * 4 + min(tf, 3).
//! A key's list is written as a string of [`DIGITS`], each number in groups of five bits, lowest
//! first (see [`push_number`]): about half the bytes of the numbers written out in JSON, which
//! counts in a build that writes millions of them.
//!
//! [`compound`]: crate::search::compound

pub mod files;
pub mod keys;
pub mod manifest;
pub mod pages;
pub mod postings;
pub mod typo;
pub mod words;

use std::borrow::Cow;
use std::hash::BuildHasher;

use rayon::prelude::*;
use rustc_hash::FxHashMap;

use crate::output::{FileSink, RenderedFile};
use crate::search::compound::{Part, Vocabulary};
use crate::search::documents::PageDocs;
use crate::search::index::files::{chunk_files, vocabulary_shards};
use crate::search::index::keys::{Keys, sorted_keys};
use crate::search::index::manifest::manifest_file;
use crate::search::index::pages::display_files;
use crate::search::index::postings::{BatchPostings, HEAD_POSTINGS, Postings, best_postings, page_postings};
use crate::search::index::typo::typo_files;
pub use crate::search::index::words::QueryWords;
use crate::search::index::words::{Batch, BatchKeys, DocWords, PAGES_PER_BATCH, WordScratch, batch_words};

/// What could not be written: the file's path and the error.
pub type WriteError = (String, std::io::Error);

/// Builds every file of the index for these pages into `sink`, returning how many it made, and
/// runs `beside` meanwhile, returning its result too. Reading the pages' words, the largest step and one that keeps every core busy, runs
/// first on its own; the index's other steps, several of which run on one core, then run beside
/// `beside`, which fills the other cores. Begun side by side, the index's single-core steps
/// were left on their own at the end while the other cores were idle.
pub fn build_index_files_beside<R: Send>(
    pages: &[PageDocs],
    words: &QueryWords,
    sink: &dyn FileSink,
    beside: impl FnOnce() -> R + Send,
) -> (Result<usize, WriteError>, R) {
    let batches: Vec<Batch> = pages.par_chunks(PAGES_PER_BATCH).map_init(WordScratch::default, batch_words).collect();
    rayon::join(|| index_of_batches(pages, batches, words, sink), beside)
}

/// The index of the pages' words, read in batches, written into `sink`.
pub(crate) fn index_of_batches(
    pages: &[PageDocs],
    batches: Vec<Batch>,
    words: &QueryWords,
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
    let parts: Vec<Vec<Part>> = sorted_words.par_iter().map(|w| vocabulary.ranked_parts(w)).collect();
    drop(vocabulary);
    let Keys { keys, key_of_word, parts_of_key } = sorted_keys(&sorted_words, &parts);
    drop(parts);

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
    write_files(pages, words, sink, &keys, batch_postings)
}

/// Gathers the batches' postings by key and writes the index's files into `sink`.
pub(crate) fn write_files(
    pages: &[PageDocs],
    words: &QueryWords,
    sink: &dyn FileSink,
    keys: &[&str],
    batch_postings: Vec<BatchPostings>,
) -> Result<usize, WriteError> {
    // A large site's index is built with as little held at once as can be: what is no longer
    // needed is freed at each step, and files go to the sink as they are made.
    // What the files hold, summed so that the order they are made in does not count.
    let fingerprint = std::sync::atomic::AtomicU64::new(0);
    let put = |file: RenderedFile| {
        let hash = rustc_hash::FxBuildHasher.hash_one((&file.path, &file.bytes));
        fingerprint.fetch_add(hash, std::sync::atomic::Ordering::Relaxed);
        let path = file.path.clone();
        sink.put(file).map_err(|e| (path, e))
    };
    // The typo files and the display records need neither the postings nor each other: made
    // beside the postings' files, they keep a second core busy once the pages are rendered.
    let (lists, others) = rayon::join(
        || -> Result<_, WriteError> {
            let postings = Postings::gather(&batch_postings, keys.len());
            drop(batch_postings);
            let chunks = chunk_files("p", keys, |k| Some(Cow::Borrowed(postings.get(k))), &put)?;
            let head_of = |k| {
                let list = postings.get(k);
                (list.len() > HEAD_POSTINGS).then(|| Cow::Owned(best_postings(list, HEAD_POSTINGS)))
            };
            let heads = chunk_files("h", keys, head_of, &put)?;
            let shards = vocabulary_shards(keys, &postings, &chunks, &heads);
            Ok((chunks, heads, shards))
        },
        || -> Result<_, WriteError> {
            let typo_firsts = typo_files(keys, &put)?;
            let (display, record_bytes) = display_files(pages);
            let display_count = display.len();
            display.into_iter().try_for_each(&put)?;
            Ok((typo_firsts, display_count, record_bytes))
        },
    );
    let ((chunks, heads, shards), (typo_firsts, display, record_bytes)) = (lists?, others?);
    let count = chunks.files + heads.files + shards.files.len() + typo_firsts.len() + display + 1;
    let shard_prefixes = shards.prefixes;
    let shard_files = shards.first_shards;
    shards.files.into_iter().try_for_each(&put)?;
    let docs = pages.iter().map(|p| p.docs.len()).sum();
    let build = format!("{:016x}", fingerprint.into_inner());
    let layout = manifest::Layout {
        shard_prefixes: &shard_prefixes,
        shard_files: &shard_files,
        typo_firsts: &typo_firsts,
        record_bytes,
    };
    sink.put(manifest_file(pages, docs, &layout, words, &build)).map_err(|e| ("search/manifest.js".to_string(), e))?;
    Ok(count)
}
