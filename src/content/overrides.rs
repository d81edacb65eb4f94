//! Local pages that replace national ones, and what keeps a national change from going unseen:
//! each such page records in `based_on` the stamp of the national text it was made from, and a
//! build warns once the national text no longer has that stamp.

use std::sync::Arc;

use sha2::{Digest, Sha256};

use crate::content::model::Page;
use crate::content::walk::Override;
use crate::diagnostics::Diagnostic;

/// The stamp of a text: the first 16 hex digits of its SHA-256, short enough to read and
/// stable across versions of triobog and machines.
pub fn stamp(bytes: &[u8]) -> String {
    Sha256::digest(bytes).iter().take(8).map(|b| format!("{b:02x}")).collect()
}

/// A warning for each local page whose national original has changed since the page was made
/// from it, or that does not say what it was made from.
pub fn upstream_warnings(pages: &[Arc<Page>], overrides: &[Override]) -> Vec<Diagnostic> {
    let mut warnings = Vec::new();
    for o in overrides {
        let Some(page) = pages.iter().find(|p| p.source == o.source) else { continue };
        let Ok(national) = std::fs::read(&o.national) else { continue };
        let now = stamp(&national);
        let diff = format!("triobog diff-upstream {}", o.source);
        let accept = format!("triobog diff-upstream --accept {}", o.source);
        let warning = match &page.based_on {
            Some((was, _)) if *was == now => continue,
            Some((was, offset)) => Diagnostic::at(
                &page.shown_path,
                &page.text,
                *offset,
                format!("den nationale udgave af {} er ændret, siden denne side blev lavet ud fra den (based_on = \"{was}\", nu \"{now}\")", o.source),
            )
            .with_hint(format!("se ændringerne med `{diff}`, ret jeres side til, og bekræft med `{accept}`")),
            None => Diagnostic::file(
                &page.shown_path,
                format!("siden erstatter den nationale {}, men siger ikke, hvilken udgave den bygger på", o.source),
            )
            .with_hint(format!(
                "så får I ingen besked, når den nationale side ændres: se forskellen med `{diff}`, og bekræft med `{accept}`, som skriver based_on i siden"
            )),
        };
        warnings.push(warning.warning());
    }
    warnings
}

#[cfg(test)]
mod tests {
    use super::stamp;

    #[test]
    fn a_stamp_is_sixteen_hex_digits_and_the_same_for_the_same_text() {
        let a = stamp(b"+++\ntitle = \"A\"\n+++\n");
        assert_eq!(a.len(), 16);
        assert!(a.bytes().all(|b| b.is_ascii_hexdigit()));
        assert_eq!(a, stamp(b"+++\ntitle = \"A\"\n+++\n"));
        assert_ne!(a, stamp(b"+++\ntitle = \"B\"\n+++\n"));
        // SHA-256 of the empty text begins e3b0c442 98fc1c14.
        assert_eq!(stamp(b""), "e3b0c44298fc1c14");
    }
}
