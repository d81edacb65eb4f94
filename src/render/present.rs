//! Present mode: a deck on a shared screen or projector, one card at a time in the deck's
//! colour. One page per deck (`<deck>/vis/`), and one for the deck builder's own deck.
//!
//! The pages list every card, so they read without JavaScript; `js/present.js` turns the list
//! into one card at a time. Not the place for printing cards: that is `print`.

use std::collections::HashMap;

use serde::Serialize;

use crate::content::{Kind, KindData};
use crate::diagnostics::Diagnostic;
use crate::model::PageId;
use crate::model::urls::{BUILDER_PATH, BUILDER_PRESENT_PATH, PRESENT_SEGMENT, present_path};
use crate::output::RenderedFile;
use crate::render::context::PlainPage;
use crate::render::engine::Renderer;
use crate::render::items::{BUILDER_DECK_CLASS, Card, cards};

/// Statements longer than this are set a step smaller on the screen.
const LONG_STATEMENT: usize = 150;

/// A card as the present page shows it.
#[derive(Serialize)]
struct PresentCard {
    #[serde(flatten)]
    card: Card,
    long: bool,
}

fn present_card(card: Card) -> PresentCard {
    let long = card.text.chars().count() > LONG_STATEMENT;
    PresentCard { card, long }
}

/// A deck whose cards the builder's present page can show, by `deck/card` key.
#[derive(Serialize)]
struct SourceDeck {
    slug: String,
    title: String,
    cards: Vec<PresentCard>,
}

/// What `present.html` gets.
#[derive(Serialize)]
struct PresentContext {
    /// The colour class of the deck (`deck--haard-tone`).
    color_class: String,
    /// Root-relative path of the page that Escape and the back link lead to.
    back: String,
    back_label: String,
    /// The deck's name, shown in the heading.
    name: String,
    cards: Vec<PresentCard>,
    /// The builder's page: its cards come from the builder's link, or the deck built last in
    /// this browser.
    builder: bool,
    /// On the builder's page, every card it can choose from.
    sources: Vec<SourceDeck>,
}

/// Renders the present page of every deck, and the deck builder's when the site prints.
pub fn render_present_pages(r: &Renderer) -> Vec<Result<RenderedFile, Diagnostic>> {
    render_present_pages_of(r, &r.site.pages_of(Kind::Deck), r.site.config.print.enabled)
}

/// Renders the present pages that show a page in `changed` (a deck whose cards changed, and
/// then the deck builder's), for `serve`'s partial rebuilds.
pub fn render_present_pages_showing(r: &Renderer, changed: &[PageId]) -> Vec<Result<RenderedFile, Diagnostic>> {
    let site = r.site;
    let decks: Vec<PageId> =
        changed.iter().copied().filter(|&i| site.pages[i].kind() == Kind::Deck && !site.pages[i].is_section).collect();
    render_present_pages_of(r, &decks, site.config.print.enabled && !decks.is_empty())
}

fn render_present_pages_of(r: &Renderer, decks: &[PageId], builder: bool) -> Vec<Result<RenderedFile, Diagnostic>> {
    // Every page by URL, once, to find a page that would take a deck's present address.
    let pages_by_url: HashMap<&str, PageId> = r.site.pages.enumerate().map(|(i, p)| (p.url.as_str(), i)).collect();
    let mut out: Vec<Result<RenderedFile, Diagnostic>> =
        decks.iter().map(|&i| render_deck_page(r, i, &pages_by_url)).collect();
    if builder {
        out.push(render_builder_page(r));
    }
    out
}

/// The cards of deck page `i`, with links made relative to the page at `path`.
fn deck_cards(r: &Renderer, i: PageId, path: &str) -> Vec<PresentCard> {
    cards(&r.site.pages[i], &r.resolver(i, path)).into_iter().map(present_card).collect()
}

fn render_deck_page(r: &Renderer, i: PageId, pages_by_url: &HashMap<&str, PageId>) -> Result<RenderedFile, Diagnostic> {
    let site = r.site;
    let page = &site.pages[i];
    let path = present_path(&page.url);
    let present_url = format!("{}{PRESENT_SEGMENT}", page.url);
    if let Some(other) = pages_by_url.get(present_url.as_str()).map(|&o| &site.pages[o]) {
        return Err(Diagnostic::file(
            &other.shown_path,
            format!("siden har samme adresse ({present_url}) som bunken \"{}\" på skærm", page.title),
        )
        .with_hint("giv siden et andet filnavn eller en anden `slug`; `vis` under en bunke er optaget"));
    }
    let mut ctx = r.base_context(&path, Some(i));
    let title = format!("Udsagnskort på skærm: {}", page.title);
    let description = format!("Kortene fra {} ét ad gangen, til en fælles skærm eller en projektor.", page.title);
    ctx.insert("page", &PlainPage::new(&title, &description));
    ctx.insert(
        "present",
        &PresentContext {
            color_class: format!("deck--{}", page.slug),
            back: page.output_file(),
            back_label: format!("Tilbage til {}", page.title),
            name: page.title.clone(),
            cards: deck_cards(r, i, &path),
            builder: false,
            sources: Vec::new(),
        },
    );
    r.render("present.html", &ctx, path)
}

fn render_builder_page(r: &Renderer) -> Result<RenderedFile, Diagnostic> {
    let site = r.site;
    let path = BUILDER_PRESENT_PATH;
    let sources = site
        .pages_of(Kind::Deck)
        .into_iter()
        .filter(|&i| matches!(site.pages[i].data, KindData::Deck(_)))
        .map(|i| SourceDeck {
            slug: site.pages[i].slug.clone(),
            title: site.pages[i].title.clone(),
            cards: deck_cards(r, i, path),
        })
        .collect();
    let mut ctx = r.base_context(path, None);
    ctx.insert(
        "page",
        &PlainPage::new(
            "Udsagnskort på skærm: jeres egen bunke",
            "De kort, I har valgt og skrevet i kortbyggeren, ét ad gangen til en fælles skærm.",
        ),
    );
    ctx.insert(
        "present",
        &PresentContext {
            color_class: BUILDER_DECK_CLASS.to_string(),
            back: BUILDER_PATH.to_string(),
            back_label: String::from("Tilbage til kortbyggeren"),
            name: String::from("jeres egen bunke"),
            cards: Vec::new(),
            builder: true,
            sources,
        },
    );
    r.render("present.html", &ctx, path.into())
}
