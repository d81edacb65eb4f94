//! The template engine for one site: Tera with the theme's templates, the context every
//! template starts from (the site, the navigation, the defaults), page links converted once,
//! and URLs made relative so that the site works anywhere, from disk too.

use std::sync::OnceLock;

use serde::Serialize;
use tera::{Context, Value};

use crate::content::KindData;
use crate::diagnostics::Diagnostic;
use crate::markdown::LINK_PLACEHOLDER;
use crate::model::urls::{BOOK_PATH, book_pdf_path};
use crate::model::{PageId, PerPage, Site};
use crate::output::RenderedFile;
use crate::render::context::{BookLinks, Link, NavItem, PageLink, PlainPage};
use crate::theme::Theme;

/// Room for the chrome around a page's own text (header, navigation, footer) in a rendered
/// page, so that the output buffer seldom grows while a page is rendered.
const CHROME_BYTES: usize = 16 * 1024;

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
    search_engines: bool,
    /// The build date (`2026-12-06`), printed on card sheets as the handbook's edition.
    edition: &'a str,
}

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
        search_engines: c.hosting.search_engines,
        edition: &c.edition,
    }
}

/// Renders templates for one site; every part of `render` renders through it.
///
/// What is the same on many pages is converted into Tera values once, here, and shared by
/// every page's context: the site, the navigation, the empty defaults, each page's link.
pub struct Renderer<'a> {
    /// The site being rendered.
    pub site: &'a Site,
    theme: &'a Theme,
    /// The site, for templates that do not start from [`Renderer::base_context`].
    pub site_value: Value,
    /// What every context starts from: the site and the defaults that pages override.
    base: Context,
    /// The pages of the top navigation, in order.
    nav_pages: Vec<PageId>,
    /// The top navigation with no section current (index 0), and with `nav_pages[k]` current
    /// (index `k + 1`).
    nav_values: Vec<Value>,
    /// Each page's place among its parent's children, for the pager: looking it up page by
    /// page would scan a section of thousands of cases once for each of them.
    pub sibling_pos: PerPage<Option<usize>>,
    /// Each page's link, converted the first time a page links to it.
    links: PerPage<OnceLock<Value>>,
}

impl<'a> Renderer<'a> {
    /// A renderer of `site` with `theme`'s templates.
    pub fn new(site: &'a Site, theme: &'a Theme) -> Self {
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
        let book = crate::model::printables::has_book(site).then(|| BookLinks {
            html: BOOK_PATH,
            pdf: site.config.print.pdf.then(|| book_pdf_path(&site.config.title)),
        });
        base.insert("book", &book);
        let mut renderer = Renderer {
            site,
            theme,
            site_value,
            base,
            nav_pages: Vec::new(),
            nav_values: Vec::new(),
            sibling_pos: sibling_positions(site),
            links: site.pages.iter().map(|_| OnceLock::new()).collect(),
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
    pub fn link(&self, i: PageId) -> Link {
        Link(self.links[i].get_or_init(|| Value::from_serializable(&self.page_link(i))).clone())
    }

    fn page_link(&self, i: PageId) -> PageLink {
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

    /// The links to each page of `list`.
    pub fn links(&self, list: &[PageId]) -> Vec<Link> {
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
    fn nav(&self, current: Option<PageId>) -> Value {
        let on_trail = current.and_then(|c| {
            let mut trail = self.site.ancestors(c);
            trail.push(c);
            self.nav_pages.iter().position(|i| trail.contains(i))
        });
        self.nav_values[on_trail.map_or(0, |k| k + 1)].clone()
    }

    /// A context with what every template needs.
    pub fn base_context(&self, output_path: &str, current: Option<PageId>) -> Context {
        let mut ctx = self.base.clone();
        ctx.insert("root", &root_prefix(output_path));
        ctx.insert_value("nav", self.nav(current));
        ctx.insert("current_url", output_path);
        ctx
    }

    /// Renders `template` with `ctx` into the file at `path`.
    pub fn render(&self, template: &str, ctx: &Context, path: String) -> Result<RenderedFile, Diagnostic> {
        self.render_sized(template, ctx, path, 0)
    }

    /// Like [`Renderer::render`], for a page whose own text is about `text_len` bytes long.
    pub fn render_sized(
        &self,
        template: &str,
        ctx: &Context,
        path: String,
        text_len: usize,
    ) -> Result<RenderedFile, Diagnostic> {
        let mut bytes = Vec::with_capacity(CHROME_BYTES + text_len);
        self.theme.tera.render_to(template, ctx, &mut bytes).map_err(|e| self.theme.error(&e))?;
        Ok(RenderedFile { path, bytes })
    }

    /// A function that makes page `i`'s link placeholders into URLs relative to `output_path`.
    pub fn resolver(&self, i: PageId, output_path: &str) -> impl Fn(&str) -> String + use<'_> {
        let root = root_prefix(output_path);
        let targets = &self.site.link_targets[i];
        move |html: &str| resolve_placeholders(html, targets, &root)
    }
}

/// Each page's first place among its parent's children, if it is listed there.
fn sibling_positions(site: &Site) -> PerPage<Option<usize>> {
    let mut pos: PerPage<Option<usize>> = site.pages.iter().map(|_| None).collect();
    for (parent, children) in site.children.enumerate() {
        for (k, &child) in children.iter().enumerate() {
            if site.parent[child] == Some(parent) && pos[child].is_none() {
                pos[child] = Some(k);
            }
        }
    }
    pos
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
}
