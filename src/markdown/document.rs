//! What a rendered Markdown body holds: its HTML, and the headings, links, list items, text
//! blocks and figure errors that resolving, rendering, printing and the search read from it.

use serde::Serialize;

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
    /// 2 for `##` and so on.
    pub level: u8,
    /// Its anchor id.
    pub id: String,
    /// Its text, without markup.
    pub text: String,
    /// Byte range of the heading element in `Markdown::html`.
    #[serde(skip)]
    pub html_range: std::ops::Range<usize>,
}

/// A link or image to check and resolve.
#[derive(Debug, Clone)]
pub struct LinkRef {
    /// Where it points, as written.
    pub dest: String,
    /// Byte offset of the link in the body.
    pub offset: usize,
    /// Whether it is an image.
    pub is_image: bool,
}

/// A top-level list item: a card of a deck, a question of a set, a step of a tool.
#[derive(Debug, Clone, Serialize)]
pub struct Item {
    /// Its anchor id: explicit (`{#id}`) or made from its first words.
    pub id: String,
    /// Its text, without markup.
    pub text: String,
    /// Inner HTML of the item (may hold link placeholders).
    pub html: String,
    /// Text of the nearest heading above the item, if any.
    pub heading: Option<String>,
    /// Whether it is in a numbered list (a tool's steps).
    pub ordered: bool,
    /// Byte offset of the item in the body.
    #[serde(skip)]
    pub offset: usize,
}

/// A figure block that could not be drawn: where, what is wrong and how to fix it. The
/// resolve stage makes it a diagnostic with the file's name and line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FigureError {
    /// Byte offset in the body.
    pub offset: usize,
    /// What is wrong, in Danish.
    pub message: String,
    /// How to fix it.
    pub hint: String,
}

/// Plain text under one heading, for the search index.
#[derive(Debug, Clone, Default)]
pub struct TextBlock {
    /// Anchor of the heading the text is under; `None` before the first heading.
    pub anchor: Option<String>,
    /// The heading's text.
    pub heading: Option<String>,
    /// The text under it, without markup.
    pub text: String,
}

/// A Markdown body, rendered.
#[derive(Debug, Clone, Default)]
pub struct Markdown {
    /// The HTML, with link placeholders.
    pub html: String,
    /// Every heading, in order.
    pub headings: Vec<Heading>,
    /// Every link and image, in order (placeholder `N` is `links[N]`).
    pub links: Vec<LinkRef>,
    /// The top-level list items.
    pub items: Vec<Item>,
    /// Whether the items' ids are anchors of the page (a deck's cards, a question sheet's
    /// questions); a plain page's list items have ids for the search and the sheets, but none in
    /// its HTML, so a link cannot land on one.
    pub item_anchors: bool,
    /// The text by heading, for the search.
    pub blocks: Vec<TextBlock>,
    /// Byte offsets in the body of raw HTML that was left out.
    pub dropped_html: Vec<usize>,
    /// Byte offsets of links with a scheme we refuse (`javascript:` and the like).
    pub unsafe_links: Vec<usize>,
    /// Figures (```` ```figur ```` blocks) that could not be drawn, and why.
    pub figure_errors: Vec<FigureError>,
    /// How many words, for the reading time.
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

    /// The items a link can land on: none of a plain page's.
    pub fn anchored_items(&self) -> impl Iterator<Item = &Item> {
        self.items.iter().filter(|_| self.item_anchors)
    }

    /// Whether the body has a heading or item with this anchor.
    pub fn has_anchor(&self, anchor: &str) -> bool {
        self.headings.iter().any(|h| h.id == anchor)
            || self.anchored_items().any(|i| i.id == anchor)
            || self.html.contains(&format!("id=\"{anchor}\""))
    }
}
