//! `triobog build --pdf`: prints every printable page to a PDF beside it (and the handbook as
//! one book), for intranets (SharePoint) that hold PDFs but will not show HTML files.
//!
//! The PDFs come from exactly the pages a browser prints: one headless Chromium ([`chromium`])
//! is driven over the DevTools protocol ([`cdp`]), several tabs at a time ([`jobs`]); the book
//! takes two prints ([`book`]). Not needed by a plain build.

pub mod book;
pub mod cdp;
pub mod chromium;
pub mod jobs;

use std::path::Path;
use std::time::Duration;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::model::printables::Printable;
use crate::pdf::cdp::Connection;
use crate::pdf::chromium::Browser;
use crate::pdf::jobs::{PrintJob, print_all};

pub use chromium::find_chromium;

/// Tabs printing at once: enough to keep every core busy while pages load.
pub fn default_tabs() -> usize {
    std::thread::available_parallelism().map_or(2, |n| n.get() * 2).clamp(2, 8)
}

/// The handbook as one book: its page (`print/haandbogen/index.html`) and the PDF it becomes.
pub struct Book {
    /// The book page, relative to the site.
    pub html: String,
    /// The book PDF, relative to the site.
    pub pdf: String,
}

/// Prints each of `pages` from the site in `site_dir` to its PDF, and the `book` in two passes,
/// with one Chromium, `tabs` pages at a time, calling `progress(done, total, name)` after each
/// PDF. Every failure is reported, naming its page; any failure fails the whole run. Returns
/// how many PDFs were written, and a warning if the book's contents may be a page off.
pub fn print_pdfs(
    chromium: &Path,
    site_dir: &Path,
    pages: &[Printable],
    book: Option<&Book>,
    tabs: usize,
    progress: &mut dyn FnMut(usize, usize, &str),
) -> Result<(usize, Option<Diagnostic>), Diagnostics> {
    let whole = |e: String| {
        Diagnostics(vec![
            Diagnostic::file("--pdf", format!("PDF'erne kunne ikke laves: {e}"))
                .with_hint("prøv igen; virker det ikke, så byg uden --pdf og print siderne fra browseren"),
        ])
    };
    let mut jobs: Vec<PrintJob> = pages
        .iter()
        .map(|p| PrintJob {
            html: site_dir.join(&p.html),
            pdf: site_dir.join(&p.pdf),
            name: p.title.clone(),
            before_print: None,
        })
        .collect();
    let first_pass = site_dir.join("print/.haandbogen-forste-tryk.pdf");
    if let Some(book) = book {
        jobs.push(PrintJob {
            html: site_dir.join(&book.html),
            pdf: first_pass.clone(),
            name: String::new(),
            before_print: Some(book::FIRST_PASS.into()),
        });
    }
    let total = pages.len() + usize::from(book.is_some());
    let browser = Browser::start(chromium).map_err(whole)?;
    let mut conn = Connection::open(&browser.endpoint).map_err(whole)?;
    let mut count = 0;
    let mut report = |_: usize, _: usize, name: &str| {
        if !name.is_empty() {
            count += 1;
            progress(count, total, name);
        }
    };
    let failed = print_all(&mut conn, &jobs, tabs, &mut report).map_err(whole)?;
    if !failed.is_empty() {
        return Err(failures(&failed, pages, book));
    }
    let warning = match book {
        Some(book) => {
            let warning = print_book(&mut conn, site_dir, book, &first_pass).map_err(whole)?;
            progress(total, total, "Hele håndbogen");
            warning
        }
        None => None,
    };
    let _ = std::fs::remove_file(&first_pass);
    let _ = conn.call("Browser.close", serde_json::json!({}), None, Duration::from_secs(5));
    Ok((total, warning))
}

/// The book's second print, from the first: page numbers in the contents, a blank page before
/// each part that would start on a left-hand page. A warning when the result is not as planned.
fn print_book(
    conn: &mut Connection,
    site_dir: &Path,
    book: &Book,
    first_pass: &Path,
) -> Result<Option<Diagnostic>, String> {
    let first = book::named_pages(&std::fs::read(first_pass).map_err(|e| e.to_string())?)?;
    let parts = book::parts_of(&book::book_html(site_dir, &book.html));
    let layout = book::layout(&first, &parts);
    let pdf = site_dir.join(&book.pdf);
    let job = PrintJob {
        html: site_dir.join(&book.html),
        pdf: pdf.clone(),
        name: "Hele håndbogen".into(),
        before_print: Some(book::fill_in(&layout)),
    };
    let failed = print_all(conn, std::slice::from_ref(&job), 1, &mut |_, _, _| {})?;
    if let Some((_, error)) = failed.first() {
        return Err(format!("bogen ({}) kunne ikke printes: {error}", book.html));
    }
    let printed = book::named_pages(&std::fs::read(&pdf).map_err(|e| e.to_string())?)?;
    Ok((!book::is_right(&printed, &layout, &parts)).then(|| {
        Diagnostic::file(&book.pdf, "sidetallene i bogens indholdsfortegnelse passer måske ikke helt")
            .with_hint("byg igen med --pdf; sker det igen, så skriv til dem, der vedligeholder triobog")
            .warning()
    }))
}

/// The failed pages as diagnostics, each naming its page.
fn failures(failed: &[(usize, String)], pages: &[Printable], book: Option<&Book>) -> Diagnostics {
    Diagnostics(
        failed
            .iter()
            .map(|(job, error)| {
                let (html, pdf) = match pages.get(*job) {
                    Some(p) => (p.html.as_str(), p.pdf.as_str()),
                    None => book.map_or(("", ""), |b| (b.html.as_str(), b.pdf.as_str())),
                };
                Diagnostic::file(html, format!("PDF'en {pdf} kunne ikke laves: {error}"))
                    .with_hint("prøv igen; virker det ikke, så byg uden --pdf og print siden fra browseren")
            })
            .collect(),
    )
}
