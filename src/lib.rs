//! triobog: a static-site generator for a guidance handbook used in meetings.
//!
//! The pipeline, one module per stage: `config` → `content` (load, front matter, model) →
//! `markdown` → `resolve` (the model made whole) → `render` (Tera, and the `search` index,
//! `print` sheets, `present` pages and the wheel's `calendar`) →
//! `output` (atomic write).
//! This file holds the public entry points: [`build`] and [`check`].

pub mod calendar;
pub mod config;
pub mod content;
pub mod diagnostics;
pub mod fold;
pub mod highlight;
pub mod markdown;
pub mod new;
pub mod output;
pub mod present;
pub mod print;
pub mod render;
pub mod resolve;
pub mod search;
pub mod serve;
pub mod slug;
pub mod theme;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::config::Config;
use crate::content::{Kind, PageCache, load_content_cached};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::render::{Discard, FileSink, RenderedFile, render_site};
use crate::resolve::{Site, resolve_site};
use crate::theme::{StaticSource, load_theme};

/// What to build and where.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// The site's root folder (holding `site.toml` and `content/`).
    pub root: PathBuf,
    /// Output folder; `public/` under the root when unset.
    pub output: Option<PathBuf>,
    /// Overrides `base_url` from `site.toml`.
    pub base_url: Option<String>,
    /// Include pages marked `draft = true`.
    pub drafts: bool,
    /// Also print every printable page to a PDF beside it (`--pdf`), with this Chromium.
    pub pdf: Option<PdfOptions>,
}

/// How `build --pdf` runs Chromium.
#[derive(Debug, Clone, Default)]
pub struct PdfOptions {
    /// Chromium's path (`--chromium PATH`); looked up on PATH when unset.
    pub chromium: Option<PathBuf>,
}

impl BuildOptions {
    pub fn new(root: impl Into<PathBuf>) -> Self {
        BuildOptions { root: root.into(), output: None, base_url: None, drafts: false, pdf: None }
    }

    pub fn output_dir(&self) -> PathBuf {
        self.output.clone().unwrap_or_else(|| self.root.join("public"))
    }
}

/// What a successful build did, for the one-screen summary.
#[derive(Debug)]
pub struct BuildReport {
    pub pages_by_kind: BTreeMap<Kind, usize>,
    pub files_written: usize,
    /// PDFs written by `--pdf`.
    pub pdfs_written: usize,
    pub elapsed: Duration,
    pub output: PathBuf,
    /// Warnings that did not stop the build.
    pub warnings: Diagnostics,
    pub timings: Timings,
}

/// The site rendered in memory, not yet written.
pub struct Prepared {
    pub site: Site,
    /// Every file of the site; or, when `changed` is set, only those that show a changed page.
    /// Empty when the files went straight to the output folder (see [`FileSink`]).
    pub files: Vec<RenderedFile>,
    /// How many files were rendered.
    pub rendered: usize,
    /// The pages whose Markdown body alone changed since the previous build, when only they and
    /// what shows them were rendered (see [`prepare_since`]); `None` after a full render.
    pub changed: Option<Vec<usize>>,
    pub static_files: BTreeMap<String, StaticSource>,
    pub diagnostics: Diagnostics,
    pub timings: Timings,
}

/// Wall time of each stage, for the summary and for finding hot spots.
#[derive(Debug, Default, Clone, Copy)]
pub struct Timings {
    pub load: Duration,
    pub resolve: Duration,
    pub render: Duration,
    pub write: Duration,
}

impl Prepared {
    /// Pages per kind, for the summary.
    pub fn pages_by_kind(&self) -> BTreeMap<Kind, usize> {
        let mut counts = BTreeMap::new();
        for p in &self.site.pages {
            *counts.entry(p.kind()).or_insert(0) += 1;
        }
        counts
    }
}

/// Loads, resolves and renders everything; collects every problem on the way.
/// With a cache (as `serve` keeps one), unchanged files are not parsed again.
pub fn prepare(opts: &BuildOptions, cache: Option<&PageCache>) -> Result<Prepared, Diagnostics> {
    prepare_since(opts, cache, None)
}

/// Like [`prepare`], but when `previous` (the last good build, from the same cache) differs
/// only in Markdown bodies, renders only what shows them: no listings, no search index.
/// The caller must know that nothing but files under `content/` changed.
pub fn prepare_since(
    opts: &BuildOptions,
    cache: Option<&PageCache>,
    previous: Option<&Site>,
) -> Result<Prepared, Diagnostics> {
    let files = std::sync::Mutex::new(Vec::new());
    let mut prepared = prepare_into(opts, cache, previous, &files)?;
    prepared.files = files.into_inner().unwrap_or_default();
    Ok(prepared)
}

/// The work of [`prepare_since`], with the rendered files handed to `sink` as they are made.
fn prepare_into(
    opts: &BuildOptions,
    cache: Option<&PageCache>,
    previous: Option<&Site>,
    sink: &dyn FileSink,
) -> Result<Prepared, Diagnostics> {
    let mut config = Config::load(&opts.root).map_err(|d| Diagnostics(vec![d]))?;
    if let Some(url) = &opts.base_url {
        config.base_url = url.clone();
    }
    config.print.pdf = opts.pdf.is_some();
    config.calendar_year = config.year.unwrap_or_else(calendar::default_year);
    if config.print.pdf && !config.print.enabled {
        return Err(Diagnostics(vec![
            Diagnostic::file("site.toml", "--pdf laver PDF'er af printsiderne, men print er slået fra")
                .with_hint("sæt `enabled = true` under [print] i site.toml, eller byg uden --pdf"),
        ]));
    }
    let mut timings = Timings::default();
    let t = Instant::now();
    let loaded = load_content_cached(&opts.root, opts.drafts, config.markdown.allow_html, cache);
    timings.load = t.elapsed();
    let mut diagnostics = loaded.diagnostics;
    let theme = load_theme(&opts.root, &config.theme);
    let t = Instant::now();
    let site = resolve_site(config, loaded.pages, loaded.assets, &loaded.failed, &opts.root, &mut diagnostics);
    timings.resolve = t.elapsed();
    if site.home.is_none() && !diagnostics.has_errors() {
        diagnostics.push(
            Diagnostic::file("content/_index.md", "forsiden mangler")
                .with_hint("opret content/_index.md med `title = \"...\"` i front matter"),
        );
    }
    let theme = match theme {
        Ok(t) => t,
        Err(d) => {
            diagnostics.push(d);
            diagnostics.sort();
            return Err(diagnostics);
        }
    };
    if diagnostics.has_errors() {
        diagnostics.sort();
        return Err(diagnostics);
    }
    let t = Instant::now();
    let changed = previous.and_then(|previous| body_changes(previous, &site));
    let rendered = match render_site(&site, &theme, changed.as_deref(), sink) {
        Ok(f) => f,
        Err(ds) => {
            diagnostics.extend(ds.0);
            diagnostics.sort();
            return Err(diagnostics);
        }
    };
    timings.render = t.elapsed();
    diagnostics.sort();
    Ok(Prepared { site, files: Vec::new(), rendered, changed, static_files: theme.static_files, diagnostics, timings })
}

/// The pages whose body changed from `previous` to `next`, if nothing else did: the same files
/// in the same order with the same front matter. A page the cache did not parse again is the
/// same `Arc`.
fn body_changes(previous: &Site, next: &Site) -> Option<Vec<usize>> {
    if previous.pages.len() != next.pages.len() {
        return None;
    }
    let mut changed = Vec::new();
    for (i, (a, b)) in previous.pages.iter().zip(&next.pages).enumerate() {
        if std::sync::Arc::ptr_eq(a, b) {
            continue;
        }
        if a.source != b.source || a.text[..a.body_offset] != b.text[..b.body_offset] {
            return None;
        }
        changed.push(i);
    }
    Some(changed)
}

/// Builds the site into the output folder. On any error nothing is written and the previous
/// output stays as it was.
pub fn build(opts: &BuildOptions) -> Result<BuildReport, Diagnostics> {
    let start = Instant::now();
    // Find Chromium before any work, so a missing one fails fast and says how to install it.
    let chromium = match &opts.pdf {
        Some(pdf) => Some(print::pdf::find_chromium(pdf.chromium.as_deref()).map_err(|d| Diagnostics(vec![d]))?),
        None => None,
    };
    let out_dir = opts.output_dir();
    let io_error =
        |e: std::io::Error| Diagnostics(vec![Diagnostic::file(&out_dir, format!("kan ikke skrive output: {e}"))]);
    guard_output_dir(&opts.root, &out_dir)?;
    // Pages are written to a staging folder as they are rendered; a failed build drops it.
    let output = output::Output::create(&out_dir).map_err(io_error)?;
    let prepared = prepare_into(opts, None, None, &output)?;
    let t = Instant::now();
    write_all(&output, &prepared).map_err(io_error)?;
    let files_written = prepared.rendered + prepared.static_files.len() + prepared.site.assets.len();
    // PDFs are printed from the staged site, so a failed run leaves the previous site untouched.
    let pdfs_written = match &chromium {
        Some(chromium) => print::pdf::print_pdfs(
            chromium,
            output.staging(),
            &print::printables(&prepared.site),
            print::pdf::default_jobs(),
        )?,
        None => 0,
    };
    let written_to = output.commit().map_err(io_error)?;
    let mut prepared = prepared;
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
    };
    // Freeing a large site's pages, HTML and text takes a core a good while (0.1–0.2 s at 10,000
    // pages) and nothing waits for it: the site is built.
    std::thread::spawn(move || drop(prepared));
    Ok(report)
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
    diagnostics.extend(placeholder_warnings(opts));
    if let Ok(config) = Config::load(&opts.root) {
        diagnostics.extend(config.missing_statement_warning(&opts.root));
        diagnostics.sort();
    }
    diagnostics
}

/// Warnings for placeholder text of `new` left in any page under `content/`.
fn placeholder_warnings(opts: &BuildOptions) -> Vec<Diagnostic> {
    use rayon::prelude::*;
    let loaded = content::load_content(&opts.root, opts.drafts, false);
    let placeholders: Vec<(Kind, new::Placeholders)> =
        Kind::ALL.iter().map(|k| (*k, new::Placeholders::for_kind(&opts.root, *k))).collect();
    loaded
        .pages
        .par_iter()
        .flat_map_iter(|page| {
            placeholders.iter().find(|(k, _)| *k == page.kind()).map(|(_, p)| p.warnings(page)).unwrap_or_default()
        })
        .collect()
}

pub(crate) fn write_all(output: &output::Output, prepared: &Prepared) -> std::io::Result<()> {
    use rayon::prelude::*;
    for (rel, source) in &prepared.static_files {
        match source {
            StaticSource::Disk(path) => output.copy(rel, path)?,
            StaticSource::Embedded(bytes) => output.write(rel, bytes)?,
        }
    }
    for asset in &prepared.site.assets {
        output.copy(&asset.source, &asset.path)?;
    }
    prepared.files.par_iter().try_for_each(|f| output.write(&f.path, &f.bytes))
}

/// Refuses an output folder that would swallow the site's own sources.
pub(crate) fn guard_output_dir(root: &Path, out: &Path) -> Result<(), Diagnostics> {
    let canon = |p: &Path| std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf());
    let (root, out_c) = (canon(root), canon(out));
    if root.starts_with(&out_c)
        || out_c.starts_with(root.join("content"))
        || out_c.starts_with(root.join("themes"))
        || out_c.starts_with(root.join("static"))
    {
        return Err(Diagnostics(vec![
            Diagnostic::file(
                out,
                "output-mappen må ikke være sidens egen mappe eller ligge i content/, themes/ eller static/",
            )
            .with_hint("brug fx --output public"),
        ]));
    }
    Ok(())
}
