//! A municipality's site as a small local layer over the national handbook: a local file
//! replaces the national one at its path, a new path adds a page, `hide` leaves national pages
//! out, the local `site.toml` wins key by key, themes stack, references cross the layers, a
//! national change under a local copy is never silent, and every message names its layer.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::{attrs, texts};
use scraper::Html;

/// A national handbook (the `minimal` fixture, with the theme `lokal`) and an empty local site
/// over it, side by side in a temporary folder.
struct Layered {
    dir: tempfile::TempDir,
}

impl Layered {
    fn new(local_toml: &str) -> Layered {
        let dir = tempfile::tempdir().unwrap();
        let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/minimal");
        let status = Command::new("cp").arg("-r").arg(&fixture).arg(dir.path().join("national")).status().unwrap();
        assert!(status.success());
        let national_toml = std::fs::read_to_string(dir.path().join("national/site.toml")).unwrap();
        std::fs::write(dir.path().join("national/site.toml"), format!("theme = \"lokal\"\n{national_toml}")).unwrap();
        let layered = Layered { dir };
        layered.write("kommune/site.toml", local_toml);
        std::fs::create_dir_all(layered.local().join("content")).unwrap();
        layered
    }

    fn national(&self) -> PathBuf {
        self.dir.path().join("national")
    }

    fn local(&self) -> PathBuf {
        self.dir.path().join("kommune")
    }

    fn write(&self, rel: &str, text: &str) {
        let path = self.dir.path().join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }

    /// Runs the binary in the local site's folder, as an editor does; returns exit code, stdout, stderr.
    fn run(&self, args: &[&str]) -> (i32, String, String) {
        let out = Command::new(env!("CARGO_BIN_EXE_triobog")).args(args).current_dir(self.local()).output().unwrap();
        (
            out.status.code().unwrap_or(-1),
            String::from_utf8(out.stdout).unwrap(),
            String::from_utf8(out.stderr).unwrap(),
        )
    }

    fn build_ok(&self) -> String {
        let (code, _, stderr) = self.run(&["build"]);
        assert_eq!(code, 0, "the build failed:\n{stderr}");
        stderr
    }

    fn html(&self, rel: &str) -> Html {
        let text =
            std::fs::read_to_string(self.local().join("public").join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"));
        Html::parse_document(&text)
    }
}

const LOCAL_TOML: &str = "title = \"Kommunens håndbog\"\n[branding]\nname = \"Eksempel Kommune\"\nprimary_color = \"#24476b\"\n\n[upstream]\npath = \"../national\"\nhide = [\"cases/dialyse.md\"]\n";

const LOCAL_CASE: &str = "+++\nkind = \"case\"\ntitle = \"Lokal case\"\nsummary = \"Et lokalt resumé.\"\nworkplace = \"Tandplejen\"\nsector = \"Børn og unge\"\nthemes = [\"Hård tone\"]\ntools = [\"dilemmavaerksted\"]\n+++\n\nSe [dilemmaværkstedet](@/vaerktoejer/dilemmavaerksted.md).\n";

#[test]
fn local_files_replace_add_and_hide_and_the_local_settings_win_key_by_key() {
    let site = Layered::new(LOCAL_TOML);
    site.write(
        "kommune/content/del-1/a-side.md",
        "+++\ntitle = \"Alfa på kommunens måde\"\nweight = 20\n+++\n\nKommunens egen tekst.\n",
    );
    site.write("kommune/content/cases/lokal.md", LOCAL_CASE);
    site.build_ok();

    // Replaced: the local page at the national page's address.
    let page = site.html("del-1/a-side/index.html");
    assert_eq!(texts(&page, "h1"), ["Alfa på kommunens måde"]);
    assert!(texts(&page, "main").join(" ").contains("Kommunens egen tekst."));
    // Added, with a reference across the layers to a national tool, both ways.
    let case = site.html("cases/lokal/index.html");
    assert_eq!(texts(&case, "h1"), ["Lokal case"]);
    assert!(attrs(&case, "a", "href").iter().any(|h| h == "../../vaerktoejer/dilemmavaerksted/index.html"));
    let tool = site.html("vaerktoejer/dilemmavaerksted/index.html");
    assert!(texts(&tool, "a").iter().any(|t| t == "Lokal case"), "the national tool lists the local case that used it");
    assert!(site.local().join("public/temaer/haard-tone/index.html").is_file(), "the local case is in the themes");
    // Hidden: gone, and not in the case list.
    assert!(!site.local().join("public/cases/dialyse").exists());
    let list = site.html("cases/index.html");
    assert!(!texts(&list, "a").iter().any(|t| t.contains("Dialyse")), "{:?}", texts(&list, "a"));
    // Settings: the local title and branding name, the national base_url and the rest.
    let front = site.html("index.html");
    assert!(texts(&front, "title")[0].contains("Kommunens håndbog"));
    assert!(texts(&front, "header").join(" ").contains("Eksempel Kommune"));
    let sitemap = std::fs::read_to_string(site.local().join("public/sitemap.xml")).unwrap();
    assert!(sitemap.contains("https://example.org/trio/cases/lokal/"), "the national base_url: {sitemap}");
    let vars = std::fs::read_to_string(site.local().join("public/css/vars.css")).unwrap();
    assert!(vars.contains("#24476b"), "the local colour: {vars}");
}

#[test]
fn themes_stack_local_over_national_over_the_built_in_file_by_file() {
    let site = Layered::new(&LOCAL_TOML.replace("title =", "theme = \"kommune\"\ntitle ="));
    site.write("kommune/themes/kommune/static/css/site.css", "/* kommunens */\n");
    site.build_ok();
    let css = std::fs::read_to_string(site.local().join("public/css/site.css")).unwrap();
    assert_eq!(css, "/* kommunens */\n", "the local theme's file wins");
    let national_footer =
        std::fs::read_to_string(site.national().join("themes/lokal/templates/partials/footer.html")).unwrap();
    assert!(national_footer.contains("Lokal sidefod for {{ site.organisation }}"), "{national_footer}");
    let front = std::fs::read_to_string(site.local().join("public/index.html")).unwrap();
    assert!(front.contains("Lokal sidefod for Eksempel Kommune"), "the national theme's footer, with the local name");
    assert!(site.local().join("public/js/menu.js").is_file(), "the built-in theme gives the rest");
}

#[test]
fn a_link_or_reference_to_a_hidden_page_is_an_error_naming_the_linking_file_and_line() {
    let site = Layered::new(
        &LOCAL_TOML.replace("hide = [\"cases/dialyse.md\"]", "hide = [\"vaerktoejer/dilemmavaerksted.md\"]"),
    );
    let (code, _, stderr) = site.run(&["check"]);
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains("national: content/_index.md:6:"), "{stderr}");
    assert!(stderr.contains("linket peger på @/vaerktoejer/dilemmavaerksted.md, som er skjult med `hide`"), "{stderr}");
    assert!(stderr.contains("national: content/cases/dialyse.md:"), "{stderr}");
    assert!(stderr.contains("værktøj `dilemmavaerksted` er skjult med `hide`"), "{stderr}");
}

#[test]
fn a_national_change_under_a_local_copy_warns_until_it_is_accepted() {
    let site = Layered::new(LOCAL_TOML);
    let (code, stdout, stderr) = site.run(&["new", "--override", "del-1/b-side.md"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("Oprettet content/del-1/b-side.md"), "{stdout}");
    let copy = std::fs::read_to_string(site.local().join("content/del-1/b-side.md")).unwrap();
    assert!(copy.contains("based_on = \""), "{copy}");
    let (_, _, stderr) = site.run(&["check"]);
    assert!(!stderr.contains("er ændret"), "no warning while the national page is as copied:\n{stderr}");

    // The national editors change the page.
    let national = site.national().join("content/del-1/b-side.md");
    let text = std::fs::read_to_string(&national).unwrap();
    std::fs::write(&national, format!("{text}\nEt nyt nationalt afsnit om tavshedspligt.\n")).unwrap();
    for args in [&["check"][..], &["build"][..]] {
        let (_, _, stderr) = site.run(args);
        assert!(stderr.contains("lokal: content/del-1/b-side.md:"), "{args:?}:\n{stderr}");
        assert!(stderr.contains("advarsel: den nationale udgave af del-1/b-side.md er ændret"), "{args:?}:\n{stderr}");
        assert!(stderr.contains("triobog diff-upstream del-1/b-side.md"), "{args:?}:\n{stderr}");
    }
    let (code, diff, _) = site.run(&["diff-upstream", "del-1/b-side.md"]);
    assert_eq!(code, 0);
    assert!(diff.contains("+++ national nu"), "{diff}");
    assert!(diff.contains("+Et nyt nationalt afsnit om tavshedspligt."), "{diff}");
    assert!(!diff.contains("based_on"), "the diff shows the national change, not the local stamp:\n{diff}");

    let (code, stdout, _) = site.run(&["diff-upstream", "--accept", "del-1/b-side.md"]);
    assert_eq!(code, 0, "{stdout}");
    let (_, _, stderr) = site.run(&["check"]);
    assert!(!stderr.contains("er ændret"), "accepted:\n{stderr}");
    let (_, diff, _) = site.run(&["diff-upstream", "del-1/b-side.md"]);
    assert!(diff.contains("Ingen forskel"), "{diff}");
}

#[test]
fn a_local_copy_without_based_on_is_a_warning_with_the_fix() {
    let site = Layered::new(LOCAL_TOML);
    site.write("kommune/content/del-1/b-side.md", "+++\ntitle = \"Bravo lokalt\"\n+++\n");
    let (_, _, stderr) = site.run(&["check"]);
    assert!(stderr.contains("lokal: content/del-1/b-side.md: advarsel: siden erstatter den nationale del-1/b-side.md, men siger ikke, hvilken udgave den bygger på"), "{stderr}");
    assert!(stderr.contains("triobog diff-upstream --accept del-1/b-side.md"), "{stderr}");
}

#[test]
fn a_broken_national_folder_is_a_clear_error() {
    // Missing.
    let site = Layered::new(&LOCAL_TOML.replace("../national", "../findes-ikke"));
    let (code, _, stderr) = site.run(&["check"]);
    assert_eq!(code, 1);
    assert!(stderr.contains("lokal: site.toml:7:1: fejl: `[upstream] path = \"../findes-ikke\"` peger på"), "{stderr}");
    assert!(stderr.contains("som ikke findes"), "{stderr}");
    // Not a triobog site.
    std::fs::create_dir_all(site.dir.path().join("tom")).unwrap();
    site.write("kommune/site.toml", &LOCAL_TOML.replace("../national", "../tom"));
    let (_, _, stderr) = site.run(&["build"]);
    assert!(stderr.contains("er ikke en triobog-håndbog: der mangler site.toml eller content/"), "{stderr}");
    // Its own errors, named as national.
    site.write("kommune/site.toml", LOCAL_TOML);
    site.write("national/content/del-1/c-side.md", "+++\ntitle = \"Gamma\"\nweigth = 5\n+++\n");
    let (code, _, stderr) = site.run(&["check"]);
    assert_eq!(code, 1);
    assert!(stderr.contains("national: content/del-1/c-side.md:3:1: fejl: ukendt nøgle `weigth`"), "{stderr}");
    site.write("national/site.toml", "title = 5\n");
    let (_, _, stderr) = site.run(&["check"]);
    assert!(stderr.contains("national: site.toml:1:9: fejl: forkert type for `title`"), "{stderr}");
}

#[test]
fn every_message_names_its_layer() {
    let site = Layered::new(LOCAL_TOML);
    site.write("kommune/content/cases/lokal.md", &LOCAL_CASE.replace("workplace", "arbejdsplads"));
    let (code, _, stderr) = site.run(&["check"]);
    assert_eq!(code, 1);
    assert!(stderr.contains("lokal: content/cases/lokal.md:5:1: fejl: ukendt nøgle `arbejdsplads`"), "{stderr}");
    let (_, _, stderr) = site.run(&["check"]);
    assert!(stderr.contains("lokal: site.toml"), "the local site.toml is named as local: {stderr}");
}

#[test]
fn new_writes_into_the_local_layer_in_the_folder_where_the_kind_lives() {
    let site = Layered::new(LOCAL_TOML);
    let (code, stdout, stderr) = site.run(&["new", "case", "Hjemmeplejen Syd"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("Oprettet content/cases/hjemmeplejen-syd.md"), "{stdout}");
    assert!(site.local().join("content/cases/hjemmeplejen-syd.md").is_file());
    assert!(
        !site.national().join("content/cases/hjemmeplejen-syd.md").exists(),
        "the national handbook is never written to"
    );
}

#[test]
fn serve_rebuilds_on_a_save_in_either_layer() {
    let site = Layered::new(LOCAL_TOML);
    site.write("kommune/content/cases/lokal.md", LOCAL_CASE);
    let mut served = common::serve::start_serve_in(&site.local(), None);
    site.write("national/content/del-1/b-side.md", "+++\ntitle = \"Bravo ændret nationalt\"\n+++\n");
    served.next_good_build();
    served.wait_for_page("/del-1/b-side/", |b| b.contains("<h1>Bravo ændret nationalt</h1>"));
    site.write("kommune/content/cases/lokal.md", &LOCAL_CASE.replace("Lokal case", "Lokal case ændret"));
    served.next_good_build();
    served.wait_for_page("/cases/lokal/", |b| b.contains("<h1>Lokal case ændret</h1>"));
    common::serve::assert_same_as_full_build(&site.local(), &site.local().join("public"));
}
