//! Times the load stage alone (read, front matter, Markdown) over a site: `cargo run --release
//! --example load_time -- SITE_DIR`. Prints a digest of everything loaded, so that a faster load
//! can be checked to load exactly the same pages.

use std::hash::{Hash, Hasher};

mod common;

use triobog::content::load_content;

fn main() {
    let root = common::site_root("load_time");
    let (config, layers) = common::config(&root);
    let runs = common::five_runs(|| load_content(&layers, false, config.markdown.allow_html).pages);
    let (times, pages) = (&runs.wall, &runs.last);
    println!(
        "{} pages, digest {:016x}; load over 5 runs: min {:.0} ms, median {:.0} ms, max {:.0} ms",
        pages.len(),
        digest_of(pages),
        times[0],
        times[2],
        times[4]
    );
    println!("CPU time (user + system, all threads) per load: median {:.0} ms", runs.cpu[2]);
}

/// A hash of each page in full: front matter, text and rendered Markdown (`Debug` shows every field).
fn digest_of(pages: &[std::sync::Arc<triobog::content::Page>]) -> u64 {
    // SipHash with fixed keys: the same pages give the same digest in every run.
    #[allow(deprecated)]
    let mut hasher = std::hash::SipHasher::new();
    for page in pages {
        format!("{page:?}").hash(&mut hasher);
    }
    hasher.finish()
}
