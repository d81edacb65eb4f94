//! The handbook as one book PDF (`build --pdf`): A4, tagged, an outline with the four parts, a
//! contents page whose page numbers and links land on the right pages, every part on a
//! right-hand page, and a footer with the part's name and the page number.

use std::collections::HashMap;
use std::path::Path;
use std::process::Command;

use triobog::pdf::book::named_pages;

fn pdftotext(pdf: &Path, page: u32) -> String {
    let out = Command::new("pdftotext")
        .args(["-layout", "-f", &page.to_string(), "-l", &page.to_string()])
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) is installed");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The named destination each internal link of `page` points to.
fn link_targets_on(doc: &lopdf::Document, page: u32) -> Vec<String> {
    let pages = doc.get_pages();
    let Some(&id) = pages.get(&page) else { return Vec::new() };
    let Ok(dict) = doc.get_dictionary(id) else { return Vec::new() };
    let Ok(lopdf::Object::Array(annots)) = dict.get_deref(b"Annots", doc) else { return Vec::new() };
    annots
        .iter()
        .filter_map(|a| {
            let (_, lopdf::Object::Dictionary(annot)) = doc.dereference(a).ok()? else { return None };
            match annot.get_deref(b"Dest", doc).ok()? {
                lopdf::Object::String(name, _) | lopdf::Object::Name(name) => {
                    Some(String::from_utf8_lossy(name).into_owned())
                }
                _ => None,
            }
        })
        .collect()
}

#[test]
fn the_handbook_prints_as_one_book_with_contents_outline_and_parts_on_right_hand_pages() {
    if triobog::pdf::find_chromium(None).is_err() {
        eprintln!("skipped: no Chromium on PATH");
        return;
    }
    // Chromium as a user's `build --pdf` finds it: the headless shell where it is installed
    // (`scripts/test` installs it), else the whole browser.
    let out = tempfile::tempdir().unwrap();
    let status = Command::new(env!("CARGO_BIN_EXE_triobog"))
        .args(["build", "--pdf", "--output"])
        .arg(out.path())
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .status()
        .unwrap();
    assert!(status.success());
    let pdf = out.path().join("print/trio-haandbogen.pdf");
    let info = String::from_utf8(Command::new("pdfinfo").arg(&pdf).output().unwrap().stdout).unwrap();
    assert!(info.contains("(A4)") && info.contains("Tagged:          yes"), "{info}");
    let page_count: u32 = info.lines().find_map(|l| l.strip_prefix("Pages:")).unwrap().trim().parse().unwrap();
    assert!(page_count > 40, "{page_count} pages");

    let bytes = std::fs::read(&pdf).unwrap();
    let doc = lopdf::Document::load_mem(&bytes).unwrap();
    // The outline follows the headings: the four parts are there.
    let outline = doc.get_toc().expect("an outline");
    let titles: Vec<&str> = outline.toc.iter().map(|t| t.title.as_str()).collect();
    for part in ["Del 1", "Del 2", "Del 3", "Del 4"] {
        assert!(titles.iter().any(|t| t.starts_with(part)), "{part} in the outline: {titles:?}");
    }
    assert!(titles.contains(&"Dilemmaværksted"), "the pages are in the outline too");

    // Every part starts on a right-hand (odd) page.
    let pages: HashMap<String, u32> = named_pages(&bytes).unwrap();
    let html = std::fs::read_to_string(out.path().join("print/haandbogen/index.html")).unwrap();
    let parts = triobog::pdf::book::parts_of(&html);
    assert!(parts.len() >= 4, "{parts:?}");
    for part in &parts {
        assert_eq!(pages[part] % 2, 1, "{part} starts on page {}", pages[part]);
    }

    // The contents: a link lands on the page of its target, and the number printed beside it
    // is that page.
    let tool = "b-vaerktoejer-dilemmavaerksted";
    let contents_pages: Vec<u32> = (1..=4).filter(|&p| link_targets_on(&doc, p).iter().any(|t| t == tool)).collect();
    assert_eq!(contents_pages.len(), 1, "one contents page links the tool");
    let target_page = pages[tool];
    assert!(pdftotext(&pdf, target_page).contains("Dilemmaværksted"), "the link lands on the tool's page");
    let contents = pdftotext(&pdf, contents_pages[0]);
    let line =
        contents.lines().find(|l| l.trim_start().starts_with("Dilemmaværksted")).expect("the tool in the contents");
    assert_eq!(line.split_whitespace().last().unwrap(), target_page.to_string(), "{line}");

    // The running footer: the part's name and the page number.
    let footer = pdftotext(&pdf, target_page);
    assert!(footer.contains("Del 3 · Værktøjer"), "{footer}");
    assert!(footer.trim_end().ends_with(&target_page.to_string()), "{footer}");

    // The print corner links the book and its PDF.
    let corner = std::fs::read_to_string(out.path().join("print/index.html")).unwrap();
    assert!(corner.contains("href=\"../print/trio-haandbogen.pdf\""), "the print corner links the book PDF");
    assert!(corner.contains("href=\"../print/haandbogen/index.html\""), "and the book page");
}
