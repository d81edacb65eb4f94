//! The index's keys: the words, and the parts of compounds that are not words themselves, in
//! one sorted list, with the key of each word and the keys of each word's parts.
//!
//! Made by sorting, not by looking strings up: on a large site most distinct words are
//! compounds with several parts (corpus B: 262,000 words, a million parts), and a table of every
//! key by its text, looked up once per part, was the slowest single step of the index.

use std::cmp::Ordering;

use rayon::prelude::*;

use crate::search::compound::Part;

/// The keys and how the words map onto them.
pub(crate) struct Keys<'w> {
    /// Every key once, in the order the query side compares them.
    pub(crate) keys: Vec<&'w str>,
    /// The key of each word, by the word's place in the sorted words.
    pub(crate) key_of_word: Vec<u32>,
    /// The keys of each key's parts, when it is a word with parts.
    pub(crate) parts_of_key: Vec<Vec<u32>>,
}

/// The keys of `sorted_words` (sorted by bytes, each once) and of their `parts` (by the word's
/// place). The query side compares keys as JavaScript strings do, by UTF-16 code units: UTF-8's
/// byte order, unless a key has a character beyond U+FFFF.
pub(crate) fn sorted_keys<'w>(sorted_words: &'w [Box<str>], parts: &[Vec<Part<'w>>]) -> Keys<'w> {
    // Each part that is not a word, with the word and the place among its parts it came from.
    let mut others: Vec<(&'w str, u32, u32)> = parts
        .par_iter()
        .enumerate()
        .flat_map_iter(|(word, word_parts)| {
            word_parts.iter().enumerate().filter_map(move |(at, part)| match part {
                Part::Other(tail) => Some((*tail, word as u32, at as u32)),
                Part::Word(_) => None,
            })
        })
        .collect();
    let astral = others.iter().any(|o| is_astral(o.0)) || sorted_words.iter().any(|w| is_astral(w));
    let order: fn(&str, &str) -> Ordering =
        if astral { |a, b| a.encode_utf16().cmp(b.encode_utf16()) } else { str::cmp };
    others.par_sort_unstable_by(|a, b| order(a.0, b.0));
    // The words in the keys' order: their own, unless a character beyond U+FFFF changes it.
    let mut words_in_order: Vec<u32> = (0..sorted_words.len() as u32).collect();
    if astral {
        words_in_order.par_sort_unstable_by(|&a, &b| order(&sorted_words[a as usize], &sorted_words[b as usize]));
    }

    // Two sorted lists with nothing in common (a part that is a word is Part::Word), merged;
    // a part that several words have is one key.
    let mut keys = Vec::with_capacity(sorted_words.len() + others.len());
    let mut key_of_word = vec![0u32; sorted_words.len()];
    let mut key_of_other = Vec::with_capacity(others.len());
    let mut next_other = 0;
    for &w in &words_in_order {
        let word = &*sorted_words[w as usize];
        while next_other < others.len() && order(others[next_other].0, word) == Ordering::Less {
            push_other(&mut keys, &mut key_of_other, others[next_other].0);
            next_other += 1;
        }
        key_of_word[w as usize] = keys.len() as u32;
        keys.push(word);
    }
    for other in &others[next_other..] {
        push_other(&mut keys, &mut key_of_other, other.0);
    }

    let mut parts_of_key: Vec<Vec<u32>> = vec![Vec::new(); keys.len()];
    for (word, word_parts) in parts.iter().enumerate().filter(|(_, p)| !p.is_empty()) {
        parts_of_key[key_of_word[word] as usize] = word_parts
            .iter()
            .map(|part| match part {
                Part::Word(place) => key_of_word[*place as usize],
                Part::Other(_) => u32::MAX,
            })
            .collect();
    }
    for (&(_, word, at), &key) in others.iter().zip(&key_of_other) {
        parts_of_key[key_of_word[word as usize] as usize][at as usize] = key;
    }
    Keys { keys, key_of_word, parts_of_key }
}

/// Adds a part that is not a word as a key, unless it is the key added last (the same part of
/// another word), and notes its key.
fn push_other<'w>(keys: &mut Vec<&'w str>, key_of_other: &mut Vec<u32>, other: &'w str) {
    if keys.last() != Some(&other) {
        keys.push(other);
    }
    key_of_other.push(keys.len() as u32 - 1);
}

/// Whether `s` has a character beyond U+FFFF (four bytes in UTF-8, two units in UTF-16).
pub(crate) fn is_astral(s: &str) -> bool {
    s.bytes().any(|b| b >= 0xF0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(list: &[&str]) -> Vec<Box<str>> {
        list.iter().map(|w| Box::from(*w)).collect()
    }

    #[test]
    fn words_and_other_parts_are_one_sorted_list_and_a_shared_part_is_one_key() {
        let sorted = words(&["arbejdsmiljoe", "miljoe", "tillidsmand"]);
        // arbejdsmiljoe's part miljoe is a word; tillidsmand's part mand is not.
        let parts = vec![vec![Part::Word(1)], vec![], vec![Part::Other("mand")]];
        let k = sorted_keys(&sorted, &parts);
        assert_eq!(k.keys, ["arbejdsmiljoe", "mand", "miljoe", "tillidsmand"]);
        assert_eq!(k.key_of_word, [0, 2, 3]);
        assert_eq!(k.parts_of_key[0], [2]);
        assert_eq!(k.parts_of_key[3], [1]);
        assert!(k.parts_of_key[1].is_empty() && k.parts_of_key[2].is_empty());

        let sorted = words(&["formand", "tillidsmand"]);
        let parts = vec![vec![Part::Other("mand")], vec![Part::Other("smand"), Part::Other("mand")]];
        let k = sorted_keys(&sorted, &parts);
        assert_eq!(k.keys, ["formand", "mand", "smand", "tillidsmand"]);
        assert_eq!(k.parts_of_key[0], [1]);
        assert_eq!(k.parts_of_key[3], [2, 1]);
    }

    #[test]
    fn a_character_beyond_u_ffff_sorts_as_javascript_compares_strings() {
        // By bytes "\u{ffff}" (EF BF BF) comes before "😀" (F0 …); by UTF-16 units it comes after
        // (0xFFFF against 0xD83D).
        let sorted = words(&["a\u{ffff}", "a😀"]);
        let parts = vec![vec![], vec![]];
        let k = sorted_keys(&sorted, &parts);
        assert_eq!(k.keys, ["a😀", "a\u{ffff}"]);
        assert_eq!(k.key_of_word, [1, 0]);
    }
}
