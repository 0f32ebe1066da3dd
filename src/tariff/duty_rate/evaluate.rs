//! The duty of a [`DutyRate`] on a [`DutyBase`]: each component on the base's value or
//! quantity, then the minimum and maximum clauses.

use rust_decimal::Decimal;

use super::{AdValorem, Component, DutyRate, Repr, Specific};
use crate::error::{truncate, Error, Result};
use crate::money::{Currency, Money};
use crate::tariff::DutyBase;

impl DutyRate {
    /// The duty on a base, exact (not rounded), in the base value's currency.
    ///
    /// Ad valorem components apply to the base value; each specific component takes the base's
    /// quantity in its unit, converting one of the same dimension and measure (a rate per kg
    /// takes grams; never a count; a rate on copper content takes only a copper-content
    /// quantity, or an unnamed content quantity (USITC CKG) when the rate names one content).
    /// A minimum clause raises the sum to at least its own sum; a maximum clause then caps it.
    /// Free and "No additional duty" give zero. Does not allocate unless it fails.
    ///
    /// # Errors
    /// * [`Error::RateNotComputable`] quoting the text, for a rate that is not a formula;
    /// * [`Error::MissingQuantity`] naming the unit, when a specific component finds no quantity
    ///   (there is never a silent zero);
    /// * [`Error::CurrencyMismatch`] when a specific amount is in another currency than the
    ///   base value;
    /// * [`Error::InvalidValue`] for a negative value or quantity, or an ambiguous quantity (see
    ///   [`DutyBase::quantity_in`]);
    /// * [`Error::Overflow`] if an amount leaves the decimal range.
    ///
    /// # Example
    /// ```
    /// use landed_cost::{DutyBase, DutyRate, Error, Money};
    /// let rate: DutyRate = "4.4 cents/kg + 6%".parse()?;
    /// let base = DutyBase::new("100 USD".parse()?).with_quantity("2500 g".parse()?);
    /// assert_eq!(rate.duty(&base)?, "6.11 USD".parse()?);
    /// let no_weight = DutyBase::new("100 USD".parse()?).with_quantity("3 NO".parse()?);
    /// assert!(matches!(rate.duty(&no_weight), Err(Error::MissingQuantity { .. })));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn duty(&self, base: &DutyBase) -> Result<Money> {
        let value = base.value();
        let currency = value.currency();
        if value.is_negative() {
            return Err(Error::invalid(
                "duty base",
                format!("the value {value} is negative; a dutiable value is zero or more"),
            ));
        }
        match &self.repr {
            Repr::Free { .. } | Repr::NoAdditionalDuty => Ok(Money::zero(currency)),
            Repr::NotComputable(text) => Err(text.error()),
            Repr::Formula(formula) => {
                let ctx = Context {
                    rate: self,
                    base,
                    currency,
                    unnamed_content: formula.unnamed_content(),
                };
                let mut total = ctx.sum(formula.terms())?;
                if let Some(minimum) = formula.minimum() {
                    total = total.max(ctx.sum(minimum)?);
                }
                if let Some(maximum) = formula.maximum() {
                    total = total.min(ctx.sum(maximum)?);
                }
                Ok(Money::new(total, currency))
            }
        }
    }
}

/// What a formula's components are evaluated against.
struct Context<'a> {
    rate: &'a DutyRate,
    base: &'a DutyBase,
    currency: Currency,
    unnamed_content: bool,
}

impl Context<'_> {
    fn sum(&self, terms: &[Component]) -> Result<Decimal> {
        terms.iter().try_fold(Decimal::ZERO, |total, term| {
            let amount = match term {
                Component::AdValorem(ad_valorem) => ad_valorem.apply(self.base.value().amount())?,
                Component::Specific(specific) => self.specific(specific)?,
            };
            total
                .checked_add(amount)
                .ok_or_else(|| Error::overflow("duty sum"))
        })
    }

    fn specific(&self, specific: &Specific) -> Result<Decimal> {
        if specific.amount.currency() != self.currency {
            return Err(Error::CurrencyMismatch {
                operation: "charge a specific duty mixing",
                left: self.currency,
                right: specific.amount.currency(),
            });
        }
        let quantity = self
            .base
            .find(specific.unit, self.unnamed_content)?
            .ok_or_else(|| Error::MissingQuantity {
                unit: specific.unit,
                rate: truncate(&self.rate.to_string()),
                available: self.base.describe_quantities(),
            })?;
        let product = specific
            .amount
            .amount()
            .checked_mul(quantity)
            .ok_or_else(|| Error::overflow("specific duty"))?;
        if specific.per == 1 {
            Ok(product)
        } else {
            product
                .checked_div(Decimal::from(specific.per))
                .ok_or_else(|| Error::overflow("specific duty"))
        }
    }
}

impl AdValorem {
    /// `value × rate`, exact; plus `value × numerator / (denominator × 100)` for a fraction.
    /// Inlined into the sum of terms, as it was when it lived beside it.
    #[inline]
    fn apply(&self, value: Decimal) -> Result<Decimal> {
        let whole = self.rate.apply(value)?;
        let Some((numerator, denominator)) = self.fraction else {
            return Ok(whole);
        };
        value
            .checked_mul(Decimal::from(numerator))
            .and_then(|v| v.checked_div(Decimal::from(u32::from(denominator) * 100)))
            .and_then(|extra| whole.checked_add(extra))
            .ok_or_else(|| Error::overflow("ad valorem duty"))
    }
}
