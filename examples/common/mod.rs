//! What the timing examples share: the allocator of the `triobog` binary (so the times are those
//! of a build), loading a site as a build does, and this process's CPU time.

use triobog::config::{Config, Layers};
use triobog::content::load_content;
use triobog::model::{Site, resolve_site};

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// The site given as the example's first argument, or a usage line naming `example`.
pub fn site_root(example: &str) -> std::path::PathBuf {
    std::path::PathBuf::from(std::env::args().nth(1).unwrap_or_else(|| panic!("usage: {example} SITE_DIR")))
}

/// The site's configuration and folders, or a panic showing what is wrong with them.
pub fn config(root: &std::path::Path) -> (Config, Layers) {
    triobog::config::load_site(root).unwrap_or_else(|d| panic!("{d}"))
}

/// The site loaded and resolved as a build does it.
#[allow(dead_code)] // not every example resolves the site
pub fn load_site(root: &std::path::Path) -> Site {
    let (config, layers) = config(root);
    let loaded = load_content(&layers, false, config.markdown.allow_html);
    let mut diagnostics = loaded.diagnostics;
    resolve_site(config, layers, loaded.pages, loaded.assets, &loaded.failed, &mut diagnostics)
}

/// Five runs of `f`: wall and CPU milliseconds of each, sorted (so `[0]` is the least, `[2]` the
/// median, `[4]` the most), and what the last run returned.
#[allow(dead_code)] // not every example times runs this way
pub struct FiveRuns<T> {
    pub wall: Vec<f64>,
    pub cpu: Vec<f64>,
    pub last: T,
}

#[allow(dead_code)]
pub fn five_runs<T>(mut f: impl FnMut() -> T) -> FiveRuns<T> {
    let (mut wall, mut cpu, mut last) = (Vec::new(), Vec::new(), None);
    for _ in 0..5 {
        // The previous run's result is freed before the clock starts, not inside the next run.
        drop(last.take());
        let start = std::time::Instant::now();
        let cpu_start = cpu_ms();
        last = Some(f());
        wall.push(start.elapsed().as_secs_f64() * 1000.0);
        cpu.push(cpu_ms() - cpu_start);
    }
    wall.sort_by(|a, b| a.total_cmp(b));
    cpu.sort_by(|a, b| a.total_cmp(b));
    FiveRuns { wall, cpu, last: last.expect("five runs ran") }
}

/// This process's CPU time so far, all threads, from /proc (Linux only; 0 elsewhere).
#[allow(dead_code)] // not every example reads it
pub fn cpu_ms() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    // Fields after the command's closing parenthesis; utime and stime are the 12th and 13th.
    let fields: Vec<&str> =
        stat.rsplit_once(')').map(|(_, rest)| rest.split_whitespace().collect()).unwrap_or_default();
    let ticks: f64 = fields.get(11..13).map(|f| f.iter().filter_map(|v| v.parse::<f64>().ok()).sum()).unwrap_or(0.0);
    ticks * 10.0
}
