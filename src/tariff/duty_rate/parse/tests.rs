//! Tests of the rate-text parser: every USITC form, units and amounts, typed non-formulas and
//! rejections.

use super::*;
use crate::quantity::Content;

fn rate(s: &str) -> DutyRate {
    s.parse().unwrap_or_else(|e| panic!("{s}: {e}"))
}

fn specific(s: &str) -> Specific {
    match rate(s).terms() {
        [Component::Specific(specific)] => *specific,
        other => panic!("{s}: {other:?}"),
    }
}

#[test]
fn usitc_forms_parse_and_display() {
    for (text, shown) in [
        ("Free", "Free"),
        ("6.5%", "6.5%"),
        ("6.5% ", "6.5%"),
        ("86.5 cents/kg", "86.5 cents/kg"),
        ("4.4¢/kg", "4.4 cents/kg"),
        ("$1.034/kg + 17%", "$1.034/kg + 17%"),
        ("$1.034/kg +17%", "$1.034/kg + 17%"),
        ("90 cents/pr. + 37.5%", "90 cents/pr. + 37.5%"),
        (
            "4.4 cents/liter + 31.4 cents/pf. liter",
            "4.4 cents/liter + 31.4 cents/pf. liter",
        ),
        ("89.6 cents/1000", "89.6 cents/thousand"),
        ("$1.15/1,000 + 40%", "$1.15/thousand + 40%"),
        (
            "10 cents/1,000 pins + 3.5%",
            "10 cents/thousand pins + 3.5%",
        ),
        (
            "5.9 cents/kg on drained weight",
            "5.9 cents/kg on drained weight",
        ),
        (
            "1¢/kg on drained weght + 5%",
            "1 cents/kg on drained weight + 5%",
        ),
        ("$1.50 each", "$1.5 each"),
        ("0.9 cents each", "0.9 cents each"),
        ("68 cents/head", "68 cents/head"),
        (
            "0.18 cents/line/ gross + 2.5%",
            "0.18 cents/line/gross + 2.5%",
        ),
        ("18.7 cents/clean kg", "18.7 cents/clean kg"),
        (
            "3.6606 cents/kg of total sugars",
            "3.6606 cents/kg of total sugars",
        ),
        (
            "17.6 cents/kg on tungsten content + 3.8%",
            "17.6 cents/kg on tungsten content + 3.8%",
        ),
        ("$2.50/thou- sand + 40%", "$2.5/thousand + 40%"),
        (
            "$1/t, including weight of container",
            "$1/t, including weight of container",
        ),
        (
            "86.1¢/m2of recording surface",
            "86.1 cents/m2 of recording surface",
        ),
        (
            "1.1¢/gross of immediate containers",
            "1.1 cents/gross of immediate containers",
        ),
        (
            "3.1 cents/liter + 22.1 cents/pf. liter on ethyl alcohol content",
            "3.1 cents/liter + 22.1 cents/pf. liter on ethyl alcohol content",
        ),
        (
            "13.5 cents/kg + 6.3% + 1.9 cents/article",
            "13.5 cents/kg + 6.3% + 1.9 cents/article",
        ),
        (
            "15 cents each + 2.3% + 0.8 cents/jewel",
            "15 cents each + 2.3% + 0.8 cents/jewel",
        ),
        (
            "$1.89/kg of anhydrous morphine content",
            "$1.89/kg of anhydrous morphine content",
        ),
        ("33 1/3%", "33 1/3%"),
        (
            "20 percent of the fair retail value",
            "20% of the fair retail value",
        ),
        ("5% on the entire set", "5% on the entire set"),
        (
            "Free, under bond, as prescribed in U.S. note 1 to this subchapter",
            "Free, under bond, as prescribed in U.S. note 1 to this subchapter",
        ),
        ("No additional duty", "No additional duty"),
        ("1 cents/kg", "1 cents/kg"),
        ("12% min 2.5 EUR/100 kg", "12% min 2.5 EUR/100 kg"),
        ("MAX 5 EUR/kg + 8% MIN 1 EUR/kg", ""),
    ] {
        if shown.is_empty() {
            assert!(text.parse::<DutyRate>().is_err(), "{text}");
            continue;
        }
        let parsed = rate(text);
        assert_eq!(parsed.to_string(), shown, "{text}");
        assert_eq!(rate(shown), parsed, "{shown}");
    }
}

#[test]
fn units_and_amounts() {
    let s = specific("$1.34/1000");
    assert_eq!(
        (s.unit(), s.per_units(), s.amount().amount()),
        (Unit::Thousand, 1, Decimal::new(134, 2))
    );
    let s = specific("4.4 cents/kg");
    assert_eq!(s.amount(), "0.044 USD".parse().unwrap());
    let s = specific("2.5 EUR/100 kg");
    assert_eq!((s.unit(), s.per_units()), (Unit::Kilogram, 100));
    let s = specific("12.8 cents/kg on molybdenum content");
    assert_eq!(s.unit(), Unit::ContentKilogram(Content::Molybdenum));
    assert_eq!(s.qualifier(), None);
    let s = specific("22.1 cents/pf. liter on ethyl alcohol content");
    assert_eq!(
        (s.unit(), s.qualifier()),
        (Unit::ProofLiter, Some("on ethyl alcohol content"))
    );
    assert_eq!(specific("2.8 cents/doz.").unit(), Unit::Dozen);
    assert_eq!(specific("1 cents/ liter").unit(), Unit::Liter);
}

#[test]
fn non_formulas_are_typed() {
    for (text, kind) in [
        ("The rate applicable to the natural juice in heading 2009", NonComputableKind::OtherRate),
        ("The duty provided in the applicable subheading + 25%", NonComputableKind::OtherRate),
        ("The duty rate provided in such subheading minus 5%", NonComputableKind::OtherRate),
        ("See additional U.S. note 1", NonComputableKind::SeeNote),
        ("No change", NonComputableKind::NoChange),
        ("suspended", NonComputableKind::Suspended),
        ("The quantity specified in such notice", NonComputableKind::QuotaQuantity),
        ("$1.61 each + 6.25% on the case + 5.3% on the battery", NonComputableKind::ComponentValues),
        ("9¢ each + 2.5¢/jewel over 17 + 4.4% on the case", NonComputableKind::ComponentValues),
        ("5% on the value of the lead content", NonComputableKind::ComponentValues),
        ("A duty upon the value of the repairs or alterations (see U.S. note 3 of this subchapter)", NonComputableKind::PartialValue),
        ("1.5 cents/kg less 0.020668 cents/kg for each degree under 100 degrees (and fractions of a degree in proportion) but not less than 0.943854 cents/kg", NonComputableKind::SugarDegreeScale),
    ] {
        let parsed = rate(text);
        assert_eq!(parsed.not_computable().map(NonComputable::kind), Some(kind), "{text}");
        assert_eq!(rate(&parsed.to_string()), parsed);
    }
}

#[test]
fn rejects_what_is_not_a_rate() {
    for bad in [
        "",
        " ",
        ":",
        "37% /",
        "6.5",
        "abc",
        "-5%",
        "5 cents/kg + ",
        "+ 5%",
        "$-1/kg",
        "1e3%",
        "5 cents/furlong",
        "5 cents/kg over 17",
        "Free (A+,AU)",
        "Free, if wanted",
        "5%%",
        "12% min",
        "12% min 1 EUR/kg min 2 EUR/kg",
        "1/0%",
        "3/2%",
        "5 cents/12 kg",
        "5 cents/7",
        "5 cents",
        "1,00 cents/kg",
        "5 cents/1,0000",
    ] {
        let err = bad.parse::<DutyRate>().unwrap_err();
        assert!(matches!(err, Error::Parse { .. }), "{bad}: {err}");
    }
}

#[test]
fn counts() {
    assert_eq!(parse_count("1,000"), Some(1000));
    assert_eq!(parse_count("1000"), Some(1000));
    assert_eq!(parse_count("10,000"), Some(10000));
    for bad in ["1,00", ",000", "1000,000", "1.5", "", "1,0000"] {
        assert_eq!(parse_count(bad), None, "{bad}");
    }
}
