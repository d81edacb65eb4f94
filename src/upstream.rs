//! The editor's tools for a local site over the national handbook: copy a national page into
//! the local site to change it (`triobog new --override`), see what the national page changed
//! since (`triobog diff-upstream`), and accept it (`--accept`).
//!
//! A copy records the stamp of the national text in its front matter (`based_on`), and keeps
//! that text in `.triobog/upstream/` beside `content/`, so that a later change of the national
//! page can be shown as the national editors made it, not mixed with the local changes.

use std::path::{Path, PathBuf};

use similar::TextDiff;

use crate::config::{Layers, load_site};
use crate::content::overrides::stamp;

/// Where the national text a local copy was made from is kept, under the local site's folder.
pub const SNAPSHOTS: &str = ".triobog/upstream";

/// The national and local files of `source` (a path under `content/`) in the site at `root`.
struct Pair {
    national: PathBuf,
    local: PathBuf,
    snapshot: PathBuf,
}

/// The two files of `source`, checked: the site is a local site and the national file exists.
fn pair(root: &Path, source: &str) -> Result<Pair, String> {
    let (_, layers) = load_site(root).map_err(|ds| ds.to_string())?;
    let source = source.trim_start_matches("content/").trim_start_matches('/');
    let national_layer = national(&layers)?;
    let national = national_layer.root.join("content").join(source);
    if !national.is_file() {
        return Err(format!(
            "den nationale håndbog har ingen content/{source}\nskriv stien som under content/, fx om-trio/lokal-retningslinje.md"
        ));
    }
    Ok(Pair { national, local: root.join("content").join(source), snapshot: root.join(SNAPSHOTS).join(source) })
}

fn national(layers: &Layers) -> Result<&crate::config::Layer, String> {
    layers.upstream().ok_or_else(|| {
        "siden bygger ikke på en national håndbog: tilføj [upstream] med path = \"...\" i site.toml".to_string()
    })
}

/// Copies the national page `source` into the local site, stamped with what it was made from,
/// so the local page replaces the national one. Refuses to overwrite a local file.
pub fn override_page(root: &Path, source: &str) -> Result<PathBuf, String> {
    let pair = pair(root, source)?;
    if pair.local.exists() {
        return Err(format!(
            "{} findes allerede i den lokale håndbog; se forskellen til den nationale med `triobog diff-upstream {source}`",
            pair.local.strip_prefix(root).unwrap_or(&pair.local).display()
        ));
    }
    let text = std::fs::read_to_string(&pair.national).map_err(|e| format!("kan ikke læse den nationale side: {e}"))?;
    write(&pair.local, &with_based_on(&text, &stamp(text.as_bytes())))?;
    write(&pair.snapshot, &text)?;
    Ok(pair.local)
}

/// A unified diff of what the national page `source` changed since the local copy was made
/// (from the kept national text); without one, of the local page against the national one.
/// Empty when nothing changed.
pub fn diff_upstream(root: &Path, source: &str) -> Result<String, String> {
    let pair = pair(root, source)?;
    let national =
        std::fs::read_to_string(&pair.national).map_err(|e| format!("kan ikke læse den nationale side: {e}"))?;
    let (old, old_name) = match std::fs::read_to_string(&pair.snapshot) {
        Ok(kept) => (kept, "national, da jeres kopi blev lavet"),
        Err(_) => {
            (std::fs::read_to_string(&pair.local).map_err(|e| format!("kan ikke læse den lokale side: {e}"))?, "lokal")
        }
    };
    let diff = TextDiff::from_lines(&old, &national);
    if diff.ratio() == 1.0 {
        return Ok(String::new());
    }
    Ok(diff.unified_diff().context_radius(3).header(old_name, "national nu").to_string())
}

/// Accepts the national page's current text: stamps the local page with it and keeps it as the
/// text later changes are shown against. Returns the new stamp.
pub fn accept(root: &Path, source: &str) -> Result<String, String> {
    let pair = pair(root, source)?;
    let national =
        std::fs::read_to_string(&pair.national).map_err(|e| format!("kan ikke læse den nationale side: {e}"))?;
    let local = std::fs::read_to_string(&pair.local)
        .map_err(|e| format!("kan ikke læse den lokale side ({e}); lav den med `triobog new --override {source}`"))?;
    let now = stamp(national.as_bytes());
    write(&pair.local, &with_based_on(&local, &now))?;
    write(&pair.snapshot, &national)?;
    Ok(now)
}

/// `text` with `based_on = "<stamp>"` in its front matter: the line replaced when there is one,
/// else added before the closing `+++`.
fn with_based_on(text: &str, stamp: &str) -> String {
    let line = format!("based_on = \"{stamp}\"");
    let mut lines: Vec<String> = text.split('\n').map(str::to_string).collect();
    let close = lines.iter().skip(1).position(|l| l.trim_end() == "+++").map(|i| i + 1);
    let Some(close) = close.filter(|_| lines.first().is_some_and(|l| l.trim_end() == "+++")) else {
        return format!("+++\n{line}\n+++\n{text}");
    };
    match lines[1..close].iter().position(|l| l.trim_start().starts_with("based_on")) {
        Some(i) => lines[i + 1] = line,
        None => lines.insert(close, line),
    }
    lines.join("\n")
}

fn write(path: &Path, text: &str) -> Result<(), String> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|e| format!("kan ikke oprette {}: {e}", dir.display()))?;
    }
    std::fs::write(path, text).map_err(|e| format!("kan ikke skrive {}: {e}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::with_based_on;

    #[test]
    fn based_on_is_added_before_the_closing_line_or_replaced() {
        let text = "+++\ntitle = \"A\"\n+++\n\nTekst.\n";
        assert_eq!(with_based_on(text, "abc"), "+++\ntitle = \"A\"\nbased_on = \"abc\"\n+++\n\nTekst.\n");
        let stamped = with_based_on(text, "abc");
        assert_eq!(with_based_on(&stamped, "def"), "+++\ntitle = \"A\"\nbased_on = \"def\"\n+++\n\nTekst.\n");
    }
}
