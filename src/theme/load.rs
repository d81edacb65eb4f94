//! Loading the theme stack: every folder's templates into one Tera (a template in a higher
//! folder replaces the one of the same name below it, through Tera's fallback prefixes) and
//! every static file, the highest folder's winning.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use include_dir::Dir;
use tera::Tera;
use walkdir::WalkDir;

use crate::config::Layers;
use crate::content::is_scratch_file;
use crate::diagnostics::Diagnostic;
use crate::theme::errors::template_error;
use crate::theme::stack::{EMBEDDED_DEFAULT, EMBEDDED_PREFIX, ThemeDir, static_dirs, theme_dirs};

/// A static file and where its bytes come from.
#[derive(Debug, Clone)]
pub enum StaticSource {
    /// A file on disk (the site's theme or `static/`).
    Disk(PathBuf),
    /// A file of the built-in default theme.
    Embedded(&'static [u8]),
}

/// The loaded theme: compiled templates and the static files to copy, after overrides.
pub struct Theme {
    /// The compiled templates.
    pub tera: Tera,
    /// Output path → source; the site's `static/` wins over the theme, the theme over the default.
    pub static_files: BTreeMap<String, StaticSource>,
    /// The theme folders on disk, for naming a template in an error.
    dirs: Vec<ThemeDir>,
}

/// Loads the site's theme stack (see [`crate::theme::stack`]).
pub fn load_theme(layers: &Layers) -> Result<Theme, Diagnostic> {
    let dirs = theme_dirs(layers)?;
    let mut tera = Tera::default();
    tera.autoescape_on(vec![".html", ".xml"]);
    // Names are tried as they are (the highest folder's), then down the stack.
    let fallbacks: Vec<String> = dirs
        .iter()
        .rev()
        .map(|d| d.prefix.clone())
        .filter(|p| !p.is_empty())
        .chain([EMBEDDED_PREFIX.to_string()])
        .collect();
    tera.set_fallback_prefixes(fallbacks).map_err(|e| template_error(&e, &dirs))?;
    let mut templates: Vec<(String, String)> = Vec::new();
    let mut static_files = BTreeMap::new();
    read_embedded(&mut templates, &mut static_files);
    for dir in &dirs {
        read_templates(dir, &mut templates)?;
    }
    for dir in static_dirs(layers, &dirs) {
        collect_static(&dir, &mut static_files);
    }
    tera.add_raw_templates(templates.iter().map(|(n, c)| (n.as_str(), c.as_str())))
        .map_err(|e| template_error(&e, &dirs))?;
    Ok(Theme { tera, static_files, dirs })
}

impl Theme {
    /// A Tera error of this theme as a diagnostic naming the template file and line.
    pub fn error(&self, e: &tera::Error) -> Diagnostic {
        template_error(e, &self.dirs)
    }
}

/// The templates of one theme folder, named with its prefix.
fn read_templates(dir: &ThemeDir, templates: &mut Vec<(String, String)>) -> Result<(), Diagnostic> {
    let tpl_dir = dir.dir.join("templates");
    let files = WalkDir::new(&tpl_dir)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file());
    // An editor's swap and backup files beside a template being edited are not templates.
    for entry in files.filter(|e| !is_scratch_file(&e.file_name().to_string_lossy())) {
        let rel = slash_path(entry.path().strip_prefix(&tpl_dir).expect("under its root"));
        let text = std::fs::read_to_string(entry.path()).map_err(|e| {
            Diagnostic::file(dir.shown.join("templates").join(&rel), format!("kan ikke læse skabelonen: {e}"))
                .with_hint("gem skabelonen som UTF-8")
        })?;
        templates.push((format!("{}{rel}", dir.prefix), text));
    }
    Ok(())
}

fn read_embedded(templates: &mut Vec<(String, String)>, static_files: &mut BTreeMap<String, StaticSource>) {
    fn walk(dir: &'static Dir<'static>, out: &mut Vec<&'static include_dir::File<'static>>) {
        out.extend(dir.files());
        for d in dir.dirs() {
            walk(d, out);
        }
    }
    let mut files = Vec::new();
    walk(&EMBEDDED_DEFAULT, &mut files);
    for f in files {
        let path = slash_path(f.path());
        if let Some(rel) = path.strip_prefix("templates/") {
            templates.push((format!("{EMBEDDED_PREFIX}{rel}"), f.contents_utf8().unwrap_or_default().to_string()));
        } else if let Some(rel) = path.strip_prefix("static/") {
            static_files.insert(rel.to_string(), StaticSource::Embedded(f.contents()));
        }
    }
}

fn collect_static(dir: &Path, out: &mut BTreeMap<String, StaticSource>) {
    for entry in WalkDir::new(dir).into_iter().filter_map(Result::ok).filter(|e| e.file_type().is_file()) {
        let rel = slash_path(entry.path().strip_prefix(dir).expect("under its root"));
        if !rel.split('/').any(is_scratch_file) {
            out.insert(rel, StaticSource::Disk(entry.path().to_path_buf()));
        }
    }
}

fn slash_path(p: &Path) -> String {
    p.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/")
}
