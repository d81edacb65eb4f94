//! The drawn figures in the built HTML: the annual wheel drawn as a wheel from its front matter
//! (on its page and as an A4 and an A3 poster), the figures an editor writes as data in a
//! ```` ```figur ```` block, and the templates for the meeting (the narrative's, the notes
//! sheet). How they look and print is tested in headless Chromium by
//! tests/browser/figures.test.mjs.

mod common;

use common::{TestSite, attrs, only_error, texts};
use scraper::{Html, Selector};

/// A wheel with eight meetings, as the handbook's: no meeting in February and June to August.
const WHEEL: &str = r#"+++
kind = "page"
title = "Årshjul"
agenda = ["Opfølgning siden sidste møde", "Hvad skal kollegerne vide?"]

[[months]]
month = 1
topic = "Året der gik"

[[months]]
month = 3
topic = "Sygefravær og tilbagevenden"

[[months]]
month = 4
topic = "Kultur & trivsel"

[[months]]
month = 5
topic = "Voldspolitik"

[[months]]
month = 9
topic = "TRIO-netværket"

[[months]]
month = 10
topic = "Evaluering af TRIO-samarbejdet"

[[months]]
month = 11
topic = "Næste års årshjul"

[[months]]
month = 12
topic = "Fælles sociale aktiviteter"
+++

Et årshjul til testen.
"#;

const TOPICS: [&str; 8] = [
    "Året der gik",
    "Sygefravær og tilbagevenden",
    "Kultur & trivsel",
    "Voldspolitik",
    "TRIO-netværket",
    "Evaluering af TRIO-samarbejdet",
    "Næste års årshjul",
    "Fælles sociale aktiviteter",
];

fn site_with_wheel() -> TestSite {
    let site = TestSite::from_fixture("minimal");
    site.write("content/aarshjul.md", WHEEL);
    site
}

fn count(doc: &Html, selector: &str) -> usize {
    doc.select(&Selector::parse(selector).unwrap()).count()
}

/// The words of each month's topic in the drawn wheel, its lines joined.
fn drawn_topics(doc: &Html) -> Vec<String> {
    let month = Selector::parse("svg.wheel-svg g[data-month]").unwrap();
    let lines = Selector::parse(".wheel-svg__topic tspan").unwrap();
    doc.select(&month)
        .map(|g| {
            g.select(&lines).map(|t| t.text().collect::<String>()).collect::<Vec<_>>().join(" ").replace("- ", "-")
        })
        .collect()
}

/// Checks the wheel's SVG in `doc`: twelve months, eight topics, four free months, a text
/// alternative that says the same in words.
fn assert_the_wheel_is_drawn(doc: &Html) {
    assert_eq!(count(doc, "svg.wheel-svg[role=img]"), 1);
    let months = attrs(doc, "svg.wheel-svg g[data-month]", "data-month");
    assert_eq!(months, (1..=12).map(|n| n.to_string()).collect::<Vec<_>>(), "twelve months, januar first");
    assert_eq!(
        texts(doc, "svg.wheel-svg .wheel-svg__name"),
        [
            "Januar",
            "Februar",
            "Marts",
            "April",
            "Maj",
            "Juni",
            "Juli",
            "August",
            "September",
            "Oktober",
            "November",
            "December"
        ]
    );
    let topics = drawn_topics(doc);
    let meetings: Vec<&String> = topics.iter().filter(|t| *t != "Intet møde").collect();
    assert_eq!(meetings, TOPICS.iter().map(|t| t.to_string()).collect::<Vec<_>>().iter().collect::<Vec<_>>());
    assert_eq!(attrs(doc, "svg.wheel-svg g.wheel-svg__month--free", "data-month"), ["2", "6", "7", "8"]);
    assert_eq!(count(doc, "svg.wheel-svg .wheel-svg__hatched"), 4, "the free months are hatched");
    // The text alternative: the SVG is labelled by its title and its description, which names
    // every month and its topic.
    let labelled_by = attrs(doc, "svg.wheel-svg", "aria-labelledby")[0].clone();
    let ids: Vec<&str> = labelled_by.split_whitespace().collect();
    assert_eq!(ids.len(), 2);
    assert!(texts(doc, &format!("svg.wheel-svg title#{}", ids[0]))[0].contains("8 TRIO-møder"));
    let desc = texts(doc, &format!("svg.wheel-svg desc#{}", ids[1]))[0].clone();
    for t in TOPICS {
        assert!(desc.contains(t), "the description misses {t}: {desc}");
    }
    assert!(desc.contains("Februar: intet møde.") && desc.contains("August: intet møde."), "{desc}");
    assert!(attrs(doc, "svg.wheel-svg [style]", "style").is_empty(), "no style attribute in the SVG");
    assert_eq!(count(doc, "svg.wheel-svg style"), 0, "no style element in the SVG");
}

#[test]
fn the_wheel_page_draws_twelve_months_eight_meetings_and_the_free_months_hatched() {
    let site = site_with_wheel();
    site.build_ok();
    let doc = site.html("aarshjul/index.html");
    assert_the_wheel_is_drawn(&doc);
    assert!(texts(&doc, ".wheel-figure figcaption")[0].contains("De 8 måneder med et møde"));
    // The month grid stays beside it, and the current month is marked by a script that only adds.
    assert_eq!(count(&doc, ".wheel__months > li[data-month]"), 12);
    assert!(attrs(&doc, "script", "src").contains(&"../js/wheel.js".to_string()));
    assert!(site.public().join("js/wheel.js").is_file());
    assert!(texts(&doc, "script").iter().all(String::is_empty), "no inline script");
    assert_eq!(
        count(&doc, ".wheel-svg__month--current, [aria-current=date]"),
        0,
        "no month is marked without the script"
    );
    // A page without the wheel does not load the script.
    assert!(!attrs(&site.html("del-1/a-side/index.html"), "script", "src").iter().any(|s| s.ends_with("wheel.js")));
}

#[test]
fn the_wheel_prints_as_a_poster_on_a4_and_on_a3_listed_in_the_print_corner() {
    let site = site_with_wheel();
    site.build_ok();
    let page = site.html("aarshjul/index.html");
    assert_eq!(
        attrs(&page, "a[data-poster]", "href"),
        ["../print/aarshjul/plakat/index.html", "../print/aarshjul/plakat-a3/index.html"]
    );
    let mut names = Vec::new();
    for (path, paper) in [("print/aarshjul/plakat/index.html", "a4"), ("print/aarshjul/plakat-a3/index.html", "a3")] {
        let doc = site.html(path);
        assert_the_wheel_is_drawn(&doc);
        assert_eq!(texts(&doc, "h1"), ["Årets TRIO-møder"]);
        assert_eq!(texts(&doc, ".poster__agenda li"), ["Opfølgning siden sidste møde", "Hvad skal kollegerne vide?"]);
        let class = attrs(&doc, "article.poster", "class")[0].clone();
        assert!(class.contains(&format!("poster--{paper}")), "{class}");
        names.push(class.split_whitespace().find(|c| c.starts_with("sheet-poster-")).unwrap().to_string());
        assert!(
            !attrs(&doc, "script", "src").iter().any(|s| s.ends_with("wheel.js")),
            "a poster hangs all year: no month marked"
        );
    }
    // Each poster's named page sets its paper.
    let css = std::fs::read_to_string(site.public().join("css/sheet-pages.css")).unwrap();
    for (name, size) in names.iter().zip(["A4", "A3"]) {
        let rule = css.lines().find(|l| l.starts_with(&format!("@page {name} "))).unwrap_or_else(|| panic!("{css}"));
        assert!(rule.contains(&format!("size: {size};")), "{rule}");
    }
    let corner = site.html("print/index.html");
    let wheel_sheets = attrs(&corner, "section[aria-labelledby=aarshjul] .print-entry__title", "href");
    assert_eq!(
        wheel_sheets[..3],
        ["aarshjul/index.html", "aarshjul/plakat/index.html", "aarshjul/plakat-a3/index.html"]
            .map(|p| format!("../print/{p}"))
    );
    assert!(texts(&corner, "section[aria-labelledby=aarshjul] .print-entry__facts")[2].ends_with("1 side A3"));
}

#[test]
fn the_narrative_template_and_the_notes_sheet_are_in_the_print_corner_and_content_links_them() {
    let site = TestSite::from_fixture("minimal");
    site.write(
        "content/del-1/fortaelling.md",
        "+++\ntitle = \"Fortællingen\"\n+++\n\nPrint [skabelonen](@/print/arbejdsmiljoefortaelling/) og [et ark til noter](@/print/noter/).\n",
    );
    site.build_ok();
    let corner = site.html("print/index.html");
    assert_eq!(
        attrs(&corner, "section[aria-labelledby=skabeloner] .print-entry__title", "href"),
        ["../print/arbejdsmiljoefortaelling/index.html", "../print/noter/index.html"]
    );
    assert!(
        texts(&corner, "section[aria-labelledby=skabeloner] .print-entry__links").is_empty(),
        "no page to read, no PDF without --pdf"
    );
    let page = site.html("del-1/fortaelling/index.html");
    assert_eq!(
        attrs(&page, "main .prose a:not(.heading-anchor)", "href"),
        ["../../print/arbejdsmiljoefortaelling/index.html", "../../print/noter/index.html"]
    );

    let narrative = site.html("print/arbejdsmiljoefortaelling/index.html");
    assert_eq!(texts(&narrative, "h1"), ["Skabelon til arbejdsmiljøfortællingen"]);
    assert_eq!(count(&narrative, "svg.narrative-svg[role=img] title"), 1);
    assert!(texts(&narrative, "svg.narrative-svg desc")[0].contains("otte tomme felter"));
    assert_eq!(count(&narrative, "svg.narrative-svg .narrative-svg__note"), 8);
    assert_eq!(
        texts(&narrative, "svg.narrative-svg .narrative-svg__centre-label"),
        ["Problemet eller temaet i midten"]
    );
    assert_eq!(texts(&narrative, ".sheet-toolbar__links a"), ["Printhjørnet"], "a template belongs to no page");

    let notes = site.html("print/noter/index.html");
    assert_eq!(texts(&notes, "h1"), ["Egne noter"]);
    assert!(texts(&notes, ".doc__kicker")[0].contains("Testbogen"), "the handbook's header");
    assert!(count(&notes, ".note-lines--sheet span") >= 20, "a page of lines");

    let css = std::fs::read_to_string(site.public().join("css/sheet-pages.css")).unwrap();
    let rule = |name: &str| {
        css.lines().find(|l| l.starts_with(&format!("@page {name} "))).unwrap_or_else(|| panic!("{css}")).to_string()
    };
    assert!(rule("sheet-narrative").contains("size: A4 landscape;"));
    assert!(
        rule("sheet-notes").contains("https://example.org/trio/print/noter/"),
        "the footer names the sheet's own address"
    );
}

const QUADRANTS: &str = r#"+++
title = "Fire felter"
+++

Modellen:

```figur
type = "quadrants"
title = "Fire måder at samarbejde på"
rows = ["Formelt", "Uformelt"]
columns = ["Konkrete situationer", "Hele arbejdspladsen"]

[[fields]]
heading = "Tomandsmøder"
items = ["Forhandlinger", "Sygesamtaler"]

[[fields]]
heading = "MED og AMO"

[[fields]]
heading = "Den løbende kontakt"

[[fields]]
heading = "TRIO'en"
highlight = true
items = ["Planlægning af vagter"]
```

Efter modellen.
"#;

#[test]
fn a_figure_block_becomes_a_two_by_two_of_real_text_with_its_place_said_in_words() {
    let site = TestSite::from_fixture("minimal");
    site.write("content/del-1/fire-felter.md", QUADRANTS);
    site.build_ok();
    let doc = site.html("del-1/fire-felter/index.html");
    assert_eq!(texts(&doc, "figure.quadrants > figcaption"), ["Fire måder at samarbejde på"]);
    assert_eq!(texts(&doc, ".quadrants__heading"), ["Tomandsmøder", "MED og AMO", "Den løbende kontakt", "TRIO’en"]);
    assert_eq!(
        texts(&doc, ".quadrants__place"),
        [
            "Formelt, konkrete situationer",
            "Formelt, hele arbejdspladsen",
            "Uformelt, konkrete situationer",
            "Uformelt, hele arbejdspladsen"
        ]
    );
    assert_eq!(texts(&doc, ".quadrants__field--highlight .quadrants__heading"), ["TRIO’en"]);
    assert_eq!(attrs(&doc, "svg.quadrants__axes", "aria-hidden"), ["true"]);
    assert!(texts(&doc, "pre, code").is_empty(), "the block is drawn, not shown as code");
    assert!(texts(&doc, "main p").iter().any(|p| p == "Efter modellen."));
    // The figure's words are searchable like the rest of the page.
    let index: String = walkdir::WalkDir::new(site.public().join("search"))
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().is_file())
        .map(|e| std::fs::read_to_string(e.path()).unwrap_or_default())
        .collect();
    assert!(
        index.contains("tomandsmoeder") || index.contains("tomandsm"),
        "the figure's words are in the search index"
    );
}

#[test]
fn a_malformed_figure_block_is_an_error_at_its_file_and_line() {
    let site = TestSite::from_fixture("minimal");
    let three_fields = QUADRANTS.replace("[[fields]]\nheading = \"MED og AMO\"\n\n", "");
    site.write("content/del-1/fire-felter.md", &three_fields);
    let ds = site.build().expect_err("a figure with three fields must not build");
    let e = only_error(&ds);
    assert_eq!(e.path.to_string_lossy().replace('\\', "/"), "content/del-1/fire-felter.md");
    let line = three_fields.lines().position(|l| l == "[[fields]]").unwrap() + 1;
    assert_eq!((e.line, e.column), (line, 1), "{e}");
    assert!(e.message.contains("præcis 4 felter"), "{e}");
    assert!(e.hint.as_deref().unwrap().contains("øverst til venstre"), "{e}");

    site.write(
        "content/del-1/fire-felter.md",
        &QUADRANTS.replace("heading = \"MED og AMO\"", "overskrift = \"MED og AMO\""),
    );
    let ds = site.build().expect_err("an unknown key must not build");
    let e = only_error(&ds);
    let line = QUADRANTS.lines().position(|l| l == "heading = \"MED og AMO\"").unwrap() + 1;
    assert_eq!(e.line, line, "{e}");
    assert!(e.message.contains("ukendt nøgle `overskrift`"), "{e}");

    site.write(
        "content/del-1/fire-felter.md",
        &QUADRANTS.replace("title = \"Fire måder at samarbejde på\"", "title = \"Fire måder"),
    );
    let e = only_error(&site.build().expect_err("broken TOML must not build")).clone();
    assert!(e.message.contains("ugyldig TOML"), "{e}");
    assert_eq!(e.source_line.as_deref(), Some("title = \"Fire måder"), "{e}");
}

#[test]
fn the_handbooks_figures_are_drawn_from_its_content() {
    let out = tempfile::tempdir().unwrap();
    let mut opts = triobog::BuildOptions::new(env!("CARGO_MANIFEST_DIR"));
    opts.output = Some(out.path().join("public"));
    triobog::build(&opts).unwrap_or_else(|ds| panic!("{ds}"));
    let read = |p: &str| Html::parse_document(&std::fs::read_to_string(out.path().join("public").join(p)).unwrap());
    let two_by_two = read("om-trio/formelt-og-uformelt-samarbejde/index.html");
    assert_eq!(count(&two_by_two, ".quadrants__field"), 4);
    assert_eq!(
        texts(&two_by_two, ".quadrants__field--highlight .quadrants__heading"),
        ["Uformelt samarbejdsforum – TRIO’en"]
    );
    let narrative = read("laerende-arbejdsmiljoearbejde/fremstilling-af-arbejdsmiljoefortaellingen/index.html");
    assert_eq!(texts(&narrative, ".theme-map__centre"), ["I midten: Kommunikation, feedback og læringsmiljø"]);
    assert_eq!(count(&narrative, ".theme-map__note--good"), 2);
    assert_eq!(count(&narrative, ".theme-map__note--bad"), 11);
    // The part-2 pages that describe the narrative link its template.
    for page in [
        "laerende-arbejdsmiljoearbejde/index.html",
        "laerende-arbejdsmiljoearbejde/fra-problem-til-arbejdsmiljoefortaelling/index.html",
        "laerende-arbejdsmiljoearbejde/fremstilling-af-arbejdsmiljoefortaellingen/index.html",
    ] {
        let hrefs = attrs(&read(page), "main a", "href");
        assert!(hrefs.iter().any(|h| h.ends_with("print/arbejdsmiljoefortaelling/index.html")), "{page}: {hrefs:?}");
    }
    let wheel = read("sygefravaer-og-aarshjul/aarshjul/index.html");
    assert_eq!(attrs(&wheel, "svg.wheel-svg g.wheel-svg__month--free", "data-month"), ["2", "6", "7", "8"]);
}

/// `pdfinfo`'s page count and page size in points.
fn pdf_pages_and_size(pdf: &std::path::Path) -> (usize, f64, f64) {
    let out = std::process::Command::new("pdfinfo").arg(pdf).output().expect("pdfinfo (poppler-utils) is installed");
    let info = String::from_utf8_lossy(&out.stdout).into_owned();
    let pages = info.lines().find_map(|l| l.strip_prefix("Pages:")).unwrap().trim().parse().unwrap();
    let size = info.lines().find_map(|l| l.strip_prefix("Page size:")).unwrap();
    let nums: Vec<f64> = size.split_whitespace().filter_map(|w| w.parse().ok()).collect();
    (pages, nums[0], nums[1])
}

#[test]
fn pdf_prints_the_posters_on_a4_and_a3_and_the_templates_on_one_page_each() {
    if !std::path::Path::new("/usr/bin/chromium").is_file() {
        eprintln!("skipped: /usr/bin/chromium is not installed");
        return;
    }
    let site = site_with_wheel();
    let mut opts = site.options();
    opts.pdf = Some(triobog::PdfOptions { chromium: Some("/usr/bin/chromium".into()), progress: None });
    triobog::build(&opts).unwrap_or_else(|ds| panic!("{ds}"));
    // Points: A4 is 595 × 842, A3 842 × 1191.
    for (pdf, width, height) in [
        ("print/aarshjul/plakat/aarshjul-plakat-a4.pdf", 595.0, 842.0),
        ("print/aarshjul/plakat-a3/aarshjul-plakat-a3.pdf", 842.0, 1191.0),
        ("print/arbejdsmiljoefortaelling/skabelon-arbejdsmiljoefortaelling.pdf", 842.0, 595.0),
        ("print/noter/egne-noter.pdf", 595.0, 842.0),
    ] {
        let (pages, w, h) = pdf_pages_and_size(&site.public().join(pdf));
        assert_eq!(pages, 1, "{pdf}");
        assert!((w - width).abs() < 2.0 && (h - height).abs() < 2.0, "{pdf}: {w} × {h} pt");
    }
}
