//! The index cut into files of about the same size: postings and head chunks, and vocabulary
//! shards by prefix.

use std::borrow::Cow;

use rayon::prelude::*;

use crate::output::RenderedFile;
use crate::search::index::postings::{Postings, postings_json};

/// Target size of a postings chunk, in bytes: what a query reads at least for one word's list.
/// Over HTTP a chunk is read on its own, as a byte range of its pack file (uncompressed, as
/// browsers ask for ranges), so chunks are small; a list longer than this is a chunk of its own.
pub(crate) const CHUNK_BYTES: usize = 1_500;
/// Target size of a head chunk: a head is about 300 bytes, and a word being typed reads the
/// heads of several completions, each in a chunk of its own.
pub(crate) const HEAD_CHUNK_BYTES: usize = 700;
/// Chunks in one pack file: `p-N.js` (and `h-N.js`) holds chunks N × this to N × this + this − 1,
/// one call a line, so that it also loads whole as a script (from disk).
pub const CHUNKS_PER_PACK: usize = 256;

pub(crate) const SHARD_BYTES: usize = 24_000;
/// Vocabulary shards are split by prefix down to this many letters, so that a prefix query of
/// three letters or more reads exactly one shard.
pub(crate) const SHARD_PREFIX_CHARS: usize = 3;

/// The chunks of one kind of list, packed into files.
pub(crate) struct Chunks {
    /// How many pack files were written.
    pub(crate) files: usize,
    /// The chunk each key's list is in ([`NO_CHUNK`] for keys without one).
    pub(crate) chunk_of_key: Vec<u32>,
    /// Each chunk's bytes in its pack file, `start..end`: what the query side asks for.
    pub(crate) spans: Vec<(u32, u32)>,
}

/// The chunk files of one kind (`p`: postings, `h`: heads): each key's list from `list_of`, keys
/// without one left out, packed in key order into chunks of about [`CHUNK_BYTES`] (heads:
/// [`HEAD_CHUNK_BYTES`]), and the
/// chunks [`CHUNKS_PER_PACK`] to a file.
pub(crate) fn chunk_files<'l, E>(
    kind: &str,
    keys: &[&str],
    list_of: impl Fn(usize) -> Option<Cow<'l, [(u32, u32)]>> + Sync,
    put: &(dyn Fn(RenderedFile) -> Result<(), E> + Sync),
) -> Result<Chunks, E> {
    /// Keys whose entries are made at once, in parallel, before they are packed into chunks.
    const KEYS_AT_ONCE: usize = 16_384;
    let target = if kind == "h" { HEAD_CHUNK_BYTES } else { CHUNK_BYTES };
    let mut packs = Packer { kind, pack: Vec::new(), files: 0, spans: Vec::new() };
    let mut chunk_of_key = vec![NO_CHUNK; keys.len()];
    let mut body = String::new();
    for first in (0..keys.len()).step_by(KEYS_AT_ONCE) {
        let range = first..keys.len().min(first + KEYS_AT_ONCE);
        let entries: Vec<Option<String>> =
            range.clone().into_par_iter().map(|k| list_of(k).map(|list| postings_json(keys[k], &list))).collect();
        for (k, entry) in range.zip(&entries) {
            let Some(entry) = entry else { continue };
            if !body.is_empty() && body.len() + entry.len() > target {
                packs.add_chunk(&body, put)?;
                body.clear();
            }
            if !body.is_empty() {
                body.push(',');
            }
            body.push_str(entry);
            chunk_of_key[k] = packs.spans.len() as u32;
        }
    }
    if !body.is_empty() || (packs.spans.is_empty() && kind == "p") {
        packs.add_chunk(&body, put)?;
    }
    packs.flush(put)?;
    Ok(Chunks { files: packs.files, chunk_of_key, spans: packs.spans })
}

/// Chunks gathered into pack files as they are made.
struct Packer<'k> {
    kind: &'k str,
    pack: Vec<u8>,
    files: usize,
    spans: Vec<(u32, u32)>,
}

impl Packer<'_> {
    fn add_chunk<E>(&mut self, body: &str, put: &(dyn Fn(RenderedFile) -> Result<(), E> + Sync)) -> Result<(), E> {
        let start = self.pack.len();
        self.pack.extend_from_slice(chunk_line(self.kind, self.spans.len(), body).as_bytes());
        self.spans.push((start as u32, self.pack.len() as u32));
        if self.spans.len().is_multiple_of(CHUNKS_PER_PACK) {
            self.flush(put)?;
        }
        Ok(())
    }

    fn flush<E>(&mut self, put: &(dyn Fn(RenderedFile) -> Result<(), E> + Sync)) -> Result<(), E> {
        if self.pack.is_empty() {
            return Ok(());
        }
        let path = format!("search/{}-{}.js", self.kind, self.files);
        self.files += 1;
        put(RenderedFile { path, bytes: std::mem::take(&mut self.pack) })
    }
}

/// The chunk of a key that has no list of that kind.
pub(crate) const NO_CHUNK: u32 = u32::MAX;

/// One chunk as the line of its pack file that registers it.
pub(crate) fn chunk_line(kind: &str, n: usize, body: &str) -> String {
    let register = if kind == "h" { "addHeads" } else { "addPostings" };
    format!("triobogSearch.{register}({n},{{{body}}});\n")
}

/// The vocabulary shards: their files, the prefix of each shard and the first shard of each file.
pub(crate) struct Shards {
    pub(crate) files: Vec<RenderedFile>,
    pub(crate) prefixes: Vec<String>,
    pub(crate) first_shards: Vec<usize>,
}

/// Vocabulary shards, split by prefix until small enough, and the prefix of each; neighbouring
/// shards packed into files of about [`SHARD_BYTES`] (a prefix of three letters with few keys
/// is a shard of its own, and there are many).
///
/// A shard says which chunk each of its keys' lists are in without naming every one: keys are
/// in the chunks in order, so it gives the chunk of its first key and the places where the next
/// chunk starts, once for postings and once for heads (counting only keys that have a head).
pub(crate) fn vocabulary_shards(keys: &[&str], postings: &Postings, chunks: &Chunks, heads: &Chunks) -> Shards {
    let mut ranges = Vec::new();
    split_shard("", 0..keys.len(), keys, &mut ranges);
    let bodies: Vec<String> = ranges
        .par_iter()
        .enumerate()
        .map(|(n, (_, range))| {
            let words = keys[range.clone()].join(" ");
            let frequencies: Vec<String> = range.clone().map(|k| postings.get(k).len().to_string()).collect();
            let words_json = serde_json::to_string(&words).expect("a string serialises");
            let chunk_of_key = &chunks.chunk_of_key[range.clone()];
            let head_of_key = &heads.chunk_of_key[range.clone()];
            format!(
                "triobogSearch.addVocab({n},{words_json},[{}],{},{},{},{});\n",
                frequencies.join(","),
                chunk_steps(chunk_of_key),
                chunk_steps(head_of_key),
                chunk_spans(chunk_of_key, &chunks.spans),
                chunk_spans(head_of_key, &heads.spans),
            )
        })
        .collect();
    let mut shards = Shards { files: Vec::new(), prefixes: Vec::new(), first_shards: Vec::new() };
    let mut body = String::new();
    for (n, shard) in bodies.iter().enumerate() {
        if !body.is_empty() && body.len() + shard.len() > SHARD_BYTES {
            let file = shards.files.len();
            shards.files.push(RenderedFile {
                path: format!("search/v-{file}.js"),
                bytes: std::mem::take(&mut body).into_bytes(),
            });
        }
        if body.is_empty() {
            shards.first_shards.push(n);
        }
        body.push_str(shard);
    }
    if !body.is_empty() {
        let file = shards.files.len();
        shards.files.push(RenderedFile { path: format!("search/v-{file}.js"), bytes: body.into_bytes() });
    }
    shards.prefixes = ranges.into_iter().map(|(prefix, _)| prefix).collect();
    shards
}

/// `[first chunk, place, place, …]`: the chunk of the first key that has one and the places in
/// the shard where a key is in the next chunk; `[]` when no key has one. Chunks go up by one.
pub(crate) fn chunk_steps(chunk_of_key: &[u32]) -> String {
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

/// `[start, length, length, …]`: where in its pack file the first chunk the keys of a shard are
/// in starts, and the length of each chunk from it to the last; `[]` when no key has one. A
/// chunk starts where the one before it ends, or at 0 when it is the first of its pack.
pub(crate) fn chunk_spans(chunk_of_key: &[u32], spans: &[(u32, u32)]) -> String {
    let mut chunks = chunk_of_key.iter().copied().filter(|&c| c != NO_CHUNK);
    let Some(first) = chunks.next() else { return "[]".to_string() };
    let last = chunks.next_back().unwrap_or(first);
    let run = &spans[first as usize..=last as usize];
    let lengths = run.iter().map(|&(start, end)| (end - start).to_string());
    let numbers: Vec<String> = std::iter::once(run[0].0.to_string()).chain(lengths).collect();
    format!("[{}]", numbers.join(","))
}

/// Splits the sorted keys in `range` (all starting with `prefix`) into shards by their next letter.
pub(crate) fn split_shard(
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
