//! The model made whole: links, references between files, sections, taxonomies, back-references.
//!
//! Takes the loaded pages and produces a read-only [`Site`]; every unknown target is a
//! diagnostic naming the file and line where it was written.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;
use std::sync::Arc;

use crate::config::Config;
use crate::content::front_matter::SpannedRef;
use crate::content::{Asset, Kind, KindData, Page};
use crate::diagnostics::{Diagnostic, Diagnostics, did_you_mean};
use crate::slug::slugify;

/// A taxonomy term (a theme, a sector) and the pages that carry it.
#[derive(Debug, Clone)]
pub struct Term {
    pub name: String,
    pub slug: String,
    pub pages: Vec<usize>,
}

/// A taxonomy with its listing pages: `temaer/`, `sektorer/`.
#[derive(Debug, Clone)]
pub struct Taxonomy {
    /// Folder of the listing pages, e.g. `temaer`.
    pub slug: &'static str,
    /// Danish name for headings ("Temaer").
    pub title: &'static str,
    /// Danish name of one term ("Tema").
    pub singular: &'static str,
    pub terms: Vec<Term>,
}

/// The whole site, resolved. Pages are referred to by their index in `pages`.
pub struct Site {
    pub config: Config,
    pub pages: Vec<Arc<Page>>,
    pub assets: Vec<Asset>,
    pub by_source: HashMap<String, usize>,
    /// Slug → page index, for each kind that is referred to by slug.
    pub tools: BTreeMap<String, usize>,
    pub decks: BTreeMap<String, usize>,
    pub question_sets: BTreeMap<String, usize>,
    /// The front page (`content/_index.md`), if there is one.
    pub home: Option<usize>,
    /// Per page: the section it belongs to.
    pub parent: Vec<Option<usize>>,
    /// Per page: its ordered children, if it is a section.
    pub children: Vec<Vec<usize>>,
    /// Per page: the root-relative URL of each link placeholder in its HTML.
    pub link_targets: Vec<Vec<String>>,
    /// Per page: resolved `tools`, `decks`, `questions` (and a question set's `tool`).
    pub tool_refs: Vec<Vec<usize>>,
    pub deck_refs: Vec<Vec<usize>>,
    pub question_refs: Vec<Vec<usize>>,
    /// Back-references: tool → cases that used it, tool → its question sets, deck → tools using it.
    pub cases_by_tool: HashMap<usize, Vec<usize>>,
    pub questions_by_tool: HashMap<usize, Vec<usize>>,
    pub tools_by_deck: HashMap<usize, Vec<usize>>,
    pub taxonomies: Vec<Taxonomy>,
}

impl Site {
    /// Pages of a kind, in a stable order (section order where possible, then title).
    pub fn pages_of(&self, kind: Kind) -> Vec<usize> {
        let mut v: Vec<usize> =
            (0..self.pages.len()).filter(|&i| self.pages[i].kind() == kind && !self.pages[i].is_section).collect();
        v.sort_by(|&a, &b| order_key(&self.pages[a]).cmp(&order_key(&self.pages[b])));
        v
    }

    /// The chain of sections from the front page down to (not including) `page`.
    pub fn ancestors(&self, page: usize) -> Vec<usize> {
        let mut chain = Vec::new();
        let mut cur = self.parent[page];
        while let Some(p) = cur {
            if chain.contains(&p) {
                break;
            }
            chain.push(p);
            cur = self.parent[p];
        }
        chain.reverse();
        chain
    }

    /// The wheel page, if any page carries the annual wheel's data.
    pub fn wheel_page(&self) -> Option<usize> {
        self.pages.iter().position(|p| matches!(&p.data, KindData::Page { wheel: Some(_) }))
    }
}

/// Sort key within a section: weight, then title case-insensitively.
fn order_key(p: &Page) -> (i64, String) {
    (p.weight, p.title.to_lowercase())
}

/// Resolves links and references, builds sections and taxonomies. Problems go to `diagnostics`.
/// `failed` are the sources of files that could not be loaded: references to them are not
/// reported a second time.
pub fn resolve_site(
    config: Config,
    mut pages: Vec<Arc<Page>>,
    assets: Vec<Asset>,
    failed: &[String],
    root: &Path,
    diagnostics: &mut Diagnostics,
) -> Site {
    let failed_slugs: Vec<&str> = failed.iter().filter_map(|s| s.rsplit('/').next()?.strip_suffix(".md")).collect();
    pages.sort_by(|a, b| a.source.cmp(&b.source));
    let by_source: HashMap<String, usize> = pages.iter().enumerate().map(|(i, p)| (p.source.clone(), i)).collect();
    check_duplicate_urls(&pages, diagnostics);
    warn_dropped_markup(&pages, diagnostics);

    let index_of = |kind: Kind| -> BTreeMap<String, usize> {
        pages
            .iter()
            .enumerate()
            .filter(|(_, p)| p.kind() == kind && !p.is_section)
            .map(|(i, p)| (p.slug.clone(), i))
            .collect()
    };
    let tools = index_of(Kind::Tool);
    let decks = index_of(Kind::Deck);
    let question_sets = index_of(Kind::Questions);

    let (parent, children) = build_sections(&pages);
    let home = by_source.get("_index.md").copied();
    warn_unused_nav_titles(&pages, &parent, home, diagnostics);
    let asset_sources: HashMap<&str, ()> = assets.iter().map(|a| (a.source.as_str(), ())).collect();

    let targets =
        LinkTargets { pages: &pages, by_source: &by_source, assets: &asset_sources, root, theme_name: &config.theme };
    let link_targets: Vec<Vec<String>> = pages
        .iter()
        .map(|page| {
            page.markdown
                .links
                .iter()
                .map(|link| {
                    let target = link.dest.strip_prefix("@/").map(|d| d.split('#').next().unwrap_or(d));
                    if target.is_some_and(|t| failed.iter().any(|f| f == t)) {
                        return "#".to_string();
                    }
                    resolve_link(page, link, targets, diagnostics)
                })
                .collect()
        })
        .collect();

    let n = pages.len();
    let (mut tool_refs, mut deck_refs, mut question_refs) =
        (vec![Vec::new(); n], vec![Vec::new(); n], vec![Vec::new(); n]);
    let mut cases_by_tool: HashMap<usize, Vec<usize>> = HashMap::new();
    let mut questions_by_tool: HashMap<usize, Vec<usize>> = HashMap::new();
    let mut tools_by_deck: HashMap<usize, Vec<usize>> = HashMap::new();
    for (i, page) in pages.iter().enumerate() {
        match &page.data {
            KindData::Tool(t) => {
                deck_refs[i] = resolve_refs(page, &t.decks, &decks, "udsagnskort", &failed_slugs, diagnostics);
                question_refs[i] =
                    resolve_refs(page, &t.questions, &question_sets, "spørgsmålssæt", &failed_slugs, diagnostics);
                for &d in &deck_refs[i] {
                    tools_by_deck.entry(d).or_default().push(i);
                }
                for &q in &question_refs[i] {
                    questions_by_tool.entry(i).or_default().push(q);
                }
            }
            KindData::Case(c) => {
                tool_refs[i] = resolve_refs(page, &c.tools, &tools, "værktøj", &failed_slugs, diagnostics);
                for &t in &tool_refs[i] {
                    cases_by_tool.entry(t).or_default().push(i);
                }
            }
            KindData::Questions(q) => {
                if let Some(t) = &q.tool {
                    tool_refs[i] =
                        resolve_refs(page, std::slice::from_ref(t), &tools, "værktøj", &failed_slugs, diagnostics);
                    for &t in &tool_refs[i] {
                        questions_by_tool.entry(t).or_default().push(i);
                    }
                }
            }
            _ => {}
        }
    }
    for list in cases_by_tool.values_mut().chain(questions_by_tool.values_mut()).chain(tools_by_deck.values_mut()) {
        list.sort_by(|&a, &b| order_key(&pages[a]).cmp(&order_key(&pages[b])));
        list.dedup();
    }

    let taxonomies = build_taxonomies(&pages);
    Site {
        config,
        pages,
        assets,
        by_source,
        tools,
        decks,
        question_sets,
        home,
        parent,
        children,
        link_targets,
        tool_refs,
        deck_refs,
        question_refs,
        cases_by_tool,
        questions_by_tool,
        tools_by_deck,
        taxonomies,
    }
}

/// Two files that would be written to the same place is an error on both.
fn check_duplicate_urls(pages: &[Arc<Page>], diagnostics: &mut Diagnostics) {
    let mut seen: HashMap<&str, &Arc<Page>> = HashMap::new();
    for page in pages {
        if let Some(other) = seen.insert(&page.url, page) {
            diagnostics.push(
                Diagnostic::file(
                    &page.shown_path,
                    format!("siden får samme adresse (/{}) som {}", page.url, other.shown_path.display()),
                )
                .with_hint("giv en af filerne et andet navn, eller sæt `slug = \"...\"` i dens front matter"),
            );
        }
    }
}

fn warn_dropped_markup(pages: &[Arc<Page>], diagnostics: &mut Diagnostics) {
    for page in pages {
        for &offset in &page.markdown.dropped_html {
            diagnostics.push(
                Diagnostic::at(&page.shown_path, &page.text, page.body_offset + offset, "rå HTML er udeladt af siden")
                    .with_hint(
                        "skriv indholdet i Markdown, eller tillad HTML med `[markdown] allow_html = true` i site.toml",
                    )
                    .warning(),
            );
        }
        for &offset in &page.markdown.unsafe_links {
            diagnostics.push(
                Diagnostic::at(
                    &page.shown_path,
                    &page.text,
                    page.body_offset + offset,
                    "linket bruger en adresse-type, der ikke er tilladt",
                )
                .with_hint("brug http://, https://, mailto: eller et link til en fil i content/ med @/"),
            );
        }
    }
}

/// A `nav_title` names a page in the top menu, which lists the front page's sections only:
/// on any other page it shows nowhere, which its editor should hear.
fn warn_unused_nav_titles(
    pages: &[Arc<Page>],
    parent: &[Option<usize>],
    home: Option<usize>,
    diagnostics: &mut Diagnostics,
) {
    for (i, page) in pages.iter().enumerate() {
        if page.nav_title.is_none() || (page.is_section && home.is_some() && parent[i] == home) {
            continue;
        }
        let at = page.text[..page.body_offset].find("nav_title").unwrap_or(0);
        diagnostics.push(
            Diagnostic::at(&page.shown_path, &page.text, at, "`nav_title` vises ingen steder: siden er ikke et afsnit i menuen øverst")
                .with_hint("menuen viser de mapper, der har en _index.md direkte i content/; slet linjen, eller sæt den i en af dem")
                .warning(),
        );
    }
}

/// Sections come from folders with `_index.md`; a page belongs to the nearest one above it.
fn build_sections(pages: &[Arc<Page>]) -> (Vec<Option<usize>>, Vec<Vec<usize>>) {
    let section_by_folder: HashMap<&str, usize> =
        pages.iter().enumerate().filter(|(_, p)| p.is_section).map(|(i, p)| (p.folder(), i)).collect();
    let nearest = |mut folder: &str| -> Option<usize> {
        loop {
            if let Some(&i) = section_by_folder.get(folder) {
                return Some(i);
            }
            if folder.is_empty() {
                return None;
            }
            folder = folder.rfind('/').map_or("", |i| &folder[..i]);
        }
    };
    let parent: Vec<Option<usize>> = pages
        .iter()
        .map(|p| {
            if p.is_section {
                let folder = p.folder();
                if folder.is_empty() { None } else { nearest(folder.rfind('/').map_or("", |i| &folder[..i])) }
            } else {
                nearest(p.folder())
            }
        })
        .collect();
    let mut children = vec![Vec::new(); pages.len()];
    for (i, p) in parent.iter().enumerate() {
        if let Some(p) = p {
            children[*p].push(i);
        }
    }
    for list in &mut children {
        list.sort_by(|&a, &b| order_key(&pages[a]).cmp(&order_key(&pages[b])));
    }
    (parent, children)
}

/// What a link of the content can point at: the pages (by source path), the assets, and the
/// static files of the site and its theme.
#[derive(Clone, Copy)]
struct LinkTargets<'a> {
    pages: &'a [Arc<Page>],
    by_source: &'a HashMap<String, usize>,
    assets: &'a HashMap<&'a str, ()>,
    root: &'a Path,
    theme_name: &'a str,
}

/// A link's target as a root-relative URL; an error where the target does not exist.
fn resolve_link(
    page: &Page,
    link: &crate::markdown::LinkRef,
    targets: LinkTargets,
    diagnostics: &mut Diagnostics,
) -> String {
    let LinkTargets { pages, by_source, assets, root, theme_name } = targets;
    let theme_name = theme_name.to_string();
    let error = |message: String, hint: String| {
        Diagnostic::at(&page.shown_path, &page.text, page.body_offset + link.offset, message).with_hint(hint)
    };
    let (path, anchor) = match link.dest.split_once('#') {
        Some((p, a)) => (p, Some(a)),
        None => (link.dest.as_str(), None),
    };
    // Root-absolute: a file under static/ (the site's or the theme's).
    if let Some(rest) = path.strip_prefix('/') {
        let in_theme = |theme: &str| root.join("themes").join(theme).join("static").join(rest).is_file();
        if root.join("static").join(rest).is_file()
            || in_theme(&theme_name)
            || in_theme("default")
            || crate::theme::embedded_static_exists(rest)
        {
            return rest.to_string();
        }
        diagnostics.push(error(
            format!("filen /{rest} findes ikke i static/"),
            "læg filen i static/, eller skriv stien relativt til denne fil".into(),
        ));
        return "#".into();
    }
    let relative_to_content = path.strip_prefix("@/").map(str::to_string).or_else(|| normalize(page.folder(), path));
    let Some(target) = relative_to_content else {
        diagnostics.push(error(
            format!("linket \"{}\" peger uden for content/", link.dest),
            "link til en fil i content/, fx @/vaerktoejer/dilemmavaerksted.md".into(),
        ));
        return "#".into();
    };
    if let Some(generated) = GENERATED_PAGES.iter().find(|g| target == **g || target.strip_suffix('/') == Some(g)) {
        return match anchor {
            Some(a) => format!("{generated}/index.html#{a}"),
            None => format!("{generated}/index.html"),
        };
    }
    if target.ends_with(".md") || link.dest.starts_with("@/") {
        let Some(&i) = by_source.get(&target) else {
            let near = did_you_mean(&target, by_source.keys().map(String::as_str));
            let hint = match near {
                Some(n) => format!("mente du @/{n}?"),
                None => "stien skrives fra content/, fx @/vaerktoejer/dilemmavaerksted.md".into(),
            };
            diagnostics.push(error(format!("linket peger på @/{target}, som ikke findes"), hint));
            return "#".into();
        };
        let target_page = &pages[i];
        let mut url = target_page.output_file();
        if let Some(anchor) = anchor.filter(|a| !a.is_empty()) {
            if !target_page.markdown.has_anchor(anchor) {
                let ids = target_page
                    .markdown
                    .headings
                    .iter()
                    .map(|h| h.id.as_str())
                    .chain(target_page.markdown.items.iter().map(|i| i.id.as_str()));
                let hint = match did_you_mean(anchor, ids) {
                    Some(n) => format!("mente du #{n}?"),
                    None => format!(
                        "{} har overskrifterne: {}",
                        target_page.shown_path.display(),
                        target_page
                            .markdown
                            .headings
                            .iter()
                            .map(|h| format!("#{}", h.id))
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                };
                diagnostics
                    .push(error(format!("ankeret #{anchor} findes ikke i {}", target_page.shown_path.display()), hint));
            }
            url.push('#');
            url.push_str(anchor);
        }
        return url;
    }
    if assets.contains_key(target.as_str()) {
        return target;
    }
    let what = if link.is_image { "billedet" } else { "filen" };
    diagnostics.push(error(
        format!("{what} content/{target} findes ikke"),
        format!("læg {what} i content/{} eller ret stien", page.folder()),
    ));
    "#".into()
}

/// Pages the engine makes itself, which content may link to as `@/print/` and so on.
pub const GENERATED_PAGES: &[&str] = &["print", "temaer", "sektorer", "tilgaengelighed", "soeg"];

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

/// Front-matter slugs → page indices; unknown slugs are errors with a "did you mean".
fn resolve_refs(
    page: &Page,
    refs: &[SpannedRef],
    index: &BTreeMap<String, usize>,
    what: &str,
    failed: &[&str],
    diagnostics: &mut Diagnostics,
) -> Vec<usize> {
    let mut out = Vec::new();
    for r in refs.iter().filter(|r| !failed.contains(&r.slug.as_str())) {
        match index.get(&r.slug) {
            Some(&i) => out.push(i),
            None => {
                let hint = match did_you_mean(&r.slug, index.keys().map(String::as_str)) {
                    Some(near) => format!("mente du `{near}`?"),
                    None if index.is_empty() => format!("der findes ingen {what} endnu"),
                    None => format!("kendte: {}", index.keys().map(String::as_str).collect::<Vec<_>>().join(", ")),
                };
                diagnostics.push(
                    Diagnostic::at(&page.shown_path, &page.text, r.offset, format!("ukendt {what} `{}`", r.slug))
                        .with_hint(hint),
                );
            }
        }
    }
    out
}

/// Themes and sectors of the cases, each term with its pages sorted by title.
fn build_taxonomies(pages: &[Arc<Page>]) -> Vec<Taxonomy> {
    let mut themes: BTreeMap<String, Term> = BTreeMap::new();
    let mut sectors: BTreeMap<String, Term> = BTreeMap::new();
    let add = |map: &mut BTreeMap<String, Term>, name: &str, page: usize| {
        let slug = slugify(name);
        if slug.is_empty() {
            return;
        }
        map.entry(slug.clone())
            .or_insert_with(|| Term { name: name.to_string(), slug, pages: Vec::new() })
            .pages
            .push(page);
    };
    for (i, page) in pages.iter().enumerate() {
        if let KindData::Case(c) = &page.data {
            for t in &c.meta.themes {
                add(&mut themes, t, i);
            }
            add(&mut sectors, &c.meta.sector, i);
        }
    }
    let finish = |map: BTreeMap<String, Term>| -> Vec<Term> {
        let mut terms: Vec<Term> = map.into_values().collect();
        for t in &mut terms {
            t.pages.sort_by(|&a, &b| pages[a].title.to_lowercase().cmp(&pages[b].title.to_lowercase()));
        }
        terms
    };
    vec![
        Taxonomy { slug: "temaer", title: "Temaer", singular: "Tema", terms: finish(themes) },
        Taxonomy { slug: "sektorer", title: "Sektorer", singular: "Sektor", terms: finish(sectors) },
    ]
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
