//! The event walk that turns pulldown-cmark's events into the page's HTML: heading ids and
//! anchor links, list items with ids (cards and questions), `@/` links as placeholders,
//! highlighted code, tables that scroll, and raw HTML left out unless the site allows it.

use pulldown_cmark::{CodeBlockKind, CowStr, Event, LinkType, Options, Parser, Tag, TagEnd};

use crate::markdown::document::{FigureError, Heading, Item, ItemMode, LINK_PLACEHOLDER, LinkRef, Markdown, TextBlock};
use crate::markdown::figure::{FIGURE_BLOCK, draw_figure};
use crate::markdown::highlight::highlight_code;
use crate::markdown::text::{count_words, plain_text, short_slug, starts_with_ignore_ascii_case, take_explicit_id};
use crate::slug::slugify;

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
    /// Inside a fenced or indented code block: its language, its text so far, and where its
    /// text starts in the body.
    code: Option<(String, String, usize)>,
    /// The body, for where a figure block's text starts.
    body: &'a str,
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
            md: Markdown {
                blocks: vec![TextBlock::default()],
                item_anchors: mode != ItemMode::Plain,
                ..Default::default()
            },
            out: Vec::new(),
            used_ids: Default::default(),
            current_heading: None,
            list_depth: 0,
            top_list_ordered: false,
            heading: None,
            item: None,
            code: None,
            body: "",
            skip_text_until: None,
            text_gap: false,
        }
    }

    fn run(mut self, body: &'a str) -> Markdown {
        // The HTML of a page is about 1.3 times its Markdown: room for 1.5 times saves growing
        // (and copying) the string again and again on most pages.
        self.md.html.reserve(body.len() + body.len() / 2);
        self.body = body;
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
        if self.code.is_some() {
            self.code_event(event);
            return;
        }
        match event {
            Event::Start(Tag::Heading { level, id, .. }) if self.item.is_none() => {
                self.heading = Some((level as u8, id.map(|i| i.to_string()), Vec::new()));
            }
            Event::End(TagEnd::Heading(_)) if self.heading.is_some() => self.end_heading(),
            Event::Start(Tag::CodeBlock(kind)) => self.start_code(kind, offset),
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
            Event::Html(html) | Event::InlineHtml(html) => self.raw_html(html, offset),
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

    /// A code block starts at `offset`: its text is collected until it ends.
    fn start_code(&mut self, kind: CodeBlockKind, offset: usize) {
        let lang = match kind {
            CodeBlockKind::Fenced(info) => info.split_whitespace().next().unwrap_or("").to_string(),
            CodeBlockKind::Indented => String::new(),
        };
        // A fenced block's text starts on the line after its fence.
        let start = match self.body[offset..].find('\n') {
            Some(n) if lang == FIGURE_BLOCK => offset + n + 1,
            _ => offset,
        };
        self.code = Some((lang, String::new(), start));
    }

    /// An event inside a code block: its text is collected; at its end it becomes a figure, or
    /// highlighted code.
    fn code_event(&mut self, event: Event<'a>) {
        match event {
            Event::Text(t) => {
                if let Some((_, text, _)) = &mut self.code {
                    text.push_str(&t);
                }
            }
            Event::End(TagEnd::CodeBlock) => {
                let Some((lang, text, start)) = self.code.take() else { return };
                if lang == FIGURE_BLOCK {
                    self.figure(&text, start);
                } else {
                    self.push_text(&text);
                    self.emit(Event::Html(highlight_code(&text, &lang).into()));
                }
            }
            _ => {}
        }
    }

    /// A figure block: drawn, its words added to the search text; or, when it cannot be drawn,
    /// noted with its place in the body (`start` is where its text starts).
    fn figure(&mut self, text: &str, start: usize) {
        let id = self.unique_id("figur", "figur");
        match draw_figure(text, &id) {
            Ok(figure) => {
                self.push_text(&figure.text);
                self.emit(Event::Html(figure.html.into()));
            }
            Err(e) => self.md.figure_errors.push(FigureError { offset: start + e.offset, ..e }),
        }
    }

    /// Raw HTML in the body: kept when the site allows it, else left out and noted.
    fn raw_html(&mut self, html: CowStr<'a>, offset: usize) {
        if self.allow_html {
            self.emit(Event::Html(html));
            return;
        }
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
