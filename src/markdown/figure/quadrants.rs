//! A two-by-two model: two rows and two columns, the axes between them, and four fields with a
//! heading and points each, one of them perhaps highlighted. Drawn as a grid of real text over
//! an SVG of the two axes; on a narrow screen the fields stack, each naming its row and column.
//!
//! ```toml
//! type = "quadrants"
//! title = "Fire måder at samarbejde på"
//! rows = ["Formelt", "Uformelt"]
//! columns = ["Konkrete situationer", "Hele arbejdspladsen"]
//!
//! [[fields]]            # top left, then top right, bottom left, bottom right
//! heading = "Møder mellem leder og én tillidsvalgt"
//! items = ["Forhandlinger", "Sygesamtaler"]
//! ```

use serde::Deserialize;
use toml::Spanned;

use crate::markdown::document::FigureError;
use crate::markdown::figure::data::{DrawnFigure, exactly, html_text, lower_first, not_empty, read};

/// The `type` of a two-by-two model.
pub const TYPE: &str = "quadrants";

/// Every key a two-by-two block may have, at either level.
const KEYS: &[&str] = &["type", "title", "rows", "columns", "fields", "heading", "text", "items", "highlight"];

/// The model as written.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Quadrants {
    #[serde(rename = "type")]
    _kind: String,
    /// The figure's caption: what the model shows.
    title: Spanned<String>,
    /// The top row's label, then the bottom row's.
    rows: Spanned<Vec<String>>,
    /// The left column's label, then the right column's.
    columns: Spanned<Vec<String>>,
    /// The four fields in reading order.
    fields: Spanned<Vec<Field>>,
}

/// One of the four fields.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Field {
    heading: Spanned<String>,
    #[serde(default)]
    text: Option<String>,
    #[serde(default)]
    items: Vec<String>,
    #[serde(default)]
    highlight: bool,
}

/// Draws the two-by-two model in `block`, anchored at `id`.
pub fn draw(block: &str, id: &str) -> Result<DrawnFigure, FigureError> {
    let q: Quadrants = read(block, KEYS)?;
    not_empty(&q.title, "`title`")?;
    exactly(
        &q.rows,
        2,
        "rækker i `rows` (den øverste og den nederste)",
        "skriv fx `rows = [\"Formelt\", \"Uformelt\"]`",
    )?;
    exactly(
        &q.columns,
        2,
        "kolonner i `columns` (den venstre og den højre)",
        "skriv fx `columns = [\"Konkrete situationer\", \"Hele arbejdspladsen\"]`",
    )?;
    exactly(
        &q.fields,
        4,
        "felter (`[[fields]]`)",
        "skriv fire `[[fields]]` i læseretning: øverst til venstre, øverst til højre, nederst til venstre, nederst til højre",
    )?;
    for f in q.fields.get_ref() {
        not_empty(&f.heading, "`heading`")?;
    }
    Ok(DrawnFigure { html: html(&q, id), text: search_text(&q) })
}

/// The figure's HTML: the axes as an SVG behind the grid, the labels (hidden from screen
/// readers, which hear each field's place instead), the four fields and the caption.
fn html(q: &Quadrants, id: &str) -> String {
    let (rows, columns) = (q.rows.get_ref(), q.columns.get_ref());
    let mut h = format!("<figure class=\"figure quadrants\" id=\"{id}\">\n<div class=\"quadrants__grid\">\n");
    h.push_str(
        "<svg class=\"quadrants__axes\" viewBox=\"0 0 100 100\" preserveAspectRatio=\"none\" aria-hidden=\"true\" focusable=\"false\">\
         <line x1=\"50\" y1=\"0\" x2=\"50\" y2=\"100\" vector-effect=\"non-scaling-stroke\"/>\
         <line x1=\"0\" y1=\"50\" x2=\"100\" y2=\"50\" vector-effect=\"non-scaling-stroke\"/></svg>\n",
    );
    for (c, label) in columns.iter().enumerate() {
        h.push_str(&format!(
            "<p class=\"quadrants__label quadrants__label--column quadrants__c{}\" aria-hidden=\"true\">{}</p>\n",
            c + 1,
            html_text(label)
        ));
    }
    for (r, label) in rows.iter().enumerate() {
        h.push_str(&format!(
            "<p class=\"quadrants__label quadrants__label--row quadrants__r{}\" aria-hidden=\"true\"><span>{}</span></p>\n",
            r + 1,
            html_text(label)
        ));
    }
    for (n, f) in q.fields.get_ref().iter().enumerate() {
        let (r, c) = (n / 2, n % 2);
        let mark = if f.highlight { " quadrants__field--highlight" } else { "" };
        h.push_str(&format!("<div class=\"quadrants__field quadrants__r{} quadrants__c{}{mark}\">\n", r + 1, c + 1));
        h.push_str(&format!(
            "<p class=\"quadrants__place\">{}, {}</p>\n<p class=\"quadrants__heading\">{}</p>\n",
            html_text(&rows[r]),
            html_text(&lower_first(&columns[c])),
            html_text(f.heading.get_ref())
        ));
        if let Some(text) = f.text.as_deref().filter(|t| !t.trim().is_empty()) {
            h.push_str(&format!("<p class=\"quadrants__text\">{}</p>\n", html_text(text)));
        }
        if !f.items.is_empty() {
            h.push_str("<ul>");
            for item in &f.items {
                h.push_str(&format!("<li>{}</li>", html_text(item)));
            }
            h.push_str("</ul>\n");
        }
        h.push_str("</div>\n");
    }
    h.push_str(&format!("</div>\n<figcaption>{}</figcaption>\n</figure>\n", html_text(q.title.get_ref())));
    h
}

/// The figure's words in reading order, for the search.
fn search_text(q: &Quadrants) -> String {
    let mut words: Vec<&str> = vec![q.title.get_ref()];
    words.extend(q.rows.get_ref().iter().map(String::as_str));
    words.extend(q.columns.get_ref().iter().map(String::as_str));
    for f in q.fields.get_ref() {
        words.push(f.heading.get_ref());
        words.extend(f.text.as_deref());
        words.extend(f.items.iter().map(String::as_str));
    }
    words.iter().map(|w| w.trim()).filter(|w| !w.is_empty()).collect::<Vec<_>>().join(". ")
}

#[cfg(test)]
mod tests {
    use super::*;

    const MODEL: &str = r#"type = "quadrants"
title = "Fire måder at samarbejde på"
rows = ["Formelt", "Uformelt"]
columns = ["Konkrete situationer", "Hele arbejdspladsen"]

[[fields]]
heading = "Møder mellem leder og én tillidsvalgt"
items = ["Forhandlinger", "Sygesamtaler"]

[[fields]]
heading = "MED og AMO"
text = "Politikker & retningslinjer"

[[fields]]
heading = "Den løbende kontakt"

[[fields]]
heading = "TRIO'en"
highlight = true
items = ["Trivsel", "Planlægning"]
"#;

    #[test]
    fn four_fields_in_reading_order_each_naming_its_row_and_column() {
        let f = draw(MODEL, "figur-1").unwrap();
        assert!(f.html.starts_with("<figure class=\"figure quadrants\" id=\"figur-1\">"));
        let places: Vec<&str> = f
            .html
            .match_indices("quadrants__place\">")
            .map(|(i, m)| &f.html[i + m.len()..])
            .map(|s| &s[..s.find('<').unwrap()])
            .collect();
        assert_eq!(
            places,
            [
                "Formelt, konkrete situationer",
                "Formelt, hele arbejdspladsen",
                "Uformelt, konkrete situationer",
                "Uformelt, hele arbejdspladsen"
            ]
        );
        assert!(f.html.contains("quadrants__r2 quadrants__c2 quadrants__field--highlight"));
        assert!(f.html.contains("Politikker &amp; retningslinjer"), "text is escaped");
        assert!(f.html.contains("<figcaption>Fire måder at samarbejde på</figcaption>"));
        assert!(!f.html.contains("style"), "no inline style under a strict CSP");
        assert!(f.text.contains("TRIO'en. Trivsel. Planlægning"), "{}", f.text);
    }

    #[test]
    fn three_fields_is_an_error_at_the_fields() {
        let three = MODEL.rsplit_once("[[fields]]").unwrap().0;
        let e = draw(three, "f").unwrap_err();
        assert!(e.message.contains("præcis 4 felter") && e.message.contains("er der 3"), "{e:?}");
        assert!(e.hint.contains("øverst til venstre"), "{e:?}");
    }

    #[test]
    fn a_misspelt_key_is_named_with_the_key_it_resembles() {
        let e = draw(&MODEL.replace("heading = \"MED og AMO\"", "haeding = \"MED og AMO\""), "f").unwrap_err();
        assert!(e.message.contains("ukendt nøgle `haeding`"), "{e:?}");
        assert_eq!(e.hint, "mente du `heading`?");
        assert_eq!(&MODEL.replace("heading = \"MED", "haeding = \"MED")[e.offset..e.offset + 7], "haeding");
    }

    #[test]
    fn three_rows_is_an_error_at_the_rows() {
        let e = draw(&MODEL.replace("\"Uformelt\"]", "\"Uformelt\", \"Andet\"]"), "f").unwrap_err();
        assert!(e.message.contains("rækker"), "{e:?}");
        assert_eq!(e.offset, MODEL.find("[\"Formelt\"").unwrap());
    }
}
