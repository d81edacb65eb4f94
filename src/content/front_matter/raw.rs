//! The front matter as TOML gives it: every key any kind accepts, with its span, and which
//! keys each kind may use.

use serde::Deserialize;
use toml::Spanned;

use crate::content::model::Kind;

/// Every key any kind accepts, in one struct so that TOML's own type errors carry spans.
/// Which keys a kind may use is checked after, in [`into_kind`].
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawFrontMatter {
    pub kind: Option<Spanned<String>>,
    pub title: Option<Spanned<String>>,
    pub nav_title: Option<Spanned<String>>,
    pub description: Option<Spanned<String>>,
    pub weight: Option<Spanned<i64>>,
    pub draft: Option<Spanned<bool>>,
    pub slug: Option<Spanned<String>>,
    pub based_on: Option<Spanned<String>>,
    pub number: Option<Spanned<u32>>,
    pub purpose: Option<Spanned<String>>,
    pub participants: Option<Spanned<RawRange>>,
    pub minutes: Option<Spanned<RawRange>>,
    pub materials: Option<Spanned<Vec<String>>>,
    pub decks: Option<Spanned<Vec<Spanned<String>>>>,
    pub questions: Option<Spanned<Vec<Spanned<String>>>>,
    pub phase: Option<Spanned<String>>,
    pub tool: Option<Spanned<String>>,
    pub theme: Option<Spanned<String>>,
    pub color: Option<Spanned<String>>,
    pub jokers: Option<Spanned<u32>>,
    pub summary: Option<Spanned<String>>,
    pub workplace: Option<Spanned<String>>,
    pub sector: Option<Spanned<String>>,
    pub themes: Option<Spanned<Vec<String>>>,
    pub tools: Option<Spanned<Vec<Spanned<String>>>>,
    pub agenda: Option<Spanned<Vec<String>>>,
    pub months: Option<Spanned<Vec<RawMonth>>>,
}

#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawRange {
    /// The least.
    pub min: u32,
    /// The most.
    pub max: u32,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawMonth {
    /// 1 = januar.
    pub month: Spanned<u32>,
    /// The meeting's topic.
    pub topic: String,
    /// Points under the topic.
    #[serde(default)]
    pub items: Vec<String>,
}

/// The keys every kind accepts.
pub const COMMON_KEYS: &[&str] = &["kind", "title", "nav_title", "description", "weight", "draft", "slug", "based_on"];

/// The keys each kind accepts beyond the common ones.
pub fn kind_keys(kind: Kind) -> &'static [&'static str] {
    match kind {
        Kind::Page => &["agenda", "months"],
        Kind::Part => &["number"],
        Kind::Tool => &["purpose", "participants", "minutes", "materials", "decks", "questions"],
        Kind::Questions => &["phase", "tool"],
        Kind::Deck => &["theme", "color", "jokers"],
        Kind::Case => &["summary", "workplace", "sector", "themes", "tools"],
    }
}

/// The phases a question set can belong to, in the order a TRIO meets them.
pub const PHASES: &[&str] = &["opstart", "før", "under", "efter", "opfølgning"];

/// Every key some kind accepts beyond the common ones.
pub fn all_kind_keys() -> impl Iterator<Item = &'static str> {
    Kind::ALL.iter().flat_map(|k| kind_keys(*k).iter().copied())
}

impl RawFrontMatter {
    /// Kind-specific keys that are present, with the span of their value.
    pub fn present_kind_keys(&self) -> Vec<(&'static str, std::ops::Range<usize>)> {
        let mut keys = Vec::new();
        macro_rules! present {
            ($($field:ident),*) => {$(
                if let Some(v) = &self.$field { keys.push((stringify!($field), v.span())); }
            )*};
        }
        present!(
            number,
            purpose,
            participants,
            minutes,
            materials,
            decks,
            questions,
            phase,
            tool,
            theme,
            color,
            jokers,
            summary,
            workplace,
            sector,
            themes,
            tools,
            agenda,
            months
        );
        keys
    }
}
