//! `triobog new <kind> "Titel"`: a new content file with the right front matter and headings,
//! placed where files of its kind live, which passes `check` as it is.
//!
//! The file is the theme's archetype for the kind (`themes/<name>/archetypes/<kind>.md`), so a
//! municipality can change what its editors start from. Its prose is placeholder text, and
//! `check` warns about every line of it still left in a page.

use std::path::{Path, PathBuf};

use crate::config::{Layers, load_site};
use crate::content::{Kind, Page};
use crate::diagnostics::Diagnostic;
use crate::slug::slugify;

/// The folder (under `content/`) a new file of `kind` goes to, when no file of that kind exists.
fn default_folder(kind: Kind) -> &'static str {
    match kind {
        Kind::Case => "cases",
        Kind::Tool => "vaerktoejer",
        Kind::Deck => "udsagnskort",
        Kind::Questions => "spoergsmaal",
        Kind::Page | Kind::Part => "",
    }
}

/// Where files of `kind` already live (in the local site, else in the national handbook
/// under it): the folder of the first one found, else the default. Always in the local site.
fn folder_for(root: &Path, kind: Kind) -> PathBuf {
    let content = root.join("content");
    let layers = site_layers(root);
    if kind != Kind::Page {
        for layer in layers.layers.iter().rev() {
            if let Some(folder) = folder_of_kind(&layer.root.join("content"), kind) {
                return content.join(folder);
            }
        }
    }
    content.join(default_folder(kind))
}

/// The folder, relative to `content`, of the first file of `kind` under it.
fn folder_of_kind(content: &Path, kind: Kind) -> Option<PathBuf> {
    let wanted = format!("kind = \"{}\"", kind.name());
    walkdir::WalkDir::new(content).sort_by_file_name().into_iter().filter_map(Result::ok).find_map(|entry| {
        let is_page = entry.file_type().is_file()
            && entry.path().extension().is_some_and(|e| e == "md")
            && entry.file_name() != "_index.md";
        let of_kind = is_page
            && std::fs::read_to_string(entry.path()).is_ok_and(|t| t.lines().take(30).any(|l| l.trim() == wanted));
        of_kind.then(|| entry.path().parent()?.strip_prefix(content).ok().map(Path::to_path_buf)).flatten()
    })
}

/// The folders of the site at `root` (one, when its `site.toml` cannot be read: `new` must
/// work in a site that does not build yet).
fn site_layers(root: &Path) -> Layers {
    load_site(root).map_or_else(|_| Layers::single(root, "default"), |(_, layers)| layers)
}

/// Writes the new file and returns its path. Refuses to overwrite anything.
pub fn new_content(root: &Path, kind: Kind, title: &str) -> Result<PathBuf, String> {
    if kind == Kind::Part {
        return Err(
            "dele oprettes ikke med `new`: opret en mappe med en _index.md, der har kind = \"part\" og number = …"
                .into(),
        );
    }
    let title = title.trim();
    let slug = slugify(title);
    if slug.is_empty() {
        return Err(format!("titlen \"{title}\" giver ikke noget filnavn; skriv en titel med bogstaver eller tal"));
    }
    let dir = folder_for(root, kind);
    let path = dir.join(format!("{slug}.md"));
    if path.exists() {
        return Err(format!(
            "{} findes allerede; vælg en anden titel, eller ret den eksisterende fil",
            display(root, &path)
        ));
    }
    std::fs::create_dir_all(&dir).map_err(|e| format!("kan ikke oprette {}: {e}", display(root, &dir)))?;
    let text = archetype_for(root, kind)?.replace(TITLE_MARK, &toml_string(title));
    // create_new: never replace a file that appeared meanwhile.
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path)
        .map_err(|e| format!("kan ikke skrive {}: {e}", display(root, &path)))?;
    std::io::Write::write_all(&mut file, text.as_bytes())
        .map_err(|e| format!("kan ikke skrive {}: {e}", display(root, &path)))?;
    Ok(path)
}

fn display(root: &Path, p: &Path) -> String {
    p.strip_prefix(root).unwrap_or(p).display().to_string()
}

/// TOML-escapes a title for a basic string.
fn toml_string(s: &str) -> String {
    let escaped = s.replace('\\', "\\\\").replace('"', "\\\"");
    format!("\"{escaped}\"")
}

/// What stands for the title in an archetype.
const TITLE_MARK: &str = "{{ title }}";

/// Front-matter keys whose archetype value is text for the editor to replace. Settings such as
/// `weight`, `color` or `phase` have values that are fine as they are.
const FREE_TEXT_KEYS: [&str; 6] = ["description", "summary", "workplace", "sector", "purpose", "theme"];

/// The archetype for `kind` from the site's theme stack.
fn archetype_for(root: &Path, kind: Kind) -> Result<String, String> {
    crate::theme::archetype(&site_layers(root), kind.name())
}

/// The placeholder text of one archetype: what an editor is meant to replace.
pub struct Placeholders {
    /// Free-text front-matter values, by key: `summary` → "Skriv et kort resumé af casen."
    values: Vec<(String, String)>,
    /// Body lines, trimmed: prose and example items, not headings or blank lines.
    lines: std::collections::HashSet<String>,
}

impl Placeholders {
    /// The placeholder text of the site's archetype for `kind`; none for a part, which `new`
    /// does not make, or when the archetype cannot be read.
    pub fn for_kind(root: &Path, kind: Kind) -> Placeholders {
        let archetype = if kind == Kind::Part { None } else { archetype_for(root, kind).ok() };
        Placeholders::of(archetype.as_deref().unwrap_or(""))
    }

    /// The placeholder text of an archetype's `text`.
    pub fn of(text: &str) -> Placeholders {
        let (front, body) = split_archetype(text);
        let values = front
            .lines()
            .filter_map(string_value)
            .filter(|(k, v)| FREE_TEXT_KEYS.contains(k) && !v.contains(TITLE_MARK))
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        let lines = body
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#') && !l.contains(TITLE_MARK))
            .map(str::to_string)
            .collect();
        Placeholders { values, lines }
    }

    /// A warning for every line of `page` that still holds placeholder text.
    pub fn warnings(&self, page: &Page) -> Vec<Diagnostic> {
        let mut warnings = Vec::new();
        let mut offset = 0;
        for line in page.text.split_inclusive('\n') {
            let at = offset;
            offset += line.len();
            let left = if at < page.body_offset {
                string_value(line)
                    .filter(|(k, v)| self.values.iter().any(|(pk, pv)| pk == k && pv == v))
                    .map(|(_, v)| (line.find(v).unwrap_or(0), v))
            } else {
                let trimmed = line.trim();
                self.lines.contains(trimmed).then(|| (line.find(trimmed).unwrap_or(0), trimmed))
            };
            if let Some((column, text)) = left {
                warnings.push(
                    Diagnostic::at(
                        &page.shown_path,
                        &page.text,
                        at + column,
                        format!("pladsholderteksten fra `triobog new` står her stadig: \"{text}\""),
                    )
                    .with_hint("skriv din egen tekst i stedet, eller slet linjen")
                    .warning(),
                );
            }
        }
        warnings
    }
}

/// An archetype's front matter and body (the text between and after its `+++` lines).
fn split_archetype(text: &str) -> (&str, &str) {
    let rest = text.strip_prefix("+++\n").unwrap_or(text);
    rest.split_once("\n+++\n").unwrap_or(("", rest))
}

/// `key` and `value` of a front-matter line `key = "value"` (a one-line basic string).
fn string_value(line: &str) -> Option<(&str, &str)> {
    let (key, value) = line.split_once('=')?;
    let value = value.trim().strip_prefix('"')?.strip_suffix('"')?;
    (!value.contains('"')).then_some((key.trim(), value))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_prose_and_free_text_values_not_settings_or_headings() {
        let p = Placeholders::of(
            "+++\nkind = \"case\"\ntitle = {{ title }}\nsummary = \"Skriv et resumé.\"\nsector = \"Sektor\"\nweight = 100\n+++\n\n## Udgangspunktet\n\nHvad var problemet?\n- Et eksempel.\n",
        );
        let mut values = p.values.clone();
        values.sort();
        assert_eq!(
            values,
            [("sector".to_string(), "Sektor".to_string()), ("summary".to_string(), "Skriv et resumé.".to_string())]
        );
        let mut lines: Vec<_> = p.lines.iter().cloned().collect();
        lines.sort();
        assert_eq!(lines, ["- Et eksempel.", "Hvad var problemet?"]);
    }
}
