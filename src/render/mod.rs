//! Rendering: the resolved [`Site`] through the theme's Tera templates into HTML (and CSS)
//! files. Builds a context per page kind from the typed model, renders pages in parallel, and
//! makes every URL relative so the site works anywhere. Not the search index or the calendar:
//! they are stages of their own, which `pipeline` runs beside this one.
//! - [`engine`]: Tera, the base context, links, relative URLs;
//! - [`context`]: what templates get; [`items`]: cards, questions, the wheel, shared by all;
//! - [`pages`]: content pages; [`listings`]: taxonomies, search page, 404, sitemap;
//! - [`present`]: decks on a shared screen; [`print`]: the printable sheets; [`book`]: the
//!   whole handbook as one page, for the book PDF;
//! - [`wheel_svg`]: the annual wheel drawn as a wheel, for its page and its poster.

mod book;
mod context;
mod engine;
mod items;
mod listings;
mod pages;
mod present;
mod print;
mod wheel_svg;

use rayon::prelude::*;

use crate::diagnostics::Diagnostic;
use crate::model::printables::has_book;
use crate::model::{PageId, Site};
use crate::output::{FileSink, RenderedFile, deliver};
use crate::theme::Theme;

/// Renders every page, listing and special file (or, with `changed`, only those that show the
/// changed pages) into `sink`; returns how many files it made and every error on the way.
///
/// `changed` lists pages whose Markdown body changed, front matter and everything else as
/// before: then only the pages themselves, their sections, their present pages and their print
/// sheets are rendered. `serve` uses it to rebuild a large site in milliseconds.
pub fn render_site(
    site: &Site,
    theme: &Theme,
    changed: Option<&[PageId]>,
    sink: &dyn FileSink,
) -> (usize, Vec<Diagnostic>) {
    let r = engine::Renderer::new(site, theme);
    let pages: Vec<PageId> = match changed {
        None => site.pages.ids().collect(),
        Some(changed) => pages_showing(site, changed),
    };
    let mut files = pages.len();
    let mut errors: Vec<Diagnostic> =
        pages.into_par_iter().filter_map(|i| deliver(sink, pages::render_page(&r, i))).collect();
    let others = match changed {
        None => {
            let mut out = listings::render_listings(&r);
            out.extend(present::render_present_pages(&r));
            if site.config.print.enabled {
                out.extend(print::render_print_pages(&r));
            }
            if has_book(site) {
                out.push(book::render_book(&r));
                out.push(book::render_book_pages_css(&r));
            }
            out.push(Ok(listings::sitemap(&r)));
            out
        }
        Some(changed) => {
            let mut out = present::render_present_pages_showing(&r, changed);
            if site.config.print.enabled {
                out.extend(print::render_print_pages_showing(&r, changed));
            }
            // The book shows every page's text.
            if has_book(site) {
                out.push(book::render_book(&r));
            }
            out
        }
    };
    files += others.len();
    errors.extend(others.into_iter().filter_map(|result: Result<RenderedFile, Diagnostic>| deliver(sink, result)));
    (files, errors)
}

/// The pages that show the body of a page in `changed`: the page itself, and its section,
/// which lists its questions or counts its cards.
fn pages_showing(site: &Site, changed: &[PageId]) -> Vec<PageId> {
    let mut pages: Vec<PageId> = changed.iter().flat_map(|&i| std::iter::once(i).chain(site.parent[i])).collect();
    pages.sort_unstable();
    pages.dedup();
    pages
}
