//! Property laws of duty rates and units: display then parse gives back the rate; the duty is
//! monotone in the value and in each quantity; an ad valorem duty is exactly rate × value; a
//! unit conversion there and back gives the original quantity.
//!
//! Runs 64 cases per law unless `PROPTEST_CASES` says otherwise.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use landed_cost::tariff::{AdValorem, Component, Specific};
use landed_cost::{Currency, DutyBase, DutyRate, Money, Quantity, Rate, Unit};
use proptest::prelude::*;
use proptest::test_runner::FileFailurePersistence;
use rust_decimal::Decimal;

fn config() -> ProptestConfig {
    ProptestConfig {
        cases: common::proptest_cases(64),
        // Failing cases are saved beside this file (tests/duty_rate_laws.proptest-regressions).
        failure_persistence: Some(Box::new(FileFailurePersistence::WithSource(
            "proptest-regressions",
        ))),
        ..ProptestConfig::default()
    }
}

const QUALIFIERS: &[&str] = &[
    "on drained weight",
    "on entire contents of container",
    "on contents and container",
    ", including weight of container",
    "of recording surface",
    "of immediate containers",
    "pins",
    "on ethyl alcohol content",
];

const BASES: &[&str] = &[
    "on the entire set",
    "of the fair retail value",
    "of the cost of such goods or repairs",
    "of the cost of such parts",
    "of the cost of such parts or materials",
];

const TEXTS: &[&str] = &[
    "See additional U.S. note 2",
    "The rate applicable to the natural juice in heading 2009",
    "The duty provided in the applicable subheading + 25%",
    "$1.50 each + 45% on the case + 35% on the battery",
    "No change",
    "suspended",
    "No additional duty",
    "Free, under bond, as prescribed in U.S. note 1 to this subchapter",
];

fn units() -> Vec<Unit> {
    Unit::all().collect()
}

/// A non-negative decimal: up to `max` in mantissa, 0 to `max_scale` decimal places.
fn decimal(max: i64, max_scale: u32) -> impl Strategy<Value = Decimal> {
    (0..=max, 0..=max_scale).prop_map(|(mantissa, scale)| Decimal::new(mantissa, scale))
}

fn currency() -> impl Strategy<Value = Currency> {
    prop::sample::select(vec![
        Currency::USD,
        Currency::EUR,
        Currency::JPY,
        Currency::KWD,
    ])
}

fn specific(currency: impl Strategy<Value = Currency>) -> impl Strategy<Value = Specific> {
    (
        decimal(10_000_000, 6),
        currency,
        prop::sample::select(units()),
        prop::sample::select(vec![1u32, 1, 1, 10, 100, 1000]),
        prop::option::weighted(0.3, prop::sample::select(QUALIFIERS)),
    )
        .prop_map(|(amount, currency, unit, per, qualifier)| {
            let mut specific = Specific::new(Money::new(amount, currency), unit)
                .unwrap()
                .per(per)
                .unwrap();
            if let Some(qualifier) = qualifier {
                specific = specific.with_qualifier(qualifier).unwrap();
            }
            specific
        })
}

fn ad_valorem(fractions: bool) -> impl Strategy<Value = AdValorem> {
    (
        decimal(1_000_000, 4),
        if fractions {
            prop::option::weighted(0.2, (2u8..=100).prop_flat_map(|d| (1..d, Just(d)))).boxed()
        } else {
            Just(None).boxed()
        },
        prop::option::weighted(0.2, prop::sample::select(BASES)),
    )
        .prop_map(|(percent, fraction, base)| {
            let mut ad_valorem = AdValorem::new(Rate::from_percent(percent).unwrap()).unwrap();
            if let Some((numerator, denominator)) = fraction {
                ad_valorem = ad_valorem
                    .with_fraction_of_a_percent(numerator, denominator)
                    .unwrap();
            }
            if let Some(base) = base {
                ad_valorem = ad_valorem.with_base(base).unwrap();
            }
            ad_valorem
        })
}

fn component(currency: BoxedStrategy<Currency>) -> impl Strategy<Value = Component> {
    prop_oneof![
        ad_valorem(true).prop_map(Component::from),
        specific(currency).prop_map(Component::from),
    ]
}

fn terms(currency: BoxedStrategy<Currency>, max: usize) -> impl Strategy<Value = Vec<Component>> {
    prop::collection::vec(component(currency), 1..=max)
}

/// A formula in one currency, with optional min and max clauses.
fn formula(currency: BoxedStrategy<Currency>) -> impl Strategy<Value = DutyRate> {
    (
        terms(currency.clone(), 4),
        prop::option::weighted(0.3, terms(currency.clone(), 2)),
        prop::option::weighted(0.3, terms(currency, 2)),
    )
        .prop_map(|(terms, minimum, maximum)| {
            let mut rate = DutyRate::from_terms(terms).unwrap();
            if let Some(minimum) = minimum {
                rate = rate.with_minimum(minimum).unwrap();
            }
            if let Some(maximum) = maximum {
                rate = rate.with_maximum(maximum).unwrap();
            }
            rate
        })
}

fn any_rate() -> impl Strategy<Value = DutyRate> {
    prop_oneof![
        Just(DutyRate::free()),
        prop::sample::select(TEXTS).prop_map(|text| text.parse::<DutyRate>().unwrap()),
        currency().prop_flat_map(|c| formula(Just(c).boxed())),
    ]
}

/// The units a formula charges per.
fn units_of(rate: &DutyRate) -> Vec<Unit> {
    let clauses = [Some(rate.terms()), rate.minimum(), rate.maximum()];
    let mut units: Vec<Unit> = clauses
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|term| match term {
            Component::Specific(specific) => Some(specific.unit()),
            _ => None,
        })
        .collect();
    units.sort();
    units.dedup();
    units
}

/// A USD formula with a base holding a quantity in every unit it charges per.
fn priced() -> impl Strategy<Value = (DutyRate, Decimal, Vec<(Unit, Decimal)>)> {
    formula(Just(Currency::USD).boxed()).prop_flat_map(|rate| {
        let units = units_of(&rate);
        let n = units.len();
        (
            Just(rate),
            decimal(1_000_000_000, 2),
            prop::collection::vec(decimal(1_000_000, 3), n)
                .prop_map(move |amounts| units.iter().copied().zip(amounts).collect::<Vec<_>>()),
        )
    })
}

/// Two units a quantity converts between (possibly the same).
fn convertible_pair() -> impl Strategy<Value = (Unit, Unit)> {
    prop::sample::select(units()).prop_flat_map(|from| {
        let targets: Vec<Unit> = Unit::all().filter(|to| from.converts_to(*to)).collect();
        (Just(from), prop::sample::select(targets))
    })
}

fn base(value: Decimal, quantities: &[(Unit, Decimal)]) -> DutyBase {
    quantities.iter().fold(
        DutyBase::new(Money::new(value, Currency::USD)),
        |base, (unit, amount)| base.with_quantity(Quantity::new(*amount, *unit)),
    )
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn display_then_parse_is_identity(rate in any_rate()) {
        let shown = rate.to_string();
        let parsed: DutyRate = shown.parse().map_err(|e| TestCaseError::fail(format!("{shown:?}: {e}")))?;
        prop_assert_eq!(&parsed, &rate, "{}", shown);
        prop_assert_eq!(parsed.to_string(), shown);
    }

    #[test]
    fn duty_is_monotone_in_the_value((rate, value, quantities) in priced(), extra in decimal(1_000_000_000, 2)) {
        let low = rate.duty(&base(value, &quantities)).unwrap();
        let high = rate.duty(&base(value + extra, &quantities)).unwrap();
        prop_assert!(low.amount() <= high.amount(), "{} on {} then {}: {} > {}", rate, value, value + extra, low, high);
    }

    #[test]
    fn duty_is_monotone_in_each_quantity(
        (rate, value, quantities) in priced(),
        extra in decimal(1_000_000, 3),
        which in any::<prop::sample::Index>(),
    ) {
        if quantities.is_empty() {
            // Nothing charged per a quantity: the law holds trivially.
            return Ok(());
        }
        let low = rate.duty(&base(value, &quantities)).unwrap();
        let mut more = quantities.clone();
        let i = which.index(more.len());
        more[i].1 += extra;
        let high = rate.duty(&base(value, &more)).unwrap();
        prop_assert!(low.amount() <= high.amount(), "{} with {:?} then {:?}: {} > {}", rate, quantities, more, low, high);
    }

    #[test]
    fn ad_valorem_duty_is_rate_times_value(ad_valorem in ad_valorem(false), value in decimal(1_000_000_000_000, 4), currency in currency()) {
        let rate = DutyRate::from_terms([ad_valorem.into()]).unwrap();
        let duty = rate.duty(&DutyBase::new(Money::new(value, currency))).unwrap();
        prop_assert_eq!(duty, Money::new(value * ad_valorem.rate().fraction(), currency));
        // The calculator's shortcut for a single percentage gives the same amount.
        if let Some(single) = rate.ad_valorem_rate() {
            prop_assert_eq!(single.apply(value).unwrap(), duty.amount());
        }
    }

    #[test]
    fn conversions_round_trip((from, to) in convertible_pair(), amount in decimal(1_000_000_000, 6)) {
        let quantity = Quantity::new(amount, from);
        let there = quantity.convert_to(to).unwrap();
        let back = there.convert_to(from).unwrap();
        prop_assert_eq!(back.unit(), from);
        if from == to {
            prop_assert_eq!(back, quantity);
            return Ok(());
        }
        let (f, t) = (from.factor().unwrap(), to.factor().unwrap());
        if there.amount() * t == amount * f {
            // The conversion was exact, so is the way back.
            prop_assert_eq!(back, quantity);
        } else {
            // 1/12 of a gross has no finite decimal form: exact to 28 significant digits.
            let error = (back.amount() - amount).abs();
            prop_assert!(error <= amount * Decimal::new(1, 25), "{} -> {} -> {}", quantity, there, back);
        }
    }

    #[test]
    fn parsing_any_text_never_panics(
        text in prop_oneof![
            any::<String>(),
            "[0-9 .,$¢%/+a-zA-Z]{0,40}",
            prop::collection::vec(prop::sample::select(vec![
                "4.4", "1,000", "$1", "cents", "¢", "/", "kg", "+", "%", " ", "min", "max", "each",
                "on", "copper", "content", "1/3", "EUR", "pins", "Free", ",", "the", "of",
            ]), 0..12).prop_map(|words| words.concat()),
        ],
    ) {
        if let Ok(rate) = text.parse::<DutyRate>() {
            // Whatever parses displays as a text that parses back to it.
            prop_assert_eq!(rate.to_string().parse::<DutyRate>().unwrap(), rate);
        }
        let _ = text.parse::<Unit>();
        let _ = text.parse::<Quantity>();
    }

    #[test]
    fn conversions_refuse_other_dimensions_and_measures(
        from in prop::sample::select(units()),
        to in prop::sample::select(units()),
        amount in decimal(1_000_000, 3),
    ) {
        let converted = Quantity::new(amount, from).convert_to(to);
        if from.dimension() != to.dimension() || from.measure() != to.measure() {
            let error = converted.unwrap_err().to_string();
            prop_assert!(error.contains(&from.to_string()) && error.contains(&to.to_string()), "{}", error);
        }
    }
}

#[test]
fn a_rate_per_kg_takes_grams_and_never_a_count() {
    let rate: DutyRate = "4.4 cents/kg".parse().unwrap();
    let grams = DutyBase::new("0 USD".parse().unwrap()).with_quantity("2500 g".parse().unwrap());
    assert_eq!(rate.duty(&grams).unwrap(), "0.11 USD".parse().unwrap());
    let count = DutyBase::new("0 USD".parse().unwrap()).with_quantity("2500 NO".parse().unwrap());
    assert!(rate.duty(&count).is_err());
}
