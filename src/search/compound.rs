//! Closed compounds split at build: "arbejdsmiljørepræsentant" is indexed under
//! "repræsentant" too, so the query side needs no splitting.
//!
//! Danish writes compounds as one word, often with a linking -s- or -e- ("tillid-s-repræsentant").
//! A word's tail is taken as a part when it is itself a word of the handbook, or when what comes
//! before it is a known word (with or without its linking letter).

use rayon::prelude::*;
use rustc_hash::FxHashSet;

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
#[derive(Debug, Default)]
pub struct Vocabulary {
    words: FxHashSet<String>,
    known: FxHashSet<String>,
}

impl Vocabulary {
    /// Builds the vocabulary from folded words (stop words are not known words).
    pub fn new<'a, I: IntoIterator<Item = &'a str>>(words: I) -> Vocabulary {
        let words: FxHashSet<String> = words
            .into_iter()
            .filter(|w| !is_stop_word(w) && w.chars().count() >= MIN_HEAD)
            .map(str::to_string)
            .collect();
        let stems: Vec<String> = words.par_iter().map(|w| stem(w)).filter(|s| s.chars().count() >= MIN_HEAD).collect();
        let mut known: FxHashSet<String> = stems.into_iter().collect();
        known.extend(words.iter().cloned());
        Vocabulary { words, known }
    }

    fn is_word(&self, s: &str) -> bool {
        self.words.contains(s)
    }

    /// A head that vouches for the tail after it: a known word, or one with a linking s or e.
    fn is_known_head(&self, head: &str, chars: usize) -> bool {
        if chars < MIN_KNOWN_HEAD {
            return false;
        }
        if self.known.contains(head) {
            return true;
        }
        match head.strip_suffix('s').or_else(|| head.strip_suffix('e')) {
            Some(stripped) => chars > MIN_HEAD && self.known.contains(stripped),
            None => false,
        }
    }

    /// The tails of a folded word that are parts of it, longest first.
    pub fn parts<'w>(&self, word: &'w str) -> Vec<&'w str> {
        let n = word.chars().count();
        if n < MIN_COMPOUND {
            return Vec::new();
        }
        let mut parts = Vec::new();
        for (head_chars, (at, _)) in word.char_indices().enumerate().skip(MIN_HEAD) {
            let tail_chars = n - head_chars;
            if tail_chars < MIN_WORD_TAIL {
                break;
            }
            let (head, tail) = word.split_at(at);
            // After a known head, a tail starting with s or e starts with the linking letter:
            // "arbejd|smiljø" is "arbejds|miljø", found at the next position.
            let linking_next = (tail.starts_with('s') || tail.starts_with('e')) && self.known.contains(head);
            let vouched = tail_chars >= MIN_VOUCHED_TAIL && !linking_next && self.is_known_head(head, head_chars);
            let is_part = (self.is_word(tail) && !is_stop_word(tail)) || vouched;
            if is_part {
                parts.push(tail);
            }
        }
        parts
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::normalize::fold;

    fn vocabulary(words: &[&str]) -> Vocabulary {
        let folded: Vec<String> = words.iter().map(|w| fold(w)).collect();
        Vocabulary::new(folded.iter().map(String::as_str))
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
