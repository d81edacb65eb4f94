//! The typed model of a site's content: one [`Page`] per Markdown file, with the data of its kind.
//!
//! Built once by loading and then read-only; templates never see raw front matter.

use std::path::PathBuf;

use serde::Serialize;

use crate::markdown::Markdown;

/// What a content file is; decides how it is validated, rendered, searched and printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Page,
    Part,
    Tool,
    Questions,
    Deck,
    Case,
}

impl Kind {
    pub const ALL: [Kind; 6] = [Kind::Page, Kind::Part, Kind::Tool, Kind::Questions, Kind::Deck, Kind::Case];

    /// The name written in front matter (`kind = "tool"`).
    pub fn name(self) -> &'static str {
        match self {
            Kind::Page => "page",
            Kind::Part => "part",
            Kind::Tool => "tool",
            Kind::Questions => "questions",
            Kind::Deck => "deck",
            Kind::Case => "case",
        }
    }

    pub fn from_name(name: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.name() == name)
    }

    /// The Danish word shown to readers ("værktøj", "case", …).
    pub fn label(self) -> &'static str {
        match self {
            Kind::Page => "side",
            Kind::Part => "del",
            Kind::Tool => "værktøj",
            Kind::Questions => "spørgsmål",
            Kind::Deck => "udsagnskort",
            Kind::Case => "case",
        }
    }
}

/// A closed interval of whole numbers, as in `minutes = { min = 60, max = 90 }`.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct Range {
    pub min: u32,
    pub max: u32,
}

/// How many people a tool is meant for.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct Participants(pub Range);

/// How long a tool takes, in minutes.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct Minutes(pub Range);

/// A facilitation method.
#[derive(Debug, Clone)]
pub struct Tool {
    pub purpose: String,
    pub participants: Participants,
    pub minutes: Minutes,
    pub materials: Vec<String>,
    pub decks: Vec<SpannedRef>,
    pub questions: Vec<SpannedRef>,
}

/// A set of dialogue or reflection questions; the questions are the body's list items.
#[derive(Debug, Clone)]
pub struct QuestionSet {
    pub phase: String,
    pub tool: Option<SpannedRef>,
}

/// A deck of statement cards; the cards are the body's list items.
#[derive(Debug, Clone)]
pub struct Deck {
    pub theme: String,
    pub color: String,
    pub jokers: u32,
}

/// What describes a case besides the tools it used.
#[derive(Debug, Clone, Serialize)]
pub struct CaseMeta {
    pub summary: String,
    pub workplace: String,
    pub sector: String,
    pub themes: Vec<String>,
}

/// A workplace example.
#[derive(Debug, Clone)]
pub struct Case {
    pub meta: CaseMeta,
    pub tools: Vec<SpannedRef>,
}

/// The annual wheel of TRIO meetings and the standing agenda of each meeting.
#[derive(Debug, Clone, Serialize)]
pub struct Wheel {
    pub agenda: Vec<String>,
    pub months: Vec<Month>,
}

/// The Danish month names, januar first.
pub const MONTH_NAMES: [&str; 12] = [
    "januar",
    "februar",
    "marts",
    "april",
    "maj",
    "juni",
    "juli",
    "august",
    "september",
    "oktober",
    "november",
    "december",
];

/// The Danish name of month `n` (1 = januar); a number outside 1–12 is taken as the nearest.
pub fn month_name(n: u32) -> &'static str {
    MONTH_NAMES[(n.clamp(1, 12) - 1) as usize]
}

/// One month's TRIO meeting in the annual wheel.
#[derive(Debug, Clone, Serialize)]
pub struct Month {
    /// 1 = januar … 12 = december.
    pub month: u32,
    pub topic: String,
    pub items: Vec<String>,
}

/// The data that differs between kinds.
#[derive(Debug, Clone)]
pub enum KindData {
    Page { wheel: Option<Wheel> },
    Part { number: u32 },
    Tool(Tool),
    Questions(QuestionSet),
    Deck(Deck),
    Case(Case),
}

impl KindData {
    pub fn kind(&self) -> Kind {
        match self {
            KindData::Page { .. } => Kind::Page,
            KindData::Part { .. } => Kind::Part,
            KindData::Tool(_) => Kind::Tool,
            KindData::Questions(_) => Kind::Questions,
            KindData::Deck(_) => Kind::Deck,
            KindData::Case(_) => Kind::Case,
        }
    }
}

/// One content file, parsed and rendered to HTML (with internal links still to resolve).
#[derive(Debug, Clone)]
pub struct Page {
    /// Path relative to `content/`, with `/` separators: `vaerktoejer/dilemmavaerksted.md`.
    pub source: String,
    /// Path as shown in messages: `content/vaerktoejer/dilemmavaerksted.md`.
    pub shown_path: PathBuf,
    /// The whole file, kept to show offending lines in diagnostics.
    pub text: String,
    /// Byte offset of the body in `text`.
    pub body_offset: usize,
    pub title: String,
    /// A shorter title for the top menu (`nav_title`), if the page has one.
    pub nav_title: Option<String>,
    pub description: String,
    pub weight: i64,
    pub draft: bool,
    /// Whether this is a folder's `_index.md`.
    pub is_section: bool,
    /// The last URL segment (file stem or `slug` key); empty for the front page.
    pub slug: String,
    /// Root-relative URL of the page's folder: `vaerktoejer/dilemmavaerksted/`; `""` for the front page.
    pub url: String,
    pub data: KindData,
    pub markdown: Markdown,
}

impl Page {
    pub fn kind(&self) -> Kind {
        self.data.kind()
    }

    /// The source folder the file is in (`vaerktoejer` for `vaerktoejer/x.md`, `` for the root).
    pub fn folder(&self) -> &str {
        self.source.rfind('/').map_or("", |i| &self.source[..i])
    }

    /// The folder that this page's section owns: its own for `_index.md`, else none.
    pub fn section_folder(&self) -> Option<&str> {
        self.is_section.then(|| self.folder())
    }

    /// Where the page's HTML file goes, relative to the output root.
    pub fn output_file(&self) -> String {
        format!("{}index.html", self.url)
    }
}

/// A slug written in front matter (`tools = ["dilemmavaerksted"]`), with its byte offset in the
/// file for error messages.
#[derive(Debug, Clone)]
pub struct SpannedRef {
    /// The slug as written.
    pub slug: String,
    /// Byte offset of the value in the whole file.
    pub offset: usize,
}
