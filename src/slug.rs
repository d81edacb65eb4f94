//! Danish-safe slugs for URLs and heading anchors: æ→ae, ø→oe, å→aa, everything else ASCII.

/// Turns a title into a lower-case ASCII slug with hyphens ("Næste skridt" → "naeste-skridt").
pub fn slugify(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_dash = false;
    for c in text.chars().flat_map(char::to_lowercase) {
        let mapped: &str = match c {
            'æ' => "ae",
            'ø' => "oe",
            'å' => "aa",
            'é' | 'è' | 'ê' | 'ë' => "e",
            'ü' => "u",
            'ö' => "o",
            'ä' => "a",
            'á' | 'à' => "a",
            'í' => "i",
            'ó' => "o",
            'ú' => "u",
            _ => "",
        };
        if !mapped.is_empty() {
            push_with_dash(&mut out, mapped, &mut pending_dash);
        } else if c.is_ascii_alphanumeric() {
            let mut buf = [0; 4];
            push_with_dash(&mut out, c.encode_utf8(&mut buf), &mut pending_dash);
        } else {
            pending_dash = !out.is_empty();
        }
    }
    out
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
    fn slug_validation_rejects_paths() {
        assert!(is_valid_slug("dilemmavaerksted"));
        assert!(!is_valid_slug("../etc"));
        assert!(!is_valid_slug("a/b"));
        assert!(!is_valid_slug(""));
    }
}
