//! A theme map, as the work-environment narrative is first drawn: the theme in focus in the
//! centre, and round it what came up in the dialogues, each note marked as pulling in a good or a
//! bad direction. Drawn as a board of notes round the centre; on a narrow screen the centre comes
//! first and the notes follow. Every note says in words which way it pulls, not only by colour.
//!
//! ```toml
//! type = "theme-map"
//! title = "Et eksempel på et temakort"
//! centre = "Kommunikation og feedback"
//! good = ["Et godt kollegaskab"]
//! bad = ["Teammøderne bliver aflyst", "Lederne skifter ofte"]
//! ```

use serde::Deserialize;
use toml::Spanned;

use crate::markdown::document::FigureError;
use crate::markdown::figure::data::{DrawnFigure, html_text, not_empty, read};

/// The `type` of a theme map.
pub const TYPE: &str = "theme-map";

/// Every key a theme map's block may have.
const KEYS: &[&str] = &["type", "title", "centre", "good", "bad", "good_label", "bad_label"];

/// What the notes that pull each way are called unless the block says otherwise.
const GOOD_LABEL: &str = "Trækker i en god retning";
const BAD_LABEL: &str = "Trækker i en dårlig retning";

/// The most rows the centre spans; a map with more notes than that lets them run on below.
const MOST_CENTRE_ROWS: usize = 8;

/// The map as written.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ThemeMap {
    #[serde(rename = "type")]
    _kind: String,
    title: Spanned<String>,
    centre: Spanned<String>,
    #[serde(default)]
    good: Vec<String>,
    #[serde(default)]
    bad: Vec<String>,
    good_label: Option<String>,
    bad_label: Option<String>,
}

/// Draws the theme map in `block`, anchored at `id`.
pub fn draw(block: &str, id: &str) -> Result<DrawnFigure, FigureError> {
    let m: ThemeMap = read(block, KEYS)?;
    not_empty(&m.title, "`title`")?;
    not_empty(&m.centre, "`centre`")?;
    if m.good.iter().chain(&m.bad).all(|n| n.trim().is_empty()) {
        return Err(FigureError {
            offset: m.centre.span().end,
            message: "temakortet har ingen sedler rundt om midten".into(),
            hint: "skriv dem i `good = [\"...\"]` og `bad = [\"...\"]`".into(),
        });
    }
    Ok(DrawnFigure { html: html(&m, id), text: search_text(&m) })
}

/// The two kinds of note: their class, sign and label.
fn sides(m: &ThemeMap) -> [(&'static str, &'static str, &str, &[String]); 2] {
    [
        ("good", "+", m.good_label.as_deref().unwrap_or(GOOD_LABEL), &m.good),
        ("bad", "−", m.bad_label.as_deref().unwrap_or(BAD_LABEL), &m.bad),
    ]
}

/// The figure's HTML: the centre, then each note with its sign and, for a screen reader, its
/// direction in words; the caption with the key to the signs.
fn html(m: &ThemeMap, id: &str) -> String {
    let notes: Vec<(&str, &str, &str, &str)> = sides(m)
        .into_iter()
        .flat_map(|(class, sign, label, list)| {
            list.iter().map(|n| n.trim()).filter(|n| !n.is_empty()).map(move |n| (class, sign, label, n))
        })
        .collect();
    // Three columns: a full row above and below the centre, two notes beside it on each row.
    let rows = notes.len().saturating_sub(2).div_ceil(2).max(3);
    let span = (rows - 2).min(MOST_CENTRE_ROWS);
    let mut h = format!(
        "<figure class=\"figure theme-map\" id=\"{id}\">\n<div class=\"theme-map__board\">\n\
         <p class=\"theme-map__centre theme-map__centre--span-{span}\"><span class=\"visually-hidden\">I midten: </span>{}</p>\n",
        html_text(m.centre.get_ref())
    );
    for (class, sign, label, note) in notes {
        h.push_str(&format!(
            "<p class=\"theme-map__note theme-map__note--{class}\"><span class=\"theme-map__sign\" aria-hidden=\"true\">{sign}</span>\
             <span class=\"visually-hidden\">{}: </span>{}</p>\n",
            html_text(label),
            html_text(note)
        ));
    }
    h.push_str("</div>\n<figcaption>");
    h.push_str(&html_text(m.title.get_ref()));
    for (class, sign, label, list) in sides(m) {
        if !list.is_empty() {
            h.push_str(&format!(
                " <span class=\"theme-map__key theme-map__key--{class}\"><span class=\"theme-map__sign\" aria-hidden=\"true\">{sign}</span> {}</span>",
                html_text(label)
            ));
        }
    }
    h.push_str("</figcaption>\n</figure>\n");
    h
}

/// The figure's words, for the search.
fn search_text(m: &ThemeMap) -> String {
    let mut words: Vec<&str> = vec![m.title.get_ref(), m.centre.get_ref()];
    for (_, _, label, list) in sides(m) {
        if !list.is_empty() {
            words.push(label);
            words.extend(list.iter().map(String::as_str));
        }
    }
    words.iter().map(|w| w.trim()).filter(|w| !w.is_empty()).collect::<Vec<_>>().join(". ")
}

#[cfg(test)]
mod tests {
    use super::*;

    const MAP: &str = r#"type = "theme-map"
title = "Et temakort"
centre = "Kommunikation og feedback"
good = ["Et godt kollegaskab"]
bad = ["Teammøderne bliver aflyst", "Lederne skifter ofte", "Tonen er hård"]
"#;

    #[test]
    fn the_centre_comes_first_and_every_note_says_which_way_it_pulls() {
        let f = draw(MAP, "figur-1").unwrap();
        let centre = f.html.find("theme-map__centre ").unwrap();
        assert!(centre < f.html.find("theme-map__note").unwrap());
        assert_eq!(f.html.matches("<p class=\"theme-map__note theme-map__note--good\"").count(), 1);
        assert_eq!(f.html.matches("<p class=\"theme-map__note theme-map__note--bad\"").count(), 3);
        assert_eq!(f.html.matches("<span class=\"visually-hidden\">Trækker i en dårlig retning: </span>").count(), 3);
        assert!(f.html.contains("theme-map__centre--span-1"), "four notes fit round a centre of one row");
        assert!(f.text.starts_with("Et temakort. Kommunikation og feedback. Trækker i en god retning. Et godt"));
    }

    #[test]
    fn thirteen_notes_stand_round_a_centre_four_rows_high() {
        let many =
            MAP.replace("\"Tonen er hård\"]", "\"a\", \"b\", \"c\", \"d\", \"e\", \"f\", \"g\", \"h\", \"i\", \"j\"]");
        assert!(draw(&many, "f").unwrap().html.contains("theme-map__centre--span-4"));
    }

    #[test]
    fn a_map_without_notes_or_centre_is_an_error() {
        let e = draw("type = \"theme-map\"\ntitle = \"x\"\ncentre = \"y\"\n", "f").unwrap_err();
        assert!(e.message.contains("ingen sedler"), "{e:?}");
        let e = draw("type = \"theme-map\"\ntitle = \"x\"\ngood = [\"a\"]\n", "f").unwrap_err();
        assert!(e.message.contains("`centre` mangler"), "{e:?}");
    }
}
