//! A municipality's site on top of the national handbook: the folders a site is built from (the
//! national handbook under `[upstream] path`, then the local site), and the one `site.toml`
//! made of both — the local file wins for every key it sets, the national one gives the rest.
//!
//! A site without `[upstream]` is one layer, and everything reads as it always did.

use std::path::{Path, PathBuf};

use toml::Table;

use crate::config::settings::{Config, UpstreamConfig};
use crate::diagnostics::{Diagnostic, Diagnostics};

/// One folder a site is built from: its `content/`, `themes/` and `static/`.
#[derive(Debug, Clone)]
pub struct Layer {
    /// The folder holding its `site.toml`.
    pub root: PathBuf,
    /// The theme its own `site.toml` names (`default` when it names none).
    pub theme: String,
    /// How messages name the layer ("national", "lokal"), when the site has more than one.
    pub label: Option<&'static str>,
}

impl Layer {
    /// How a file at `rel` (relative to the layer's folder) is named in messages:
    /// `lokal: content/cases/ny.md`, or just `content/cases/ny.md` on a site of one layer.
    pub fn shown(&self, rel: impl AsRef<Path>) -> PathBuf {
        match self.label {
            Some(label) => PathBuf::from(format!("{label}: {}", rel.as_ref().display())),
            None => rel.as_ref().to_path_buf(),
        }
    }
}

/// The folders a site is built from, the national handbook first and the local site last: a
/// later layer's file at the same path replaces an earlier one's.
#[derive(Debug, Clone)]
pub struct Layers {
    /// National first, local last; one layer for a site without `[upstream]`.
    pub layers: Vec<Layer>,
    /// National pages and files left out (`[upstream] hide`), by path under `content/`.
    pub hidden: Vec<String>,
}

impl Layers {
    /// A site of one folder.
    pub fn single(root: &Path, theme: &str) -> Layers {
        Layers {
            layers: vec![Layer { root: root.to_path_buf(), theme: theme.to_string(), label: None }],
            hidden: Vec::new(),
        }
    }

    /// The site being built: the last layer, where `site.toml` was read and new files go.
    pub fn local(&self) -> &Layer {
        self.layers.last().expect("a site has at least its own folder")
    }

    /// The national handbook, when the site is a local layer over one.
    pub fn upstream(&self) -> Option<&Layer> {
        (self.layers.len() > 1).then(|| &self.layers[0])
    }
}

/// The name of the local `site.toml` in messages.
fn local_shown(layered: bool) -> PathBuf {
    PathBuf::from(if layered { "lokal: site.toml" } else { "site.toml" })
}

/// Reads the site at `root`: its `site.toml` and, when it names one, the national handbook's
/// under it, combined; and the folders to build from.
pub fn load_site(root: &Path) -> Result<(Config, Layers), Diagnostics> {
    let one = |d: Diagnostic| Diagnostics(vec![d]);
    let (local, local_text) = Config::load_file(root, &local_shown(false)).map_err(one)?;
    let Some(upstream) = local.upstream.clone() else {
        local.check_title(&local_shown(false)).map_err(one)?;
        let theme = local.theme.clone();
        return Ok((local, Layers::single(root, &theme)));
    };
    let shown = local_shown(true);
    let national_root = national_folder(root, &upstream, &local_text, &shown).map_err(one)?;
    let national_shown = PathBuf::from("national: site.toml");
    let (national, national_text) = Config::load_file(&national_root, &national_shown).map_err(one)?;
    if national.upstream.is_some() {
        return Err(one(Diagnostic::file(&national_shown, "den nationale håndbog bygger selv på en anden håndbog")
            .with_hint("peg `[upstream] path` direkte på den håndbog, der ikke har en [upstream]-sektion")));
    }
    let mut config = merged(&national_text, &local_text, &shown).map_err(one)?;
    config.upstream = Some(upstream.clone());
    config.check_title(&shown).map_err(one)?;
    let local_theme = local_table(&local_text).get("theme").and_then(|t| t.as_str()).unwrap_or("default").to_string();
    config.theme = local_theme.clone();
    let layers = vec![
        Layer { root: national_root, theme: national.theme, label: Some("national") },
        Layer { root: root.to_path_buf(), theme: local_theme, label: Some("lokal") },
    ];
    Ok((config, Layers { layers, hidden: upstream.hide }))
}

/// The national handbook's folder, checked: it exists and is a triobog site.
fn national_folder(root: &Path, upstream: &UpstreamConfig, text: &str, shown: &Path) -> Result<PathBuf, Diagnostic> {
    let at = |message: String, hint: &str| {
        let offset = text.find("path").unwrap_or(0);
        Diagnostic::at(shown, text, offset, message).with_hint(hint)
    };
    let folder = root.join(&upstream.path);
    if !folder.is_dir() {
        return Err(at(
            format!("`[upstream] path = \"{}\"` peger på {}, som ikke findes", upstream.path, folder.display()),
            "skriv stien til den nationale håndbogs mappe (den med site.toml og content/), set fra denne site.toml",
        ));
    }
    if !folder.join("site.toml").is_file() || !folder.join("content").is_dir() {
        return Err(at(
            format!("{} er ikke en triobog-håndbog: der mangler site.toml eller content/", folder.display()),
            "peg på mappen med den nationale håndbogs site.toml og content/",
        ));
    }
    std::fs::canonicalize(&folder).map_err(|e| at(format!("kan ikke læse {}: {e}", folder.display()), "tjek stien"))
}

/// The local `site.toml` as a table (already checked to parse).
fn local_table(text: &str) -> Table {
    text.parse::<Table>().unwrap_or_default()
}

/// The national `site.toml` with every key the local one sets laid over it, table by table
/// (so `[branding] name` replaces the national name and keeps its colours).
fn merged(national: &str, local: &str, shown: &Path) -> Result<Config, Diagnostic> {
    let mut table = national.parse::<Table>().unwrap_or_default();
    let mut local = local_table(local);
    local.remove("upstream");
    lay_over(&mut table, local);
    table.try_into().map_err(|e: toml::de::Error| {
        Diagnostic::file(shown, format!("den lokale og den nationale site.toml passer ikke sammen: {}", e.message()))
            .with_hint("ret værdien i den lokale site.toml, så den har samme type som i den nationale")
    })
}

/// Lays `top` over `base`: tables key by key, every other value replaced.
fn lay_over(base: &mut Table, top: Table) {
    for (key, value) in top {
        match (base.get_mut(&key), value) {
            (Some(toml::Value::Table(b)), toml::Value::Table(t)) => lay_over(b, t),
            (_, value) => {
                base.insert(key, value);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_local_file_wins_key_by_key_and_tables_merge() {
        let national = "title = \"National\"\nbase_url = \"https://n.dk/\"\n[branding]\nname = \"N\"\nprimary_color = \"#111111\"\n[search.synonyms]\nTR = [\"tillidsrepræsentant\"]\n";
        let local = "title = \"Lokal\"\n[branding]\nname = \"Kommunen\"\n[search.synonyms]\nFTR = [\"fællestillidsrepræsentant\"]\n[upstream]\npath = \"..\"\n";
        let config = merged(national, local, Path::new("lokal: site.toml")).unwrap();
        assert_eq!(config.title, "Lokal");
        assert_eq!(config.base_url, "https://n.dk/");
        assert_eq!(config.branding.name, "Kommunen");
        assert_eq!(config.branding.primary_color, "#111111");
        assert_eq!(config.search.synonyms.len(), 2);
    }
}
