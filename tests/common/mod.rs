//! Helpers shared by the integration tests: copy a fixture site, build it, read its HTML.
#![allow(dead_code)]

pub mod serve;

use std::path::{Path, PathBuf};

use scraper::{Html, Selector};
use triobog::diagnostics::Diagnostics;
use triobog::{BuildOptions, BuildReport, build};

/// A fixture copied into a temporary folder so a test may change it.
pub struct TestSite {
    pub dir: tempfile::TempDir,
}

impl TestSite {
    pub fn from_fixture(name: &str) -> TestSite {
        let dir = tempfile::tempdir().expect("temp dir");
        let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name);
        copy_dir(&src, dir.path());
        TestSite { dir }
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    pub fn public(&self) -> PathBuf {
        self.root().join("public")
    }

    pub fn write(&self, rel: &str, text: &str) {
        let p = self.root().join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }

    pub fn options(&self) -> BuildOptions {
        BuildOptions::new(self.root())
    }

    pub fn build(&self) -> Result<BuildReport, Diagnostics> {
        build(&self.options())
    }

    pub fn build_ok(&self) -> BuildReport {
        match self.build() {
            Ok(r) => r,
            Err(ds) => panic!("build failed:\n{ds}"),
        }
    }

    /// A built page, parsed.
    pub fn html(&self, rel: &str) -> Html {
        let text = std::fs::read_to_string(self.public().join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"));
        Html::parse_document(&text)
    }
}

fn copy_dir(src: &Path, dst: &Path) {
    for entry in walkdir::WalkDir::new(src) {
        let entry = entry.unwrap();
        let rel = entry.path().strip_prefix(src).unwrap();
        let target = dst.join(rel);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// Texts of all elements matching `selector`.
pub fn texts(doc: &Html, selector: &str) -> Vec<String> {
    let sel = Selector::parse(selector).unwrap();
    doc.select(&sel).map(|e| e.text().collect::<String>().split_whitespace().collect::<Vec<_>>().join(" ")).collect()
}

/// Values of `attr` on all elements matching `selector`.
pub fn attrs(doc: &Html, selector: &str, attr: &str) -> Vec<String> {
    let sel = Selector::parse(selector).unwrap();
    doc.select(&sel).filter_map(|e| e.value().attr(attr).map(str::to_owned)).collect()
}

/// The one diagnostic expected from a failed build.
pub fn only_error(ds: &Diagnostics) -> &triobog::diagnostics::Diagnostic {
    let errors: Vec<_> = ds.0.iter().filter(|d| d.is_error()).collect();
    assert_eq!(errors.len(), 1, "expected one error, got:\n{ds}");
    errors[0]
}
