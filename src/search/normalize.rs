//! Danish folding and tokenising, the same on both sides of the search: here at build, and in
//! `themes/default/static/js/search/engine.js` in the browser (a test checks that the two agree).
//!
//! Folding lower-cases and writes the Danish letters the old way, so both spellings meet:
//! å → aa, æ → ae, ø → oe ("aarshjul" finds "årshjul"); other accents are dropped.

/// A word of a text, ready for the index.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Token {
    /// Lower-cased and folded, hyphens left out: "MED-udvalget" → "medudvalget".
    pub folded: String,
    /// The folded pieces between hyphens, when there are more than one: ["med", "udvalget"],
    /// each with whether it was written in capitals.
    pub pieces: Vec<(String, bool)>,
    /// Written in capitals ("MED", "TR"): an abbreviation, never a stop word.
    pub upper: bool,
}

/// Shortest token the index keeps.
pub const MIN_TOKEN_CHARS: usize = 2;
/// Longest token the index keeps; longer runs are codes or addresses, not words.
pub const MAX_TOKEN_CHARS: usize = 40;

/// The Danish stop words (Snowball's list), folded. They are left out of the index unless
/// written in capitals, so the abbreviation "MED" is found while the preposition "med" is not.
pub const STOP_WORDS: &[&str] = &[
    "og", "i", "jeg", "det", "at", "en", "den", "til", "er", "som", "paa", "de", "med", "han", "af", "for", "ikke",
    "der", "var", "mig", "sig", "men", "et", "har", "om", "vi", "min", "havde", "ham", "hun", "nu", "over", "da",
    "fra", "du", "ud", "sin", "dem", "os", "op", "man", "hans", "hvor", "eller", "hvad", "skal", "selv", "her", "alle",
    "vil", "blev", "kunne", "ind", "naar", "vaere", "dog", "noget", "ville", "jo", "deres", "efter", "ned", "skulle",
    "denne", "end", "dette", "mit", "ogsaa", "under", "have", "dig", "anden", "hende", "mine", "alt", "meget", "sit",
    "sine", "vor", "mod", "disse", "hvis", "din", "nogle", "hos", "blive", "mange", "ad", "bliver", "hendes", "vaeret",
    "thi", "jer", "saadan",
];

/// Words of a question or a phrase that say little of what it is about ("hvordan får vi …",
/// "hvor tit skal …"), folded. Unlike the stop words they are indexed, as any word: the query
/// side reads them as words a result may have, not words it must have, so that they do not
/// drown the words that carry the meaning.
pub const FUNCTION_WORDS: &[&str] = &[
    "hvordan",
    "hvorfor",
    "hvornaar",
    "hvem",
    "hvilke",
    "hvilken",
    "hvilket",
    "hvorledes",
    "kan",
    "faa",
    "faar",
    "fik",
    "goer",
    "goere",
    "gjorde",
    "boer",
    "maa",
    "mon",
    "tit",
    "ofte",
    "godt",
    "lige",
    "bare",
    "helt",
    "vores",
    "jeres",
    "egentlig",
    "nogen",
    "ens",
];

static STOP_WORD_SET: std::sync::LazyLock<rustc_hash::FxHashSet<&'static str>> =
    std::sync::LazyLock::new(|| STOP_WORDS.iter().copied().collect());

/// Whether `folded` is a stop word.
pub fn is_stop_word(folded: &str) -> bool {
    folded.len() <= 6 && STOP_WORD_SET.contains(folded)
}

/// Lower-cases `word` and folds its letters the Danish way.
pub fn fold(word: &str) -> String {
    let mut out = String::with_capacity(word.len() + 4);
    fold_into(word, &mut out);
    out
}

/// Appends `word` folded to `out`.
fn fold_into(word: &str, out: &mut String) {
    if !word.is_ascii() && word.contains('Σ') {
        // A final capital sigma lower-cases by its place in the word: leave it to `to_lowercase`.
        word.to_lowercase().chars().for_each(|c| push_folded(c, out));
        return;
    }
    for c in word.chars() {
        push_lower_folded(c, out);
    }
}

/// Appends `c` lower-cased and folded to `out`.
#[inline]
fn push_lower_folded(c: char, out: &mut String) {
    if c.is_ascii() {
        out.push(c.to_ascii_lowercase());
    } else {
        c.to_lowercase().for_each(|lower| push_folded(lower, out));
    }
}

/// Appends lower-case `c` folded to `out`, by the one table in [`crate::fold`].
#[inline]
fn push_folded(c: char, out: &mut String) {
    crate::fold::push_folded(c, out)
}

#[inline]
fn is_word_char(c: char) -> bool {
    match c {
        '\0'..='\x7f' => c.is_ascii_alphanumeric(),
        // Latin-1's letters (æ, ø, å, é, …) without a trip to the Unicode tables.
        '\u{c0}'..='\u{ff}' => c != '×' && c != '÷',
        _ => c.is_alphanumeric(),
    }
}

#[inline]
fn is_hyphen(c: char) -> bool {
    matches!(c, '-' | '\u{2010}' | '\u{2011}')
}

#[inline]
fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}')
}

/// Splits `text` into words. A hyphen between letters joins ("check-in" is one word of two
/// pieces); an apostrophe ends a word and drops what follows ("TRIO'en" → "trio"), as Danish
/// inflects abbreviations and names that way.
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut tokens = Vec::new();
    for_each_token(text, |t| tokens.push(t.clone()));
    tokens
}

/// The length in bytes of the char at the start of `s` if it is of `kind`.
#[inline]
fn char_of(s: &str, kind: fn(char) -> bool) -> Option<usize> {
    s.chars().next().filter(|&c| kind(c)).map(char::len_utf8)
}

/// The length of the char at the start of `s` if it is of `kind` and a word char follows it.
#[inline]
fn joiner(s: &str, kind: fn(char) -> bool) -> Option<usize> {
    // Every joiner is a hyphen, an apostrophe or a char beyond ASCII: other ASCII ends the word.
    match s.as_bytes().first() {
        Some(b'-' | b'\'' | 0x80..) => {}
        _ => return None,
    }
    let len = char_of(s, kind)?;
    char_of(&s[len..], is_word_char).map(|_| len)
}

/// The word char at byte `i` of `text` and its length in bytes, if there is one.
#[inline]
fn word_char_at(text: &str, i: usize) -> Option<(char, usize)> {
    let b = *text.as_bytes().get(i)?;
    if b.is_ascii() {
        return b.is_ascii_alphanumeric().then_some((b as char, 1));
    }
    let c = text[i..].chars().next()?;
    is_word_char(c).then_some((c, c.len_utf8()))
}

/// Whether a piece of a word is written in capitals: it has letters and all are capitals.
#[derive(Debug, Clone, Copy)]
struct Capitals {
    letters: usize,
    all_upper: bool,
}

impl Capitals {
    const NONE: Capitals = Capitals { letters: 0, all_upper: true };

    #[inline]
    fn add(&mut self, c: char) {
        let (letter, upper) = match c {
            '\0'..='\x7f' => (c.is_ascii_alphabetic(), c.is_ascii_uppercase()),
            // Latin-1's letters: the capitals À–Þ come before the small letters ß–ÿ.
            '\u{c0}'..='\u{ff}' => (c != '×' && c != '÷', c <= 'Þ'),
            _ => (c.is_alphabetic(), c.is_uppercase()),
        };
        if letter {
            self.letters += 1;
            self.all_upper &= upper;
        }
    }

    fn and(self, other: Capitals) -> Capitals {
        Capitals { letters: self.letters + other.letters, all_upper: self.all_upper && other.all_upper }
    }

    /// An abbreviation's mark: two capitals or more, and no small letter.
    fn is_upper(self) -> bool {
        self.all_upper && self.letters >= 2
    }
}

/// Calls `f` with each word of `text` as it is written: the span that [`tokenize`] reads as one
/// word, its hyphens and an apostrophe's ending included ("TRIO'en", "MED-udvalget").
///
/// Only finds where words are, without folding them: the index folds each distinct span once
/// (see [`for_each_token_in_span`]) rather than every time it occurs.
pub fn for_each_word_span<'t>(text: &'t str, mut f: impl FnMut(&'t str)) {
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        // Most of a text is ASCII: its spaces and punctuation are skipped a byte at a time.
        if bytes[i].is_ascii() && !bytes[i].is_ascii_alphanumeric() {
            i += 1;
            continue;
        }
        if word_char_at(text, i).is_none() {
            i += text[i..].chars().next().map_or(1, char::len_utf8);
            continue;
        }
        let start = i;
        loop {
            i = end_of_word_chars(text, i);
            match joiner(&text[i..], is_hyphen) {
                Some(len) => i += len,
                None => break,
            }
        }
        if let Some(len) = joiner(&text[i..], is_apostrophe) {
            i = end_of_word_chars(text, i + len);
        }
        f(&text[start..i]);
    }
}

/// Where the run of word chars starting at byte `i` of `text` ends.
#[inline]
fn end_of_word_chars(text: &str, mut i: usize) -> usize {
    let bytes = text.as_bytes();
    loop {
        // ASCII letters and digits a byte at a time; other chars through the Unicode tables.
        while i < bytes.len() && bytes[i].is_ascii_alphanumeric() {
            i += 1;
        }
        match word_char_at(text, i) {
            Some((_, len)) => i += len,
            _ => return i,
        }
    }
}

/// Calls `f` with each word of `text` as [`tokenize`] splits them, reusing one [`Token`].
pub fn for_each_token(text: &str, mut f: impl FnMut(&Token)) {
    let mut folder = Folder::default();
    for_each_word_span(text, |span| f(folder.fold_span(span)));
}

/// Calls `f` with the one word of `span`, a span found by [`for_each_word_span`].
pub fn for_each_token_in_span(span: &str, f: impl FnOnce(&Token)) {
    f(Folder::default().fold_span(span));
}

/// Folds word spans into a [`Token`] it reuses.
#[derive(Default)]
struct Folder {
    token: Token,
    /// Per piece between hyphens: its raw text, its folding in `token.folded`, its capitals.
    pieces: Vec<(std::ops::Range<usize>, std::ops::Range<usize>, Capitals)>,
}

impl Folder {
    /// Folds a word span: each char is read once, folded as it is read and counted as a capital
    /// or not. Inside a span a hyphen always joins two pieces and an apostrophe starts the
    /// ending that is dropped.
    fn fold_span(&mut self, span: &str) -> &Token {
        let Folder { token, pieces } = self;
        token.folded.clear();
        pieces.clear();
        let mut sigma = false;
        let mut piece_start = (0, 0);
        let mut capitals = Capitals::NONE;
        let mut end = span.len();
        for (at, c) in span.char_indices() {
            if is_hyphen(c) || is_apostrophe(c) {
                pieces.push((piece_start.0..at, piece_start.1..token.folded.len(), capitals));
                if is_apostrophe(c) {
                    end = at;
                    break;
                }
                piece_start = (at + c.len_utf8(), token.folded.len());
                capitals = Capitals::NONE;
                continue;
            }
            capitals.add(c);
            sigma |= c == 'Σ';
            push_lower_folded(c, &mut token.folded);
        }
        if end == span.len() {
            pieces.push((piece_start.0..end, piece_start.1..token.folded.len(), capitals));
        }
        if sigma {
            // A final sigma lower-cases by its place in the word: fold each piece as a whole.
            token.folded.clear();
            for (raw, folded, _) in pieces.iter_mut() {
                let start = token.folded.len();
                fold_into(&span[raw.clone()], &mut token.folded);
                *folded = start..token.folded.len();
            }
        }
        token.pieces.clear();
        if pieces.len() > 1 {
            token.pieces.extend(
                pieces
                    .iter()
                    .map(|(_, folded, capitals)| (token.folded[folded.clone()].to_string(), capitals.is_upper())),
            );
        }
        token.upper = pieces.iter().fold(Capitals::NONE, |all, p| all.and(p.2)).is_upper();
        token
    }
}

/// What marks a stop word kept in a title or heading, so that it never meets the abbreviation
/// spelt the same ("med" in "Hvem er med?" is "~med"; "MED" stays "med").
pub const STOP_MARK: char = '~';

/// Whether stop words are indexed: in titles and headings they are (marked with [`STOP_MARK`]),
/// so that "hvad er en TRIO" can prefer the page titled so; in body text they are not.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StopWords {
    /// Kept, but marked so that a query can leave them out.
    Mark,
    /// Left out of the index.
    Drop,
}

/// The index keys of `text`: each word, and for hyphenated words also each piece.
pub fn index_words(text: &str, stop_words: StopWords) -> Vec<String> {
    let mut out = Vec::new();
    for_each_index_key(text, stop_words, |k| out.push(k.to_string()));
    out
}

/// Calls `f` with each index key of `text`, as [`index_words`] lists them, without allocating
/// per word.
pub fn for_each_index_key(text: &str, stop_words: StopWords, mut f: impl FnMut(&str)) {
    let mut marked = String::new();
    for_each_token(text, |token| token_keys(token, stop_words, &mut marked, &mut f));
}

/// The index keys of one word span (see [`for_each_word_span`]), as [`for_each_index_key`]
/// gives them for the same word in a text.
pub fn for_each_index_key_of_span(span: &str, stop_words: StopWords, mut f: impl FnMut(&str)) {
    let mut marked = String::new();
    for_each_token_in_span(span, |token| token_keys(token, stop_words, &mut marked, &mut f));
}

/// A token's keys: each of its pieces, then the whole word; stop words dropped or marked.
fn token_keys(token: &Token, stop_words: StopWords, marked: &mut String, f: &mut impl FnMut(&str)) {
    let mut emit = |folded: &str, upper: bool| {
        let n = folded.chars().count();
        if !(MIN_TOKEN_CHARS..=MAX_TOKEN_CHARS).contains(&n) {
            return;
        }
        if upper || !is_stop_word(folded) {
            f(folded);
        } else if stop_words == StopWords::Mark {
            marked.clear();
            marked.push(STOP_MARK);
            marked.push_str(folded);
            f(marked);
        }
    };
    for (piece, upper) in &token.pieces {
        emit(piece, *upper);
    }
    emit(&token.folded, token.upper);
}

/// A phrase as the query side reads it: folded words, hyphenated words joined, spaces between.
pub(crate) fn query_form(text: &str) -> Option<String> {
    let words: Vec<String> = tokenize(text).into_iter().map(|t| t.folded).collect();
    (!words.is_empty()).then(|| words.join(" "))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn folded(text: &str) -> Vec<String> {
        tokenize(text).into_iter().map(|t| t.folded).collect()
    }

    #[test]
    fn danish_letters_fold_to_the_old_spelling() {
        assert_eq!(fold("Årshjul"), "aarshjul");
        assert_eq!(fold("hård"), "haard");
        assert_eq!(fold("HÅRD"), "haard");
        assert_eq!(fold("Arbejdsmiljørepræsentant"), "arbejdsmiljoerepraesentant");
        assert_eq!(fold("sygefravær"), "sygefravaer");
    }

    #[test]
    fn old_and_new_spellings_meet() {
        assert_eq!(fold("aarshjul"), fold("årshjul"));
        assert_eq!(fold("haard"), fold("hård"));
        assert_eq!(fold("moede"), fold("møde"));
        assert_eq!(fold("repraesentant"), fold("repræsentant"));
    }

    #[test]
    fn foreign_accents_are_dropped() {
        assert_eq!(fold("Café Über"), "cafe ueber");
        assert_eq!(fold("Müller"), "mueller");
        assert_eq!(fold("Göteborg"), "goeteborg");
    }

    #[test]
    fn words_are_split_on_spaces_and_punctuation() {
        assert_eq!(folded("Hård tone, på gangen."), vec!["haard", "tone", "paa", "gangen"]);
        assert_eq!(folded("(AMR/TR)"), vec!["amr", "tr"]);
    }

    #[test]
    fn hyphenated_words_keep_their_pieces() {
        let t = &tokenize("MED-udvalget")[0];
        assert_eq!(t.folded, "medudvalget");
        assert_eq!(t.pieces, vec![("med".to_string(), true), ("udvalget".to_string(), false)]);
        assert!(!t.upper);
        assert_eq!(folded("arbejdsmiljø - og trivsel"), vec!["arbejdsmiljoe", "og", "trivsel"]);
    }

    #[test]
    fn an_apostrophe_ends_the_word() {
        assert_eq!(folded("TRIO'en og AMR’ens rolle"), vec!["trio", "og", "amr", "rolle"]);
        assert_eq!(folded("'citat'"), vec!["citat"]);
    }

    #[test]
    fn capitals_mark_abbreviations_that_are_not_stop_words() {
        assert_eq!(index_words("Samarbejde med MED og TR", StopWords::Drop), vec!["samarbejde", "med", "tr"]);
        assert_eq!(index_words("MED-udvalget", StopWords::Drop), vec!["med", "udvalget", "medudvalget"]);
        assert_eq!(index_words("check-in i TRIO'en", StopWords::Drop), vec!["check", "in", "checkin", "trio"]);
    }

    #[test]
    fn stop_words_and_single_letters_are_left_out() {
        assert_eq!(index_words("Det er en god idé at gå i gang", StopWords::Drop), vec!["god", "ide", "gaa", "gang"]);
        assert_eq!(index_words("Hvem er med i MED?", StopWords::Mark), vec!["hvem", "~er", "~med", "med"]);
    }
}
