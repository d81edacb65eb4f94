//! Walks `content/`, reads every file once and turns each Markdown file into a [`Page`].
//!
//! Files are parsed in parallel; every problem is collected, none stops the others.
//! Editors' scratch files are passed over, symlinks are reported and never followed, and two
//! names that a Windows server would take for one file are an error.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::SystemTime;

use rayon::prelude::*;
use walkdir::WalkDir;

use crate::content::front_matter::{parse_front_matter, split_front_matter};
use crate::content::model::{Kind, Page};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::markdown::{ItemMode, render_markdown};
use crate::slug::is_valid_slug;

/// A file under `content/` that is not Markdown (an image, a PDF), copied to the same place.
#[derive(Debug, Clone)]
pub struct Asset {
    /// Path relative to `content/`, with `/` separators.
    pub source: String,
    pub path: PathBuf,
}

/// Everything found under `content/`.
pub struct LoadedContent {
    pub pages: Vec<Arc<Page>>,
    pub assets: Vec<Asset>,
    /// Sources of Markdown files that could not be loaded; links to them are not reported
    /// again as broken, so one mistake gives one message.
    pub failed: Vec<String>,
    pub diagnostics: Diagnostics,
}

/// Parsed files kept between rebuilds in `serve`, keyed by source path; a file is parsed again
/// only when its modification time or size changed (or the parse settings did).
#[derive(Default)]
pub struct PageCache {
    entries: Mutex<HashMap<String, CacheEntry>>,
}

struct CacheEntry {
    stamp: FileStamp,
    result: Result<Option<Arc<Page>>, Diagnostics>,
}

/// What tells a file's versions apart without reading it: modification time, size, and (on
/// Unix) the inode, which an editor's save by rename changes even within one clock tick.
/// The parse settings are part of it, as they change the result.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct FileStamp {
    modified: SystemTime,
    len: u64,
    inode: u64,
    drafts: bool,
    allow_html: bool,
}

impl FileStamp {
    fn of(path: &Path, drafts: bool, allow_html: bool) -> Option<FileStamp> {
        let meta = std::fs::metadata(path).ok()?;
        #[cfg(unix)]
        let inode = std::os::unix::fs::MetadataExt::ino(&meta);
        #[cfg(not(unix))]
        let inode = 0;
        Some(FileStamp {
            modified: meta.modified().unwrap_or(SystemTime::UNIX_EPOCH),
            len: meta.len(),
            inode,
            drafts,
            allow_html,
        })
    }
}

/// Whether a file is an editor's or operating system's scratch file rather than content: swap,
/// backup, lock and temporary files that editors write beside the file being saved (Vim's
/// `.x.swp`, `x~` and `4913`, Emacs' `#x#` and `.#x`, JetBrains' `x___jb_tmp___`, `.tmp`),
/// and the folder files of Windows and macOS. Neither the build nor `serve` looks at them.
pub fn is_scratch_file(name: &str) -> bool {
    const SUFFIXES: [&str; 8] = ["~", ".swp", ".swo", ".swx", ".tmp", ".temp", "___jb_tmp___", "___jb_old___"];
    name.starts_with('.')
        || SUFFIXES.iter().any(|s| name.ends_with(s))
        || (name.len() > 1 && name.starts_with('#') && name.ends_with('#'))
        || name == "4913"
        || name.eq_ignore_ascii_case("thumbs.db")
        || name.eq_ignore_ascii_case("desktop.ini")
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
    let mut markdown_files = Vec::new();
    let mut assets = Vec::new();
    // Symlinks are never followed (one could lead out of the site); each is reported instead.
    let walk = WalkDir::new(&content_dir)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !is_scratch_file(&e.file_name().to_string_lossy()));
    for entry in walk {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                diagnostics.push(Diagnostic::file(
                    e.path().map_or_else(|| PathBuf::from("content"), Path::to_path_buf),
                    format!("kan ikke læse: {e}"),
                ));
                continue;
            }
        };
        let rel = entry.path().strip_prefix(&content_dir).expect("walkdir yields paths under its root");
        let source = rel.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/");
        if entry.depth() > 0 && entry.path_is_symlink() {
            diagnostics.push(symlink_warning(root, &source, entry.path()));
            continue;
        }
        if !entry.file_type().is_file() {
            continue;
        }
        if source.ends_with(".md") {
            markdown_files.push((source, entry.path().to_path_buf()));
        } else {
            assets.push(Asset { source, path: entry.path().to_path_buf() });
        }
    }
    let sources = markdown_files.iter().map(|(s, _)| s.as_str()).chain(assets.iter().map(|a| a.source.as_str()));
    diagnostics.extend(same_name_on_windows(sources));
    if let Some(cache) = cache {
        let present: HashSet<&str> = markdown_files.iter().map(|(s, _)| s.as_str()).collect();
        cache
            .entries
            .lock()
            .expect("the cache lock is never held across a panic")
            .retain(|source, _| present.contains(source.as_str()));
    }

    let load = |source: &String, path: &PathBuf| -> Result<Option<Arc<Page>>, Diagnostics> {
        let Some(cache) = cache else {
            return load_page(source, path, drafts, allow_html).map(|p| p.map(Arc::new));
        };
        let stamp = FileStamp::of(path, drafts, allow_html);
        if let Some(stamp) = stamp {
            let entries = cache.entries.lock().expect("the cache lock is never held across a panic");
            if let Some(hit) = entries.get(source).filter(|e| e.stamp == stamp) {
                return hit.result.clone();
            }
        }
        let result = load_page(source, path, drafts, allow_html).map(|p| p.map(Arc::new));
        if let Some(stamp) = stamp {
            cache
                .entries
                .lock()
                .expect("the cache lock is never held across a panic")
                .insert(source.clone(), CacheEntry { stamp, result: result.clone() });
        }
        result
    };
    let results: Vec<Result<Option<Arc<Page>>, Diagnostics>> =
        markdown_files.par_iter().map(|(source, path)| load(source, path)).collect();
    let mut pages = Vec::with_capacity(results.len());
    let mut failed = Vec::new();
    for (result, (source, _)) in results.into_iter().zip(&markdown_files) {
        match result {
            Ok(Some(page)) => pages.push(page),
            Ok(None) => {}
            Err(ds) => {
                failed.push(source.clone());
                diagnostics.extend(ds.0)
            }
        }
    }
    LoadedContent { pages, assets, failed, diagnostics }
}

/// The warning for a symlink at `source` (under `content/`): what it points to, and that it is
/// left out.
fn symlink_warning(root: &Path, source: &str, path: &Path) -> Diagnostic {
    let target = std::fs::read_link(path).map_or_else(|_| "?".to_string(), |t| t.display().to_string());
    let outside =
        std::fs::canonicalize(path).ok().zip(std::fs::canonicalize(root).ok()).is_none_or(|(t, r)| !t.starts_with(r));
    let where_to = if outside { " uden for siden" } else { "" };
    Diagnostic::file(PathBuf::from("content").join(source), format!("symbolsk link til {target}{where_to}: triobog følger ikke symbolske links, så det er sprunget over"))
        .with_hint("kopiér filen eller mappen ind under content/ i stedet for at linke til den (en webserver som IIS kan heller ikke følge linket)")
        .warning()
}

/// Errors for files whose names differ only in upper and lower case, or in how a letter such as
/// "å" is stored (a Mac writes it as "a" and a combining ring): on Windows and IIS they are
/// the same file, and one of them would be lost.
fn same_name_on_windows<'a>(sources: impl Iterator<Item = &'a str>) -> Vec<Diagnostic> {
    use unicode_normalization::UnicodeNormalization;
    let mut seen: HashMap<String, &str> = HashMap::new();
    let mut errors = Vec::new();
    for source in sources {
        let key: String = source.nfc().collect::<String>().to_lowercase();
        let Some(first) = seen.get(key.as_str()) else {
            seen.insert(key, source);
            continue;
        };
        let same_case = first.nfc().eq(source.nfc());
        let what = if same_case {
            "kun i, hvordan et bogstav som å eller é er gemt (Unicode-normalisering, typisk fra en Mac)"
        } else {
            "kun i store og små bogstaver"
        };
        errors.push(
            Diagnostic::file(PathBuf::from("content").join(source), format!("navnet adskiller sig fra content/{first} {what}"))
                .with_hint("på Windows og en IIS-server er de to den samme fil, så den ene ville gå tabt: omdøb eller slet den ene (skriv navnet igen på tastaturet)"),
        );
    }
    errors
}

/// Reads and parses one Markdown file. `Ok(None)` for a draft that is left out.
fn load_page(source: &str, path: &Path, drafts: bool, allow_html: bool) -> Result<Option<Page>, Diagnostics> {
    let shown = PathBuf::from("content").join(source);
    let bytes = std::fs::read(path).map_err(|e| one(Diagnostic::file(&shown, format!("kan ikke læse filen: {e}"))))?;
    let text = match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let valid = e.utf8_error().valid_up_to();
            let good = String::from_utf8_lossy(&e.as_bytes()[..valid]).into_owned();
            let (line, column) = crate::diagnostics::line_col(&good, valid);
            let mut d = Diagnostic::file(&shown, "filen er ikke gemt som UTF-8")
                .with_hint("gem filen igen med tegnsættet UTF-8 (i Notesblok: Gem som → Kodning: UTF-8)");
            d.line = line;
            d.column = column;
            return Err(one(d));
        }
    };
    let text = text.strip_prefix('\u{feff}').map(str::to_owned).unwrap_or(text);
    let split = split_front_matter(&shown, &text).map_err(one)?;
    let (common, data) = parse_front_matter(&shown, &text, &split)?;
    if common.draft && !drafts {
        return Ok(None);
    }
    let file_name = source.rsplit('/').next().unwrap_or(source);
    let is_section = file_name == "_index.md";
    let folder = source.rfind('/').map_or("", |i| &source[..i]);

    let mut diagnostics = Diagnostics::default();
    for segment in folder.split('/').filter(|s| !s.is_empty()) {
        if !is_valid_slug(segment) {
            diagnostics.push(
                Diagnostic::file(&shown, format!("mappenavnet \"{segment}\" kan ikke bruges i en adresse")).with_hint(
                    format!(
                        "omdøb mappen til \"{}\" (små bogstaver, tal og bindestreg; æ→ae, ø→oe, å→aa)",
                        crate::slug::slugify(segment)
                    ),
                ),
            );
        }
    }
    let slug = match &common.slug {
        Some(s) if is_section => {
            diagnostics.push(
                Diagnostic::at(
                    &shown,
                    &text,
                    split.front_offset + s.span().start,
                    "`slug` kan ikke bruges i _index.md",
                )
                .with_hint("en sektions adresse er mappens navn: omdøb mappen i stedet"),
            );
            String::new()
        }
        Some(s) if !is_valid_slug(s.get_ref()) => {
            diagnostics.push(
                Diagnostic::at(
                    &shown,
                    &text,
                    split.front_offset + s.span().start,
                    format!("slug \"{}\" er ikke tilladt", s.get_ref()),
                )
                .with_hint(format!(
                    "en slug må kun have små bogstaver a–z, tal og bindestreg, fx \"{}\"",
                    crate::slug::slugify(s.get_ref())
                )),
            );
            String::new()
        }
        Some(s) => s.get_ref().clone(),
        None if is_section => String::new(),
        None => {
            let stem = file_name.trim_end_matches(".md");
            if !is_valid_slug(stem) {
                diagnostics.push(
                    Diagnostic::file(&shown, format!("filnavnet \"{file_name}\" kan ikke bruges i en adresse"))
                        .with_hint(format!(
                            "omdøb filen til \"{}.md\", eller sæt `slug = \"...\"`",
                            crate::slug::slugify(stem)
                        )),
                );
            }
            stem.to_string()
        }
    };
    if !diagnostics.is_empty() {
        return Err(diagnostics);
    }
    let url = match (folder, slug.as_str()) {
        ("", "") => String::new(),
        (f, "") => format!("{f}/"),
        ("", s) => format!("{s}/"),
        (f, s) => format!("{f}/{s}/"),
    };
    let mode = match data.kind() {
        Kind::Deck => ItemMode::Extracted,
        Kind::Questions => ItemMode::Anchored,
        _ => ItemMode::Plain,
    };
    let markdown = render_markdown(split.body, mode, allow_html);
    Ok(Some(Page {
        source: source.to_string(),
        shown_path: shown,
        body_offset: split.body_offset,
        title: common.title,
        nav_title: common.nav_title,
        description: common.description,
        weight: common.weight,
        draft: common.draft,
        is_section,
        slug,
        url,
        data,
        markdown,
        text,
    }))
}

fn one(d: Diagnostic) -> Diagnostics {
    Diagnostics(vec![d])
}
