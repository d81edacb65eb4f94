//! Walks `content/`, reads every file once and turns each Markdown file into a [`Page`].
//!
//! Files are parsed in parallel; every problem is collected, none stops the others.

use std::path::Path;
use std::sync::Arc;

use rayon::prelude::*;

use crate::content::cache::{PageCache, PageResult};
use crate::content::model::Page;
use crate::content::page::load_page;
use crate::content::walk::{Asset, find_files};
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
    /// Every problem found.
    pub diagnostics: Diagnostics,
}

/// Loads every file under `root/content`. Drafts are kept out unless `drafts` is set.
pub fn load_content(root: &Path, drafts: bool, allow_html: bool) -> LoadedContent {
    load_content_cached(root, drafts, allow_html, None)
}

/// Like [`load_content`], reusing unchanged files from `cache` and refreshing it.
pub fn load_content_cached(root: &Path, drafts: bool, allow_html: bool, cache: Option<&PageCache>) -> LoadedContent {
    let content_dir = root.join("content");
    let mut diagnostics = Diagnostics::default();
    if !content_dir.is_dir() {
        diagnostics.push(
            Diagnostic::file("content", "mappen content/ findes ikke")
                .with_hint("opret content/_index.md til forsiden, eller kør triobog i sidens rodmappe"),
        );
        return LoadedContent { pages: Vec::new(), assets: Vec::new(), failed: Vec::new(), diagnostics };
    }
    let files = find_files(root, &content_dir, &mut diagnostics);
    if let Some(cache) = cache {
        cache.keep_only(files.markdown.iter().map(|(s, _)| s.as_str()));
    }
    let load = |source: &str, path: &Path| -> PageResult {
        let load_now = || load_page(source, path, drafts, allow_html).map(|p| p.map(Arc::new));
        match cache {
            Some(cache) => cache.get_or_load(source, path, drafts, allow_html, load_now),
            None => load_now(),
        }
    };
    let results: Vec<PageResult> = files.markdown.par_iter().map(|(source, path)| load(source, path)).collect();
    let mut pages = Vec::with_capacity(results.len());
    let mut failed = Vec::new();
    for (result, (source, _)) in results.into_iter().zip(&files.markdown) {
        match result {
            Ok(Some(page)) => pages.push(page),
            Ok(None) => {}
            Err(ds) => {
                failed.push(source.clone());
                diagnostics.extend(ds.0)
            }
        }
    }
    LoadedContent { pages, assets: files.assets, failed, diagnostics }
}
