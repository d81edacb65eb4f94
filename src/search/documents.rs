//! What the search finds: the documents of each page. One per heading section, one per deck
//! card and one per question, each with the anchor a result links to.
//!
//! Reads the resolved [`Site`]; knows nothing of how the index is stored.

use std::borrow::Cow;

use rayon::prelude::*;

use crate::content::{Kind, KindData, Page};
use crate::model::{PageId, Site};

/// What a result is, as the reader is told ("værktøj", "case", …).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DocKind {
    /// A tool.
    Tool,
    /// A case.
    Case,
    /// A deck or one of its cards.
    Deck,
    /// A question set or one of its questions.
    Questions,
    /// One of the guide's parts.
    Part,
    /// A page inside one of the guide's parts.
    PartSection,
    /// Any other page.
    Page,
}

impl DocKind {
    /// Every kind, in the order the search page's filters list them.
    pub const ALL: [DocKind; 7] = [
        DocKind::Tool,
        DocKind::Case,
        DocKind::Deck,
        DocKind::Questions,
        DocKind::Part,
        DocKind::PartSection,
        DocKind::Page,
    ];

    /// The one-letter code the index uses.
    pub fn code(self) -> char {
        match self {
            DocKind::Tool => 't',
            DocKind::Case => 'c',
            DocKind::Deck => 'k',
            DocKind::Questions => 'q',
            DocKind::Part => 'd',
            DocKind::PartSection => 'a',
            DocKind::Page => 's',
        }
    }

    /// The Danish word shown with a result.
    pub fn label(self) -> &'static str {
        match self {
            DocKind::Tool => "værktøj",
            DocKind::Case => "case",
            DocKind::Deck => "udsagnskort",
            DocKind::Questions => "spørgsmål",
            DocKind::Part => "del",
            DocKind::PartSection => "afsnit",
            DocKind::Page => "side",
        }
    }
}

/// One searchable unit of a page. Borrows the page's text: a large site's is not copied.
#[derive(Debug, Clone, Default)]
pub struct Doc<'a> {
    /// The id on the page a result links to; empty for the top of the page.
    pub anchor: &'a str,
    /// The heading the document is under, as shown with a result; empty for the page's intro.
    pub heading: Cow<'a, str>,
    /// Text that counts as the page title (only the intro document has it): the title, and the
    /// words of the page's slug, so that a case is found by the name its address gives it.
    pub title_text: Cow<'a, str>,
    /// Text that counts as a heading.
    pub heading_text: &'a str,
    /// The body text, also used for the result's snippet.
    pub body: Cow<'a, str>,
}

/// A page and its documents; the first document is the page's intro.
#[derive(Debug, Clone)]
pub struct PageDocs<'a> {
    /// Root-relative URL of the page's file.
    pub url: String,
    /// The page's title.
    pub title: &'a str,
    /// What it is.
    pub kind: DocKind,
    /// Its documents: the page's opening, each section, each card or question.
    pub docs: Vec<Doc<'a>>,
}

/// The documents of every page of the site, in page order.
pub fn collect_documents(site: &Site) -> Vec<PageDocs<'_>> {
    (0..site.pages.len()).into_par_iter().map(|i| page_documents(site, PageId::from_index(i))).collect()
}

fn doc_kind(site: &Site, i: PageId) -> DocKind {
    match site.pages[i].kind() {
        Kind::Tool => DocKind::Tool,
        Kind::Case => DocKind::Case,
        Kind::Deck => DocKind::Deck,
        Kind::Questions => DocKind::Questions,
        Kind::Part => DocKind::Part,
        Kind::Page if site.ancestors(i).iter().any(|&a| site.pages[a].kind() == Kind::Part) => DocKind::PartSection,
        Kind::Page => DocKind::Page,
    }
}

fn page_documents(site: &Site, i: PageId) -> PageDocs<'_> {
    let page = &site.pages[i];
    let blocks = &page.markdown.blocks;
    let mut intro_body = vec![page.description.clone(), front_matter_text(page)];
    if let Some(first) = blocks.first().filter(|b| b.anchor.is_none()) {
        intro_body.push(first.text.clone());
    }
    let title_text = match slug_words(&page.slug) {
        slug if slug.is_empty() => Cow::Borrowed(page.title.as_str()),
        slug => Cow::Owned(format!("{} {slug}", page.title)),
    };
    let mut docs = vec![Doc { title_text, body: Cow::Owned(join_text(&intro_body)), ..Doc::default() }];
    for block in blocks.iter().filter(|b| b.anchor.is_some()) {
        let heading = block.heading.as_deref().unwrap_or_default();
        docs.push(Doc {
            anchor: block.anchor.as_deref().unwrap_or_default(),
            heading: Cow::Borrowed(heading),
            heading_text: heading,
            body: Cow::Borrowed(&block.text),
            ..Doc::default()
        });
    }
    let item_label = match page.kind() {
        Kind::Deck => Some("Kort"),
        Kind::Questions => Some("Spørgsmål"),
        _ => None,
    };
    if let Some(label) = item_label {
        for (n, item) in page.markdown.items.iter().enumerate() {
            let heading = match &item.heading {
                Some(h) => Cow::Borrowed(h.as_str()),
                None => Cow::Owned(format!("{label} {}", n + 1)),
            };
            docs.push(Doc { anchor: &item.id, heading, body: Cow::Borrowed(&item.text), ..Doc::default() });
        }
    }
    PageDocs { url: page.output_file(), title: &page.title, kind: doc_kind(site, i), docs }
}

/// The words of a slug (`rygcenter-fremtidsvaerksteder`), spaced; numbers are left out, as a
/// page's number (`side-00042`) names nothing.
fn slug_words(slug: &str) -> String {
    slug.split('-').filter(|w| !w.is_empty() && !w.bytes().any(|b| b.is_ascii_digit())).collect::<Vec<_>>().join(" ")
}

/// The words of the front matter worth finding: a tool's purpose, a case's summary and themes,
/// a deck's theme, a question set's phase, the months of the annual wheel.
fn front_matter_text(page: &Page) -> String {
    match &page.data {
        KindData::Tool(t) => join_text(&[t.purpose.clone(), t.materials.join(". ")]),
        KindData::Case(c) => join_text(&[
            c.meta.summary.clone(),
            c.meta.workplace.clone(),
            c.meta.sector.clone(),
            c.meta.themes.join(", "),
        ]),
        KindData::Deck(d) => d.theme.clone(),
        KindData::Questions(q) => q.phase.clone(),
        KindData::Page { wheel: Some(w) } => {
            let months = w.months.iter().map(|m| join_text(&[m.topic.clone(), m.items.join(". ")]));
            join_text(&w.agenda.iter().cloned().chain(months).collect::<Vec<_>>())
        }
        _ => String::new(),
    }
}

/// Non-empty texts joined as sentences.
fn join_text(parts: &[String]) -> String {
    parts.iter().map(|p| p.trim()).filter(|p| !p.is_empty()).collect::<Vec<_>>().join(" ")
}
