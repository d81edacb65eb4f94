//! The real TRIO handbook in this repository: it builds, every kind is filled, every link
//! works, and every page can be reached from the front page.

mod common;

use std::collections::{BTreeSet, VecDeque};
use std::path::{Path, PathBuf};

use common::attrs;
use triobog::content::Kind;

fn build_handbook() -> (tempfile::TempDir, triobog::BuildReport) {
    let out = tempfile::tempdir().unwrap();
    let mut opts = triobog::BuildOptions::new(env!("CARGO_MANIFEST_DIR"));
    opts.output = Some(out.path().join("public"));
    let report = triobog::build(&opts).unwrap_or_else(|ds| panic!("the handbook does not build:\n{ds}"));
    (out, report)
}

#[test]
fn the_handbook_builds_without_warnings_and_fills_every_kind() {
    let (_out, report) = build_handbook();
    assert!(report.warnings.is_empty(), "{}", report.warnings);
    let count = |k: Kind| report.pages_by_kind.get(&k).copied().unwrap_or(0);
    assert!(count(Kind::Tool) >= 6, "{:?}", report.pages_by_kind);
    assert!(count(Kind::Deck) >= 7);
    assert!(count(Kind::Questions) >= 10);
    assert!(count(Kind::Case) >= 5);
    assert_eq!(count(Kind::Part), 4);
}

#[test]
fn every_page_is_reachable_from_the_front_page_and_no_link_is_broken() {
    let (out, _) = build_handbook();
    let public = out.path().join("public");
    let mut seen: BTreeSet<PathBuf> = BTreeSet::new();
    let mut queue = VecDeque::from([public.join("index.html")]);
    while let Some(file) = queue.pop_front() {
        if !seen.insert(file.clone()) || file.extension().is_none_or(|e| e != "html") {
            continue;
        }
        let doc = scraper::Html::parse_document(&std::fs::read_to_string(&file).unwrap());
        // A GET form (the search box) leads to its action just as a link does.
        let links = attrs(&doc, "a", "href").into_iter().chain(attrs(&doc, "form", "action"));
        for href in links {
            if href.starts_with('#') || href.contains(':') {
                continue;
            }
            let target = normalize(&file.parent().unwrap().join(href.split('#').next().unwrap()));
            assert!(target.is_file(), "{}: broken link {href}", file.display());
            queue.push_back(target);
        }
    }
    let all: Vec<PathBuf> = walkdir::WalkDir::new(&public)
        .into_iter()
        .map(|e| e.unwrap().into_path())
        .filter(|p| p.extension().is_some_and(|e| e == "html") && !p.ends_with("404.html"))
        .collect();
    let unreachable: Vec<_> = all.iter().filter(|p| !seen.contains(*p)).collect();
    assert!(unreachable.is_empty(), "not reachable from the front page: {unreachable:?}");
}

fn normalize(p: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in p.components() {
        match c {
            std::path::Component::ParentDir => {
                out.pop();
            }
            std::path::Component::CurDir => {}
            c => out.push(c),
        }
    }
    out
}
