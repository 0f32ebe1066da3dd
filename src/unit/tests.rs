//! Unit tests of [`Unit`] and its table.

use super::table::UNIT_ROWS;
use super::*;

fn u(s: &str) -> Unit {
    s.parse().unwrap()
}

/// The units without data (every row but the three content rows), in declaration order.
fn simple_units() -> Vec<Unit> {
    UNIT_ROWS
        .iter()
        .filter(|row| row.scale.is_none())
        .map(|row| row.unit)
        .collect()
}

/// Every spelling of the table with its unit.
fn spellings() -> Vec<(&'static str, Unit)> {
    UNIT_ROWS
        .iter()
        .flat_map(|row| row.spellings.iter().map(|spelling| (*spelling, row.unit)))
        .collect()
}

#[test]
fn every_unit_displays_and_parses_back() {
    let mut count = 0;
    for unit in Unit::all() {
        assert_eq!(u(&unit.to_string()), unit, "{unit:?} shown as {unit}");
        count += 1;
    }
    assert_eq!(count, simple_units().len() + 3 * Content::ALL.len());
}

#[test]
fn every_spelling_names_a_unit_whose_dimension_is_known() {
    for (spelling, unit) in &spellings() {
        assert_eq!(u(spelling), *unit, "{spelling}");
        assert_eq!(u(&spelling.to_uppercase()), *unit, "{spelling}");
    }
    for unit in &simple_units() {
        assert!(spellings().iter().any(|(_, u)| u == unit) || unit.usitc_code().is_none());
    }
}

#[test]
fn usitc_codes_case_insensitive() {
    for (code, unit) in [
        ("KG", Unit::Kilogram),
        ("kg", Unit::Kilogram),
        ("No", Unit::Number),
        ("GM", Unit::Gram),
        ("CKG", Unit::ContentKilogram(Content::Unnamed)),
        ("CGM", Unit::ContentGram(Content::Unnamed)),
        ("PFL", Unit::ProofLiter),
        ("CTN", Unit::TonneAirDry),
        ("W", Unit::Watt),
    ] {
        assert_eq!(u(code), unit, "{code}");
    }
}

#[test]
fn content_spellings() {
    assert_eq!(u("W kg"), Unit::ContentKilogram(Content::Tungsten));
    assert_eq!(u("Au g"), Unit::ContentGram(Content::Gold));
    assert_eq!(u("Sn t"), Unit::ContentTonne(Content::Tin));
    assert_eq!(u("Cr2O3 t"), Unit::ContentTonne(Content::ChromiumOxide));
    assert_eq!(
        u("kg amc"),
        Unit::ContentKilogram(Content::AnhydrousMorphine)
    );
    assert_eq!(u("kg cmsc"), Unit::ContentKilogram(Content::Cmsc));
    assert_eq!(
        u("kg on molybdenum content"),
        Unit::ContentKilogram(Content::Molybdenum)
    );
    assert_eq!(
        u("kg of anhydrous morphine content"),
        Unit::ContentKilogram(Content::AnhydrousMorphine)
    );
    assert_eq!(u("content t"), Unit::ContentTonne(Content::Unnamed));
    for bad in [
        "Xx kg",
        "kg on unobtainium content",
        "kg of",
        "content",
        "NA",
        "",
    ] {
        assert!(bad.parse::<Unit>().is_err(), "{bad}");
    }
}

#[test]
fn rate_spellings_parse_back() {
    for unit in Unit::all() {
        assert_eq!(u(&unit.rate_spelling()), unit, "{unit:?}");
    }
}

#[test]
fn barrel_is_42_us_gallons() {
    let gallon = Decimal::new(3_785_411_784, 9);
    assert_eq!(Unit::Barrel.factor(), Some(gallon * Decimal::from(42)));
}

#[test]
fn serde_as_text() {
    assert_eq!(serde_json::to_string(&Unit::Pair).unwrap(), "\"PRS\"");
    assert_eq!(
        serde_json::from_str::<Unit>("\"doz.\"").unwrap(),
        Unit::Dozen
    );
    assert!(serde_json::from_str::<Unit>("\"furlong\"").is_err());
}

#[test]
fn every_variant_has_exactly_one_row() {
    // Each row is the row of its own unit, so no two variants share a row and the indices of
    // `Unit::row` follow the table.
    for (index, row) in UNIT_ROWS.iter().enumerate() {
        assert!(
            std::ptr::eq(row.unit.row(), row),
            "row {index}: {:?}",
            row.unit
        );
    }
    // Every unit (each content unit through its scale's row) has exactly one row.
    for unit in Unit::all() {
        let rows = UNIT_ROWS
            .iter()
            .filter(|row| std::ptr::eq(unit.row(), *row))
            .count();
        assert_eq!(rows, 1, "{unit:?}");
        assert_eq!(
            unit.row().scale.is_some(),
            unit.content().is_some(),
            "{unit:?}"
        );
    }
    // The three content rows are the three scales, written for the unnamed content.
    let content_rows: Vec<Unit> = UNIT_ROWS
        .iter()
        .filter(|row| row.scale.is_some())
        .map(|row| row.unit)
        .collect();
    assert_eq!(
        content_rows,
        [
            Unit::ContentGram(Content::Unnamed),
            Unit::ContentKilogram(Content::Unnamed),
            Unit::ContentTonne(Content::Unnamed),
        ]
    );
    assert_eq!(UNIT_ROWS.len(), simple_units().len() + 3);
}

#[test]
fn symbols_codes_and_spellings_are_unique() {
    let mut shown = std::collections::BTreeSet::new();
    for unit in Unit::all() {
        assert!(
            shown.insert(unit.to_string()),
            "{unit:?} shown as {unit} twice"
        );
    }
    let mut codes = std::collections::BTreeSet::new();
    for unit in Unit::all() {
        if let Some(code) = unit.usitc_code() {
            assert!(codes.insert(code), "USITC code {code} on two units");
        }
    }
    let mut seen = std::collections::BTreeMap::new();
    for (spelling, unit) in spellings() {
        if let Some(other) = seen.insert(spelling, unit) {
            panic!("{spelling:?} spells both {other:?} and {unit:?}");
        }
        // Stored as the parser compares it, and never also a content spelling, so that the
        // order of the rows does not matter.
        assert_eq!(normalize(spelling), spelling, "{spelling:?}");
        assert_eq!(parse_content_unit(spelling), None, "{spelling:?}");
    }
    for row in &UNIT_ROWS {
        if let Some(first) = row.spellings.first() {
            assert_eq!(*first, row.symbol.to_lowercase(), "{:?}", row.unit);
        } else {
            // Only "content t" has no spelling of its own; the content parser reads it.
            assert_eq!(
                parse_content_unit(row.symbol),
                Some(row.unit),
                "{:?}",
                row.unit
            );
        }
    }
}

#[test]
fn a_spelling_too_long_for_the_stack_parses_the_same() {
    // Normalized on the stack up to 24 bytes, on the heap beyond.
    assert_eq!(u("  KG   of Total   sugars "), Unit::KilogramTotalSugars);
    assert_eq!(
        u("kilograms                                 "),
        Unit::Kilogram
    );
    assert_eq!(
        u("kg                 of   the  copper      content"),
        u("Cu kg")
    );
    assert!("no such unit at all, however long it is written"
        .parse::<Unit>()
        .is_err());
}

proptest::proptest! {
    #[test]
    fn normalizing_on_the_stack_writes_the_same_text(text in "[ \\tA-Za-zÀ-ÿ.İ]{0,30}") {
        let mut short = arrayvec::ArrayString::<24>::new();
        if normalize_into(&text, &mut short).is_ok() {
            proptest::prop_assert_eq!(short.as_str(), normalize(&text));
        } else {
            proptest::prop_assert!(normalize(&text).len() > 20);
        }
    }
}
