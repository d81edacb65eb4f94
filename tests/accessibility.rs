//! The accessibility statement (tilgængelighedserklæring): `check` warns when site.toml names
//! none, and every page's footer links either the statement in the WAS tool or the local page
//! that says how to make one.

mod common;

use common::{TestSite, attrs, texts};
use triobog::check;

/// The footer link with the text "Tilgængelighedserklæring" on a built page.
fn statement_links(site: &TestSite, file: &str) -> Vec<String> {
    let doc = site.html(file);
    let sel = scraper::Selector::parse("footer a").unwrap();
    doc.select(&sel)
        .filter(|a| a.text().collect::<String>().trim() == "Tilgængelighedserklæring")
        .filter_map(|a| a.value().attr("href").map(str::to_owned))
        .collect()
}

#[test]
fn check_warns_with_a_hint_when_site_toml_names_no_statement() {
    let site = TestSite::from_fixture("minimal");
    let ds = check(&site.options());
    assert!(!ds.has_errors(), "{ds}");
    assert_eq!(ds.0.len(), 1, "{ds}");
    let warning = &ds.0[0];
    assert_eq!(warning.path, std::path::Path::new("site.toml"));
    assert!(warning.message.contains("tilgængelighedserklæring"), "{warning}");
    assert!(
        warning.hint.as_deref().is_some_and(|h| h.contains("was.digst.dk") && h.contains("statement_url")),
        "{warning}"
    );
}

#[test]
fn the_warning_points_at_the_accessibility_table_when_there_is_one() {
    let site = TestSite::from_fixture("minimal");
    site.write("site.toml", "title = \"Testbogen\"\n\n[accessibility]\ncontact_email = \"a@example.dk\"\n");
    let ds = check(&site.options());
    assert_eq!(ds.0.len(), 1, "{ds}");
    assert_eq!((ds.0[0].line, ds.0[0].column), (3, 1), "{}", ds.0[0]);
}

#[test]
fn build_stays_quiet_and_the_footer_links_the_local_page_that_explains() {
    let site = TestSite::from_fixture("minimal");
    let report = site.build_ok();
    assert!(report.warnings.is_empty(), "{}", report.warnings);
    assert_eq!(statement_links(&site, "index.html"), ["tilgaengelighed/index.html"]);
    assert_eq!(statement_links(&site, "vaerktoejer/dilemmavaerksted/index.html"), ["../../tilgaengelighed/index.html"]);
    let page = site.html("tilgaengelighed/index.html");
    assert_eq!(texts(&page, "h1"), ["Tilgængelighedserklæring"]);
    assert!(texts(&page, "main").concat().contains("WAS"));
}

#[test]
fn with_a_statement_url_check_is_quiet_and_every_footer_links_it_as_it_is() {
    let site = TestSite::from_fixture("minimal");
    let url = "https://www.was.digst.dk/intranet-testkommune-dk";
    site.write(
        "site.toml",
        &format!(
            "title = \"Testbogen\"\n\n[accessibility]\nstatement_url = \"{url}\"\ncontact_phone = \"12 34 56 78\"\ncontact_email = \"a@example.dk\"\n"
        ),
    );
    let ds = check(&site.options());
    assert!(ds.is_empty(), "{ds}");
    site.build_ok();
    for file in ["index.html", "vaerktoejer/dilemmavaerksted/index.html", "404.html"] {
        assert_eq!(statement_links(&site, file), [url], "{file}");
    }
    let contact = attrs(&site.html("index.html"), "footer a[href^='mailto:']", "href");
    assert_eq!(contact, ["mailto:a@example.dk"]);
    assert!(texts(&site.html("index.html"), "footer").concat().contains("12 34 56 78"));
}
