//! The printable pages in the built HTML: card sheets with mirrored backs and jokers, facilitator
//! sheets, question sheets, the deck builder and the print corner; and `build --pdf`.
//! How they come out on paper is tested in headless Chromium by tests/browser/print.test.mjs.

mod common;

use std::path::Path;
use std::process::Command;

use common::{TestSite, attrs, only_error, texts};
use triobog::PdfOptions;

const DECK_SHEET: &str = "print/udsagnskort/haard-tone/index.html";
const TOOL_SHEET: &str = "print/vaerktoejer/dilemmavaerksted/index.html";
const QUESTION_SHEET: &str = "print/spoergsmaal/dilemma/index.html";

/// A deck of `cards` statements and `jokers` blank cards, replacing the fixture's deck.
fn write_deck(site: &TestSite, cards: usize, jokers: u32) {
    let statements: String = (1..=cards).map(|n| format!("- Udsagn nummer {n} om tonen hos os.\n")).collect();
    site.write(
        "content/kort/haard-tone.md",
        &format!("+++\nkind = \"deck\"\ntitle = \"Hård tone\"\ntheme = \"Hård tone\"\ncolor = \"#b5442c\"\njokers = {jokers}\n+++\n\n{statements}"),
    );
}

#[test]
fn twenty_cards_and_three_jokers_print_on_three_sheets_with_a_back_behind_every_card() {
    let site = TestSite::from_fixture("minimal");
    write_deck(&site, 20, 3);
    site.build_ok();
    let doc = site.html(DECK_SHEET);
    assert_eq!(texts(&doc, "section.sheet--front").len(), 3);
    assert_eq!(texts(&doc, "section.sheet--back").len(), 3);
    assert_eq!(attrs(&doc, "[data-card=front]", "class").len(), 23);
    assert_eq!(attrs(&doc, "[data-card=back]", "class").len(), 23);
    assert_eq!(attrs(&doc, ".print-card--joker[data-card=front]", "class").len(), 3);
    // The last sheet holds cards 19–20 and the three jokers in the first five places; their
    // backs sit in the same rows with the columns mirrored (long-edge flip).
    let slot = |class: &str| class.split_whitespace().find(|c| c.starts_with("slot-")).unwrap().to_string();
    let last_front = doc.select(&scraper::Selector::parse("section.sheet--front").unwrap()).next_back().unwrap();
    let last_back = doc.select(&scraper::Selector::parse("section.sheet--back").unwrap()).next_back().unwrap();
    let slots_in = |el: scraper::ElementRef| {
        el.select(&scraper::Selector::parse("[data-card]").unwrap())
            .map(|c| slot(c.value().attr("class").unwrap()))
            .collect::<Vec<_>>()
    };
    assert_eq!(slots_in(last_front), ["slot-r0c0", "slot-r0c1", "slot-r0c2", "slot-r1c0", "slot-r1c1"]);
    assert_eq!(slots_in(last_back), ["slot-r0c2", "slot-r0c1", "slot-r0c0", "slot-r1c2", "slot-r1c1"]);
}

/// Builds `site` with the command-line binary and `SOURCE_DATE_EPOCH` set to `epoch`; only this
/// child process sees the variable.
fn build_at(site: &TestSite, epoch: &str) {
    let out = Command::new(env!("CARGO_BIN_EXE_triobog"))
        .env("SOURCE_DATE_EPOCH", epoch)
        .args(["build", "--root"])
        .arg(site.root())
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
}

#[test]
fn every_card_sheet_says_its_deck_which_sheet_of_how_many_and_the_editions_date() {
    let site = TestSite::from_fixture("minimal");
    write_deck(&site, 20, 3);
    // 2026-12-06 12:00 UTC.
    build_at(&site, "1796558400");
    let doc = site.html(DECK_SHEET);
    let heads = texts(&doc, ".sheets .sheet .sheet__head");
    assert_eq!(heads.len(), 6, "a head on every front and every back: {heads:?}");
    for (i, head) in heads.iter().enumerate() {
        let expect = format!("Hård tone · ark {} af 3 · udgave 2026-12-06 · ", i / 2 + 1);
        assert!(head.starts_with(&expect), "{head:?} does not start with {expect:?}");
        assert!(head.contains(if i % 2 == 0 { "forside" } else { "bagside" }), "{head}");
    }
    // The same input on the same day gives the same bytes.
    let first = std::fs::read(site.public().join(DECK_SHEET)).unwrap();
    build_at(&site, "1796558400");
    assert_eq!(std::fs::read(site.public().join(DECK_SHEET)).unwrap(), first);
    // The fold sheets the page's script makes carry the same head (its pattern).
    let fold = texts(&doc, "#fold-template");
    assert!(
        fold[0].contains("udgave 2026-12-06 · forsider") && fold[0].contains("udgave 2026-12-06 · bagsider"),
        "{fold:?}"
    );
}

#[test]
fn card_sheets_offer_a_flip_a_fold_layout_and_a_back_offset_and_link_the_builder_and_calibration() {
    let site = TestSite::from_fixture("minimal");
    site.build_ok();
    let doc = site.html(DECK_SHEET);
    // The choices come with the script that keeps them; without it the sheets print long-edge.
    assert_eq!(attrs(&doc, "[data-sheet-options]", "hidden").len(), 1);
    assert_eq!(attrs(&doc, "input[name=layout]", "value"), ["long", "short", "fold"]);
    assert_eq!(attrs(&doc, "input[name=layout][checked]", "value"), ["long"]);
    assert_eq!(attrs(&doc, "#offset-x, #offset-y", "step"), ["0.1", "0.1"]);
    assert_eq!(attrs(&doc, "#printer-name", "list"), ["printer-names"]);
    let links = attrs(&doc, ".sheet-intro a", "href");
    assert!(links.contains(&"../../../print/kortbygger/index.html#v1;d=haard-tone".to_string()), "{links:?}");
    assert!(links.contains(&"../../../print/kalibrering/index.html".to_string()), "{links:?}");
    assert_eq!(
        attrs(&doc, "script", "src").iter().rev().take(2).collect::<Vec<_>>(),
        ["../../../js/card-sheets.js", "../../../js/deck-link.js"]
    );
    // The fold sheet's pattern: A4 on its side, cut marks for four cards a side, the fold line.
    let raw = std::fs::read_to_string(site.public().join(DECK_SHEET)).unwrap();
    let template = &raw[raw.find("<template id=\"fold-template\">").unwrap()..];
    assert!(template.contains("viewBox=\"0 0 297 210\""));
    assert!(template.contains("class=\"sheet__fold-line\" x1=\"148.5\""));
    assert_eq!(template.matches("Fold her").count(), 2);
    // Every deck page leads to the builder, opened on its own cards.
    let deck = site.html("kort/haard-tone/index.html");
    assert_eq!(attrs(&deck, "a[data-builder]", "href"), ["../../print/kortbygger/index.html#v1;d=haard-tone"]);
}

#[test]
fn the_calibration_sheet_has_crosses_on_the_front_and_numbered_rulers_on_the_back() {
    let site = TestSite::from_fixture("minimal");
    site.build_ok();
    let doc = site.html("print/kalibrering/index.html");
    assert_eq!(texts(&doc, "h1"), ["Kalibreringsark til tosidet print"]);
    assert_eq!(
        attrs(&doc, ".sheets section.sheet", "class"),
        ["sheet sheet--front sheet--calibration", "sheet sheet--back sheet--calibration"]
    );
    assert_eq!(attrs(&doc, ".sheet--front .calibration__cross", "d").len(), 5, "the centre and the four corner cards");
    assert_eq!(attrs(&doc, ".sheet--front .calibration__cross--large", "d"), ["M87 148.5H123M105 130.5V166.5"]);
    let under = texts(&doc, ".sheet--back .calibration__label--under.calibration__label");
    assert_eq!(under[..7], ["\u{2212}15", "\u{2212}10", "\u{2212}5", "0", "+5", "+10", "+15"]);
    assert_eq!(texts(&doc, ".sheet--back .calibration__caption"), ["vandret, mm", "lodret, mm"]);
    // Only the printer's name and offset to type in: the sheet is the same for either flip.
    assert!(attrs(&doc, "input[name=layout]", "value").is_empty());
    assert_eq!(attrs(&doc, "#offset-x, #offset-y", "name"), ["offset-x", "offset-y"]);
    assert!(attrs(&doc, "[style]", "style").is_empty(), "no inline style");
    let corner = site.html("print/index.html");
    let links = attrs(&corner, "section[aria-labelledby=udsagnskort] .print-entry__title", "href");
    assert_eq!(links.last().map(String::as_str), Some("../print/kalibrering/index.html"), "{links:?}");
}

#[test]
fn a_card_shows_its_statement_deck_and_number_and_finish_the_sentence_cards_are_marked() {
    let site = TestSite::from_fixture("minimal");
    site.build_ok();
    let doc = site.html(DECK_SHEET);
    assert_eq!(
        texts(&doc, ".sheet--front .print-card__text"),
        ["Hos os taler vi pænt til hinanden.", "Når tonen bliver hård, gør jeg…", "Humor kan gå over grænsen."]
    );
    assert_eq!(attrs(&doc, ".print-card--unfinished", "data-card-id"), ["naar-tonen"]);
    assert_eq!(texts(&doc, ".print-card--unfinished .print-card__finish"), ["Gør sætningen færdig"]);
    assert!(texts(&doc, ".sheet--front .print-card__edge").iter().all(|e| e.starts_with("Hård tone")));
    assert_eq!(texts(&doc, ".print-card--joker .print-card__prompt").len(), 2, "the fixture's deck has two jokers");
    assert!(texts(&doc, ".print-card--back .print-card__site").iter().all(|t| t.contains("Testbogen")));
    assert_eq!(
        attrs(&doc, ".sheets section.sheet", "class").iter().filter(|c| c.contains("deck--haard-tone")).count(),
        2
    );
    // How to print, in one line; the option to leave out the backs; a 50 mm scale bar per sheet.
    assert!(texts(&doc, ".sheet-toolbar__how")[0].contains("100 %"));
    assert_eq!(attrs(&doc, "#one-sided", "type"), ["checkbox"]);
    assert_eq!(attrs(&doc, ".sheets .sheet .scale-bar", "viewBox"), ["0 0 50 3", "0 0 50 3"]);
}

#[test]
fn the_facilitator_sheet_holds_what_the_facilitator_needs_in_the_room_without_site_navigation() {
    let site = TestSite::from_fixture("minimal");
    site.build_ok();
    let doc = site.html(TOOL_SHEET);
    // The site's header and footer are there for the screen; print hides them (and the browser
    // tests measure that the printed pages hold only the sheet).
    assert_eq!(texts(&doc, ".site-header .site-title__name"), ["Testbogen"]);
    let css = std::fs::read_to_string(site.public().join("css/sheets.css")).unwrap();
    assert!(css.contains(".site-header, .site-footer, .skip-link, .sheet-toolbar { display: none !important; }"));
    assert_eq!(texts(&doc, "h1"), ["Dilemmaværksted"]);
    assert_eq!(texts(&doc, ".doc__purpose"), ["At undersøge dilemmaer i fællesskab."]);
    assert_eq!(texts(&doc, ".checklist li")[..2], ["Flipover", "Post-its"]);
    assert_eq!(texts(&doc, ".step__time"), ["10 min.", "40 min."]);
    assert_eq!(texts(&doc, ".step__name"), ["Velkomst", "Gruppearbejde"]);
    assert_eq!(texts(&doc, ".doc__questions li"), ["Hvad er dilemmaet?", "Hvem mærker det?"]);
    assert!(texts(&doc, "#naeste + p")[0].contains("Aftal en prøvehandling."));
    assert!(
        doc.select(&scraper::Selector::parse(".doc__notes .note-lines span").unwrap()).count() >= 4,
        "lines for the TRIO's own notes"
    );
    // The footer comes from a named page whose margin boxes carry the site's name and the URL.
    let page_name = attrs(&doc, "article.doc", "class")[0]
        .split_whitespace()
        .find(|c| c.starts_with("sheet-tool-"))
        .unwrap()
        .to_string();
    let css = std::fs::read_to_string(site.public().join("css/sheet-pages.css")).unwrap();
    let rule = css
        .lines()
        .find(|l| l.starts_with(&format!("@page {page_name} ")))
        .unwrap_or_else(|| panic!("no @page {page_name} in\n{css}"));
    assert!(rule.contains("https://example.org/trio/vaerktoejer/dilemmavaerksted/"), "{rule}");
    assert!(rule.contains("Testkommune"), "{rule}");
}

#[test]
fn question_sheets_leave_lines_to_write_on_under_every_question() {
    let site = TestSite::from_fixture("minimal");
    site.build_ok();
    let doc = site.html(QUESTION_SHEET);
    assert_eq!(texts(&doc, ".answer__question"), ["Hvad er dilemmaet?", "Hvem mærker det?"]);
    let lines = doc.select(&scraper::Selector::parse(".answer .note-lines span").unwrap()).count();
    assert_eq!(lines, 8, "four lines under each of the two questions");
}

#[test]
fn every_printable_page_has_a_print_button_and_the_print_corner_lists_them_all() {
    let site = TestSite::from_fixture("minimal");
    site.build_ok();
    for (page, sheet) in [
        ("vaerktoejer/dilemmavaerksted/index.html", TOOL_SHEET),
        ("kort/haard-tone/index.html", DECK_SHEET),
        ("spoergsmaal/dilemma/index.html", QUESTION_SHEET),
    ] {
        let doc = site.html(page);
        assert_eq!(
            attrs(&doc, "main .actions a.button:not([data-present]):not([data-builder])", "href"),
            [format!("../../{sheet}")],
            "{page}"
        );
        assert!(
            attrs(&doc, ".site-footer a", "href").contains(&"../../print/index.html".to_string()),
            "{page}: footer links the print corner"
        );
    }
    let corner = site.html("print/index.html");
    let links = attrs(&corner, "main a", "href");
    for target in [TOOL_SHEET, DECK_SHEET, QUESTION_SHEET, "print/kortbygger/index.html"] {
        assert!(links.contains(&format!("../{target}")), "print corner misses {target}: {links:?}");
    }
    assert!(!links.iter().any(|l| l.ends_with(".pdf")), "no PDF links without --pdf");
}

#[test]
fn the_deck_builder_lists_every_card_and_works_as_a_list_of_decks_without_javascript() {
    let site = TestSite::from_fixture("minimal");
    site.build_ok();
    let doc = site.html("print/kortbygger/index.html");
    assert_eq!(attrs(&doc, ".builder__decks a", "href"), ["../../print/udsagnskort/haard-tone/index.html"]);
    assert_eq!(
        attrs(&doc, "input[name=card]", "value"),
        [
            "haard-tone/hos-os-taler-vi-paent-til-hinanden",
            "haard-tone/naar-tonen",
            "haard-tone/humor-kan-gaa-over-graensen"
        ]
    );
    assert_eq!(attrs(&doc, "form#builder", "hidden").len(), 1, "the form shows only when its script runs");
    assert_eq!(
        attrs(&doc, "script", "src"),
        [
            "../../js/print.js",
            "../../js/search/engine.js",
            "../../js/search/ui.js",
            "../../js/menu.js",
            "../../js/deck-link.js",
            "../../js/card-sheets.js",
            "../../js/builder.js"
        ]
    );
    assert!(site.public().join("js/builder.js").is_file());
    assert!(texts(&doc, "script").iter().all(String::is_empty), "no inline script");
    assert!(attrs(&doc, "[style]", "style").is_empty(), "no inline style");
}

#[test]
fn pdf_without_chromium_fails_saying_how_to_install_it_and_leaves_the_site_alone() {
    let site = TestSite::from_fixture("minimal");
    site.build_ok();
    let before = std::fs::read(site.public().join("index.html")).unwrap();
    let mut opts = site.options();
    opts.pdf = Some(PdfOptions { chromium: Some("/nonexistent/chromium".into()), progress: None });
    let ds = triobog::build(&opts).unwrap_err();
    let e = only_error(&ds);
    assert!(e.message.contains("Chromium"), "{e:?}");
    assert!(e.hint.as_deref().unwrap().contains("apt-get install chromium"), "{e:?}");
    assert_eq!(std::fs::read(site.public().join("index.html")).unwrap(), before);

    let out = Command::new(env!("CARGO_BIN_EXE_triobog"))
        .args(["build", "--pdf", "--chromium", "/nonexistent/chromium", "--root"])
        .arg(site.root())
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("apt-get install chromium"));
}

/// `pdfinfo`'s answer for a PDF.
fn pdfinfo(pdf: &Path) -> String {
    let out = Command::new("pdfinfo").arg(pdf).output().expect("pdfinfo (poppler-utils) is installed");
    assert!(out.status.success(), "{}: not a valid PDF", pdf.display());
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn pages_of(info: &str) -> usize {
    info.lines().find_map(|l| l.strip_prefix("Pages:")).unwrap().trim().parse().unwrap()
}

#[test]
fn pdf_writes_an_a4_pdf_of_every_printable_page_and_the_print_corner_links_them() {
    if !Path::new("/usr/bin/chromium").is_file() {
        eprintln!("skipped: /usr/bin/chromium is not installed");
        return;
    }
    let site = TestSite::from_fixture("minimal");
    let mut opts = site.options();
    opts.pdf = Some(PdfOptions { chromium: Some("/usr/bin/chromium".into()), progress: None });
    opts.zip = Some(site.root().join("trio.zip"));
    let report = triobog::build(&opts).unwrap_or_else(|ds| panic!("{ds}"));
    assert_eq!(
        report.pdfs_written, 7,
        "three sheets, the narrative template, the notes sheet, the calibration sheet and the book"
    );
    let zip = zip::ZipArchive::new(std::fs::File::open(site.root().join("trio.zip")).unwrap()).unwrap();
    let pdfs: Vec<String> = zip.file_names().map(|n| n.unwrap().into_owned()).filter(|n| n.ends_with(".pdf")).collect();
    assert_eq!(pdfs.len(), 7, "the zip has the PDFs of --pdf: {pdfs:?}");
    let expect = [
        ("print/vaerktoejer/dilemmavaerksted/facilitatorark-dilemmavaerksted.pdf", 1),
        ("print/udsagnskort/haard-tone/udsagnskort-haard-tone.pdf", 2),
        ("print/spoergsmaal/dilemma/spoergsmaal-dilemma.pdf", 1),
        ("print/arbejdsmiljoefortaelling/skabelon-arbejdsmiljoefortaelling.pdf", 1),
        ("print/noter/egne-noter.pdf", 1),
        ("print/kalibrering/kalibreringsark.pdf", 2),
    ];
    for (pdf, pages) in expect {
        let info = pdfinfo(&site.public().join(pdf));
        assert!(info.contains("(A4)"), "{pdf}: {info}");
        assert_eq!(pages_of(&info), pages, "{pdf}: {info}");
        assert!(info.contains("Tagged:          yes"), "{pdf} is a tagged PDF: {info}");
    }
    let corner = site.html("print/index.html");
    let links = attrs(&corner, "main a", "href");
    for (pdf, _) in expect {
        assert!(links.contains(&format!("../{pdf}")), "print corner misses {pdf}");
    }
    let sheet = site.html(TOOL_SHEET);
    assert_eq!(
        attrs(&sheet, ".sheet-toolbar a[href$='.pdf']", "href"),
        ["facilitatorark-dilemmavaerksted.pdf".to_string()]
            .map(|f| format!("../../../print/vaerktoejer/dilemmavaerksted/{f}"))
    );
}

#[test]
fn a_page_that_hangs_while_printing_is_an_error_naming_it_and_the_site_stays_as_it_was() {
    if !Path::new("/usr/bin/chromium").is_file() {
        eprintln!("skipped: /usr/bin/chromium is not installed");
        return;
    }
    let site = TestSite::from_fixture("minimal");
    site.build_ok();
    let before = std::fs::read(site.public().join("index.html")).unwrap();
    // A script on the tool's sheet that never lets the page finish.
    site.write("static/js/haenger.js", "for (;;) {}\n");
    site.write(
        "themes/default/templates/print/tool.html",
        &std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/templates/print/tool.html"),
        )
        .unwrap()
        .replacen(
            "{% block content %}",
            "{% block content %}<script src=\"{{ root }}js/haenger.js\"></script>",
            1,
        ),
    );
    let out = Command::new(env!("CARGO_BIN_EXE_triobog"))
        .args(["build", "--pdf", "--chromium", "/usr/bin/chromium"])
        .current_dir(site.root())
        .env("TRIOBOG_PDF_PAGE_TIMEOUT", "5")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("print/vaerktoejer/dilemmavaerksted/index.html: fejl: PDF'en print/vaerktoejer/dilemmavaerksted/facilitatorark-dilemmavaerksted.pdf kunne ikke laves: siden blev ikke printet inden for 5 sekunder"),
        "{stderr}"
    );
    assert_eq!(std::fs::read(site.public().join("index.html")).unwrap(), before, "the previous site is untouched");
}
