//! Postings: for each key, the documents holding it, written as compact strings of five-bit
//! digits, with a head of each long list's best documents.

use crate::search::index::words::{Batch, BatchKeys, DocWords, Occurrence};

/// Most documents a key's list holds: a key in more keeps those where it is in a title or
/// heading, then those where it is most frequent. Keeps the first query small at any size: a
/// list is read uncompressed (a byte range of its pack), about three bytes a document, so a
/// full list is ~9 KB, what one of 4,000 cost when lists were read gzip-compressed.
pub(crate) const MAX_POSTINGS: usize = 3000;
/// Documents in a key's head: its best, as [`best_postings`] ranks them.
pub const HEAD_POSTINGS: usize = 64;

/// A page's postings as (key id, document * 32 + code), with compound parts added. A part may
/// also stand on its own, or be part of several words: one posting per key and document.
pub(crate) fn page_postings(
    batch: &Batch,
    page: usize,
    keys: &BatchKeys,
    doc: &mut DocWords,
    out: &mut Vec<(u32, u32)>,
) {
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
pub(crate) struct BatchPostings {
    /// Where each page's postings end in `entries`.
    pub(crate) page_ends: Vec<usize>,
    pub(crate) entries: Vec<(u32, u32)>,
}

impl BatchPostings {
    pub(crate) fn pages(&self) -> impl Iterator<Item = &[(u32, u32)]> {
        let starts = std::iter::once(0).chain(self.page_ends.iter().copied());
        starts.zip(&self.page_ends).map(|(start, &end)| &self.entries[start..end])
    }
}

/// Every key's postings as (page, document * 32 + code) in page order, in one array.
pub(crate) struct Postings {
    /// Where each key's postings start in `entries`; one more than there are keys.
    pub(crate) starts: Vec<usize>,
    pub(crate) entries: Vec<(u32, u32)>,
}

impl Postings {
    /// Sorts the pages' postings by key (a counting sort: pages are visited in order, so each
    /// key's postings come out in page order), keeping at most [`MAX_POSTINGS`] per key.
    pub(crate) fn gather(batches: &[BatchPostings], keys: usize) -> Postings {
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
    pub(crate) fn truncate_long_lists(&mut self) {
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

    pub(crate) fn get(&self, key: usize) -> &[(u32, u32)] {
        &self.entries[self.starts[key]..self.starts[key + 1]]
    }
}

/// The `n` postings of `list` where the key counts most: in a title or heading first, then
/// where it is most frequent; then the first pages. In page order, as every list is.
pub(crate) fn best_postings(list: &[(u32, u32)], n: usize) -> Vec<(u32, u32)> {
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
pub(crate) fn postings_json(key: &str, list: &[(u32, u32)]) -> String {
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
pub(crate) fn push_number(s: &mut String, mut n: u32) {
    while n >= 32 {
        s.push(DIGITS[(32 + (n & 31)) as usize] as char);
        n >>= 5;
    }
    s.push(DIGITS[n as usize] as char);
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
}
