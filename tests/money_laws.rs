//! Property laws of money, rates, currencies and exchange rates.
//!
//! The default case count is small so `cargo test` stays fast; set `PROPTEST_CASES` for a longer
//! run (for example `PROPTEST_CASES=10000 cargo test --test money_laws`).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use chrono::NaiveDate;
use landed_cost::money::fx::{
    ExchangeRate, ExchangeRateKind, ExchangeRateQuery, ExchangeRateTable,
};
use landed_cost::{Currency, Error, Money, Rate, RoundingMode};
use proptest::prelude::*;
use rust_decimal::Decimal;

fn config() -> ProptestConfig {
    ProptestConfig::with_cases(common::proptest_cases(128))
}

fn currency() -> impl Strategy<Value = Currency> {
    proptest::sample::select(Currency::all())
}

/// Amounts with up to 4 decimals and magnitudes up to 10^15: far from overflow when added.
fn amount() -> impl Strategy<Value = Decimal> {
    (
        -1_000_000_000_000_000_000i64..1_000_000_000_000_000_000,
        0u32..=4,
    )
        .prop_map(|(m, s)| Decimal::new(m, s))
}

fn money() -> impl Strategy<Value = Money> {
    (amount(), currency()).prop_map(|(a, c)| Money::new(a, c))
}

fn positive_amount() -> impl Strategy<Value = Decimal> {
    (1i64..1_000_000_000_000, 0u32..=4).prop_map(|(m, s)| Decimal::new(m, s))
}

fn weight() -> impl Strategy<Value = Decimal> {
    (1i64..1_000_000, 0u32..=3).prop_map(|(m, s)| Decimal::new(m, s))
}

fn mode() -> impl Strategy<Value = RoundingMode> {
    prop_oneof![
        Just(RoundingMode::HalfEven),
        Just(RoundingMode::HalfAwayFromZero),
        Just(RoundingMode::TowardZero),
        Just(RoundingMode::Up),
        Just(RoundingMode::Down),
    ]
}

/// Exchange rates with at most 6 significant decimals, between 0.0001 and 10,000.
fn fx_rate() -> impl Strategy<Value = Decimal> {
    (1i64..100_000_000, 4u32..=8).prop_map(|(m, s)| Decimal::new(m, s))
}

fn day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 4, 9).unwrap()
}

fn minor_unit(c: Currency) -> Decimal {
    Decimal::new(1, c.minor_units())
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn addition_is_commutative(a in amount(), b in amount(), c in currency()) {
        let (x, y) = (Money::new(a, c), Money::new(b, c));
        prop_assert_eq!(x.checked_add(y).unwrap(), y.checked_add(x).unwrap());
    }

    #[test]
    fn addition_is_associative(a in amount(), b in amount(), d in amount(), c in currency()) {
        let (x, y, z) = (Money::new(a, c), Money::new(b, c), Money::new(d, c));
        prop_assert_eq!(
            x.checked_add(y).unwrap().checked_add(z).unwrap(),
            x.checked_add(y.checked_add(z).unwrap()).unwrap()
        );
    }

    #[test]
    fn add_then_subtract_is_identity(a in amount(), b in amount(), c in currency()) {
        let (x, y) = (Money::new(a, c), Money::new(b, c));
        prop_assert_eq!(x.checked_add(y).unwrap().checked_sub(y).unwrap(), x);
    }

    #[test]
    fn currency_mismatch_is_always_an_error(x in money(), y in money()) {
        prop_assume!(x.currency() != y.currency());
        let mismatch = |r: Result<_, Error>| matches!(r, Err(Error::CurrencyMismatch { .. }));
        prop_assert!(mismatch(x.checked_add(y).map(|_| ())));
        prop_assert!(mismatch(x.checked_sub(y).map(|_| ())));
        prop_assert!(mismatch(x.compare(y).map(|_| ())));
    }

    #[test]
    fn allocation_is_exact(x in money(), weights in prop::collection::vec(weight(), 1..20)) {
        let parts = x.allocate(&weights).unwrap();
        prop_assert_eq!(parts.len(), weights.len());
        let sum = parts.iter().try_fold(Money::zero(x.currency()), |acc, p| acc.checked_add(*p)).unwrap();
        prop_assert_eq!(sum, x);
    }

    #[test]
    fn allocation_is_fair(x in money(), weights in prop::collection::vec(weight(), 1..20)) {
        let parts = x.allocate(&weights).unwrap();
        let total: Decimal = weights.iter().sum();
        let unit = Decimal::new(1, x.currency().minor_units().max(x.amount().scale()));
        for (part, w) in parts.iter().zip(&weights) {
            let exact = x.amount() * (*w / total);
            let gap = (part.amount() - exact).abs();
            prop_assert!(gap < unit + Decimal::new(1, 20), "part {part} exact {exact} gap {gap}");
        }
    }

    #[test]
    fn rounding_is_idempotent_and_close(x in money(), m in mode()) {
        let once = x.round(m);
        prop_assert_eq!(once.round(m), once);
        let gap = (once.amount() - x.amount()).abs();
        let unit = minor_unit(x.currency());
        match m {
            RoundingMode::HalfEven | RoundingMode::HalfAwayFromZero => prop_assert!(gap * Decimal::TWO <= unit),
            _ => prop_assert!(gap < unit),
        }
        prop_assert!(once.amount().scale() <= x.currency().minor_units());
    }

    #[test]
    fn money_display_parses_back(x in money()) {
        let back: Money = x.to_string().parse().unwrap();
        prop_assert_eq!(back, x);
        prop_assert_eq!(back.amount().scale(), x.amount().scale());
        let code_first: Money = format!("{} {}", x.currency(), x.amount()).parse().unwrap();
        prop_assert_eq!(code_first, x);
    }

    #[test]
    fn rate_display_parses_back(m in -1_000_000_000i64..1_000_000_000, s in 0u32..=10) {
        let rate = Rate::from_fraction(Decimal::new(m, s)).unwrap();
        let back: Rate = rate.to_string().parse().unwrap();
        prop_assert_eq!(back, rate);
    }

    #[test]
    fn currency_display_parses_back(c in currency()) {
        prop_assert_eq!(c.to_string().parse::<Currency>().unwrap(), c);
        prop_assert_eq!(c.to_string().to_lowercase().parse::<Currency>().unwrap(), c);
    }

    #[test]
    fn serde_round_trips(x in money(), m in 0i64..100_000_000, r in fx_rate()) {
        let json = serde_json::to_string(&x).unwrap();
        prop_assert_eq!(serde_json::from_str::<Money>(&json).unwrap(), x);
        let rate = Rate::from_fraction(Decimal::new(m, 6)).unwrap();
        prop_assert_eq!(serde_json::from_str::<Rate>(&serde_json::to_string(&rate).unwrap()).unwrap(), rate);
        let fx = ExchangeRate::new(Currency::USD, Currency::CNY, r, day(), ExchangeRateKind::Daily, "test").unwrap();
        prop_assert_eq!(serde_json::from_str::<ExchangeRate>(&serde_json::to_string(&fx).unwrap()).unwrap(), fx);
    }

    /// Converting there and back with a rate and its inverse returns within one minor unit of
    /// the original, for amounts whose converted value is at least one unit per unit of the
    /// original's precision (rate ≥ 1 in the forward leg keeps the law tight).
    #[test]
    fn conversion_and_inverse_within_one_minor_unit(
        a in positive_amount(),
        r in (1_000_000i64..10_000_000_000, 6u32..=6).prop_map(|(m, s)| Decimal::new(m, s)),
        m in mode(),
    ) {
        let mut table = ExchangeRateTable::new();
        table.insert(ExchangeRate::new(Currency::USD, Currency::CNY, r, day(), ExchangeRateKind::Daily, "t").unwrap()).unwrap();
        let q = ExchangeRateQuery::exact(day());
        let usd = Money::new(a, Currency::USD).round(RoundingMode::HalfEven);
        let cny = table.convert(usd, Currency::CNY, &q, m).unwrap();
        let back = table.convert(cny, Currency::USD, &q, RoundingMode::HalfEven).unwrap();
        prop_assert!((back.amount() - usd.amount()).abs() <= minor_unit(Currency::USD), "{usd} → {cny} → {back}");
    }

    #[test]
    fn cross_rate_is_the_product_of_its_legs(a in fx_rate(), b in fx_rate()) {
        let mut table = ExchangeRateTable::new();
        table.insert(ExchangeRate::new(Currency::HKD, Currency::USD, a, day(), ExchangeRateKind::Daily, "t").unwrap()).unwrap();
        table.insert(ExchangeRate::new(Currency::USD, Currency::CNY, b, day(), ExchangeRateKind::Daily, "t").unwrap()).unwrap();
        let q = ExchangeRateQuery::exact(day()).via(Currency::USD);
        let cross = table.find(Currency::HKD, Currency::CNY, &q).unwrap();
        prop_assert_eq!(cross.rate(), (a * b).normalize());
    }

    #[test]
    fn overflow_is_an_error_never_a_panic(
        m in any::<i64>(), s in 0u32..=28, f in any::<i64>(), c in currency(),
        weights in prop::collection::vec(1i64..i64::MAX, 1..5),
    ) {
        let big = Money::new(Decimal::MAX - Decimal::new(m.unsigned_abs().min(1_000_000) as i64, 0), c);
        let x = Money::new(Decimal::new(m, s), c);
        let add = big.checked_add(Money::new(Decimal::MAX, c));
        prop_assert!(matches!(add, Err(Error::Overflow { .. })), "{:?}", add);
        let sub = big.negate().checked_sub(Money::new(Decimal::MAX, c));
        prop_assert!(matches!(sub, Err(Error::Overflow { .. })), "{:?}", sub);
        let _ = x.checked_mul(Decimal::new(f, 0));
        let _ = big.checked_mul(Decimal::new(f, 0));
        let weights: Vec<Decimal> = weights.into_iter().map(Decimal::from).collect();
        let _ = big.allocate(&weights);
        let _ = x.allocate(&weights);
        let _ = x.round(RoundingMode::Up);
        let mut table = ExchangeRateTable::new();
        if let Ok(rate) = ExchangeRate::new(Currency::USD, Currency::EUR, Decimal::MAX, day(), ExchangeRateKind::Daily, "t") {
            table.insert(rate).unwrap();
            let q = ExchangeRateQuery::exact(day());
            let _ = table.convert(Money::new(Decimal::MAX, Currency::USD), Currency::EUR, &q, RoundingMode::HalfEven);
            let _ = table.convert(Money::new(Decimal::MAX, Currency::EUR), Currency::USD, &q, RoundingMode::HalfEven);
        }
    }
}
