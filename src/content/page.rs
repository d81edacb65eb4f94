//! One Markdown file into a [`Page`]: read as UTF-8, front matter parsed, its address checked
//! (folder names and slug), its body rendered.

use std::path::Path;

use toml::Spanned;

use crate::content::front_matter::{Split, parse_front_matter, split_front_matter};
use crate::content::model::{Kind, Page};
use crate::content::walk::ContentFile;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::markdown::{ItemMode, render_markdown};
use crate::slug::{is_valid_slug, slugify};

/// Reads and parses one content file. `Ok(None)` for a draft that is left out.
pub fn load_page(file: &ContentFile, drafts: bool, allow_html: bool) -> Result<Option<Page>, Diagnostics> {
    let (source, shown) = (file.source.as_str(), file.shown.clone());
    let text = read_text(&shown, &file.path).map_err(one)?;
    let split = split_front_matter(&shown, &text).map_err(one)?;
    let (common, data) = parse_front_matter(&shown, &text, &split)?;
    if common.draft && !drafts {
        return Ok(None);
    }
    let place = Place::of(source);
    let slug = page_slug(&place, common.slug.as_ref(), &Located { shown: &shown, text: &text, split: &split })?;
    let url = match (place.folder, slug.as_str()) {
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
        based_on: common.based_on,
        is_section: place.is_section,
        slug,
        url,
        data,
        markdown,
        text,
    }))
}

/// The file as text: UTF-8, a byte-order mark dropped. Another encoding is an error at the
/// first byte that is not UTF-8.
fn read_text(shown: &Path, path: &Path) -> Result<String, Diagnostic> {
    let bytes = std::fs::read(path).map_err(|e| Diagnostic::file(shown, format!("kan ikke læse filen: {e}")))?;
    let text = match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let valid = e.utf8_error().valid_up_to();
            let good = String::from_utf8_lossy(&e.as_bytes()[..valid]).into_owned();
            let (line, column) = crate::diagnostics::line_col(&good, valid);
            let mut d = Diagnostic::file(shown, "filen er ikke gemt som UTF-8")
                .with_hint("gem filen igen med tegnsættet UTF-8 (i Notesblok: Gem som → Kodning: UTF-8)");
            d.line = line;
            d.column = column;
            return Err(d);
        }
    };
    Ok(text.strip_prefix('\u{feff}').map(str::to_owned).unwrap_or(text))
}

/// Where a file sits under `content/`.
struct Place<'a> {
    file_name: &'a str,
    folder: &'a str,
    /// A folder's `_index.md`.
    is_section: bool,
}

impl<'a> Place<'a> {
    fn of(source: &'a str) -> Place<'a> {
        let file_name = source.rsplit('/').next().unwrap_or(source);
        Place {
            file_name,
            folder: source.rfind('/').map_or("", |i| &source[..i]),
            is_section: file_name == "_index.md",
        }
    }
}

/// A file's text, for diagnostics at a place in it.
struct Located<'a> {
    shown: &'a Path,
    text: &'a str,
    split: &'a Split<'a>,
}

/// The page's last URL segment: its `slug`, else its file name (none for a section), with its
/// folders checked to make addresses too.
fn page_slug(place: &Place, slug: Option<&Spanned<String>>, at: &Located) -> Result<String, Diagnostics> {
    let mut diagnostics = Diagnostics::default();
    for segment in place.folder.split('/').filter(|s| !s.is_empty()) {
        if !is_valid_slug(segment) {
            diagnostics.push(
                Diagnostic::file(at.shown, format!("mappenavnet \"{segment}\" kan ikke bruges i en adresse"))
                    .with_hint(format!(
                        "omdøb mappen til \"{}\" (små bogstaver, tal og bindestreg; æ→ae, ø→oe, å→aa)",
                        slugify(segment)
                    )),
            );
        }
    }
    let offset = |s: &Spanned<String>| at.split.front_offset + s.span().start;
    let slug = match slug {
        Some(s) if place.is_section => {
            diagnostics.push(
                Diagnostic::at(at.shown, at.text, offset(s), "`slug` kan ikke bruges i _index.md")
                    .with_hint("en sektions adresse er mappens navn: omdøb mappen i stedet"),
            );
            String::new()
        }
        Some(s) if !is_valid_slug(s.get_ref()) => {
            diagnostics.push(
                Diagnostic::at(at.shown, at.text, offset(s), format!("slug \"{}\" er ikke tilladt", s.get_ref()))
                    .with_hint(format!(
                        "en slug må kun have små bogstaver a–z, tal og bindestreg, fx \"{}\"",
                        slugify(s.get_ref())
                    )),
            );
            String::new()
        }
        Some(s) => s.get_ref().clone(),
        None if place.is_section => String::new(),
        None => {
            let stem = place.file_name.trim_end_matches(".md");
            if !is_valid_slug(stem) {
                diagnostics.push(
                    Diagnostic::file(
                        at.shown,
                        format!("filnavnet \"{}\" kan ikke bruges i en adresse", place.file_name),
                    )
                    .with_hint(format!("omdøb filen til \"{}.md\", eller sæt `slug = \"...\"`", slugify(stem))),
                );
            }
            stem.to_string()
        }
    };
    if diagnostics.is_empty() { Ok(slug) } else { Err(diagnostics) }
}

fn one(d: Diagnostic) -> Diagnostics {
    Diagnostics(vec![d])
}
