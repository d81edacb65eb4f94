//! The editor's workflow: `new` writes files that pass `check`, `check` lists every problem,
//! `serve` serves, rebuilds on save, shows errors and never serves a file outside the output.

mod common;

use std::io::{Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

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
    assert_eq!(ds.warning_count(), 1, "only the fixture's missing accessibility statement: {ds}");
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

/// A running `triobog serve` on a free port, stopped on drop.
struct Served {
    child: Child,
    port: u16,
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

fn start_serve(site: &TestSite) -> Served {
    let port = free_port();
    let child = Command::new(env!("CARGO_BIN_EXE_triobog"))
        .args(["serve", "--port", &port.to_string(), "--root"])
        .arg(site.root())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let served = Served { child, port };
    let deadline = Instant::now() + Duration::from_secs(30);
    while get(port, "/").is_none() {
        assert!(Instant::now() < deadline, "serve did not start");
        std::thread::sleep(Duration::from_millis(50));
    }
    served
}

/// Status and body of a GET, sent as raw HTTP so the path is not normalised on the way.
fn get(port: u16, path: &str) -> Option<(u16, String)> {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).ok()?;
    stream.set_read_timeout(Some(Duration::from_secs(30))).ok()?;
    write!(stream, "GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n").ok()?;
    let mut buf = Vec::new();
    stream.read_to_end(&mut buf).ok()?;
    let text = String::from_utf8_lossy(&buf).into_owned();
    let status = text.split_whitespace().nth(1)?.parse().ok()?;
    let body = text.split_once("\r\n\r\n").map(|(_, b)| b.to_string()).unwrap_or_default();
    Some((status, body))
}

fn wait_until(port: u16, path: &str, what: impl Fn(&str) -> bool) -> String {
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        if let Some((_, body)) = get(port, path)
            && what(&body)
        {
            return body;
        }
        assert!(Instant::now() < deadline, "timed out waiting on {path}");
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn serve_serves_rebuilds_on_save_and_shows_errors_until_fixed() {
    let site = TestSite::from_fixture("minimal");
    let served = start_serve(&site);
    let port = served.port;

    let (status, body) = get(port, "/del-1/a-side/").unwrap();
    assert_eq!(status, 200);
    assert!(body.contains("<h1>Alfa</h1>"));
    assert!(body.contains("<script src=\"/__triobog/livereload.js\" defer></script></body>"));

    // A page polls with its build number; a save bumps it.
    let first: serde_json::Value = serde_json::from_str(&get(port, "/__triobog/poll?v=0").unwrap().1).unwrap();
    let version = first["version"].as_u64().unwrap();
    site.write("content/del-1/a-side.md", "+++\ntitle = \"Alfa ændret\"\nweight = 20\n+++\n\nNy tekst.\n");
    let next: serde_json::Value = serde_json::from_str(&get(port, &format!("/__triobog/poll?v={version}")).unwrap().1).unwrap();
    assert!(next["error"].is_null());
    wait_until(port, "/del-1/a-side/", |b| b.contains("<h1>Alfa ændret</h1>"));

    // A broken save: the page stays as it was, the poll carries the error with file and line.
    let v = next["version"].as_u64().unwrap();
    site.write("content/del-1/a-side.md", "+++\ntitle = \"Alfa\"\nweigth = 20\n+++\n");
    let broken: serde_json::Value = serde_json::from_str(&get(port, &format!("/__triobog/poll?v={v}")).unwrap().1).unwrap();
    let error = broken["error"].as_str().expect("the error is published");
    assert!(error.contains("content/del-1/a-side.md:3:1: fejl: ukendt nøgle `weigth`"), "{error}");
    assert!(get(port, "/del-1/a-side/").unwrap().1.contains("<h1>Alfa ændret</h1>"), "last good page still served");

    // The next good save clears it.
    let v = broken["version"].as_u64().unwrap();
    site.write("content/del-1/a-side.md", "+++\ntitle = \"Alfa igen\"\n+++\n");
    let fixed: serde_json::Value = serde_json::from_str(&get(port, &format!("/__triobog/poll?v={v}")).unwrap().1).unwrap();
    assert!(fixed["error"].is_null(), "{fixed}");
    wait_until(port, "/del-1/a-side/", |b| b.contains("<h1>Alfa igen</h1>"));
}

#[test]
fn serve_starts_with_a_broken_file_and_shows_the_site_once_it_is_fixed() {
    let site = TestSite::from_fixture("minimal");
    site.write("content/del-1/a-side.md", "+++\ntitle = \"Alfa\"\nweigth = 20\n+++\n");
    let served = start_serve(&site);
    let port = served.port;

    // Nothing was built: a page says so, and its poll carries the error with file and line.
    let (status, body) = get(port, "/del-1/a-side/").unwrap();
    assert_eq!(status, 404);
    assert!(body.contains("Her er ingen side endnu"), "{body}");
    assert!(body.contains("/__triobog/livereload.js"), "the page reloads once the site builds");
    let broken: serde_json::Value = serde_json::from_str(&get(port, "/__triobog/poll?v=0").unwrap().1).unwrap();
    let error = broken["error"].as_str().expect("the error is published");
    assert!(error.contains("content/del-1/a-side.md:3:1: fejl: ukendt nøgle `weigth`"), "{error}");
    assert!(site.public().join(triobog::output::MARKER).is_file(), "an output folder of ours, empty");

    // Fixed and saved: the whole site is built and served.
    let v = broken["version"].as_u64().unwrap();
    site.write("content/del-1/a-side.md", "+++\ntitle = \"Alfa rettet\"\nweight = 20\n+++\n");
    let fixed: serde_json::Value = serde_json::from_str(&get(port, &format!("/__triobog/poll?v={v}")).unwrap().1).unwrap();
    assert!(fixed["error"].is_null(), "{fixed}");
    wait_until(port, "/del-1/a-side/", |b| b.contains("<h1>Alfa rettet</h1>"));
    assert_eq!(get(port, "/").unwrap().0, 200);
    assert!(site.public().join("search/manifest.js").is_file(), "the search index is written too");
}

#[test]
fn serve_never_serves_a_file_outside_the_output() {
    let site = TestSite::from_fixture("minimal");
    let served = start_serve(&site);
    for path in ["/../site.toml", "/%2e%2e/site.toml", "/del-1/..%2f..%2fsite.toml", "/%2E%2E%2Fsite.toml", "/..%5csite.toml", "/del-1/../../site.toml"] {
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
    let served = start_serve(&site);
    let listening = std::fs::read_to_string("/proc/net/tcp").unwrap_or_default();
    let port_hex = format!(":{:04X}", served.port);
    let local: Vec<&str> = listening.lines().filter(|l| l.split_whitespace().nth(1).is_some_and(|a| a.ends_with(&port_hex))).collect();
    assert!(!local.is_empty(), "no socket found for the port");
    assert!(local.iter().all(|l| l.split_whitespace().nth(1).unwrap().starts_with("0100007F")), "{local:?}");
}

/// Every file under `dir`, by path relative to it, with its bytes.
fn files_under(dir: &std::path::Path) -> std::collections::BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().is_file())
        .map(|e| (e.path().strip_prefix(dir).unwrap().to_string_lossy().into_owned(), std::fs::read(e.path()).unwrap()))
        .collect()
}

#[test]
fn a_body_edit_in_serve_gives_the_same_site_as_a_full_build() {
    let site = TestSite::from_fixture("minimal");
    let served = start_serve(&site);
    let version: serde_json::Value = serde_json::from_str(&get(served.port, "/__triobog/poll?v=0").unwrap().1).unwrap();
    let version = version["version"].as_u64().unwrap();

    // Bodies only, front matter untouched: serve renders just what shows them (the deck and its
    // section, the card sheet, the builder, the print corner), then the search index.
    let deck = std::fs::read_to_string(site.root().join("content/kort/haard-tone.md")).unwrap();
    site.write("content/kort/haard-tone.md", &format!("{deck}- Et nyt kort om tonen på gangen.\n"));
    let poll: serde_json::Value = serde_json::from_str(&get(served.port, &format!("/__triobog/poll?v={version}")).unwrap().1).unwrap();
    assert!(poll["error"].is_null(), "{poll}");

    let full = tempfile::tempdir().unwrap();
    let status = Command::new(env!("CARGO_BIN_EXE_triobog")).args(["build", "--root"]).arg(site.root()).arg("--output").arg(full.path()).status().unwrap();
    assert!(status.success());
    let expected = files_under(full.path());
    assert!(String::from_utf8_lossy(&expected["kort/haard-tone/index.html"]).contains("Et nyt kort om tonen på gangen."));
    // The search index follows the pages a moment later.
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let served_files = files_under(&site.public());
        let differing: Vec<&String> = expected.keys().chain(served_files.keys()).filter(|k| expected.get(*k) != served_files.get(*k)).collect();
        if differing.is_empty() {
            break;
        }
        assert!(Instant::now() < deadline, "serve's output differs from a full build in: {differing:?}");
        std::thread::sleep(Duration::from_millis(100));
    }
}
