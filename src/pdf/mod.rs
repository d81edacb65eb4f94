//! `triobog build --pdf`: prints every printable page to a PDF beside it (and the handbook as
//! one book), for intranets (SharePoint) that hold PDFs but will not show HTML files.
//!
//! The PDFs come from exactly the pages a browser prints: one headless Chromium ([`chromium`])
//! is driven over the DevTools protocol ([`cdp`]), several tabs at a time ([`jobs`]). Not
//! needed by a plain build.

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

/// Prints each of `pages` from the site in `site_dir` to its PDF with one Chromium, `tabs`
/// pages at a time, calling `progress(done, total, name)` after each. Every failure is reported,
/// naming its page; any failure fails the whole run.
pub fn print_pdfs(
    chromium: &Path,
    site_dir: &Path,
    pages: &[Printable],
    tabs: usize,
    progress: &mut dyn FnMut(usize, usize, &str),
) -> Result<usize, Diagnostics> {
    let jobs: Vec<PrintJob> = pages
        .iter()
        .map(|p| PrintJob {
            html: site_dir.join(&p.html),
            pdf: site_dir.join(&p.pdf),
            name: p.title.clone(),
            before_print: None,
        })
        .collect();
    let whole = |e: String| {
        Diagnostics(vec![
            Diagnostic::file("--pdf", format!("PDF'erne kunne ikke laves: {e}"))
                .with_hint("prøv igen; virker det ikke, så byg uden --pdf og print siderne fra browseren"),
        ])
    };
    let browser = Browser::start(chromium).map_err(whole)?;
    let mut conn = Connection::open(&browser.endpoint).map_err(whole)?;
    let failed = print_all(&mut conn, &jobs, tabs, progress).map_err(whole)?;
    let _ = conn.call("Browser.close", serde_json::json!({}), None, Duration::from_secs(5));
    if failed.is_empty() {
        return Ok(jobs.len());
    }
    Err(Diagnostics(
        failed
            .into_iter()
            .map(|(job, error)| {
                Diagnostic::file(&pages[job].html, format!("PDF'en {} kunne ikke laves: {error}", pages[job].pdf))
                    .with_hint("prøv igen; virker det ikke, så byg uden --pdf og print siden fra browseren")
            })
            .collect(),
    ))
}
