//! Helpers shared by the integration tests and benchmarks that read the real USITC files.

use std::path::PathBuf;

/// `../shared/data/usitc` relative to the crate root, or `None` (with a message) when it is
/// absent, so that tests and benchmarks needing the real files skip instead of failing.
#[allow(dead_code)] // Not every including target uses it.
pub fn usitc_dir() -> Option<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/data/usitc");
    if dir.is_dir() {
        Some(dir)
    } else {
        println!("skipping: {} is absent", dir.display());
        None
    }
}

/// The property-test case count: `PROPTEST_CASES` when set (a longer nightly-style run), else
/// `default` (kept small so `cargo test` stays fast).
#[allow(dead_code)] // Not every including target runs property tests.
pub fn proptest_cases(default: u32) -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}
