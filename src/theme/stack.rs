//! The theme stack: the folders a site's look comes from, lowest first — the built-in default
//! theme, then for each layer of the site (the national handbook, then the local site) its
//! `themes/default`, the theme its `site.toml` names, and its `static/`. A file in a later folder
//! replaces the one at the same path in an earlier folder.

use std::path::{Path, PathBuf};

use include_dir::{Dir, include_dir};

use crate::config::Layers;
use crate::diagnostics::Diagnostic;

/// The default theme, built into the binary, so a small site needs only `content/` and
/// `site.toml`.
pub static EMBEDDED_DEFAULT: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/themes/default");

/// How the built-in default theme's templates are named in Tera.
pub const EMBEDDED_PREFIX: &str = "themes/embedded/";

/// A theme folder on disk in the stack.
#[derive(Debug, Clone)]
pub struct ThemeDir {
    /// Where it is.
    pub dir: PathBuf,
    /// How its templates are named in Tera (the highest folder's are named as they are).
    pub prefix: String,
    /// How messages name it: `themes/default`, or `national: themes/default` on a site of layers.
    pub shown: PathBuf,
    /// The layer it belongs to, national first.
    pub layer: usize,
}

/// The theme folders on disk, lowest first, with their Tera prefixes; an error when a
/// `site.toml` names a theme that has no folder.
pub fn theme_dirs(layers: &Layers) -> Result<Vec<ThemeDir>, Diagnostic> {
    let mut dirs = Vec::new();
    for (n, layer) in layers.layers.iter().enumerate() {
        let default = layer.root.join("themes/default");
        if default.is_dir() {
            dirs.push((default, layer.shown("themes/default"), n));
        }
        if layer.theme != "default" {
            let named = layer.root.join("themes").join(&layer.theme);
            if !named.is_dir() {
                let name = &layer.theme;
                return Err(Diagnostic::file(layer.shown("site.toml"), format!("temaet \"{name}\" findes ikke (ingen mappe themes/{name}/)"))
                    .with_hint("opret mappen themes/<navn>/templates, eller fjern `theme` fra site.toml for at bruge standardtemaet"));
            }
            dirs.push((named, layer.shown(Path::new("themes").join(&layer.theme)), n));
        }
    }
    let top = dirs.len().saturating_sub(1);
    Ok(dirs
        .into_iter()
        .enumerate()
        .map(|(n, (dir, shown, layer))| {
            let prefix = if n == top { String::new() } else { format!("theme-{n}/") };
            ThemeDir { dir, prefix, shown, layer }
        })
        .collect())
}

/// The static folders on disk, lowest first: each layer's themes' `static/`, then its own.
pub fn static_dirs(layers: &Layers, themes: &[ThemeDir]) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for (n, layer) in layers.layers.iter().enumerate() {
        out.extend(themes.iter().filter(|t| t.layer == n).map(|t| t.dir.join("static")));
        out.push(layer.root.join("static"));
    }
    out.retain(|d| d.is_dir());
    out
}

/// Whether the site's stack has the static file `rel` (`css/site.css`), for links to it.
pub fn static_exists(layers: &Layers, rel: &str) -> bool {
    if EMBEDDED_DEFAULT.get_file(format!("static/{rel}")).is_some() {
        return true;
    }
    let Ok(themes) = theme_dirs(layers) else { return false };
    static_dirs(layers, &themes).iter().any(|d| d.join(rel).is_file())
}

/// The archetype `triobog new` starts a file of kind `kind` from (`archetypes/<kind>.md`): the
/// highest theme folder's that has one, else the built-in. `{{ title }}` in it stands for the
/// title, as a quoted TOML string.
pub fn archetype(layers: &Layers, kind: &str) -> Result<String, String> {
    let rel = format!("archetypes/{kind}.md");
    let dirs = theme_dirs(layers).unwrap_or_default();
    for dir in dirs.iter().rev() {
        let path = dir.dir.join(&rel);
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
