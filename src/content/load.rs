//! Walks `content/`, reads every file once and turns each Markdown file into a [`Page`].
//!
//! Files are parsed in parallel; every problem is collected, none stops the others.

use std::sync::Arc;

use rayon::prelude::*;

use crate::config::Layers;
use crate::content::cache::{PageCache, PageResult};
use crate::content::model::Page;
use crate::content::page::load_page;
use crate::content::walk::{Asset, Override, find_files};
use crate::diagnostics::{Diagnostic, Diagnostics};

/// Everything found under `content/`.
pub struct LoadedContent {
    /// The pages that loaded, drafts left out unless asked for.
    pub pages: Vec<Arc<Page>>,
    /// Every file that is not Markdown.
    pub assets: Vec<Asset>,
    /// Sources of Markdown files that could not be loaded; links to them are not reported
    /// again as broken, so one mistake gives one message.
    pub failed: Vec<String>,
    /// Local pages that replace national ones.
    pub overrides: Vec<Override>,
    /// Every problem found.
    pub diagnostics: Diagnostics,
}

/// Loads every file under `content/` of every layer of the site. Drafts are kept out unless
/// `drafts` is set.
pub fn load_content(layers: &Layers, drafts: bool, allow_html: bool) -> LoadedContent {
    load_content_cached(layers, drafts, allow_html, None)
}

/// Like [`load_content`], reusing unchanged files from `cache` and refreshing it.
pub fn load_content_cached(
    layers: &Layers,
    drafts: bool,
    allow_html: bool,
    cache: Option<&PageCache>,
) -> LoadedContent {
    let mut diagnostics = Diagnostics::default();
    if layers.upstream().is_none() && !layers.local().root.join("content").is_dir() {
        diagnostics.push(
            Diagnostic::file("content", "mappen content/ findes ikke")
                .with_hint("opret content/_index.md til forsiden, eller kør triobog i sidens rodmappe"),
        );
        let overrides = Vec::new();
        return LoadedContent { pages: Vec::new(), assets: Vec::new(), failed: Vec::new(), overrides, diagnostics };
    }
    let files = find_files(layers, &mut diagnostics);
    if let Some(cache) = cache {
        cache.keep_only(files.markdown.iter().map(|f| f.path.as_path()));
    }
    let results: Vec<PageResult> = files
        .markdown
        .par_iter()
        .map(|file| {
            let load_now = || load_page(file, drafts, allow_html).map(|p| p.map(Arc::new));
            match cache {
                Some(cache) => cache.get_or_load(&file.path, drafts, allow_html, load_now),
                None => load_now(),
            }
        })
        .collect();
    let mut pages = Vec::with_capacity(results.len());
    let mut failed = Vec::new();
    for (result, file) in results.into_iter().zip(&files.markdown) {
        match result {
            Ok(Some(page)) => pages.push(page),
            Ok(None) => {}
            Err(ds) => {
                failed.push(file.source.clone());
                diagnostics.extend(ds.0)
            }
        }
    }
    LoadedContent { pages, assets: files.assets, failed, overrides: files.overrides, diagnostics }
}
