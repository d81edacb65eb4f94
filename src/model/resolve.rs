//! The model made whole: takes the loaded pages and produces the read-only [`Site`] — links,
//! references between files, sections, taxonomies, back-references. Every unknown target is a
//! diagnostic naming the file and line where it was written.

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use crate::config::{Config, Layers};
use crate::content::model::SpannedRef;
use crate::content::{Asset, Kind, KindData, Page};
use crate::diagnostics::{Diagnostic, Diagnostics, did_you_mean};
use crate::model::ids::{PageId, PerPage};
use crate::model::links::{LinkTargets, resolve_link};
use crate::model::sections::{build_sections, build_taxonomies};
use crate::model::site::{Site, order_key};

/// Resolves links and references, builds sections and taxonomies. Problems go to `diagnostics`.
/// `failed` are the sources of files that could not be loaded: references to them are not
/// reported a second time.
pub fn resolve_site(
    config: Config,
    layers: Layers,
    mut pages: Vec<Arc<Page>>,
    assets: Vec<Asset>,
    failed: &[String],
    diagnostics: &mut Diagnostics,
) -> Site {
    pages.sort_by(|a, b| a.source.cmp(&b.source));
    let pages: PerPage<Arc<Page>> = pages.into();
    let by_source: HashMap<String, PageId> = pages.enumerate().map(|(i, p)| (p.source.clone(), i)).collect();
    check_duplicate_urls(&pages, diagnostics);
    warn_dropped_markup(&pages, diagnostics);
    report_figure_errors(&pages, diagnostics);

    let (parent, children) = build_sections(&pages);
    let home = by_source.get("_index.md").copied();
    warn_unused_nav_titles(&pages, &parent, home, diagnostics);
    let asset_sources: HashMap<&str, ()> = assets.iter().map(|a| (a.source.as_str(), ())).collect();
    let targets = LinkTargets { pages: &pages, by_source: &by_source, assets: &asset_sources, layers: &layers };
    let link_targets = resolve_links(targets, failed, diagnostics);
    let slugs = Slugs::of(&pages);
    let refs = resolve_references(&pages, &slugs, failed, &layers.hidden, diagnostics);
    let taxonomies = build_taxonomies(&pages);
    Site {
        config,
        layers,
        pages,
        assets,
        by_source,
        tools: slugs.tools,
        decks: slugs.decks,
        question_sets: slugs.question_sets,
        home,
        parent,
        children,
        link_targets,
        tool_refs: refs.tool_refs,
        deck_refs: refs.deck_refs,
        question_refs: refs.question_refs,
        cases_by_tool: refs.cases_by_tool,
        questions_by_tool: refs.questions_by_tool,
        tools_by_deck: refs.tools_by_deck,
        taxonomies,
    }
}

/// Every page's links, each as the root-relative URL its placeholder becomes. A link to a file
/// that could not be loaded becomes `#` quietly: that file's own error says it all.
fn resolve_links(targets: LinkTargets, failed: &[String], diagnostics: &mut Diagnostics) -> PerPage<Vec<String>> {
    targets
        .pages
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
        .collect()
}

/// Slug → page, for each kind that front matter refers to by slug.
struct Slugs {
    tools: BTreeMap<String, PageId>,
    decks: BTreeMap<String, PageId>,
    question_sets: BTreeMap<String, PageId>,
}

impl Slugs {
    fn of(pages: &PerPage<Arc<Page>>) -> Slugs {
        let index_of = |kind: Kind| -> BTreeMap<String, PageId> {
            pages
                .enumerate()
                .filter(|(_, p)| p.kind() == kind && !p.is_section)
                .map(|(i, p)| (p.slug.clone(), i))
                .collect()
        };
        Slugs { tools: index_of(Kind::Tool), decks: index_of(Kind::Deck), question_sets: index_of(Kind::Questions) }
    }
}

/// The references written in front matter, resolved, and the back-references they make.
struct References {
    tool_refs: PerPage<Vec<PageId>>,
    deck_refs: PerPage<Vec<PageId>>,
    question_refs: PerPage<Vec<PageId>>,
    cases_by_tool: HashMap<PageId, Vec<PageId>>,
    questions_by_tool: HashMap<PageId, Vec<PageId>>,
    tools_by_deck: HashMap<PageId, Vec<PageId>>,
}

/// Resolves each tool's decks and question sets, each case's tools and each question set's
/// tool, and records who refers to whom.
fn resolve_references(
    pages: &PerPage<Arc<Page>>,
    slugs: &Slugs,
    failed: &[String],
    hidden: &[String],
    diagnostics: &mut Diagnostics,
) -> References {
    let stem = |s: &String| s.rsplit('/').next()?.strip_suffix(".md").map(str::to_string);
    let failed: Vec<String> = failed.iter().filter_map(stem).collect();
    let hidden: Vec<String> = hidden.iter().filter_map(stem).collect();
    let empty = || pages.iter().map(|_| Vec::new()).collect::<PerPage<Vec<PageId>>>();
    let mut r = References {
        tool_refs: empty(),
        deck_refs: empty(),
        question_refs: empty(),
        cases_by_tool: HashMap::new(),
        questions_by_tool: HashMap::new(),
        tools_by_deck: HashMap::new(),
    };
    let mut resolve = |page: &Page, refs: &[SpannedRef], index: &BTreeMap<String, PageId>, what: &str| {
        resolve_refs(page, refs, Known { index, what, failed: &failed, hidden: &hidden }, diagnostics)
    };
    for (i, page) in pages.enumerate() {
        match &page.data {
            KindData::Tool(t) => {
                r.deck_refs[i] = resolve(page, &t.decks, &slugs.decks, "udsagnskort");
                r.question_refs[i] = resolve(page, &t.questions, &slugs.question_sets, "spørgsmålssæt");
                for &d in &r.deck_refs[i] {
                    r.tools_by_deck.entry(d).or_default().push(i);
                }
                for &q in &r.question_refs[i] {
                    r.questions_by_tool.entry(i).or_default().push(q);
                }
            }
            KindData::Case(c) => {
                r.tool_refs[i] = resolve(page, &c.tools, &slugs.tools, "værktøj");
                for &t in &r.tool_refs[i] {
                    r.cases_by_tool.entry(t).or_default().push(i);
                }
            }
            KindData::Questions(q) => {
                if let Some(t) = &q.tool {
                    r.tool_refs[i] = resolve(page, std::slice::from_ref(t), &slugs.tools, "værktøj");
                    for &t in &r.tool_refs[i] {
                        r.questions_by_tool.entry(t).or_default().push(i);
                    }
                }
            }
            _ => {}
        }
    }
    for list in r.cases_by_tool.values_mut().chain(r.questions_by_tool.values_mut()).chain(r.tools_by_deck.values_mut())
    {
        list.sort_by(|&a, &b| order_key(&pages[a]).cmp(&order_key(&pages[b])));
        list.dedup();
    }
    r
}

/// What a front-matter reference may name: the pages of one kind by slug, and the slugs of
/// files that failed to load (already reported) or that the site hides.
struct Known<'a> {
    index: &'a BTreeMap<String, PageId>,
    /// "værktøj", "udsagnskort", … for messages.
    what: &'a str,
    failed: &'a [String],
    hidden: &'a [String],
}

/// Front-matter slugs → pages; unknown slugs are errors with a "did you mean".
fn resolve_refs(page: &Page, refs: &[SpannedRef], known: Known, diagnostics: &mut Diagnostics) -> Vec<PageId> {
    let Known { index, what, failed, hidden } = known;
    let mut out = Vec::new();
    for r in refs.iter().filter(|r| !failed.contains(&r.slug)) {
        match index.get(&r.slug) {
            Some(&i) => out.push(i),
            None if hidden.contains(&r.slug) => diagnostics.push(
                Diagnostic::at(
                    &page.shown_path,
                    &page.text,
                    r.offset,
                    format!("{what} `{}` er skjult med `hide` under [upstream] i site.toml", r.slug),
                )
                .with_hint("fjern henvisningen, eller tag siden ud af hide-listen"),
            ),
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

/// Two files that would be written to the same place is an error on both.
fn check_duplicate_urls(pages: &PerPage<Arc<Page>>, diagnostics: &mut Diagnostics) {
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

/// Raw HTML left out, and links with a scheme we refuse, as the Markdown stage noted them.
fn warn_dropped_markup(pages: &PerPage<Arc<Page>>, diagnostics: &mut Diagnostics) {
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

/// Figure blocks that could not be drawn, as the Markdown stage noted them: errors at the line.
fn report_figure_errors(pages: &PerPage<Arc<Page>>, diagnostics: &mut Diagnostics) {
    for page in pages {
        for e in &page.markdown.figure_errors {
            diagnostics.push(
                Diagnostic::at(&page.shown_path, &page.text, page.body_offset + e.offset, e.message.clone())
                    .with_hint(e.hint.clone()),
            );
        }
    }
}

/// A `nav_title` names a page in the top menu, which lists the front page's sections only:
/// on any other page it shows nowhere, which its editor should hear.
fn warn_unused_nav_titles(
    pages: &PerPage<Arc<Page>>,
    parent: &PerPage<Option<PageId>>,
    home: Option<PageId>,
    diagnostics: &mut Diagnostics,
) {
    for (i, page) in pages.enumerate() {
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
