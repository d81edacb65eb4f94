//! The index cut into files of about the same size: postings and head chunks, and vocabulary
//! shards by prefix.

use std::borrow::Cow;

use rayon::prelude::*;

use crate::output::RenderedFile;
use crate::search::index::postings::{Postings, postings_json};

/// Target size of a postings chunk and a vocabulary file, in bytes before compression. A
/// chunk of 12 KB holds as many postings as one of 20 KB did in JSON numbers.
pub(crate) const CHUNK_BYTES: usize = 12_000;

pub(crate) const SHARD_BYTES: usize = 24_000;
/// Vocabulary shards are split by prefix down to this many letters, so that a prefix query of
/// three letters or more reads exactly one shard.
pub(crate) const SHARD_PREFIX_CHARS: usize = 3;

/// The chunk files of one kind (`p`: postings, `h`: heads): each key's list from `list_of`, keys
/// without one left out, packed in key order into files of about [`CHUNK_BYTES`]. Returns how
/// many files it made and the file each key is in ([`NO_CHUNK`] for keys left out).
pub(crate) fn chunk_files<'l, E>(
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
pub(crate) const NO_CHUNK: u32 = u32::MAX;

pub(crate) fn chunk_file(kind: &str, n: usize, body: &str) -> RenderedFile {
    let register = if kind == "h" { "addHeads" } else { "addPostings" };
    RenderedFile {
        path: format!("search/{kind}-{n}.js"),
        bytes: format!("triobogSearch.{register}({n},{{{body}}});\n").into_bytes(),
    }
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
pub(crate) fn vocabulary_shards(
    keys: &[&str],
    postings: &Postings,
    chunk_of_key: &[u32],
    head_chunk_of_key: &[u32],
) -> Shards {
    let mut ranges = Vec::new();
    split_shard("", 0..keys.len(), keys, &mut ranges);
    let bodies: Vec<String> = ranges
        .par_iter()
        .enumerate()
        .map(|(n, (_, range))| {
            let words = keys[range.clone()].join(" ");
            let frequencies: Vec<String> = range.clone().map(|k| postings.get(k).len().to_string()).collect();
            let words_json = serde_json::to_string(&words).expect("a string serialises");
            let chunks = chunk_steps(&chunk_of_key[range.clone()]);
            let heads = chunk_steps(&head_chunk_of_key[range.clone()]);
            format!("triobogSearch.addVocab({n},{words_json},[{}],{chunks},{heads});\n", frequencies.join(","))
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
