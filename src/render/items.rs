//! What pages and sheets show alike: a deck's cards, a set's questions, a tool's step times,
//! the annual wheel. The page, the present page and the print sheet of a deck build their cards
//! here, so a card reads the same wherever it is shown.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::content::model::{Month, Wheel};
use crate::content::{Page, month_name};
use crate::markdown::Item;
use crate::model::Site;
use crate::model::printables::{wheel_agenda_sheets, wheel_poster_sheets};
use crate::render::wheel_svg::{WheelDrawing, wheel_drawing};

/// The colour class of a deck made in the deck builder.
pub const BUILDER_DECK_CLASS: &str = "deck--egne";

/// A statement card of a deck.
#[derive(Serialize, Clone)]
pub struct Card {
    /// The card's anchor and stable name.
    pub id: String,
    /// Its place in the deck, from 1.
    pub number: usize,
    /// The statement as HTML.
    pub html: String,
    /// The statement as plain text.
    pub text: String,
    /// A finish-the-sentence card (ends in "…").
    pub unfinished: bool,
}

/// A question of a question set, with the heading it stands under.
#[derive(Serialize, Clone)]
pub struct Question {
    /// The question's anchor and stable name.
    pub id: String,
    /// Its place in the set, from 1.
    pub number: usize,
    /// The question as HTML.
    pub html: String,
    /// The question as plain text.
    pub text: String,
    /// The heading it stands under, if any.
    pub group: Option<String>,
}

/// The annual wheel as its page and print sheet show it: all twelve months, with or without a
/// meeting.
#[derive(Serialize)]
pub struct WheelContext {
    /// The standing agenda's points.
    pub agenda: Vec<String>,
    /// All twelve months, januar first.
    pub months: Vec<WheelMonth>,
    /// Root-relative path of the standing agenda's sheet, when the site prints.
    pub agenda_sheet: Option<String>,
    /// Root-relative path of the wheel's iCalendar file.
    pub calendar: Option<String>,
    /// The year the calendar file is made for.
    pub year: i32,
    /// The wheel drawn as a wheel.
    pub drawing: WheelDrawing,
    /// The wheel's posters, A4 first, when the site prints.
    pub posters: Vec<PosterLink>,
}

/// A poster of the wheel, as the wheel page links it.
#[derive(Serialize)]
pub struct PosterLink {
    /// Its paper, as the button names it ("A4", "A3").
    pub paper: &'static str,
    /// Root-relative path of the poster's sheet.
    pub sheet: String,
}

/// What a month without a meeting says, in the wheel and in the month grid.
pub const FREE_MONTH: &str = "Intet møde";

/// A month of the wheel.
#[derive(Serialize)]
pub struct WheelMonth {
    /// 1 = januar.
    pub number: u32,
    /// Its Danish name.
    pub name: &'static str,
    /// The meeting's topic, when the month has one.
    pub topic: Option<String>,
    /// Points under the topic.
    pub items: Vec<String>,
    /// Root-relative path of the month's agenda sheet, when it has a meeting and the site prints.
    pub agenda_sheet: Option<String>,
}

/// Card number `n` (from 0) of a deck, from its list item.
pub fn card(n: usize, it: &Item, resolve: &dyn Fn(&str) -> String) -> Card {
    let t = it.text.trim_end();
    Card {
        id: it.id.clone(),
        number: n + 1,
        html: resolve(strip_paragraph(&it.html)),
        text: it.text.clone(),
        unfinished: t.ends_with('…') || t.ends_with("..."),
    }
}

/// Every card of a deck page.
pub fn cards(page: &Page, resolve: &dyn Fn(&str) -> String) -> Vec<Card> {
    page.markdown.items.iter().enumerate().map(|(n, it)| card(n, it, resolve)).collect()
}

/// The questions of a question set.
pub fn questions(page: &Page, resolve: &dyn Fn(&str) -> String) -> Vec<Question> {
    page.markdown
        .items
        .iter()
        .enumerate()
        .map(|(n, it)| Question {
            id: it.id.clone(),
            number: n + 1,
            html: resolve(strip_paragraph(&it.html)),
            text: it.text.clone(),
            group: it.heading.clone(),
        })
        .collect()
}

/// Loose list items come wrapped in `<p>`; cards and questions read better without.
pub fn strip_paragraph(html: &str) -> &str {
    let t = html.trim();
    match t.strip_prefix("<p>").and_then(|s| s.strip_suffix("</p>")) {
        Some(inner) if !inner.contains("<p>") => inner,
        _ => t,
    }
}

/// The minutes of a step that says "(15 min.)" or "(ca. 15 min)".
pub fn minutes_in(text: &str) -> Option<u32> {
    let pos = text.find("min")?;
    let before = &text[..pos];
    let digits: String = before
        .trim_end()
        .chars()
        .rev()
        .take_while(char::is_ascii_digit)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    digits.parse().ok()
}

/// The annual wheel: all twelve months, with or without a meeting, and where its agenda sheets
/// and calendar file are.
pub fn wheel_context(site: &Site, w: &Wheel) -> WheelContext {
    let by_month: BTreeMap<u32, &Month> = w.months.iter().map(|m| (m.month, m)).collect();
    let sheets = wheel_agenda_sheets(site);
    let sheet_of = |month: Option<u32>| sheets.iter().find(|p| p.month == month).map(|p| p.html.clone());
    let mut topics: [Option<&str>; 12] = [None; 12];
    for (n, m) in &by_month {
        topics[(*n as usize).clamp(1, 12) - 1] = Some(m.topic.as_str());
    }
    WheelContext {
        agenda: w.agenda.clone(),
        months: (1..=12u32)
            .map(|n| WheelMonth {
                number: n,
                name: month_name(n),
                topic: by_month.get(&n).map(|m| m.topic.clone()),
                items: by_month.get(&n).map(|m| m.items.clone()).unwrap_or_default(),
                agenda_sheet: sheet_of(Some(n)),
            })
            .collect(),
        agenda_sheet: sheet_of(None),
        calendar: site.wheel_calendar_path(),
        year: site.config.calendar_year,
        drawing: wheel_drawing(&topics, FREE_MONTH),
        posters: wheel_poster_sheets(site)
            .into_iter()
            .map(|p| PosterLink { paper: p.paper.label(), sheet: p.html })
            .collect(),
    }
}

/// `text` as a quoted CSS string, with everything outside printable ASCII escaped so that the
/// stylesheet reads the same in any encoding.
pub fn css_string(text: &str) -> String {
    let mut out = String::from("\"");
    for ch in text.chars() {
        if ch.is_ascii_graphic() && ch != '"' && ch != '\\' || ch == ' ' {
            out.push(ch);
        } else {
            out.push_str(&format!("\\{:x} ", ch as u32));
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn css_strings_escape_quotes_and_non_ascii() {
        assert_eq!(css_string("Kommune · \"TRIO\""), "\"Kommune \\b7  \\22 TRIO\\22 \"");
        assert_eq!(css_string("håndbog"), "\"h\\e5 ndbog\"");
    }

    #[test]
    fn step_minutes_are_read_from_text() {
        assert_eq!(minutes_in("Velkomst (15 min.) Facilitator byder velkommen"), Some(15));
        assert_eq!(minutes_in("Ingen tid her"), None);
    }
}
