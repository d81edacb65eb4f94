//! Reading a file's front matter: the TOML parsed once, each key checked on its own when the
//! whole does not fit, so that every unknown key and every wrong value gets its own diagnostic.

use std::path::Path;

use serde::Deserialize;
use toml::Spanned;
use toml::de::{DeTable, DeValue, ValueDeserializer};

use super::kinds::{Common, into_kind};
use super::raw::{COMMON_KEYS, RawFrontMatter, all_kind_keys};
use super::split::Split;
use crate::content::model::KindData;
use crate::diagnostics::toml_errors::{toml_error, unknown_key};
use crate::diagnostics::{Diagnostics, did_you_mean};

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
