//! A synthetic HTS export of `depth` nested headers with `depth` coded lines under the deepest,
//! shared by the tests and the `scale` example that check an export's load is linear in its size.

/// The export as JSON text, in the shape of the official `htsdata.json`.
#[allow(dead_code)] // Not every including target uses it.
pub fn deep_export(depth: usize) -> String {
    let mut json = String::from("[");
    for i in 0..depth {
        json.push_str(&format!(
            r#"{{"htsno":"","indent":"{i}","description":"Header number {i} of a deeply nested grouping, with some words:"}},"#
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
    json
}
