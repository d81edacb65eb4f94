//! Front matter: split the `+++` block off a file and turn it into the typed data of its kind.
//!
//! Every error points at the line and column inside the whole file, not inside the block.

mod kinds;
mod parse;
mod raw;
mod split;

pub use kinds::Common;
pub use parse::parse_front_matter;
pub use raw::{PHASES, kind_keys};
pub use split::{Split, split_front_matter};

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::content::model::KindData;
    use crate::diagnostics::Diagnostics;

    fn parse(text: &str) -> Result<(Common, KindData), Diagnostics> {
        let path = Path::new("content/x.md");
        let split = split_front_matter(path, text).map_err(|d| Diagnostics(vec![d]))?;
        parse_front_matter(path, text, &split)
    }

    #[test]
    fn misspelt_key_points_at_its_line_and_suggests() {
        let err = parse("+++\ntitle = \"A\"\nkind = \"tool\"\npurpse = \"x\"\n+++\n").unwrap_err();
        let d = &err.0[0];
        assert_eq!((d.line, d.column), (4, 1));
        assert!(d.message.contains("purpse"));
        assert_eq!(d.hint.as_deref(), Some("mente du `purpose`?"));
    }

    #[test]
    fn wrong_type_names_key_and_line() {
        let err = parse("+++\ntitle = \"A\"\nweight = \"ti\"\n+++\n").unwrap_err();
        let d = &err.0[0];
        assert_eq!(d.line, 3);
        assert!(d.message.contains("`weight`"), "{}", d.message);
    }

    #[test]
    fn tool_reports_every_missing_key() {
        let err = parse("+++\ntitle = \"A\"\nkind = \"tool\"\n+++\n").unwrap_err();
        let msgs: Vec<_> = err.0.iter().map(|d| d.message.clone()).collect();
        assert_eq!(msgs.len(), 3, "{msgs:?}");
        assert!(msgs.iter().all(|m| m.contains("mangler")));
    }

    #[test]
    fn unclosed_front_matter_is_an_error() {
        let err = parse("+++\ntitle = \"A\"\n\nTekst\n").unwrap_err();
        assert!(err.0[0].message.contains("lukkes aldrig"));
    }
}
