//! Themes: `themes/<name>/templates` for Tera, `themes/<name>/static` for CSS, JS, icons, and
//! `themes/<name>/archetypes` for the files `triobog new` writes.
//!
//! A municipality's theme overrides single files of `themes/default` and inherits the rest
//! (Tera's fallback prefixes do this for templates). Under the site's `themes/default` lies the
//! copy built into the binary, so a small site needs only `content/` and `site.toml`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use include_dir::{Dir, include_dir};
use tera::Tera;
use walkdir::WalkDir;

use crate::content::is_scratch_file;
use crate::diagnostics::Diagnostic;

static EMBEDDED_DEFAULT: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/themes/default");

/// Where the default theme's templates are found when a theme overrides only some of them.
const DEFAULT_PREFIX: &str = "themes/default/";
/// Where the built-in copy of the default theme sits, under the site's `themes/default`.
const EMBEDDED_PREFIX: &str = "themes/embedded/";

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
}

/// Whether the built-in default theme has `static/<rel>`.
pub fn embedded_static_exists(rel: &str) -> bool {
    EMBEDDED_DEFAULT.get_file(format!("static/{rel}")).is_some()
}

/// The archetype `triobog new` starts a file of kind `kind` from (`archetypes/<kind>.md`): the
/// theme's own, else the site's `themes/default` one, else the built-in. `{{ title }}` in it
/// stands for the title, as a quoted TOML string.
pub fn archetype(root: &Path, theme: &str, kind: &str) -> Result<String, String> {
    let rel = format!("archetypes/{kind}.md");
    for dir in [theme, "default"] {
        let path = root.join("themes").join(dir).join(&rel);
        if path.is_file() {
            return std::fs::read_to_string(&path).map_err(|e| format!("kan ikke læse {}: {e}", path.display()));
        }
    }
    EMBEDDED_DEFAULT
        .get_file(&rel)
        .and_then(|f| f.contents_utf8())
        .map(str::to_string)
        .ok_or_else(|| format!("der er ingen skabelon {rel} i temaet"))
}

/// Loads `themes/default` (from disk or built in) and, if set, the theme `name` over it.
pub fn load_theme(root: &Path, name: &str) -> Result<Theme, Diagnostic> {
    let mut tera = Tera::default();
    tera.autoescape_on(vec![".html", ".xml"]);
    tera.set_fallback_prefixes(vec![DEFAULT_PREFIX, EMBEDDED_PREFIX]).map_err(|e| template_error(&e, root))?;

    // Three layers, each overriding the one before file by file: the built-in default theme,
    // the site's own `themes/default`, and the theme named in site.toml.
    let mut templates: Vec<(String, String)> = Vec::new();
    let mut static_files = BTreeMap::new();
    read_embedded(&mut templates, &mut static_files);
    let default_dir = root.join("themes/default");
    if default_dir.is_dir() {
        read_theme_dir(&default_dir, DEFAULT_PREFIX, &mut templates, &mut static_files)?;
    }
    if name != "default" {
        let dir = root.join("themes").join(name);
        if !dir.is_dir() {
            return Err(Diagnostic::file(
                "site.toml",
                format!("temaet \"{name}\" findes ikke (ingen mappe themes/{name}/)"),
            )
            .with_hint(
                "opret mappen themes/<navn>/templates, eller fjern `theme` fra site.toml for at bruge standardtemaet",
            ));
        }
        read_theme_dir(&dir, "", &mut templates, &mut static_files)?;
    }
    let site_static = root.join("static");
    if site_static.is_dir() {
        collect_static(&site_static, &mut static_files);
    }
    tera.add_raw_templates(templates.iter().map(|(n, c)| (n.as_str(), c.as_str())))
        .map_err(|e| template_error(&e, root))?;
    Ok(Theme { tera, static_files })
}

fn read_theme_dir(
    dir: &Path,
    prefix: &str,
    templates: &mut Vec<(String, String)>,
    static_files: &mut BTreeMap<String, StaticSource>,
) -> Result<(), Diagnostic> {
    let tpl_dir = dir.join("templates");
    let files = WalkDir::new(&tpl_dir)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file());
    // An editor's swap and backup files beside a template being edited are not templates.
    for entry in files.filter(|e| !is_scratch_file(&e.file_name().to_string_lossy())) {
        let rel = slash_path(entry.path().strip_prefix(&tpl_dir).expect("under its root"));
        let text = std::fs::read_to_string(entry.path()).map_err(|e| {
            Diagnostic::file(entry.path(), format!("kan ikke læse skabelonen: {e}"))
                .with_hint("gem skabelonen som UTF-8")
        })?;
        templates.push((format!("{prefix}{rel}"), text));
    }
    let static_dir = dir.join("static");
    if static_dir.is_dir() {
        collect_static(&static_dir, static_files);
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

/// A Tera error as a diagnostic naming the template file and line.
pub fn template_error(e: &tera::Error, root: &Path) -> Diagnostic {
    let report = match e.kind() {
        tera::ErrorKind::SyntaxError(r) | tera::ErrorKind::RenderingError(r) => Some(r),
        _ => None,
    };
    let Some(report) = report else {
        let mut msg = e.to_string();
        if let Some(d) = diagnostic_from_rendered_report(&msg, root) {
            return d;
        }
        let mut source = std::error::Error::source(e);
        while let Some(s) = source {
            msg.push_str(": ");
            msg.push_str(&s.to_string());
            source = s.source();
        }
        return Diagnostic::file("themes", format!("skabelonfejl: {msg}"))
            .with_hint("ret skabelonen; se Teras dokumentation for syntaksen");
    };
    let name = report.filename();
    let shown = template_path(root, name);
    let span = report.span();
    let mut d = Diagnostic::file(&shown, format!("skabelonfejl: {}", report.message()));
    d.line = span.start_line;
    d.column = span.start_col + 1;
    if let Ok(text) = std::fs::read_to_string(root.join(&shown)) {
        d.source_line = text.lines().nth(span.start_line.saturating_sub(1)).map(str::to_owned);
    }
    d.with_hint("ret skabelonen; se Teras dokumentation for syntaksen")
}

/// Tera reports load-time validation errors (unknown filters, functions, tests) as rendered
/// text: `error: <what>` then ` --> <template>:<line>:<col>`. Turns the first into a diagnostic.
fn diagnostic_from_rendered_report(text: &str, root: &Path) -> Option<Diagnostic> {
    let mut message = None;
    for line in text.lines() {
        let t = line.trim();
        if let Some(m) = t.strip_prefix("error: ") {
            message = Some(m.to_string());
        } else if let Some(loc) = t.strip_prefix("--> ") {
            let mut parts = loc.rsplitn(3, ':');
            let col: usize = parts.next()?.parse().ok()?;
            let line_no: usize = parts.next()?.parse().ok()?;
            let name = parts.next()?;
            let shown = template_path(root, name);
            let mut d = Diagnostic::file(&shown, format!("skabelonfejl: {}", message.take().unwrap_or_default()))
                .with_hint("ret skabelonen; se Teras dokumentation for filtre og funktioner");
            d.line = line_no;
            d.column = col;
            d.source_line = std::fs::read_to_string(root.join(&shown))
                .ok()
                .and_then(|t| t.lines().nth(line_no.saturating_sub(1)).map(str::to_owned));
            return Some(d);
        }
    }
    None
}

/// The path of a template as the user knows it, from its name in Tera.
fn template_path(root: &Path, name: &str) -> PathBuf {
    if let Some(rel) = name.strip_prefix(EMBEDDED_PREFIX) {
        return PathBuf::from("themes/default/templates").join(rel);
    }
    match name.strip_prefix(DEFAULT_PREFIX) {
        Some(rel) => PathBuf::from("themes/default/templates").join(rel),
        None => {
            // An override: find which theme folder has it.
            let themes = root.join("themes");
            std::fs::read_dir(&themes)
                .into_iter()
                .flatten()
                .filter_map(Result::ok)
                .map(|e| PathBuf::from("themes").join(e.file_name()).join("templates").join(name))
                .find(|p| root.join(p).is_file())
                .unwrap_or_else(|| PathBuf::from(name))
        }
    }
}
