//! Rendering: the resolved [`Site`] through the theme's Tera templates into HTML files.
//!
//! Builds a context per page kind from the typed model (templates never see raw front matter),
//! renders pages in parallel, and makes every URL relative so the site works anywhere.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use rayon::prelude::*;
use serde::Serialize;
use tera::{Context, Value};

use crate::content::{Kind, KindData, Page};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::markdown::{Item, LINK_PLACEHOLDER};
use crate::resolve::Site;
use crate::theme::{Theme, template_error};

/// A rendered file, ready to be written.
pub struct RenderedFile {
    pub path: String,
    pub bytes: Vec<u8>,
}

/// Where rendered files go as they are made: `build` writes each at once, so that a large site
/// is never held in memory whole; `serve` collects them to compare with what it wrote.
pub trait FileSink: Sync {
    fn put(&self, file: RenderedFile) -> std::io::Result<()>;
}

impl FileSink for std::sync::Mutex<Vec<RenderedFile>> {
    fn put(&self, file: RenderedFile) -> std::io::Result<()> {
        self.lock().map_err(|_| std::io::Error::other("a rendering thread failed"))?.push(file);
        Ok(())
    }
}

impl FileSink for crate::output::Output {
    fn put(&self, file: RenderedFile) -> std::io::Result<()> {
        self.write(&file.path, &file.bytes)
    }
}

/// For `check`, which renders to find template errors and writes nothing.
pub struct Discard;

impl FileSink for Discard {
    fn put(&self, _: RenderedFile) -> std::io::Result<()> {
        Ok(())
    }
}

/// Hands a rendered file to the sink; a template or write error becomes a diagnostic.
fn deliver(sink: &dyn FileSink, result: Result<RenderedFile, Diagnostic>) -> Option<Diagnostic> {
    let file = match result {
        Ok(file) => file,
        Err(d) => return Some(d),
    };
    let path = file.path.clone();
    sink.put(file).err().map(|e| write_error(&path, &e))
}

/// A file that could not be written, as a diagnostic.
pub(crate) fn write_error(path: &str, e: &std::io::Error) -> Diagnostic {
    Diagnostic::file(path, format!("kan ikke skrive output: {e}"))
        .with_hint("se efter, om der er plads på disken, og om output-mappen kan skrives")
}

/// The `../` prefix that leads from a file at `output_path` back to the site root.
pub fn root_prefix(output_path: &str) -> String {
    "../".repeat(output_path.matches('/').count())
}

/// Replaces link placeholders in `html` by URLs relative to the current page.
///
/// Runs over the HTML of every page, card and question: the placeholders are found with
/// `memchr`'s vectorised substring search, several times faster than `str::find` on long text.
pub fn resolve_placeholders(html: &str, targets: &[String], root: &str) -> String {
    let mut out = String::with_capacity(html.len());
    // Where the text not yet copied starts; a placeholder's digits never hold another one.
    let mut done = 0;
    for pos in memchr::memmem::find_iter(html.as_bytes(), LINK_PLACEHOLDER) {
        out.push_str(&html[done..pos]);
        let after = &html[pos + LINK_PLACEHOLDER.len()..];
        let digits = after.bytes().take_while(u8::is_ascii_digit).count();
        match after[..digits].parse::<usize>().ok().and_then(|i| targets.get(i)) {
            Some(t) if t == "#" => out.push('#'),
            Some(t) if t.starts_with('#') => out.push_str(t),
            Some(t) => {
                out.push_str(root);
                out.push_str(t);
            }
            None => out.push('#'),
        }
        done = pos + LINK_PLACEHOLDER.len() + digits;
    }
    out.push_str(&html[done..]);
    out
}

/// What every template gets about the site.
#[derive(Serialize)]
struct SiteContext<'a> {
    title: &'a str,
    description: &'a str,
    language: &'a str,
    base_url: String,
    organisation: &'a str,
    logo: Option<&'a str>,
    primary_color: &'a str,
    accent_color: &'a str,
    search: bool,
    print: bool,
    accessibility_url: Option<&'a str>,
    contact_phone: Option<&'a str>,
    contact_email: Option<&'a str>,
}

/// What a content page's template gets about the page itself.
#[derive(Serialize)]
struct PageContext<'a> {
    title: &'a str,
    slug: &'a str,
    description: &'a str,
    url: String,
    kind: Kind,
    kind_label: &'static str,
    is_section: bool,
    number: Option<u32>,
    /// The page's HTML with its links made relative.
    content: String,
    /// The page's second-level headings.
    toc: Vec<&'a crate::markdown::Heading>,
    word_count: usize,
}

/// A link to a page as listings show it.
#[derive(Serialize, Clone)]
struct PageLink {
    pub title: String,
    /// What the top menu shows: the page's `nav_title`, else its title.
    pub nav_title: String,
    pub slug: String,
    pub url: String,
    pub description: String,
    pub kind: Kind,
    pub kind_label: &'static str,
    pub number: Option<u32>,
}

/// A [`PageLink`] already converted for Tera. A page is linked from many others (navigation,
/// breadcrumbs, pagers, listings), so its link is converted once and then shared: Tera's
/// serializer takes a value it meets as it is, without converting it again.
#[derive(Serialize, Clone)]
#[serde(transparent)]
pub(crate) struct Link(Value);

#[derive(Serialize)]
struct NavItem {
    link: Link,
    current: bool,
}

#[derive(Serialize)]
struct ToolContext<'a> {
    purpose: &'a str,
    participants: crate::content::model::Range,
    minutes: crate::content::model::Range,
    materials: &'a [String],
    decks: Vec<Link>,
    questions: Vec<Link>,
    cases: Vec<Link>,
    steps: Vec<Step>,
}

/// A step of a tool's procedure, with its time when the text says "(N min.)".
#[derive(Serialize)]
struct Step {
    html: String,
    minutes: Option<u32>,
}

#[derive(Serialize)]
struct DeckContext<'a> {
    theme: &'a str,
    color: &'a str,
    text_color: &'static str,
    jokers: u32,
    cards: Vec<Card>,
    tools: Vec<Link>,
    /// Root-relative path of the deck's present page.
    present: String,
}

/// A statement card of a deck.
#[derive(Serialize, Clone)]
pub(crate) struct Card {
    pub id: String,
    pub number: usize,
    pub html: String,
    pub text: String,
    /// A finish-the-sentence card (ends in "…").
    pub unfinished: bool,
}

#[derive(Serialize)]
struct QuestionsContext<'a> {
    phase: &'a str,
    tool: Option<Link>,
    questions: Vec<Question>,
    /// The page's full address, written into the answers a TRIO downloads.
    online_url: String,
}

/// A question of a question set, with the heading it stands under.
#[derive(Serialize, Clone)]
pub(crate) struct Question {
    pub id: String,
    pub number: usize,
    pub html: String,
    pub text: String,
    pub group: Option<String>,
}

#[derive(Serialize)]
struct CaseContext<'a> {
    summary: &'a str,
    workplace: &'a str,
    sector: Term,
    themes: Vec<Term>,
    tools: Vec<Link>,
}

#[derive(Serialize)]
struct Term {
    name: String,
    url: String,
}

#[derive(Serialize)]
pub(crate) struct WheelContext {
    agenda: Vec<String>,
    months: Vec<WheelMonth>,
    /// Root-relative path of the standing agenda's sheet, when the site prints.
    agenda_sheet: Option<String>,
    /// Root-relative path of the wheel's iCalendar file.
    calendar: Option<String>,
    /// The year the calendar file is made for.
    year: i32,
}

#[derive(Serialize)]
struct WheelMonth {
    number: u32,
    name: &'static str,
    topic: Option<String>,
    items: Vec<String>,
    /// Root-relative path of the month's agenda sheet, when it has a meeting and the site prints.
    agenda_sheet: Option<String>,
}

/// The Danish month names, januar first.
pub const MONTHS: [&str; 12] = [
    "januar",
    "februar",
    "marts",
    "april",
    "maj",
    "juni",
    "juli",
    "august",
    "september",
    "oktober",
    "november",
    "december",
];

/// Renders every page, listing and special file. Template errors become diagnostics.
///
/// With `changed` (pages whose Markdown body changed, front matter and everything else as
/// before), renders only the files that show those bodies: the pages themselves, their
/// sections, their print sheets. `serve` uses it to rebuild a large site in milliseconds.
pub fn render_site(
    site: &Site,
    theme: &Theme,
    changed: Option<&[usize]>,
    sink: &dyn FileSink,
) -> Result<usize, Diagnostics> {
    let renderer = Renderer::new(site, theme);
    let pages: Vec<usize> = match changed {
        None => (0..site.pages.len()).collect(),
        Some(changed) => pages_showing(site, changed),
    };
    let mut files = pages.len();
    let render_pages = || {
        let mut errors: Vec<Diagnostic> =
            pages.into_par_iter().filter_map(|i| deliver(sink, renderer.render_page(i))).collect();
        let others = match changed {
            None => renderer.render_listings(),
            Some(changed) => {
                let mut out = crate::present::render_present_pages_showing(&renderer, changed);
                if site.config.print.enabled {
                    out.extend(crate::print::render_print_pages_showing(&renderer, changed));
                }
                out
            }
        };
        let count = others.len();
        errors.extend(others.into_iter().filter_map(|r| deliver(sink, r)));
        (count, errors)
    };
    // The search index needs the pages' text, not their HTML: it is built beside the pages,
    // filling the cores where either has a step that runs on one.
    let search = changed.is_none() && site.config.search.enabled;
    let (index, (others, mut errors)) = if search {
        let (index, rendered) = crate::search::build_index_beside(site, sink, render_pages);
        (Some(index), rendered)
    } else {
        (None, render_pages())
    };
    files += others;
    match index.transpose() {
        Ok(index_files) => files += index_files.unwrap_or(0),
        Err((path, e)) => errors.push(write_error(&path, &e)),
    }
    if changed.is_none() {
        files += 1;
        errors.extend(deliver(sink, Ok(renderer.sitemap())));
        if let Some(calendar) = crate::calendar::wheel_calendar_file(site) {
            files += 1;
            errors.extend(deliver(sink, Ok(calendar)));
        }
    }
    if errors.is_empty() {
        Ok(files)
    } else {
        // One broken template fails every page the same way: report each template once.
        let mut errors = Diagnostics(errors);
        errors.sort();
        errors.0.dedup_by(|a, b| a.path == b.path && a.line == b.line && a.message == b.message);
        Err(errors)
    }
}

/// The pages that show the body of a page in `changed`: the page itself, and its section,
/// which lists its questions or counts its cards.
fn pages_showing(site: &Site, changed: &[usize]) -> Vec<usize> {
    let mut pages: Vec<usize> = changed.iter().flat_map(|&i| std::iter::once(i).chain(site.parent[i])).collect();
    pages.sort_unstable();
    pages.dedup();
    pages
}

/// Renders templates for one site; shared with `print`, which adds the printable sheets.
///
/// What is the same on many pages is converted into Tera values once, here, and shared by
/// every page's context: the site, the navigation, the empty defaults, each page's link.
pub(crate) struct Renderer<'a> {
    pub site: &'a Site,
    theme: &'a Theme,
    /// The site, for templates that do not start from [`Renderer::base_context`].
    site_value: Value,
    /// What every context starts from: the site and the defaults that pages override.
    base: Context,
    /// The pages of the top navigation, in order.
    nav_pages: Vec<usize>,
    /// The top navigation with no section current (index 0), and with `nav_pages[k]` current
    /// (index `k + 1`).
    nav_values: Vec<Value>,
    /// Each page's place among its parent's children, for the pager: looking it up page by
    /// page would scan a section of thousands of cases once for each of them.
    sibling_pos: Vec<Option<usize>>,
    /// Each page's link, converted the first time a page links to it.
    links: Vec<OnceLock<Value>>,
}

/// Room for the chrome around a page's own text (header, navigation, footer) in a rendered
/// page, so that the output buffer seldom grows while a page is rendered.
const CHROME_BYTES: usize = 16 * 1024;

fn site_context(site: &Site) -> SiteContext<'_> {
    let c = &site.config;
    SiteContext {
        title: &c.title,
        description: &c.description,
        language: &c.language,
        base_url: c.base_url(),
        organisation: &c.branding.name,
        logo: c.branding.logo.as_deref(),
        primary_color: &c.branding.primary_color,
        accent_color: &c.branding.accent_color,
        search: c.search.enabled,
        print: c.print.enabled,
        accessibility_url: c.accessibility.statement_url.as_deref().filter(|s| !s.is_empty()),
        contact_phone: c.accessibility.contact_phone.as_deref(),
        contact_email: c.accessibility.contact_email.as_deref(),
    }
}

/// The `page` of a context that shows no content page: a title and a description.
#[derive(Serialize)]
pub(crate) struct PlainPage<'b> {
    pub title: &'b str,
    pub description: &'b str,
    /// Always empty: such a page has no table of contents.
    pub toc: [(); 0],
}

impl<'b> PlainPage<'b> {
    pub(crate) fn new(title: &'b str, description: &'b str) -> Self {
        PlainPage { title, description, toc: [] }
    }
}

impl<'a> Renderer<'a> {
    pub(crate) fn new(site: &'a Site, theme: &'a Theme) -> Self {
        let site_value = Value::from_serializable(&site_context(site));
        let mut base = Context::new();
        base.insert_value("site", site_value.clone());
        // Defaults so that every template can ask about them; pages override.
        base.insert("page", &PlainPage::new("", ""));
        base.insert("breadcrumbs", &[(); 0]);
        base.insert("children", &[(); 0]);
        base.insert("prev", &None::<()>);
        base.insert("next", &None::<()>);
        base.insert("print_sheet", &None::<()>);
        let mut renderer = Renderer {
            site,
            theme,
            site_value,
            base,
            nav_pages: Vec::new(),
            nav_values: Vec::new(),
            sibling_pos: sibling_positions(site),
            links: (0..site.pages.len()).map(|_| OnceLock::new()).collect(),
        };
        renderer.nav_pages = match site.home {
            Some(home) => site.children[home].iter().copied().filter(|&i| site.pages[i].is_section).collect(),
            None => Vec::new(),
        };
        renderer.nav_values =
            (0..=renderer.nav_pages.len()).map(|current| renderer.nav_value(current.checked_sub(1))).collect();
        renderer
    }

    /// The link to page `i` as listings show it.
    pub(crate) fn link(&self, i: usize) -> Link {
        Link(self.links[i].get_or_init(|| Value::from_serializable(&self.page_link(i))).clone())
    }

    fn page_link(&self, i: usize) -> PageLink {
        let p = &self.site.pages[i];
        PageLink {
            title: p.title.clone(),
            nav_title: p.nav_title.clone().unwrap_or_else(|| p.title.clone()),
            slug: p.slug.clone(),
            url: p.output_file(),
            description: p.description.clone(),
            kind: p.kind(),
            kind_label: p.kind().label(),
            number: match p.data {
                KindData::Part { number } => Some(number),
                _ => None,
            },
        }
    }

    pub(crate) fn links(&self, list: &[usize]) -> Vec<Link> {
        list.iter().map(|&i| self.link(i)).collect()
    }

    /// The top navigation with the section at `nav_pages[current]` marked as current.
    fn nav_value(&self, current: Option<usize>) -> Value {
        let items: Vec<NavItem> = self
            .nav_pages
            .iter()
            .enumerate()
            .map(|(k, &i)| NavItem { link: self.link(i), current: Some(k) == current })
            .collect();
        Value::from_serializable(&items)
    }

    /// The top navigation: the front page's sections in order, the one that page `current`
    /// lies in marked. The trail from the front page to a page is one chain of sections, so
    /// at most one of the front page's sections is on it.
    fn nav(&self, current: Option<usize>) -> Value {
        let on_trail = current.and_then(|c| {
            let mut trail = self.site.ancestors(c);
            trail.push(c);
            self.nav_pages.iter().position(|i| trail.contains(i))
        });
        self.nav_values[on_trail.map_or(0, |k| k + 1)].clone()
    }

    /// A context with what every template needs.
    pub(crate) fn base_context(&self, output_path: &str, current: Option<usize>) -> Context {
        let mut ctx = self.base.clone();
        ctx.insert("root", &root_prefix(output_path));
        ctx.insert_value("nav", self.nav(current));
        ctx.insert("current_url", output_path);
        ctx
    }

    /// Renders `template` with `ctx` into the file at `path`.
    pub(crate) fn render(&self, template: &str, ctx: &Context, path: String) -> Result<RenderedFile, Diagnostic> {
        self.render_sized(template, ctx, path, 0)
    }

    /// Like [`Renderer::render`], for a page whose own text is about `text_len` bytes long.
    fn render_sized(
        &self,
        template: &str,
        ctx: &Context,
        path: String,
        text_len: usize,
    ) -> Result<RenderedFile, Diagnostic> {
        let mut bytes = Vec::with_capacity(CHROME_BYTES + text_len);
        self.theme
            .tera
            .render_to(template, ctx, &mut bytes)
            .map_err(|e| template_error(&e, std::path::Path::new(".")))?;
        Ok(RenderedFile { path, bytes })
    }

    fn render_page(&self, i: usize) -> Result<RenderedFile, Diagnostic> {
        let site = self.site;
        let page = &site.pages[i];
        let path = page.output_file();
        let root = root_prefix(&path);
        let targets = &site.link_targets[i];
        let resolve = |html: &str| resolve_placeholders(html, targets, &root);
        let mut ctx = self.base_context(&path, Some(i));
        let page_ctx = self.page_context(i, &resolve);
        let text_len = page_ctx.content.len();
        ctx.insert("page", &page_ctx);
        ctx.insert("breadcrumbs", &self.links(&site.ancestors(i)));
        let siblings = site.parent[i].map(|p| site.children[p].as_slice()).unwrap_or(&[]);
        let pos = self.sibling_pos[i];
        ctx.insert("prev", &pos.and_then(|p| p.checked_sub(1)).map(|p| self.link(siblings[p])));
        ctx.insert("next", &pos.and_then(|p| siblings.get(p + 1)).map(|&n| self.link(n)));
        ctx.insert("children", &self.links(&site.children[i]));
        ctx.insert("print_sheet", &crate::print::sheet_for(site, i).map(|p| p.html));
        let template = if Some(i) == site.home { "index.html" } else { template_for(page) };
        match &page.data {
            KindData::Tool(t) => {
                let steps = page
                    .markdown
                    .items_under("Fremgangsmåde")
                    .filter(|it| it.ordered)
                    .map(|it| Step { html: resolve(&it.html), minutes: minutes_in(&it.text) })
                    .collect();
                ctx.insert(
                    "tool",
                    &ToolContext {
                        purpose: &t.purpose,
                        participants: t.participants.0,
                        minutes: t.minutes.0,
                        materials: &t.materials,
                        decks: self.links(&site.deck_refs[i]),
                        questions: self.links(site.questions_by_tool.get(&i).map_or(&[][..], Vec::as_slice)),
                        cases: self.links(site.cases_by_tool.get(&i).map_or(&[][..], Vec::as_slice)),
                        steps,
                    },
                );
            }
            KindData::Deck(d) => {
                let cards = page.markdown.items.iter().enumerate().map(|(n, it)| card(n, it, &resolve)).collect();
                ctx.insert(
                    "deck",
                    &DeckContext {
                        theme: &d.theme,
                        color: &d.color,
                        text_color: text_color_on(&d.color),
                        jokers: d.jokers,
                        cards,
                        tools: self.links(site.tools_by_deck.get(&i).map_or(&[][..], Vec::as_slice)),
                        present: crate::present::present_path(&page.url),
                    },
                );
            }
            KindData::Questions(q) => {
                ctx.insert(
                    "questions",
                    &QuestionsContext {
                        phase: &q.phase,
                        tool: site.tool_refs[i].first().map(|&t| self.link(t)),
                        questions: questions(page, &resolve),
                        online_url: format!("{}{}", site.config.base_url(), page.url),
                    },
                );
            }
            KindData::Case(c) => {
                let term = |tax: &str, name: &str| Term {
                    name: name.to_string(),
                    url: format!("{tax}/{}/index.html", crate::slug::slugify(name)),
                };
                ctx.insert(
                    "case",
                    &CaseContext {
                        summary: &c.meta.summary,
                        workplace: &c.meta.workplace,
                        sector: term("sektorer", &c.meta.sector),
                        themes: c.meta.themes.iter().map(|t| term("temaer", t)).collect(),
                        tools: self.links(&site.tool_refs[i]),
                    },
                );
            }
            KindData::Page { wheel: Some(w) } => ctx.insert("wheel", &wheel_context(site, w)),
            _ => {}
        }
        if page.is_section {
            self.insert_section_extras(i, &mut ctx);
        }
        self.render_sized(template, &ctx, path, text_len)
    }

    /// Sections whose children are question sets or decks show every question or card preview.
    fn insert_section_extras(&self, i: usize, ctx: &mut Context) {
        let site = self.site;
        let kids = &site.children[i];
        if !kids.is_empty() && kids.iter().all(|&k| site.pages[k].kind() == Kind::Questions) {
            #[derive(Serialize)]
            struct Phase {
                name: String,
                sets: Vec<SetSummary>,
            }
            #[derive(Serialize)]
            struct SetSummary {
                link: Link,
                questions: Vec<Question>,
            }
            let mut phases: Vec<Phase> = crate::content::front_matter::PHASES
                .iter()
                .map(|p| Phase { name: p.to_string(), sets: Vec::new() })
                .collect();
            for &k in kids {
                let page = &site.pages[k];
                let KindData::Questions(q) = &page.data else { continue };
                let targets = &site.link_targets[k];
                let root = root_prefix(&site.pages[i].output_file());
                let resolve = |html: &str| resolve_placeholders(html, targets, &root);
                if let Some(ph) = phases.iter_mut().find(|p| p.name == q.phase) {
                    ph.sets.push(SetSummary { link: self.link(k), questions: questions(page, &resolve) });
                }
            }
            phases.retain(|p| !p.sets.is_empty());
            ctx.insert("question_bank", &phases);
        }
        if !kids.is_empty() && kids.iter().all(|&k| site.pages[k].kind() == Kind::Deck) {
            #[derive(Serialize)]
            struct DeckSummary {
                link: Link,
                color: String,
                text_color: &'static str,
                cards: usize,
                jokers: u32,
            }
            let decks: Vec<DeckSummary> = kids
                .iter()
                .filter_map(|&k| match &site.pages[k].data {
                    KindData::Deck(d) => Some(DeckSummary {
                        link: self.link(k),
                        color: d.color.clone(),
                        text_color: text_color_on(&d.color),
                        cards: site.pages[k].markdown.items.len(),
                        jokers: d.jokers,
                    }),
                    _ => None,
                })
                .collect();
            ctx.insert("deck_overview", &decks);
        }
    }

    fn page_context(&self, i: usize, resolve: &dyn Fn(&str) -> String) -> PageContext<'_> {
        let p = &self.site.pages[i];
        PageContext {
            title: &p.title,
            slug: &p.slug,
            description: &p.description,
            url: p.output_file(),
            kind: p.kind(),
            kind_label: p.kind().label(),
            is_section: p.is_section,
            number: match p.data {
                KindData::Part { number } => Some(number),
                _ => None,
            },
            content: resolve(&p.markdown.html),
            toc: p.markdown.headings.iter().filter(|h| h.level == 2).collect(),
            word_count: p.markdown.word_count,
        }
    }

    /// Taxonomy listings, the 404 page.
    fn render_listings(&self) -> Vec<Result<RenderedFile, Diagnostic>> {
        let mut out = Vec::new();
        for tax in &self.site.taxonomies {
            #[derive(Serialize)]
            struct TermCtx {
                name: String,
                url: String,
                pages: Vec<Link>,
            }
            #[derive(Serialize)]
            struct TaxonomyCtx {
                title: &'static str,
                singular: &'static str,
                slug: &'static str,
            }
            let taxonomy =
                Value::from_serializable(&TaxonomyCtx { title: tax.title, singular: tax.singular, slug: tax.slug });
            let terms: Vec<TermCtx> = tax
                .terms
                .iter()
                .map(|t| TermCtx {
                    name: t.name.clone(),
                    url: format!("{}/{}/index.html", tax.slug, t.slug),
                    pages: self.links(&t.pages),
                })
                .collect();
            let path = format!("{}/index.html", tax.slug);
            let mut ctx = self.base_context(&path, None);
            ctx.insert("page", &PlainPage::new(tax.title, ""));
            ctx.insert_value("taxonomy", taxonomy.clone());
            ctx.insert("terms", &terms);
            out.push(self.render("taxonomy.html", &ctx, path));
            for term in &terms {
                let mut ctx = self.base_context(&term.url, None);
                ctx.insert("page", &PlainPage::new(&term.name, ""));
                ctx.insert_value("taxonomy", taxonomy.clone());
                ctx.insert("term", term);
                out.push(self.render("term.html", &ctx, term.url.clone()));
            }
        }
        out.push(self.render_vars_css());
        out.extend(crate::present::render_present_pages(self));
        if self.site.config.print.enabled {
            out.extend(crate::print::render_print_pages(self));
        }
        if self.site.config.search.enabled {
            out.push(self.render_search_page());
        }
        if !self.site.by_source.contains_key("tilgaengelighed.md")
            && !self.site.by_source.contains_key("tilgaengelighed/_index.md")
        {
            let mut ctx = self.base_context("tilgaengelighed/index.html", None);
            ctx.insert("page", &PlainPage::new("Tilgængelighedserklæring", ""));
            out.push(self.render("accessibility.html", &ctx, "tilgaengelighed/index.html".into()));
        }
        // 404.html is served at any depth, so its links start at the site's path on the server.
        let mut ctx = self.base_context("404.html", None);
        ctx.insert("page", &PlainPage::new("Siden findes ikke", ""));
        let base_path = self.site.config.base_url().splitn(4, '/').nth(3).map_or("/".to_string(), |p| format!("/{p}"));
        ctx.insert("root", &base_path);
        out.push(self.render("404.html", &ctx, "404.html".into()));
        out
    }

    /// `soeg/index.html`: the search page; it reads its query from the URL (`?q=`).
    fn render_search_page(&self) -> Result<RenderedFile, Diagnostic> {
        let path = "soeg/index.html";
        let mut ctx = self.base_context(path, None);
        ctx.insert("page", &PlainPage::new("Søg", "Søg i hele håndbogen: værktøjer, cases, udsagnskort og spørgsmål."));
        #[derive(Serialize)]
        struct KindFilter {
            codes: &'static str,
            label: &'static str,
        }
        let filters = [
            KindFilter { codes: "t", label: "Værktøjer" },
            KindFilter { codes: "c", label: "Cases" },
            KindFilter { codes: "k", label: "Udsagnskort" },
            KindFilter { codes: "q", label: "Spørgsmål" },
            KindFilter { codes: "da", label: "Dele og afsnit" },
            KindFilter { codes: "s", label: "Sider" },
        ];
        ctx.insert("filters", &filters);
        self.render("search.html", &ctx, path.into())
    }

    /// `css/vars.css`: the municipality's colours and each deck's colour as custom properties,
    /// in a file rather than inline styles so a strict Content-Security-Policy holds.
    fn render_vars_css(&self) -> Result<RenderedFile, Diagnostic> {
        #[derive(Serialize)]
        struct DeckColor<'b> {
            slug: &'b str,
            color: &'b str,
            text_color: &'static str,
        }
        let decks: Vec<DeckColor> = self
            .site
            .pages
            .iter()
            .filter_map(|p| match &p.data {
                KindData::Deck(d) => {
                    Some(DeckColor { slug: &p.slug, color: &d.color, text_color: text_color_on(&d.color) })
                }
                _ => None,
            })
            .collect();
        let mut ctx = Context::new();
        ctx.insert_value("site", self.site_value.clone());
        ctx.insert("decks", &decks);
        self.render("vars.css", &ctx, "css/vars.css".into())
    }

    fn sitemap(&self) -> RenderedFile {
        let base = self.site.config.base_url();
        let mut xml = String::from(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
        );
        let mut urls: Vec<String> = self.site.pages.iter().map(|p| p.url.clone()).collect();
        for tax in &self.site.taxonomies {
            urls.push(format!("{}/", tax.slug));
            urls.extend(tax.terms.iter().map(|t| format!("{}/{}/", tax.slug, t.slug)));
        }
        urls.sort();
        for u in urls {
            xml.push_str(&format!("  <url><loc>{}</loc></url>\n", crate::markdown::escape(&format!("{base}{u}"))));
        }
        xml.push_str("</urlset>\n");
        RenderedFile { path: "sitemap.xml".into(), bytes: xml.into_bytes() }
    }
}

/// Each page's first place among its parent's children, if it is listed there.
fn sibling_positions(site: &Site) -> Vec<Option<usize>> {
    let mut pos = vec![None; site.pages.len()];
    for (parent, children) in site.children.iter().enumerate() {
        for (k, &child) in children.iter().enumerate() {
            if site.parent[child] == Some(parent) && pos[child].is_none() {
                pos[child] = Some(k);
            }
        }
    }
    pos
}

fn template_for(page: &Page) -> &'static str {
    match page.kind() {
        Kind::Part => "part.html",
        Kind::Tool => "tool.html",
        Kind::Questions => "questions.html",
        Kind::Deck => "deck.html",
        Kind::Case => "case.html",
        Kind::Page if page.is_section => "section.html",
        Kind::Page => "page.html",
    }
}

/// Card number `n` (from 0) of a deck, from its list item.
pub(crate) fn card(n: usize, it: &Item, resolve: &dyn Fn(&str) -> String) -> Card {
    let t = it.text.trim_end();
    Card {
        id: it.id.clone(),
        number: n + 1,
        html: resolve(strip_paragraph(&it.html)),
        text: it.text.clone(),
        unfinished: t.ends_with('…') || t.ends_with("..."),
    }
}

/// The questions of a question set.
pub(crate) fn questions(page: &Page, resolve: &dyn Fn(&str) -> String) -> Vec<Question> {
    page.markdown
        .items
        .iter()
        .enumerate()
        .map(|(n, it)| Question {
            id: it.id.clone(),
            number: n + 1,
            html: resolve(strip_paragraph(&it.html)),
            text: it.text.clone(),
            group: it.heading.clone(),
        })
        .collect()
}

/// Loose list items come wrapped in `<p>`; cards and questions read better without.
pub(crate) fn strip_paragraph(html: &str) -> &str {
    let t = html.trim();
    match t.strip_prefix("<p>").and_then(|s| s.strip_suffix("</p>")) {
        Some(inner) if !inner.contains("<p>") => inner,
        _ => t,
    }
}

/// The minutes of a step that says "(15 min.)" or "(ca. 15 min)".
pub(crate) fn minutes_in(text: &str) -> Option<u32> {
    let pos = text.find("min")?;
    let before = &text[..pos];
    let digits: String = before
        .trim_end()
        .chars()
        .rev()
        .take_while(char::is_ascii_digit)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    digits.parse().ok()
}

/// The annual wheel: all twelve months, with or without a meeting, and where its agenda sheets
/// and calendar file are.
pub(crate) fn wheel_context(site: &Site, w: &crate::content::model::Wheel) -> WheelContext {
    let by_month: BTreeMap<u32, &crate::content::model::Month> = w.months.iter().map(|m| (m.month, m)).collect();
    let sheets = crate::print::wheel_agenda_sheets(site);
    let sheet_of = |month: Option<u32>| sheets.iter().find(|p| p.month == month).map(|p| p.html.clone());
    WheelContext {
        agenda: w.agenda.clone(),
        months: (1..=12u32)
            .map(|n| WheelMonth {
                number: n,
                name: MONTHS[(n - 1) as usize],
                topic: by_month.get(&n).map(|m| m.topic.clone()),
                items: by_month.get(&n).map(|m| m.items.clone()).unwrap_or_default(),
                agenda_sheet: sheet_of(Some(n)),
            })
            .collect(),
        agenda_sheet: sheet_of(None),
        calendar: crate::calendar::wheel_calendar_path(site),
        year: site.config.calendar_year,
    }
}

/// Black or white, whichever reads better on `hex` (WCAG relative luminance).
pub fn text_color_on(hex: &str) -> &'static str {
    let h = hex.trim_start_matches('#');
    let full: String = if h.len() == 3 { h.chars().flat_map(|c| [c, c]).collect() } else { h.to_string() };
    let channel = |i: usize| {
        let v = u8::from_str_radix(full.get(i..i + 2).unwrap_or("00"), 16).unwrap_or(0) as f64 / 255.0;
        if v <= 0.03928 { v / 12.92 } else { ((v + 0.055) / 1.055).powf(2.4) }
    };
    let l = 0.2126 * channel(0) + 0.7152 * channel(2) + 0.0722 * channel(4);
    if (1.05) / (l + 0.05) >= (l + 0.05) / 0.05 { "#ffffff" } else { "#000000" }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_become_relative_urls() {
        let targets = vec!["a/b/index.html#x".to_string(), "#".to_string()];
        let html = r##"<a href="triobog-link:0">x</a><a href="triobog-link:1">y</a>"##;
        assert_eq!(
            resolve_placeholders(html, &targets, "../../"),
            r##"<a href="../../a/b/index.html#x">x</a><a href="#">y</a>"##
        );
    }

    #[test]
    fn step_minutes_are_read_from_text() {
        assert_eq!(minutes_in("Velkomst (15 min.) Facilitator byder velkommen"), Some(15));
        assert_eq!(minutes_in("Ingen tid her"), None);
    }

    #[test]
    fn text_colour_has_contrast() {
        assert_eq!(text_color_on("#1d5c63"), "#ffffff");
        assert_eq!(text_color_on("#f5e663"), "#000000");
    }
}
