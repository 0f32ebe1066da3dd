//! Largest-remainder allocation of an amount by weights ([`Money::allocate`]).

use rust_decimal::Decimal;

use crate::error::{Error, Result};
use crate::money::{Money, RoundingMode};

impl Money {
    /// Splits the amount in proportion to `weights` by the largest-remainder method.
    ///
    /// The parts sum exactly to `self`; each part is within one minor unit of its exact share
    /// `self × wᵢ / Σw`. Ties for the leftover units go to the earlier weight. The unit of
    /// allocation is the currency's minor unit, or finer if the amount itself has more decimals.
    ///
    /// # Errors
    /// [`Error::InvalidValue`] if `weights` is empty or any weight is zero or negative;
    /// [`Error::Overflow`] if the weights sum beyond the decimal range.
    ///
    /// # Example
    /// ```
    /// use landed_cost::Money;
    /// use rust_decimal::Decimal;
    /// let freight: Money = "100.00 USD".parse()?;
    /// let parts = freight.allocate(&[Decimal::ONE, Decimal::ONE, Decimal::ONE])?;
    /// let shown: Vec<String> = parts.iter().map(ToString::to_string).collect();
    /// assert_eq!(shown, ["33.34 USD", "33.33 USD", "33.33 USD"]);
    /// assert!(freight.allocate(&[Decimal::ONE, Decimal::ZERO]).is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn allocate(self, weights: &[Decimal]) -> Result<Vec<Money>> {
        allocate(self, weights)
    }
}

/// Splits `total` by `weights`; see [`Money::allocate`] for the contract.
pub(crate) fn allocate(total: Money, weights: &[Decimal]) -> Result<Vec<Money>> {
    allocate_with_ties(total, weights, &mut |_| {})
}

/// Splits `total` by `weights` as [`allocate`], except for the parts tied for the last units:
/// where parts of equal remainders compete for fewer units than they are, `ties` orders their
/// indices (given in index order) and the first in its order get the units.
pub(crate) fn allocate_with_ties(
    total: Money,
    weights: &[Decimal],
    ties: &mut dyn FnMut(&mut [usize]),
) -> Result<Vec<Money>> {
    if weights.is_empty() {
        return Err(Error::invalid(
            "allocation weights",
            "no weights given: pass one positive weight per part",
        ));
    }
    if let Some((index, weight)) = weights
        .iter()
        .enumerate()
        .find(|(_, w)| **w <= Decimal::ZERO)
    {
        return Err(Error::invalid(
            "allocation weights",
            format!("weight {index} is {weight}; every weight must be greater than zero"),
        ));
    }
    let weight_sum = weights.iter().try_fold(Decimal::ZERO, |acc, w| {
        acc.checked_add(*w)
            .ok_or_else(|| Error::overflow("sum of allocation weights"))
    })?;

    // Work in whole units of the allocation step: the currency's minor unit, or the amount's own
    // finer scale so that the parts can always sum exactly to the total.
    let scale = total.currency().minor_units().max(total.amount().scale());
    let negative = total.amount().is_sign_negative();
    let magnitude = total.amount().abs();
    let units = to_units(magnitude, scale).ok_or_else(|| Error::overflow("allocation"))?;
    let shares = exact_shares(units, weights, ties)
        .or_else(|| approximate_shares(magnitude, scale, weights, weight_sum, ties))
        .ok_or_else(|| Error::overflow("allocation"))?;

    shares
        .into_iter()
        .map(|part_units| {
            let part = i128::try_from(part_units)
                .ok()
                .and_then(|u| Decimal::try_from_i128_with_scale(u, scale).ok())
                .ok_or_else(|| Error::overflow("allocation part"))?;
            Ok(Money::new(
                if negative { -part } else { part },
                total.currency(),
            ))
        })
        .collect()
}

/// A non-negative decimal as a whole number of `10^-scale` units (`scale` ≥ the value's scale).
fn to_units(value: Decimal, scale: u32) -> Option<u128> {
    let factor = 10u128.checked_pow(scale.checked_sub(value.scale())?)?;
    value.mantissa().unsigned_abs().checked_mul(factor)
}

/// Distributes `leftover` units, one each, to the parts with the largest remainders; parts tied
/// at the cut are ordered by `ties` (given in index order). `floors` are the whole-unit shares,
/// `remainders` comparable remainders.
fn distribute<R: Ord + Copy>(
    mut floors: Vec<u128>,
    remainders: &[R],
    leftover: u128,
    ties: &mut dyn FnMut(&mut [usize]),
) -> Option<Vec<u128>> {
    if leftover > floors.len() as u128 {
        return None;
    }
    let take = usize::try_from(leftover).ok()?;
    let mut order: Vec<usize> = (0..floors.len()).collect();
    order.sort_by(|&a, &b| {
        let (ra, rb) = (remainders.get(a), remainders.get(b));
        rb.cmp(&ra).then(a.cmp(&b))
    });
    // The parts whose remainder is that of the last part given a unit, when some of them get
    // none: the tie is settled by `ties`, not by position.
    if let (Some(last), Some(next)) = (
        take.checked_sub(1).and_then(|i| order.get(i)),
        order.get(take),
    ) {
        let cut = remainders.get(*last);
        if remainders.get(*next) == cut {
            let start = order.partition_point(|&i| remainders.get(i) > cut);
            let end = order.partition_point(|&i| remainders.get(i) >= cut);
            if let Some(tied) = order.get_mut(start..end) {
                ties(tied);
            }
        }
    }
    for index in order.into_iter().take(take) {
        let floor = floors.get_mut(index)?;
        *floor = floor.checked_add(1)?;
    }
    Some(floors)
}

/// Exact integer arithmetic: weights scaled to integers, shares `units × wᵢ / Σw` with their
/// remainders. `None` if an intermediate product leaves `u128`.
fn exact_shares(
    units: u128,
    weights: &[Decimal],
    ties: &mut dyn FnMut(&mut [usize]),
) -> Option<Vec<u128>> {
    let scale = weights.iter().map(|w| w.scale()).max().unwrap_or(0);
    let as_int = |w: Decimal| -> Option<u128> {
        w.mantissa()
            .unsigned_abs()
            .checked_mul(10u128.checked_pow(scale.checked_sub(w.scale())?)?)
    };
    let ints: Vec<u128> = weights.iter().map(|w| as_int(*w)).collect::<Option<_>>()?;
    let total_weight = ints.iter().try_fold(0u128, |acc, w| acc.checked_add(*w))?;
    let mut floors = Vec::with_capacity(ints.len());
    let mut remainders = Vec::with_capacity(ints.len());
    for w in &ints {
        let product = units.checked_mul(*w)?;
        floors.push(product / total_weight);
        remainders.push(product % total_weight);
    }
    let assigned = floors
        .iter()
        .try_fold(0u128, |acc, f| acc.checked_add(*f))?;
    distribute(floors, &remainders, units.checked_sub(assigned)?, ties)
}

/// Decimal arithmetic for weights too large for exact integers: shares are computed to 28
/// significant digits, floored, and the leftover distributed by remainder. The parts still sum
/// exactly; each is within one unit of its exact share.
fn approximate_shares(
    magnitude: Decimal,
    scale: u32,
    weights: &[Decimal],
    weight_sum: Decimal,
    ties: &mut dyn FnMut(&mut [usize]),
) -> Option<Vec<u128>> {
    let mut floors = Vec::with_capacity(weights.len());
    let mut remainders = Vec::with_capacity(weights.len());
    for w in weights {
        let exact = magnitude.checked_mul(w.checked_div(weight_sum)?)?;
        let floor = RoundingMode::Down.round(exact, scale);
        floors.push(to_units(floor, scale)?);
        remainders.push(exact.checked_sub(floor)?);
    }
    let units = to_units(magnitude, scale)?;
    let assigned = floors
        .iter()
        .try_fold(0u128, |acc, f| acc.checked_add(*f))?;
    distribute(floors, &remainders, units.checked_sub(assigned)?, ties)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(s: &str) -> Money {
        s.parse().unwrap()
    }

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    #[test]
    fn thirds() {
        let parts = m("100.00 USD").allocate(&[d("1"), d("1"), d("1")]).unwrap();
        assert_eq!(parts, [m("33.34 USD"), m("33.33 USD"), m("33.33 USD")]);
    }

    #[test]
    fn by_value_weights() {
        let parts = m("1200 USD").allocate(&[d("10000"), d("2500.50")]).unwrap();
        let sum = parts[0].checked_add(parts[1]).unwrap();
        assert_eq!(sum, m("1200 USD"));
        assert_eq!(parts[0], m("959.96 USD"));
    }

    #[test]
    fn negative_totals_mirror_positive() {
        let parts = m("-100.00 USD")
            .allocate(&[d("1"), d("1"), d("1")])
            .unwrap();
        assert_eq!(parts, [m("-33.34 USD"), m("-33.33 USD"), m("-33.33 USD")]);
    }

    #[test]
    fn zero_decimal_currency_and_finer_amounts() {
        let parts = m("1000 JPY").allocate(&[d("1"), d("2"), d("4")]).unwrap();
        assert_eq!(parts, [m("143 JPY"), m("286 JPY"), m("571 JPY")]);
        let parts = m("0.005 USD").allocate(&[d("1"), d("1")]).unwrap();
        assert_eq!(parts, [m("0.003 USD"), m("0.002 USD")]);
    }

    #[test]
    fn ties_at_the_cut_go_by_the_given_order() {
        let weights = [d("1"), d("1"), d("1")];
        // Two cents for three equal parts: two of the three tied get one.
        let plain = allocate(m("0.02 USD"), &weights).unwrap();
        assert_eq!(plain, [m("0.01 USD"), m("0.01 USD"), m("0.00 USD")]);
        let reversed = allocate_with_ties(m("0.02 USD"), &weights, &mut |tied: &mut [usize]| {
            assert_eq!(tied, [0, 1, 2]);
            tied.reverse();
        })
        .unwrap();
        assert_eq!(reversed, [m("0.00 USD"), m("0.01 USD"), m("0.01 USD")]);
        // No tie at the cut: the order is not asked.
        let uneven = [d("2"), d("1"), d("1")];
        let parts = allocate_with_ties(m("0.01 USD"), &uneven, &mut |_| unreachable!()).unwrap();
        assert_eq!(parts[0], m("0.01 USD"));
        let _ = allocate_with_ties(m("0.03 USD"), &weights, &mut |_| unreachable!()).unwrap();
    }

    #[test]
    fn bad_weights() {
        assert!(m("1 USD").allocate(&[]).is_err());
        assert!(m("1 USD").allocate(&[d("1"), d("0")]).is_err());
        assert!(m("1 USD").allocate(&[d("-1"), d("2")]).is_err());
    }

    #[test]
    fn huge_weights_fall_back_and_stay_exact() {
        let total = m("79228162514264337593543950.33 USD");
        let weights = [
            d("1000000000000000000000000000"),
            d("500000000000000000000000001"),
        ];
        assert!(
            exact_shares(to_units(total.amount(), 2).unwrap(), &weights, &mut |_| {}).is_none()
        );
        let parts = total.allocate(&weights).unwrap();
        let sum = parts
            .iter()
            .try_fold(Money::zero(crate::Currency::USD), |a, p| a.checked_add(*p))
            .unwrap();
        assert_eq!(sum, total);
        assert!(m("1 USD").allocate(&[Decimal::MAX, Decimal::MAX]).is_err());
    }
}
