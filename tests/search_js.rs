//! The browser's search/engine.js and the Rust index agree: the same folding and tokenising, and the
//! same Snowball Danish stems (the JS port against rust-stemmers), over every word of the
//! handbook. Runs engine.js under Node.

use std::collections::BTreeSet;
use std::path::Path;
use std::process::Command;

use rust_stemmers::{Algorithm, Stemmer};
use triobog::search::normalize::{fold, tokenize};
use triobog::search::stem::stem;

/// The texts of every content file of the handbook.
fn handbook_texts() -> Vec<String> {
    let content = Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
    walkdir::WalkDir::new(content)
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.path().extension().is_some_and(|x| x == "md"))
        .map(|e| std::fs::read_to_string(e.path()).unwrap())
        .collect()
}

/// Texts that exercise the edges of tokenising: hyphens, apostrophes, capitals, accents.
const EDGE_TEXTS: &[&str] = &[
    "MED-udvalget og TRIO'en mødes – AMR’ens rolle, check-in og APV.",
    "Café, Über, Göteborg, Müller, naïve, señor, façade, Straße.",
    "--start- -slut- a-b 12-14 1.-2. maj, 5 gode råd (TR/AMR) «citat» 'enkelt'",
    "ÅRSHJUL Årshjulet årshjul aarshjul HÅRD hård haard Æ æ Ø ø",
];

/// Words that reach the stemmer's rarer rules (-igst, løst, undoubling, s-endings).
const EDGE_WORDS: &[&str] = &[
    "vigtigst",
    "hyggeligst",
    "løst",
    "opløst",
    "løsteste",
    "kærligheden",
    "bestemtheden",
    "tillidsfulde",
    "grønt",
    "smukt",
    "mindst",
    "ældst",
    "samarbejdets",
    "hvordans",
    "trioens",
    "amrs",
    "aftalt",
    "blødt",
    "flittigst",
    "godt",
    "alle",
    "ø",
    "å",
];

fn run_node(input: &serde_json::Value) -> serde_json::Value {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("input.json");
    std::fs::write(&path, input.to_string()).unwrap();
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/search/agree.mjs");
    let output = Command::new("node")
        .arg(&script)
        .arg(&path)
        .output()
        .expect("node must be installed to test js/search/engine.js (apt-get install nodejs)");
    assert!(output.status.success(), "node failed: {}", String::from_utf8_lossy(&output.stderr));
    serde_json::from_slice(&output.stdout).unwrap()
}

#[test]
fn js_and_rust_stem_every_handbook_word_alike() {
    let danish = Stemmer::create(Algorithm::Danish);
    let mut words = BTreeSet::new();
    for text in handbook_texts() {
        words.extend(tokenize(&text).into_iter().map(|t| t.folded));
        // The unfolded words too (with æ, ø, å), to test the port as a whole.
        for word in text.split(|c: char| !c.is_alphabetic()).filter(|w| !w.is_empty()) {
            words.insert(word.to_lowercase());
        }
    }
    words.extend(EDGE_WORDS.iter().flat_map(|w| [w.to_string(), fold(w)]));
    assert!(words.len() > 2000, "only {} words", words.len());
    let stems: Vec<(String, String)> = words
        .iter()
        .map(|w| {
            let expected = if w.is_ascii() { stem(w) } else { danish.stem(w).into_owned() };
            (w.clone(), expected)
        })
        .collect();
    let report = run_node(&serde_json::json!({ "stems": stems, "tokens": [] }));
    assert_eq!(report["checked"], stems.len());
    let mismatches = report["mismatches"].as_array().unwrap();
    assert!(
        mismatches.is_empty(),
        "{} of {} words stem differently, e.g. {:?}",
        mismatches.len(),
        stems.len(),
        &mismatches[..mismatches.len().min(10)]
    );
}

/// A token as both sides report it: folded, its pieces, whether written in capitals.
type TokenReport = (String, Vec<String>, bool);

#[test]
fn js_and_rust_fold_and_tokenise_alike() {
    let mut texts: Vec<String> = handbook_texts();
    texts.extend(EDGE_TEXTS.iter().map(|t| t.to_string()));
    let cases: Vec<(String, Vec<TokenReport>)> = texts
        .into_iter()
        .map(|text| {
            let tokens = tokenize(&text)
                .into_iter()
                .map(|t| (t.folded, t.pieces.into_iter().map(|p| p.0).collect(), t.upper))
                .collect();
            (text, tokens)
        })
        .collect();
    let report = run_node(&serde_json::json!({ "stems": [], "tokens": cases }));
    let mismatches = report["mismatches"].as_array().unwrap();
    assert!(mismatches.is_empty(), "{:?}", &mismatches[..mismatches.len().min(3)]);
    assert_eq!(fold("Årshjul"), "aarshjul");
}
