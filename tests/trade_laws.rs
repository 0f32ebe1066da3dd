//! Property laws of the channel economics: an export channel's margin never rises when the US
//! duty rises; at the break-even duty the export and domestic margins meet within a cent; a
//! program's benefits never raise the cost of selling at home.
//!
//! Runs proptest's default case count; set `PROPTEST_CASES` for a longer or shorter run.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use chrono::{Days, NaiveDate};
use landed_cost::trade::{Benefit, Channel, ChannelAssumptions, ChannelModel, Platform, Product};
use landed_cost::{Currency, Money, Rate};
use proptest::prelude::*;
use rust_decimal::Decimal;

/// HTS lines of different duty stacks: toys (no 301), chargers (301 List 3), sneakers (MFN 20%
/// + 301 List 4A), switches (Annex II: no reciprocal).
const CODES: [&str; 4] = ["9503.00.00", "8504.40.95", "6402.99.90", "8517.62.00"];

fn cents(lo: i64, hi: i64) -> impl Strategy<Value = Decimal> {
    (lo..hi).prop_map(|c| Decimal::new(c, 2))
}

fn rate(max_percent: i64) -> impl Strategy<Value = Rate> {
    (0..=max_percent * 10).prop_map(|tenths| Rate::from_percent(Decimal::new(tenths, 1)).unwrap())
}

/// A date covered by the embedded tariff editions, the reference rates and the MPF schedule
/// (2025-01-06 to 2026-09-30).
fn date() -> impl Strategy<Value = NaiveDate> {
    let first = NaiveDate::from_ymd_opt(2025, 1, 6).unwrap();
    (0u64..633).prop_map(move |d| first.checked_add_days(Days::new(d)).unwrap())
}

fn product() -> impl Strategy<Value = Product> {
    (
        proptest::sample::select(CODES.to_vec()),
        cents(100, 50_000),
        cents(50, 10_000),
        cents(100, 100_000),
        cents(100, 20_000),
        proptest::sample::select(vec![0i64, 6, 9, 13]),
    )
        .prop_map(|(hs, cost, fob, home, ddp, rebate)| {
            Product::new(
                "P",
                hs.parse().unwrap(),
                Money::new(cost, Currency::CNY),
                Money::new(fob, Currency::USD),
                Money::new(home, Currency::CNY),
                Rate::from_percent(Decimal::from(rebate)).unwrap(),
            )
            .unwrap()
            .with_cross_border_price(Money::new(ddp, Currency::USD))
            .unwrap()
        })
}

fn assumptions() -> impl Strategy<Value = ChannelAssumptions> {
    (
        rate(100),
        rate(30),
        cents(0, 300),
        cents(0, 500),
        1u32..5000,
    )
        .prop_map(|(pass_through, commission, freight, fulfilment, units)| {
            let mut a = ChannelAssumptions::default();
            a.pass_through = pass_through;
            a.cross_border_commission = commission;
            a.freight_per_unit = Money::new(freight, Currency::USD);
            a.fulfilment_per_unit = Money::new(fulfilment, Currency::USD);
            a.units_per_shipment = units;
            a
        })
}

proptest! {
    #[test]
    fn margin_never_rises_with_the_duty(
        p in product(), d in date(), a in assumptions(), r1 in rate(200), r2 in rate(200)
    ) {
        let model = ChannelModel::embedded();
        let (low, high) = if r1 <= r2 { (r1, r2) } else { (r2, r1) };
        for channel in [Channel::ExportB2b, Channel::CrossBorderB2c, Channel::Domestic] {
            let mut at_low = a.clone();
            at_low.extra_us_duty = low;
            let mut at_high = a.clone();
            at_high.extra_us_duty = high;
            let m_low = model.breakdown(channel, &p, d, &at_low).unwrap().margin;
            let m_high = model.breakdown(channel, &p, d, &at_high).unwrap().margin;
            prop_assert!(m_high.compare(m_low).unwrap().is_le(), "{channel}: {m_high} > {m_low}");
        }
    }

    #[test]
    fn margins_meet_at_the_break_even(p in product(), d in date(), mut a in assumptions()) {
        let model = ChannelModel::embedded();
        if a.pass_through.is_zero() {
            a.pass_through = "1%".parse().unwrap();
        }
        for channel in [Channel::ExportB2b, Channel::CrossBorderB2c] {
            let be = model.break_even(channel, &p, d, &a).unwrap();
            let mut at = a.clone();
            at.extra_us_duty = be.additional_rate.unwrap();
            let export = model.breakdown(channel, &p, d, &at).unwrap().margin;
            let home = model.breakdown(Channel::Domestic, &p, d, &at).unwrap().margin;
            let gap = export.checked_sub(home).unwrap().amount().abs();
            prop_assert!(gap < Decimal::new(1, 2), "{channel}: gap {gap}");
        }
    }

    #[test]
    fn benefits_never_raise_cost(
        p in product(), d in date(), commission in (5i64..=100), rebate in rate(100),
        waiver in rate(100), units in proptest::option::of(1u64..1_000_000),
        tmall in any::<bool>()
    ) {
        let model = ChannelModel::embedded();
        let mut plain = ChannelAssumptions::default();
        if tmall {
            plain.domestic_platform = Platform::Tmall;
            plain.domestic_commission = Rate::from_percent(Decimal::new(commission, 1)).unwrap();
        }
        plain.annual_units = units;
        let mut helped = plain.clone();
        helped.benefits.push(Benefit::commission_rebate(rebate).unwrap());
        helped.benefits.push(Benefit::fee_waiver(waiver).unwrap());
        let without = model.breakdown(Channel::Domestic, &p, d, &plain).unwrap().margin;
        let with = model.breakdown(Channel::Domestic, &p, d, &helped).unwrap().margin;
        prop_assert!(with.compare(without).unwrap().is_ge(), "{with} < {without}");
    }
}
