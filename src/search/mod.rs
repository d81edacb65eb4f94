//! The site's search: a Danish-aware index built at `triobog build`, shipped as small `.js`
//! files that `themes/default/static/js/search/engine.js` loads on demand (and `ui.js` shows).
//!
//! Not a server and not WebAssembly: the query side is a plain script, so search works from
//! disk, under any subpath and under a strict Content-Security-Policy.
//! - [`normalize`]: Danish folding and tokenising (mirrored in engine.js);
//! - [`stem`]: the Snowball Danish stemmer (ported in engine.js);
//! - [`compound`]: closed compounds split into their known parts;
//! - [`documents`]: the site's pages as search documents with anchors;
//! - [`thesaurus`]: the field's words for what the handbook calls something else;
//! - [`index`]: the sharded index files.

pub mod compound;
pub mod documents;
pub mod index;
pub mod normalize;
pub mod stem;
pub mod thesaurus;

use std::collections::BTreeMap;

use crate::search::normalize::query_form;

use crate::config::SearchConfig;
use crate::model::Site;
use crate::output::FileSink;

/// The field's abbreviations, which every site gets; `[search] synonyms` in `site.toml` adds to them.
pub const DEFAULT_SYNONYMS: &[(&str, &[&str])] = &[
    ("TR", &["tillidsrepræsentant"]),
    ("AMR", &["arbejdsmiljørepræsentant"]),
    ("AMiR", &["arbejdsmiljørepræsentant"]),
    ("APV", &["arbejdspladsvurdering"]),
    ("MED", &["MED-udvalg", "medbestemmelse", "medindflydelse"]),
    ("SU", &["samarbejdsudvalg"]),
    ("AMO", &["arbejdsmiljøorganisation"]),
    ("AMG", &["arbejdsmiljøgruppe"]),
];

/// Builds the search index for the site, the files under `search/`, into `sink`; returns how
/// many files it made, or the file that could not be written.
pub fn build_index(site: &Site, sink: &dyn FileSink) -> Result<usize, index::WriteError> {
    build_index_beside(site, sink, || ()).0
}

/// Builds the search index as [`build_index`] does while running `beside` (the page rendering),
/// so that the two share the cores well: see [`index::build_index_files_beside`].
pub fn build_index_beside<R: Send>(
    site: &Site,
    sink: &dyn FileSink,
    beside: impl FnOnce() -> R + Send,
) -> (Result<usize, index::WriteError>, R) {
    let pages = documents::collect_documents(site);
    let words = index::QueryWords {
        synonyms: synonym_groups(&site.config.search),
        thesaurus: thesaurus::thesaurus_groups(&site.config.search),
    };
    index::build_index_files_beside(&pages, &words, sink, beside)
}

/// The synonym groups, folded as a query is: each abbreviation with the words it stands for.
/// A site's entry for an abbreviation the defaults have adds to the default's words.
pub fn synonym_groups(config: &SearchConfig) -> index::words::SynonymGroups {
    let mut groups: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let defaults =
        DEFAULT_SYNONYMS.iter().map(|(k, vs)| (k.to_string(), vs.iter().map(|v| v.to_string()).collect::<Vec<_>>()));
    for (key, values) in defaults.chain(config.synonyms.clone()) {
        let Some(folded_key) = query_form(&key) else { continue };
        let group = groups.entry(folded_key.clone()).or_insert_with(|| vec![folded_key]);
        for value in values.iter().filter_map(|v| query_form(v)) {
            if !group.contains(&value) {
                group.push(value);
            }
        }
    }
    merge_overlapping(groups.into_values().filter(|g| g.len() > 1).collect())
}

/// Groups that share a word become one: AMR and AMiR both stand for arbejdsmiljørepræsentant,
/// so each finds the other.
fn merge_overlapping(groups: Vec<Vec<String>>) -> Vec<Vec<String>> {
    let mut merged: Vec<Vec<String>> = Vec::new();
    for group in groups {
        let (overlapping, rest): (Vec<_>, Vec<_>) =
            merged.into_iter().partition(|m| m.iter().any(|w| group.contains(w)));
        let mut joined: Vec<String> = Vec::new();
        for word in overlapping.into_iter().flatten().chain(group) {
            if !joined.contains(&word) {
                joined.push(word);
            }
        }
        merged = rest;
        merged.push(joined);
    }
    merged.sort();
    merged
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_synonyms_are_folded_groups() {
        let groups = synonym_groups(&SearchConfig::default());
        assert!(groups.contains(&vec!["tr".to_string(), "tillidsrepraesentant".to_string()]));
        assert!(groups.contains(&vec![
            "amir".to_string(),
            "arbejdsmiljoerepraesentant".to_string(),
            "amr".to_string()
        ]));
        assert!(groups.iter().any(|g| g[0] == "med" && g.contains(&"medudvalg".to_string())));
    }

    #[test]
    fn a_site_extends_the_defaults() {
        let mut config = SearchConfig::default();
        config.synonyms.insert("TR".into(), vec!["tillidsfolk".into()]);
        config.synonyms.insert("FTR".into(), vec!["fællestillidsrepræsentant".into()]);
        let groups = synonym_groups(&config);
        assert!(groups.contains(&vec![
            "tr".to_string(),
            "tillidsrepraesentant".to_string(),
            "tillidsfolk".to_string()
        ]));
        assert!(groups.contains(&vec!["ftr".to_string(), "faellestillidsrepraesentant".to_string()]));
    }
}
