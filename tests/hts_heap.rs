//! The heap the embedded HTS holds once built, counted with dhat's heap profiler in testing mode
//! (so this file holds one test).
//!
//! Run with `cargo test --release --test hts_heap -- --nocapture` to see the figures.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use landed_cost::tariff::hts::Hts;

#[global_allocator]
static ALLOC: dhat::Alloc = dhat::Alloc;

/// The most heap the embedded editions may hold.
const MAX_HELD_BYTES: usize = 64 * 1024 * 1024;

#[test]
fn the_embedded_hts_holds_at_most_64_mb() {
    let _profiler = dhat::Profiler::builder().testing().build();
    let before = dhat::HeapStats::get();
    let hts = Hts::parse_embedded().unwrap();
    let built = dhat::HeapStats::get();
    let held = built.curr_bytes - before.curr_bytes;
    let peak = built.max_bytes - before.curr_bytes;
    let lines: usize = hts.editions().iter().map(|e| e.schedule().len()).sum();
    println!(
        "embedded HTS: {} editions, {lines} lines in all, {:.1} MB held in {} blocks, peak {:.1} MB",
        hts.editions().len(),
        held as f64 / 1e6,
        built.curr_blocks - before.curr_blocks,
        peak as f64 / 1e6,
    );
    assert!(
        held <= MAX_HELD_BYTES,
        "the embedded HTS holds {held} bytes, more than {MAX_HELD_BYTES}"
    );
    drop(hts);
}
