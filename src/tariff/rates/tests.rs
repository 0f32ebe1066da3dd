//! Tests of the rates: against what applies, on the embedded data; the sum's laws.

#[cfg(feature = "embedded-data")]
mod embedded {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]
    use super::super::*;
    use crate::tariff::measure::Metal;

    fn date(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    /// The rates agree with what applies: the same headings in the same order, each ad valorem
    /// rate as `Applied::additional_rate` gives it.
    #[test]
    fn rates_follow_what_applies() {
        let book = TariffBook::embedded();
        let origins = ["CN", "VN", "DE", "CA", "MX", "BR", "IN", "GB", "JP", "CH"];
        let dates = [
            "2025-01-15",
            "2025-03-10",
            "2025-04-15",
            "2025-09-10",
            "2026-03-01",
        ];
        let mut checked = 0;
        for line in book.hts().editions()[0].schedule().iter().step_by(97) {
            let hs = line.code();
            for o in origins {
                for d in dates {
                    let origin: CountryCode = o.parse().unwrap();
                    let Ok(what) = book.applicable(&hs, origin, date(d), None) else {
                        assert!(book.rates(&hs, origin, date(d)).is_err());
                        continue;
                    };
                    let rates = book.rates(&hs, origin, date(d)).unwrap();
                    let mfn = what.applied[0].rate.ad_valorem_rate();
                    assert_eq!(rates.entries().len(), what.applied.len());
                    for (e, a) in rates.entries().iter().zip(&what.applied) {
                        assert_eq!((e.authority, e.heading), (a.authority, a.heading));
                        let expected = match a.base {
                            Base::MetalContent(_) => Some(Rate::ZERO),
                            _ => match a.floor {
                                Some(f) => mfn.map(|m| f.additional(m)),
                                None => a.rate.ad_valorem_rate(),
                            },
                        };
                        assert_eq!(e.ad_valorem, expected, "{hs} {o} {d} {}", a.heading);
                    }
                    checked += 1;
                }
            }
        }
        assert!(checked > 1000, "{checked}");
    }

    #[test]
    fn metal_shares_split_the_value() {
        let book = TariffBook::embedded();
        // A steel derivative of chapter 73 from Germany in September 2025: 50% on the steel
        // content, the reciprocal duty on the rest.
        let hs: HsCode = "7326.90.86.88".parse().unwrap();
        let de: CountryCode = "DE".parse().unwrap();
        let d = date("2025-09-10");
        let none = book.rates(&hs, de, d).unwrap();
        let options = RatesOptions::new()
            .metal_share(Metal::Steel, "40%".parse().unwrap())
            .unwrap();
        let some = book.rates_with(&hs, de, d, &options).unwrap();
        let s232 = some.of(Authority::Section232).unwrap();
        assert_eq!(s232.to_string(), "20%"); // 50% × 40%
        assert_eq!(none.of(Authority::Section232), Some(Rate::ZERO));
        let duty = some.duty("1000 USD".parse().unwrap(), None).unwrap();
        let total = some.total().unwrap();
        assert_eq!(duty.amount(), total.apply(Decimal::from(1000)).unwrap());
    }

    #[test]
    fn option_errors_say_what_is_wrong() {
        let too_much = RatesOptions::new()
            .metal_share(Metal::Steel, "70%".parse().unwrap())
            .unwrap()
            .metal_share(Metal::Copper, "40%".parse().unwrap());
        assert!(too_much.unwrap_err().to_string().contains("at most 100%"));
        assert!(RatesOptions::new()
            .unit_value("0 USD".parse().unwrap())
            .is_err());
        assert!(RatesOptions::new()
            .unit_value("5 EUR".parse().unwrap())
            .is_err());
    }

    #[test]
    fn a_specific_rate_needs_a_quantity_for_its_duty() {
        let book = TariffBook::embedded();
        let hs: HsCode = "0402.29.50.00".parse().unwrap(); // "$1.104/kg + 14.9%"
        let rates = book
            .rates(&hs, CountryCode::VN, date("2025-01-15"))
            .unwrap();
        assert_eq!(rates.of(Authority::Mfn), None);
        let err = rates.duty("100 USD".parse().unwrap(), None).unwrap_err();
        assert!(matches!(err, Error::MissingQuantity { .. }), "{err}");
        let kg = Quantity::new(Decimal::TEN, "KG".parse().unwrap());
        let duty = rates.duty("100 USD".parse().unwrap(), Some(kg)).unwrap();
        assert_eq!(duty, "25.94 USD".parse().unwrap()); // 10 × $1.104 + 14.9% × $100
    }
}

mod sum_laws {
    #![allow(clippy::unwrap_used)]
    use proptest::prelude::*;
    use rust_decimal::Decimal;

    use super::super::add_fractions;

    proptest! {
        /// The fast sum of two fractions is the exact sum, and refuses what the exact sum
        /// refuses.
        #[test]
        fn fast_sum_is_the_exact_sum(a in any::<i64>(), sa in 0u32..=28, b in any::<i64>(), sb in 0u32..=28) {
            let (a, b) = (Decimal::new(a, sa), Decimal::new(b, sb));
            let exact = crate::money::exact::add_exact(a, b, "test").ok();
            prop_assert_eq!(add_fractions(a, b), exact);
        }

        /// Small rates (what the data holds) take the fast path and agree with the exact sum.
        #[test]
        fn small_rates_sum_exactly(a in 0i64..10_000_000, sa in 0u32..=6, b in 0i64..10_000_000, sb in 0u32..=6) {
            let (a, b) = (Decimal::new(a, sa), Decimal::new(b, sb));
            prop_assert_eq!(add_fractions(a, b), crate::money::exact::add_exact(a, b, "test").ok());
        }
    }
}
