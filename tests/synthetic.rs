//! The synthetic handbook of `scripts/gen-synthetic.py`, which `scripts/bench` and the search
//! benchmark measure, stays a site every tool builds: triobog always, Hugo and mdBook when they
//! are installed (`scripts/bench` installs them; `scripts/test` does not, to keep CI lean).
//! No timings here: speed is measured by `scripts/bench`, never asserted in a test.

use std::path::{Path, PathBuf};
use std::process::Command;

use triobog::{BuildOptions, build};

fn generate(out: &Path, pages: u32, formats: &str) {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/gen-synthetic.py");
    let status = Command::new("python3")
        .arg(&script)
        .arg(out)
        .args(["--pages", &pages.to_string(), "--seed", "7", "--formats", formats])
        .status()
        .expect("python3 runs scripts/gen-synthetic.py");
    assert!(status.success(), "gen-synthetic.py failed");
}

fn markdown_files(dir: &Path) -> Vec<PathBuf> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(|e| e.unwrap().into_path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect()
}

/// A peer tool's binary when it is installed; `None` (and a note) when it is not.
fn peer(name: &str, version_arg: &str) -> Option<PathBuf> {
    let cargo_bin = std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo/bin").join(name));
    let found = [Some(PathBuf::from(name)), cargo_bin]
        .into_iter()
        .flatten()
        .find(|p| Command::new(p).arg(version_arg).output().is_ok_and(|o| o.status.success()));
    if found.is_none() {
        eprintln!("{name} is not installed: its copy of the synthetic site is not built (scripts/bench installs it)");
    }
    found
}

#[test]
fn synthetic_site_builds_in_triobog_and_the_same_pages_exist_for_hugo_and_mdbook() {
    let dir = tempfile::tempdir().expect("temp dir");
    let site = dir.path().join("syn");
    generate(&site, 50, "triobog,hugo,mdbook");

    let opts = BuildOptions { output: Some(dir.path().join("public")), ..BuildOptions::new(site.join("triobog")) };
    let report = build(&opts).unwrap_or_else(|ds| panic!("the synthetic site does not build:\n{ds}"));
    assert_eq!(report.pages_by_kind.values().sum::<usize>(), 50);
    assert_eq!(report.pages_by_kind.len(), 6, "every kind is present: {:?}", report.pages_by_kind);
    assert!(report.warnings.is_empty(), "warnings:\n{}", report.warnings);

    // The same 50 pages in each layout (Hugo's has a search page besides; mdBook's a SUMMARY.md).
    assert_eq!(markdown_files(&site.join("triobog/content")).len(), 50);
    assert_eq!(markdown_files(&site.join("hugo/content")).len(), 51);
    let mdbook_pages = markdown_files(&site.join("mdbook/src"));
    assert_eq!(mdbook_pages.len(), 51);
    let summary = std::fs::read_to_string(site.join("mdbook/src/SUMMARY.md")).unwrap();
    assert_eq!(summary.matches("](").count(), 50, "SUMMARY.md lists every page");
    // Links are translated: no triobog @/ link is left in the peers' copies.
    for p in markdown_files(&site.join("hugo/content")).iter().chain(&mdbook_pages) {
        assert!(!std::fs::read_to_string(p).unwrap().contains("](@/"), "{} keeps an @/ link", p.display());
    }

    if let Some(hugo) = peer("hugo", "version") {
        let out = dir.path().join("hugo-public");
        let o = Command::new(hugo)
            .arg("--source")
            .arg(site.join("hugo"))
            .arg("--destination")
            .arg(&out)
            .arg("--quiet")
            .output()
            .unwrap();
        assert!(
            o.status.success(),
            "hugo failed:\n{}{}",
            String::from_utf8_lossy(&o.stdout),
            String::from_utf8_lossy(&o.stderr)
        );
        assert!(out.join("cases/side-00000/index.html").is_file());
        assert!(out.join("index.json").is_file(), "the JSON search index");
    }
    if let Some(mdbook) = peer("mdbook", "--version") {
        let out = dir.path().join("mdbook-public");
        let o =
            Command::new(mdbook).arg("build").arg(site.join("mdbook")).arg("--dest-dir").arg(&out).output().unwrap();
        assert!(
            o.status.success(),
            "mdbook failed:\n{}{}",
            String::from_utf8_lossy(&o.stdout),
            String::from_utf8_lossy(&o.stderr)
        );
        assert!(out.join("cases/side-00000.html").is_file());
    }
}

#[test]
fn synthetic_site_is_the_same_for_the_same_seed() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (a, b) = (dir.path().join("a"), dir.path().join("b"));
    generate(&a, 30, "triobog,hugo,mdbook");
    generate(&b, 30, "triobog,hugo,mdbook");
    let files = |root: &Path| -> Vec<(PathBuf, Vec<u8>)> {
        let mut v: Vec<_> = walkdir::WalkDir::new(root)
            .into_iter()
            .map(|e| e.unwrap())
            .filter(|e| e.file_type().is_file())
            .map(|e| (e.path().strip_prefix(root).unwrap().to_path_buf(), std::fs::read(e.path()).unwrap()))
            .collect();
        v.sort();
        v
    };
    let (fa, fb) = (files(&a), files(&b));
    assert!(fa.len() > 90);
    assert!(fa == fb, "two runs with the same seed wrote different files");
}
