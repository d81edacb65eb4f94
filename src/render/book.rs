//! The whole handbook as one page (`print/haandbogen/`), in the menu's order: a title page, a
//! table of contents, then each section of the menu (the guide's parts first) with all its
//! pages. Printed to PDF with `--pdf` it is the handbook as one book; `pdf::book` fills in the
//! page numbers and the blank pages that start each part on a right-hand page.
//!
//! In the book a link to another page of it goes to that page inside the book, every id is
//! prefixed with its page's, and headings sit one level lower (the part is the `h1`, the page
//! the `h2`), so that the PDF's outline follows parts, pages and their headings.

use std::collections::HashMap;

use serde::Serialize;
use tera::Context;

use crate::content::{KindData, Page};
use crate::diagnostics::Diagnostic;
use crate::markdown::LINK_PLACEHOLDER;
use crate::model::urls::{BOOK_PAGES_CSS_PATH, BOOK_PATH};
use crate::model::{PageId, Site};
use crate::output::RenderedFile;
use crate::render::context::PlainPage;
use crate::render::engine::{Renderer, root_prefix};
use crate::render::items::{cards, css_string};
use crate::slug::slugify;

/// A part of the book: a section of the menu and its pages.
#[derive(Serialize)]
struct BookPart {
    /// Its anchor in the book.
    id: String,
    /// Its CSS named page: `part-1`, … (the running footer says the part's name).
    page_name: String,
    /// "Del 1", when it is a numbered part of the guide.
    number: Option<u32>,
    title: String,
    /// The section page's own text.
    intro: String,
    pages: Vec<BookPage>,
}

/// A page of the book.
#[derive(Serialize)]
struct BookPage {
    id: String,
    title: String,
    /// The page's description, as its lead.
    lead: String,
    html: String,
}

/// `print/haandbogen/index.html`: the whole handbook as one page.
pub fn render_book(r: &Renderer) -> Result<RenderedFile, Diagnostic> {
    let site = r.site;
    let keys = book_keys(site);
    let parts: Vec<BookPart> = book_sections(site)
        .into_iter()
        .enumerate()
        .map(|(n, section)| book_part(site, &keys, section, n + 1))
        .collect();
    let mut ctx = r.base_context(BOOK_PATH, None);
    let description = "Hele håndbogen samlet på én side, til at printe eller gemme som PDF.";
    ctx.insert("page", &PlainPage::new(&site.config.title, description));
    ctx.insert("parts", &parts);
    ctx.insert("intro", &site.home.map(|h| book_html(site, &keys, h)).unwrap_or_default());
    r.render("print/book.html", &ctx, BOOK_PATH.into())
}

/// `css/book-pages.css`: a CSS named page per part, whose footer says the part's name and the
/// page number on every page of it.
pub fn render_book_pages_css(r: &Renderer) -> Result<RenderedFile, Diagnostic> {
    #[derive(Serialize)]
    struct NamedPart {
        name: String,
        label: String,
    }
    let site = r.site;
    let parts: Vec<NamedPart> = book_sections(site)
        .into_iter()
        .enumerate()
        .map(|(n, s)| NamedPart { name: format!("part-{}", n + 1), label: css_string(&part_label(&site.pages[s])) })
        .collect();
    let mut ctx = Context::new();
    ctx.insert("parts", &parts);
    ctx.insert("title", &css_string(&site.config.title));
    r.render("print/book-pages.css", &ctx, BOOK_PAGES_CSS_PATH.into())
}

/// The menu's sections, in order: the parts of the book.
fn book_sections(site: &Site) -> Vec<PageId> {
    match site.home {
        Some(home) => site.children[home].iter().copied().filter(|&i| site.pages[i].is_section).collect(),
        None => Vec::new(),
    }
}

/// What a part's footer says: "Del 1 · TRIO og læring", or the section's title.
fn part_label(page: &Page) -> String {
    match page.data {
        KindData::Part { number } => format!("Del {number} · {}", page.nav_title.as_deref().unwrap_or(&page.title)),
        _ => page.title.clone(),
    }
}

fn book_part(site: &Site, keys: &HashMap<String, String>, section: PageId, n: usize) -> BookPart {
    let page = &site.pages[section];
    let mut pages = Vec::new();
    let mut stack: Vec<PageId> = site.children[section].iter().rev().copied().collect();
    while let Some(i) = stack.pop() {
        let p = &site.pages[i];
        pages.push(BookPage {
            id: key(&p.url),
            title: p.title.clone(),
            lead: p.description.clone(),
            html: book_html(site, keys, i),
        });
        stack.extend(site.children[i].iter().rev().copied());
    }
    BookPart {
        id: key(&page.url),
        page_name: format!("part-{n}"),
        number: match page.data {
            KindData::Part { number } => Some(number),
            _ => None,
        },
        title: page.title.clone(),
        intro: book_html(site, keys, section),
        pages,
    }
}

/// The anchor of the page at `url` in the book: `b-vaerktoejer-dilemmavaerksted`.
fn key(url: &str) -> String {
    let slug = slugify(url);
    if slug.is_empty() { "b-forside".into() } else { format!("b-{slug}") }
}

/// Each page's file (`vaerktoejer/x/index.html`) → its anchor in the book.
fn book_keys(site: &Site) -> HashMap<String, String> {
    site.pages.iter().map(|p| (p.output_file(), key(&p.url))).collect()
}

/// Page `i`'s text as the book shows it: ids prefixed, headings a level down, links into the
/// book, images relative to the book's page, other links to the site on the intranet; a deck's
/// cards and a case's summary with it.
fn book_html(site: &Site, keys: &HashMap<String, String>, i: PageId) -> String {
    let page = &site.pages[i];
    let own = key(&page.url);
    let mut html = page
        .markdown
        .html
        .replace(" id=\"", &format!(" id=\"{own}--"))
        .replace("href=\"#", &format!("href=\"#{own}--"));
    for level in (2..=5).rev() {
        html = html
            .replace(&format!("<h{level}"), &format!("<h{}", level + 1))
            .replace(&format!("</h{level}>"), &format!("</h{}>", level + 1));
    }
    match &page.data {
        KindData::Case(c) => {
            html = format!("<p class=\"book-summary\">{}</p>\n{html}", crate::markdown::escape(&c.meta.summary))
        }
        KindData::Deck(_) => {
            let list: String =
                cards(page, &|h: &str| h.to_string()).iter().map(|c| format!("<li>{}</li>\n", c.html)).collect();
            html.push_str(&format!("<ol class=\"book-cards\">\n{list}</ol>\n"));
        }
        _ => {}
    }
    resolve_in_book(&html, page, &site.link_targets[i], keys, &site.config.base_url())
}

/// Replaces `html`'s link placeholders: a page of the book by its anchor, an image by its
/// path from the book's page, anything else by its address on the site.
fn resolve_in_book(html: &str, page: &Page, targets: &[String], keys: &HashMap<String, String>, base: &str) -> String {
    let root = root_prefix(BOOK_PATH);
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(at) = rest.find(LINK_PLACEHOLDER) {
        out.push_str(&rest[..at]);
        let after = &rest[at + LINK_PLACEHOLDER.len()..];
        let digits = after.bytes().take_while(u8::is_ascii_digit).count();
        let n: usize = after[..digits].parse().unwrap_or(usize::MAX);
        let target = targets.get(n).map(String::as_str).unwrap_or("#");
        let is_image = page.markdown.links.get(n).is_some_and(|l| l.is_image);
        let (file, anchor) = target.split_once('#').map_or((target, None), |(f, a)| (f, Some(a)));
        match keys.get(file) {
            _ if target.starts_with('#') => out.push_str(target),
            Some(k) => match anchor {
                Some(a) => out.push_str(&format!("#{k}--{a}")),
                None => out.push_str(&format!("#{k}")),
            },
            None if is_image => out.push_str(&format!("{root}{target}")),
            None => out.push_str(&format!("{base}{}", target.trim_end_matches("index.html"))),
        }
        rest = &after[digits..];
    }
    out.push_str(rest);
    out
}
