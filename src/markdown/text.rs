//! Small text helpers of the Markdown stage: plain text of events, word counts, item ids and
//! HTML escaping.

use pulldown_cmark::{Event, TagEnd};

use crate::slug::slugify;

/// Whether `text` starts with the lower-case ASCII `prefix`, in any case.
pub fn starts_with_ignore_ascii_case(text: &str, prefix: &str) -> bool {
    text.as_bytes().get(..prefix.len()).is_some_and(|head| head.eq_ignore_ascii_case(prefix.as_bytes()))
}

/// The text of a run of events, without markup.
pub fn plain_text(events: &[Event]) -> String {
    let mut s = String::new();
    for e in events {
        match e {
            Event::Text(t) | Event::Code(t) => s.push_str(t),
            Event::SoftBreak | Event::HardBreak => s.push(' '),
            Event::End(TagEnd::Paragraph) => s.push(' '),
            _ => {}
        }
    }
    let mut joined = String::with_capacity(s.len());
    for word in s.split_whitespace() {
        if !joined.is_empty() {
            joined.push(' ');
        }
        joined.push_str(word);
    }
    joined
}

/// The number of words in `text`, as `text.split_whitespace().count()` counts them.
///
/// Every text of every page is counted (for the reading time), and `split_whitespace` decodes
/// every character and branches at every word. Text without the first bytes of non-ASCII
/// whitespace (U+0085, U+00A0, U+1680, U+2000–U+205F, U+3000), which is nearly all text, can
/// be counted a byte at a time instead: a word starts at each non-space byte after a space byte
/// (a byte inside a character never follows a space byte, so it never starts a word).
pub fn count_words(text: &str) -> usize {
    let bytes = text.as_bytes();
    // Written as sums over the bytes, without branches or early exits, so that the compiler
    // turns them into vector instructions.
    let maybe_unicode_space =
        bytes.iter().map(|&b| u8::from(b == 0xc2) | u8::from((0xe1..=0xe3).contains(&b))).fold(0, |seen, b| seen | b)
            != 0;
    if maybe_unicode_space {
        return text.split_whitespace().count();
    }
    let mut words = 0;
    // The text starts as if after a space; chunks keep each sum within a `u32` (which sums
    // twice as fast as a `usize`).
    let mut before = b' ';
    for chunk in bytes.chunks(1 << 16) {
        let first = usize::from(is_ascii_space(before) & !is_ascii_space(chunk[0]));
        let rest: u32 = chunk
            .iter()
            .zip(&chunk[1..])
            .map(|(&before, &at)| u32::from(is_ascii_space(before) & !is_ascii_space(at)))
            .sum();
        words += first + rest as usize;
        before = chunk[chunk.len() - 1];
    }
    words
}

/// Whether `b` is ASCII whitespace as `char::is_whitespace` has it (which, unlike
/// `u8::is_ascii_whitespace`, includes the vertical tab).
fn is_ascii_space(b: u8) -> bool {
    b == b' ' || (b'\t'..=b'\r').contains(&b)
}

/// Strips a trailing `{#id}` from the last text of an item and returns the id.
pub fn take_explicit_id<'a>(events: &mut [Event<'a>]) -> Option<String> {
    let last = events.iter_mut().rev().find(|e| matches!(e, Event::Text(_)))?;
    let Event::Text(t) = last else { return None };
    let trimmed = t.trim_end();
    if !trimmed.ends_with('}') {
        return None;
    }
    let open = trimmed.rfind("{#")?;
    let id = trimmed[open + 2..trimmed.len() - 1].trim().to_string();
    if id.is_empty() || !crate::slug::is_valid_slug(&id) {
        return None;
    }
    *t = trimmed[..open].trim_end().to_string().into();
    Some(id)
}

/// A slug of the first words of an item, short enough for a URL fragment.
pub fn short_slug(text: &str) -> String {
    // A long item's first words decide its first 48 bytes of slug: slug only those, unless
    // they give too short a slug to tell.
    let head = text.char_indices().nth(120).map_or(text, |(at, _)| &text[..at]);
    let mut slug = slugify(head);
    if slug.len() <= 48 && head.len() < text.len() {
        slug = slugify(text);
    }
    if slug.len() <= 48 {
        return slug;
    }
    let cut = slug[..48].rfind('-').unwrap_or(48);
    slug[..cut].to_string()
}

/// Escapes text for HTML content and attributes.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    pulldown_cmark_escape::escape_html(&mut out, text).expect("writing to a String cannot fail");
    out
}
