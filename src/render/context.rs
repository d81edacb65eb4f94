//! What the templates get: one context type per page kind and the links they share. Built from
//! the typed model by `pages`, `listings`, `present` and `print`; templates never see raw front
//! matter. The field order is the order templates and scripts read them in: keep it.

use serde::Serialize;
use tera::Value;

use crate::content::Kind;
use crate::content::model::Range;
use crate::markdown::Heading;
use crate::render::items::{Card, Question};

/// The `page` of a context that shows no content page: a title and a description.
#[derive(Serialize)]
pub struct PlainPage<'b> {
    /// The page's title.
    pub title: &'b str,
    /// One sentence about it.
    pub description: &'b str,
    /// Always empty: such a page has no table of contents.
    pub toc: [(); 0],
}

impl<'b> PlainPage<'b> {
    /// A page with only a title and a description.
    pub fn new(title: &'b str, description: &'b str) -> Self {
        PlainPage { title, description, toc: [] }
    }
}

/// What a content page's template gets about the page itself.
#[derive(Serialize)]
pub struct PageContext<'a> {
    pub title: &'a str,
    pub slug: &'a str,
    pub description: &'a str,
    pub url: String,
    pub kind: Kind,
    pub kind_label: &'static str,
    pub is_section: bool,
    pub number: Option<u32>,
    /// The page's HTML with its links made relative.
    pub content: String,
    /// The page's second-level headings.
    pub toc: Vec<&'a Heading>,
    pub word_count: usize,
}

/// The whole handbook as one page, and its PDF when the build makes PDFs.
#[derive(Serialize)]
pub struct BookLinks {
    pub html: &'static str,
    pub pdf: Option<String>,
}

/// A link to a page as listings show it.
#[derive(Serialize, Clone)]
pub struct PageLink {
    pub title: String,
    /// What the top menu shows: the page's `nav_title`, else its title.
    pub nav_title: String,
    pub slug: String,
    pub url: String,
    pub description: String,
    pub kind: Kind,
    pub kind_label: &'static str,
    pub number: Option<u32>,
}

/// A [`PageLink`] already converted for Tera. A page is linked from many others (navigation,
/// breadcrumbs, pagers, listings), so its link is converted once and then shared: Tera's
/// serializer takes a value it meets as it is, without converting it again.
#[derive(Serialize, Clone)]
#[serde(transparent)]
pub struct Link(pub Value);

/// A section of the top navigation.
#[derive(Serialize)]
pub struct NavItem {
    pub link: Link,
    pub current: bool,
}

/// A tool's page.
#[derive(Serialize)]
pub struct ToolContext<'a> {
    pub purpose: &'a str,
    pub participants: Range,
    pub minutes: Range,
    pub materials: &'a [String],
    pub decks: Vec<Link>,
    pub questions: Vec<Link>,
    pub cases: Vec<Link>,
    pub steps: Vec<Step>,
}

/// A step of a tool's procedure, with its time when the text says "(N min.)".
#[derive(Serialize)]
pub struct Step {
    pub html: String,
    pub minutes: Option<u32>,
}

/// A deck's page.
#[derive(Serialize)]
pub struct DeckContext<'a> {
    pub theme: &'a str,
    pub color: &'a str,
    pub text_color: &'static str,
    pub jokers: u32,
    pub cards: Vec<Card>,
    pub tools: Vec<Link>,
    /// Root-relative path of the deck's present page.
    pub present: String,
    /// Root-relative link to the deck builder opened on this deck, when the site prints.
    pub builder: Option<String>,
}

/// A question set's page.
#[derive(Serialize)]
pub struct QuestionsContext<'a> {
    pub phase: &'a str,
    pub tool: Option<Link>,
    pub questions: Vec<Question>,
    /// The page's full address, written into the answers a TRIO downloads.
    pub online_url: String,
}

/// A case's page.
#[derive(Serialize)]
pub struct CaseContext<'a> {
    pub summary: &'a str,
    pub workplace: &'a str,
    pub sector: TermLink,
    pub themes: Vec<TermLink>,
    pub tools: Vec<Link>,
}

/// A taxonomy term as a case shows it: its name and its listing page.
#[derive(Serialize)]
pub struct TermLink {
    pub name: String,
    pub url: String,
}
