//! Markdown → HTML with pulldown-cmark: heading ids, list items with ids, `@/` links, highlighting.
//!
//! Runs once per file during loading. Internal links cannot be resolved yet (their targets may not
//! be loaded), so they are written as `triobog-link:N` placeholders and replaced when rendering.
//! - [`document`]: what a rendered body holds;
//! - [`events`]: the walk over pulldown-cmark's events that writes the HTML;
//! - [`figure`]: figures written as data in a ```` ```figur ```` block, drawn as HTML and SVG;
//! - [`highlight`]: code blocks through syntect;
//! - [`text`]: plain text, word counts, ids and escaping.

pub mod document;
pub mod events;
pub mod figure;
pub mod highlight;
pub mod text;

pub use document::{FigureError, Heading, Item, ItemMode, LINK_PLACEHOLDER, LinkRef, Markdown, TextBlock};
pub use events::render_markdown;
pub use text::escape;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markdown::text::count_words;

    #[test]
    fn headings_get_danish_ids_and_anchor_links() {
        let md = render_markdown("## Næste skridt\n\nTekst\n\n## Næste skridt\n", ItemMode::Plain, false);
        assert_eq!(md.headings[0].id, "naeste-skridt");
        assert_eq!(md.headings[1].id, "naeste-skridt-1");
        assert!(md.html.contains("<h2 id=\"naeste-skridt\">Næste skridt"));
    }

    #[test]
    fn internal_links_become_placeholders() {
        let md = render_markdown("Se [værktøjet](@/vaerktoejer/x.md#trin).", ItemMode::Plain, false);
        assert_eq!(md.links[0].dest, "@/vaerktoejer/x.md#trin");
        assert!(md.html.contains("href=\"triobog-link:0\""));
    }

    #[test]
    fn raw_html_is_dropped_by_default() {
        let md =
            render_markdown("Hej <script>alert(1)</script>\n\n<div onclick=\"x()\">a</div>\n", ItemMode::Plain, false);
        assert!(!md.html.contains("<script"));
        assert!(!md.html.contains("alert"));
        assert!(!md.html.contains("onclick"));
        assert_eq!(md.dropped_html.len(), 3);
    }

    #[test]
    fn javascript_links_are_neutralised() {
        let md = render_markdown("[klik](javascript:alert(1))", ItemMode::Plain, false);
        assert!(md.html.contains("href=\"#\""));
        assert_eq!(md.unsafe_links.len(), 1);
    }

    #[test]
    fn items_get_ids_explicit_or_derived() {
        let md =
            render_markdown("- Tonen er god hos os\n- Jeg siger fra, når… {#sige-fra}\n", ItemMode::Anchored, false);
        assert_eq!(md.items[0].id, "tonen-er-god-hos-os");
        assert_eq!(md.items[1].id, "sige-fra");
        assert_eq!(md.items[1].text, "Jeg siger fra, når…");
        assert!(md.html.contains("<li id=\"sige-fra\">"));
    }

    #[test]
    fn extracted_items_leave_the_body() {
        let md = render_markdown("Intro.\n\n- Kort et\n- Kort to\n", ItemMode::Extracted, false);
        assert_eq!(md.items.len(), 2);
        assert!(!md.html.contains("Kort et"));
        assert!(md.html.contains("Intro."));
    }

    #[test]
    fn search_blocks_keep_words_whole_and_leave_out_cards() {
        let md = render_markdown("Om TRIO'en og *hård*\ntone.\n\n## Kort\n\n- Et kort\n", ItemMode::Extracted, false);
        assert_eq!(md.blocks[0].text, "Om TRIO’en og hård tone.");
        assert_eq!(md.blocks[1].heading.as_deref(), Some("Kort"));
        assert_eq!(md.blocks[1].text, "");
        assert_eq!(md.items[0].text, "Et kort");
    }

    #[test]
    fn section_html_is_the_text_under_a_heading() {
        let md = render_markdown("## Formål\n\nAt lære.\n\n## Forberedelse\n\nLæs.\n", ItemMode::Plain, false);
        let s = md.section_html("Formål").unwrap();
        assert!(s.contains("At lære.") && !s.contains("Læs."));
    }

    #[test]
    fn every_character_is_counted_as_split_whitespace_counts_it() {
        for c in (0..=0x10ffff).filter_map(char::from_u32) {
            let text = format!("a{c}b");
            assert_eq!(count_words(&text), text.split_whitespace().count(), "U+{:04X}", u32::from(c));
        }
    }

    #[test]
    fn long_texts_are_counted_across_chunks() {
        for lead in ["", "a", "ab", " ", "  "] {
            let text = format!("{lead}{}", "ord og ".repeat(30_000));
            assert_eq!(count_words(&text), text.split_whitespace().count());
        }
    }

    proptest::proptest! {
        #[test]
        fn words_are_counted_as_split_whitespace_counts_them(text in "([a-zæøå.,]{0,3}[ \t\n\r\u{b}\u{c}\u{85}\u{a0}\u{1680}\u{2000}-\u{2060}\u{3000}\u{1c}\u{e000}]{0,2}){0,12}|\\PC{0,40}") {
            proptest::prop_assert_eq!(count_words(&text), text.split_whitespace().count());
        }
    }
}
