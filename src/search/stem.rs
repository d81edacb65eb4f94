//! Danish stemming with the Snowball Danish stemmer (rust-stemmers), applied to folded words.
//!
//! The browser side runs its own port of the same algorithm on the same folded words, so a
//! query meets the index whichever spelling it is typed in; a test checks that both agree.

use std::sync::LazyLock;

use rust_stemmers::{Algorithm, Stemmer};

static DANISH: LazyLock<Stemmer> = LazyLock::new(|| Stemmer::create(Algorithm::Danish));

/// The stem of a folded word: "samarbejdet", "samarbejder" and "samarbejde" → "samarbejd".
pub fn stem(folded: &str) -> String {
    DANISH.stem(folded).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::normalize::fold;

    #[test]
    fn inflections_meet_at_one_stem() {
        for word in ["samarbejdet", "samarbejder", "samarbejde"] {
            assert_eq!(stem(&fold(word)), "samarbejd", "{word}");
        }
        assert_eq!(stem(&fold("fortællingen")), stem(&fold("fortælling")));
        assert_eq!(stem(&fold("årshjulet")), stem(&fold("aarshjul")));
        assert_eq!(stem(&fold("hårde")), stem(&fold("haard")));
        assert_eq!(stem(&fold("møderne")), stem(&fold("mødet")));
    }

    #[test]
    fn stems_are_prefixes_of_their_words() {
        for word in ["tillidsrepraesentanterne", "arbejdsmiljoeet", "loest", "vigtigst", "trioens", "opfoelgningen"] {
            assert!(word.starts_with(&stem(word)), "{word} → {}", stem(word));
        }
    }
}
