//! Typo files: the keys of five letters or more, sorted by what follows their first three
//! letters, so that a word mistyped in its first letters is still found.

use rayon::prelude::*;

use crate::output::RenderedFile;
use crate::search::index::keys::is_astral;

/// Target size of a typo file, in bytes before compression. Files of 24 KB halved their number,
/// but a mistyped word reads one or two of them, and its first query grew by ~15 KB.
pub const TYPO_BYTES: usize = 12_000;

/// What a key is found by when it is mistyped in its first three letters: the rest of it, its
/// tail, for keys of five letters or more (stop words, marked `~`, are never mistyped).
///
/// One edit in the first three letters of a word leaves the word meant with the tail of the
/// typed word's letters from the fourth (a letter changed, or two of the first three swapped),
/// from the third (a letter left out), from the fifth (one too many), or the third and those
/// from the fifth (the third and fourth swapped): `engine.js` looks up those four.
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
/// strings, packed into files of about [`TYPO_BYTES`] (keys with one tail in one file). Returns
/// each file's first tail, cut to the fewest letters that still come after the tail before it:
/// the manifest lists them, and the query side finds the one file a tail can be in.
pub(crate) fn typo_files<E>(
    keys: &[&str],
    put: &(dyn Fn(RenderedFile) -> Result<(), E> + Sync),
) -> Result<Vec<String>, E> {
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
        if next_tail.is_none() || (body.len() >= TYPO_BYTES && next_tail != Some(tail)) {
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
pub(crate) fn shortest_after<'n>(previous: &str, next: &'n str) -> &'n str {
    let mut ends = next.char_indices().map(|(at, c)| at + c.len_utf8());
    ends.find(|&end| next[..end].encode_utf16().cmp(previous.encode_utf16()).is_gt()).map_or(next, |end| &next[..end])
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
