//! Finding the files under `content/` of every layer: Markdown files and assets, a local file
//! replacing the national one at the same path and `[upstream] hide` leaving national ones out,
//! editors' scratch files passed over, symlinks reported and never followed, and two names that
//! a Windows server would take for one file an error.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use crate::config::{Layer, Layers};
use crate::diagnostics::{Diagnostic, Diagnostics};

/// A file under `content/` that is not Markdown (an image, a PDF), copied to the same place.
#[derive(Debug, Clone)]
pub struct Asset {
    /// Path relative to `content/`, with `/` separators.
    pub source: String,
    /// Where it is on disk.
    pub path: PathBuf,
}

/// A Markdown file to load.
#[derive(Debug, Clone)]
pub struct ContentFile {
    /// Path relative to `content/`, with `/` separators.
    pub source: String,
    /// Where it is on disk.
    pub path: PathBuf,
    /// How messages name it: `content/x.md`, or `lokal: content/x.md` on a site of layers.
    pub shown: PathBuf,
}

/// A local file that replaces a national one at the same path.
#[derive(Debug, Clone)]
pub struct Override {
    /// Path relative to `content/`.
    pub source: String,
    /// The national file it replaces.
    pub national: PathBuf,
}

/// The files under `content/` of every layer, combined.
pub struct ContentFiles {
    /// The Markdown files, by source path.
    pub markdown: Vec<ContentFile>,
    /// Every other file.
    pub assets: Vec<Asset>,
    /// Local Markdown files that replace national ones.
    pub overrides: Vec<Override>,
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

/// Every layer's files, national first: a later layer's file replaces an earlier one's at the
/// same path, and a hidden path leaves out the national file. Problems go to `diagnostics`.
pub fn find_files(layers: &Layers, diagnostics: &mut Diagnostics) -> ContentFiles {
    let mut markdown: BTreeMap<String, (usize, PathBuf)> = BTreeMap::new();
    let mut assets: BTreeMap<String, PathBuf> = BTreeMap::new();
    let mut overrides = Vec::new();
    let last = layers.layers.len() - 1;
    for (n, layer) in layers.layers.iter().enumerate() {
        let content_dir = layer.root.join("content");
        if !content_dir.is_dir() {
            continue;
        }
        for (source, path) in walk_layer(layer, &content_dir, diagnostics) {
            if n < last && layers.hidden.contains(&source) {
                continue;
            }
            if !source.ends_with(".md") {
                assets.insert(source, path);
            } else if let Some((_, national)) = markdown.insert(source.clone(), (n, path)) {
                overrides.push(Override { source, national });
            }
        }
    }
    let names = markdown.keys().chain(assets.keys()).map(String::as_str);
    diagnostics.extend(same_name_on_windows(names, layers.local()));
    let markdown = markdown
        .into_iter()
        .map(|(source, (n, path))| {
            let shown = layers.layers[n].shown(Path::new("content").join(&source));
            ContentFile { source, path, shown }
        })
        .collect();
    let assets = assets.into_iter().map(|(source, path)| Asset { source, path }).collect();
    ContentFiles { markdown, assets, overrides }
}

/// The files of one layer's `content_dir`, in name order, by source path.
fn walk_layer(layer: &Layer, content_dir: &Path, diagnostics: &mut Diagnostics) -> Vec<(String, PathBuf)> {
    let mut files = Vec::new();
    // Symlinks are never followed (one could lead out of the site); each is reported instead.
    let walk = WalkDir::new(content_dir)
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
        let rel = entry.path().strip_prefix(content_dir).expect("walkdir yields paths under its root");
        let source = rel.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/");
        if entry.depth() > 0 && entry.path_is_symlink() {
            diagnostics.push(symlink_warning(layer, &source, entry.path()));
        } else if entry.file_type().is_file() {
            files.push((source, entry.path().to_path_buf()));
        }
    }
    files
}

/// The warning for a symlink at `source` (under `content/`): what it points to, and that it is
/// left out.
fn symlink_warning(layer: &Layer, source: &str, path: &Path) -> Diagnostic {
    let root = &layer.root;
    let target = std::fs::read_link(path).map_or_else(|_| "?".to_string(), |t| t.display().to_string());
    let outside =
        std::fs::canonicalize(path).ok().zip(std::fs::canonicalize(root).ok()).is_none_or(|(t, r)| !t.starts_with(r));
    let where_to = if outside { " uden for siden" } else { "" };
    Diagnostic::file(layer.shown(Path::new("content").join(source)), format!("symbolsk link til {target}{where_to}: triobog følger ikke symbolske links, så det er sprunget over"))
        .with_hint("kopiér filen eller mappen ind under content/ i stedet for at linke til den (en webserver som IIS kan heller ikke følge linket)")
        .warning()
}

/// Errors for files whose names differ only in upper and lower case, or in how a letter such as
/// "å" is stored (a Mac writes it as "a" and a combining ring): on Windows and IIS they are
/// the same file, and one of them would be lost.
fn same_name_on_windows<'a>(sources: impl Iterator<Item = &'a str>, local: &Layer) -> Vec<Diagnostic> {
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
            Diagnostic::file(local.shown(Path::new("content").join(source)), format!("navnet adskiller sig fra content/{first} {what}"))
                .with_hint("på Windows og en IIS-server er de to den samme fil, så den ene ville gå tabt: omdøb eller slet den ene (skriv navnet igen på tastaturet)"),
        );
    }
    errors
}
