//! A content page through its template: the page itself, its place (breadcrumbs, pager,
//! children, print sheet) and the data of its kind — a tool's steps, a deck's cards, a set's
//! questions, a case's terms, the wheel — and on a section, its question bank or deck tiles.

use serde::Serialize;
use tera::Context;

use crate::colour::text_color_on;
use crate::content::front_matter::PHASES;
use crate::content::model::{Case, Deck, QuestionSet, Tool};
use crate::content::{Kind, KindData, Page};
use crate::diagnostics::Diagnostic;
use crate::model::printables::sheet_for;
use crate::model::urls::{builder_for_deck, present_path, term_path};
use crate::model::{PageId, Site};
use crate::output::RenderedFile;
use crate::render::context::{
    CaseContext, DeckContext, Link, PageContext, QuestionsContext, Step, TermLink, ToolContext,
};
use crate::render::engine::Renderer;
use crate::render::items::{Question, cards, minutes_in, questions, wheel_context};
use crate::slug::slugify;

/// Renders content page `i`.
pub fn render_page(r: &Renderer, i: PageId) -> Result<RenderedFile, Diagnostic> {
    let site = r.site;
    let page = &site.pages[i];
    let path = page.output_file();
    let resolve = r.resolver(i, &path);
    let mut ctx = r.base_context(&path, Some(i));
    let page_ctx = page_context(page, &resolve);
    let text_len = page_ctx.content.len();
    ctx.insert("page", &page_ctx);
    insert_place(r, i, &mut ctx);
    let template = if Some(i) == site.home { "index.html" } else { template_for(page) };
    match &page.data {
        KindData::Tool(t) => ctx.insert("tool", &tool_context(r, i, t, &resolve)),
        KindData::Deck(d) => ctx.insert("deck", &deck_context(r, i, d, &resolve)),
        KindData::Questions(q) => ctx.insert("questions", &questions_context(r, i, q, &resolve)),
        KindData::Case(c) => ctx.insert("case", &case_context(r, i, c)),
        KindData::Page { wheel: Some(w) } => ctx.insert("wheel", &wheel_context(site, w)),
        _ => {}
    }
    if page.is_section {
        insert_section_extras(r, i, &mut ctx);
    }
    r.render_sized(template, &ctx, path, text_len)
}

/// The page's place in the site: breadcrumbs, pager, children and its print sheet.
fn insert_place(r: &Renderer, i: PageId, ctx: &mut Context) {
    let site = r.site;
    ctx.insert("breadcrumbs", &r.links(&site.ancestors(i)));
    let siblings = site.parent[i].map(|p| site.children[p].as_slice()).unwrap_or(&[]);
    let pos = r.sibling_pos[i];
    ctx.insert("prev", &pos.and_then(|p| p.checked_sub(1)).map(|p| r.link(siblings[p])));
    ctx.insert("next", &pos.and_then(|p| siblings.get(p + 1)).map(|&n| r.link(n)));
    ctx.insert("children", &r.links(&site.children[i]));
    ctx.insert("print_sheet", &sheet_for(site, i).map(|p| p.html));
}

fn page_context<'a>(p: &'a Page, resolve: &dyn Fn(&str) -> String) -> PageContext<'a> {
    PageContext {
        title: &p.title,
        slug: &p.slug,
        description: &p.description,
        url: p.output_file(),
        kind: p.kind(),
        kind_label: p.kind().label(),
        is_section: p.is_section,
        number: match p.data {
            KindData::Part { number } => Some(number),
            _ => None,
        },
        content: resolve(&p.markdown.html),
        toc: p.markdown.headings.iter().filter(|h| h.level == 2).collect(),
        word_count: p.markdown.word_count,
    }
}

fn tool_context<'a>(r: &Renderer, i: PageId, t: &'a Tool, resolve: &dyn Fn(&str) -> String) -> ToolContext<'a> {
    let site = r.site;
    let steps = site.pages[i]
        .markdown
        .items_under("Fremgangsmåde")
        .filter(|it| it.ordered)
        .map(|it| Step { html: resolve(&it.html), minutes: minutes_in(&it.text) })
        .collect();
    ToolContext {
        purpose: &t.purpose,
        participants: t.participants.0,
        minutes: t.minutes.0,
        materials: &t.materials,
        decks: r.links(&site.deck_refs[i]),
        questions: r.links(Site::listed(&site.questions_by_tool, i)),
        cases: r.links(Site::listed(&site.cases_by_tool, i)),
        steps,
    }
}

fn deck_context<'a>(r: &Renderer, i: PageId, d: &'a Deck, resolve: &dyn Fn(&str) -> String) -> DeckContext<'a> {
    let site = r.site;
    DeckContext {
        theme: &d.theme,
        color: &d.color,
        text_color: text_color_on(&d.color),
        jokers: d.jokers,
        cards: cards(&site.pages[i], resolve),
        tools: r.links(Site::listed(&site.tools_by_deck, i)),
        present: present_path(&site.pages[i].url),
        builder: site.config.print.enabled.then(|| builder_for_deck(&site.pages[i].slug)),
    }
}

fn questions_context<'a>(
    r: &Renderer,
    i: PageId,
    q: &'a QuestionSet,
    resolve: &dyn Fn(&str) -> String,
) -> QuestionsContext<'a> {
    let site = r.site;
    QuestionsContext {
        phase: &q.phase,
        tool: site.tool_refs[i].first().map(|&t| r.link(t)),
        questions: questions(&site.pages[i], resolve),
        online_url: format!("{}{}", site.config.base_url(), site.pages[i].url),
    }
}

fn case_context<'a>(r: &Renderer, i: PageId, c: &'a Case) -> CaseContext<'a> {
    let term = |tax: &str, name: &str| TermLink { name: name.to_string(), url: term_path(tax, &slugify(name)) };
    CaseContext {
        summary: &c.meta.summary,
        workplace: &c.meta.workplace,
        sector: term("sektorer", &c.meta.sector),
        themes: c.meta.themes.iter().map(|t| term("temaer", t)).collect(),
        tools: r.links(&r.site.tool_refs[i]),
    }
}

/// Sections whose children are question sets or decks show every question or card preview.
fn insert_section_extras(r: &Renderer, i: PageId, ctx: &mut Context) {
    let kids = &r.site.children[i];
    if kids.is_empty() {
        return;
    }
    if kids.iter().all(|&k| r.site.pages[k].kind() == Kind::Questions) {
        ctx.insert("question_bank", &question_bank(r, i));
    }
    if kids.iter().all(|&k| r.site.pages[k].kind() == Kind::Deck) {
        ctx.insert("deck_overview", &deck_overview(r, i));
    }
}

/// A phase of the question bank and its question sets.
#[derive(Serialize)]
struct Phase {
    name: String,
    sets: Vec<SetSummary>,
}

#[derive(Serialize)]
struct SetSummary {
    link: Link,
    questions: Vec<Question>,
}

/// The question sets of section `i` by phase, each with its questions.
fn question_bank(r: &Renderer, i: PageId) -> Vec<Phase> {
    let site = r.site;
    let mut phases: Vec<Phase> = PHASES.iter().map(|p| Phase { name: p.to_string(), sets: Vec::new() }).collect();
    let section_path = site.pages[i].output_file();
    for &k in &site.children[i] {
        let page = &site.pages[k];
        let KindData::Questions(q) = &page.data else { continue };
        let resolve = r.resolver(k, &section_path);
        if let Some(ph) = phases.iter_mut().find(|p| p.name == q.phase) {
            ph.sets.push(SetSummary { link: r.link(k), questions: questions(page, &resolve) });
        }
    }
    phases.retain(|p| !p.sets.is_empty());
    phases
}

/// A deck tile of a section of decks.
#[derive(Serialize)]
struct DeckSummary {
    link: Link,
    color: String,
    text_color: &'static str,
    cards: usize,
    jokers: u32,
}

fn deck_overview(r: &Renderer, i: PageId) -> Vec<DeckSummary> {
    let site = r.site;
    site.children[i]
        .iter()
        .filter_map(|&k| match &site.pages[k].data {
            KindData::Deck(d) => Some(DeckSummary {
                link: r.link(k),
                color: d.color.clone(),
                text_color: text_color_on(&d.color),
                cards: site.pages[k].markdown.items.len(),
                jokers: d.jokers,
            }),
            _ => None,
        })
        .collect()
}

fn template_for(page: &Page) -> &'static str {
    match page.kind() {
        Kind::Part => "part.html",
        Kind::Tool => "tool.html",
        Kind::Questions => "questions.html",
        Kind::Deck => "deck.html",
        Kind::Case => "case.html",
        Kind::Page if page.is_section => "section.html",
        Kind::Page => "page.html",
    }
}
