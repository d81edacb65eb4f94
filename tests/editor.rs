//! The editor's workflow: `new` writes files that pass `check`, `check` lists every problem
//! (each one within a file too), and warns about placeholder text, symlinks and names a Windows
//! server cannot tell apart. `serve` has tests of its own in `tests/serve.rs`.

mod common;

use std::process::Command;

use common::TestSite;
use triobog::content::Kind;

#[test]
fn new_files_of_every_kind_pass_check_and_build() {
    let site = TestSite::from_fixture("minimal");
    for (kind, title, expected) in [
        (Kind::Case, "Hjemmeplejen Nord", "content/cases/hjemmeplejen-nord.md"),
        (Kind::Tool, "Gå-tur-møde", "content/vaerktoejer/gaa-tur-moede.md"),
        (Kind::Deck, "Åbenhed & tillid", "content/kort/aabenhed-tillid.md"),
        (Kind::Questions, "Før det svære møde", "content/spoergsmaal/foer-det-svaere-moede.md"),
        (Kind::Page, "Lokale aftaler \"2027\"", "content/lokale-aftaler-2027.md"),
    ] {
        let path = triobog::new::new_content(site.root(), kind, title).unwrap();
        assert_eq!(path.strip_prefix(site.root()).unwrap().to_string_lossy(), expected);
    }
    let ds = triobog::check(&site.options());
    assert!(!ds.has_errors(), "{ds}");
    let placeholders = ds.0.iter().filter(|d| d.message.contains("pladsholderteksten")).count();
    assert_eq!(
        ds.warning_count(),
        placeholders + 1,
        "besides the placeholders, only the fixture's missing accessibility statement: {ds}"
    );
    let report = site.build_ok();
    assert_eq!(report.pages_by_kind[&Kind::Case], 2);
    let doc = site.html("lokale-aftaler-2027/index.html");
    assert_eq!(common::texts(&doc, "h1"), ["Lokale aftaler \"2027\""]);
}

#[test]
fn new_refuses_to_overwrite() {
    let site = TestSite::from_fixture("minimal");
    let err = triobog::new::new_content(site.root(), Kind::Case, "Dialyse").unwrap_err();
    assert!(err.contains("content/cases/dialyse.md findes allerede"), "{err}");
    let text = std::fs::read_to_string(site.root().join("content/cases/dialyse.md")).unwrap();
    assert!(text.contains("Fra selvbeskyttelse"), "the existing file is unchanged");
}

#[test]
fn check_lists_every_problem_with_a_count_and_exits_1() {
    let site = TestSite::from_fixture("minimal");
    site.write("content/a.md", "+++\ntitle = \"A\"\nweigth = 1\n+++\n");
    site.write("content/b.md", "+++\ntitle = \"B\"\n+++\nSe [x](@/findes-ikke.md) og [y](@/cases/dialyse.md#intet).\n");
    site.write("content/cases/c.md", "+++\nkind = \"case\"\ntitle = \"C\"\nsummary = \"s\"\nworkplace = \"w\"\nsector = \"s\"\ntools = [\"dilemmavaerksted\", \"perspektiv\"]\n+++\n");
    let out = Command::new(env!("CARGO_BIN_EXE_triobog")).args(["check", "--root"]).arg(site.root()).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8(out.stderr).unwrap();
    for expected in [
        "content/a.md:3:1: fejl: ukendt nøgle `weigth`",
        "= hjælp: mente du `weight`?",
        "content/b.md:4:4: fejl: linket peger på @/findes-ikke.md, som ikke findes",
        "content/b.md:4:29: fejl: ankeret #intet findes ikke i content/cases/dialyse.md",
        "content/cases/c.md:7:30: fejl: ukendt værktøj `perspektiv`",
        "4 fejl, 1 advarsel",
    ] {
        assert!(stderr.contains(expected), "missing «{expected}» in:\n{stderr}");
    }
    assert!(stderr.contains("3 | weigth = 1\n  | ^"), "the offending line is shown with a caret:\n{stderr}");
    assert!(!site.public().exists(), "check writes nothing");
}

fn check_stderr(site: &TestSite) -> (Option<i32>, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_triobog")).arg("check").current_dir(site.root()).output().unwrap();
    (out.status.code(), String::from_utf8(out.stderr).unwrap())
}

#[test]
fn check_lists_every_unknown_key_wrong_type_and_missing_key_of_one_file() {
    let site = TestSite::from_fixture("minimal");
    site.write(
        "content/cases/ny.md",
        "+++\nkind = \"case\"\ntitle = \"Ny\"\nsumary = \"x\"\nweigth = 3\nworkplace = 5\nsector = [\"Hospital\"]\nfarve = \"rød\"\n+++\n",
    );
    site.write(
        "content/vaerktoejer/ny.md",
        "+++\nkind = \"tool\"\ntitle = \"Nyt\"\nparticipants = { min = 2, maks = 4 }\n+++\n",
    );
    let (code, stderr) = check_stderr(&site);
    assert_eq!(code, Some(1));
    for expected in [
        "content/cases/ny.md:4:1: fejl: ukendt nøgle `sumary`",
        "content/cases/ny.md:5:1: fejl: ukendt nøgle `weigth`",
        "content/cases/ny.md:6:13: fejl: forkert type for `workplace`: der står et tal, men der skal stå tekst i anførselstegn",
        "content/cases/ny.md:7:10: fejl: forkert type for `sector`: der står en liste, men der skal stå tekst i anførselstegn",
        "content/cases/ny.md:8:1: fejl: ukendt nøgle `farve`",
        "content/vaerktoejer/ny.md:4:27: fejl: ukendt nøgle `maks`",
        "= hjælp: mente du `max`?",
        "content/vaerktoejer/ny.md:1:1: fejl: nøglen `purpose` mangler",
        "content/vaerktoejer/ny.md:1:1: fejl: nøglen `minutes` mangler",
    ] {
        assert!(stderr.contains(expected), "missing «{expected}» in:\n{stderr}");
    }
    // A misspelt key is not also reported missing, nor a key whose value has the wrong type.
    assert!(!stderr.contains("nøglen `summary` mangler"), "{stderr}");
    assert!(!stderr.contains("nøglen `workplace` mangler"), "{stderr}");
    assert!(!stderr.contains("nøglen `participants` mangler"), "{stderr}");
    assert!(stderr.contains("8 fejl"), "{stderr}");
}

#[test]
fn check_warns_about_placeholder_text_new_wrote_with_file_and_line() {
    let site = TestSite::from_fixture("minimal");
    triobog::new::new_content(site.root(), Kind::Case, "Hjemmeplejen Syd").unwrap();
    let (code, stderr) = check_stderr(&site);
    assert_eq!(code, Some(0), "placeholders are warnings: {stderr}");
    for expected in [
        "content/cases/hjemmeplejen-syd.md:5:16: advarsel: pladsholderteksten fra `triobog new` står her stadig: \"Skriv en kort beskrivelse af casen.\"",
        "content/cases/hjemmeplejen-syd.md:8:14: advarsel: pladsholderteksten fra `triobog new` står her stadig: \"Arbejdspladsens navn\"",
        "content/cases/hjemmeplejen-syd.md:10:11: advarsel: pladsholderteksten fra `triobog new` står her stadig: \"Sektor\"",
        "content/cases/hjemmeplejen-syd.md:20:1: advarsel: pladsholderteksten fra `triobog new` står her stadig: \"Hvad var problemet, og hvem mærkede det?\"",
    ] {
        assert!(stderr.contains(expected), "missing «{expected}» in:\n{stderr}");
    }
    // Filled in, the warnings go; the settings `new` chose (weight, themes) were never any.
    let path = site.root().join("content/cases/hjemmeplejen-syd.md");
    let text = std::fs::read_to_string(&path).unwrap();
    let mut filled = text
        .replace("Skriv en kort beskrivelse af casen.", "Hjemmeplejen fik styr på overleveringen.")
        .replace("Skriv et kort resumé af casen.", "TRIO'en holdt et dilemmaværksted.")
        .replace("Arbejdspladsens navn", "Hjemmeplejen Syd")
        .replace("\"Sektor\"", "\"Ældreområdet\"");
    filled.truncate(filled.find("## Udgangspunktet").unwrap());
    filled.push_str("## Udgangspunktet\n\nOverleveringen tog for lang tid.\n");
    std::fs::write(&path, filled).unwrap();
    let (_, stderr) = check_stderr(&site);
    assert!(!stderr.contains("pladsholderteksten"), "{stderr}");
}

#[test]
fn a_municipality_theme_changes_what_new_writes_and_what_check_calls_a_placeholder() {
    let site = TestSite::from_fixture("minimal");
    let toml = std::fs::read_to_string(site.root().join("site.toml")).unwrap();
    site.write("site.toml", &format!("theme = \"lokal\"\n{toml}"));
    site.write("themes/lokal/archetypes/page.md", "+++\ntitle = {{ title }}\ndescription = \"Kommunens egen beskrivelse her.\"\n+++\n\nKommunens egen tekst her.\n");
    let path = triobog::new::new_content(site.root(), Kind::Page, "Vores side").unwrap();
    assert_eq!(
        std::fs::read_to_string(path).unwrap(),
        "+++\ntitle = \"Vores side\"\ndescription = \"Kommunens egen beskrivelse her.\"\n+++\n\nKommunens egen tekst her.\n"
    );
    let (_, stderr) = check_stderr(&site);
    assert!(stderr.contains("content/vores-side.md:6:1: advarsel: pladsholderteksten fra `triobog new` står her stadig: \"Kommunens egen tekst her.\""), "{stderr}");
}

#[cfg(unix)]
#[test]
fn a_symlink_under_content_is_reported_and_never_followed() {
    let site = TestSite::from_fixture("minimal");
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("hemmelig.md"), "+++\ntitle = \"Hemmelig\"\n+++\nHemmelig tekst udefra.\n")
        .unwrap();
    std::fs::create_dir(outside.path().join("mappe")).unwrap();
    std::fs::write(outside.path().join("mappe/side.md"), "+++\ntitle = \"Side udefra\"\n+++\n").unwrap();
    std::os::unix::fs::symlink(outside.path().join("hemmelig.md"), site.root().join("content/del-1/hemmelig.md"))
        .unwrap();
    std::os::unix::fs::symlink(outside.path().join("mappe"), site.root().join("content/mappe")).unwrap();
    std::os::unix::fs::symlink(site.root().join("content/del-1/a-side.md"), site.root().join("content/del-1/kopi.md"))
        .unwrap();
    let (code, stderr) = check_stderr(&site);
    assert_eq!(code, Some(0), "{stderr}");
    let target = outside.path().join("hemmelig.md").display().to_string();
    assert!(
        stderr.contains(&format!("content/del-1/hemmelig.md: advarsel: symbolsk link til {target} uden for siden")),
        "{stderr}"
    );
    assert!(stderr.contains("content/mappe: advarsel: symbolsk link til"), "{stderr}");
    assert!(stderr.contains("content/del-1/kopi.md: advarsel: symbolsk link til"), "{stderr}");
    let report = site.build_ok();
    assert_eq!(report.warnings.warning_count(), 3, "{}", report.warnings);
    assert!(!site.public().join("del-1/hemmelig").exists(), "a symlink out of the site is never followed");
    assert!(!site.public().join("mappe").exists());
    let all_html: String = walkdir::WalkDir::new(site.public())
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| std::fs::read_to_string(e.path()).unwrap_or_default())
        .collect();
    assert!(!all_html.contains("Hemmelig tekst udefra"));
}

#[test]
fn names_that_differ_only_in_case_or_unicode_form_are_an_error() {
    let site = TestSite::from_fixture("minimal");
    site.write("content/del-1/billeder/Foto.png", "png 1");
    site.write("content/del-1/billeder/foto.png", "png 2");
    // "måde" with å as one letter, and as a plus a combining ring (as a Mac writes it).
    site.write("content/del-1/billeder/m\u{e5}de.png", "png 3");
    site.write("content/del-1/billeder/ma\u{30a}de.png", "png 4");
    let (code, stderr) = check_stderr(&site);
    assert_eq!(code, Some(1), "{stderr}");
    assert!(stderr.contains("content/del-1/billeder/foto.png: fejl: navnet adskiller sig fra content/del-1/billeder/Foto.png kun i store og små bogstaver"), "{stderr}");
    assert!(stderr.contains("kun i, hvordan et bogstav som å eller é er gemt"), "{stderr}");
    assert!(stderr.contains("på Windows og en IIS-server er de to den samme fil"), "{stderr}");
    assert!(site.build().is_err(), "the build refuses too");
}
