//! Building a small fixture site and reading what comes out: pages of every kind, listings,
//! relative links, theme overrides.

mod common;

use std::path::Path;

use common::{TestSite, attrs, texts};

#[test]
fn every_kind_becomes_a_page_with_a_title_naming_page_and_site() {
    let site = TestSite::from_fixture("minimal");
    let report = site.build_ok();
    for (file, title) in [
        ("index.html", "Testbogen"),
        ("vaerktoejer/dilemmavaerksted/index.html", "Dilemmaværksted · Testbogen"),
        ("cases/dialyse/index.html", "Dialyseafsnittet · Testbogen"),
        ("kort/haard-tone/index.html", "Hård tone · Testbogen"),
        ("spoergsmaal/dilemma/index.html", "Spørgsmål til dilemmaet · Testbogen"),
        ("del-1/index.html", "Første del · Testbogen"),
        ("del-1/a-side/index.html", "Alfa · Testbogen"),
    ] {
        let doc = site.html(file);
        assert!(texts(&doc, "title")[0].starts_with(title), "{file}: {:?}", texts(&doc, "title"));
        assert_eq!(texts(&doc, "h1").len(), 1, "{file} must have one h1");
        assert_eq!(attrs(&doc, "html", "lang"), ["da"]);
    }
    assert_eq!(report.pages_by_kind.values().sum::<usize>(), 13);
}

#[test]
fn every_link_is_relative_and_points_at_a_file_that_exists() {
    let site = TestSite::from_fixture("minimal");
    site.build_ok();
    let public = site.public();
    let mut checked = 0;
    for entry in walkdir::WalkDir::new(&public) {
        let entry = entry.unwrap();
        if entry.path().extension().is_none_or(|e| e != "html") || entry.file_name() == "404.html" {
            continue;
        }
        let doc = scraper::Html::parse_document(&std::fs::read_to_string(entry.path()).unwrap());
        let dir = entry.path().parent().unwrap();
        for href in
            attrs(&doc, "a", "href").into_iter().chain(attrs(&doc, "link", "href")).chain(attrs(&doc, "script", "src"))
        {
            if href.starts_with('#') || href.starts_with("mailto:") {
                continue;
            }
            assert!(
                !href.starts_with('/') && !href.contains("://"),
                "{}: absolute link {href}",
                entry.path().display()
            );
            let file = href.split('#').next().unwrap();
            let target = dir.join(file);
            assert!(target.is_file(), "{}: broken link {href}", entry.path().display());
            checked += 1;
        }
    }
    assert!(checked > 50, "only {checked} links checked");
}

#[test]
fn internal_links_resolve_with_their_anchor() {
    let site = TestSite::from_fixture("minimal");
    site.build_ok();
    let doc = site.html("index.html");
    assert!(
        attrs(&doc, ".prose a", "href").contains(&"vaerktoejer/dilemmavaerksted/index.html#fremgangsmaade".to_string())
    );
    let tool = site.html("vaerktoejer/dilemmavaerksted/index.html");
    assert_eq!(attrs(&tool, "h2#fremgangsmaade", "id").len(), 1);
    let page = site.html("del-1/a-side/index.html");
    assert!(attrs(&page, ".prose a", "href").contains(&"../../del-1/b-side/index.html".to_string()));
}

#[test]
fn a_section_lists_its_pages_by_weight_then_title_and_skips_drafts() {
    let site = TestSite::from_fixture("minimal");
    site.build_ok();
    let doc = site.html("del-1/index.html");
    assert_eq!(texts(&doc, ".link-card__title"), ["Gamma først", "Alfa", "Beta"]);
    assert!(!site.public().join("del-1/kladde/index.html").exists());
    let page = site.html("del-1/a-side/index.html");
    assert_eq!(texts(&page, ".pager__prev"), ["Forrige Gamma først"]);
    assert_eq!(texts(&page, ".pager__next"), ["Næste Beta"]);
    assert_eq!(texts(&page, ".breadcrumbs a"), ["Forside", "Første del"]);
}

#[test]
fn a_section_s_nav_title_names_it_in_the_top_menu_and_nowhere_else() {
    let site = TestSite::from_fixture("minimal");
    site.write("content/del-1/_index.md", "+++\nkind = \"part\"\nnumber = 1\ntitle = \"Første del om det hele\"\nnav_title = \"Første\"\nweight = 10\n+++\n\nIndledning.\n");
    site.build_ok();
    let page = site.html("del-1/a-side/index.html");
    assert!(
        texts(&page, ".nav-wide .nav-list a").contains(&"Del 1 Første".to_string()),
        "{:?}",
        texts(&page, ".nav-wide .nav-list a")
    );
    assert!(texts(&page, ".nav-narrow .nav-list a").contains(&"Del 1 Første".to_string()));
    assert_eq!(texts(&page, ".breadcrumbs a"), ["Forside", "Første del om det hele"]);
    assert_eq!(texts(&site.html("del-1/index.html"), "h1"), ["Første del om det hele"]);
    // A section without one is named by its title.
    assert!(texts(&page, ".nav-wide .nav-list a").contains(&"Værktøjer".to_string()));
    assert!(!triobog::check(&site.options()).0.iter().any(|d| d.message.contains("nav_title")));
}

#[test]
fn a_nav_title_on_a_page_outside_the_menu_is_a_warning_with_its_line() {
    let site = TestSite::from_fixture("minimal");
    site.write("content/del-1/a-side.md", "+++\ntitle = \"Alfa\"\nnav_title = \"A\"\nweight = 20\n+++\n\nTekst.\n");
    let ds = triobog::check(&site.options());
    let found: Vec<_> = ds.0.iter().filter(|d| d.message.contains("`nav_title` vises ingen steder")).collect();
    assert_eq!(found.len(), 1, "{ds}");
    assert_eq!(found[0].path.to_string_lossy().replace('\\', "/"), "content/del-1/a-side.md");
    assert_eq!(found[0].line, 3);
    assert!(!ds.has_errors(), "a warning, the site still builds: {ds}");
}

#[test]
fn drafts_are_built_with_the_drafts_flag() {
    let site = TestSite::from_fixture("minimal");
    let mut opts = site.options();
    opts.drafts = true;
    triobog::build(&opts).unwrap();
    assert!(site.public().join("del-1/kladde/index.html").is_file());
}

#[test]
fn a_tool_page_shows_its_facts_and_what_uses_it() {
    let site = TestSite::from_fixture("minimal");
    site.build_ok();
    let doc = site.html("vaerktoejer/dilemmavaerksted/index.html");
    let facts = texts(&doc, ".facts dd");
    assert!(facts.contains(&"4–20 personer".to_string()), "{facts:?}");
    assert!(facts.contains(&"90–120 minutter".to_string()));
    let related = texts(&doc, ".related a");
    assert_eq!(related, ["Spørgsmål til dilemmaet", "Hård tone", "Dialyseafsnittet"]);
}

#[test]
fn a_case_links_its_tools_and_its_themes_have_listings() {
    let site = TestSite::from_fixture("minimal");
    site.build_ok();
    let doc = site.html("cases/dialyse/index.html");
    assert!(attrs(&doc, ".facts a", "href").contains(&"../../vaerktoejer/dilemmavaerksted/index.html".to_string()));
    let themes = site.html("temaer/index.html");
    assert_eq!(texts(&themes, ".term-list a"), ["Faglig tryghed", "Samarbejde"]);
    let term = site.html("temaer/samarbejde/index.html");
    assert_eq!(texts(&term, ".link-card__title"), ["Dialyseafsnittet"]);
    let sector = site.html("sektorer/hospital/index.html");
    assert_eq!(texts(&sector, ".link-card__title"), ["Dialyseafsnittet"]);
}

#[test]
fn a_deck_shows_its_cards_with_ids_and_marks_unfinished_ones() {
    let site = TestSite::from_fixture("minimal");
    site.build_ok();
    let doc = site.html("kort/haard-tone/index.html");
    assert_eq!(texts(&doc, ".card .card__text").len(), 3);
    assert_eq!(attrs(&doc, ".card", "id")[1], "naar-tonen");
    assert_eq!(texts(&doc, ".card--unfinished .card__text"), ["Når tonen bliver hård, gør jeg…"]);
    let css = std::fs::read_to_string(site.public().join("css/vars.css")).unwrap();
    assert!(css.contains(".deck--haard-tone { --deck: #b5442c; --deck-text: #ffffff; }"), "{css}");
}

#[test]
fn questions_have_anchors() {
    let site = TestSite::from_fixture("minimal");
    site.build_ok();
    let doc = site.html("spoergsmaal/dilemma/index.html");
    assert_eq!(attrs(&doc, ".question-body li", "id"), ["hvad-er-dilemmaet", "hvem-maerker-det"]);
}

#[test]
fn a_theme_overrides_one_template_and_one_static_file_and_inherits_the_rest() {
    let site = TestSite::from_fixture("minimal");
    let config = std::fs::read_to_string(site.root().join("site.toml")).unwrap();
    site.write("site.toml", &config.replace("base_url", "theme = \"lokal\"\nbase_url"));
    site.build_ok();
    let doc = site.html("index.html");
    assert_eq!(texts(&doc, ".local-footer"), ["Lokal sidefod for Testkommune"]);
    assert_eq!(texts(&doc, ".site-header .site-title__name"), ["Testbogen"], "header inherited from default");
    let css = std::fs::read_to_string(site.public().join("css/site.css")).unwrap();
    assert!(css.starts_with("/* lokal */"));
    assert!(site.public().join("css/print.css").is_file(), "other static files inherited");
}

#[test]
fn special_files_exist_404_and_sitemap() {
    let site = TestSite::from_fixture("minimal");
    site.build_ok();
    let sitemap = std::fs::read_to_string(site.public().join("sitemap.xml")).unwrap();
    assert!(sitemap.contains("<loc>https://example.org/trio/vaerktoejer/dilemmavaerksted/</loc>"));
    assert!(!sitemap.contains("kladde"));
    let not_found = site.html("404.html");
    // Relative to its own folder, like every page: it works under any path and from disk.
    assert!(attrs(&not_found, "link[rel=stylesheet]", "href").contains(&"css/site.css".to_string()));
    assert!(site.public().join("web.config").is_file(), "IIS's configuration in every build");
}

#[test]
fn base_url_flag_overrides_site_toml() {
    let site = TestSite::from_fixture("minimal");
    let mut opts = site.options();
    opts.base_url = Some("https://intra.kommune.dk/haandbog/".into());
    triobog::build(&opts).unwrap();
    let sitemap = std::fs::read_to_string(site.public().join("sitemap.xml")).unwrap();
    assert!(sitemap.contains("https://intra.kommune.dk/haandbog/cases/dialyse/"));
}

#[test]
fn nothing_outside_the_output_folder_is_written() {
    let site = TestSite::from_fixture("minimal");
    site.build_ok();
    let mut names: Vec<String> = std::fs::read_dir(site.root())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, ["content", "public", "site.toml", "themes"]);
    assert!(Path::new(&site.public().join(".triobog-output")).is_file());
}
