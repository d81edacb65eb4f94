//! triobog: a static-site generator for a guidance handbook used in meetings.
//!
//! The pipeline, one module per stage, each using only those before it:
//! `config` (site.toml) → `markdown` → `content` (load, front matter, the typed pages) →
//! `model` (the site made whole, and every output address) → `render` (Tera: pages, listings,
//! present pages, print sheets), `search` (the index) and `calendar` (the wheel's iCalendar
//! file) → `output` (staging and the atomic swap) → `pdf` (Chromium prints the sheets).
//! `pipeline` runs them in order; `serve` and `new` are the editor's tools around it; `hosting`
//! writes the web servers' configuration and `zipfile` the zip of `build --zip`.
//! Shared leaves: `diagnostics`, `fold`, `slug`, `colour`, `theme`.
//!
//! This file holds the public entry points: [`build`] and [`check`].

// In the library a panic is a bug in our code only, and `expect` says why it cannot happen;
// tests unwrap freely.
#![cfg_attr(not(test), warn(clippy::unwrap_used))]

pub mod calendar;
pub mod colour;
pub mod config;
pub mod content;
pub mod diagnostics;
pub mod fold;
pub mod hosting;
pub mod markdown;
pub mod model;
pub mod new;
pub mod output;
pub mod pdf;
pub mod pipeline;
pub mod render;
pub mod search;
pub mod serve;
pub mod slug;
pub mod theme;
pub mod upstream;
pub mod zipfile;

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use crate::config::{Layers, load_site};
use crate::content::Kind;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::output::{Discard, Output};
use crate::pipeline::{Timings, guard_output_dir, prepare_into, write_all};

pub use crate::pipeline::{BuildOptions, PdfOptions};

/// What a successful build did, for the one-screen summary.
#[derive(Debug)]
pub struct BuildReport {
    /// How many pages of each kind.
    pub pages_by_kind: BTreeMap<Kind, usize>,
    /// How many files were written.
    pub files_written: usize,
    /// PDFs written by `--pdf`.
    pub pdfs_written: usize,
    /// How long the whole build took.
    pub elapsed: Duration,
    /// Where the site was written.
    pub output: PathBuf,
    /// Warnings that did not stop the build.
    pub warnings: Diagnostics,
    /// How long each stage took.
    pub timings: Timings,
    /// The zip of `--zip`: where it was written and how many files it holds, or why it was not.
    /// The site is built either way.
    pub zip: Option<Result<(PathBuf, usize), Diagnostic>>,
}

/// Builds the site into the output folder. On any error nothing is written and the previous
/// output stays as it was.
pub fn build(opts: &BuildOptions) -> Result<BuildReport, Diagnostics> {
    let start = Instant::now();
    // Find Chromium before any work, so a missing one fails fast and says how to install it.
    let chromium = match &opts.pdf {
        Some(pdf) => Some(pdf::find_chromium(pdf.chromium.as_deref()).map_err(|d| Diagnostics(vec![d]))?),
        None => None,
    };
    let out_dir = opts.output_dir();
    let io_error =
        |e: std::io::Error| Diagnostics(vec![Diagnostic::file(&out_dir, format!("kan ikke skrive output: {e}"))]);
    guard_output_dir(&opts.root, &out_dir)?;
    if let Some(zip) = &opts.zip {
        zipfile::check_zip_path(zip, &out_dir).map_err(|d| Diagnostics(vec![d]))?;
    }
    // Chromium starts while the site is built; it is ready by the time the site is.
    let launch = chromium.as_deref().map(pdf::Launch::start);
    // Pages are written to a staging folder as they are rendered; a failed build drops it.
    let output = Output::create(&out_dir).map_err(io_error)?;
    let mut prepared = prepare_into(opts, None, None, &output)?;
    let t = Instant::now();
    write_all(&output, &prepared).map_err(io_error)?;
    let files_written = prepared.rendered + prepared.static_files.len() + prepared.site.assets.len();
    // PDFs are printed from the staged site, so a failed run leaves the previous site untouched.
    let pdfs_written = match launch {
        Some(launch) => {
            let sheets = model::printables::printables(&prepared.site);
            let progress = opts.pdf.as_ref().and_then(|p| p.progress.as_ref());
            let mut report = |done: usize, total: usize, name: &str| {
                if let Some(progress) = progress {
                    progress(done, total, name);
                }
            };
            let title = &prepared.site.config.title;
            let book = model::printables::has_book(&prepared.site)
                .then(|| pdf::Book { html: model::urls::BOOK_PATH.into(), pdf: model::urls::book_pdf_path(title) });
            let (written, warning) =
                pdf::print_pdfs(launch, output.staging(), &sheets, book.as_ref(), pdf::default_tabs(), &mut report)?;
            prepared.diagnostics.extend(warning);
            written
        }
        None => 0,
    };
    // The zip holds the same build as the output folder; a zip that fails leaves the site built.
    let zip = opts.zip.as_ref().map(|path| zipfile::write_site_zip(output.staging(), path).map(|n| (path.clone(), n)));
    let written_to = output.commit().map_err(io_error)?;
    let mut timings = prepared.timings;
    timings.write = t.elapsed();
    let warnings = std::mem::take(&mut prepared.diagnostics);
    let report = BuildReport {
        pages_by_kind: prepared.pages_by_kind(),
        files_written,
        pdfs_written,
        elapsed: start.elapsed(),
        output: written_to,
        warnings,
        timings,
        zip,
    };
    // Freeing a large site's pages, HTML and text takes a core a good while (0.1–0.2 s at 10,000
    // pages) and nothing waits for it: the site is built.
    std::thread::spawn(move || drop(prepared));
    Ok(report)
}

/// The configuration of `server` for the site at `opts.root` (its `base_url`, or `opts.base_url`),
/// with the site's files in `dir` on the server: the output folder when `None`.
pub fn hosting_config(
    opts: &BuildOptions,
    server: hosting::Server,
    dir: Option<&std::path::Path>,
) -> Result<String, Diagnostics> {
    let (mut config, _) = load_site(&opts.root)?;
    if let Some(url) = &opts.base_url {
        config.base_url = url.clone();
    }
    let dir = dir.map_or_else(|| opts.output_dir(), std::path::Path::to_path_buf);
    let dir = std::path::absolute(&dir).unwrap_or(dir);
    let hosting = hosting::Hosting::new(&config, &dir).map_err(|d| Diagnostics(vec![d]))?;
    Ok(hosting::config_for(&hosting, server))
}

/// Validates everything a build would, without writing; returns every problem found.
///
/// Beyond what a build reports, `check` warns when `site.toml` names no accessibility
/// statement: a build of an example site stays quiet, an editor checking a site learns of it.
///
/// It also warns about placeholder text that `triobog new` wrote and an editor left in, in
/// every page that could be read, so that a case is not published with "Arbejdspladsens navn".
pub fn check(opts: &BuildOptions) -> Diagnostics {
    let mut diagnostics = match prepare_into(opts, None, None, &Discard) {
        Ok(p) => p.diagnostics,
        Err(ds) => ds,
    };
    if let Ok((config, layers)) = load_site(&opts.root) {
        diagnostics.extend(placeholder_warnings(opts, &layers));
        diagnostics.extend(config.missing_statement_warning(&opts.root, &layers.local().shown("site.toml")));
        diagnostics.sort();
    }
    diagnostics
}

/// Warnings for placeholder text of `new` left in any page under `content/`.
fn placeholder_warnings(opts: &BuildOptions, layers: &Layers) -> Vec<Diagnostic> {
    use rayon::prelude::*;
    let loaded = content::load_content(layers, opts.drafts, false);
    let placeholders: Vec<(Kind, new::Placeholders)> =
        Kind::ALL.iter().map(|k| (*k, new::Placeholders::for_kind(&opts.root, *k))).collect();
    loaded
        .pages
        .par_iter()
        // A local site's editors answer for its own pages, not for the national handbook's.
        .filter(|page| !page.shown_path.to_string_lossy().starts_with("national: "))
        .flat_map_iter(|page| {
            placeholders.iter().find(|(k, _)| *k == page.kind()).map(|(_, p)| p.warnings(page)).unwrap_or_default()
        })
        .collect()
}
