//! Front matter: split the `+++` block off a file and turn it into the typed data of its kind.
//!
//! Every error points at the line and column inside the whole file, not inside the block.

use std::path::Path;

use serde::Deserialize;
use toml::Spanned;
use toml::de::{DeTable, DeValue, ValueDeserializer};

use crate::config::is_hex_color;
use crate::content::model::{
    Case, CaseMeta, Deck, Kind, KindData, Minutes, Month, Participants, QuestionSet, Range, Tool, Wheel,
};
use crate::diagnostics::{Diagnostic, Diagnostics, did_you_mean};

/// A file split into its front matter and body, with the body's byte offset in the file.
pub struct Split<'a> {
    pub front: &'a str,
    /// Byte offset of `front` in the file.
    pub front_offset: usize,
    pub body: &'a str,
    /// Byte offset of `body` in the file.
    pub body_offset: usize,
}

/// Finds the `+++` lines. The file must start with one and have a closing one.
pub fn split_front_matter<'a>(path: &Path, text: &'a str) -> Result<Split<'a>, Diagnostic> {
    if text.trim().is_empty() {
        return Err(Diagnostic::file(path, "filen er tom")
            .with_hint("start filen med front matter mellem to linjer med +++, fx `+++` / `title = \"Titel\"` / `+++`, eller brug `triobog new`"));
    }
    let first_line_end = text.find('\n').unwrap_or(text.len());
    if text[..first_line_end].trim_end() != "+++" {
        return Err(Diagnostic::at(path, text, 0, "filen starter ikke med front matter (`+++`)")
            .with_hint("første linje skal være `+++`, efterfulgt af fx `title = \"Titel\"` og en linje med `+++`"));
    }
    let front_offset = (first_line_end + 1).min(text.len());
    let mut pos = front_offset;
    while pos < text.len() {
        let end = text[pos..].find('\n').map_or(text.len(), |i| pos + i);
        if text[pos..end].trim_end() == "+++" {
            let body_offset = (end + 1).min(text.len());
            return Ok(Split {
                front: &text[front_offset..pos],
                front_offset,
                body: &text[body_offset..],
                body_offset,
            });
        }
        pos = end + 1;
    }
    Err(Diagnostic::at(path, text, 0, "front matter åbnes med `+++` men lukkes aldrig")
        .with_hint("tilføj en linje med `+++` efter den sidste nøgle i front matter"))
}

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
    number: Option<Spanned<u32>>,
    purpose: Option<Spanned<String>>,
    participants: Option<Spanned<RawRange>>,
    minutes: Option<Spanned<RawRange>>,
    materials: Option<Spanned<Vec<String>>>,
    decks: Option<Spanned<Vec<Spanned<String>>>>,
    questions: Option<Spanned<Vec<Spanned<String>>>>,
    phase: Option<Spanned<String>>,
    tool: Option<Spanned<String>>,
    theme: Option<Spanned<String>>,
    color: Option<Spanned<String>>,
    jokers: Option<Spanned<u32>>,
    summary: Option<Spanned<String>>,
    workplace: Option<Spanned<String>>,
    sector: Option<Spanned<String>>,
    themes: Option<Spanned<Vec<String>>>,
    tools: Option<Spanned<Vec<Spanned<String>>>>,
    agenda: Option<Spanned<Vec<String>>>,
    months: Option<Spanned<Vec<RawMonth>>>,
}

#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRange {
    min: u32,
    max: u32,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawMonth {
    month: Spanned<u32>,
    topic: String,
    #[serde(default)]
    items: Vec<String>,
}

const COMMON_KEYS: &[&str] = &["kind", "title", "nav_title", "description", "weight", "draft", "slug"];

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

/// Common front matter every kind has.
#[derive(Debug)]
pub struct Common {
    pub title: String,
    /// A shorter title for the site's top menu, when the page is one of its sections.
    pub nav_title: Option<String>,
    pub description: String,
    pub weight: i64,
    pub draft: bool,
    pub slug: Option<Spanned<String>>,
}

/// Parses the front matter of `text` (a whole file) into the common keys and the kind's data.
/// Collects every problem rather than stopping at the first: each unknown key, each value of
/// the wrong type and each missing key is its own diagnostic.
pub fn parse_front_matter(path: &Path, text: &str, split: &Split) -> Result<(Common, KindData), Diagnostics> {
    let all_keys: Vec<&str> = COMMON_KEYS.iter().copied().chain(all_kind_keys()).collect();
    let table = DeTable::parse(split.front)
        .map_err(|e| Diagnostics(vec![toml_error(path, text, split.front_offset, &e, &all_keys)]))?;
    let whole = table.span();
    // Most files are right: one pass then does it all.
    if let Ok(raw) = RawFrontMatter::deserialize(ValueDeserializer::from(Spanned::new(
        whole.clone(),
        DeValue::Table(table.get_ref().clone()),
    ))) {
        return into_kind(path, text, split.front_offset, raw, &[]);
    }
    let mut errors = Diagnostics::default();
    let mut good = DeTable::new();
    let mut broken = Vec::new();
    for (key, value) in table.into_inner() {
        let name = key.get_ref().to_string();
        let offset = split.front_offset + key.span().start;
        if !all_keys.contains(&name.as_str()) {
            errors.push(unknown_key(path, text, offset, &name, &all_keys));
            // A misspelt key is the one it resembles, written wrong: that one is not also missing.
            broken.extend(did_you_mean(&name, all_keys.iter().copied()).map(str::to_string));
            continue;
        }
        // Each known key on its own, so that every wrong value is found, not just the first.
        let mut alone = DeTable::new();
        alone.insert(key.clone(), value.clone());
        match RawFrontMatter::deserialize(ValueDeserializer::from(Spanned::new(whole.clone(), DeValue::Table(alone)))) {
            Ok(_) => {
                good.insert(key, value);
            }
            Err(e) => {
                errors.push(toml_error(path, text, split.front_offset, &e, nested_keys(&name)));
                broken.push(name);
            }
        }
    }
    let raw = RawFrontMatter::deserialize(ValueDeserializer::from(Spanned::new(whole, DeValue::Table(good))))
        .map_err(|e| Diagnostics(vec![toml_error(path, text, split.front_offset, &e, &all_keys)]))?;
    match into_kind(path, text, split.front_offset, raw, &broken) {
        Ok(_) => Err(errors),
        Err(more) => {
            errors.extend(more.0);
            Err(errors)
        }
    }
}

/// The keys a table inside the front matter may have, for a "did you mean" inside it.
fn nested_keys(key: &str) -> &'static [&'static str] {
    match key {
        "participants" | "minutes" => &["min", "max"],
        "months" => &["month", "topic", "items"],
        _ => &[],
    }
}

/// An unknown top-level key, with the nearest known one as a hint.
fn unknown_key(path: &Path, text: &str, offset: usize, key: &str, keys: &[&str]) -> Diagnostic {
    let d = Diagnostic::at(path, text, offset, format!("ukendt nøgle `{key}`"));
    match did_you_mean(key, keys.iter().copied()) {
        Some(near) => d.with_hint(format!("mente du `{near}`?")),
        None => d.with_hint(format!("tilladte nøgler er: {}", keys.join(", "))),
    }
}

fn all_kind_keys() -> impl Iterator<Item = &'static str> {
    Kind::ALL.iter().flat_map(|k| kind_keys(*k).iter().copied())
}

/// A TOML error as a diagnostic at the right place in the file; unknown keys get a "did you mean".
pub fn toml_error(path: &Path, text: &str, base: usize, e: &toml::de::Error, keys: &[&str]) -> Diagnostic {
    let offset = base + e.span().map_or(0, |s| s.start);
    let message = e.message().trim().to_string();
    if let Some(key) = message.strip_prefix("unknown field `").and_then(|r| r.split('`').next()) {
        return unknown_key(path, text, offset, key, keys);
    }
    if let Some(key) = message.strip_prefix("missing field `").and_then(|r| r.split('`').next()) {
        return Diagnostic::at(path, text, offset, format!("nøglen `{key}` mangler"))
            .with_hint(format!("tilføj `{key} = ...`"));
    }
    let key = key_at(text, offset);
    let what = if message.starts_with("invalid type") || message.starts_with("invalid value") {
        let message = danish_type_error(&message);
        match &key {
            Some(k) => format!("forkert type for `{k}`: {message}"),
            None => format!("forkert type: {message}"),
        }
    } else {
        format!("ugyldig TOML: {message}")
    };
    Diagnostic::at(path, text, offset, what).with_hint(type_hint(key.as_deref()))
}

/// serde's "invalid type: integer `5`, expected a string" in Danish ("der står et tal, men der
/// skal stå tekst"); a message it does not recognise is kept as it is.
fn danish_type_error(message: &str) -> String {
    let Some((found, expected)) = message.strip_prefix("invalid type: ").and_then(|m| m.split_once(", expected "))
    else {
        return message.to_string();
    };
    let found = match found.split_whitespace().next().unwrap_or("") {
        "integer" | "floating" => "et tal",
        "string" => "tekst",
        "boolean" => "true eller false",
        "sequence" => "en liste",
        "map" => "en tabel",
        _ => return message.to_string(),
    };
    let expected = match expected.trim() {
        "a string" => "tekst i anførselstegn",
        "a boolean" => "true eller false",
        "a sequence" => "en liste i [ ]",
        e if e.starts_with('i') || e.starts_with('u') => "et helt tal",
        e if e.starts_with("struct") => "en tabel i { }",
        _ => return message.to_string(),
    };
    format!("der står {found}, men der skal stå {expected}")
}

/// The key on the line holding `offset`, as in `key = value`.
fn key_at(text: &str, offset: usize) -> Option<String> {
    let start = text[..offset.min(text.len())].rfind('\n').map_or(0, |i| i + 1);
    let line = text[start..].lines().next()?;
    let (key, _) = line.split_once('=')?;
    let key = key.trim();
    (!key.is_empty() && key.chars().all(|c| c.is_alphanumeric() || c == '_' || c == '-')).then(|| key.to_string())
}

fn type_hint(key: Option<&str>) -> String {
    match key {
        Some(
            "title" | "description" | "purpose" | "summary" | "workplace" | "sector" | "theme" | "phase" | "tool"
            | "slug" | "kind",
        ) => "skriv værdien som tekst i anførselstegn, fx `title = \"Min titel\"`".into(),
        Some("weight" | "number" | "jokers") => "skriv et helt tal uden anførselstegn, fx `weight = 10`".into(),
        Some("participants" | "minutes") => "skriv et interval, fx `minutes = { min = 60, max = 90 }`".into(),
        Some("materials" | "decks" | "questions" | "themes" | "tools" | "agenda") => {
            "skriv en liste i firkantede parenteser, fx `tools = [\"dilemmavaerksted\"]`".into()
        }
        Some("draft") => "skriv `true` eller `false` uden anførselstegn".into(),
        _ => "se TOML-syntaksen: tekst i anførselstegn, tal uden, lister i [ ]".into(),
    }
}

/// Checks which keys the kind allows and which it requires, and builds the typed kind data.
/// Keys in `broken` were there with a wrong value, already reported: they are not missing.
fn into_kind(
    path: &Path,
    text: &str,
    base: usize,
    raw: RawFrontMatter,
    broken: &[String],
) -> Result<(Common, KindData), Diagnostics> {
    let mut errors = Diagnostics::default();
    let at = |span: std::ops::Range<usize>| base + span.start;
    // Points missing-key errors at the opening `+++`, where the key belongs.
    let missing = |key: &str, example: &str, kind: Kind| {
        (!broken.iter().any(|b| b == key)).then(|| {
            Diagnostic::at(path, text, 0, format!("nøglen `{key}` mangler (påkrævet for kind = \"{}\")", kind.name()))
                .with_hint(format!("tilføj fx `{key} = {example}` i front matter"))
        })
    };

    let kind = match &raw.kind {
        None => Kind::Page,
        Some(k) => match Kind::from_name(k.get_ref()) {
            Some(kind) => kind,
            None => {
                let names: Vec<&str> = Kind::ALL.iter().map(|k| k.name()).collect();
                let d = Diagnostic::at(path, text, at(k.span()), format!("ukendt kind \"{}\"", k.get_ref()));
                let hint = match did_you_mean(k.get_ref(), names.iter().copied()) {
                    Some(near) => format!("mente du \"{near}\"? Mulige: {}", names.join(", ")),
                    None => format!("mulige værdier: {}", names.join(", ")),
                };
                return Err(Diagnostics(vec![d.with_hint(hint)]));
            }
        },
    };

    // Keys set but not allowed for this kind.
    let allowed = kind_keys(kind);
    for (key, span) in raw.present_kind_keys() {
        if !allowed.contains(&key) {
            let owner = Kind::ALL.iter().find(|k| kind_keys(**k).contains(&key)).map_or("", |k| k.name());
            errors.push(
                Diagnostic::at(
                    path,
                    text,
                    at(span),
                    format!("nøglen `{key}` hører ikke til kind = \"{}\"", kind.name()),
                )
                .with_hint(format!(
                    "`{key}` bruges af kind = \"{owner}\"; fjern den, eller ret kind. Tilladte nøgler her: {}",
                    [COMMON_KEYS, allowed].concat().join(", ")
                )),
            );
        }
    }

    let title = match &raw.title {
        Some(t) if !t.get_ref().trim().is_empty() => t.get_ref().trim().to_string(),
        Some(t) => {
            errors.push(
                Diagnostic::at(path, text, at(t.span()), "`title` er tom")
                    .with_hint("skriv sidens titel, fx `title = \"Dilemmaværksted\"`"),
            );
            String::new()
        }
        None => {
            errors.extend(missing("title", "\"Sidens titel\"", kind));
            String::new()
        }
    };
    let nav_title = match &raw.nav_title {
        Some(t) if t.get_ref().trim().is_empty() => {
            errors.push(
                Diagnostic::at(path, text, at(t.span()), "`nav_title` er tom")
                    .with_hint("skriv en kort titel til menuen, fx `nav_title = \"Værktøjer\"`, eller slet linjen"),
            );
            None
        }
        t => t.as_ref().map(|t| t.get_ref().trim().to_string()),
    };
    let common = Common {
        title,
        nav_title,
        description: raw.description.as_ref().map(|d| d.get_ref().trim().to_string()).unwrap_or_default(),
        weight: raw.weight.as_ref().map_or(0, |w| *w.get_ref()),
        draft: raw.draft.as_ref().is_some_and(|d| *d.get_ref()),
        slug: raw.slug.clone(),
    };

    let string = |v: &Option<Spanned<String>>| v.as_ref().map(|s| s.get_ref().trim().to_string());
    let data = match kind {
        Kind::Page => {
            let wheel = match (raw.agenda, raw.months) {
                (None, None) => None,
                (agenda, months) => {
                    let mut list = Vec::new();
                    for m in months.map(|m| m.into_inner()).unwrap_or_default() {
                        let n = *m.month.get_ref();
                        if !(1..=12).contains(&n) {
                            errors.push(
                                Diagnostic::at(path, text, at(m.month.span()), format!("`month = {n}` findes ikke"))
                                    .with_hint("måneder skrives som tal fra 1 (januar) til 12 (december)"),
                            );
                        }
                        if list.iter().any(|x: &Month| x.month == n) {
                            errors.push(
                                Diagnostic::at(
                                    path,
                                    text,
                                    at(m.month.span()),
                                    format!("måned {n} står to gange i årshjulet"),
                                )
                                .with_hint("saml emnerne for en måned i én [[months]]-blok"),
                            );
                        }
                        list.push(Month { month: n, topic: m.topic, items: m.items });
                    }
                    list.sort_by_key(|m| m.month);
                    Some(Wheel { agenda: agenda.map(|a| a.into_inner()).unwrap_or_default(), months: list })
                }
            };
            KindData::Page { wheel }
        }
        Kind::Part => match &raw.number {
            Some(n) if (1..=9).contains(n.get_ref()) => KindData::Part { number: *n.get_ref() },
            Some(n) => {
                errors.push(
                    Diagnostic::at(
                        path,
                        text,
                        at(n.span()),
                        format!("`number = {}` er ikke et gyldigt delnummer", n.get_ref()),
                    )
                    .with_hint("dele nummereres 1, 2, 3, …"),
                );
                KindData::Part { number: 0 }
            }
            None => {
                errors.extend(missing("number", "1", kind));
                KindData::Part { number: 0 }
            }
        },
        Kind::Tool => {
            let mut range = |key: &str, value: &Option<Spanned<RawRange>>| match value {
                Some(r) if r.get_ref().min <= r.get_ref().max => Range { min: r.get_ref().min, max: r.get_ref().max },
                Some(r) => {
                    errors.push(
                        Diagnostic::at(
                            path,
                            text,
                            at(r.span()),
                            format!("`{key}`: min ({}) er større end max ({})", r.get_ref().min, r.get_ref().max),
                        )
                        .with_hint("byt om på tallene"),
                    );
                    Range { min: r.get_ref().max, max: r.get_ref().min }
                }
                None => {
                    errors.extend(missing(key, "{ min = 4, max = 12 }", kind));
                    Range { min: 0, max: 0 }
                }
            };
            let participants = Participants(range("participants", &raw.participants));
            let minutes = Minutes(range("minutes", &raw.minutes));
            let purpose = string(&raw.purpose).unwrap_or_else(|| {
                errors.extend(missing("purpose", "\"Hvad værktøjet er til, i en sætning\"", kind));
                String::new()
            });
            KindData::Tool(Tool {
                purpose,
                participants,
                minutes,
                materials: raw.materials.map(|m| m.into_inner()).unwrap_or_default(),
                decks: refs(raw.decks, base),
                questions: refs(raw.questions, base),
            })
        }
        Kind::Questions => {
            let phase = match &raw.phase {
                Some(p) if PHASES.contains(&p.get_ref().as_str()) => p.get_ref().clone(),
                Some(p) => {
                    let d = Diagnostic::at(path, text, at(p.span()), format!("ukendt fase \"{}\"", p.get_ref()));
                    let hint = match did_you_mean(p.get_ref(), PHASES.iter().copied()) {
                        Some(near) => format!("mente du \"{near}\"? Mulige faser: {}", PHASES.join(", ")),
                        None => format!("mulige faser: {}", PHASES.join(", ")),
                    };
                    errors.push(d.with_hint(hint));
                    String::new()
                }
                None => {
                    errors.extend(missing("phase", "\"før\"", kind));
                    String::new()
                }
            };
            KindData::Questions(QuestionSet { phase, tool: raw.tool.map(|t| SpannedRef::from_spanned(t, base)) })
        }
        Kind::Deck => {
            let color = match &raw.color {
                Some(c) if is_hex_color(c.get_ref()) => c.get_ref().clone(),
                Some(c) => {
                    errors.push(
                        Diagnostic::at(
                            path,
                            text,
                            at(c.span()),
                            format!("`color = \"{}\"` er ikke en farve", c.get_ref()),
                        )
                        .with_hint("skriv farven som # og seks hex-cifre, fx `color = \"#8a3b12\"`"),
                    );
                    "#555555".into()
                }
                None => {
                    errors.extend(missing("color", "\"#8a3b12\"", kind));
                    "#555555".into()
                }
            };
            let theme = string(&raw.theme).unwrap_or_else(|| {
                errors.extend(missing("theme", "\"Hård tone\"", kind));
                String::new()
            });
            let jokers = raw.jokers.as_ref().map_or(0, |j| *j.get_ref());
            if jokers > 27 {
                let span = raw.jokers.as_ref().map_or(0..0, |j| j.span());
                errors.push(
                    Diagnostic::at(
                        path,
                        text,
                        at(span),
                        format!("`jokers = {jokers}` er flere blanke kort end tre ark"),
                    )
                    .with_hint("vælg et tal fra 0 til 27"),
                );
            }
            KindData::Deck(Deck { theme, color, jokers: jokers.min(27) })
        }
        Kind::Case => {
            let mut required = |key: &str, v: &Option<Spanned<String>>, example: &str| {
                string(v).unwrap_or_else(|| {
                    errors.extend(missing(key, example, kind));
                    String::new()
                })
            };
            let summary = required("summary", &raw.summary, "\"Kort resumé af casen\"");
            let workplace = required("workplace", &raw.workplace, "\"Hjerteafsnit på et regionshospital\"");
            let sector = required("sector", &raw.sector, "\"Hospital\"");
            KindData::Case(Case {
                meta: CaseMeta {
                    summary,
                    workplace,
                    sector,
                    themes: raw.themes.map(|t| t.into_inner()).unwrap_or_default(),
                },
                tools: refs(raw.tools, base),
            })
        }
    };
    if errors.is_empty() { Ok((common, data)) } else { Err(errors) }
}

/// A slug written in front matter, with its byte offset in the file for error messages.
#[derive(Debug, Clone)]
pub struct SpannedRef {
    pub slug: String,
    pub offset: usize,
}

impl SpannedRef {
    fn from_spanned(s: Spanned<String>, base: usize) -> Self {
        SpannedRef { offset: base + s.span().start, slug: s.into_inner() }
    }
}

fn refs(list: Option<Spanned<Vec<Spanned<String>>>>, base: usize) -> Vec<SpannedRef> {
    list.map(|l| l.into_inner().into_iter().map(|s| SpannedRef::from_spanned(s, base)).collect()).unwrap_or_default()
}

impl RawFrontMatter {
    /// Kind-specific keys that are present, with the span of their value.
    fn present_kind_keys(&self) -> Vec<(&'static str, std::ops::Range<usize>)> {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<(Common, KindData), Diagnostics> {
        let path = Path::new("content/x.md");
        let split = split_front_matter(path, text).map_err(|d| Diagnostics(vec![d]))?;
        parse_front_matter(path, text, &split)
    }

    #[test]
    fn misspelt_key_points_at_its_line_and_suggests() {
        let err = parse("+++\ntitle = \"A\"\nkind = \"tool\"\npurpse = \"x\"\n+++\n").unwrap_err();
        let d = &err.0[0];
        assert_eq!((d.line, d.column), (4, 1));
        assert!(d.message.contains("purpse"));
        assert_eq!(d.hint.as_deref(), Some("mente du `purpose`?"));
    }

    #[test]
    fn wrong_type_names_key_and_line() {
        let err = parse("+++\ntitle = \"A\"\nweight = \"ti\"\n+++\n").unwrap_err();
        let d = &err.0[0];
        assert_eq!(d.line, 3);
        assert!(d.message.contains("`weight`"), "{}", d.message);
    }

    #[test]
    fn tool_reports_every_missing_key() {
        let err = parse("+++\ntitle = \"A\"\nkind = \"tool\"\n+++\n").unwrap_err();
        let msgs: Vec<_> = err.0.iter().map(|d| d.message.clone()).collect();
        assert_eq!(msgs.len(), 3, "{msgs:?}");
        assert!(msgs.iter().all(|m| m.contains("mangler")));
    }

    #[test]
    fn unclosed_front_matter_is_an_error() {
        let err = parse("+++\ntitle = \"A\"\n\nTekst\n").unwrap_err();
        assert!(err.0[0].message.contains("lukkes aldrig"));
    }
}
