//! `triobog serve` as editors use it: started from the site's folder or any other way, it
//! rebuilds on every save, keeps up with bursts, deletions and renames, is not fooled by how
//! editors save, shows errors until they are fixed and never serves a file outside the output.

mod common;

use std::ffi::OsString;
use std::path::Path;
use std::time::Duration;

use common::TestSite;
use common::serve::{Served, assert_same_as_full_build, get, start_serve, start_serve_in};

const PAGE: &str = "content/del-1/a-side.md";

/// Saves a changed title, a broken front matter and the fix, and checks what serve shows
/// after each: the new page, the error naming the file and line over the last good page, and
/// the page again.
fn save_break_and_fix(site_root: &Path, served: &mut Served, how: &str) {
    let page = site_root.join(PAGE);
    std::fs::write(&page, "+++\ntitle = \"Alfa ændret\"\nweight = 20\n+++\n\nNy tekst.\n").unwrap();
    served.next_good_build();
    served.wait_for_page("/del-1/a-side/", |b| b.contains("<h1>Alfa ændret</h1>"));

    std::fs::write(&page, "+++\ntitle = \"Alfa\"\nweigth = 20\n+++\n").unwrap();
    let error = served.next_build().unwrap_or_else(|| panic!("{how}: a broken save must publish its error"));
    assert!(error.contains("content/del-1/a-side.md:3:1: fejl: ukendt nøgle `weigth`"), "{how}: {error}");
    assert!(
        get(served.port, "/del-1/a-side/").unwrap().1.contains("<h1>Alfa ændret</h1>"),
        "{how}: the last good page is still served"
    );

    std::fs::write(&page, "+++\ntitle = \"Alfa igen\"\n+++\n").unwrap();
    served.next_good_build();
    served.wait_for_page("/del-1/a-side/", |b| b.contains("<h1>Alfa igen</h1>"));
}

#[test]
fn serve_rebuilds_on_save_however_it_is_started() {
    // As the README shows it: `triobog serve` in the site's folder, no --root.
    let site = TestSite::from_fixture("minimal");
    let mut served = start_serve_in(site.root(), None);
    let (status, body) = get(served.port, "/del-1/a-side/").unwrap();
    assert_eq!(status, 200);
    assert!(
        body.contains("<script src=\"/__triobog/livereload.js\" defer></script></body>"),
        "the page reloads itself"
    );
    save_break_and_fix(site.root(), &mut served, "no --root");
    drop(served);

    let site = TestSite::from_fixture("minimal");
    let mut served = start_serve_in(site.root(), Some(".".into()));
    save_break_and_fix(site.root(), &mut served, "--root .");
    drop(served);

    // From a sibling folder: --root ../site.
    let dir = tempfile::tempdir().unwrap();
    let site = TestSite::from_fixture("minimal");
    let site_dir = dir.path().join("site");
    std::fs::rename(site.root(), &site_dir).unwrap();
    std::fs::create_dir(dir.path().join("other")).unwrap();
    let mut served = start_serve_in(&dir.path().join("other"), Some("../site".into()));
    save_break_and_fix(&site_dir, &mut served, "--root ../site");
    drop(served);

    let site = TestSite::from_fixture("minimal");
    let mut served = start_serve(site.root());
    save_break_and_fix(site.root(), &mut served, "an absolute --root");
    drop(served);

    // Through a symlinked folder, relative, and from inside it.
    #[cfg(unix)]
    {
        let site = TestSite::from_fixture("minimal");
        let links = tempfile::tempdir().unwrap();
        std::os::unix::fs::symlink(site.root(), links.path().join("haandbog")).unwrap();
        let mut served = start_serve_in(links.path(), Some(OsString::from("haandbog")));
        save_break_and_fix(site.root(), &mut served, "--root through a symlink");
        drop(served);
        let mut served = start_serve_in(&links.path().join("haandbog"), None);
        save_break_and_fix(site.root(), &mut served, "in a symlinked folder");
    }
}

#[test]
fn a_save_of_a_theme_file_static_file_or_site_toml_rebuilds() {
    let site = TestSite::from_fixture("minimal");
    let mut served = start_serve_in(site.root(), None);
    site.write("themes/default/static/css/lokal.css", "body { color: #123456; }\n");
    served.next_good_build();
    served.wait_for_page("/css/lokal.css", |b| b.contains("#123456"));
    // static/ did not exist when serve started.
    site.write("static/hilsen.txt", "Hej fra static\n");
    served.next_good_build();
    served.wait_for_page("/hilsen.txt", |b| b.contains("Hej fra static"));
    let toml = std::fs::read_to_string(site.root().join("site.toml")).unwrap();
    site.write("site.toml", &toml.replace("Testbogen", "Testbogen ændret"));
    served.next_good_build();
    served.wait_for_page("/", |b| b.contains("Testbogen ændret"));
    assert_same_as_full_build(site.root(), &site.public());
}

/// A case file with `n` in its title and body.
fn case(n: usize) -> String {
    format!(
        "+++\nkind = \"case\"\ntitle = \"Case {n}\"\nsummary = \"Resumé {n}.\"\nworkplace = \"Sted {n}\"\nsector = \"Hospital\"\ntools = [\"dilemmavaerksted\"]\n+++\n\nTekst om case {n}.\n"
    )
}

#[test]
fn a_burst_of_fifty_changes_ends_in_one_rebuild_equal_to_a_full_build() {
    let site = TestSite::from_fixture("minimal");
    let mut served = start_serve_in(site.root(), None);
    let before = served.rebuilds();
    // As a `git pull` lands: new files in a new folder, bodies and front matter changed.
    for n in 0..44 {
        site.write(&format!("content/cases/nye/case-{n}.md"), &case(n));
    }
    site.write("content/cases/nye/_index.md", "+++\ntitle = \"Nye cases\"\n+++\n");
    for page in ["content/del-1/b-side.md", "content/del-1/c-side.md", "content/cases/dialyse.md"] {
        let text = std::fs::read_to_string(site.root().join(page)).unwrap();
        site.write(page, &format!("{text}\nEt nyt afsnit fra pull.\n"));
    }
    site.write(PAGE, "+++\ntitle = \"Alfa fra pull\"\nweight = 5\n+++\n");
    site.write("content/vaerktoejer/_index.md", "+++\ntitle = \"Værktøjer fra pull\"\n+++\n");
    served.next_good_build();
    served.wait_for_page("/cases/nye/case-43/", |b| b.contains("Tekst om case 43."));
    assert_same_as_full_build(site.root(), &site.public());
    // Written in a tight loop, the burst is one rebuild; a busy machine may split it in two.
    let rebuilds = served.rebuilds() - before;
    assert!((1..=2).contains(&rebuilds), "{rebuilds} rebuilds for one burst:\n{}", served.stdout());
}

#[test]
fn deleting_renaming_and_moving_pages_give_what_a_full_build_gives() {
    let site = TestSite::from_fixture("minimal");
    let mut served = start_serve_in(site.root(), None);
    let root = site.root();

    // Renamed: the old address goes, the new one comes.
    std::fs::rename(root.join("content/del-1/c-side.md"), root.join("content/del-1/charlie.md")).unwrap();
    served.next_good_build();
    assert_eq!(get(served.port, "/del-1/c-side/").unwrap().0, 404);
    assert_eq!(get(served.port, "/del-1/charlie/").unwrap().0, 200);
    assert_same_as_full_build(root, &site.public());

    // Moved to another folder.
    std::fs::rename(root.join("content/del-1/charlie.md"), root.join("content/cases/charlie.md")).unwrap();
    served.next_good_build();
    assert_same_as_full_build(root, &site.public());

    // A new folder with files, made elsewhere and moved in at once.
    let staged = tempfile::tempdir_in(root).unwrap();
    std::fs::write(staged.path().join("_index.md"), "+++\ntitle = \"Del 2\"\nweight = 50\n+++\n").unwrap();
    std::fs::write(staged.path().join("side.md"), "+++\ntitle = \"Side i del 2\"\n+++\nTekst.\n").unwrap();
    std::fs::rename(staged.path(), root.join("content/del-2")).unwrap();
    served.next_good_build();
    served.wait_for_page("/del-2/side/", |b| b.contains("Side i del 2"));
    assert_same_as_full_build(root, &site.public());

    // Deleted: gone from the site, and its emptied folder too.
    std::fs::remove_dir_all(root.join("content/del-2")).unwrap();
    served.next_good_build();
    assert_eq!(get(served.port, "/del-2/side/").unwrap().0, 404);
    assert_same_as_full_build(root, &site.public());

    // A page that others link to, deleted: the links are the error `check` gives, until it is back.
    let tool = root.join("content/vaerktoejer/dilemmavaerksted.md");
    let text = std::fs::read_to_string(&tool).unwrap();
    std::fs::remove_file(&tool).unwrap();
    let error = served.next_build().expect("links to a deleted page are an error");
    assert!(error.contains("content/cases/dialyse.md:13:"), "{error}");
    assert!(error.contains("@/vaerktoejer/dilemmavaerksted.md"), "{error}");
    std::fs::write(&tool, text).unwrap();
    served.next_good_build();
    assert_same_as_full_build(root, &site.public());
}

#[test]
fn a_save_while_a_rebuild_runs_ends_in_the_site_a_full_build_gives() {
    // The handbook itself, large enough that a rebuild takes a while.
    let dir = tempfile::tempdir().unwrap();
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let status = std::process::Command::new("cp")
        .arg("-r")
        .arg(repo.join("content"))
        .arg(repo.join("site.toml"))
        .arg(dir.path())
        .status()
        .unwrap();
    assert!(status.success());
    let served = start_serve_in(dir.path(), None);
    let first = dir.path().join("content/cases/akutmodtagelse.md");
    let second = dir.path().join("content/cases/dialyseafsnit-faelles-ansvar.md");
    for round in 0..5 {
        let text = std::fs::read_to_string(&first).unwrap();
        std::fs::write(&first, format!("{text}\nFørste gem {round}.\n")).unwrap();
        // Past serve's wait for quiet, into the rebuild.
        std::thread::sleep(Duration::from_millis(60 + 15 * round));
        let text = std::fs::read_to_string(&second).unwrap();
        std::fs::write(&second, format!("{text}\nAndet gem {round}.\n")).unwrap();
        served.wait_for_page("/cases/dialyseafsnit-faelles-ansvar/", |b| b.contains(&format!("Andet gem {round}.")));
    }
    assert_same_as_full_build(dir.path(), &dir.path().join("public"));
    assert!(!served.stderr().contains("fejl"), "no build failed:\n{}", served.stderr());
}

#[test]
fn editors_ways_of_saving_never_break_the_build() {
    let site = TestSite::from_fixture("minimal");
    let served = start_serve_in(site.root(), None);
    let root = site.root();
    let page = root.join(PAGE);
    let text = |n: u32| {
        format!(
            "+++\ntitle = \"Alfa {n}\"\nweight = 20\n+++\n\nVersion {n} af siden, med en længere tekst, så en halv skrivning kunne ses.\n"
        )
    };
    let shows = |served: &Served, n: u32| {
        served.wait_for_page("/del-1/a-side/", |b| b.contains(&format!("<h1>Alfa {n}</h1>")));
    };

    // Vim: tests that the folder is writable with `4913`, keeps a swap file, renames the old
    // file to a backup, writes the new one, removes the backup.
    std::fs::write(root.join("content/del-1/.a-side.md.swp"), [0u8, 159, 146, 150]).unwrap();
    std::fs::write(root.join("content/del-1/4913"), "").unwrap();
    std::fs::remove_file(root.join("content/del-1/4913")).unwrap();
    std::fs::rename(&page, root.join("content/del-1/a-side.md~")).unwrap();
    std::fs::write(&page, text(1)).unwrap();
    std::fs::remove_file(root.join("content/del-1/a-side.md~")).unwrap();
    shows(&served, 1);

    // VS Code and JetBrains "safe write": a temporary file, renamed over the page.
    std::fs::write(root.join("content/del-1/.a-side.md.tmp1234"), text(2)).unwrap();
    std::fs::rename(root.join("content/del-1/.a-side.md.tmp1234"), &page).unwrap();
    shows(&served, 2);
    std::fs::write(root.join("content/del-1/a-side.md___jb_tmp___"), text(3)).unwrap();
    std::fs::rename(&page, root.join("content/del-1/a-side.md___jb_old___")).unwrap();
    std::fs::rename(root.join("content/del-1/a-side.md___jb_tmp___"), &page).unwrap();
    std::fs::remove_file(root.join("content/del-1/a-side.md___jb_old___")).unwrap();
    shows(&served, 3);

    // An editor that truncates, then writes a moment later.
    {
        use std::io::Write;
        let mut file = std::fs::File::create(&page).unwrap();
        std::thread::sleep(Duration::from_millis(20));
        file.write_all(text(4).as_bytes()).unwrap();
    }
    shows(&served, 4);

    // Emacs' lock and autosave files, and a backup left beside the page.
    std::fs::write(root.join("content/del-1/#a-side.md#"), "halv").unwrap();
    std::fs::write(root.join("content/del-1/a-side.md~"), "gammel").unwrap();
    std::fs::write(&page, text(5)).unwrap();
    shows(&served, 5);
    std::fs::remove_file(root.join("content/del-1/.a-side.md.swp")).unwrap();

    assert!(!served.stderr().contains("fejl"), "a way of saving broke the build:\n{}", served.stderr());
    // None of the scratch files reached the site, and it is the one a full build gives.
    assert_same_as_full_build(root, &site.public());
}

#[test]
fn serve_starts_with_a_broken_file_and_shows_the_site_once_it_is_fixed() {
    let site = TestSite::from_fixture("minimal");
    site.write(PAGE, "+++\ntitle = \"Alfa\"\nweigth = 20\n+++\n");
    let mut served = start_serve_in(site.root(), None);

    // Nothing was built: a page says so, and its poll carries the error with file and line.
    let (status, body) = get(served.port, "/del-1/a-side/").unwrap();
    assert_eq!(status, 404);
    assert!(body.contains("Her er ingen side endnu"), "{body}");
    assert!(body.contains("/__triobog/livereload.js"), "the page reloads once the site builds");
    let (_, body) = get(served.port, "/__triobog/poll?v=0").unwrap();
    assert!(body.contains("content/del-1/a-side.md:3:1: fejl: ukendt nøgle `weigth`"), "{body}");
    assert!(site.public().join(triobog::output::MARKER).is_file(), "an output folder of ours, empty");

    // Fixed and saved: the whole site is built and served.
    site.write(PAGE, "+++\ntitle = \"Alfa rettet\"\nweight = 20\n+++\n");
    served.next_good_build();
    served.wait_for_page("/del-1/a-side/", |b| b.contains("<h1>Alfa rettet</h1>"));
    assert!(site.public().join("search/manifest.js").is_file(), "the search index is written too");
}

#[test]
fn serve_over_an_earlier_build_clears_what_the_site_no_longer_has() {
    let site = TestSite::from_fixture("minimal");
    site.build_ok();
    // The earlier build had a page that is gone now, and the site is broken when serve starts.
    std::fs::remove_file(site.root().join("content/del-1/b-side.md")).unwrap();
    site.write(PAGE, "+++\ntitle = \"Alfa\"\nweigth = 20\n+++\n");
    let mut served = start_serve_in(site.root(), None);
    assert_eq!(get(served.port, "/del-1/b-side/").unwrap().0, 200, "the earlier build is served meanwhile");
    site.write(PAGE, "+++\ntitle = \"Alfa rettet\"\nweight = 20\n+++\n");
    served.next_good_build();
    assert_same_as_full_build(site.root(), &site.public());
}

#[test]
fn a_body_edit_gives_the_same_site_as_a_full_build() {
    let site = TestSite::from_fixture("minimal");
    let mut served = start_serve_in(site.root(), None);
    // Bodies only, front matter untouched: serve renders just what shows them (the deck and its
    // section, the card sheet, the builder, the print corner), then the search index.
    let deck = std::fs::read_to_string(site.root().join("content/kort/haard-tone.md")).unwrap();
    site.write("content/kort/haard-tone.md", &format!("{deck}- Et nyt kort om tonen på gangen.\n"));
    served.next_good_build();
    assert_same_as_full_build(site.root(), &site.public());
}

#[test]
fn serve_never_serves_a_file_outside_the_output() {
    let site = TestSite::from_fixture("minimal");
    let served = start_serve(site.root());
    for path in [
        "/../site.toml",
        "/%2e%2e/site.toml",
        "/del-1/..%2f..%2fsite.toml",
        "/%2E%2E%2Fsite.toml",
        "/..%5csite.toml",
        "/del-1/../../site.toml",
    ] {
        let (status, body) = get(served.port, path).unwrap();
        assert_eq!(status, 404, "{path}");
        assert!(!body.contains("Testbogen\"\nbase_url"), "{path} leaked site.toml");
    }
    let (status, body) = get(served.port, "/findes/ikke/").unwrap();
    assert_eq!(status, 404);
    assert!(body.contains("Siden findes ikke"));
}

#[test]
fn serve_listens_only_on_loopback_by_default() {
    let site = TestSite::from_fixture("minimal");
    let served = start_serve(site.root());
    let listening = std::fs::read_to_string("/proc/net/tcp").unwrap_or_default();
    let port_hex = format!(":{:04X}", served.port);
    let local: Vec<&str> =
        listening.lines().filter(|l| l.split_whitespace().nth(1).is_some_and(|a| a.ends_with(&port_hex))).collect();
    assert!(!local.is_empty(), "no socket found for the port");
    assert!(local.iter().all(|l| l.split_whitespace().nth(1).unwrap().starts_with("0100007F")), "{local:?}");
}
