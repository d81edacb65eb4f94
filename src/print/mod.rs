//! Print: what a TRIO takes into a meeting on paper. Facilitator sheets, statement-card sheets,
//! question sheets, the annual wheel and the agenda of each meeting as A4 pages without the
//! site's chrome, the deck builder, and the print corner that lists them all; `pdf` prints the
//! same pages to PDF files.
//!
//! Not the place for printing an ordinary page: `css/print.css` does that for every page.

pub mod pdf;
mod sheets;

use rayon::prelude::*;
use serde::Serialize;

use crate::content::{Kind, KindData};
use crate::diagnostics::Diagnostic;
use crate::render::{RenderedFile, Renderer};
use crate::resolve::Site;

pub use sheets::{BUILDER_DECK_CLASS, CARDS_PER_SHEET, COLUMNS};

/// The print corner's address in the output.
pub const CORNER_PATH: &str = "print/index.html";
/// The deck builder's address in the output.
pub const BUILDER_PATH: &str = "print/kortbygger/index.html";

/// What a printable page holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum SheetKind {
    /// A tool's facilitator sheet.
    Tool,
    /// A deck's card sheets, fronts and backs.
    Deck,
    /// A question set with room to write.
    Questions,
    /// The annual wheel of TRIO meetings.
    Wheel,
    /// The agenda of a TRIO meeting: the standing one, or one month's with its topics.
    Agenda,
}

impl SheetKind {
    /// The output folder under `print/`, and the start of the PDF's file name.
    fn folder_and_prefix(self) -> (&'static str, &'static str) {
        match self {
            SheetKind::Tool => ("vaerktoejer", "facilitatorark"),
            SheetKind::Deck => ("udsagnskort", "udsagnskort"),
            SheetKind::Questions => ("spoergsmaal", "spoergsmaal"),
            SheetKind::Wheel => ("aarshjul", "aarshjul"),
            SheetKind::Agenda => ("aarshjul/dagsorden", "dagsorden-trio-moede"),
        }
    }
}

/// A printable page and the PDF that `build --pdf` makes from it.
#[derive(Debug, Clone, Serialize)]
pub struct Printable {
    /// Index of the content page it is made from.
    #[serde(skip)]
    pub page: usize,
    pub kind: SheetKind,
    pub title: String,
    /// Root-relative path of the sheet's HTML file: `print/vaerktoejer/<slug>/index.html`.
    pub html: String,
    /// Root-relative path of its PDF, beside the HTML, named so it stands alone on SharePoint.
    pub pdf: String,
    /// The month of a month's agenda (1 = januar); `None` for every other sheet.
    pub month: Option<u32>,
}

impl Printable {
    fn new(site: &Site, page: usize, kind: SheetKind) -> Printable {
        let p = &site.pages[page];
        let (folder, prefix) = kind.folder_and_prefix();
        let dir =
            if kind == SheetKind::Wheel { format!("print/{folder}") } else { format!("print/{folder}/{}", p.slug) };
        let pdf_name =
            if kind == SheetKind::Wheel { format!("{prefix}.pdf") } else { format!("{prefix}-{}.pdf", p.slug) };
        Printable {
            page,
            kind,
            title: p.title.clone(),
            html: format!("{dir}/index.html"),
            pdf: format!("{dir}/{pdf_name}"),
            month: None,
        }
    }

    /// The agenda sheet of the wheel on page `page`: the standing agenda, or `month`'s.
    fn agenda(page: usize, month: Option<u32>) -> Printable {
        let (_, prefix) = SheetKind::Agenda.folder_and_prefix();
        let dir = agenda_sheet_dir(month);
        let (title, pdf) = match month.map(month_name) {
            Some(name) => (format!("Dagsorden for TRIO-mødet i {name}"), format!("{dir}{prefix}-{name}.pdf")),
            None => ("Dagsorden for TRIO-mødet".to_string(), format!("{dir}{prefix}.pdf")),
        };
        Printable { page, kind: SheetKind::Agenda, title, html: format!("{dir}index.html"), pdf, month }
    }
}

/// The Danish name of month `n` (1 = januar); also the last segment of its agenda sheet's URL.
fn month_name(n: u32) -> &'static str {
    crate::render::MONTHS[(n.clamp(1, 12) - 1) as usize]
}

/// The folder of an agenda sheet, relative to the output root, ending in `/`: the standing
/// agenda's (`print/aarshjul/dagsorden/`) or a month's (`print/aarshjul/dagsorden/marts/`).
pub fn agenda_sheet_dir(month: Option<u32>) -> String {
    let (folder, _) = SheetKind::Agenda.folder_and_prefix();
    match month {
        Some(n) => format!("print/{folder}/{}/", month_name(n)),
        None => format!("print/{folder}/"),
    }
}

/// The agenda sheets of the wheel on page `page`: the standing agenda when it has points, then
/// one for each month with a meeting.
fn agenda_sheets(site: &Site, page: usize) -> Vec<Printable> {
    let KindData::Page { wheel: Some(w) } = &site.pages[page].data else { return Vec::new() };
    let standing = (!w.agenda.is_empty()).then(|| Printable::agenda(page, None));
    standing.into_iter().chain(w.months.iter().map(|m| Printable::agenda(page, Some(m.month)))).collect()
}

/// Every printable page of the site, in the print corner's order: tools, decks, question sets,
/// the annual wheel and its agendas. Empty when print is switched off in `site.toml`.
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
        out.extend(agenda_sheets(site, w));
    }
    out
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
pub fn sheet_for(site: &Site, i: usize) -> Option<Printable> {
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

/// Renders the sheets that show the body of a page in `changed` (its own sheet, the sheet of a
/// tool that prints its questions), the print corner (which counts cards and steps) and, when a
/// deck changed, the deck builder.
pub(crate) fn render_print_pages_showing(r: &Renderer, changed: &[usize]) -> Vec<Result<RenderedFile, Diagnostic>> {
    let site = r.site;
    let all = printables(site);
    let shows_changed = |p: &Printable| {
        changed.contains(&p.page)
            || (p.kind == SheetKind::Tool
                && site.questions_by_tool.get(&p.page).is_some_and(|sets| sets.iter().any(|q| changed.contains(q))))
    };
    let mut out: Vec<Result<RenderedFile, Diagnostic>> =
        all.par_iter().filter(|p| shows_changed(p)).map(|p| sheets::render_sheet(r, p)).collect();
    out.push(sheets::render_corner(r, &all));
    if changed.iter().any(|&i| site.pages[i].kind() == Kind::Deck) {
        out.push(sheets::render_builder(r));
    }
    out
}

/// Renders the print corner, every sheet, the deck builder and the stylesheet of named pages.
pub(crate) fn render_print_pages(r: &Renderer) -> Vec<Result<RenderedFile, Diagnostic>> {
    let all = printables(r.site);
    let mut out: Vec<Result<RenderedFile, Diagnostic>> = all.par_iter().map(|p| sheets::render_sheet(r, p)).collect();
    out.push(sheets::render_corner(r, &all));
    out.push(sheets::render_builder(r));
    out.push(sheets::render_page_styles(r, &all));
    out
}
