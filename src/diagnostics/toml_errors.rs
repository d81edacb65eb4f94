//! TOML errors as diagnostics: the place in the file, the message in Danish, and a hint that
//! shows how the value is written. Used for `site.toml`, every file's front matter and the
//! figures written in a page's body.

use std::path::Path;

use crate::diagnostics::{Diagnostic, did_you_mean};

/// A TOML error as a diagnostic at the right place in the file; unknown keys get a "did you mean".
pub fn toml_error(path: &Path, text: &str, base: usize, e: &toml::de::Error, keys: &[&str]) -> Diagnostic {
    let problem = describe_toml_error(text, base, e, keys);
    Diagnostic::at(path, text, problem.offset, problem.message).with_hint(problem.hint)
}

/// What a TOML error says in Danish, and where: the offset in `text` (the TOML starts at
/// `base`), the message and a hint. For TOML that is not a file of its own, such as a figure
/// written in a page's body, whose diagnostic is made later.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TomlProblem {
    /// Byte offset in the text.
    pub offset: usize,
    /// What is wrong.
    pub message: String,
    /// How to fix it.
    pub hint: String,
}

/// Describes a TOML error in the TOML at `base` in `text`; unknown keys get a "did you mean"
/// among `keys`.
pub fn describe_toml_error(text: &str, base: usize, e: &toml::de::Error, keys: &[&str]) -> TomlProblem {
    let offset = base + e.span().map_or(0, |s| s.start);
    let message = e.message().trim().to_string();
    if let Some(key) = message.strip_prefix("unknown field `").and_then(|r| r.split('`').next()) {
        let (message, hint) = unknown_key_text(key, keys);
        return TomlProblem { offset, message, hint };
    }
    if let Some(key) = message.strip_prefix("missing field `").and_then(|r| r.split('`').next()) {
        return TomlProblem {
            offset,
            message: format!("nøglen `{key}` mangler"),
            hint: format!("tilføj `{key} = ...`"),
        };
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
    TomlProblem { offset, message: what, hint: type_hint(key.as_deref()) }
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
            | "slug" | "kind" | "type" | "heading" | "text",
        ) => "skriv værdien som tekst i anførselstegn, fx `title = \"Min titel\"`".into(),
        Some("weight" | "number" | "jokers") => "skriv et helt tal uden anførselstegn, fx `weight = 10`".into(),
        Some("participants" | "minutes") => "skriv et interval, fx `minutes = { min = 60, max = 90 }`".into(),
        Some("materials" | "decks" | "questions" | "themes" | "tools" | "agenda" | "items" | "rows" | "columns") => {
            "skriv en liste i firkantede parenteser, fx `tools = [\"dilemmavaerksted\"]`".into()
        }
        Some("draft" | "highlight") => "skriv `true` eller `false` uden anførselstegn".into(),
        _ => "se TOML-syntaksen: tekst i anførselstegn, tal uden, lister i [ ]".into(),
    }
}

/// An unknown top-level key, with the nearest known one as a hint.
pub fn unknown_key(path: &Path, text: &str, offset: usize, key: &str, keys: &[&str]) -> Diagnostic {
    let (message, hint) = unknown_key_text(key, keys);
    Diagnostic::at(path, text, offset, message).with_hint(hint)
}

/// The message and hint for an unknown key: the nearest known one, else all of them.
fn unknown_key_text(key: &str, keys: &[&str]) -> (String, String) {
    let hint = match did_you_mean(key, keys.iter().copied()) {
        Some(near) => format!("mente du `{near}`?"),
        None => format!("tilladte nøgler er: {}", keys.join(", ")),
    };
    (format!("ukendt nøgle `{key}`"), hint)
}
