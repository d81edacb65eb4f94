//! TOML errors as diagnostics: the place in the file, the message in Danish, and a hint that
//! shows how the value is written. Used for `site.toml` and for every file's front matter.

use std::path::Path;

use crate::diagnostics::{Diagnostic, did_you_mean};

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

/// An unknown top-level key, with the nearest known one as a hint.
pub fn unknown_key(path: &Path, text: &str, offset: usize, key: &str, keys: &[&str]) -> Diagnostic {
    let d = Diagnostic::at(path, text, offset, format!("ukendt nøgle `{key}`"));
    match did_you_mean(key, keys.iter().copied()) {
        Some(near) => d.with_hint(format!("mente du `{near}`?")),
        None => d.with_hint(format!("tilladte nøgler er: {}", keys.join(", "))),
    }
}
