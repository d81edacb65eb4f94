//! From the raw front matter to the typed data of each kind: which keys a kind allows and
//! requires, and what each value must be. One function per kind.

use std::path::Path;

use toml::Spanned;

use super::raw::{COMMON_KEYS, PHASES, RawFrontMatter, RawMonth, RawRange, kind_keys};
use crate::colour::is_hex_color;
use crate::content::model::{
    Case, CaseMeta, Deck, Kind, KindData, Minutes, Month, Participants, QuestionSet, Range, SpannedRef, Tool, Wheel,
};
use crate::diagnostics::{Diagnostic, Diagnostics, did_you_mean};

/// Common front matter every kind has.
#[derive(Debug)]
pub struct Common {
    /// The page's title.
    pub title: String,
    /// A shorter title for the site's top menu, when the page is one of its sections.
    pub nav_title: Option<String>,
    /// One sentence for listings and search results.
    pub description: String,
    /// Order within its section: lower first.
    pub weight: i64,
    /// Left out of the build unless drafts are asked for.
    pub draft: bool,
    /// An explicit last URL segment, instead of the file name.
    pub slug: Option<Spanned<String>>,
    /// On a local page that replaces a national one: the stamp of the national text it was
    /// made from, and its byte offset in the file.
    pub based_on: Option<(String, usize)>,
}

/// Where one file's front matter is checked: its text, the offset of the front matter in it,
/// the keys already reported broken, and the errors found so far.
struct Checker<'a> {
    path: &'a Path,
    text: &'a str,
    base: usize,
    broken: &'a [String],
    errors: Diagnostics,
}

impl Checker<'_> {
    /// An error at the value with `span` (a span inside the front matter).
    fn error(&mut self, span: std::ops::Range<usize>, message: String, hint: &str) {
        self.errors.push(Diagnostic::at(self.path, self.text, self.base + span.start, message).with_hint(hint));
    }

    /// A required key that is not there, pointed at the opening `+++`, where the key belongs;
    /// nothing when the key is there with a wrong value (already reported).
    fn missing(&mut self, key: &str, example: &str, kind: Kind) {
        if self.broken.iter().any(|b| b == key) {
            return;
        }
        self.errors.push(
            Diagnostic::at(
                self.path,
                self.text,
                0,
                format!("nøglen `{key}` mangler (påkrævet for kind = \"{}\")", kind.name()),
            )
            .with_hint(format!("tilføj fx `{key} = {example}` i front matter")),
        );
    }

    /// A required text value, trimmed; empty (and reported) when it is missing.
    fn required(&mut self, key: &str, value: &Option<Spanned<String>>, example: &str, kind: Kind) -> String {
        match text(value) {
            Some(t) => t,
            None => {
                self.missing(key, example, kind);
                String::new()
            }
        }
    }

    fn refs(&self, list: Option<Spanned<Vec<Spanned<String>>>>) -> Vec<SpannedRef> {
        list.map(|l| l.into_inner().into_iter().map(|s| spanned_ref(s, self.base)).collect()).unwrap_or_default()
    }
}

/// A text value, trimmed.
fn text(value: &Option<Spanned<String>>) -> Option<String> {
    value.as_ref().map(|s| s.get_ref().trim().to_string())
}

/// A slug written in front matter, with its place in the file.
fn spanned_ref(s: Spanned<String>, base: usize) -> SpannedRef {
    SpannedRef { offset: base + s.span().start, slug: s.into_inner() }
}

/// Checks which keys the kind allows and which it requires, and builds the typed kind data.
/// Keys in `broken` were there with a wrong value, already reported: they are not missing.
pub fn into_kind(
    path: &Path,
    text: &str,
    base: usize,
    raw: RawFrontMatter,
    broken: &[String],
) -> Result<(Common, KindData), Diagnostics> {
    let mut c = Checker { path, text, base, broken, errors: Diagnostics::default() };
    let kind = kind_of(&mut c, &raw)?;
    check_allowed_keys(&mut c, &raw, kind);
    let common = common(&mut c, &raw, kind);
    let data = match kind {
        Kind::Page => page(&mut c, raw),
        Kind::Part => part(&mut c, &raw),
        Kind::Tool => tool(&mut c, raw),
        Kind::Questions => questions(&mut c, raw),
        Kind::Deck => deck(&mut c, &raw),
        Kind::Case => case(&mut c, raw),
    };
    if c.errors.is_empty() { Ok((common, data)) } else { Err(c.errors) }
}

/// The kind the file names (a page when it names none); an unknown one stops the checks, as
/// every other key depends on it.
fn kind_of(c: &mut Checker, raw: &RawFrontMatter) -> Result<Kind, Diagnostics> {
    let Some(k) = &raw.kind else { return Ok(Kind::Page) };
    if let Some(kind) = Kind::from_name(k.get_ref()) {
        return Ok(kind);
    }
    let names: Vec<&str> = Kind::ALL.iter().map(|k| k.name()).collect();
    let hint = match did_you_mean(k.get_ref(), names.iter().copied()) {
        Some(near) => format!("mente du \"{near}\"? Mulige: {}", names.join(", ")),
        None => format!("mulige værdier: {}", names.join(", ")),
    };
    c.error(k.span(), format!("ukendt kind \"{}\"", k.get_ref()), &hint);
    Err(std::mem::take(&mut c.errors))
}

/// Keys set but not allowed for this kind.
fn check_allowed_keys(c: &mut Checker, raw: &RawFrontMatter, kind: Kind) {
    let allowed = kind_keys(kind);
    for (key, span) in raw.present_kind_keys() {
        if !allowed.contains(&key) {
            let owner = Kind::ALL.iter().find(|k| kind_keys(**k).contains(&key)).map_or("", |k| k.name());
            let hint = format!(
                "`{key}` bruges af kind = \"{owner}\"; fjern den, eller ret kind. Tilladte nøgler her: {}",
                [COMMON_KEYS, allowed].concat().join(", ")
            );
            c.error(span, format!("nøglen `{key}` hører ikke til kind = \"{}\"", kind.name()), &hint);
        }
    }
}

/// The keys every kind has.
fn common(c: &mut Checker, raw: &RawFrontMatter, kind: Kind) -> Common {
    let title = match &raw.title {
        Some(t) if !t.get_ref().trim().is_empty() => t.get_ref().trim().to_string(),
        Some(t) => {
            c.error(t.span(), "`title` er tom".into(), "skriv sidens titel, fx `title = \"Dilemmaværksted\"`");
            String::new()
        }
        None => {
            c.missing("title", "\"Sidens titel\"", kind);
            String::new()
        }
    };
    let nav_title = match &raw.nav_title {
        Some(t) if t.get_ref().trim().is_empty() => {
            let hint = "skriv en kort titel til menuen, fx `nav_title = \"Værktøjer\"`, eller slet linjen";
            c.error(t.span(), "`nav_title` er tom".into(), hint);
            None
        }
        t => t.as_ref().map(|t| t.get_ref().trim().to_string()),
    };
    Common {
        title,
        nav_title,
        description: text(&raw.description).unwrap_or_default(),
        weight: raw.weight.as_ref().map_or(0, |w| *w.get_ref()),
        draft: raw.draft.as_ref().is_some_and(|d| *d.get_ref()),
        slug: raw.slug.clone(),
        based_on: raw.based_on.as_ref().map(|b| (b.get_ref().trim().to_string(), c.base + b.span().start)),
    }
}

/// An ordinary page; with `agenda` or `months`, it carries the annual wheel.
fn page(c: &mut Checker, raw: RawFrontMatter) -> KindData {
    if raw.agenda.is_none() && raw.months.is_none() {
        return KindData::Page { wheel: None };
    }
    let mut months: Vec<Month> = Vec::new();
    for m in raw.months.map(|m| m.into_inner()).unwrap_or_default() {
        check_month(c, &m, &months);
        months.push(Month { month: *m.month.get_ref(), topic: m.topic, items: m.items });
    }
    months.sort_by_key(|m| m.month);
    KindData::Page { wheel: Some(Wheel { agenda: raw.agenda.map(|a| a.into_inner()).unwrap_or_default(), months }) }
}

/// A month of the wheel: one that exists, and only once.
fn check_month(c: &mut Checker, m: &RawMonth, earlier: &[Month]) {
    let n = *m.month.get_ref();
    if !(1..=12).contains(&n) {
        c.error(
            m.month.span(),
            format!("`month = {n}` findes ikke"),
            "måneder skrives som tal fra 1 (januar) til 12 (december)",
        );
    }
    if earlier.iter().any(|x| x.month == n) {
        c.error(
            m.month.span(),
            format!("måned {n} står to gange i årshjulet"),
            "saml emnerne for en måned i én [[months]]-blok",
        );
    }
}

/// One of the guide's parts, numbered.
fn part(c: &mut Checker, raw: &RawFrontMatter) -> KindData {
    match &raw.number {
        Some(n) if (1..=9).contains(n.get_ref()) => KindData::Part { number: *n.get_ref() },
        Some(n) => {
            c.error(
                n.span(),
                format!("`number = {}` er ikke et gyldigt delnummer", n.get_ref()),
                "dele nummereres 1, 2, 3, …",
            );
            KindData::Part { number: 0 }
        }
        None => {
            c.missing("number", "1", Kind::Part);
            KindData::Part { number: 0 }
        }
    }
}

/// A facilitation method: its purpose, how many take part, how long it takes, what it uses.
fn tool(c: &mut Checker, raw: RawFrontMatter) -> KindData {
    let participants = Participants(range(c, "participants", &raw.participants));
    let minutes = Minutes(range(c, "minutes", &raw.minutes));
    let purpose = c.required("purpose", &raw.purpose, "\"Hvad værktøjet er til, i en sætning\"", Kind::Tool);
    KindData::Tool(Tool {
        purpose,
        participants,
        minutes,
        materials: raw.materials.map(|m| m.into_inner()).unwrap_or_default(),
        decks: c.refs(raw.decks),
        questions: c.refs(raw.questions),
    })
}

/// A `{ min, max }` range of a tool, required, with min no larger than max.
fn range(c: &mut Checker, key: &str, value: &Option<Spanned<RawRange>>) -> Range {
    match value {
        Some(r) if r.get_ref().min <= r.get_ref().max => Range { min: r.get_ref().min, max: r.get_ref().max },
        Some(r) => {
            let (min, max) = (r.get_ref().min, r.get_ref().max);
            c.error(r.span(), format!("`{key}`: min ({min}) er større end max ({max})"), "byt om på tallene");
            Range { min: max, max: min }
        }
        None => {
            c.missing(key, "{ min = 4, max = 12 }", Kind::Tool);
            Range { min: 0, max: 0 }
        }
    }
}

/// A question set: the phase it belongs to, and the tool it may belong to.
fn questions(c: &mut Checker, raw: RawFrontMatter) -> KindData {
    let phase = match &raw.phase {
        Some(p) if PHASES.contains(&p.get_ref().as_str()) => p.get_ref().clone(),
        Some(p) => {
            let hint = match did_you_mean(p.get_ref(), PHASES.iter().copied()) {
                Some(near) => format!("mente du \"{near}\"? Mulige faser: {}", PHASES.join(", ")),
                None => format!("mulige faser: {}", PHASES.join(", ")),
            };
            c.error(p.span(), format!("ukendt fase \"{}\"", p.get_ref()), &hint);
            String::new()
        }
        None => {
            c.missing("phase", "\"før\"", Kind::Questions);
            String::new()
        }
    };
    KindData::Questions(QuestionSet { phase, tool: raw.tool.map(|t| spanned_ref(t, c.base)) })
}

/// A deck of statement cards: its theme, colour and number of blank jokers.
fn deck(c: &mut Checker, raw: &RawFrontMatter) -> KindData {
    let color = match &raw.color {
        Some(col) if is_hex_color(col.get_ref()) => col.get_ref().clone(),
        Some(col) => {
            let hint = "skriv farven som # og seks hex-cifre, fx `color = \"#8a3b12\"`";
            c.error(col.span(), format!("`color = \"{}\"` er ikke en farve", col.get_ref()), hint);
            "#555555".into()
        }
        None => {
            c.missing("color", "\"#8a3b12\"", Kind::Deck);
            "#555555".into()
        }
    };
    let theme = c.required("theme", &raw.theme, "\"Hård tone\"", Kind::Deck);
    let jokers = raw.jokers.as_ref().map_or(0, |j| *j.get_ref());
    if jokers > 27 {
        let span = raw.jokers.as_ref().map_or(0..0, |j| j.span());
        c.error(span, format!("`jokers = {jokers}` er flere blanke kort end tre ark"), "vælg et tal fra 0 til 27");
    }
    KindData::Deck(Deck { theme, color, jokers: jokers.min(27) })
}

/// A workplace's example: summary, workplace, sector, themes and the tools it used.
fn case(c: &mut Checker, raw: RawFrontMatter) -> KindData {
    let summary = c.required("summary", &raw.summary, "\"Kort resumé af casen\"", Kind::Case);
    let workplace = c.required("workplace", &raw.workplace, "\"Hjerteafsnit på et regionshospital\"", Kind::Case);
    let sector = c.required("sector", &raw.sector, "\"Hospital\"", Kind::Case);
    let themes = raw.themes.map(|t| t.into_inner()).unwrap_or_default();
    KindData::Case(Case { meta: CaseMeta { summary, workplace, sector, themes }, tools: c.refs(raw.tools) })
}
