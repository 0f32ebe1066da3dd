//! Tests of [`HtsExport`]: malformed entries and inline markup.

use super::rows::strip_markup;
use super::*;

#[test]
fn malformed_entries_are_reported_and_the_rest_loads() {
    let json = r#"[
        {"htsno": 640299, "description": "a number where text belongs"},
        {"htsno": "6402.99.9", "indent": "2", "description": "seven digits", "general": "20%"},
        {"htsno": "6402.99.90", "indent": "2", "description": "bad unit", "general": "20%", "units": ["bogus unit"]},
        {"htsno": "6402.99.30", "indent": "2", "description": "fine", "general": "20%", "units": ["prs."]}
    ]"#;
    let export = HtsExport::from_json_reader(json.as_bytes()).unwrap();
    assert_eq!(export.schedule().len(), 1);
    assert!(export.get(&"6402.99.90".parse().unwrap()).is_none());
    let lines: Vec<(u64, &str)> = export
        .issues()
        .iter()
        .map(|e| match e {
            Error::Data { line, field, .. } => (*line, field.as_str()),
            other => panic!("{other:?}"),
        })
        .collect();
    assert_eq!(lines, [(1, ""), (2, "htsno"), (3, "units")]);
    assert!(HtsExport::from_json_reader(&b"{not json"[..]).is_err());
}

/// Some exports (2025 revisions 4, 6, 10 and 14, 2026 revision 9) carry inline markup in
/// their texts; it is read as the other exports publish the same lines.
#[test]
fn inline_markup_is_read_as_plain_text() {
    let json = r#"[
        {"htsno": "0208.60.00.00", "indent": "1", "description": "Of camels and other camelids (<i>Camelidae</i>)<nl/>",
         "units": ["m<sup style=\"x\">2</sup>", "<il>doz. prs.</il>"], "general": "2.5% <u></u>", "other": "$1.27/m<sup>3</sup>",
         "footnotes": [{"columns": ["general"], "value": "See <i>9903.88.15</i>."}]}
    ]"#;
    let export = HtsExport::from_json_reader(json.as_bytes()).unwrap();
    assert!(export.issues().is_empty(), "{:?}", export.issues());
    let line = export.get(&"0208.60.00.00".parse().unwrap()).unwrap();
    assert_eq!(
        line.description(),
        "Of camels and other camelids (Camelidae)"
    );
    assert_eq!(line.general(), "2.5%");
    assert_eq!(line.other(), "$1.27/m3");
    assert_eq!(line.units().len(), 2);
    assert_eq!(line.references(), &["9903.88.15".parse().unwrap()]);
    for (text, plain) in [
        ("a < b and c > d", "a < b and c > d"),
        ("x<y", "x<y"),
        ("<b>unclosed", "unclosed"),
        ("<b unclosed", "<b unclosed"),
        ("down,<br /> feathers", "down, feathers"),
        ("4 < 5", "4 < 5"),
    ] {
        assert_eq!(strip_markup(text), plain, "{text}");
    }
}
