//! Times the search index build alone over a site: `cargo run --release --example
//! search_index_time -- SITE_DIR`. Used for BENCHMARKS.md (the index's share of a build).

use std::time::Instant;

use triobog::config::Config;
use triobog::content::load_content;
use triobog::diagnostics::Diagnostics;
use triobog::resolve::resolve_site;

/// The allocator of the `triobog` binary, so the times are those of a build.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let root = std::path::PathBuf::from(std::env::args().nth(1).expect("usage: search_index_time SITE_DIR"));
    let config = Config::load(&root).unwrap_or_else(|d| panic!("{d}"));
    let loaded = load_content(&root, false, config.markdown.allow_html);
    let mut diagnostics: Diagnostics = loaded.diagnostics;
    let site = resolve_site(config, loaded.pages, loaded.assets, &loaded.failed, &root, &mut diagnostics);
    let mut times = Vec::new();
    let mut cpu = Vec::new();
    let mut files = Vec::new();
    for _ in 0..5 {
        let start = Instant::now();
        let cpu_start = cpu_ms();
        let sink = std::sync::Mutex::new(Vec::new());
        triobog::search::build_index(&site, &sink).expect("memory never fails to take a file");
        files = sink.into_inner().expect("no thread failed");
        times.push(start.elapsed().as_secs_f64() * 1000.0);
        cpu.push(cpu_ms() - cpu_start);
    }
    times.sort_by(|a, b| a.total_cmp(b));
    cpu.sort_by(|a, b| a.total_cmp(b));
    let bytes: usize = files.iter().map(|f| f.bytes.len()).sum();
    println!("{} pages, {} index files, {:.1} MB; index build over 5 runs: min {:.0} ms, median {:.0} ms, max {:.0} ms", site.pages.len(), files.len(), bytes as f64 / 1e6, times[0], times[2], times[4]);
    println!("CPU time (user + system, all threads) per index build: median {:.0} ms", cpu[2]);
}

/// This process's CPU time so far, all threads, from /proc (Linux only; 0 elsewhere).
fn cpu_ms() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    // Fields after the command's closing parenthesis; utime and stime are the 12th and 13th.
    let fields: Vec<&str> = stat.rsplit_once(')').map(|(_, rest)| rest.split_whitespace().collect()).unwrap_or_default();
    let ticks: f64 = fields.get(11..13).map(|f| f.iter().filter_map(|v| v.parse::<f64>().ok()).sum()).unwrap_or(0.0);
    ticks * 10.0
}
