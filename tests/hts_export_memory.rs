//! The memory an HTS export of deeply nested headings takes to load: linear in the file, not in
//! the square of its depth. Counted with dhat's heap profiler in testing mode, so this file holds
//! one test.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use landed_cost::tariff::usitc::HtsExport;

#[global_allocator]
static ALLOC: dhat::Alloc = dhat::Alloc;

#[test]
fn a_deep_export_loads_in_memory_linear_in_its_size() {
    // 4,000 nested headers and 4,000 coded lines under them (about 0.8 MB): each line's context
    // joined the whole stack, 1.2 GB in all, before contexts were shared and the depth capped.
    let depth = 4_000;
    let mut json = String::from("[");
    for i in 0..depth {
        json.push_str(&format!(
            r#"{{"htsno":"","indent":"{i}","description":"Header number {i} of a very deeply nested grouping, with some words:"}},"#
        ));
    }
    for i in 0..depth {
        if i > 0 {
            json.push(',');
        }
        let code = format!("6402.{:02}.{:02}", 10 + i / 100 % 90, i % 100);
        json.push_str(&format!(
            r#"{{"htsno":"{code}","indent":"{depth}","description":"Line {i}","general":"5%"}}"#
        ));
    }
    json.push(']');
    let _profiler = dhat::Profiler::builder().testing().build();
    let before = dhat::HeapStats::get();
    let export = HtsExport::from_json_reader(json.as_bytes()).unwrap();
    let after = dhat::HeapStats::get();
    assert_eq!(export.schedule().len(), depth);
    let peak = after.max_bytes.saturating_sub(before.curr_bytes);
    println!("input {} bytes, peak heap {} bytes", json.len(), peak);
    assert!(
        peak < 40 * json.len(),
        "peak heap {peak} bytes for {} bytes of input",
        json.len()
    );
}
