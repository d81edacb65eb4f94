//! The search index's files fit together as the query side reads them: on a generated site
//! large enough for many postings chunks and for heads, engine.js (under Node) finds every key's
//! lists through its vocabulary shard — the whole list where a word is matched as written, the
//! head where it is a completion of a word being typed, and a key mistyped in its first three
//! letters through the typo files.

use std::path::Path;
use std::process::Command;

use triobog::{BuildOptions, build};

mod common;

#[test]
fn search_js_finds_every_keys_lists_and_heads() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/gen-synthetic.py");
    let status = Command::new("python3")
        .arg(&script)
        .arg(&site)
        .args(["--pages", "400", "--seed", "3"])
        .status()
        .expect("python3 runs scripts/gen-synthetic.py");
    assert!(status.success(), "gen-synthetic.py failed");
    let output = dir.path().join("public");
    let opts =
        BuildOptions { root: site, output: Some(output.clone()), base_url: None, drafts: false, pdf: None, zip: None };
    build(&opts).unwrap_or_else(|ds| panic!("the generated site does not build:\n{ds}"));

    let packs: Vec<String> = std::fs::read_dir(output.join("search"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.file_name().unwrap().to_string_lossy().starts_with("p-"))
        .map(|p| std::fs::read_to_string(p).unwrap())
        .collect();
    let chunks: usize =
        packs.iter().map(|p| p.lines().filter(|l| l.starts_with("triobogSearch.addPostings(")).count()).sum();
    assert!(
        chunks > 10 && packs.len() >= 2,
        "{chunks} postings chunks in {} packs: the test needs a site that spans many",
        packs.len()
    );

    let lists = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/search/lists.mjs");
    let run = Command::new("node")
        .arg(&lists)
        .arg(&output)
        .output()
        .expect("node must be installed to test js/search/engine.js (apt-get install nodejs)");
    assert!(run.status.success(), "node failed: {}", String::from_utf8_lossy(&run.stderr));
    let report: serde_json::Value = serde_json::from_slice(&run.stdout).unwrap();
    assert!(report["keys"].as_u64().unwrap() > 5000, "{report}");
    assert!(
        report["heads"].as_u64().unwrap() > 50,
        "the site should have keys in more documents than a head holds: {report}"
    );
    assert!(report["typos"].as_u64().unwrap() > 20_000, "{report}");
    assert_eq!(report["problems"], serde_json::json!([]), "{report}");
}

/// The manifest the query side reads first, as JSON.
fn manifest(public: &Path) -> serde_json::Value {
    let manifest = std::fs::read_to_string(public.join("search/manifest.js")).unwrap();
    let json = manifest
        .trim()
        .strip_prefix("triobogSearch.addManifest(")
        .and_then(|m| m.strip_suffix(");"))
        .expect("a manifest script");
    serde_json::from_str(json).unwrap()
}

/// The `build` the manifest names, which engine.js asks for every other index file with.
fn manifest_build(public: &Path) -> String {
    manifest(public)["build"].as_str().expect("the manifest names its build").to_string()
}

/// The manifest's thesaurus entries, each as its members joined with " | ".
fn thesaurus_entries(public: &Path) -> Vec<String> {
    let entries = manifest(public)["thesaurus"].as_array().expect("the manifest has a thesaurus").clone();
    entries
        .iter()
        .map(|e| e.as_array().unwrap().iter().map(|m| m.as_str().unwrap()).collect::<Vec<_>>().join(" | "))
        .collect()
}

#[test]
fn a_sites_thesaurus_in_site_toml_reaches_the_manifest_folded_beside_the_built_in_entries() {
    let site = common::TestSite::from_fixture("minimal");
    site.build_ok();
    let built_in = thesaurus_entries(&site.public());
    assert!(built_in.contains(&"onboarding | introduktion | nye medarbejdere".to_string()), "{built_in:?}");
    assert!(built_in.contains(&"komme i gang | opstart".to_string()), "{built_in:?}");

    let toml = std::fs::read_to_string(site.root().join("site.toml")).unwrap();
    let added = "[search.thesaurus]\n\"Trivselsmåling\" = [\"APV\", \"trivsel\"]\n\"onboarding\" = [\"velkomst\"]\n";
    site.write("site.toml", &format!("{toml}\n{added}"));
    site.build_ok();
    let entries = thesaurus_entries(&site.public());
    assert!(entries.contains(&"trivselsmaaling | apv | trivsel".to_string()), "{entries:?}");
    assert!(entries.contains(&"onboarding | introduktion | nye medarbejdere | velkomst".to_string()), "{entries:?}");
    assert_eq!(entries.len(), built_in.len() + 1, "one new entry, one extended");
}

#[test]
fn the_manifest_names_its_build_the_same_for_the_same_index_and_anew_for_a_changed_one() {
    let site = common::TestSite::from_fixture("minimal");
    site.build_ok();
    let first = manifest_build(&site.public());
    assert_eq!(first.len(), 16, "{first}");
    site.build_ok();
    assert_eq!(manifest_build(&site.public()), first, "the same site, the same index files, the same build");

    let case = site.root().join("content/cases/dialyse.md");
    let text = std::fs::read_to_string(&case).unwrap();
    site.write("content/cases/dialyse.md", &format!("{text}\nEt nyt afsnit om morgenmøder.\n"));
    site.build_ok();
    assert_ne!(manifest_build(&site.public()), first, "a changed page changes the index, and so its build");
}
