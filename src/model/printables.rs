//! Which printable sheets the site has, and where each goes: a facilitator sheet per tool, card
//! sheets per deck, a sheet per question set, the annual wheel (as a month grid and as a poster
//! in A4 and A3) and its agendas, the templates every TRIO can use (the work-environment
//! narrative and a notes sheet), and the calibration sheet for duplex printers. Rendering them is `render::print`'s job, printing them to PDF
//! `pdf`'s; both read this list.

use serde::Serialize;

use crate::content::{Kind, KindData, month_name};
use crate::model::ids::PageId;
use crate::model::site::Site;
use crate::model::urls::{Paper, SheetKind, agenda_sheet_paths, poster_paths, sheet_paths};

/// A printable page and the PDF that `build --pdf` makes from it.
#[derive(Debug, Clone, Serialize)]
pub struct Printable {
    /// The content page it is made from; `None` for a template that belongs to no page.
    #[serde(skip)]
    pub page: Option<PageId>,
    /// What it holds.
    pub kind: SheetKind,
    /// Its title, as the print corner and the PDF show it.
    pub title: String,
    /// Root-relative path of the sheet's HTML file: `print/vaerktoejer/<slug>/index.html`.
    pub html: String,
    /// Root-relative path of its PDF, beside the HTML, named so it stands alone on SharePoint.
    pub pdf: String,
    /// The month of a month's agenda (1 = januar); `None` for every other sheet.
    pub month: Option<u32>,
    /// The paper it is made for.
    pub paper: Paper,
}

impl Printable {
    /// The sheet of kind `kind` made from page `page`.
    pub fn new(site: &Site, page: PageId, kind: SheetKind) -> Printable {
        let p = &site.pages[page];
        let (html, pdf) = sheet_paths(kind, &p.slug);
        Printable { page: Some(page), kind, title: p.title.clone(), html, pdf, month: None, paper: Paper::A4 }
    }

    /// The annual wheel on page `page` as a poster on `paper`.
    fn poster(page: PageId, paper: Paper) -> Printable {
        let (html, pdf) = poster_paths(paper);
        let title = format!("Årshjulet som plakat ({})", paper.label());
        Printable { page: Some(page), kind: SheetKind::Poster, title, html, pdf, month: None, paper }
    }

    /// A sheet that belongs to no page: the narrative's template, the notes sheet or the
    /// calibration sheet.
    fn template(kind: SheetKind, title: &str, paper: Paper) -> Printable {
        let (html, pdf) = sheet_paths(kind, "");
        Printable { page: None, kind, title: title.to_string(), html, pdf, month: None, paper }
    }

    /// The agenda sheet of the wheel on page `page`: the standing agenda, or `month`'s.
    fn agenda(page: PageId, month: Option<u32>) -> Printable {
        let (html, pdf) = agenda_sheet_paths(month);
        let title = match month.map(month_name) {
            Some(name) => format!("Dagsorden for TRIO-mødet i {name}"),
            None => "Dagsorden for TRIO-mødet".to_string(),
        };
        Printable { page: Some(page), kind: SheetKind::Agenda, title, html, pdf, month, paper: Paper::A4 }
    }
}

/// The agenda sheets of the wheel on page `page`: the standing agenda when it has points, then
/// one for each month with a meeting.
fn agenda_sheets(site: &Site, page: PageId) -> Vec<Printable> {
    let KindData::Page { wheel: Some(w) } = &site.pages[page].data else { return Vec::new() };
    let standing = (!w.agenda.is_empty()).then(|| Printable::agenda(page, None));
    standing.into_iter().chain(w.months.iter().map(|m| Printable::agenda(page, Some(m.month)))).collect()
}

/// The calibration sheet's title, as the print corner and the sheet show it.
pub const CALIBRATION_TITLE: &str = "Kalibreringsark til tosidet print";

/// The most pages a site may have for the whole handbook to be made as one book: beyond it, a
/// book would be thousands of pages that no one prints, and its page alone a hundred megabytes.
pub const BOOK_MAX_PAGES: usize = 1000;

/// Whether the site is made as one book too (`print/haandbogen/`, and its PDF with `--pdf`):
/// when it prints, and has at most [`BOOK_MAX_PAGES`] pages.
pub fn has_book(site: &Site) -> bool {
    site.config.print.enabled && site.pages.len() <= BOOK_MAX_PAGES
}

/// Every printable page of the site, in the print corner's order: tools, decks, question sets,
/// the annual wheel, its posters and its agendas, then the templates for the meeting and the
/// calibration sheet (when the site has decks to print). Empty when print is switched off in
/// `site.toml`.
pub fn printables(site: &Site) -> Vec<Printable> {
    if !site.config.print.enabled {
        return Vec::new();
    }
    let mut out = Vec::new();
    for (kind, sheet) in
        [(Kind::Tool, SheetKind::Tool), (Kind::Deck, SheetKind::Deck), (Kind::Questions, SheetKind::Questions)]
    {
        out.extend(site.pages_of(kind).into_iter().map(|i| Printable::new(site, i, sheet)));
    }
    if let Some(w) = site.wheel_page() {
        out.push(Printable::new(site, w, SheetKind::Wheel));
        out.extend(wheel_posters(w));
        out.extend(agenda_sheets(site, w));
    }
    out.push(Printable::template(SheetKind::Narrative, "Skabelon til arbejdsmiljøfortællingen", Paper::A4Landscape));
    out.push(Printable::template(SheetKind::Notes, "Egne noter", Paper::A4));
    if !site.pages_of(Kind::Deck).is_empty() {
        out.push(Printable::template(SheetKind::Calibration, CALIBRATION_TITLE, Paper::A4));
    }
    out
}

/// The annual wheel on page `page` as a poster: on A4, then on A3.
fn wheel_posters(page: PageId) -> [Printable; 2] {
    [Printable::poster(page, Paper::A4), Printable::poster(page, Paper::A3)]
}

/// The posters of the site's wheel, for the links on the wheel page; empty when print is
/// switched off.
pub fn wheel_poster_sheets(site: &Site) -> Vec<Printable> {
    match site.wheel_page() {
        Some(w) if site.config.print.enabled => wheel_posters(w).into(),
        _ => Vec::new(),
    }
}

/// The agenda sheets of the site's wheel, for the links on the wheel page; empty when print is
/// switched off.
pub fn wheel_agenda_sheets(site: &Site) -> Vec<Printable> {
    match site.wheel_page() {
        Some(w) if site.config.print.enabled => agenda_sheets(site, w),
        _ => Vec::new(),
    }
}

/// The sheet made from page `i`, if it has one: the target of the page's print button.
pub fn sheet_for(site: &Site, i: PageId) -> Option<Printable> {
    if !site.config.print.enabled || site.pages[i].is_section {
        return None;
    }
    let kind = match &site.pages[i].data {
        KindData::Tool(_) => SheetKind::Tool,
        KindData::Deck(_) => SheetKind::Deck,
        KindData::Questions(_) => SheetKind::Questions,
        KindData::Page { wheel: Some(_) } if site.wheel_page() == Some(i) => SheetKind::Wheel,
        _ => return None,
    };
    Some(Printable::new(site, i, kind))
}
