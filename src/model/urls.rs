//! Every address in the output that is not a content page's own: the pages and files the engine
//! makes (the print corner, the deck builder, present pages, sheets, agenda sheets, the calendar,
//! the search page, taxonomy pages, …), in one place, so that whatever links to one of them and
//! whatever writes it agree. A content page's address is [`crate::content::Page::output_file`].

use crate::content::month_name;

/// Folders the engine makes itself, which content may link to as `@/print/`, `@/print/noter/`
/// and so on.
pub const GENERATED_PAGES: &[&str] =
    &["print", "temaer", "sektorer", "tilgaengelighed", "soeg", NOTES_DIR, NARRATIVE_DIR, CALIBRATION_DIR];

/// The print corner: everything printable in one place.
pub const CORNER_PATH: &str = "print/index.html";
/// The folder of the notes sheet: lines to write on under the handbook's header.
pub const NOTES_DIR: &str = "print/noter";
/// The folder of the work-environment narrative's template: the problem in the centre, what
/// surrounds it around it, to fill in by hand.
pub const NARRATIVE_DIR: &str = "print/arbejdsmiljoefortaelling";
/// The folder of the duplex calibration sheet: printed on both sides, it shows how far a
/// printer puts the back from the front.
pub const CALIBRATION_DIR: &str = "print/kalibrering";
/// The folder of the annual wheel as an A4 poster.
pub const POSTER_DIR: &str = "print/aarshjul/plakat";
/// The folder of the annual wheel as an A3 poster.
pub const POSTER_A3_DIR: &str = "print/aarshjul/plakat-a3";
/// The deck builder.
pub const BUILDER_PATH: &str = "print/kortbygger/index.html";
/// The deck builder's present page: its own deck on a shared screen.
pub const BUILDER_PRESENT_PATH: &str = "print/kortbygger/vis/index.html";
/// The deck builder opened on one deck's cards: the fragment `#v1;d=<slug>` of the builder's
/// link format (`js/deck-link.js` reads and writes it; `d` is the deck it was opened from).
pub fn builder_for_deck(slug: &str) -> String {
    format!("{BUILDER_PATH}#v1;d={slug}")
}

/// The calibration sheet's page.
pub fn calibration_sheet_path() -> String {
    format!("{CALIBRATION_DIR}/index.html")
}

/// The last URL segment of a deck's present page.
pub const PRESENT_SEGMENT: &str = "vis/";
/// The whole handbook as one page, to print or to make the book PDF from.
pub const BOOK_PATH: &str = "print/haandbogen/index.html";
/// The book's parts as CSS named pages, with their running footers.
pub const BOOK_PAGES_CSS_PATH: &str = "css/book-pages.css";
/// The search page; it reads its query from the URL (`?q=`).
pub const SEARCH_PATH: &str = "soeg/index.html";
/// The accessibility statement the engine writes when the content has none.
pub const ACCESSIBILITY_PATH: &str = "tilgaengelighed/index.html";
/// The page a web server shows for an address that does not exist.
pub const NOT_FOUND_PATH: &str = "404.html";
/// The sitemap for search engines of the intranet.
pub const SITEMAP_PATH: &str = "sitemap.xml";
/// What crawlers may read; the one in `static/` keeps them out, a public site's names the sitemap.
pub const ROBOTS_PATH: &str = "robots.txt";
/// IIS's configuration of the site's folder.
pub const WEB_CONFIG_PATH: &str = "web.config";
/// The municipality's colours and each deck's colour as CSS custom properties.
pub const VARS_CSS_PATH: &str = "css/vars.css";
/// One CSS named page per flowing print sheet, with its footer.
pub const SHEET_PAGES_CSS_PATH: &str = "css/sheet-pages.css";

/// The handbook as one PDF (`--pdf`): named after the site's title, so that it stands alone on
/// SharePoint (`print/trio-haandbogen.pdf`).
pub fn book_pdf_path(title: &str) -> String {
    let name = crate::slug::slugify(title);
    format!("print/{}.pdf", if name.is_empty() { "haandbogen" } else { &name })
}

/// The present page of the deck at `deck_url` (`udsagnskort/haard-tone/`).
pub fn present_path(deck_url: &str) -> String {
    format!("{deck_url}{PRESENT_SEGMENT}index.html")
}

/// The listing of a taxonomy (`temaer/index.html`).
pub fn taxonomy_path(taxonomy: &str) -> String {
    format!("{taxonomy}/index.html")
}

/// The page of one term of a taxonomy (`temaer/samarbejde/index.html`).
pub fn term_path(taxonomy: &str, term: &str) -> String {
    format!("{taxonomy}/{term}/index.html")
}

/// Where the calendar of the wheel on the page at `page_url` (`sygefravaer-og-aarshjul/aarshjul/`)
/// is written: beside the page, named after the year.
pub fn calendar_path(page_url: &str, year: i32) -> String {
    format!("{page_url}trio-moeder-{year}.ics")
}

/// The kinds of printable sheet, each with its folder under `print/`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
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
    /// The annual wheel drawn as a wheel, a poster for the wall (A4 or A3).
    Poster,
    /// The work-environment narrative's template, filled in by hand in the meeting.
    Narrative,
    /// Lines for the TRIO's own notes.
    Notes,
    /// The duplex calibration sheet: a cross on the front, a ruler on the back.
    Calibration,
}

/// The paper a sheet is made for; its CSS page size.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Paper {
    /// A4 portrait, the paper of every sheet unless it says otherwise.
    A4,
    /// A4 on its side.
    A4Landscape,
    /// A3 portrait, for a poster.
    A3,
}

impl Paper {
    /// The value of the CSS `size` property of a page of this paper.
    pub fn css_size(self) -> &'static str {
        match self {
            Paper::A4 => "A4",
            Paper::A4Landscape => "A4 landscape",
            Paper::A3 => "A3",
        }
    }

    /// Its name as the print corner shows it.
    pub fn label(self) -> &'static str {
        match self {
            Paper::A4 => "A4",
            Paper::A4Landscape => "A4 på den lange led",
            Paper::A3 => "A3",
        }
    }
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
            SheetKind::Poster => ("aarshjul/plakat", "aarshjul-plakat"),
            SheetKind::Narrative => ("arbejdsmiljoefortaelling", "skabelon-arbejdsmiljoefortaelling"),
            SheetKind::Notes => ("noter", "egne-noter"),
            SheetKind::Calibration => ("kalibrering", "kalibreringsark"),
        }
    }
}

/// The sheet of kind `kind` made from the page with `slug`: its HTML file and its PDF beside it,
/// named so that the PDF stands alone on SharePoint. The wheel, its poster, the narrative's
/// template, the notes sheet and the calibration sheet are one each, without a slug.
pub fn sheet_paths(kind: SheetKind, slug: &str) -> (String, String) {
    let (folder, prefix) = kind.folder_and_prefix();
    let (dir, pdf_name) = match kind {
        SheetKind::Wheel | SheetKind::Narrative | SheetKind::Notes | SheetKind::Calibration => {
            (format!("print/{folder}"), format!("{prefix}.pdf"))
        }
        _ => (format!("print/{folder}/{slug}"), format!("{prefix}-{slug}.pdf")),
    };
    (format!("{dir}/index.html"), format!("{dir}/{pdf_name}"))
}

/// The annual wheel's poster on `paper`: its HTML file and its PDF (`…/plakat/aarshjul-plakat-a4.pdf`).
pub fn poster_paths(paper: Paper) -> (String, String) {
    let (dir, size) = match paper {
        Paper::A3 => (POSTER_A3_DIR, "a3"),
        Paper::A4 | Paper::A4Landscape => (POSTER_DIR, "a4"),
    };
    let (_, prefix) = SheetKind::Poster.folder_and_prefix();
    (format!("{dir}/index.html"), format!("{dir}/{prefix}-{size}.pdf"))
}

/// The folder of an agenda sheet, ending in `/`: the standing agenda's
/// (`print/aarshjul/dagsorden/`) or a month's (`print/aarshjul/dagsorden/marts/`).
pub fn agenda_sheet_dir(month: Option<u32>) -> String {
    let (folder, _) = SheetKind::Agenda.folder_and_prefix();
    match month {
        Some(n) => format!("print/{folder}/{}/", month_name(n)),
        None => format!("print/{folder}/"),
    }
}

/// The agenda sheet of `month` (or the standing agenda): its HTML file and its PDF.
pub fn agenda_sheet_paths(month: Option<u32>) -> (String, String) {
    let (_, prefix) = SheetKind::Agenda.folder_and_prefix();
    let dir = agenda_sheet_dir(month);
    let pdf = match month {
        Some(n) => format!("{dir}{prefix}-{}.pdf", month_name(n)),
        None => format!("{dir}{prefix}.pdf"),
    };
    (format!("{dir}index.html"), pdf)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sheets_and_their_pdfs_sit_together_under_print() {
        assert_eq!(
            sheet_paths(SheetKind::Tool, "dilemmavaerksted"),
            (
                "print/vaerktoejer/dilemmavaerksted/index.html".to_string(),
                "print/vaerktoejer/dilemmavaerksted/facilitatorark-dilemmavaerksted.pdf".to_string()
            )
        );
        assert_eq!(sheet_paths(SheetKind::Wheel, "aarshjul").1, "print/aarshjul/aarshjul.pdf");
        assert_eq!(agenda_sheet_paths(Some(3)).1, "print/aarshjul/dagsorden/marts/dagsorden-trio-moede-marts.pdf");
        assert_eq!(agenda_sheet_paths(None).0, "print/aarshjul/dagsorden/index.html");
        assert_eq!(poster_paths(Paper::A3).1, "print/aarshjul/plakat-a3/aarshjul-plakat-a3.pdf");
        assert_eq!(poster_paths(Paper::A4).0, format!("{POSTER_DIR}/index.html"));
        assert_eq!(sheet_paths(SheetKind::Notes, "").0, format!("{NOTES_DIR}/index.html"));
        assert_eq!(
            sheet_paths(SheetKind::Narrative, "").1,
            format!("{NARRATIVE_DIR}/skabelon-arbejdsmiljoefortaelling.pdf")
        );
        assert_eq!(
            sheet_paths(SheetKind::Calibration, ""),
            (format!("{CALIBRATION_DIR}/index.html"), format!("{CALIBRATION_DIR}/kalibreringsark.pdf"))
        );
    }
}
