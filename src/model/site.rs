//! The whole site, resolved: every page with its section, children, links and references, the
//! back-references between them, and the taxonomies. Built once by [`crate::model::resolve`],
//! then read-only.

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use crate::config::{Config, Layers};
use crate::content::model::Wheel;
use crate::content::{Asset, Kind, KindData, Page};
use crate::model::ids::{PageId, PerPage};
use crate::model::urls::calendar_path;

/// A taxonomy term (a theme, a sector) and the pages that carry it.
#[derive(Debug, Clone)]
pub struct Term {
    /// The name as written in the cases' front matter.
    pub name: String,
    /// Its URL segment.
    pub slug: String,
    /// The pages that carry it, by title.
    pub pages: Vec<PageId>,
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
    /// Its terms, by slug.
    pub terms: Vec<Term>,
}

/// The whole site, resolved.
pub struct Site {
    /// `site.toml`, with the command line's overrides.
    pub config: Config,
    /// The folders the site is built from: the national handbook under a local site, if any.
    pub layers: Layers,
    /// Every page, sorted by source path.
    pub pages: PerPage<Arc<Page>>,
    /// Files under `content/` that are not Markdown, copied as they are.
    pub assets: Vec<Asset>,
    /// Source path (relative to `content/`) → page.
    pub by_source: HashMap<String, PageId>,
    /// Slug → page, for each kind that is referred to by slug.
    pub tools: BTreeMap<String, PageId>,
    /// Slug → deck.
    pub decks: BTreeMap<String, PageId>,
    /// Slug → question set.
    pub question_sets: BTreeMap<String, PageId>,
    /// The front page (`content/_index.md`), if there is one.
    pub home: Option<PageId>,
    /// Per page: the section it belongs to.
    pub parent: PerPage<Option<PageId>>,
    /// Per page: its ordered children, if it is a section.
    pub children: PerPage<Vec<PageId>>,
    /// Per page: the root-relative URL of each link placeholder in its HTML.
    pub link_targets: PerPage<Vec<String>>,
    /// Per page: resolved `tools` (of a case, or a question set's `tool`).
    pub tool_refs: PerPage<Vec<PageId>>,
    /// Per page: resolved `decks` of a tool.
    pub deck_refs: PerPage<Vec<PageId>>,
    /// Per page: resolved `questions` of a tool.
    pub question_refs: PerPage<Vec<PageId>>,
    /// Back-references: tool → the cases that used it.
    pub cases_by_tool: HashMap<PageId, Vec<PageId>>,
    /// Tool → its question sets.
    pub questions_by_tool: HashMap<PageId, Vec<PageId>>,
    /// Deck → the tools that use it.
    pub tools_by_deck: HashMap<PageId, Vec<PageId>>,
    /// Themes and sectors of the cases.
    pub taxonomies: Vec<Taxonomy>,
}

impl Site {
    /// Pages of a kind, in a stable order (weight, then title), sections left out.
    pub fn pages_of(&self, kind: Kind) -> Vec<PageId> {
        let mut v: Vec<PageId> =
            self.pages.enumerate().filter(|(_, p)| p.kind() == kind && !p.is_section).map(|(i, _)| i).collect();
        v.sort_by(|&a, &b| order_key(&self.pages[a]).cmp(&order_key(&self.pages[b])));
        v
    }

    /// The chain of sections from the front page down to (not including) `page`.
    pub fn ancestors(&self, page: PageId) -> Vec<PageId> {
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
    pub fn wheel_page(&self) -> Option<PageId> {
        self.pages.position(|p| matches!(&p.data, KindData::Page { wheel: Some(_) }))
    }

    /// The annual wheel and its page, when the site has a wheel with at least one meeting.
    pub fn wheel_with_meetings(&self) -> Option<(PageId, &Wheel)> {
        let page = self.wheel_page()?;
        match &self.pages[page].data {
            KindData::Page { wheel: Some(wheel) } if !wheel.months.is_empty() => Some((page, wheel)),
            _ => None,
        }
    }

    /// Where the calendar of the site's annual wheel is written; `None` when the site has no
    /// wheel with a meeting.
    pub fn wheel_calendar_path(&self) -> Option<String> {
        let (page, _) = self.wheel_with_meetings()?;
        Some(calendar_path(&self.pages[page].url, self.config.calendar_year))
    }

    /// The pages a back-reference map lists for `page` (none when it has no entry).
    pub fn listed(map: &HashMap<PageId, Vec<PageId>>, page: PageId) -> &[PageId] {
        map.get(&page).map_or(&[][..], Vec::as_slice)
    }
}

/// Sort key within a section: weight, then title case-insensitively.
pub fn order_key(p: &Page) -> (i64, String) {
    (p.weight, p.title.to_lowercase())
}
