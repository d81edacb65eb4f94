//! Bad input: each kind of front-matter and reference error names the file and line, and a
//! failed build leaves the previous output exactly as it was.

mod common;

use common::{TestSite, only_error};

/// Builds once, breaks `file` with `text`, builds again: returns the error, after checking the
/// first build's output is untouched.
fn break_and_build(file: &str, text: &str) -> triobog::diagnostics::Diagnostic {
    let site = TestSite::from_fixture("minimal");
    site.build_ok();
    let index = site.public().join("index.html");
    let before = std::fs::read(&index).unwrap();
    let listing_before: Vec<_> =
        walkdir::WalkDir::new(site.public()).into_iter().map(|e| e.unwrap().path().to_path_buf()).collect();
    site.write(file, text);
    let ds = site.build().expect_err("the broken site must not build");
    assert_eq!(std::fs::read(&index).unwrap(), before, "previous output changed");
    let listing_after: Vec<_> =
        walkdir::WalkDir::new(site.public()).into_iter().map(|e| e.unwrap().path().to_path_buf()).collect();
    assert_eq!(listing_before, listing_after, "files appeared or vanished in the previous output");
    let leftovers: Vec<_> = std::fs::read_dir(site.root())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .filter(|n| n.to_string_lossy().contains(".tmp-"))
        .collect();
    assert!(leftovers.is_empty(), "staging folder left behind: {leftovers:?}");
    only_error(&ds).clone()
}

fn assert_at(d: &triobog::diagnostics::Diagnostic, path: &str, line: usize, message_part: &str) {
    assert_eq!(d.path.to_string_lossy().replace('\\', "/"), path, "{d}");
    assert_eq!(d.line, line, "{d}");
    assert!(d.message.contains(message_part), "expected «{message_part}» in: {d}");
    assert!(d.hint.is_some(), "every error needs a hint: {d}");
}

#[test]
fn misspelt_key_names_file_line_and_suggests_the_right_key() {
    let d = break_and_build(
        "content/cases/ny.md",
        "+++\nkind = \"case\"\ntitle = \"Ny\"\nsumary = \"x\"\nworkplace = \"A\"\nsector = \"B\"\n+++\n",
    );
    assert_at(&d, "content/cases/ny.md", 4, "ukendt nøgle `sumary`");
    assert_eq!(d.column, 1);
    assert_eq!(d.hint.as_deref(), Some("mente du `summary`?"));
}

#[test]
fn missing_required_key_names_the_key_and_kind() {
    let d = break_and_build(
        "content/cases/ny.md",
        "+++\nkind = \"case\"\ntitle = \"Ny\"\nsummary = \"x\"\nsector = \"B\"\n+++\n",
    );
    assert_at(&d, "content/cases/ny.md", 1, "nøglen `workplace` mangler");
    assert!(d.message.contains("kind = \"case\""));
}

#[test]
fn wrong_type_names_key_line_and_column() {
    let d = break_and_build(
        "content/vaerktoejer/ny.md",
        "+++\nkind = \"tool\"\ntitle = \"Ny\"\npurpose = \"x\"\nparticipants = { min = 2, max = 4 }\nminutes = \"en time\"\n+++\n",
    );
    assert_at(&d, "content/vaerktoejer/ny.md", 6, "forkert type for `minutes`");
    assert_eq!(d.column, 11);
}

#[test]
fn an_empty_nav_title_is_an_error_with_a_hint() {
    let d = break_and_build("content/ny.md", "+++\ntitle = \"Ny\"\nnav_title = \" \"\n+++\n");
    assert_at(&d, "content/ny.md", 3, "`nav_title` er tom");
}

#[test]
fn unknown_kind_suggests_the_nearest() {
    let d = break_and_build("content/ny.md", "+++\ntitle = \"Ny\"\nkind = \"tol\"\n+++\n");
    assert_at(&d, "content/ny.md", 3, "ukendt kind \"tol\"");
    assert!(d.hint.as_deref().unwrap().contains("mente du \"tool\""));
}

#[test]
fn key_of_another_kind_is_refused() {
    let d = break_and_build("content/ny.md", "+++\ntitle = \"Ny\"\n\njokers = 3\n+++\n");
    assert_at(&d, "content/ny.md", 4, "`jokers` hører ikke til kind = \"page\"");
}

#[test]
fn unclosed_front_matter_is_reported_at_the_first_line() {
    let d = break_and_build("content/ny.md", "+++\ntitle = \"Ny\"\n\nTekst uden slut.\n");
    assert_at(&d, "content/ny.md", 1, "lukkes aldrig");
}

#[test]
fn invalid_toml_points_at_the_line() {
    let d = break_and_build("content/ny.md", "+++\ntitle = \"Ny\nweight = 3\n+++\n");
    assert_at(&d, "content/ny.md", 2, "ugyldig TOML");
}

#[test]
fn unknown_tool_in_case_names_file_and_line() {
    let d = break_and_build(
        "content/cases/ny.md",
        "+++\nkind = \"case\"\ntitle = \"Ny\"\nsummary = \"x\"\nworkplace = \"A\"\nsector = \"B\"\ntools = [\"dilemavaerksted\"]\n+++\n",
    );
    assert_at(&d, "content/cases/ny.md", 7, "ukendt værktøj `dilemavaerksted`");
    assert_eq!(d.column, 10);
    assert_eq!(d.hint.as_deref(), Some("mente du `dilemmavaerksted`?"));
}

#[test]
fn unknown_deck_and_question_set_in_a_tool_are_errors() {
    let site = TestSite::from_fixture("minimal");
    let tool = std::fs::read_to_string(site.root().join("content/vaerktoejer/dilemmavaerksted.md")).unwrap();
    site.write(
        "content/vaerktoejer/dilemmavaerksted.md",
        &tool.replace("[\"haard-tone\"]", "[\"blød-tone\"]").replace("[\"dilemma\"]", "[\"dilemaer\"]"),
    );
    let ds = site.build().unwrap_err();
    let messages: Vec<_> = ds.0.iter().map(|d| (d.line, d.message.clone())).collect();
    assert_eq!(
        messages,
        [(9, "ukendt udsagnskort `blød-tone`".to_string()), (10, "ukendt spørgsmålssæt `dilemaer`".to_string())]
    );
}

#[test]
fn broken_internal_link_names_file_and_line() {
    let d = break_and_build(
        "content/ny.md",
        "+++\ntitle = \"Ny\"\n+++\n\nFørste linje.\n\nSe [værktøjet](@/vaerktoejer/dilemavaerksted.md).\n",
    );
    assert_at(&d, "content/ny.md", 7, "@/vaerktoejer/dilemavaerksted.md, som ikke findes");
    assert_eq!(d.hint.as_deref(), Some("mente du @/vaerktoejer/dilemmavaerksted.md?"));
}

#[test]
fn broken_anchor_names_the_anchor_and_suggests() {
    let d = break_and_build(
        "content/ny.md",
        "+++\ntitle = \"Ny\"\n+++\nSe [trin](@/vaerktoejer/dilemmavaerksted.md#fremgangsmade).\n",
    );
    assert_at(&d, "content/ny.md", 4, "ankeret #fremgangsmade findes ikke");
    assert_eq!(d.hint.as_deref(), Some("mente du #fremgangsmaade?"));
}

#[test]
fn a_link_to_a_list_item_of_a_plain_page_is_an_error_as_the_item_has_no_anchor() {
    // A plain page's list items have no id in its HTML (a deck's cards and a question sheet's
    // questions do): the link would open the page at its top.
    let d = break_and_build(
        "content/ny.md",
        "+++\ntitle = \"Ny\"\n+++\n- Et punkt om trivsel\n\nSe [punktet](@/ny.md#et-punkt-om-trivsel).\n",
    );
    assert_at(&d, "content/ny.md", 6, "ankeret #et-punkt-om-trivsel findes ikke");
}

#[test]
fn missing_image_is_an_error() {
    let d = break_and_build("content/ny.md", "+++\ntitle = \"Ny\"\n+++\n![Figur](figur.png)\n");
    assert_at(&d, "content/ny.md", 4, "billedet content/figur.png findes ikke");
}

#[test]
fn a_slug_that_tries_to_leave_the_output_is_refused() {
    let d = break_and_build("content/ny.md", "+++\ntitle = \"Ny\"\nslug = \"../../etc\"\n+++\n");
    assert_at(&d, "content/ny.md", 3, "slug \"../../etc\" er ikke tilladt");
}

#[test]
fn two_files_with_the_same_address_are_an_error() {
    let d = break_and_build("content/del-1/andet-navn.md", "+++\ntitle = \"Dublet\"\nslug = \"a-side\"\n+++\n");
    assert!(d.message.contains("samme adresse (/del-1/a-side/)"), "{d}");
}

#[test]
fn a_file_that_is_not_utf8_names_the_line() {
    let site = TestSite::from_fixture("minimal");
    site.build_ok();
    std::fs::write(site.root().join("content/latin1.md"), b"+++\ntitle = \"Ny\"\n+++\nF\xf8rste linje\n").unwrap();
    let ds = site.build().unwrap_err();
    let d = only_error(&ds);
    assert_eq!((d.line, d.message.as_str()), (4, "filen er ikke gemt som UTF-8"));
}

#[test]
fn an_empty_file_is_an_error_with_a_hint() {
    let d = break_and_build("content/tom.md", "");
    assert_at(&d, "content/tom.md", 0, "filen er tom");
}

#[test]
fn a_broken_template_names_the_template_and_line() {
    let d = break_and_build(
        "themes/default/templates/page.html",
        "{% extends \"base.html\" %}\n{% block content %}\n{{ page.title | nosuchfilter }}\n{% endblock content %}\n",
    );
    assert_eq!(d.path.to_string_lossy(), "themes/default/templates/page.html", "{d}");
    assert_eq!(d.line, 3, "{d}");
}

#[test]
fn a_broken_site_toml_names_the_line() {
    let d = break_and_build("site.toml", "title = \"Testbogen\"\nbase_url = \"https://example.org/\"\ntheme = 3\n");
    assert_at(&d, "site.toml", 3, "forkert type for `theme`");
}

#[test]
fn an_output_folder_that_is_not_ours_is_never_replaced() {
    let site = TestSite::from_fixture("minimal");
    site.write("public/mine-dokumenter.txt", "vigtigt");
    let ds = site.build().unwrap_err();
    assert!(ds.to_string().contains("ikke lavet af triobog"), "{ds}");
    assert_eq!(std::fs::read_to_string(site.public().join("mine-dokumenter.txt")).unwrap(), "vigtigt");
}

#[test]
fn raw_html_never_reaches_the_page_by_default() {
    let site = TestSite::from_fixture("minimal");
    site.write("content/ny.md", "+++\ntitle = \"Ny\"\n+++\nHej <script>alert(1)</script>\n\n<img src=x onerror=\"alert(2)\">\n\n[klik](javascript:alert(3))\n");
    let ds = site.build();
    assert!(ds.is_err(), "a javascript: link is an error");
    site.write(
        "content/ny.md",
        "+++\ntitle = \"Ny\"\n+++\nHej <script>alert(1)</script>\n\n<img src=x onerror=\"alert(2)\">\n",
    );
    let report = site.build_ok();
    assert_eq!(report.warnings.warning_count(), 3, "{}", report.warnings);
    let html = std::fs::read_to_string(site.public().join("ny/index.html")).unwrap();
    assert!(!html.contains("alert("), "{html}");
    assert!(!html.contains("onerror"));
}
