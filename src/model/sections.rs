//! The site's structure beyond single pages: sections from the folders with an `_index.md`,
//! and the taxonomies (themes and sectors) from the cases.

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use crate::content::{KindData, Page};
use crate::model::ids::{PageId, PerPage};
use crate::model::site::{Taxonomy, Term, order_key};
use crate::slug::slugify;

/// Sections come from folders with `_index.md`; a page belongs to the nearest one above it.
/// Returns each page's section and each section's children, in order.
pub fn build_sections(pages: &PerPage<Arc<Page>>) -> (PerPage<Option<PageId>>, PerPage<Vec<PageId>>) {
    let section_by_folder: HashMap<&str, PageId> =
        pages.enumerate().filter(|(_, p)| p.is_section).map(|(i, p)| (p.folder(), i)).collect();
    let nearest = |mut folder: &str| -> Option<PageId> {
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
    let parent: PerPage<Option<PageId>> = pages
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
    let mut children: PerPage<Vec<PageId>> = pages.iter().map(|_| Vec::new()).collect();
    for (i, p) in parent.enumerate() {
        if let Some(p) = p {
            children[*p].push(i);
        }
    }
    for list in children.ids().collect::<Vec<_>>() {
        children[list].sort_by(|&a, &b| order_key(&pages[a]).cmp(&order_key(&pages[b])));
    }
    (parent, children)
}

/// Themes and sectors of the cases, each term with its pages sorted by title.
pub fn build_taxonomies(pages: &PerPage<Arc<Page>>) -> Vec<Taxonomy> {
    let mut themes: BTreeMap<String, Term> = BTreeMap::new();
    let mut sectors: BTreeMap<String, Term> = BTreeMap::new();
    let add = |map: &mut BTreeMap<String, Term>, name: &str, page: PageId| {
        let slug = slugify(name);
        if slug.is_empty() {
            return;
        }
        map.entry(slug.clone())
            .or_insert_with(|| Term { name: name.to_string(), slug, pages: Vec::new() })
            .pages
            .push(page);
    };
    for (i, page) in pages.enumerate() {
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
