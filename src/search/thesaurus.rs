//! The thesaurus of the field: words people type for what the handbook calls something else
//! ("onboarding" for "introduktion", "komme i gang" for "opstart"), as data.
//!
//! The defaults are `thesaurus.toml` beside this file, one entry a line; a site adds its own under
//! `[search.thesaurus]` in `site.toml`, in the same form. The query side (`engine.js`) reads the
//! entries from the manifest: a query word or phrase that is an entry's first member (the word
//! people type) is also looked for as each of the others, as a little less than itself.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use crate::config::SearchConfig;
use crate::search::normalize::query_form;

/// The default thesaurus, as written in `thesaurus.toml`.
static DEFAULT_THESAURUS: LazyLock<BTreeMap<String, Vec<String>>> = LazyLock::new(|| {
    toml::from_str(include_str!("thesaurus.toml")).expect("src/search/thesaurus.toml is a table of word lists")
});

/// The thesaurus entries, folded as a query is: each an entry's word or phrase and the words it
/// stands for, a site's additions to an entry the defaults have added to it. Entries are kept
/// apart, not merged where they share a word, so that one entry does not lead to another's words.
pub fn thesaurus_groups(config: &SearchConfig) -> Vec<Vec<String>> {
    let mut entries: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (key, values) in DEFAULT_THESAURUS.iter().chain(&config.thesaurus) {
        let Some(folded_key) = query_form(key) else { continue };
        let group = entries.entry(folded_key.clone()).or_insert_with(|| vec![folded_key]);
        for value in values.iter().filter_map(|v| query_form(v)) {
            if !group.contains(&value) {
                group.push(value);
            }
        }
    }
    entries.into_values().filter(|g| g.len() > 1).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_thesaurus_is_folded_entries() {
        let groups = thesaurus_groups(&SearchConfig::default());
        assert!(groups.len() > 30);
        assert!(groups.contains(&vec![
            "onboarding".to_string(),
            "introduktion".to_string(),
            "nye medarbejdere".to_string()
        ]));
        assert!(groups.contains(&vec!["komme i gang".to_string(), "opstart".to_string()]));
        assert!(groups.iter().all(|g| g.iter().all(|m| m.is_ascii())), "folded: æ, ø, å written the old way");
    }

    #[test]
    fn a_site_adds_entries_and_words_to_entries() {
        let mut config = SearchConfig::default();
        config.thesaurus.insert("Onboarding".into(), vec!["velkomst".into()]);
        config.thesaurus.insert("borgerservice".into(), vec!["ekspedition".into()]);
        let groups = thesaurus_groups(&config);
        let onboarding = groups.iter().find(|g| g[0] == "onboarding").unwrap();
        assert_eq!(onboarding.last().unwrap(), "velkomst");
        assert!(groups.contains(&vec!["borgerservice".to_string(), "ekspedition".to_string()]));
    }
}
