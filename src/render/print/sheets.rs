//! The printable sheets, one per printable page: a tool's facilitator sheet (what a facilitator
//! needs in the room), a deck's card sheets, a question set with room to write, the annual
//! wheel as a month grid and as a poster, each meeting's agenda, and the templates that belong
//! to no page (the narrative's, the notes sheet).

use serde::Serialize;
use tera::Context;

use crate::content::KindData;
use crate::content::model::{Range, Tool, Wheel};
use crate::content::month_name;
use crate::diagnostics::Diagnostic;
use crate::model::printables::Printable;
use crate::model::urls::{Paper, SheetKind, builder_for_deck, calibration_sheet_path};
use crate::model::{PageId, Site};
use crate::output::RenderedFile;
use crate::render::context::{Link, PlainPage};
use crate::render::engine::Renderer;
use crate::render::items::{Card, Question, cards, minutes_in, questions, strip_paragraph, wheel_context};
use crate::render::print::calibration::calibration_targets;
use crate::render::print::cards::{CardSheet, card_sheets};

/// What every sheet's template gets about itself.
#[derive(Serialize)]
struct SheetInfo {
    kind: SheetKind,
    title: String,
    /// The CSS named page that carries the sheet's footer (`css/sheet-pages.css`).
    page_name: String,
    /// The full address printed in the footer: the online page's, or the sheet's own when it
    /// belongs to no page.
    online_url: String,
    /// Root-relative path of the online page, for the link back; `None` for a template.
    page_link: Option<String>,
    /// The ready-made PDF, when this build makes PDFs.
    pdf: Option<String>,
    /// The paper it is made for.
    paper: Paper,
}

fn sheet_info(r: &Renderer, p: &Printable) -> SheetInfo {
    let page = p.page.map(|i| &r.site.pages[i]);
    SheetInfo {
        kind: p.kind,
        title: p.title.clone(),
        page_name: named_page(p, page.map_or("", |pg| pg.slug.as_str())),
        online_url: online_url(r.site, p),
        page_link: page.map(|pg| pg.output_file()),
        pdf: r.site.config.print.pdf.then(|| p.pdf.clone()),
        paper: p.paper,
    }
}

/// The full address a printed sheet names in its footer: its page's online address, or for a
/// template that belongs to no page, the sheet's own.
pub fn online_url(site: &Site, p: &Printable) -> String {
    let path = match p.page {
        Some(i) => site.pages[i].url.clone(),
        None => p.html.trim_end_matches("index.html").to_string(),
    };
    format!("{}{path}", site.config.base_url())
}

/// The CSS page name of a flowing sheet made from the page with `slug`; only letters, digits
/// and `-`, and unique among the sheets (a wheel page has one agenda sheet per month and a
/// poster per paper).
pub fn named_page(p: &Printable, slug: &str) -> String {
    let kind = match p.kind {
        SheetKind::Tool => "tool",
        SheetKind::Deck => "deck",
        SheetKind::Questions => "questions",
        SheetKind::Wheel => "wheel",
        SheetKind::Agenda => "agenda",
        SheetKind::Poster => "poster",
        SheetKind::Narrative => "narrative",
        SheetKind::Notes => "notes",
        SheetKind::Calibration => "calibration",
    };
    let slug: String = slug.chars().map(|c| if c.is_ascii_alphanumeric() { c } else { '-' }).collect();
    let name = if slug.is_empty() { format!("sheet-{kind}") } else { format!("sheet-{kind}-{slug}") };
    match (p.month, p.kind) {
        (Some(m), _) => format!("{name}-{m}"),
        (None, SheetKind::Poster) => format!("{name}-{}", p.paper.css_size().to_ascii_lowercase()),
        _ => name,
    }
}

/// Renders the sheet of one printable page.
pub fn render_sheet(r: &Renderer, p: &Printable) -> Result<RenderedFile, Diagnostic> {
    let mut ctx = r.base_context(&p.html, None);
    ctx.insert("sheet", &sheet_info(r, p));
    let Some(i) = p.page else { return render_template_sheet(r, p, ctx) };
    let site = r.site;
    let page = &site.pages[i];
    let resolve = r.resolver(i, &p.html);
    ctx.insert("page", &SheetPage { plain: PlainPage::new(&page.title, &page.description), slug: &page.slug });
    let template = match (&page.data, p.kind) {
        (KindData::Tool(t), SheetKind::Tool) => {
            ctx.insert("tool", &tool_sheet(r, i, t, &p.html));
            "print/tool.html"
        }
        (KindData::Deck(d), SheetKind::Deck) => {
            ctx.insert("deck", &deck_sheet(cards(page, &resolve), &d.theme, &page.slug, d.jokers));
            ctx.insert("builder", &builder_for_deck(&page.slug));
            ctx.insert("calibration", &calibration_sheet_path());
            "print/deck.html"
        }
        (KindData::Questions(q), SheetKind::Questions) => {
            let sheet = QuestionsSheet {
                phase: &q.phase,
                tool: site.tool_refs[i].first().map(|&t| r.link(t)),
                groups: question_groups(questions(page, &resolve)),
            };
            ctx.insert("questions", &sheet);
            "print/questions.html"
        }
        (KindData::Page { wheel: Some(w) }, SheetKind::Wheel) => {
            ctx.insert("wheel", &wheel_context(site, w));
            "print/wheel.html"
        }
        (KindData::Page { wheel: Some(w) }, SheetKind::Poster) => {
            ctx.insert("wheel", &wheel_context(site, w));
            "print/poster.html"
        }
        (KindData::Page { wheel: Some(w) }, SheetKind::Agenda) => {
            ctx.insert("agenda", &agenda_sheet(w, p.month));
            "print/agenda.html"
        }
        _ => unreachable!("printables() pairs each page with the sheet of its kind"),
    };
    r.render(template, &ctx, p.html.clone())
}

/// Renders a sheet that belongs to no page: the narrative's template, the notes sheet or the
/// calibration sheet.
fn render_template_sheet(r: &Renderer, p: &Printable, mut ctx: Context) -> Result<RenderedFile, Diagnostic> {
    let template = match p.kind {
        SheetKind::Narrative => "print/narrative.html",
        SheetKind::Calibration => {
            ctx.insert("targets", &calibration_targets());
            "print/calibration.html"
        }
        _ => "print/notes.html",
    };
    ctx.insert("page", &PlainPage::new(&p.title, template_description(p.kind)));
    r.render(template, &ctx, p.html.clone())
}

/// What a sheet that belongs to no page is for, in one sentence.
pub fn template_description(kind: SheetKind) -> &'static str {
    match kind {
        SheetKind::Calibration => {
            "Print arket tosidet, hold det op mod lyset, og aflæs, hvor langt jeres printer lægger bagsiden fra forsiden. Så kan kortenes bagsider rettes ind."
        }
        SheetKind::Narrative => {
            "Tegn jeres arbejdsmiljøfortælling i hånden: problemet i midten og de forhold, der styrker eller svækker arbejdsmiljøet, rundt om."
        }
        _ => "Et ark med håndbogens hoved og linjer til jeres egne noter fra mødet.",
    }
}

/// A deck's cards laid out on sheets, with what the sheet's header says about the deck.
fn deck_sheet<'a>(cards: Vec<Card>, theme: &'a str, slug: &str, jokers: u32) -> DeckSheet<'a> {
    let count = cards.len();
    let sheets = card_sheets(cards, jokers as usize);
    DeckSheet { theme, color_class: format!("deck--{slug}"), cards: count, jokers, pages: sheets.len() * 2, sheets }
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

/// The facilitator sheet of tool `i`, with links made relative to the sheet at `path`.
fn tool_sheet<'a>(r: &Renderer, i: PageId, t: &'a Tool, path: &str) -> ToolSheet<'a> {
    let site = r.site;
    let page = &site.pages[i];
    let resolve = r.resolver(i, path);
    let section = |title: &str| page.markdown.section_html(title).map(&resolve).filter(|h| !h.trim().is_empty());
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
        question_sets: Site::listed(&site.questions_by_tool, i)
            .iter()
            .map(|&q| {
                let set = &site.pages[q];
                let resolve_set = r.resolver(q, path);
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

fn agenda_sheet(w: &Wheel, month: Option<u32>) -> AgendaSheet<'_> {
    let month = month.and_then(|n| w.months.iter().find(|m| m.month == n)).map(|m| AgendaMonth {
        number: m.month,
        name: month_name(m.month),
        topic: &m.topic,
        items: &m.items,
    });
    // The month's topic and items take the room of a few lines.
    let budget = AGENDA_NOTE_LINES.saturating_sub(month.as_ref().map_or(0, |m| 2 + m.items.len()));
    let lines = (budget / w.agenda.len().max(1)).clamp(1, 3) as u32;
    let compact = w.agenda.len() + month.as_ref().map_or(0, |m| m.items.len()) > AGENDA_ROOMY_ROWS;
    AgendaSheet { month, points: &w.agenda, lines, compact }
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
