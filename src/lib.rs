//! triobog: a static-site generator for a guidance handbook used in meetings.
//!
//! The pipeline, one module per stage: `config` → `content` (load, front matter, model) →
//! `markdown` → `resolve` (the model made whole) → `render` (Tera) → `output` (atomic write).
//! This file holds the public entry points: [`build`] and [`check`].

pub mod config;
pub mod content;
pub mod diagnostics;
pub mod highlight;
pub mod markdown;
pub mod output;
pub mod render;
pub mod resolve;
pub mod slug;
pub mod theme;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::config::Config;
use crate::content::{load_content, Kind};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::render::{render_site, RenderedFile};
use crate::resolve::{resolve_site, Site};
use crate::theme::{load_theme, StaticSource};

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
}

impl BuildOptions {
    pub fn new(root: impl Into<PathBuf>) -> Self {
        BuildOptions { root: root.into(), output: None, base_url: None, drafts: false }
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
    pub elapsed: Duration,
    pub output: PathBuf,
    /// Warnings that did not stop the build.
    pub warnings: Diagnostics,
}

/// The site rendered in memory, not yet written.
struct Prepared {
    site: Site,
    files: Vec<RenderedFile>,
    static_files: BTreeMap<String, StaticSource>,
    diagnostics: Diagnostics,
}

/// Loads, resolves and renders everything; collects every problem on the way.
fn prepare(opts: &BuildOptions) -> Result<Prepared, Diagnostics> {
    let mut config = Config::load(&opts.root).map_err(|d| Diagnostics(vec![d]))?;
    if let Some(url) = &opts.base_url {
        config.base_url = url.clone();
    }
    let loaded = load_content(&opts.root, opts.drafts, config.markdown.allow_html);
    let mut diagnostics = loaded.diagnostics;
    let theme = load_theme(&opts.root, &config.theme);
    let site = resolve_site(config, loaded.pages, loaded.assets, &opts.root, &mut diagnostics);
    if site.home.is_none() && !diagnostics.has_errors() {
        diagnostics.push(Diagnostic::file("content/_index.md", "forsiden mangler").with_hint("opret content/_index.md med `title = \"...\"` i front matter"));
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
    let files = match render_site(&site, &theme, &opts.root) {
        Ok(f) => f,
        Err(ds) => {
            diagnostics.extend(ds.0);
            diagnostics.sort();
            return Err(diagnostics);
        }
    };
    diagnostics.sort();
    Ok(Prepared { site, files, static_files: theme.static_files, diagnostics })
}

/// Builds the site into the output folder. On any error nothing is written and the previous
/// output stays as it was.
pub fn build(opts: &BuildOptions) -> Result<BuildReport, Diagnostics> {
    let start = Instant::now();
    let prepared = prepare(opts)?;
    let out_dir = opts.output_dir();
    let io_error = |e: std::io::Error| Diagnostics(vec![Diagnostic::file(&out_dir, format!("kan ikke skrive output: {e}"))]);
    guard_output_dir(&opts.root, &out_dir)?;
    let output = output::Output::create(&out_dir).map_err(io_error)?;
    write_all(&output, &prepared).map_err(io_error)?;
    let files_written = prepared.files.len() + prepared.static_files.len() + prepared.site.assets.len();
    let written_to = output.commit().map_err(io_error)?;

    let mut pages_by_kind = BTreeMap::new();
    for p in &prepared.site.pages {
        *pages_by_kind.entry(p.kind()).or_insert(0) += 1;
    }
    Ok(BuildReport { pages_by_kind, files_written, elapsed: start.elapsed(), output: written_to, warnings: prepared.diagnostics })
}

/// Validates everything a build would, without writing; returns every problem found.
///
/// Beyond what a build reports, `check` warns when `site.toml` names no accessibility
/// statement: a build of an example site stays quiet, an editor checking a site learns of it.
pub fn check(opts: &BuildOptions) -> Diagnostics {
    let mut diagnostics = match prepare(opts) {
        Ok(p) => p.diagnostics,
        Err(ds) => ds,
    };
    if let Ok(config) = Config::load(&opts.root) {
        diagnostics.extend(config.missing_statement_warning(&opts.root));
        diagnostics.sort();
    }
    diagnostics
}

fn write_all(output: &output::Output, prepared: &Prepared) -> std::io::Result<()> {
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
fn guard_output_dir(root: &Path, out: &Path) -> Result<(), Diagnostics> {
    let canon = |p: &Path| std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf());
    let (root, out_c) = (canon(root), canon(out));
    if root.starts_with(&out_c) || out_c.starts_with(root.join("content")) || out_c.starts_with(root.join("themes")) || out_c.starts_with(root.join("static")) {
        return Err(Diagnostics(vec![Diagnostic::file(out, "output-mappen må ikke være sidens egen mappe eller ligge i content/, themes/ eller static/")
            .with_hint("brug fx --output public")]));
    }
    Ok(())
}
