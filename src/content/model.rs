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
    /// An ordinary page; `_index.md` makes a section.
    Page,
    /// One of the guide's numbered parts.
    Part,
    /// A facilitation method.
    Tool,
    /// A set of dialogue or reflection questions.
    Questions,
    /// A deck of statement cards.
    Deck,
    /// A workplace example.
    Case,
}

impl Kind {
    /// Every kind, in the order listings show them.
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

    /// The kind named `name` in front matter, if any.
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
    /// The least.
    pub min: u32,
    /// The most.
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
    /// What it is for, in a sentence; tops the facilitator sheet.
    pub purpose: String,
    /// How many people it is meant for.
    pub participants: Participants,
    /// How long it takes.
    pub minutes: Minutes,
    /// What to bring.
    pub materials: Vec<String>,
    /// The decks it uses, by slug.
    pub decks: Vec<SpannedRef>,
    /// The question sets it uses, by slug.
    pub questions: Vec<SpannedRef>,
}

/// A set of dialogue or reflection questions; the questions are the body's list items.
#[derive(Debug, Clone)]
pub struct QuestionSet {
    /// When in the work it is used (opstart, før, under, efter, opfølgning).
    pub phase: String,
    /// The tool it belongs to, by slug.
    pub tool: Option<SpannedRef>,
}

/// A deck of statement cards; the cards are the body's list items.
#[derive(Debug, Clone)]
pub struct Deck {
    /// The theme the cards are about.
    pub theme: String,
    /// The deck's colour, `#rrggbb`.
    pub color: String,
    /// Blank cards for the TRIO's own statements.
    pub jokers: u32,
}

/// What describes a case besides the tools it used.
#[derive(Debug, Clone, Serialize)]
pub struct CaseMeta {
    /// Two or three sentences: the problem, what was done, what came of it.
    pub summary: String,
    /// The workplace, as the source names it.
    pub workplace: String,
    /// Its sector (a taxonomy).
    pub sector: String,
    /// The themes it is listed under (a taxonomy).
    pub themes: Vec<String>,
}

/// A workplace example.
#[derive(Debug, Clone)]
pub struct Case {
    /// What describes it.
    pub meta: CaseMeta,
    /// The tools it used, by slug.
    pub tools: Vec<SpannedRef>,
}

/// The annual wheel of TRIO meetings and the standing agenda of each meeting.
#[derive(Debug, Clone, Serialize)]
pub struct Wheel {
    /// The points of every meeting's standing agenda.
    pub agenda: Vec<String>,
    /// The months with a meeting, in order.
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
    /// The meeting's topic.
    pub topic: String,
    /// Points under the topic.
    pub items: Vec<String>,
}

/// The data that differs between kinds.
#[derive(Debug, Clone)]
pub enum KindData {
    /// An ordinary page; the one with `agenda` or `months` carries the annual wheel.
    Page {
        /// The annual wheel, on the page that carries it.
        wheel: Option<Wheel>,
    },
    /// A part of the guide, numbered.
    Part {
        /// Its number: del 1, 2, 3 …
        number: u32,
    },
    /// A tool.
    Tool(Tool),
    /// A question set.
    Questions(QuestionSet),
    /// A deck.
    Deck(Deck),
    /// A case.
    Case(Case),
}

impl KindData {
    /// The kind this data is of.
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
    /// The title.
    pub title: String,
    /// A shorter title for the top menu (`nav_title`), if the page has one.
    pub nav_title: Option<String>,
    /// One sentence for listings and search results.
    pub description: String,
    /// Order within its section: lower first.
    pub weight: i64,
    /// Left out of a build without `--drafts`.
    pub draft: bool,
    /// Whether this is a folder's `_index.md`.
    pub is_section: bool,
    /// The last URL segment (file stem or `slug` key); empty for the front page.
    pub slug: String,
    /// Root-relative URL of the page's folder: `vaerktoejer/dilemmavaerksted/`; `""` for the front page.
    pub url: String,
    /// On a local page that replaces a national one: the stamp (`based_on`) of the national
    /// text it was made from, and its byte offset in the file.
    pub based_on: Option<(String, usize)>,
    /// The data of its kind.
    pub data: KindData,
    /// The body, rendered.
    pub markdown: Markdown,
}

impl Page {
    /// The page's kind.
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
