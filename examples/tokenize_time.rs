//! Compares two ways of finding the index keys of every document's body, on one thread:
//! folding every word where it occurs, and folding each distinct written word once per batch of
//! pages. `cargo run --release --example tokenize_time -- SITE_DIR`.

use std::time::Instant;

mod common;

use rustc_hash::FxHashMap;
use triobog::search::documents::collect_documents;
use triobog::search::normalize::{StopWords, for_each_index_key, for_each_index_key_of_span, for_each_word_span};

fn main() {
    let site = common::load_site(&common::site_root("tokenize_time"));
    let pages = collect_documents(&site);
    let bodies: Vec<Vec<&str>> =
        pages.chunks(64).map(|batch| batch.iter().flat_map(|p| p.docs.iter().map(|d| &*d.body)).collect()).collect();
    for round in 0..3 {
        let start = Instant::now();
        let mut total = 0usize;
        for batch in &bodies {
            let mut ids: FxHashMap<Box<str>, u32> = FxHashMap::default();
            for body in batch {
                for_each_index_key(body, StopWords::Drop, |w| {
                    let n = ids.len() as u32;
                    total += *ids.entry(w.into()).or_insert(n) as usize;
                });
            }
        }
        let every = start.elapsed();
        let start = Instant::now();
        let mut total2 = 0usize;
        for batch in &bodies {
            let mut ids: FxHashMap<Box<str>, u32> = FxHashMap::default();
            let mut spans: FxHashMap<&str, std::ops::Range<u32>> = FxHashMap::default();
            let mut keys: Vec<u32> = Vec::new();
            for body in batch {
                for_each_word_span(body, |span| {
                    let range = spans.entry(span).or_insert_with(|| {
                        let start = keys.len() as u32;
                        for_each_index_key_of_span(span, StopWords::Drop, |w| {
                            let n = ids.len() as u32;
                            keys.push(*ids.entry(w.into()).or_insert(n));
                        });
                        start..keys.len() as u32
                    });
                    total2 += keys[range.start as usize..range.end as usize].iter().map(|&k| k as usize).sum::<usize>();
                });
            }
        }
        let once = start.elapsed();
        assert_eq!(total, total2, "both ways find the same keys");
        println!(
            "round {round}: every occurrence {:.0} ms, once per batch {:.0} ms",
            every.as_secs_f64() * 1000.0,
            once.as_secs_f64() * 1000.0
        );
    }
}
