//! The arithmetic a single-line quote cannot avoid, shared by the quote and catalogue benchmarks.

use rust_decimal::{Decimal, RoundingStrategy};

/// The value to whole dollars, four ad valorem duties each rounded to the cent, their sum, the
/// MPF with its minimum and maximum (FY2025's; the other years' differ in the bounds only), the
/// HMF, the freight and insurance, the landed total, and the effective rate (duties over value,
/// to six places) that the result reports.
pub fn floor(value: Decimal, rates: &[Decimal; 4]) -> Decimal {
    let base = value.round_dp_with_strategy(0, RoundingStrategy::MidpointAwayFromZero);
    let mut duties = Decimal::ZERO;
    for r in rates {
        duties += (base * r).round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero);
    }
    let mpf = (base * Decimal::new(3464, 6))
        .round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero)
        .clamp(Decimal::new(3271, 2), Decimal::new(63462, 2));
    let hmf = (base * Decimal::new(125, 5))
        .round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero);
    let effective = (duties / base).round_dp(6);
    base + Decimal::from(105) + duties + mpf + hmf + effective
}
