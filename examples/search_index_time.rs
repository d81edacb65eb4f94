//! Times the search index build alone over a site: `cargo run --release --example
//! search_index_time -- SITE_DIR`. Used for BENCHMARKS.md (the index's share of a build).

mod common;

fn main() {
    let site = common::load_site(&common::site_root("search_index_time"));
    let runs = common::five_runs(|| {
        let sink = std::sync::Mutex::new(Vec::new());
        triobog::search::build_index(&site, &sink).expect("memory never fails to take a file");
        sink.into_inner().expect("no thread failed")
    });
    let (times, cpu, files) = (&runs.wall, &runs.cpu, &runs.last);
    let bytes: usize = files.iter().map(|f| f.bytes.len()).sum();
    println!(
        "{} pages, {} index files, {:.1} MB; index build over 5 runs: min {:.0} ms, median {:.0} ms, max {:.0} ms",
        site.pages.len(),
        files.len(),
        bytes as f64 / 1e6,
        times[0],
        times[2],
        times[4]
    );
    println!("CPU time (user + system, all threads) per index build: median {:.0} ms", cpu[2]);
}
