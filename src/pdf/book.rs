//! The handbook as one book PDF, from the book page (`print/haandbogen/`), in two passes: the
//! first print shows on which page each part and page of the book lands (read from the PDF's
//! named destinations, which Chromium makes for every anchor the contents link to); the second
//! print has the contents' page numbers filled in and a blank page before each part that would
//! otherwise start on a left-hand page. A third pass is made only if the second moved a page.

use std::collections::HashMap;
use std::path::Path;

use lopdf::{Document, Object, ObjectId};

/// On which page each named destination lands, by name.
pub type Pages = HashMap<String, u32>;

/// The named destinations of a PDF and their pages (from 1).
pub fn named_pages(pdf: &[u8]) -> Result<Pages, String> {
    let doc = Document::load_mem(pdf).map_err(|e| format!("PDF'en kunne ikke læses: {e}"))?;
    let page_numbers: HashMap<ObjectId, u32> = doc.get_pages().into_iter().map(|(n, id)| (id, n)).collect();
    let catalog = doc.catalog().map_err(|e| e.to_string())?;
    let mut pages = Pages::new();
    // PDF 1.1: a dictionary of names in the catalog (what Chromium writes).
    if let Ok(Object::Dictionary(dests)) = catalog.get_deref(b"Dests", &doc) {
        for (name, value) in dests.iter() {
            if let Some(n) = destination_page(&doc, value, &page_numbers) {
                pages.insert(String::from_utf8_lossy(name).into_owned(), n);
            }
        }
    }
    // PDF 1.2 and later: a name tree under /Names.
    if let Ok(Object::Dictionary(names)) = catalog.get_deref(b"Names", &doc)
        && let Ok(Object::Dictionary(tree)) = names.get_deref(b"Dests", &doc)
    {
        walk_name_tree(&doc, tree, &page_numbers, &mut pages, 0);
    }
    Ok(pages)
}

fn walk_name_tree(
    doc: &Document,
    node: &lopdf::Dictionary,
    numbers: &HashMap<ObjectId, u32>,
    out: &mut Pages,
    depth: usize,
) {
    if depth > 32 {
        return;
    }
    if let Ok(Object::Array(kids)) = node.get_deref(b"Kids", doc) {
        for kid in kids {
            if let Ok((_, Object::Dictionary(kid))) = doc.dereference(kid) {
                walk_name_tree(doc, kid, numbers, out, depth + 1);
            }
        }
    }
    if let Ok(Object::Array(names)) = node.get_deref(b"Names", doc) {
        for pair in names.chunks(2) {
            if let [Object::String(name, _), value] = pair
                && let Some(n) = destination_page(doc, value, numbers)
            {
                out.insert(String::from_utf8_lossy(name).into_owned(), n);
            }
        }
    }
}

/// The page a destination (`[page /XYZ …]`, or a dictionary with `/D`) points to.
fn destination_page(doc: &Document, value: &Object, numbers: &HashMap<ObjectId, u32>) -> Option<u32> {
    let (_, value) = doc.dereference(value).ok()?;
    let array = match value {
        Object::Array(a) => a,
        Object::Dictionary(d) => match d.get_deref(b"D", doc).ok()? {
            Object::Array(a) => a,
            _ => return None,
        },
        _ => return None,
    };
    match array.first()? {
        Object::Reference(id) => numbers.get(id).copied(),
        Object::Integer(n) => u32::try_from(*n + 1).ok(),
        _ => None,
    }
}

/// The parts of the book, in order: the anchors of the blank pages that may go before them.
pub fn parts_of(book_html: &str) -> Vec<String> {
    book_html
        .split("data-blank-before=\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .map(str::to_string)
        .collect()
}

/// Where the second print goes: before which parts a blank page comes, and on which page each
/// anchor then lands.
#[derive(Debug, PartialEq)]
pub struct Layout {
    /// Parts that get a blank page before them.
    pub blanks: Vec<String>,
    /// Each anchor's page in the book as it will be printed.
    pub pages: Pages,
}

/// From the first print's pages: a blank before each part that would start on an even
/// (left-hand) page, and every page number moved by the blanks before it.
pub fn layout(first: &Pages, parts: &[String]) -> Layout {
    let mut blanks = Vec::new();
    // The first print's page of each part where a blank goes, in order.
    let mut shifts_at: Vec<u32> = Vec::new();
    for part in parts {
        let Some(&page) = first.get(part) else { continue };
        let now = page + shifts_at.len() as u32;
        if now.is_multiple_of(2) {
            blanks.push(part.clone());
            shifts_at.push(page);
        }
    }
    let pages = first
        .iter()
        .map(|(name, &page)| (name.clone(), page + shifts_at.iter().filter(|&&s| s <= page).count() as u32))
        .collect();
    Layout { blanks, pages }
}

/// The script that makes the book page look as `layout` says before it is printed again (and
/// paint again: the first print's style goes).
pub fn fill_in(layout: &Layout) -> String {
    let pages = serde_json::to_string(&layout.pages).unwrap_or_else(|_| "{}".into());
    let blanks = serde_json::to_string(&layout.blanks).unwrap_or_else(|_| "[]".into());
    format!(
        "(() => {{ const pages = {pages}; const blanks = {blanks}; \
         for (const el of document.querySelectorAll('[data-page-of]')) el.textContent = pages[el.dataset.pageOf] ?? ''; \
         for (const el of document.querySelectorAll('[data-blank-before]')) el.hidden = !blanks.includes(el.dataset.blankBefore); \
         document.getElementById('triobog-draft')?.remove(); \
         return true; }})()"
    )
}

/// Whether the printed book is as `layout` said: every part on an odd page, every anchor on the
/// page the contents give it.
pub fn is_right(printed: &Pages, layout: &Layout, parts: &[String]) -> bool {
    let parts_odd = parts.iter().all(|p| printed.get(p).is_none_or(|n| n % 2 == 1));
    parts_odd && layout.pages.iter().all(|(name, page)| printed.get(name) == Some(page))
}

/// The first print's script: every page number a wide "000", so that the contents take the
/// room they will take with the real numbers; and, for this print only, nothing painted
/// (`visibility: hidden` leaves the layout as it is): the first print is read only for where its
/// anchors land, which Chromium writes from the layout, and painting 64 pages of text (fonts
/// subset, pages compressed) cost more than laying them out. [`fill_in`] takes the style away.
pub const FIRST_PASS: &str = "(() => { for (const el of document.querySelectorAll('[data-page-of]')) el.textContent = '000'; \
     const style = document.createElement('style'); style.id = 'triobog-draft'; \
     style.textContent = '@media print { html, body, body * { visibility: hidden !important; } }'; \
     document.head.append(style); return true; })()";

/// Reads the book page's HTML in the staged site.
pub fn book_html(site_dir: &Path, html: &str) -> String {
    std::fs::read_to_string(site_dir.join(html)).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pages(list: &[(&str, u32)]) -> Pages {
        list.iter().map(|(n, p)| (n.to_string(), *p)).collect()
    }

    #[test]
    fn a_part_on_a_left_hand_page_gets_a_blank_page_before_it_and_everything_after_moves() {
        let parts = vec!["a".to_string(), "b".to_string(), "c".to_string()];
        // a on 3 (right), b on 6 (left), c on 9 (left before b's blank; right after it).
        let first = pages(&[("toc", 2), ("a", 3), ("a1", 4), ("b", 6), ("b1", 7), ("c", 9)]);
        let l = layout(&first, &parts);
        // c would land on 10 once b moves to 7, so it gets a blank page too.
        assert_eq!(l.blanks, ["b", "c"]);
        assert_eq!(l.pages, pages(&[("toc", 2), ("a", 3), ("a1", 4), ("b", 7), ("b1", 8), ("c", 11)]));
        assert!(is_right(&l.pages, &l, &parts));
        assert!(!is_right(&first, &l, &parts), "the first print is not the book yet");
    }

    #[test]
    fn the_second_print_takes_away_the_style_that_kept_the_first_from_painting() {
        assert!(FIRST_PASS.contains("style.id = 'triobog-draft'") && FIRST_PASS.contains("visibility: hidden"));
        let second = fill_in(&Layout { blanks: Vec::new(), pages: Pages::new() });
        assert!(second.contains("getElementById('triobog-draft')?.remove()"), "{second}");
    }

    #[test]
    fn the_parts_are_read_in_order_from_the_blank_pages_before_them() {
        let html = "<div data-blank-before=\"b-del-1\" hidden></div>x<div class=\"book-blank\" data-blank-before=\"b-del-2\" hidden>";
        assert_eq!(parts_of(html), ["b-del-1", "b-del-2"]);
    }
}
