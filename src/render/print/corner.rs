//! The print corner (everything printable in one place), the deck builder (pick cards from any
//! deck, add your own, print them as one deck) and `css/sheet-pages.css` (each flowing sheet's
//! footer as a CSS named page).

use serde::Serialize;
use tera::Context;

use crate::colour::text_color_on;
use crate::content::model::Range;
use crate::content::{Kind, KindData, Page};
use crate::diagnostics::Diagnostic;
use crate::markdown::escape;
use crate::model::printables::Printable;
use crate::model::urls::{
    BUILDER_PATH, BUILDER_PRESENT_PATH, CORNER_PATH, SHEET_PAGES_CSS_PATH, SheetKind, calibration_sheet_path,
};
use crate::output::RenderedFile;
use crate::render::context::PlainPage;
use crate::render::engine::Renderer;
use crate::render::items::{BUILDER_DECK_CLASS, Card, cards, css_string};
use crate::render::print::cards::{CARDS_PER_SHEET, CardSheet, card_sheets};
use crate::render::print::sheets::{named_page, online_url, template_description};

/// A row of the print corner.
#[derive(Serialize)]
struct CornerEntry {
    title: String,
    description: String,
    sheet: String,
    pdf: Option<String>,
    /// The online page the sheet is made from; `None` for a template.
    page: Option<String>,
    /// A short line of facts: "7 trin · 90–120 min.", "23 kort + 3 jokere · 3 ark".
    facts: String,
    /// The deck's colour class, for decks.
    color_class: Option<String>,
}

fn range_text(r: Range) -> String {
    if r.min == r.max { r.min.to_string() } else { format!("{}–{}", r.min, r.max) }
}

fn corner_entry(r: &Renderer, p: &Printable) -> CornerEntry {
    let Some(page) = p.page.map(|i| &r.site.pages[i]) else {
        let facts = match p.kind {
            SheetKind::Narrative => "Problemet i midten, otte felter rundt om · 1 side A4 på den lange led",
            SheetKind::Calibration => "Kryds på forsiden, lineal på bagsiden · 1 ark A4, tosidet",
            _ => "Linjer til noter · 1 side A4",
        };
        return CornerEntry {
            title: p.title.clone(),
            description: template_description(p.kind).to_string(),
            sheet: p.html.clone(),
            pdf: r.site.config.print.pdf.then(|| p.pdf.clone()),
            page: None,
            facts: facts.to_string(),
            color_class: None,
        };
    };
    let (facts, color_class) = page_facts(page, p);
    CornerEntry {
        title: p.title.clone(),
        description: page.description.clone(),
        sheet: p.html.clone(),
        pdf: r.site.config.print.pdf.then(|| p.pdf.clone()),
        page: Some(page.output_file()),
        facts,
        color_class,
    }
}

/// The facts line of the sheet `p` made from `page`, and a deck's colour class.
fn page_facts(page: &Page, p: &Printable) -> (String, Option<String>) {
    match &page.data {
        KindData::Tool(t) => {
            (format!("{} personer · {} minutter", range_text(t.participants.0), range_text(t.minutes.0)), None)
        }
        KindData::Deck(d) => {
            let total = page.markdown.items.len() + d.jokers as usize;
            let sheets = total.div_ceil(CARDS_PER_SHEET);
            (
                format!(
                    "{} kort + {} jokere · {} ark, {} sider med bagsider",
                    page.markdown.items.len(),
                    d.jokers,
                    sheets,
                    sheets * 2
                ),
                Some(format!("deck--{}", page.slug)),
            )
        }
        KindData::Questions(q) => (format!("{} spørgsmål · fase: {}", page.markdown.items.len(), q.phase), None),
        KindData::Page { wheel: Some(w) } if p.kind == SheetKind::Agenda => {
            match p.month.and_then(|n| w.months.iter().find(|m| m.month == n)) {
                Some(m) => (format!("Emne: {} · 1 side", m.topic), None),
                None => (format!("{} faste punkter · 1 side", w.agenda.len()), None),
            }
        }
        KindData::Page { wheel: Some(w) } if p.kind == SheetKind::Poster => {
            (format!("Hjulet med {} møder og den faste dagsorden · 1 side {}", w.months.len(), p.paper.label()), None)
        }
        _ => (String::from("12 måneder og den faste dagsorden"), None),
    }
}

/// `print/index.html`: everything printable in one place, with the PDFs when they are made.
pub fn render_corner(r: &Renderer, all: &[Printable]) -> Result<RenderedFile, Diagnostic> {
    let mut ctx = r.base_context(CORNER_PATH, None);
    ctx.insert("page", &PlainPage::new("Printhjørnet", "Alt, der kan printes til jeres møder, samlet ét sted."));
    let of = |kind: SheetKind| all.iter().filter(|p| p.kind == kind).map(|p| corner_entry(r, p)).collect::<Vec<_>>();
    ctx.insert("tools", &of(SheetKind::Tool));
    ctx.insert("decks", &of(SheetKind::Deck));
    ctx.insert("calibration", &of(SheetKind::Calibration));
    ctx.insert("question_sets", &of(SheetKind::Questions));
    // The annual wheel, its posters, then its agendas: the standing one and one per month.
    let wheel_sheets: Vec<CornerEntry> =
        [SheetKind::Wheel, SheetKind::Poster, SheetKind::Agenda].into_iter().flat_map(of).collect();
    ctx.insert("wheel_sheets", &wheel_sheets);
    let templates: Vec<CornerEntry> = [SheetKind::Narrative, SheetKind::Notes].into_iter().flat_map(of).collect();
    ctx.insert("templates", &templates);
    ctx.insert("calendar", &r.site.wheel_calendar_path());
    ctx.insert("builder", BUILDER_PATH);
    ctx.insert("pdfs", &r.site.config.print.pdf);
    r.render("print-corner.html", &ctx, CORNER_PATH.into())
}

/// A deck as the deck builder offers it.
#[derive(Serialize)]
struct BuilderDeck {
    slug: String,
    title: String,
    theme: String,
    color_class: String,
    sheet: String,
    cards: Vec<Card>,
}

/// `print/kortbygger/index.html`: pick cards from any deck, add your own, print them as one deck.
pub fn render_builder(r: &Renderer) -> Result<RenderedFile, Diagnostic> {
    let site = r.site;
    let decks: Vec<BuilderDeck> = site
        .pages_of(Kind::Deck)
        .into_iter()
        .filter_map(|i| {
            let page = &site.pages[i];
            let KindData::Deck(d) = &page.data else { return None };
            Some(BuilderDeck {
                slug: page.slug.clone(),
                title: page.title.clone(),
                theme: d.theme.clone(),
                color_class: format!("deck--{}", page.slug),
                sheet: Printable::new(site, i, SheetKind::Deck).html,
                cards: cards(page, &r.resolver(i, BUILDER_PATH)),
            })
        })
        .collect();
    let mut ctx = r.base_context(BUILDER_PATH, None);
    ctx.insert(
        "page",
        &PlainPage::new(
            "Kortbyggeren",
            "Vælg kort fra alle bunker, skriv jeres egne udsagn, og print dem som én bunke.",
        ),
    );
    ctx.insert("decks", &decks);
    ctx.insert("builder_class", BUILDER_DECK_CLASS);
    ctx.insert("sample_sheets", &builder_samples());
    ctx.insert("present", BUILDER_PRESENT_PATH);
    ctx.insert("calibration", &calibration_sheet_path());
    r.render("print/builder.html", &ctx, BUILDER_PATH.into())
}

/// The builder's patterns: a statement card, a finish-the-sentence card and a joker, which its
/// script copies, so its cards are made by the same templates as every deck's.
fn builder_samples() -> Vec<CardSheet> {
    let sample = |number: usize, text: &str, unfinished: bool| Card {
        id: format!("eget-{number}"),
        number,
        html: escape(text),
        text: text.to_string(),
        unfinished,
    };
    card_sheets(vec![sample(1, "Et udsagn", false), sample(2, "Et udsagn, man gør færdigt…", true)], 1)
}

/// `css/sheet-pages.css`: one CSS named page per flowing sheet, whose margin boxes print the
/// site's name and the sheet's online address on every page. A file, so that no page needs an
/// inline style under a strict Content-Security-Policy.
pub fn render_page_styles(r: &Renderer, all: &[Printable]) -> Result<RenderedFile, Diagnostic> {
    #[derive(Serialize)]
    struct NamedPage {
        name: String,
        size: &'static str,
        left: String,
        right: String,
    }
    let c = &r.site.config;
    let left = if c.branding.name.is_empty() { c.title.clone() } else { format!("{} · {}", c.branding.name, c.title) };
    let pages: Vec<NamedPage> = all
        .iter()
        // Card sheets and the calibration sheet are whole sheets of paper, on the `cards` page.
        .filter(|p| !matches!(p.kind, SheetKind::Deck | SheetKind::Calibration))
        .map(|p| {
            let slug = p.page.map_or("", |i| r.site.pages[i].slug.as_str());
            NamedPage {
                name: named_page(p, slug),
                size: p.paper.css_size(),
                left: css_string(&left),
                right: css_string(&online_url(r.site, p)),
            }
        })
        .collect();
    let mut ctx = Context::new();
    ctx.insert("pages", &pages);
    ctx.insert("builder_class", BUILDER_DECK_CLASS);
    ctx.insert("builder_color", &c.branding.primary_color);
    ctx.insert("builder_text", text_color_on(&c.branding.primary_color));
    r.render("print/pages.css", &ctx, SHEET_PAGES_CSS_PATH.into())
}
