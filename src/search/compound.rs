//! Closed compounds split at build: "arbejdsmiljørepræsentant" is indexed under
//! "repræsentant" too, so the query side needs no splitting.
//!
//! Danish writes compounds as one word, often with a linking -s- or -e- ("tillid-s-repræsentant").
//! A word's tail is taken as a part when it is itself a word of the handbook, or when what comes
//! before it is a known word (with or without its linking letter). Of the tails that are not
//! words of the handbook, only the shortest is a part: a longer one ("miljøfortællingen" of
//! "arbejdsmiljøfortællingen", beside "fortællingen") is a compound itself, which a query splits
//! into parts the index holds (`engine.js`, splits). On a site whose words are mostly compounds
//! that cut the keys that are not words from 306,000 to 121,000 (corpus B) and took 7 % off the
//! whole build, with the relevance set's results the same.

use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet};

use crate::search::normalize::is_stop_word;
use crate::search::stem::stem;

/// Shortest compound worth splitting, in letters.
const MIN_COMPOUND: usize = 7;
/// Shortest head, and shortest tail that is a word of its own.
const MIN_HEAD: usize = 3;
const MIN_WORD_TAIL: usize = 4;
/// Shortest head that vouches for its tail, and shortest tail it vouches for.
const MIN_KNOWN_HEAD: usize = 4;
const MIN_VOUCHED_TAIL: usize = 5;

/// The words of the handbook, folded, and what counts as a known word: the words and their stems.
/// Borrowed from the list of words it is made from, so that building it copies no word.
#[derive(Debug, Default)]
pub struct Vocabulary<'w> {
    /// Every word of the list: its place in the list, and whether it counts as a word here (not
    /// a stop word, at least [`MIN_HEAD`] letters).
    words: FxHashMap<&'w str, (u32, bool)>,
    /// The stems of the words that count, of at least [`MIN_HEAD`] letters.
    stems: FxHashSet<String>,
}

/// A part of a compound: a word of the vocabulary's list (its place in it), or a tail that is
/// not a word of the list but is vouched for by the head before it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part<'p> {
    /// A word of the list, by its place in it.
    Word(u32),
    /// A tail that is not a word of the list.
    Other(&'p str),
}

impl<'w> Vocabulary<'w> {
    /// Builds the vocabulary from a list of distinct folded words (stop words are not known
    /// words). The words' table and their stems are made side by side.
    pub fn new<I: IntoIterator<Item = &'w str>>(words: I) -> Vocabulary<'w> {
        let list: Vec<&'w str> = words.into_iter().collect();
        let counts = |w: &str| !is_stop_word(w) && w.chars().count() >= MIN_HEAD;
        let (words, stems) = rayon::join(
            || list.iter().enumerate().map(|(i, &w)| (w, (i as u32, counts(w)))).collect(),
            || {
                let stems: Vec<String> = list
                    .par_iter()
                    .filter(|w| counts(w))
                    .map(|w| stem(w))
                    .filter(|s| s.chars().count() >= MIN_HEAD)
                    .collect();
                stems.into_iter().collect()
            },
        );
        Vocabulary { words, stems }
    }

    fn is_word(&self, s: &str) -> bool {
        matches!(self.words.get(s), Some(&(_, true)))
    }

    /// A word that counts, or the stem of one.
    fn is_known(&self, s: &str) -> bool {
        self.is_word(s) || self.stems.contains(s)
    }

    /// A head that vouches for the tail after it: a known word (`known`: whether `head` is one),
    /// or one with a linking s or e.
    fn is_known_head(&self, head: &str, chars: usize, known: bool) -> bool {
        if chars < MIN_KNOWN_HEAD {
            return false;
        }
        if known {
            return true;
        }
        match head.strip_suffix('s').or_else(|| head.strip_suffix('e')) {
            Some(stripped) => chars > MIN_HEAD && self.is_known(stripped),
            None => false,
        }
    }

    /// The tails of a folded word that could be parts of it, longest first: every tail that is a
    /// word, or is vouched for by its head ([`Vocabulary::ranked_parts`] keeps fewer). For tests.
    #[cfg(test)]
    pub fn parts<'p>(&self, word: &'p str) -> Vec<&'p str> {
        self.tails(word).collect()
    }

    /// The parts of a folded word, longest first, each a word of the list (by its place) or
    /// another tail: the index's keys are made from these without looking a part up again.
    pub fn ranked_parts<'p>(&self, word: &'p str) -> Vec<Part<'p>> {
        let mut parts: Vec<Part<'p>> = self
            .tails(word)
            .map(|tail| match self.words.get(tail) {
                Some(&(place, _)) => Part::Word(place),
                None => Part::Other(tail),
            })
            .collect();
        // Tails come longest first: only the last one that is not a word stays.
        let shortest_other = parts.iter().rposition(|p| matches!(p, Part::Other(_)));
        let mut at = 0;
        parts.retain(|p| {
            let keep = matches!(p, Part::Word(_)) || Some(at) == shortest_other;
            at += 1;
            keep
        });
        parts
    }

    fn tails<'p>(&self, word: &'p str) -> impl Iterator<Item = &'p str> {
        let n = word.chars().count();
        let long_enough = n >= MIN_COMPOUND;
        word.char_indices()
            .enumerate()
            .skip(MIN_HEAD)
            .filter(move |_| long_enough)
            .take_while(move |&(head_chars, _)| n - head_chars >= MIN_WORD_TAIL)
            .filter_map(move |(head_chars, (at, _))| {
                let (head, tail) = word.split_at(at);
                if self.is_word(tail) && !is_stop_word(tail) {
                    return Some(tail);
                }
                // Else the tail is a part if its head vouches for it. (Each check only where the
                // ones before leave it open: this runs for every letter of every word.)
                if n - head_chars < MIN_VOUCHED_TAIL || head_chars < MIN_KNOWN_HEAD {
                    return None;
                }
                let known = self.is_known(head);
                // After a known head, a tail starting with s or e starts with the linking letter:
                // "arbejd|smiljø" is "arbejds|miljø", found at the next position.
                let linking_next = known && (tail.starts_with('s') || tail.starts_with('e'));
                (!linking_next && self.is_known_head(head, head_chars, known)).then_some(tail)
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::normalize::fold;

    /// A vocabulary of these words, folded (kept for the whole test run: it borrows them).
    fn vocabulary(words: &[&str]) -> Vocabulary<'static> {
        let folded: &'static [String] = Vec::leak(words.iter().map(|w| fold(w)).collect());
        Vocabulary::new(folded.iter().map(String::as_str))
    }

    #[test]
    fn of_the_tails_that_are_not_words_only_the_shortest_is_a_part() {
        let v = vocabulary(&["arbejde", "arbejdsmiljø", "samtale", "arbejdsmiljøfortællingen"]);
        let word = fold("arbejdsmiljøfortællingen");
        assert_eq!(v.parts(&word), [fold("miljøfortællingen"), fold("fortællingen")]);
        assert_eq!(v.ranked_parts(&word), [Part::Other(&fold("fortællingen"))]);
        // A tail that is a word stays beside the shortest that is not.
        let v = vocabulary(&["arbejde", "arbejdsmiljø", "fortællingen", "arbejdsmiljøfortællingen"]);
        assert_eq!(v.ranked_parts(&word), [Part::Other(&fold("miljøfortællingen")), Part::Word(2)]);
    }

    #[test]
    fn a_part_that_is_a_word_is_named_by_its_place_in_the_list_and_another_by_its_text() {
        let v = vocabulary(&["tillid", "repræsentant", "tillidsrepræsentant", "tillidsperson"]);
        assert_eq!(v.ranked_parts(&fold("tillidsrepræsentant")), [Part::Word(1)]);
        assert_eq!(v.ranked_parts("tillidsperson"), [Part::Other("person")]);
    }

    #[test]
    fn a_known_head_with_linking_s_vouches_for_its_tail() {
        let v = vocabulary(&["tillid", "arbejdsmiljø", "tillidsrepræsentant", "arbejdsmiljørepræsentant"]);
        assert!(v.parts(&fold("tillidsrepræsentant")).contains(&fold("repræsentant").as_str()));
        assert!(v.parts(&fold("arbejdsmiljørepræsentanten")).contains(&fold("repræsentanten").as_str()));
    }

    #[test]
    fn a_tail_that_is_a_word_is_a_part() {
        let v = vocabulary(&["fortællingen", "arbejdsmiljøfortællingen", "værksted", "dilemmaværksted"]);
        assert_eq!(v.parts(&fold("arbejdsmiljøfortællingen")), vec![fold("fortællingen")]);
        assert_eq!(v.parts(&fold("dilemmaværksted")), vec![fold("værksted")]);
    }

    #[test]
    fn a_stem_counts_as_a_known_head() {
        // "arbejde" is known, so its stem "arbejd" + linking s vouches for "miljø…".
        let v = vocabulary(&["arbejde", "arbejdsmiljø"]);
        assert_eq!(v.parts(&fold("arbejdsmiljø")), vec![fold("miljø")]);
    }

    #[test]
    fn words_are_not_split_into_unknown_pieces() {
        let v = vocabulary(&["forandring", "samarbejde", "udfordring", "opgave", "for", "under", "undersøge"]);
        assert!(v.parts(&fold("forandringer")).is_empty());
        assert!(v.parts(&fold("udfordringer")).is_empty());
        assert!(v.parts(&fold("undersøge")).is_empty(), "stop words vouch for nothing");
        assert!(v.parts("kort").is_empty());
    }
}
