//! Links in the content's Markdown, resolved: `@/` and relative links to pages (with their
//! anchors), to files beside them, to the site's static files and to the pages the engine
//! makes. An unknown target is a diagnostic at the link, with the nearest known one as a hint.

use std::collections::HashMap;
use std::sync::Arc;

use crate::config::Layers;
use crate::content::Page;
use crate::diagnostics::{Diagnostic, Diagnostics, did_you_mean};
use crate::markdown::LinkRef;
use crate::model::ids::{PageId, PerPage};
use crate::model::urls::GENERATED_PAGES;

/// What a link of the content can point at: the pages (by source path), the assets, and the
/// static files of the site and its theme.
#[derive(Clone, Copy)]
pub struct LinkTargets<'a> {
    /// Every page.
    pub pages: &'a PerPage<Arc<Page>>,
    /// Source path → page.
    pub by_source: &'a HashMap<String, PageId>,
    /// Files under `content/` that are not Markdown.
    pub assets: &'a HashMap<&'a str, ()>,
    /// The folders the site is built from, where `static/` and `themes/` are, and the national
    /// pages left out.
    pub layers: &'a Layers,
}

/// Where a link was written, for its diagnostics.
struct At<'a> {
    page: &'a Page,
    link: &'a LinkRef,
}

impl At<'_> {
    fn error(&self, message: String, hint: String) -> Diagnostic {
        Diagnostic::at(&self.page.shown_path, &self.page.text, self.page.body_offset + self.link.offset, message)
            .with_hint(hint)
    }
}

/// A link's target as a root-relative URL; `#` and an error where the target does not exist.
pub fn resolve_link(page: &Page, link: &LinkRef, targets: LinkTargets, diagnostics: &mut Diagnostics) -> String {
    let at = At { page, link };
    let (path, anchor) = match link.dest.split_once('#') {
        Some((p, a)) => (p, Some(a)),
        None => (link.dest.as_str(), None),
    };
    let result = if let Some(rest) = path.strip_prefix('/') {
        static_link(rest, targets, &at)
    } else {
        content_link(path, anchor, targets, &at)
    };
    result.unwrap_or_else(|d| {
        diagnostics.push(d);
        "#".into()
    })
}

/// A root-absolute link: a file under `static/` (the site's or the theme's).
fn static_link(rest: &str, targets: LinkTargets, at: &At) -> Result<String, Diagnostic> {
    if crate::theme::static_exists(targets.layers, rest) {
        return Ok(rest.to_string());
    }
    Err(at.error(
        format!("filen /{rest} findes ikke i static/"),
        "læg filen i static/, eller skriv stien relativt til denne fil".into(),
    ))
}

/// A link into `content/`: `@/…` from its root or relative to the page's folder.
fn content_link(path: &str, anchor: Option<&str>, targets: LinkTargets, at: &At) -> Result<String, Diagnostic> {
    let (page, link) = (at.page, at.link);
    let Some(target) = path.strip_prefix("@/").map(str::to_string).or_else(|| normalize(page.folder(), path)) else {
        return Err(at.error(
            format!("linket \"{}\" peger uden for content/", link.dest),
            "link til en fil i content/, fx @/vaerktoejer/dilemmavaerksted.md".into(),
        ));
    };
    if let Some(generated) = GENERATED_PAGES.iter().find(|g| target == **g || target.strip_suffix('/') == Some(g)) {
        return Ok(match anchor {
            Some(a) => format!("{generated}/index.html#{a}"),
            None => format!("{generated}/index.html"),
        });
    }
    if target.ends_with(".md") || link.dest.starts_with("@/") {
        return page_link(&target, anchor, targets, at);
    }
    if targets.assets.contains_key(target.as_str()) {
        return Ok(target);
    }
    let what = if link.is_image { "billedet" } else { "filen" };
    Err(at.error(
        format!("{what} content/{target} findes ikke"),
        format!("læg {what} i content/{} eller ret stien", page.folder()),
    ))
}

/// A link to the page whose source is `target`, with the anchor checked against its headings
/// and items.
fn page_link(target: &str, anchor: Option<&str>, targets: LinkTargets, at: &At) -> Result<String, Diagnostic> {
    let Some(&i) = targets.by_source.get(target) else {
        if targets.layers.hidden.iter().any(|h| h == target) {
            return Err(at.error(
                format!("linket peger på @/{target}, som er skjult med `hide` under [upstream] i site.toml"),
                "fjern linket, eller tag siden ud af hide-listen".into(),
            ));
        }
        let hint = match did_you_mean(target, targets.by_source.keys().map(String::as_str)) {
            Some(n) => format!("mente du @/{n}?"),
            None => "stien skrives fra content/, fx @/vaerktoejer/dilemmavaerksted.md".into(),
        };
        return Err(at.error(format!("linket peger på @/{target}, som ikke findes"), hint));
    };
    let target_page = &targets.pages[i];
    let mut url = target_page.output_file();
    let Some(anchor) = anchor.filter(|a| !a.is_empty()) else { return Ok(url) };
    if !target_page.markdown.has_anchor(anchor) {
        return Err(at.error(
            format!("ankeret #{anchor} findes ikke i {}", target_page.shown_path.display()),
            anchor_hint(target_page, anchor),
        ));
    }
    url.push('#');
    url.push_str(anchor);
    Ok(url)
}

/// The nearest anchor of `page` to `anchor`, or its headings when none is near.
fn anchor_hint(page: &Page, anchor: &str) -> String {
    let md = &page.markdown;
    let ids = md.headings.iter().map(|h| h.id.as_str()).chain(md.anchored_items().map(|i| i.id.as_str()));
    match did_you_mean(anchor, ids) {
        Some(n) => format!("mente du #{n}?"),
        None => format!(
            "{} har overskrifterne: {}",
            page.shown_path.display(),
            md.headings.iter().map(|h| format!("#{}", h.id)).collect::<Vec<_>>().join(", ")
        ),
    }
}

/// Joins a relative path onto a folder, refusing to climb above `content/`.
fn normalize(folder: &str, path: &str) -> Option<String> {
    let mut parts: Vec<&str> = folder.split('/').filter(|s| !s.is_empty()).collect();
    for seg in path.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            s => parts.push(s),
        }
    }
    Some(parts.join("/"))
}

#[cfg(test)]
mod tests {
    use super::normalize;

    #[test]
    fn relative_paths_cannot_leave_content() {
        assert_eq!(normalize("a/b", "../c.png").as_deref(), Some("a/c.png"));
        assert_eq!(normalize("", "../../etc/passwd"), None);
    }
}
