//! The pipeline: load → resolve → render (with the search index beside it, and the calendar)
//! → write. The one place that knows every stage; each stage knows only those before it.
//! `build`, `check` and `serve` all run it, each with its own sink for the rendered files.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::config::{Config, Layers, load_site};
use crate::content::{Kind, PageCache, load_content_cached};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::model::{PageId, Site, resolve_site};
use crate::output::{FileSink, Output, RenderedFile, deliver, write_error};
use crate::theme::{StaticSource, Theme, load_theme};

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
    /// Also write the built site as one zip file here (`--zip`).
    pub zip: Option<PathBuf>,
}

/// Told after each PDF of `--pdf`: how many are done, of how many, and the last one's name.
pub type PdfProgress = std::sync::Arc<dyn Fn(usize, usize, &str) + Send + Sync>;

/// How `build --pdf` runs Chromium.
#[derive(Clone, Default)]
pub struct PdfOptions {
    /// Chromium's path (`--chromium PATH`); looked up on PATH when unset.
    pub chromium: Option<PathBuf>,
    /// Told after each PDF: how many are done, of how many, and the last one's name.
    pub progress: Option<PdfProgress>,
}

impl std::fmt::Debug for PdfOptions {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PdfOptions").field("chromium", &self.chromium).finish_non_exhaustive()
    }
}

impl BuildOptions {
    /// Builds the site at `root` into its `public/`, without drafts or PDFs.
    pub fn new(root: impl Into<PathBuf>) -> Self {
        BuildOptions { root: root.into(), output: None, base_url: None, drafts: false, pdf: None, zip: None }
    }

    /// The output folder: `--output`, else `public/` in the site's folder.
    pub fn output_dir(&self) -> PathBuf {
        self.output.clone().unwrap_or_else(|| self.root.join("public"))
    }
}

/// The site rendered, not yet written (or written straight to the output, see [`FileSink`]).
pub struct Prepared {
    /// The resolved site.
    pub site: Site,
    /// Every file of the site; or, when `changed` is set, only those that show a changed page.
    /// Empty when the files went straight to the output folder.
    pub files: Vec<RenderedFile>,
    /// How many files were rendered.
    pub rendered: usize,
    /// The pages whose Markdown body alone changed since the previous build, when only they and
    /// what shows them were rendered (see [`prepare_since`]); `None` after a full render.
    pub changed: Option<Vec<PageId>>,
    /// The theme's and the site's static files, by output path.
    pub static_files: BTreeMap<String, StaticSource>,
    /// Warnings that did not stop the build.
    pub diagnostics: Diagnostics,
    /// How long each stage took.
    pub timings: Timings,
}

/// Wall time of each stage, for the summary and for finding hot spots.
#[derive(Debug, Default, Clone, Copy)]
pub struct Timings {
    /// Reading and parsing `content/`.
    pub load: Duration,
    /// Making the model whole.
    pub resolve: Duration,
    /// Rendering pages and the search index.
    pub render: Duration,
    /// Writing and swapping in the output.
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
pub fn prepare_into(
    opts: &BuildOptions,
    cache: Option<&PageCache>,
    previous: Option<&Site>,
    sink: &dyn FileSink,
) -> Result<Prepared, Diagnostics> {
    let (config, layers) = load_config(opts)?;
    let mut timings = Timings::default();
    let t = Instant::now();
    let loaded = load_content_cached(&layers, opts.drafts, config.markdown.allow_html, cache);
    timings.load = t.elapsed();
    let mut diagnostics = loaded.diagnostics;
    diagnostics.extend(crate::content::overrides::upstream_warnings(&loaded.pages, &loaded.overrides));
    let theme = load_theme(&layers);
    let t = Instant::now();
    let site = resolve_site(config, layers, loaded.pages, loaded.assets, &loaded.failed, &mut diagnostics);
    timings.resolve = t.elapsed();
    if site.home.is_none() && !diagnostics.has_errors() {
        diagnostics.push(
            Diagnostic::file("content/_index.md", "forsiden mangler")
                .with_hint("opret content/_index.md med `title = \"...\"` i front matter"),
        );
    }
    let theme = match theme {
        Ok(t) if !diagnostics.has_errors() => t,
        result => {
            diagnostics.extend(result.err());
            diagnostics.sort();
            return Err(diagnostics);
        }
    };
    let t = Instant::now();
    let changed = previous.and_then(|previous| body_changes(previous, &site));
    let rendered = match render_all(&site, &theme, changed.as_deref(), sink) {
        Ok(files) => files,
        Err(errors) => {
            diagnostics.extend(errors.0);
            diagnostics.sort();
            return Err(diagnostics);
        }
    };
    timings.render = t.elapsed();
    diagnostics.sort();
    let mut static_files = theme.static_files;
    if site.config.hosting.search_engines {
        // A public site's robots.txt is written by the build; the one in static/ is an intranet's.
        static_files.remove(crate::model::urls::ROBOTS_PATH);
    }
    Ok(Prepared { site, files: Vec::new(), rendered, changed, static_files, diagnostics, timings })
}

/// `site.toml` (over the national handbook's, for a local site) with the command line's
/// overrides: the base URL, PDFs, the calendar's year, the edition (build date); and the folders the site is built from.
fn load_config(opts: &BuildOptions) -> Result<(Config, Layers), Diagnostics> {
    let (mut config, layers) = load_site(&opts.root)?;
    if let Some(url) = &opts.base_url {
        config.base_url = url.clone();
    }
    config.print.pdf = opts.pdf.is_some();
    config.calendar_year = config.year.unwrap_or_else(crate::calendar::default_year);
    config.edition = crate::calendar::iso_date(crate::calendar::build_date_seconds());
    if config.print.pdf && !config.print.enabled {
        return Err(Diagnostics(vec![
            Diagnostic::file("site.toml", "--pdf laver PDF'er af printsiderne, men print er slået fra")
                .with_hint("sæt `enabled = true` under [print] i site.toml, eller byg uden --pdf"),
        ]));
    }
    Ok((config, layers))
}

/// Renders the site (or what shows the `changed` pages), with the search index built beside
/// the pages on a full render, and the wheel's calendar; returns how many files were made.
fn render_all(
    site: &Site,
    theme: &Theme,
    changed: Option<&[PageId]>,
    sink: &dyn FileSink,
) -> Result<usize, Diagnostics> {
    let render = || crate::render::render_site(site, theme, changed, sink);
    // The search index needs the pages' text, not their HTML: it is built beside the pages,
    // filling the cores where either has a step that runs on one.
    let (index, (mut files, mut errors)) = if changed.is_none() && site.config.search.enabled {
        let (index, rendered) = crate::search::build_index_beside(site, sink, render);
        (Some(index), rendered)
    } else {
        (None, render())
    };
    match index.transpose() {
        Ok(index_files) => files += index_files.unwrap_or(0),
        Err((path, e)) => errors.push(write_error(&path, &e)),
    }
    if changed.is_none()
        && let Some(calendar) = crate::calendar::wheel_calendar_file(site)
    {
        files += 1;
        errors.extend(deliver(sink, Ok(calendar)));
    }
    if changed.is_none() {
        // The web server's files: IIS's configuration, and a public site's robots.txt.
        let hosting = [
            Some(crate::hosting::web_config_file(&site.config)),
            crate::hosting::public_robots_file(&site.config).map(Ok),
        ];
        for file in hosting.into_iter().flatten() {
            files += 1;
            errors.extend(deliver(sink, file));
        }
    }
    if errors.is_empty() {
        return Ok(files);
    }
    // One broken template fails every page the same way: report each template once.
    let mut errors = Diagnostics(errors);
    errors.sort();
    errors.0.dedup_by(|a, b| a.path == b.path && a.line == b.line && a.message == b.message);
    Err(errors)
}

/// The pages whose body changed from `previous` to `next`, if nothing else did: the same files
/// in the same order with the same front matter. A page the cache did not parse again is the
/// same `Arc`.
fn body_changes(previous: &Site, next: &Site) -> Option<Vec<PageId>> {
    if previous.pages.len() != next.pages.len() {
        return None;
    }
    let mut changed = Vec::new();
    for ((i, a), b) in previous.pages.enumerate().zip(&next.pages) {
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

/// Writes what the sink did not take: the static files, the assets, and the files `prepared`
/// holds.
pub fn write_all(output: &Output, prepared: &Prepared) -> std::io::Result<()> {
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
pub fn guard_output_dir(root: &Path, out: &Path) -> Result<(), Diagnostics> {
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
