//! The pages and files that list rather than show one content page: the taxonomy pages, the
//! search page, the accessibility statement when the content has none, the 404 page,
//! `css/vars.css` and `sitemap.xml`.

use serde::Serialize;
use tera::Context;

use crate::colour::text_color_on;
use crate::content::KindData;
use crate::diagnostics::Diagnostic;
use crate::model::Taxonomy;
use crate::model::urls::{
    ACCESSIBILITY_PATH, NOT_FOUND_PATH, SEARCH_PATH, SITEMAP_PATH, VARS_CSS_PATH, taxonomy_path, term_path,
};
use crate::output::RenderedFile;
use crate::render::context::{Link, PlainPage};
use crate::render::engine::Renderer;

/// The taxonomy pages, `css/vars.css`, the search page (when the site searches), the
/// accessibility statement (when the content has none) and the 404 page.
pub fn render_listings(r: &Renderer) -> Vec<Result<RenderedFile, Diagnostic>> {
    let mut out = Vec::new();
    for tax in &r.site.taxonomies {
        out.extend(render_taxonomy(r, tax));
    }
    out.push(render_vars_css(r));
    if r.site.config.search.enabled {
        out.push(render_search_page(r));
    }
    let by_source = &r.site.by_source;
    if !by_source.contains_key("tilgaengelighed.md") && !by_source.contains_key("tilgaengelighed/_index.md") {
        let mut ctx = r.base_context(ACCESSIBILITY_PATH, None);
        ctx.insert("page", &PlainPage::new("Tilgængelighedserklæring", ""));
        out.push(r.render("accessibility.html", &ctx, ACCESSIBILITY_PATH.into()));
    }
    out.push(render_not_found(r));
    out
}

/// A term of a taxonomy and the pages that carry it.
#[derive(Serialize)]
struct TermCtx {
    name: String,
    url: String,
    pages: Vec<Link>,
}

/// What a taxonomy's pages say about it.
#[derive(Serialize)]
struct TaxonomyCtx {
    title: &'static str,
    singular: &'static str,
    slug: &'static str,
}

/// A taxonomy's listing page and one page per term.
fn render_taxonomy(r: &Renderer, tax: &Taxonomy) -> Vec<Result<RenderedFile, Diagnostic>> {
    let taxonomy =
        tera::Value::from_serializable(&TaxonomyCtx { title: tax.title, singular: tax.singular, slug: tax.slug });
    let terms: Vec<TermCtx> = tax
        .terms
        .iter()
        .map(|t| TermCtx { name: t.name.clone(), url: term_path(tax.slug, &t.slug), pages: r.links(&t.pages) })
        .collect();
    let path = taxonomy_path(tax.slug);
    let mut ctx = r.base_context(&path, None);
    ctx.insert("page", &PlainPage::new(tax.title, ""));
    ctx.insert_value("taxonomy", taxonomy.clone());
    ctx.insert("terms", &terms);
    let mut out = vec![r.render("taxonomy.html", &ctx, path)];
    for term in &terms {
        let mut ctx = r.base_context(&term.url, None);
        ctx.insert("page", &PlainPage::new(&term.name, ""));
        ctx.insert_value("taxonomy", taxonomy.clone());
        ctx.insert("term", term);
        out.push(r.render("term.html", &ctx, term.url.clone()));
    }
    out
}

/// 404.html, with every link relative to its own place in the site's folder, like any page: it
/// works from disk, from the zip and under whatever path the site is put. A web server shows it
/// at its own address: the configurations of `crate::hosting` send a missing address there.
fn render_not_found(r: &Renderer) -> Result<RenderedFile, Diagnostic> {
    let mut ctx = r.base_context(NOT_FOUND_PATH, None);
    ctx.insert("page", &PlainPage::new("Siden findes ikke", ""));
    r.render("404.html", &ctx, NOT_FOUND_PATH.into())
}

/// A filter of the search page: the kinds of result it keeps.
#[derive(Serialize)]
struct KindFilter {
    codes: &'static str,
    label: &'static str,
}

/// The search page; it reads its query from the URL (`?q=`).
fn render_search_page(r: &Renderer) -> Result<RenderedFile, Diagnostic> {
    let mut ctx = r.base_context(SEARCH_PATH, None);
    ctx.insert("page", &PlainPage::new("Søg", "Søg i hele håndbogen: værktøjer, cases, udsagnskort og spørgsmål."));
    let filters = [
        KindFilter { codes: "t", label: "Værktøjer" },
        KindFilter { codes: "c", label: "Cases" },
        KindFilter { codes: "k", label: "Udsagnskort" },
        KindFilter { codes: "q", label: "Spørgsmål" },
        KindFilter { codes: "da", label: "Dele og afsnit" },
        KindFilter { codes: "s", label: "Sider" },
    ];
    ctx.insert("filters", &filters);
    r.render("search.html", &ctx, SEARCH_PATH.into())
}

/// A deck's colour, as a custom property.
#[derive(Serialize)]
struct DeckColor<'b> {
    slug: &'b str,
    color: &'b str,
    text_color: &'static str,
}

/// `css/vars.css`: the municipality's colours (with black or white text for its main colour)
/// and each deck's colour as custom properties, in a file rather than inline styles so a strict
/// Content-Security-Policy holds.
fn render_vars_css(r: &Renderer) -> Result<RenderedFile, Diagnostic> {
    let decks: Vec<DeckColor> = r
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
    ctx.insert_value("site", r.site_value.clone());
    ctx.insert("decks", &decks);
    ctx.insert("brand_text", text_color_on(&r.site.config.branding.primary_color));
    r.render("vars.css", &ctx, VARS_CSS_PATH.into())
}

/// `sitemap.xml`: every page's and listing's full address.
pub fn sitemap(r: &Renderer) -> RenderedFile {
    let base = r.site.config.base_url();
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    let mut urls: Vec<String> = r.site.pages.iter().map(|p| p.url.clone()).collect();
    for tax in &r.site.taxonomies {
        urls.push(format!("{}/", tax.slug));
        urls.extend(tax.terms.iter().map(|t| format!("{}/{}/", tax.slug, t.slug)));
    }
    urls.sort();
    for u in urls {
        xml.push_str(&format!("  <url><loc>{}</loc></url>\n", crate::markdown::escape(&format!("{base}{u}"))));
    }
    xml.push_str("</urlset>\n");
    RenderedFile { path: SITEMAP_PATH.into(), bytes: xml.into_bytes() }
}
