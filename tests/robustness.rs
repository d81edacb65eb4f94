//! No input makes triobog panic: random front matter and Markdown through parse → render,
//! deeply nested Markdown, very large files.

mod common;

use std::path::Path;

use common::TestSite;
use proptest::prelude::*;
use triobog::content::front_matter::{parse_front_matter, split_front_matter};
use triobog::markdown::{ItemMode, render_markdown};

/// Front-matter lines made of real keys with values of any type, plus junk.
fn front_matter_line() -> impl Strategy<Value = String> {
    let key = prop::sample::select(vec![
        "kind",
        "title",
        "description",
        "weight",
        "draft",
        "slug",
        "number",
        "purpose",
        "participants",
        "minutes",
        "materials",
        "decks",
        "questions",
        "phase",
        "tool",
        "theme",
        "color",
        "jokers",
        "summary",
        "workplace",
        "sector",
        "themes",
        "tools",
        "agenda",
        "months",
        "x",
    ]);
    let value = prop_oneof![
        Just("\"tool\"".to_string()),
        Just("\"case\"".to_string()),
        Just("\"deck\"".to_string()),
        Just("\"questions\"".to_string()),
        Just("\"part\"".to_string()),
        Just("{ min = 9, max = 2 }".to_string()),
        Just("[\"a\", 3]".to_string()),
        Just("[[1]]".to_string()),
        Just("\"#zzz\"".to_string()),
        Just("-1".to_string()),
        Just("99999999999999999999".to_string()),
        Just("\"../../x\"".to_string()),
        "[a-zæøå\"\\[\\]{}=#., 0-9-]{0,20}",
    ];
    prop_oneof![
        (key, value).prop_map(|(k, v)| format!("{k} = {v}")),
        "[^\n]{0,30}",
        Just("[[months]]\nmonth = 13\ntopic = 1".to_string())
    ]
}

fn markdown_body() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("# Titel\n".to_string()),
        Just("## Næste skridt {#x}\n".to_string()),
        Just("- punkt {#id}\n".to_string()),
        Just("1. trin (5 min.)\n".to_string()),
        Just("> citat\n".to_string()),
        Just("```rust\nfn x() {}\n```\n".to_string()),
        Just("```\nuden sprog\n".to_string()),
        Just("| a | b |\n|---|---|\n| 1 | 2 |\n".to_string()),
        Just("[link](@/x.md#y) ![b](../../etc/passwd) [j](javascript:x)\n".to_string()),
        Just("<script>alert(1)</script>\n".to_string()),
        Just("tekst[^1]\n\n[^1]: fodnote\n".to_string()),
        "[^\u{0}]{0,40}",
    ];
    prop::collection::vec(piece, 0..20).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn random_front_matter_and_markdown_never_panic(lines in prop::collection::vec(front_matter_line(), 0..8), body in markdown_body(), close in any::<bool>()) {
        let text = format!("+++\n{}\n{}{}", lines.join("\n"), if close { "+++\n" } else { "" }, body);
        let path = Path::new("content/x.md");
        if let Ok(split) = split_front_matter(path, &text) {
            let _ = parse_front_matter(path, &text, &split);
            for mode in [ItemMode::Plain, ItemMode::Anchored, ItemMode::Extracted] {
                let md = render_markdown(split.body, mode, false);
                prop_assert!(!md.html.contains("<script"));
            }
        }
    }

    #[test]
    fn arbitrary_text_never_panics(text in "\\PC{0,300}") {
        let path = Path::new("content/x.md");
        if let Ok(split) = split_front_matter(path, &text) {
            let _ = parse_front_matter(path, &text, &split);
            let _ = render_markdown(split.body, ItemMode::Anchored, false);
        }
    }
}

#[test]
fn deeply_nested_markdown_builds() {
    let site = TestSite::from_fixture("minimal");
    let quotes = ">".repeat(5_000);
    let lists: String = (0..2_000).map(|i| format!("{}- niveau {i}\n", "  ".repeat(i))).collect();
    let brackets = "[".repeat(20_000);
    site.write("content/dyb.md", &format!("+++\ntitle = \"Dyb\"\n+++\n{quotes} dybt\n\n{lists}\n{brackets}\n"));
    site.build_ok();
    assert!(site.public().join("dyb/index.html").is_file());
}

#[test]
fn a_very_large_file_builds() {
    let site = TestSite::from_fixture("minimal");
    let paragraph =
        "Arbejdsmiljøet bliver bedre, når TRIO'en lytter til kollegerne og afprøver nye handlinger sammen.\n\n";
    let body: String =
        (0..40_000).map(|i| if i % 50 == 0 { format!("## Afsnit {i}\n\n") } else { paragraph.to_string() }).collect();
    assert!(body.len() > 4_000_000);
    site.write("content/stor.md", &format!("+++\ntitle = \"Stor\"\n+++\n{body}"));
    site.build_ok();
    let html = std::fs::read_to_string(site.public().join("stor/index.html")).unwrap();
    assert!(html.contains("id=\"afsnit-39950\""));
}
