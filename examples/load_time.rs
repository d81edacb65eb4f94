//! Times the load stage alone (read, front matter, Markdown) over a site: `cargo run --release
//! --example load_time -- SITE_DIR`. Prints a digest of everything loaded, so that a faster load
//! can be checked to load exactly the same pages.

use std::hash::{Hash, Hasher};
use std::time::Instant;

use triobog::config::Config;
use triobog::content::load_content;

/// The allocator of the `triobog` binary, so the times are those of a build.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let root = std::path::PathBuf::from(std::env::args().nth(1).expect("usage: load_time SITE_DIR"));
    let config = Config::load(&root).unwrap_or_else(|d| panic!("{d}"));
    let mut times = Vec::new();
    let mut cpu = Vec::new();
    let mut pages = Vec::new();
    for _ in 0..5 {
        let start = Instant::now();
        let cpu_start = cpu_ms();
        let loaded = load_content(&root, false, config.markdown.allow_html);
        times.push(start.elapsed().as_secs_f64() * 1000.0);
        cpu.push(cpu_ms() - cpu_start);
        pages = loaded.pages;
    }
    times.sort_by(|a, b| a.total_cmp(b));
    cpu.sort_by(|a, b| a.total_cmp(b));
    println!("{} pages, digest {:016x}; load over 5 runs: min {:.0} ms, median {:.0} ms, max {:.0} ms", pages.len(), digest_of(&pages), times[0], times[2], times[4]);
    println!("CPU time (user + system, all threads) per load: median {:.0} ms", cpu[2]);
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

/// This process's CPU time so far, all threads, from /proc (Linux only; 0 elsewhere).
fn cpu_ms() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    // Fields after the command's closing parenthesis; utime and stime are the 12th and 13th.
    let fields: Vec<&str> = stat.rsplit_once(')').map(|(_, rest)| rest.split_whitespace().collect()).unwrap_or_default();
    let ticks: f64 = fields.get(11..13).map(|f| f.iter().filter_map(|v| v.parse::<f64>().ok()).sum()).unwrap_or(0.0);
    ticks * 10.0
}
