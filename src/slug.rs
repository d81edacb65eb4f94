//! Danish-safe slugs for URLs and heading anchors: æ→ae, ø→oe, å→aa (the table in
//! [`crate::fold`]), everything else ASCII.

/// Turns a title into a lower-case ASCII slug with hyphens ("Næste skridt" → "naeste-skridt").
pub fn slugify(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_dash = false;
    for c in text.chars() {
        // Most titles are ASCII letters with a few Danish ones: an ASCII letter lower-cases to
        // one letter, without the table lookup of `char::to_lowercase`.
        if c.is_ascii() {
            push_lowercase(&mut out, c.to_ascii_lowercase(), &mut pending_dash);
        } else {
            for lower in c.to_lowercase() {
                push_lowercase(&mut out, lower, &mut pending_dash);
            }
        }
    }
    out
}

/// Adds one lower-case character to a slug: a Danish or accented letter as ASCII (by the one
/// table in [`crate::fold`]), an ASCII letter or digit as it is, and anything else as a hyphen
/// before the next letter.
fn push_lowercase(out: &mut String, c: char, pending_dash: &mut bool) {
    if c.is_ascii_alphanumeric() {
        let mut buf = [0; 4];
        push_with_dash(out, c.encode_utf8(&mut buf), pending_dash);
        return;
    }
    match crate::fold::fold_char(c) {
        Some(crate::fold::Folded::Str(s)) => push_with_dash(out, s, pending_dash),
        Some(crate::fold::Folded::Char(a)) => {
            let mut buf = [0; 4];
            push_with_dash(out, a.encode_utf8(&mut buf), pending_dash);
        }
        None => *pending_dash = !out.is_empty(),
    }
}

fn push_with_dash(out: &mut String, s: &str, pending_dash: &mut bool) {
    if *pending_dash {
        out.push('-');
        *pending_dash = false;
    }
    out.push_str(s);
}

/// Whether `s` is already a valid slug: non-empty, lower-case ASCII letters, digits and inner hyphens.
pub fn is_valid_slug(s: &str) -> bool {
    !s.is_empty()
        && !s.starts_with('-')
        && !s.ends_with('-')
        && s.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn danish_letters_become_ascii_pairs() {
        assert_eq!(slugify("Næste skridt"), "naeste-skridt");
        assert_eq!(slugify("Årshjul for TRIO-møderne"), "aarshjul-for-trio-moederne");
        assert_eq!(slugify("Hård tone – hvad gør vi?"), "haard-tone-hvad-goer-vi");
        assert_eq!(slugify("  Facilitators rolle "), "facilitators-rolle");
    }

    #[test]
    fn letters_beyond_danish_are_written_as_a_person_would() {
        assert_eq!(slugify("Façade"), "facade");
        assert_eq!(slugify("Müller & Søn"), "mueller-soen");
        assert_eq!(slugify("Göteborg-modellen"), "goeteborg-modellen");
        assert_eq!(slugify("Straße"), "strasse");
        assert_eq!(slugify("Café Noël"), "cafe-noel");
    }

    #[test]
    fn slug_validation_rejects_paths() {
        assert!(is_valid_slug("dilemmavaerksted"));
        assert!(!is_valid_slug("../etc"));
        assert!(!is_valid_slug("a/b"));
        assert!(!is_valid_slug(""));
    }

    /// The slugs of the lower-casing done one character at a time, as before the ASCII path.
    fn slugify_reference(text: &str) -> String {
        let mut out = String::new();
        let mut pending_dash = false;
        for c in text.chars().flat_map(char::to_lowercase) {
            push_lowercase(&mut out, c, &mut pending_dash);
        }
        out
    }

    proptest::proptest! {
        #[test]
        fn ascii_path_gives_the_same_slugs(text in "[a-zA-Z0-9 æøåÆØÅéÉüÜİ.,?!–-]{0,40}|\\PC{0,40}") {
            proptest::prop_assert_eq!(slugify(&text), slugify_reference(&text));
        }
    }
}
