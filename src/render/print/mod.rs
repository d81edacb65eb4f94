//! Print: what a TRIO takes into a meeting on paper. Facilitator sheets, statement-card sheets,
//! question sheets, the annual wheel (a month grid, and a poster on A4 or A3), the agenda of each
//! meeting, the narrative's template and a notes sheet, as pages without the site's chrome, the
//! deck builder, and the print corner that lists them all. Which sheets there
//! are is the model's ([`crate::model::printables`]); printing them to PDF is [`crate::pdf`]'s.
//!
//! Not the place for printing an ordinary page: `css/print.css` does that for every page.
//! - [`cards`]: statement cards laid out on sheets, fronts and backs;
//! - [`calibration`]: the drawing of the duplex calibration sheet;
//! - [`sheets`]: one sheet per printable page;
//! - [`corner`]: the print corner, the deck builder and the sheets' named pages.

pub mod calibration;
pub mod cards;
pub mod corner;
pub mod sheets;

use rayon::prelude::*;

use crate::content::Kind;
use crate::diagnostics::Diagnostic;
use crate::model::printables::{Printable, printables};
use crate::model::urls::SheetKind;
use crate::model::{PageId, Site};
use crate::output::RenderedFile;
use crate::render::engine::Renderer;

/// Renders the sheets that show the body of a page in `changed` (its own sheet, the sheet of a
/// tool that prints its questions), the print corner (which counts cards and steps) and, when a
/// deck changed, the deck builder.
pub fn render_print_pages_showing(r: &Renderer, changed: &[PageId]) -> Vec<Result<RenderedFile, Diagnostic>> {
    let site = r.site;
    let all = printables(site);
    let shows_changed = |p: &Printable| {
        p.page.is_some_and(|page| {
            changed.contains(&page)
                || (p.kind == SheetKind::Tool
                    && Site::listed(&site.questions_by_tool, page).iter().any(|q| changed.contains(q)))
        })
    };
    let mut out: Vec<Result<RenderedFile, Diagnostic>> =
        all.par_iter().filter(|p| shows_changed(p)).map(|p| sheets::render_sheet(r, p)).collect();
    out.push(corner::render_corner(r, &all));
    if changed.iter().any(|&i| site.pages[i].kind() == Kind::Deck) {
        out.push(corner::render_builder(r));
    }
    out
}

/// Renders the print corner, every sheet, the deck builder and the stylesheet of named pages.
pub fn render_print_pages(r: &Renderer) -> Vec<Result<RenderedFile, Diagnostic>> {
    let all = printables(r.site);
    let mut out: Vec<Result<RenderedFile, Diagnostic>> = all.par_iter().map(|p| sheets::render_sheet(r, p)).collect();
    out.push(corner::render_corner(r, &all));
    out.push(corner::render_builder(r));
    out.push(corner::render_page_styles(r, &all));
    out
}
