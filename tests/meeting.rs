//! What a TRIO uses in the meeting itself, in the built HTML: each deck's present page, the
//! fill-in mode of question sets, the annual wheel's iCalendar file (read with a real
//! iCalendar parser, the `ical` crate) and the agenda sheets. How the pages behave in a browser
//! is tested in tests/browser/meeting.test.mjs.

mod common;

use std::io::BufReader;

use common::{TestSite, attrs, only_error, texts};

const WHEEL: &str = r#"+++
kind = "page"
title = "Årshjul"
agenda = ["Opfølgning siden sidste møde", "Nyt fra TR, AMR og leder; kort", "Hvad skal kollegerne vide?"]

[[months]]
month = 1
topic = "Året der gik"
items = ["Sygefravær, trivsel og tone", "Planer for året"]

[[months]]
month = 4
topic = "Kultur og trivsel"
items = ["Omgangstone\\og travlhed"]

[[months]]
month = 6
topic = "Voldspolitik"
items = []
+++

Et årshjul til testen.
"#;

/// The fixture site with an annual wheel and the calendar year set.
fn site_with_wheel(year: Option<i32>) -> TestSite {
    let site = TestSite::from_fixture("minimal");
    site.write("content/aarshjul.md", WHEEL);
    if let Some(year) = year {
        let config = std::fs::read_to_string(site.root().join("site.toml")).unwrap();
        site.write("site.toml", &format!("year = {year}\n{config}"));
    }
    site
}

/// A TEXT value with its escapes undone (RFC 5545, 3.3.11); the parser leaves them in.
fn unescape(text: &str) -> String {
    let mut out = String::new();
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('n' | 'N') => out.push('\n'),
                Some(other) => out.push(other),
                None => {}
            }
        } else {
            out.push(c);
        }
    }
    out
}

fn value(props: &[ical::property::Property], name: &str) -> String {
    props
        .iter()
        .find(|p| p.name == name)
        .and_then(|p| p.value.clone())
        .unwrap_or_else(|| panic!("no {name} in {props:?}"))
}

#[test]
fn the_wheel_becomes_an_icalendar_file_that_a_parser_reads_one_event_per_month() {
    let site = site_with_wheel(Some(2026));
    site.build_ok();
    let path = site.public().join("aarshjul/trio-moeder-2026.ics");
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let text = String::from_utf8(bytes).expect("UTF-8");

    // The file's form: CRLF only, no line over 75 octets, folds between two characters.
    assert!(!text.replace("\r\n", "").contains(['\r', '\n']), "every line ends in CRLF");
    for line in text.split("\r\n") {
        assert!(line.len() <= 75, "{} octets: {line}", line.len());
    }

    let mut calendars = ical::IcalParser::new(BufReader::new(text.as_bytes()));
    let calendar =
        calendars.next().expect("one calendar").unwrap_or_else(|e| panic!("the parser refuses the file: {e}"));
    assert!(calendars.next().is_none());
    assert_eq!(value(&calendar.properties, "VERSION"), "2.0");
    assert!(value(&calendar.properties, "PRODID").contains("triobog"));

    let months =
        [(1, "Året der gik", "20260102"), (4, "Kultur og trivsel", "20260401"), (6, "Voldspolitik", "20260601")];
    assert_eq!(calendar.events.len(), months.len(), "one event per month of the wheel");
    let mut uids = std::collections::BTreeSet::new();
    for (event, (month, topic, date)) in calendar.events.iter().zip(months) {
        let p = &event.properties;
        assert_eq!(unescape(&value(p, "SUMMARY")), format!("TRIO-møde: {topic}"));
        let start = p.iter().find(|x| x.name == "DTSTART").unwrap();
        assert_eq!(start.value.as_deref(), Some(date), "month {month} starts on its first working day");
        assert_eq!(
            start.params.as_ref().unwrap()[0],
            ("VALUE".to_string(), vec!["DATE".to_string()]),
            "an all-day event"
        );
        assert_eq!(value(p, "DTSTAMP"), "20250101T000000Z", "derived from the year, so builds repeat");
        assert_eq!(value(p, "URL"), format!("https://example.org/trio/aarshjul/#maaned-{month}"));
        assert!(uids.insert(value(p, "UID")), "UIDs are unique");
        let description = unescape(&value(p, "DESCRIPTION"));
        assert!(
            description.contains(
                "1. Opfølgning siden sidste møde\n2. Nyt fra TR, AMR og leder; kort\n3. Hvad skal kollegerne vide?"
            ),
            "{description}"
        );
        assert!(description.contains("https://example.org/trio/aarshjul/"), "{description}");
    }
    let january = unescape(&value(&calendar.events[0].properties, "DESCRIPTION"));
    assert!(
        january.starts_with("Månedens emne: Året der gik\n- Sygefravær, trivsel og tone\n- Planer for året\n"),
        "{january}"
    );
    assert!(
        january.contains("Dagsorden for januar til print: https://example.org/trio/print/aarshjul/dagsorden/januar/"),
        "{january}"
    );
    let april = unescape(&value(&calendar.events[1].properties, "DESCRIPTION"));
    assert!(april.contains("- Omgangstone\\og travlhed\n"), "a backslash survives: {april}");
}

#[test]
fn two_builds_of_the_same_site_write_the_same_calendar() {
    let site = site_with_wheel(Some(2030));
    site.build_ok();
    let first = std::fs::read(site.public().join("aarshjul/trio-moeder-2030.ics")).unwrap();
    site.build_ok();
    assert_eq!(std::fs::read(site.public().join("aarshjul/trio-moeder-2030.ics")).unwrap(), first);
}

#[test]
fn without_a_year_the_calendar_takes_the_year_from_source_date_epoch() {
    let site = site_with_wheel(None);
    // 2031-10-15: from October on, the calendar is for the coming year. The variable is read by
    // this process's build only; no other test of this file builds without a year.
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_triobog"))
        .env("SOURCE_DATE_EPOCH", "1950040800")
        .args(["build", "--root"])
        .arg(site.root())
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(site.public().join("aarshjul/trio-moeder-2032.ics").is_file());
}

#[test]
fn a_year_the_calendar_cannot_use_is_an_error_that_names_site_toml() {
    let site = site_with_wheel(Some(26));
    let ds = site.build().unwrap_err();
    let e = only_error(&ds);
    assert!(e.message.contains("year = 26"), "{e:?}");
    assert!(e.path.to_string_lossy().contains("site.toml"), "{e:?}");
    assert_eq!(e.line, 1, "{e:?}");
    assert!(e.hint.as_deref().unwrap_or("").contains("year = 2026"), "{e:?}");
}

#[test]
fn the_wheel_page_and_the_print_corner_link_the_calendar_and_every_agenda_sheet() {
    let site = site_with_wheel(Some(2026));
    site.build_ok();
    let wheel = site.html("aarshjul/index.html");
    assert_eq!(attrs(&wheel, "a[data-calendar]", "href"), ["trio-moeder-2026.ics"].map(|f| format!("../aarshjul/{f}")));
    let hrefs = attrs(&wheel, "main a", "href");
    for sheet in [
        "print/aarshjul/dagsorden/index.html",
        "print/aarshjul/dagsorden/januar/index.html",
        "print/aarshjul/dagsorden/april/index.html",
        "print/aarshjul/dagsorden/juni/index.html",
    ] {
        assert!(hrefs.contains(&format!("../{sheet}")), "the wheel page misses {sheet}: {hrefs:?}");
    }
    assert_eq!(texts(&wheel, "#maaned-4 .wheel__agenda a"), ["Dagsorden til print for april"]);
    assert!(texts(&wheel, "#maaned-2 a").is_empty(), "no meeting in February, no agenda");

    let corner = site.html("print/index.html");
    assert_eq!(
        attrs(&corner, "section[aria-labelledby=aarshjul] .print-entry__title", "href"),
        [
            "aarshjul/index.html",
            "aarshjul/plakat/index.html",
            "aarshjul/plakat-a3/index.html",
            "aarshjul/dagsorden/index.html",
            "aarshjul/dagsorden/januar/index.html",
            "aarshjul/dagsorden/april/index.html",
            "aarshjul/dagsorden/juni/index.html"
        ]
        .map(|p| format!("../print/{p}"))
    );
    assert_eq!(attrs(&corner, "a[data-calendar]", "href"), ["../aarshjul/trio-moeder-2026.ics"]);
}

#[test]
fn a_months_agenda_sheet_has_its_topic_the_standing_points_and_room_for_notes() {
    let site = site_with_wheel(Some(2026));
    site.build_ok();
    let standing = site.html("print/aarshjul/dagsorden/index.html");
    assert_eq!(texts(&standing, "h1"), ["Dagsorden for TRIO-mødet"]);
    assert_eq!(
        texts(&standing, ".agenda-point__text"),
        ["Opfølgning siden sidste møde", "Nyt fra TR, AMR og leder; kort", "Hvad skal kollegerne vide?"]
    );
    assert!(texts(&standing, ".agenda-topic").is_empty());
    assert_eq!(
        standing.select(&scraper::Selector::parse(".agenda-point:first-child .note-lines span").unwrap()).count(),
        3
    );

    let january = site.html("print/aarshjul/dagsorden/januar/index.html");
    assert_eq!(texts(&january, "h1"), ["Dagsorden for TRIO-mødet i januar"]);
    assert_eq!(texts(&january, ".agenda-topic h2"), ["Månedens emne: Året der gik"]);
    assert_eq!(texts(&january, ".agenda-topic li"), ["Sygefravær, trivsel og tone", "Planer for året"]);
    assert_eq!(texts(&january, ".agenda-point__text").len(), 3);
    assert_eq!(texts(&january, ".agreements th"), ["Hvad", "Hvem", "Hvornår"]);
    // Each sheet has its own named page, whose footer names the wheel page.
    let names: Vec<String> = [
        "print/aarshjul/dagsorden/index.html",
        "print/aarshjul/dagsorden/januar/index.html",
        "print/aarshjul/dagsorden/juni/index.html",
    ]
    .iter()
    .map(|p| {
        attrs(&site.html(p), "article.doc", "class")[0]
            .split_whitespace()
            .find(|c| c.starts_with("sheet-agenda-"))
            .unwrap()
            .to_string()
    })
    .collect();
    assert_eq!(names.iter().collect::<std::collections::BTreeSet<_>>().len(), 3, "{names:?}");
    let css = std::fs::read_to_string(site.public().join("css/sheet-pages.css")).unwrap();
    for name in &names {
        let rule =
            css.lines().find(|l| l.starts_with(&format!("@page {name} "))).unwrap_or_else(|| panic!("no @page {name}"));
        assert!(rule.contains("https://example.org/trio/aarshjul/"), "{rule}");
    }
}

#[test]
fn every_deck_page_links_its_present_page_which_lists_every_card_without_javascript() {
    let site = TestSite::from_fixture("minimal");
    site.build_ok();
    let deck = site.html("kort/haard-tone/index.html");
    assert_eq!(attrs(&deck, "a[data-present]", "href"), ["../../kort/haard-tone/vis/index.html"]);

    let present = site.html("kort/haard-tone/vis/index.html");
    assert_eq!(texts(&present, "h1"), ["Udsagnskort på skærm: Hård tone"]);
    assert_eq!(
        texts(&present, "[data-card] .present__text"),
        ["Hos os taler vi pænt til hinanden.", "Når tonen bliver hård, gør jeg…", "Humor kan gå over grænsen."]
    );
    assert_eq!(attrs(&present, "[data-card]", "id")[1], "naar-tonen");
    assert_eq!(texts(&present, "[data-card] .present__tag"), ["Gør sætningen færdig"]);
    assert!(attrs(&present, "[data-card]", "hidden").is_empty(), "without a script every card shows");
    assert_eq!(attrs(&present, ".present", "class")[0], "present deck--haard-tone");
    assert_eq!(attrs(&present, "a[data-present-back]", "href"), ["../../../kort/haard-tone/index.html"]);
    assert_eq!(attrs(&present, "[role=status]", "aria-live"), ["polite"]);
    assert!(attrs(&present, "script", "src").contains(&"../../../js/present.js".to_string()));
    assert!(texts(&present, "script").iter().all(String::is_empty), "no inline script");
    assert!(attrs(&present, "[style]", "style").is_empty(), "no inline style");
    assert!(site.public().join("js/present.js").is_file());
    // The deck's colour comes from css/vars.css.
    let vars = std::fs::read_to_string(site.public().join("css/vars.css")).unwrap();
    assert!(vars.contains(".deck--haard-tone { --deck: #b5442c;"), "{vars}");
}

#[test]
fn the_deck_builders_present_page_holds_every_card_its_link_may_name() {
    let site = TestSite::from_fixture("minimal");
    site.build_ok();
    let builder = site.html("print/kortbygger/index.html");
    assert_eq!(attrs(&builder, "a[data-present]", "href"), ["../../print/kortbygger/vis/index.html"]);
    let present = site.html("print/kortbygger/vis/index.html");
    assert_eq!(attrs(&present, "[data-present-root]", "data-present-builder").len(), 1);
    assert!(attrs(&present, "[data-card]", "id").is_empty(), "the cards come from the builder's choice");
    let raw = std::fs::read_to_string(site.public().join("print/kortbygger/vis/index.html")).unwrap();
    for key in [
        "haard-tone/hos-os-taler-vi-paent-til-hinanden",
        "haard-tone/naar-tonen",
        "haard-tone/humor-kan-gaa-over-graensen",
    ] {
        assert!(raw.contains(&format!("data-key=\"{key}\"")), "the page can show {key}");
    }
    assert_eq!(attrs(&present, "a[data-present-back]", "href"), ["../../../print/kortbygger/index.html"]);
    // The deck comes from the builder's link (js/deck-link.js reads it), which names decks by slug.
    assert!(raw.contains("data-deck-slug=\"haard-tone\" data-deck-title=\"Hård tone\""));
    let scripts = attrs(&present, "script", "src");
    assert_eq!(scripts[scripts.len() - 2..], ["../../../js/deck-link.js", "../../../js/present.js"]);
    assert_eq!(attrs(&present, "[data-present-notice]", "hidden").len(), 1, "a place to say what a link lost");
}

#[test]
fn a_page_in_the_way_of_a_present_page_is_an_error_that_names_it() {
    let site = TestSite::from_fixture("minimal");
    site.write("content/kort/haard-tone/vis.md", "+++\ntitle = \"Vis\"\n+++\n\nTekst.\n");
    let ds = site.build().unwrap_err();
    let e = only_error(&ds);
    assert!(e.path.to_string_lossy().ends_with("vis.md"), "{e:?}");
    assert!(e.message.contains("på skærm"), "{e:?}");
}

#[test]
fn question_sets_carry_the_fill_in_control_and_say_that_answers_stay_in_the_browser() {
    let site = TestSite::from_fixture("minimal");
    site.build_ok();
    let doc = site.html("spoergsmaal/dilemma/index.html");
    assert_eq!(attrs(&doc, "button[data-fill]", "aria-pressed"), ["false"]);
    assert_eq!(attrs(&doc, "[data-fill-root]", "data-fill-key"), ["spoergsmaal/dilemma/index.html"]);
    assert_eq!(attrs(&doc, "[data-fill-root]", "data-fill-url"), ["https://example.org/trio/spoergsmaal/dilemma/"]);
    let privacy = texts(&doc, ".fill__privacy");
    assert!(
        privacy[0].contains("kun gemt i denne browser") && privacy[0].contains("sendes ingen steder hen"),
        "{privacy:?}"
    );
    assert_eq!(attrs(&doc, ".question-body li", "id").len(), 2, "every question has an id to be labelled by");
    assert!(attrs(&doc, "script", "src").contains(&"../../js/fill.js".to_string()));
    assert!(site.public().join("js/fill.js").is_file());
}
