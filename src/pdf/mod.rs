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
use std::thread::JoinHandle;
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

/// Chromium starting, and its DevTools connection opening, on a thread of their own: started
/// before the site is built, its start-up (a few hundred milliseconds) overlaps the build.
pub struct Launch(Option<JoinHandle<Result<(Browser, Connection), String>>>);

impl Launch {
    /// Starts `chromium` in the background.
    pub fn start(chromium: &Path) -> Launch {
        let chromium = chromium.to_path_buf();
        Launch(Some(std::thread::spawn(move || {
            let browser = Browser::start(&chromium)?;
            let conn = Connection::open(&browser.endpoint)?;
            Ok((browser, conn))
        })))
    }

    /// Waits until Chromium is ready to print.
    fn ready(mut self) -> Result<(Browser, Connection), String> {
        match self.0.take().map(JoinHandle::join) {
            Some(Ok(started)) => started,
            _ => Err("Chromium kunne ikke startes".into()),
        }
    }
}

impl Drop for Launch {
    /// A build that fails before it prints still waits for its Chromium, which the dropped
    /// `Browser` then stops: else Chromium would outlive triobog.
    fn drop(&mut self) {
        if let Some(handle) = self.0.take() {
            let _ = handle.join();
        }
    }
}

/// Prints each of `pages` from the site in `site_dir` to its PDF, and the `book` in two passes,
/// with the Chromium of `launch`, `tabs` pages at a time, calling `progress(done, total, name)` after each
/// PDF. The book's first pass goes first and its second follows it at once, while the other
/// tabs print the sheets. Every failure is reported, naming its page; any failure fails the
/// whole run. Returns how many PDFs were written, and a warning if the book's contents may be
/// a page off.
pub fn print_pdfs(
    launch: Launch,
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
    let first_pass = site_dir.join("print/.haandbogen-forste-tryk.pdf");
    let mut jobs: Vec<PrintJob> = Vec::new();
    if let Some(book) = book {
        let html = site_dir.join(&book.html);
        jobs.push(PrintJob {
            html,
            pdf: first_pass.clone(),
            name: String::new(),
            before_print: Some(book::FIRST_PASS.into()),
            draft: true,
        });
    }
    jobs.extend(pages.iter().map(|p| PrintJob {
        html: site_dir.join(&p.html),
        pdf: site_dir.join(&p.pdf),
        name: p.title.clone(),
        before_print: None,
        draft: false,
    }));
    let total = pages.len() + usize::from(book.is_some());
    // Chromium stops when `_browser` goes, at the end.
    let (_browser, mut conn) = launch.ready().map_err(whole)?;
    let mut count = 0;
    let mut report = |_: usize, _: usize, name: &str| {
        if !name.is_empty() {
            count += 1;
            progress(count, total, name);
        }
    };
    // The book's plan, from its first pass, to check its second against.
    let mut plan: Option<(book::Layout, Vec<String>)> = None;
    let mut follow_up = |job: &PrintJob| -> Result<Option<PrintJob>, String> {
        let Some(book) = book.filter(|_| job.pdf == first_pass) else { return Ok(None) };
        let first = book::named_pages(&std::fs::read(&first_pass).map_err(|e| e.to_string())?)?;
        let parts = book::parts_of(&book::book_html(site_dir, &book.html));
        let layout = book::layout(&first, &parts);
        let script = book::fill_in(&layout);
        plan = Some((layout, parts));
        let html = site_dir.join(&book.html);
        Ok(Some(PrintJob {
            html,
            pdf: site_dir.join(&book.pdf),
            name: "Hele håndbogen".into(),
            before_print: Some(script),
            draft: false,
        }))
    };
    let failed = print_all(&mut conn, jobs, tabs, &mut report, &mut follow_up).map_err(whole)?;
    let _ = std::fs::remove_file(&first_pass);
    let _ = conn.call("Browser.close", serde_json::json!({}), None, Duration::from_secs(5));
    if !failed.is_empty() {
        return Err(failures(&failed, pages, book));
    }
    let warning = match (book, plan) {
        (Some(book), Some((layout, parts))) => book_warning(site_dir, book, &layout, &parts),
        _ => None,
    };
    Ok((total, warning))
}

/// A warning when the printed book is not as its plan: parts on right-hand pages, the contents'
/// numbers right.
fn book_warning(site_dir: &Path, book: &Book, layout: &book::Layout, parts: &[String]) -> Option<Diagnostic> {
    let printed = std::fs::read(site_dir.join(&book.pdf)).ok().and_then(|b| book::named_pages(&b).ok());
    let right = printed.is_some_and(|printed| book::is_right(&printed, layout, parts));
    (!right).then(|| {
        Diagnostic::file(&book.pdf, "sidetallene i bogens indholdsfortegnelse passer måske ikke helt")
            .with_hint("byg igen med --pdf; sker det igen, så skriv til dem, der vedligeholder triobog")
            .warning()
    })
}

/// The failed pages as diagnostics, each naming its page.
fn failures(failed: &[(usize, String)], pages: &[Printable], book: Option<&Book>) -> Diagnostics {
    Diagnostics(
        failed
            .iter()
            .map(|(job, error)| {
                // The book's first pass is job 0 and its second the last; the sheets lie between.
                let sheet = job.checked_sub(usize::from(book.is_some())).and_then(|i| pages.get(i));
                let (html, pdf) = match sheet {
                    Some(p) => (p.html.as_str(), p.pdf.as_str()),
                    None => book.map_or(("", ""), |b| (b.html.as_str(), b.pdf.as_str())),
                };
                Diagnostic::file(html, format!("PDF'en {pdf} kunne ikke laves: {error}"))
                    .with_hint("prøv igen; virker det ikke, så byg uden --pdf og print siden fra browseren")
            })
            .collect(),
    )
}
