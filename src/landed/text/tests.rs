//! The texts' own tests: their words, their equality and their JSON.

use super::*;

fn d(s: &str) -> Decimal {
    s.parse().unwrap()
}

#[test]
fn mpf_explanations_name_the_bound_that_set_the_fee() {
    let raised = Text::mpf(Mpf {
        fiscal_year: 2025,
        entered: d("5000"),
        kind: MpfKind::Formal {
            rate: "0.3464%".parse().unwrap(),
            raw: d("17.32"),
            bound: MpfBound::Minimum(d("32.71")),
        },
    });
    assert_eq!(
        raised.to_string(),
        "MPF 0.3464% of the entered value $5000 = $17.32, raised to the FY2025 minimum $32.71, per entry"
    );
    let informal = Text::mpf(Mpf {
        fiscal_year: 2026,
        entered: d("900"),
        kind: MpfKind::Informal {
            threshold: d("2500"),
        },
    });
    assert_eq!(
        informal.to_string(),
        "informal entry (value $900 below $2500): flat MPF of FY2026 for an automated entry"
    );
}

#[test]
fn a_text_whose_figures_do_not_fit_its_few_bytes_is_written_out_with_the_same_words() {
    assert!(
        std::mem::size_of::<Text>() <= 40,
        "a text is {} bytes",
        std::mem::size_of::<Text>()
    );
    let capped = |entered: &str, raw: &str| {
        Text::mpf(Mpf {
            fiscal_year: 2026,
            entered: d(entered),
            kind: MpfKind::Formal {
                rate: "0.3464%".parse().unwrap(),
                raw: d(raw),
                bound: MpfBound::Maximum(d("651.50")),
            },
        })
    };
    // $5,000,000,000 has more digits than the compact figures hold.
    let (small, large) = (
        capped("500000", "1732.00"),
        capped("5000000000", "17320000.00"),
    );
    assert!(small.as_written().is_none() && large.as_written().is_some());
    assert_eq!(
        small.to_string(),
        "MPF 0.3464% of the entered value $500000 = $1732.00, capped at the FY2026 maximum $651.50, per entry"
    );
    assert_eq!(
        large.to_string(),
        "MPF 0.3464% of the entered value $5000000000 = $17320000.00, capped at the FY2026 maximum $651.50, per entry"
    );
    let cited: Arc<str> = Arc::from("19 U.S.C. 1321");
    let within = |value: &str| Text::de_minimis(d(value), d("800"), Some(Arc::clone(&cited)));
    let (small, large) = (within("799.99"), within("50000000.00"));
    assert!(small.as_written().is_none() && large.as_written().is_some());
    assert_eq!(
        small.to_string(),
        "value $799.99 is at or below the $800 de minimis threshold (19 U.S.C. 1321)"
    );
    assert_eq!(
        large.to_string(),
        "value $50000000.00 is at or below the $800 de minimis threshold (19 U.S.C. 1321)"
    );
}

#[test]
fn texts_compare_as_they_read_whatever_they_are_made_of() {
    let lazy = Text::hmf("0.125%".parse().unwrap(), d("10000"));
    let written = Text::from("HMF 0.125% of the value $10000 (ocean shipment)");
    assert_eq!(lazy, written);
    assert_eq!(written, lazy);
    assert_eq!(lazy, lazy.clone());
    assert!(lazy == "HMF 0.125% of the value $10000 (ocean shipment)");
    // A prefix, a longer text and a different text all differ.
    assert!(lazy != "HMF 0.125% of the value");
    assert!(lazy != "HMF 0.125% of the value $10000 (ocean shipment)!");
    assert!(lazy != "HMF 0.125% of the value $20000 (ocean shipment)");
    assert_ne!(lazy, Text::from(""));
}

#[test]
fn texts_serialize_as_strings_and_read_back_equal() {
    let ended = Some(("2025-05-02".parse().unwrap(), "EO 14256".into()));
    let lazy = Text::no_de_minimis(CountryCode::CN, "2025-05-03".parse().unwrap(), ended);
    let json = serde_json::to_string(&lazy).unwrap();
    assert_eq!(
        json,
        "\"no de minimis exemption for goods of CN entered on 2025-05-03 (none from 2025-05-02: EO 14256)\""
    );
    let back: Text = serde_json::from_str(&json).unwrap();
    assert_eq!(back, lazy);
    assert_eq!(format!("{back:?}"), format!("{lazy:?}"));
}
