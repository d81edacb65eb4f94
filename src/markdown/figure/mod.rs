//! Figures written as data in a page's body: a fenced block ```` ```figur ```` with TOML inside,
//! whose `type` says which figure it is. The figure is drawn at build time as HTML with real
//! text (and SVG where a drawing helps), so that it reads on a phone, prints sharply and says
//! the same to a screen reader and to the search as to the eye. Editors change the data, never
//! a drawing. A block that cannot be drawn is an error at its line.
//! - [`data`]: what the figures share: the TOML read with its errors in Danish, the drawn result;
//! - [`quadrants`]: a two-by-two model, four fields between two axes;
//! - [`theme_map`]: a theme in the centre with what pulls it one way or the other round it.

pub mod data;
pub mod quadrants;
pub mod theme_map;

use crate::markdown::document::FigureError;
pub use crate::markdown::figure::data::DrawnFigure;
use crate::markdown::figure::data::toml_problem;

/// The info string that makes a fenced block a figure.
pub const FIGURE_BLOCK: &str = "figur";

/// The figure types, each with what it is called in a hint.
const TYPES: &[(&str, &str)] = &[(quadrants::TYPE, "fire felter"), (theme_map::TYPE, "tema i midten")];

/// Draws the figure written as TOML in `block` (a block's content), anchored at `id`. Errors
/// are at byte offsets in `block`.
pub fn draw_figure(block: &str, id: &str) -> Result<DrawnFigure, FigureError> {
    let table: toml::Table = toml::from_str(block).map_err(|e| toml_problem(block, &e, &[]))?;
    let Some(kind) = table.get("type") else {
        return Err(FigureError {
            offset: 0,
            message: "figuren mangler `type`".into(),
            hint: format!("skriv fx `type = \"{}\"` øverst i blokken; {}", quadrants::TYPE, known_types()),
        });
    };
    match kind.as_str() {
        Some(quadrants::TYPE) => quadrants::draw(block, id),
        Some(theme_map::TYPE) => theme_map::draw(block, id),
        _ => Err(FigureError {
            offset: block.find("type").unwrap_or(0),
            message: format!("ukendt figurtype {kind}"),
            hint: known_types(),
        }),
    }
}

/// "kendte typer er …", for hints.
fn known_types() -> String {
    let list: Vec<String> = TYPES.iter().map(|(t, what)| format!("\"{t}\" ({what})")).collect();
    format!("kendte typer er {}", list.join(" og "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_block_without_a_type_or_with_an_unknown_one_says_which_there_are() {
        let e = draw_figure("title = \"x\"\n", "figur").unwrap_err();
        assert!(e.message.contains("`type`") && e.hint.contains("quadrants"), "{e:?}");
        let e = draw_figure("title = \"x\"\ntype = \"cirkel\"\n", "figur").unwrap_err();
        assert_eq!(e.offset, 12);
        assert!(e.message.contains("\"cirkel\"") && e.hint.contains("theme-map"), "{e:?}");
    }

    #[test]
    fn broken_toml_is_reported_where_it_breaks() {
        let e = draw_figure("type = \"quadrants\"\ntitle = \"x\n", "figur").unwrap_err();
        assert!(e.message.starts_with("figuren: ugyldig TOML"), "{e:?}");
        assert!(e.offset >= 19, "{e:?}");
    }
}
