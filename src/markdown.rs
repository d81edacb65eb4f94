//! Markdown → HTML with pulldown-cmark: heading ids, list items with ids, `@/` links, highlighting.
//!
//! Runs once per file during loading. Internal links cannot be resolved yet (their targets may not
//! be loaded), so they are written as `triobog-link:N` placeholders and replaced by `resolve`.

use pulldown_cmark::{CodeBlockKind, CowStr, Event, HeadingLevel, LinkType, Options, Parser, Tag, TagEnd};
use serde::Serialize;

use crate::highlight::highlight_code;
use crate::slug::slugify;

/// The prefix of a link placeholder in rendered HTML; followed by the link's index.
pub const LINK_PLACEHOLDER: &str = "triobog-link:";

/// What to do with the body's top-level list items.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ItemMode {
    /// Ordinary lists.
    Plain,
    /// Each top-level item gets an id so it can be linked, printed and searched (question sets).
    Anchored,
    /// Items are taken out of the body and kept only as data (decks: the cards are drawn apart).
    Extracted,
}

/// A heading of the body, with the anchor id it got.
#[derive(Debug, Clone, Serialize)]
pub struct Heading {
    pub level: u8,
    pub id: String,
    pub text: String,
    /// Byte range of the heading element in `Markdown::html`.
    #[serde(skip)]
    pub html_range: std::ops::Range<usize>,
}

/// A link or image to check and resolve.
#[derive(Debug, Clone)]
pub struct LinkRef {
    pub dest: String,
    /// Byte offset of the link in the body.
    pub offset: usize,
    pub is_image: bool,
}

/// A top-level list item: a card of a deck, a question of a set, a step of a tool.
#[derive(Debug, Clone, Serialize)]
pub struct Item {
    pub id: String,
    pub text: String,
    /// Inner HTML of the item (may hold link placeholders).
    pub html: String,
    /// Text of the nearest heading above the item, if any.
    pub heading: Option<String>,
    pub ordered: bool,
    /// Byte offset of the item in the body.
    #[serde(skip)]
    pub offset: usize,
}

/// Plain text under one heading, for the search index.
#[derive(Debug, Clone, Default)]
pub struct TextBlock {
    /// Anchor of the heading the text is under; `None` before the first heading.
    pub anchor: Option<String>,
    pub heading: Option<String>,
    pub text: String,
}

/// A Markdown body, rendered.
#[derive(Debug, Clone, Default)]
pub struct Markdown {
    pub html: String,
    pub headings: Vec<Heading>,
    pub links: Vec<LinkRef>,
    pub items: Vec<Item>,
    pub blocks: Vec<TextBlock>,
    /// Byte offsets in the body of raw HTML that was left out.
    pub dropped_html: Vec<usize>,
    /// Byte offsets of links with a scheme we refuse (`javascript:` and the like).
    pub unsafe_links: Vec<usize>,
    pub word_count: usize,
}

impl Markdown {
    /// The HTML between the end of the level-2 heading `title` and the next level-2 heading.
    pub fn section_html(&self, title: &str) -> Option<&str> {
        let pos = self.headings.iter().position(|h| h.level == 2 && h.text.eq_ignore_ascii_case(title))?;
        let start = self.headings[pos].html_range.end;
        let end =
            self.headings[pos + 1..].iter().find(|h| h.level <= 2).map_or(self.html.len(), |h| h.html_range.start);
        Some(&self.html[start..end])
    }

    /// The items under the level-2 heading `title`.
    pub fn items_under<'a>(&'a self, title: &'a str) -> impl Iterator<Item = &'a Item> + 'a {
        self.items.iter().filter(move |i| i.heading.as_deref().is_some_and(|h| h.eq_ignore_ascii_case(title)))
    }

    /// Whether the body has a heading or item with this anchor.
    pub fn has_anchor(&self, anchor: &str) -> bool {
        self.headings.iter().any(|h| h.id == anchor)
            || self.items.iter().any(|i| i.id == anchor)
            || self.html.contains(&format!("id=\"{anchor}\""))
    }
}

/// The Markdown extensions every page gets.
fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_SMART_PUNCTUATION
        | Options::ENABLE_HEADING_ATTRIBUTES
}

/// Renders `body`. Raw HTML is passed through only when `allow_html` is set.
pub fn render_markdown(body: &str, mode: ItemMode, allow_html: bool) -> Markdown {
    Renderer::new(mode, allow_html).run(body)
}

struct Renderer<'a> {
    mode: ItemMode,
    allow_html: bool,
    md: Markdown,
    /// Events of the HTML output not yet flushed.
    out: Vec<Event<'a>>,
    used_ids: std::collections::HashSet<String>,
    current_heading: Option<String>,
    list_depth: usize,
    /// Whether the current top-level list is ordered.
    top_list_ordered: bool,
    /// Set while inside a heading: (level, explicit id, offset, events).
    heading: Option<(u8, Option<String>, Vec<Event<'a>>)>,
    /// Set while inside a top-level item: (offset, events).
    item: Option<(usize, Vec<Event<'a>>)>,
    code: Option<(String, String)>,
    /// While raw HTML is off: the closing tag up to which text is dropped (`</script`).
    skip_text_until: Option<String>,
    /// Whether a block boundary or line break came since the last text, so the search text
    /// needs a space before the next piece (pieces of one line, like `TRIO` `’` `en`, stay glued).
    text_gap: bool,
}

impl<'a> Renderer<'a> {
    fn new(mode: ItemMode, allow_html: bool) -> Self {
        Renderer {
            mode,
            allow_html,
            md: Markdown { blocks: vec![TextBlock::default()], ..Default::default() },
            out: Vec::new(),
            used_ids: Default::default(),
            current_heading: None,
            list_depth: 0,
            top_list_ordered: false,
            heading: None,
            item: None,
            code: None,
            skip_text_until: None,
            text_gap: false,
        }
    }

    fn run(mut self, body: &'a str) -> Markdown {
        // The HTML of a page is about 1.3 times its Markdown: room for 1.5 times saves growing
        // (and copying) the string again and again on most pages.
        self.md.html.reserve(body.len() + body.len() / 2);
        for (event, range) in Parser::new_ext(body, options()).into_offset_iter() {
            self.event(event, range.start);
        }
        self.flush();
        self.md.blocks.retain(|b| !b.text.trim().is_empty() || b.heading.is_some());
        self.md
    }

    /// Sends an event to whatever is being collected: a heading, an item, or the page.
    fn emit(&mut self, event: Event<'a>) {
        if let Some((_, _, events)) = &mut self.heading {
            events.push(event);
        } else if let Some((_, events)) = &mut self.item {
            events.push(event);
        } else if !(self.mode == ItemMode::Extracted && self.list_depth > 0) {
            self.out.push(event);
        }
    }

    fn flush(&mut self) {
        pulldown_cmark::html::push_html(&mut self.md.html, self.out.drain(..));
    }

    /// Adds text to the current search block. Headings (the next block's heading) and the items
    /// of decks and question sets (each a search document of its own) are left out.
    fn push_text(&mut self, text: &str) {
        self.md.word_count += count_words(text);
        if self.heading.is_some() || (self.item.is_some() && self.mode != ItemMode::Plain) {
            return;
        }
        let gap = std::mem::take(&mut self.text_gap);
        let block = self.md.blocks.last_mut().expect("blocks always holds at least one block");
        if gap && !block.text.is_empty() && !block.text.ends_with(' ') {
            block.text.push(' ');
        }
        block.text.push_str(text);
    }

    /// Notes block boundaries and line breaks, where the search text needs a space.
    fn note_text_gap(&mut self, event: &Event) {
        let inline = |tag: &Tag| {
            matches!(
                tag,
                Tag::Emphasis
                    | Tag::Strong
                    | Tag::Strikethrough
                    | Tag::Link { .. }
                    | Tag::Image { .. }
                    | Tag::Superscript
                    | Tag::Subscript
            )
        };
        let inline_end = |tag: &TagEnd| {
            matches!(
                tag,
                TagEnd::Emphasis
                    | TagEnd::Strong
                    | TagEnd::Strikethrough
                    | TagEnd::Link
                    | TagEnd::Image
                    | TagEnd::Superscript
                    | TagEnd::Subscript
            )
        };
        match event {
            Event::Start(tag) if !inline(tag) => self.text_gap = true,
            Event::End(tag) if !inline_end(tag) => self.text_gap = true,
            Event::SoftBreak | Event::HardBreak | Event::Rule => self.text_gap = true,
            _ => {}
        }
    }

    fn event(&mut self, event: Event<'a>, offset: usize) {
        self.note_text_gap(&event);
        if let Some((_, text)) = &mut self.code {
            match event {
                Event::Text(t) => text.push_str(&t),
                Event::End(TagEnd::CodeBlock) => {
                    let (lang, text) = self.code.take().expect("checked above");
                    self.push_text(&text);
                    self.emit(Event::Html(highlight_code(&text, &lang).into()));
                }
                _ => {}
            }
            return;
        }
        match event {
            Event::Start(Tag::Heading { level, id, .. }) if self.item.is_none() => {
                self.heading = Some((heading_level(level), id.map(|i| i.to_string()), Vec::new()));
            }
            Event::End(TagEnd::Heading(_)) if self.heading.is_some() => self.end_heading(),
            Event::Start(Tag::CodeBlock(kind)) => {
                let lang = match kind {
                    CodeBlockKind::Fenced(info) => info.split_whitespace().next().unwrap_or("").to_string(),
                    CodeBlockKind::Indented => String::new(),
                };
                self.code = Some((lang, String::new()));
            }
            Event::Start(Tag::List(start)) => {
                if self.list_depth == 0 {
                    self.top_list_ordered = start.is_some();
                }
                self.list_depth += 1;
                self.emit(Event::Start(Tag::List(start)));
            }
            Event::End(TagEnd::List(ordered)) => {
                self.emit(Event::End(TagEnd::List(ordered)));
                self.list_depth = self.list_depth.saturating_sub(1);
            }
            Event::Start(Tag::Item) if self.list_depth == 1 && self.heading.is_none() => {
                self.item = Some((offset, Vec::new()));
            }
            Event::End(TagEnd::Item) if self.list_depth == 1 && self.item.is_some() => self.end_item(),
            Event::Start(Tag::Link { link_type, dest_url, title, id }) => {
                let dest_url = self.link_dest(dest_url, link_type, offset, false);
                self.emit(Event::Start(Tag::Link { link_type, dest_url, title, id }));
            }
            Event::Start(Tag::Image { link_type, dest_url, title, id }) => {
                let dest_url = self.link_dest(dest_url, link_type, offset, true);
                self.emit(Event::Start(Tag::Image { link_type, dest_url, title, id }));
            }
            // A wide table scrolls inside its own box on a phone; the box takes focus so that
            // keyboard users can scroll it too (WCAG 2.1.1).
            Event::Start(Tag::Table(alignments)) => {
                self.emit(Event::Html("<div class=\"table-scroll\" tabindex=\"0\">".into()));
                self.emit(Event::Start(Tag::Table(alignments)));
            }
            Event::End(TagEnd::Table) => {
                self.emit(Event::End(TagEnd::Table));
                self.emit(Event::Html("</div>\n".into()));
            }
            Event::Html(html) | Event::InlineHtml(html) => {
                if self.allow_html {
                    self.emit(Event::Html(html));
                } else {
                    self.md.dropped_html.push(offset);
                    // The text between <script> and </script> is code, not content: drop it too.
                    let lower = html.to_ascii_lowercase();
                    for tag in ["script", "style"] {
                        if lower.contains(&format!("<{tag}")) && !lower.contains(&format!("</{tag}")) {
                            self.skip_text_until = Some(format!("</{tag}"));
                        }
                    }
                    if self.skip_text_until.as_ref().is_some_and(|close| lower.contains(close.as_str())) {
                        self.skip_text_until = None;
                    }
                }
            }
            Event::Text(_) if self.skip_text_until.is_some() => {}
            Event::Text(t) => {
                self.push_text(&t);
                self.emit(Event::Text(t));
            }
            Event::Code(t) => {
                self.push_text(&t);
                self.emit(Event::Code(t));
            }
            other => self.emit(other),
        }
    }

    /// Replaces internal and local destinations by placeholders, and unsafe schemes by `#`.
    fn link_dest(&mut self, dest: CowStr<'a>, link_type: LinkType, offset: usize, is_image: bool) -> CowStr<'a> {
        if matches!(link_type, LinkType::Email) {
            return dest;
        }
        if ["http://", "https://", "mailto:", "tel:"].iter().any(|scheme| starts_with_ignore_ascii_case(&dest, scheme))
            || dest.starts_with('#')
        {
            return dest;
        }
        if let Some((scheme, _)) = dest.split_once(':')
            && !scheme.contains('/')
            && !scheme.contains('.')
            && scheme != "@"
        {
            self.md.unsafe_links.push(offset);
            return "#".into();
        }
        let index = self.md.links.len();
        self.md.links.push(LinkRef { dest: dest.to_string(), offset, is_image });
        format!("{LINK_PLACEHOLDER}{index}").into()
    }

    fn unique_id(&mut self, wanted: &str, fallback: &str) -> String {
        let base = if wanted.is_empty() { fallback } else { wanted };
        let mut id = base.to_string();
        let mut n = 1;
        while self.used_ids.contains(&id) {
            id = format!("{base}-{n}");
            n += 1;
        }
        self.used_ids.insert(id.clone());
        id
    }

    fn end_heading(&mut self) {
        let (level, explicit, events) = self.heading.take().expect("called only inside a heading");
        let text = plain_text(&events);
        let id = self.unique_id(&explicit.unwrap_or_else(|| slugify(&text)), "afsnit");
        self.flush();
        let start = self.md.html.len();
        let html = &mut self.md.html;
        let digit = char::from(b'0' + level);
        // Pushed piece by piece: a `format!` per heading would build each piece twice.
        html.push_str("<h");
        html.push(digit);
        html.push_str(" id=\"");
        html.push_str(&id);
        html.push_str("\">");
        pulldown_cmark::html::push_html(html, events.into_iter());
        html.push_str(" <a class=\"heading-anchor\" href=\"#");
        html.push_str(&id);
        html.push_str("\"><span aria-hidden=\"true\">#</span><span class=\"visually-hidden\">Link til afsnittet ");
        pulldown_cmark_escape::escape_html(&mut *html, &text).expect("writing to a String cannot fail");
        html.push_str("</span></a></h");
        html.push(digit);
        html.push_str(">\n");
        self.md.headings.push(Heading {
            level,
            id: id.clone(),
            text: text.clone(),
            html_range: start..self.md.html.len(),
        });
        self.md.blocks.push(TextBlock { anchor: Some(id), heading: Some(text.clone()), text: String::new() });
        self.md.word_count += count_words(&text);
        if level <= 3 {
            self.current_heading = Some(text);
        }
    }

    fn end_item(&mut self) {
        let (offset, mut events) = self.item.take().expect("called only inside an item");
        let explicit = take_explicit_id(&mut events);
        let text = plain_text(&events);
        let wanted = explicit.unwrap_or_else(|| short_slug(&text));
        let id = self.unique_id(&wanted, "punkt");
        let mut html = String::new();
        pulldown_cmark::html::push_html(&mut html, events.into_iter());
        if self.mode != ItemMode::Extracted {
            let attrs = if self.mode == ItemMode::Anchored { format!(" id=\"{id}\"") } else { String::new() };
            self.out.push(Event::Html(format!("<li{attrs}>{html}</li>\n").into()));
        }
        self.md.items.push(Item {
            id,
            text,
            html,
            heading: self.current_heading.clone(),
            ordered: self.top_list_ordered,
            offset,
        });
    }
}

/// Whether `text` starts with the lower-case ASCII `prefix`, in any case.
fn starts_with_ignore_ascii_case(text: &str, prefix: &str) -> bool {
    text.as_bytes().get(..prefix.len()).is_some_and(|head| head.eq_ignore_ascii_case(prefix.as_bytes()))
}

fn heading_level(level: HeadingLevel) -> u8 {
    level as u8
}

/// The text of a run of events, without markup.
fn plain_text(events: &[Event]) -> String {
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
fn count_words(text: &str) -> usize {
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
fn take_explicit_id<'a>(events: &mut [Event<'a>]) -> Option<String> {
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
fn short_slug(text: &str) -> String {
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

#[cfg(test)]
mod tests {
    use super::*;

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
