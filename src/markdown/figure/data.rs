//! What every figure type shares: a block's TOML read into the type's data with every error in
//! Danish at its place, counts checked, and the drawn result.

use serde::de::DeserializeOwned;
use toml::Spanned;

use crate::diagnostics::toml_errors::describe_toml_error;
use crate::markdown::document::FigureError;

/// A figure drawn from its block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DrawnFigure {
    /// The figure's HTML.
    pub html: String,
    /// Its words, for the search.
    pub text: String,
}

/// A TOML error in a figure block as a figure error, in Danish, with `keys` for a "did you mean".
pub fn toml_problem(block: &str, e: &toml::de::Error, keys: &[&str]) -> FigureError {
    let p = describe_toml_error(block, 0, e, keys);
    FigureError { offset: p.offset, message: format!("figuren: {}", p.message), hint: p.hint }
}

/// The block read as a figure type's data `T`, whose keys (at every level) are `keys`.
pub fn read<T: DeserializeOwned>(block: &str, keys: &[&str]) -> Result<T, FigureError> {
    toml::from_str(block).map_err(|e| toml_problem(block, &e, keys))
}

/// An error unless `list` has exactly `n` entries; `what` names them, `hint` shows how.
pub fn exactly<T>(list: &Spanned<Vec<T>>, n: usize, what: &str, hint: &str) -> Result<(), FigureError> {
    let found = list.get_ref().len();
    if found == n {
        return Ok(());
    }
    Err(FigureError {
        offset: list.span().start,
        message: format!("figuren skal have præcis {n} {what}, men her er der {found}"),
        hint: hint.to_string(),
    })
}

/// An error when a text that must say something is empty.
pub fn not_empty(text: &Spanned<String>, what: &str) -> Result<(), FigureError> {
    if !text.get_ref().trim().is_empty() {
        return Ok(());
    }
    Err(FigureError {
        offset: text.span().start,
        message: format!("{what} er tom"),
        hint: format!("skriv {what} mellem anførselstegnene, eller slet linjen"),
    })
}

/// `text` escaped for HTML, with typewriter apostrophes made typographic (`TRIO’en`), as
/// Markdown's smart punctuation makes them in the rest of the page.
pub fn html_text(text: &str) -> String {
    crate::markdown::text::escape(&text.trim().replace('\'', "’"))
}

/// `text` with its first letter small, unless the first word is an abbreviation (`TRIO`):
/// for a label that follows another in a sentence.
pub fn lower_first(text: &str) -> String {
    let mut chars = text.chars();
    match (chars.next(), chars.next()) {
        (Some(first), Some(second)) if first.is_uppercase() && !second.is_uppercase() => {
            first.to_lowercase().chain(text.chars().skip(1)).collect()
        }
        _ => text.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_label_after_another_gets_a_small_letter_but_an_abbreviation_keeps_its_capitals() {
        assert_eq!(lower_first("Strategisk fokus"), "strategisk fokus");
        assert_eq!(lower_first("TRIO'en"), "TRIO'en");
        assert_eq!(lower_first("Å"), "Å");
    }
}
