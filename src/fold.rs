//! The one Danish letter table: how a letter is written in plain ASCII, for slugs and for the
//! search (whose browser side, `js/search/engine.js`, mirrors it and is tested to agree).
//!
//! å, æ, ø are written the old Danish way (aa, ae, oe), and their Swedish and German cousins
//! ä, ö the same; ü and ß as German writes them without the letter (ue, ss). Any other letter
//! with an accent loses it (é → e, ç → c, ñ → n), as a person typing on a plain keyboard would
//! write it. Not the place for lower-casing or word splitting: the callers do that.

use unicode_normalization::char::{decompose_canonical, is_combining_mark};

/// How a lower-case letter is written in ASCII, when it is not ASCII already: `None` for a
/// character with no ASCII spelling (a symbol, a letter of another script).
#[inline]
pub fn fold_char(c: char) -> Option<Folded> {
    Some(match c {
        'å' => Folded::Str("aa"),
        'æ' | 'ä' => Folded::Str("ae"),
        'ø' | 'ö' => Folded::Str("oe"),
        'ü' => Folded::Str("ue"),
        'ß' => Folded::Str("ss"),
        'œ' => Folded::Str("oe"),
        'ð' => Folded::Str("d"),
        'þ' => Folded::Str("th"),
        'ł' => Folded::Str("l"),
        'đ' => Folded::Str("d"),
        _ => return without_accent(c).map(Folded::Char),
    })
}

/// A letter's ASCII spelling: a few letters are written with two.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Folded {
    /// One ASCII letter: é → e.
    Char(char),
    /// Letters such as å → aa.
    Str(&'static str),
}

/// The ASCII letter under an accented one (é → e), from its canonical decomposition.
fn without_accent(c: char) -> Option<char> {
    let mut base = None;
    let mut other = false;
    decompose_canonical(c, |part| {
        if part.is_ascii_alphabetic() && base.is_none() {
            base = Some(part);
        } else if !is_combining_mark(part) {
            other = true;
        }
    });
    base.filter(|_| !other)
}

/// Appends the folding of lower-case `c` to `out`: its ASCII spelling, or `c` itself.
#[inline]
pub fn push_folded(c: char, out: &mut String) {
    match fold_char(c) {
        Some(Folded::Str(s)) => out.push_str(s),
        Some(Folded::Char(a)) => out.push(a),
        None => out.push(c),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn folded(word: &str) -> String {
        let mut out = String::new();
        word.chars().for_each(|c| push_folded(c, &mut out));
        out
    }

    #[test]
    fn danish_letters_are_written_the_old_way_and_their_cousins_alike() {
        assert_eq!(folded("årshjul"), "aarshjul");
        assert_eq!(folded("æble"), "aeble");
        assert_eq!(folded("øl"), "oel");
        assert_eq!(folded("göteborg"), "goeteborg");
        assert_eq!(folded("mäler"), "maeler");
        assert_eq!(folded("müller"), "mueller");
        assert_eq!(folded("straße"), "strasse");
    }

    #[test]
    fn other_accents_are_dropped() {
        assert_eq!(folded("façade"), "facade");
        assert_eq!(folded("café"), "cafe");
        assert_eq!(folded("señor"), "senor");
        assert_eq!(folded("naïve"), "naive");
        assert_eq!(folded("łódź"), "lodz");
    }

    #[test]
    fn what_has_no_ascii_spelling_stays() {
        assert_eq!(fold_char('€'), None);
        assert_eq!(fold_char('ж'), None);
        assert_eq!(folded("a–b"), "a–b");
    }
}
