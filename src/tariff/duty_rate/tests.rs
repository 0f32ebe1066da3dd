//! Tests of [`DutyRate`]: evaluation, errors, builders and serde.

use rust_decimal::Decimal;

use super::*;
use crate::money::{Currency, Money};
use crate::quantity::{Quantity, Unit};
use crate::tariff::DutyBase;

fn rate(s: &str) -> DutyRate {
    s.parse().unwrap()
}

fn base(value: &str, quantities: &[&str]) -> DutyBase {
    quantities
        .iter()
        .fold(DutyBase::new(value.parse().unwrap()), |b, q| {
            b.with_quantity(q.parse::<Quantity>().unwrap())
        })
}

fn duty(r: &str, value: &str, quantities: &[&str]) -> Result<Money> {
    rate(r).duty(&base(value, quantities))
}

fn money(s: &str) -> Money {
    s.parse().unwrap()
}

#[test]
fn computes_the_usitc_forms() {
    for (r, value, quantities, expected) in [
        ("Free", "100 USD", &[][..], "0 USD"),
        ("No additional duty", "100 USD", &[][..], "0 USD"),
        ("6.5%", "200 USD", &[][..], "13 USD"),
        (
            "90 cents/pr. + 37.5%",
            "1000 USD",
            &["12 PRS"][..],
            "385.80 USD",
        ),
        (
            "90 cents/pr. + 37.5%",
            "1000 USD",
            &["1 DPR"][..],
            "385.80 USD",
        ),
        ("4.4 cents/kg", "1 USD", &["2500 g"][..], "0.11 USD"),
        ("$1.34/1000", "1 USD", &["500 NO"][..], "0.67 USD"),
        (
            "10 cents/1,000 pins + 3.5%",
            "100 USD",
            &["2 THS"][..],
            "3.70 USD",
        ),
        ("$1.44/gross", "1 USD", &["1 DOZ"][..], "0.12 USD"),
        (
            "4.4 cents/liter + 31.4 cents/pf. liter",
            "1 USD",
            &["10 L", "4 PFL"][..],
            "1.696 USD",
        ),
        (
            "15 cents each + 2.3% + 0.8 cents/jewel",
            "100 USD",
            &["2 NO", "34 JWL"][..],
            "2.872 USD",
        ),
        (
            "12.8 cents/kg on molybdenum content + 1.8%",
            "100 USD",
            &["10 KG", "3 CKG"][..],
            "2.184 USD",
        ),
        (
            "12.8 cents/kg on molybdenum content",
            "100 USD",
            &["3000 CGM"][..],
            "0.384 USD",
        ),
        ("33 1/3%", "300 USD", &[][..], "100 USD"),
        (
            "20 percent of the fair retail value",
            "50 USD",
            &[][..],
            "10 USD",
        ),
        (
            "12% min 2.5 EUR/100 kg",
            "100 EUR",
            &["1000 kg"][..],
            "25 EUR",
        ),
        (
            "12% min 2.5 EUR/100 kg",
            "1000 EUR",
            &["1000 kg"][..],
            "120 EUR",
        ),
        ("10% max 1 EUR/kg", "1000 EUR", &["50 kg"][..], "50 EUR"),
        (
            "10% min 5 EUR/kg max 1 EUR/kg",
            "1000 EUR",
            &["50 kg"][..],
            "50 EUR",
        ),
    ] {
        let got = duty(r, value, quantities).unwrap_or_else(|e| panic!("{r}: {e}"));
        assert_eq!(got, money(expected), "{r} on {value} {quantities:?}");
    }
}

#[test]
fn never_a_silent_zero() {
    let err = duty("4.4 cents/kg", "100 USD", &["3 NO"]).unwrap_err();
    let Error::MissingQuantity {
        unit,
        rate,
        available,
    } = &err
    else {
        panic!("{err:?}")
    };
    assert_eq!(
        (*unit, rate.as_str(), available.as_str()),
        (Unit::Kilogram, "4.4 cents/kg", "3 NO")
    );
    assert!(err.to_string().contains("KG"), "{err}");
    // A plain weight never stands for a content, total sugars or clean yield.
    for (r, q) in [
        ("1 cents/kg on copper content", "5 KG"),
        ("1 cents/kg of total sugars", "5 KG"),
        ("1 cents/clean kg", "5 KG"),
        ("1 cents/pf. liter", "5 L"),
        ("1 cents/kg", "5 NO"),
        ("1 cents/pr.", "5 NO"),
        ("1 cents/jewel", "5 NO"),
    ] {
        assert!(
            matches!(duty(r, "1 USD", &[q]), Err(Error::MissingQuantity { .. })),
            "{r} {q}"
        );
    }
    // An unnamed content quantity is ambiguous when the rate names two contents.
    let err = duty(
        "1 cents/kg on copper content + 1 cents/kg on lead content",
        "1 USD",
        &["5 CKG"],
    );
    assert!(matches!(err, Err(Error::MissingQuantity { .. })), "{err:?}");
    assert_eq!(
        duty(
            "1 cents/kg on copper content + 2 cents/kg on lead content",
            "1 USD",
            &["5 Cu kg", "1 Pb kg"]
        )
        .unwrap(),
        money("0.07 USD")
    );
}

#[test]
fn not_computable_quotes_the_text() {
    let err = duty("See additional U.S. note 1", "1 USD", &[]).unwrap_err();
    let Error::RateNotComputable { text, reason } = &err else {
        panic!("{err:?}")
    };
    assert_eq!(text, "See additional U.S. note 1");
    assert!(reason.contains("note"));
    assert!(err.to_string().contains("See additional U.S. note 1"));
}

#[test]
fn currencies_and_values_are_checked() {
    assert!(matches!(
        duty("2.5 EUR/kg", "100 USD", &["1 kg"]),
        Err(Error::CurrencyMismatch { .. })
    ));
    assert_eq!(duty("10%", "100 EUR", &[]).unwrap(), money("10 EUR"));
    assert!(matches!(
        duty("10%", "-1 USD", &[]),
        Err(Error::InvalidValue { .. })
    ));
    let negative = DutyBase::new(money("1 USD"))
        .with_quantity(Quantity::new(Decimal::NEGATIVE_ONE, Unit::Kilogram));
    assert!(rate("1 cents/kg").duty(&negative).is_err());
    let huge = DutyBase::new(Money::new(Decimal::MAX, Currency::USD));
    assert!(matches!(
        rate("200%").duty(&huge),
        Err(Error::Overflow { .. })
    ));
}

#[test]
fn builders_and_serde() {
    let built = DutyRate::from_terms([
        Specific::new(money("0.9 USD"), Unit::Pair).unwrap().into(),
        AdValorem::new("37.5%".parse().unwrap()).unwrap().into(),
    ])
    .unwrap();
    assert_eq!(built, rate("90 cents/pr. + 37.5%"));
    assert!(DutyRate::from_terms([]).is_err());
    let json = serde_json::to_string(&built).unwrap();
    assert_eq!(json, "\"90 cents/pr. + 37.5%\"");
    assert_eq!(serde_json::from_str::<DutyRate>(&json).unwrap(), built);
    assert!(serde_json::from_str::<DutyRate>("\"5 cents/furlong\"").is_err());
    assert!(Specific::new(money("1 USD"), Unit::Kilogram)
        .unwrap()
        .per(0)
        .is_err());
    assert!(Specific::new(money("1 USD"), Unit::Kilogram)
        .unwrap()
        .per(1000)
        .is_ok());
}

#[test]
fn one_component_is_held_inline_and_equal_however_built() {
    let twelve = || AdValorem::new("12%".parse().unwrap()).unwrap();
    let built = DutyRate::from_terms([twelve().into()]).unwrap();
    assert!(matches!(built.repr, Repr::Formula(Formula::One(_))));
    assert_eq!(built, rate("12%"));
    // A clause makes the formula shared; it reads, prints and computes as before.
    let clause = [Specific::new(money("2.5 EUR"), Unit::Kilogram)
        .unwrap()
        .per(100)
        .unwrap()
        .into()];
    let with_minimum = built.clone().with_minimum(clause).unwrap();
    assert!(matches!(with_minimum.repr, Repr::Formula(Formula::Full(_))));
    assert_eq!(with_minimum, rate("12% min 2.5 EUR/100 kg"));
    assert_eq!(with_minimum.terms(), built.terms());
    assert_eq!(with_minimum.minimum().map(<[_]>::len), Some(1));
    // Named bases and qualifiers are kept by their place in the tables and read back as text.
    let retail = twelve().with_base("of the fair retail value").unwrap();
    assert_eq!(retail.base(), Some("of the fair retail value"));
    let drained = Specific::new(money("0.059 USD"), Unit::Kilogram)
        .unwrap()
        .with_qualifier("on drained weght")
        .unwrap();
    assert_eq!(drained.qualifier(), Some("on drained weight"));
    assert!(format!("{drained:?}").contains(r#"qualifier: Some("on drained weight")"#));
    assert!(format!("{retail:?}").contains(r#"base: Some("of the fair retail value")"#));
    // A rate is a few words: one component inline, anything else behind one pointer.
    assert!(
        std::mem::size_of::<DutyRate>() <= 40,
        "{}",
        std::mem::size_of::<DutyRate>()
    );
}
