//! The contexts of the printable pages and their rendering: facilitator sheets, card sheets,
//! question sheets, the annual wheel, the deck builder, the print corner and `css/sheet-pages.css`.
//!
//! Layout lives in `themes/default/static/css/sheets.css`; this file decides only what goes
//! on which sheet (which card in which slot, which sections of a tool).

use serde::Serialize;
use tera::Context;

use crate::content::model::Range;
use crate::content::{Kind, KindData, Page};
use crate::diagnostics::Diagnostic;
use crate::render::{
    Card, Link, PlainPage, Question, RenderedFile, Renderer, card, minutes_in, questions, resolve_placeholders,
    root_prefix, strip_paragraph, text_color_on, wheel_context,
};

use super::{BUILDER_PATH, CORNER_PATH, Printable, SheetKind};

/// Cards on one A4 sheet: three columns of three 63 × 88 mm cards.
pub const CARDS_PER_SHEET: usize = 9;
/// Columns of cards on a sheet; a back sheet mirrors them for a long-edge flip.
pub const COLUMNS: usize = 3;
/// Statements longer than this are set a step smaller (14 pt, never less) so they fit a card.
const LONG_STATEMENT: usize = 150;
/// The colour class of a deck made in the deck builder.
pub const BUILDER_DECK_CLASS: &str = "deck--egne";

/// A place on a card sheet, counted from the top left.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Slot {
    pub row: usize,
    pub col: usize,
}

impl Slot {
    /// The slot on the back of the sheet that lies behind this one after a long-edge flip:
    /// the same row, the column mirrored.
    pub fn behind(self) -> Slot {
        Slot { row: self.row, col: COLUMNS - 1 - self.col }
    }
}

/// One card as printed: a statement, or a blank joker when `card` is `None`.
#[derive(Clone, Serialize)]
pub(crate) struct PrintedCard {
    pub slot: Slot,
    pub card: Option<Card>,
    /// Set a step smaller because the statement is long.
    pub long: bool,
}

/// One physical sheet: the cards on its front and where their backs go.
#[derive(Clone, Serialize)]
pub(crate) struct CardSheet {
    /// 1-based.
    pub number: usize,
    pub fronts: Vec<PrintedCard>,
    pub backs: Vec<Slot>,
}

/// Lays out `cards` and then `jokers` blank cards, nine to a sheet, each with its back behind it.
pub(crate) fn card_sheets(cards: Vec<Card>, jokers: usize) -> Vec<CardSheet> {
    let all: Vec<Option<Card>> = cards.into_iter().map(Some).chain(std::iter::repeat_n(None, jokers)).collect();
    all.chunks(CARDS_PER_SHEET)
        .enumerate()
        .map(|(n, chunk)| {
            let fronts: Vec<PrintedCard> = chunk
                .iter()
                .enumerate()
                .map(|(pos, c)| PrintedCard {
                    slot: Slot { row: pos / COLUMNS, col: pos % COLUMNS },
                    long: c.as_ref().is_some_and(|c| c.text.chars().count() > LONG_STATEMENT),
                    card: c.clone(),
                })
                .collect();
            let backs = fronts.iter().map(|f| f.slot.behind()).collect();
            CardSheet { number: n + 1, fronts, backs }
        })
        .collect()
}

/// What every sheet's template gets about itself.
#[derive(Serialize)]
struct SheetInfo {
    kind: SheetKind,
    title: String,
    /// The CSS named page that carries the sheet's footer (`css/sheet-pages.css`).
    page_name: String,
    /// The online page's full address, printed in the footer.
    online_url: String,
    /// Root-relative path of the online page, for the link back.
    page_link: String,
    /// The ready-made PDF, when this build makes PDFs.
    pdf: Option<String>,
}

fn sheet_info(r: &Renderer, p: &Printable) -> SheetInfo {
    let page = &r.site.pages[p.page];
    SheetInfo {
        kind: p.kind,
        title: p.title.clone(),
        page_name: named_page(p, &page.slug),
        online_url: format!("{}{}", r.site.config.base_url(), page.url),
        page_link: page.output_file(),
        pdf: r.site.config.print.pdf.then(|| p.pdf.clone()),
    }
}

/// The CSS page name of a flowing sheet made from the page with `slug`; only letters, digits
/// and `-`, and unique among the sheets (a wheel page has one agenda sheet per month).
fn named_page(p: &Printable, slug: &str) -> String {
    let kind = match p.kind {
        SheetKind::Tool => "tool",
        SheetKind::Deck => "deck",
        SheetKind::Questions => "questions",
        SheetKind::Wheel => "wheel",
        SheetKind::Agenda => "agenda",
    };
    let slug: String = slug.chars().map(|c| if c.is_ascii_alphanumeric() { c } else { '-' }).collect();
    match p.month {
        Some(m) => format!("sheet-{kind}-{slug}-{m}"),
        None => format!("sheet-{kind}-{slug}"),
    }
}

/// Renders the sheet of one printable page.
pub(crate) fn render_sheet(r: &Renderer, p: &Printable) -> Result<RenderedFile, Diagnostic> {
    let site = r.site;
    let page = &site.pages[p.page];
    let root = root_prefix(&p.html);
    let targets = &site.link_targets[p.page];
    let resolve = |html: &str| resolve_placeholders(html, targets, &root);
    let mut ctx = r.base_context(&p.html, None);
    ctx.insert("page", &SheetPage { plain: PlainPage::new(&page.title, &page.description), slug: &page.slug });
    ctx.insert("sheet", &sheet_info(r, p));
    let template = match (&page.data, p.kind) {
        (KindData::Tool(t), SheetKind::Tool) => {
            ctx.insert("tool", &tool_sheet(r, p.page, t, &root));
            "print/tool.html"
        }
        (KindData::Deck(d), SheetKind::Deck) => {
            let cards: Vec<Card> =
                page.markdown.items.iter().enumerate().map(|(n, it)| card(n, it, &resolve)).collect();
            let count = cards.len();
            let sheets = card_sheets(cards, d.jokers as usize);
            ctx.insert(
                "deck",
                &DeckSheet {
                    theme: &d.theme,
                    color_class: format!("deck--{}", page.slug),
                    cards: count,
                    jokers: d.jokers,
                    pages: sheets.len() * 2,
                    sheets,
                },
            );
            "print/deck.html"
        }
        (KindData::Questions(q), SheetKind::Questions) => {
            ctx.insert(
                "questions",
                &QuestionsSheet {
                    phase: &q.phase,
                    tool: site.tool_refs[p.page].first().map(|&t| r.link(t)),
                    groups: question_groups(questions(page, &resolve)),
                },
            );
            "print/questions.html"
        }
        (KindData::Page { wheel: Some(w) }, SheetKind::Wheel) => {
            ctx.insert("wheel", &wheel_context(site, w));
            "print/wheel.html"
        }
        (KindData::Page { wheel: Some(w) }, SheetKind::Agenda) => {
            ctx.insert("agenda", &agenda_sheet(w, p.month));
            "print/agenda.html"
        }
        _ => unreachable!("printables() pairs each page with the sheet of its kind"),
    };
    r.render(template, &ctx, p.html.clone())
}

/// The `page` of a sheet: its content page's title, description and slug.
#[derive(Serialize)]
struct SheetPage<'a> {
    #[serde(flatten)]
    plain: PlainPage<'a>,
    slug: &'a str,
}

/// A deck's card sheets, fronts and backs.
#[derive(Serialize)]
struct DeckSheet<'a> {
    theme: &'a str,
    color_class: String,
    /// How many statement cards, jokers not counted.
    cards: usize,
    jokers: u32,
    /// Printed pages: a front and a back per sheet.
    pages: usize,
    sheets: Vec<CardSheet>,
}

/// A question set with room to write, its questions grouped under their headings.
#[derive(Serialize)]
struct QuestionsSheet<'a> {
    phase: &'a str,
    /// The tool the set belongs to.
    tool: Option<Link>,
    groups: Vec<QuestionGroup>,
}

/// A step of a tool as the facilitator sheet shows it: name, time and what to do.
#[derive(Serialize)]
struct SheetStep {
    name: Option<String>,
    minutes: Option<u32>,
    html: String,
}

/// Splits `<strong>Name</strong> (15 min.) text` into its parts.
fn sheet_step(html: &str, text: &str) -> SheetStep {
    let html = strip_paragraph(html).trim();
    let (name, rest) = match html.strip_prefix("<strong>").and_then(|r| r.split_once("</strong>")) {
        Some((name, rest)) => (Some(name.trim().to_string()), rest.trim_start()),
        None => (None, html),
    };
    let rest = match rest.strip_prefix('(').and_then(|r| r.split_once(')')) {
        Some((inside, after)) if inside.contains("min") => after.trim_start(),
        _ => rest,
    };
    SheetStep { name, minutes: minutes_in(text), html: rest.to_string() }
}

/// Questions under the same heading, for printing in groups.
#[derive(Serialize)]
struct QuestionGroup {
    heading: Option<String>,
    questions: Vec<Question>,
}

fn question_groups(qs: Vec<Question>) -> Vec<QuestionGroup> {
    let mut groups: Vec<QuestionGroup> = Vec::new();
    for q in qs {
        match groups.last_mut() {
            Some(g) if g.heading == q.group => g.questions.push(q),
            _ => groups.push(QuestionGroup { heading: q.group.clone(), questions: vec![q] }),
        }
    }
    groups
}

#[derive(Serialize)]
struct QuestionSetSheet {
    title: String,
    groups: Vec<QuestionGroup>,
}

/// What a facilitator needs in the room; preparation, examples and variations stay online.
#[derive(Serialize)]
struct ToolSheet<'a> {
    purpose: &'a str,
    participants: Range,
    minutes: Range,
    materials: &'a [String],
    decks: Vec<Link>,
    steps: Vec<SheetStep>,
    role: Option<String>,
    next_step: Option<String>,
    question_sets: Vec<QuestionSetSheet>,
}

/// The facilitator sheet of tool `i`, with links made relative to `root`.
fn tool_sheet<'a>(r: &Renderer, i: usize, t: &'a crate::content::model::Tool, root: &str) -> ToolSheet<'a> {
    let site = r.site;
    let page = &site.pages[i];
    let resolve = |html: &str| resolve_placeholders(html, &site.link_targets[i], root);
    let section = |title: &str| page.markdown.section_html(title).map(resolve).filter(|h| !h.trim().is_empty());
    let sets = site.questions_by_tool.get(&i).map_or(&[][..], Vec::as_slice);
    ToolSheet {
        purpose: &t.purpose,
        participants: t.participants.0,
        minutes: t.minutes.0,
        materials: &t.materials,
        decks: r.links(&site.deck_refs[i]),
        steps: page
            .markdown
            .items_under("Fremgangsmåde")
            .filter(|it| it.ordered)
            .map(|it| sheet_step(&resolve(&it.html), &it.text))
            .collect(),
        role: section("Facilitators rolle"),
        next_step: section("Næste skridt"),
        question_sets: sets
            .iter()
            .map(|&q| {
                let set = &site.pages[q];
                let resolve_set = |html: &str| resolve_placeholders(html, &site.link_targets[q], root);
                QuestionSetSheet { title: set.title.clone(), groups: question_groups(questions(set, &resolve_set)) }
            })
            .collect(),
    }
}

/// An agenda sheet: the standing points, and on a month's sheet that month's topic.
#[derive(Serialize)]
struct AgendaSheet<'a> {
    /// The month's meeting, on a month's sheet.
    month: Option<AgendaMonth<'a>>,
    points: &'a [String],
    /// Lines to write on under each point, as many as fit the sheet on one A4 page.
    lines: u32,
    /// Many points: set tighter, so that the sheet still fits one page.
    compact: bool,
}

#[derive(Serialize)]
struct AgendaMonth<'a> {
    number: u32,
    name: &'static str,
    topic: &'a str,
    items: &'a [String],
}

/// How many lines to write on a one-page agenda has room for, shared by its points.
const AGENDA_NOTE_LINES: usize = 14;
/// Points and topic items that fit one page at the normal spacing; beyond it the sheet tightens.
const AGENDA_ROOMY_ROWS: usize = 11;

fn agenda_sheet(w: &crate::content::model::Wheel, month: Option<u32>) -> AgendaSheet<'_> {
    let month = month.and_then(|n| w.months.iter().find(|m| m.month == n)).map(|m| AgendaMonth {
        number: m.month,
        name: crate::render::MONTHS[(m.month - 1) as usize],
        topic: &m.topic,
        items: &m.items,
    });
    // The month's topic and items take the room of a few lines.
    let budget = AGENDA_NOTE_LINES.saturating_sub(month.as_ref().map_or(0, |m| 2 + m.items.len()));
    let lines = (budget / w.agenda.len().max(1)).clamp(1, 3) as u32;
    let compact = w.agenda.len() + month.as_ref().map_or(0, |m| m.items.len()) > AGENDA_ROOMY_ROWS;
    AgendaSheet { month, points: &w.agenda, lines, compact }
}

/// A row of the print corner.
#[derive(Serialize)]
struct CornerEntry {
    title: String,
    description: String,
    sheet: String,
    pdf: Option<String>,
    page: String,
    /// A short line of facts: "7 trin · 90–120 min.", "23 kort + 3 jokere · 3 ark".
    facts: String,
    /// The deck's colour class, for decks.
    color_class: Option<String>,
}

fn range_text(r: Range) -> String {
    if r.min == r.max { r.min.to_string() } else { format!("{}–{}", r.min, r.max) }
}

fn corner_entry(r: &Renderer, p: &Printable) -> CornerEntry {
    let page: &Page = &r.site.pages[p.page];
    let (facts, color_class) = match &page.data {
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
        _ => (String::from("12 måneder og den faste dagsorden"), None),
    };
    CornerEntry {
        title: p.title.clone(),
        description: page.description.clone(),
        sheet: p.html.clone(),
        pdf: r.site.config.print.pdf.then(|| p.pdf.clone()),
        page: page.output_file(),
        facts,
        color_class,
    }
}

/// `print/index.html`: everything printable in one place, with the PDFs when they are made.
pub(crate) fn render_corner(r: &Renderer, all: &[Printable]) -> Result<RenderedFile, Diagnostic> {
    let mut ctx = r.base_context(CORNER_PATH, None);
    ctx.insert("page", &PlainPage::new("Printhjørnet", "Alt, der kan printes til jeres møder, samlet ét sted."));
    let of = |kind: SheetKind| all.iter().filter(|p| p.kind == kind).map(|p| corner_entry(r, p)).collect::<Vec<_>>();
    ctx.insert("tools", &of(SheetKind::Tool));
    ctx.insert("decks", &of(SheetKind::Deck));
    ctx.insert("question_sets", &of(SheetKind::Questions));
    // The annual wheel, then its agendas: the standing one and one per month.
    let wheel_sheets: Vec<CornerEntry> = of(SheetKind::Wheel).into_iter().chain(of(SheetKind::Agenda)).collect();
    ctx.insert("wheel_sheets", &wheel_sheets);
    ctx.insert("calendar", &crate::calendar::wheel_calendar_path(r.site));
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
pub(crate) fn render_builder(r: &Renderer) -> Result<RenderedFile, Diagnostic> {
    let site = r.site;
    let root = root_prefix(BUILDER_PATH);
    let decks: Vec<BuilderDeck> = site
        .pages_of(Kind::Deck)
        .into_iter()
        .filter_map(|i| {
            let page = &site.pages[i];
            let KindData::Deck(d) = &page.data else { return None };
            let resolve = |html: &str| resolve_placeholders(html, &site.link_targets[i], &root);
            Some(BuilderDeck {
                slug: page.slug.clone(),
                title: page.title.clone(),
                theme: d.theme.clone(),
                color_class: format!("deck--{}", page.slug),
                sheet: super::Printable::new(site, i, SheetKind::Deck).html,
                cards: page.markdown.items.iter().enumerate().map(|(n, it)| card(n, it, &resolve)).collect(),
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
    ctx.insert("present", crate::present::BUILDER_PRESENT_PATH);
    r.render("print/builder.html", &ctx, BUILDER_PATH.into())
}

/// The builder's patterns: a statement card, a finish-the-sentence card and a joker, which its
/// script copies, so its cards are made by the same templates as every deck's.
fn builder_samples() -> Vec<CardSheet> {
    let sample = |number: usize, text: &str, unfinished: bool| Card {
        id: format!("eget-{number}"),
        number,
        html: crate::markdown::escape(text),
        text: text.to_string(),
        unfinished,
    };
    card_sheets(vec![sample(1, "Et udsagn", false), sample(2, "Et udsagn, man gør færdigt…", true)], 1)
}

/// `css/sheet-pages.css`: one CSS named page per flowing sheet, whose margin boxes print the
/// site's name and the sheet's online address on every page. A file, so that no page needs an
/// inline style under a strict Content-Security-Policy.
pub(crate) fn render_page_styles(r: &Renderer, all: &[Printable]) -> Result<RenderedFile, Diagnostic> {
    #[derive(Serialize)]
    struct NamedPage {
        name: String,
        left: String,
        right: String,
    }
    let c = &r.site.config;
    let left = if c.branding.name.is_empty() { c.title.clone() } else { format!("{} · {}", c.branding.name, c.title) };
    let pages: Vec<NamedPage> = all
        .iter()
        .filter(|p| p.kind != SheetKind::Deck)
        .map(|p| {
            let page = &r.site.pages[p.page];
            NamedPage {
                name: named_page(p, &page.slug),
                left: css_string(&left),
                right: css_string(&format!("{}{}", c.base_url(), page.url)),
            }
        })
        .collect();
    let mut ctx = Context::new();
    ctx.insert("pages", &pages);
    ctx.insert("builder_class", BUILDER_DECK_CLASS);
    ctx.insert("builder_color", &c.branding.primary_color);
    ctx.insert("builder_text", text_color_on(&c.branding.primary_color));
    r.render("print/pages.css", &ctx, "css/sheet-pages.css".into())
}

/// `text` as a quoted CSS string, with everything outside printable ASCII escaped so that the
/// stylesheet reads the same in any encoding.
fn css_string(text: &str) -> String {
    let mut out = String::from("\"");
    for ch in text.chars() {
        if ch.is_ascii_graphic() && ch != '"' && ch != '\\' || ch == ' ' {
            out.push(ch);
        } else {
            out.push_str(&format!("\\{:x} ", ch as u32));
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cards(n: usize) -> Vec<Card> {
        (0..n)
            .map(|i| Card {
                id: format!("k{i}"),
                number: i + 1,
                html: format!("Kort {i}"),
                text: format!("Kort {i}"),
                unfinished: false,
            })
            .collect()
    }

    #[test]
    fn twenty_cards_and_three_jokers_fill_three_sheets() {
        let sheets = card_sheets(cards(20), 3);
        assert_eq!(sheets.len(), 3);
        assert_eq!(sheets.iter().map(|s| s.fronts.len()).collect::<Vec<_>>(), [9, 9, 5]);
        let jokers = sheets.iter().flat_map(|s| &s.fronts).filter(|c| c.card.is_none()).count();
        assert_eq!(jokers, 3);
    }

    #[test]
    fn each_back_lies_behind_its_front_after_a_long_edge_flip() {
        let sheets = card_sheets(cards(4), 0);
        let s = &sheets[0];
        assert_eq!(s.fronts[0].slot, Slot { row: 0, col: 0 });
        assert_eq!(s.backs[0], Slot { row: 0, col: 2 });
        assert_eq!(s.fronts[3].slot, Slot { row: 1, col: 0 });
        assert_eq!(s.backs[3], Slot { row: 1, col: 2 });
        assert_eq!(s.fronts[1].slot.behind(), Slot { row: 0, col: 1 });
    }

    #[test]
    fn a_step_is_split_into_name_time_and_text() {
        let s = sheet_step(
            "<strong>Introduktion</strong> (10 min.) Fortæl om formålet.",
            "Introduktion (10 min.) Fortæl om formålet.",
        );
        assert_eq!(s.name.as_deref(), Some("Introduktion"));
        assert_eq!(s.minutes, Some(10));
        assert_eq!(s.html, "Fortæl om formålet.");
        let plain = sheet_step("Bare tekst (med parentes).", "Bare tekst (med parentes).");
        assert_eq!(plain.name, None);
        assert_eq!(plain.html, "Bare tekst (med parentes).");
    }

    #[test]
    fn css_strings_escape_quotes_and_non_ascii() {
        assert_eq!(css_string("Kommune · \"TRIO\""), "\"Kommune \\b7  \\22 TRIO\\22 \"");
        assert_eq!(css_string("håndbog"), "\"h\\e5 ndbog\"");
    }
}
