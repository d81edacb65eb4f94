//! The search index's files fit together as the query side reads them: on a generated site
//! large enough for many postings chunks and for heads, search.js (under Node) finds every key's
//! lists through its vocabulary shard — the whole list where a word is matched as written, the
//! head where it is a completion of a word being typed.

use std::path::Path;
use std::process::Command;

use triobog::{build, BuildOptions};

#[test]
fn search_js_finds_every_keys_lists_and_heads() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/gen-synthetic.py");
    let status = Command::new("python3").arg(&script).arg(&site).args(["--pages", "400", "--seed", "3"]).status().expect("python3 runs scripts/gen-synthetic.py");
    assert!(status.success(), "gen-synthetic.py failed");
    let output = dir.path().join("public");
    let opts = BuildOptions { root: site, output: Some(output.clone()), base_url: None, drafts: false, pdf: None };
    build(&opts).unwrap_or_else(|ds| panic!("the generated site does not build:\n{ds}"));

    let chunks = std::fs::read_dir(output.join("search")).unwrap().filter(|e| e.as_ref().unwrap().file_name().to_string_lossy().starts_with("p-")).count();
    assert!(chunks > 10, "only {chunks} postings chunks: the test needs a site that spans many");

    let lists = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/search/lists.mjs");
    let run = Command::new("node").arg(&lists).arg(&output).output().expect("node must be installed to test search.js (apt-get install nodejs)");
    assert!(run.status.success(), "node failed: {}", String::from_utf8_lossy(&run.stderr));
    let report: serde_json::Value = serde_json::from_slice(&run.stdout).unwrap();
    assert!(report["keys"].as_u64().unwrap() > 5000, "{report}");
    assert!(report["heads"].as_u64().unwrap() > 50, "the site should have keys in more documents than a head holds: {report}");
    assert_eq!(report["problems"], serde_json::json!([]), "{report}");
}
