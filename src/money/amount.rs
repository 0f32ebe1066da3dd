//! [`Money`]: an exact amount in a currency.

use std::cmp::Ordering;
use std::fmt;
use std::str::FromStr;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::money::{parse_plain_decimal, Currency, Rate, RoundingMode};

/// An exact amount of money in one currency.
///
/// `Copy`, with private fields. Arithmetic is by checked methods that return
/// [`Result`](crate::Result): mixing currencies is [`Error::CurrencyMismatch`] and leaving the
/// decimal range is [`Error::Overflow`]. There is deliberately no `PartialOrd` (amounts in two
/// currencies have no order); use [`Money::compare`].
///
/// Equality is by value: `19.9 USD` equals `19.90 USD`.
///
/// Text form: `"19.99 USD"` (also parsed as `"USD 19.99"`). Serde form:
/// `{"amount":"19.99","currency":"USD"}`, the amount a string so no float ever touches it.
///
/// # Example
/// ```
/// use landed_cost::{Currency, Money};
/// use rust_decimal::Decimal;
/// use std::str::FromStr;
///
/// let price = Money::new(Decimal::from_str("19.99")?, Currency::USD);
/// let parsed: Money = "19.99 USD".parse()?;
/// assert_eq!(price, parsed);
/// assert_eq!("USD 19.99".parse::<Money>()?, price);
/// let sum = price.checked_add(parsed)?;
/// assert_eq!(sum.to_string(), "39.98 USD");
/// let parts: Vec<Money> = sum.allocate(&[Decimal::ONE, Decimal::TWO])?;
/// assert_eq!(parts[0].checked_add(parts[1])?, sum);
/// assert!(price.checked_add("1 EUR".parse()?).is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Money {
    #[serde(with = "crate::money::decimal_text")]
    amount: Decimal,
    currency: Currency,
}

impl Money {
    /// An amount in a currency, exactly as given (no rounding).
    ///
    /// # Example
    /// ```
    /// use landed_cost::{Currency, Money};
    /// use rust_decimal::Decimal;
    /// let m = Money::new(Decimal::new(1999, 2), Currency::USD);
    /// assert_eq!(m.to_string(), "19.99 USD");
    /// ```
    #[must_use]
    pub const fn new(amount: Decimal, currency: Currency) -> Money {
        Money { amount, currency }
    }

    /// Zero in a currency.
    ///
    /// # Example
    /// ```
    /// use landed_cost::{Currency, Money};
    /// assert!(Money::zero(Currency::EUR).is_zero());
    /// ```
    #[must_use]
    pub const fn zero(currency: Currency) -> Money {
        Money::new(Decimal::ZERO, currency)
    }

    /// The amount.
    ///
    /// # Example
    /// ```
    /// use landed_cost::Money;
    /// use rust_decimal::Decimal;
    /// assert_eq!("2.50 EUR".parse::<Money>()?.amount(), Decimal::new(25, 1));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub const fn amount(self) -> Decimal {
        self.amount
    }

    /// The currency.
    ///
    /// # Example
    /// ```
    /// use landed_cost::{Currency, Money};
    /// assert_eq!("2.50 EUR".parse::<Money>()?.currency(), Currency::EUR);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub const fn currency(self) -> Currency {
        self.currency
    }

    /// Whether the amount is zero.
    ///
    /// # Example
    /// ```
    /// assert!("0.00 USD".parse::<landed_cost::Money>()?.is_zero());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn is_zero(self) -> bool {
        self.amount.is_zero()
    }

    /// Whether the amount is below zero.
    ///
    /// # Example
    /// ```
    /// assert!("-0.01 USD".parse::<landed_cost::Money>()?.is_negative());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn is_negative(self) -> bool {
        self.amount.is_sign_negative() && !self.amount.is_zero()
    }

    /// The same amount with the opposite sign.
    ///
    /// # Example
    /// ```
    /// use landed_cost::Money;
    /// assert_eq!("5 USD".parse::<Money>()?.negate(), "-5 USD".parse()?);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn negate(self) -> Money {
        Money::new(-self.amount, self.currency)
    }

    fn same_currency(self, other: Money, operation: &'static str) -> Result<()> {
        if self.currency == other.currency {
            Ok(())
        } else {
            Err(Error::CurrencyMismatch {
                operation,
                left: self.currency,
                right: other.currency,
            })
        }
    }

    /// A result that `rust_decimal` rounded to fewer places than the minor unit lost money.
    fn exact_to_minor_unit(
        self,
        result: Decimal,
        exact: bool,
        operation: &'static str,
    ) -> Result<()> {
        if !exact && result.scale() < self.currency.minor_units() {
            return Err(Error::precision(operation));
        }
        Ok(())
    }

    /// `self + other`.
    ///
    /// # Errors
    /// [`Error::CurrencyMismatch`] if the currencies differ, [`Error::Overflow`] if the sum leaves
    /// the decimal range, [`Error::PrecisionLoss`] if it would have to be rounded to fewer places
    /// than the currency's minor unit to fit (an amount of 29 digits plus a cent). Digits past
    /// the 28th significant one and below the minor unit are rounded, as `rust_decimal` rounds.
    ///
    /// # Example
    /// ```
    /// use landed_cost::Money;
    /// let a: Money = "10.00 USD".parse()?;
    /// assert_eq!(a.checked_add("0.5 USD".parse()?)?, "10.50 USD".parse()?);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn checked_add(self, other: Money) -> Result<Money> {
        self.same_currency(other, "add")?;
        let amount = self
            .amount
            .checked_add(other.amount)
            .ok_or_else(|| Error::overflow("money addition"))?;
        self.exact_to_minor_unit(
            amount,
            crate::money::exact::sum_is_exact(self.amount, other.amount),
            "money addition",
        )?;
        Ok(Money::new(amount, self.currency))
    }

    /// `self − other`.
    ///
    /// # Errors
    /// [`Error::CurrencyMismatch`] if the currencies differ, [`Error::Overflow`] if the difference
    /// leaves the decimal range, [`Error::PrecisionLoss`] if it would have to be rounded to fewer
    /// places than the currency's minor unit to fit.
    ///
    /// # Example
    /// ```
    /// use landed_cost::Money;
    /// let a: Money = "10.00 USD".parse()?;
    /// assert_eq!(a.checked_sub("12 USD".parse()?)?, "-2 USD".parse()?);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn checked_sub(self, other: Money) -> Result<Money> {
        self.same_currency(other, "subtract")?;
        let amount = self
            .amount
            .checked_sub(other.amount)
            .ok_or_else(|| Error::overflow("money subtraction"))?;
        self.exact_to_minor_unit(
            amount,
            crate::money::exact::sum_is_exact(self.amount, -other.amount),
            "money subtraction",
        )?;
        Ok(Money::new(amount, self.currency))
    }

    /// `self × factor`, exact (no rounding).
    ///
    /// # Errors
    /// [`Error::Overflow`] if the product leaves the decimal range, [`Error::PrecisionLoss`] if
    /// it would have to be rounded to fewer places than the currency's minor unit to fit.
    ///
    /// # Example
    /// ```
    /// use landed_cost::Money;
    /// use rust_decimal::Decimal;
    /// let unit: Money = "0.90 USD".parse()?;
    /// assert_eq!(unit.checked_mul(Decimal::from(12))?, "10.80 USD".parse()?);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn checked_mul(self, factor: Decimal) -> Result<Money> {
        let amount = self
            .amount
            .checked_mul(factor)
            .ok_or_else(|| Error::overflow("money × decimal"))?;
        self.exact_to_minor_unit(
            amount,
            crate::money::exact::product_is_exact(self.amount, factor),
            "money × decimal",
        )?;
        Ok(Money::new(amount, self.currency))
    }

    /// `self × rate`, exact (no rounding): 37.5% of $1,000 is $375.
    ///
    /// # Errors
    /// As [`Rate::apply`].
    ///
    /// # Example
    /// ```
    /// use landed_cost::Money;
    /// let value: Money = "1000 USD".parse()?;
    /// assert_eq!(value.checked_mul_rate("37.5%".parse()?)?, "375 USD".parse()?);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn checked_mul_rate(self, rate: Rate) -> Result<Money> {
        let amount = rate.apply(self.amount)?;
        Ok(Money::new(amount, self.currency))
    }

    /// `self ÷ divisor`.
    ///
    /// # Errors
    /// [`Error::InvalidValue`] for a zero divisor, [`Error::Overflow`] if the quotient leaves the
    /// decimal range.
    ///
    /// # Example
    /// ```
    /// use landed_cost::Money;
    /// use rust_decimal::Decimal;
    /// let total: Money = "10 USD".parse()?;
    /// assert_eq!(total.checked_div(Decimal::from(4))?, "2.5 USD".parse()?);
    /// assert!(total.checked_div(Decimal::ZERO).is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn checked_div(self, divisor: Decimal) -> Result<Money> {
        if divisor.is_zero() {
            return Err(Error::invalid(
                "divisor",
                "cannot divide money by zero; check the quantity or rate you divide by",
            ));
        }
        let amount = self
            .amount
            .checked_div(divisor)
            .ok_or_else(|| Error::overflow("money ÷ decimal"))?;
        Ok(Money::new(amount, self.currency))
    }

    /// Orders two amounts of the same currency.
    ///
    /// # Errors
    /// [`Error::CurrencyMismatch`] if the currencies differ: there is no order across currencies.
    ///
    /// # Example
    /// ```
    /// use landed_cost::Money;
    /// use std::cmp::Ordering;
    /// let a: Money = "800 USD".parse()?;
    /// assert_eq!(a.compare("800.00 USD".parse()?)?, Ordering::Equal);
    /// assert_eq!(a.compare("800.01 USD".parse()?)?, Ordering::Less);
    /// assert!(a.compare("800 EUR".parse()?).is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn compare(self, other: Money) -> Result<Ordering> {
        self.same_currency(other, "compare")?;
        Ok(self.amount.cmp(&other.amount))
    }

    /// Rounds to the currency's minor units (cents for USD, yen for JPY, fils for KWD).
    ///
    /// # Example
    /// ```
    /// use landed_cost::{Money, RoundingMode};
    /// let m: Money = "-2.345 USD".parse()?;
    /// assert_eq!(m.round(RoundingMode::HalfEven), "-2.34 USD".parse()?);
    /// assert_eq!(m.round(RoundingMode::HalfAwayFromZero), "-2.35 USD".parse()?);
    /// assert_eq!("1234.5 JPY".parse::<Money>()?.round(RoundingMode::HalfEven), "1234 JPY".parse()?);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn round(self, mode: RoundingMode) -> Money {
        self.round_dp(self.currency.minor_units(), mode)
    }

    /// Rounds to `decimal_places` digits (0 for the whole dollars of 19 CFR 159.3).
    ///
    /// # Example
    /// ```
    /// use landed_cost::{Money, RoundingMode};
    /// let m: Money = "2800.50 USD".parse()?;
    /// assert_eq!(m.round_dp(0, RoundingMode::HalfAwayFromZero), "2801 USD".parse()?);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn round_dp(self, decimal_places: u32, mode: RoundingMode) -> Money {
        Money::new(mode.round(self.amount, decimal_places), self.currency)
    }
}

impl FromStr for Money {
    type Err = Error;

    /// Parses `"19.99 USD"` or `"USD 19.99"` (one or more spaces between). The amount is a plain
    /// decimal: no exponent, no thousands separator.
    fn from_str(s: &str) -> Result<Self> {
        let mut parts = s.split_whitespace();
        let (Some(first), Some(second), None) = (parts.next(), parts.next(), parts.next()) else {
            return Err(Error::parse(
                "money",
                s,
                "expected an amount and an ISO 4217 code separated by a space, such as \"19.99 USD\" or \"USD 19.99\"",
            ));
        };
        let first_is_code = first.len() == 3 && first.chars().all(|c| c.is_ascii_alphabetic());
        let (number, code) = if first_is_code {
            (second, first)
        } else {
            (first, second)
        };
        let currency: Currency = code.parse()?;
        let amount =
            parse_plain_decimal(number).map_err(|reason| Error::parse("money", s, reason))?;
        Ok(Money::new(amount, currency))
    }
}

impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let text = format!("{} {}", self.amount, self.currency);
        f.pad(&text)
    }
}

impl fmt::Debug for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Money({self})")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(s: &str) -> Money {
        s.parse().unwrap()
    }

    #[test]
    fn parses_both_orders() {
        assert_eq!(m("19.99 USD"), m("USD 19.99"));
        assert_eq!(m("  19.99   usd "), m("19.99 USD"));
        assert_eq!(m("-5 EUR").amount(), Decimal::from(-5));
    }

    #[test]
    fn rejects_bad_text() {
        for bad in [
            "",
            "USD",
            "19.99",
            "19.99 USD EUR",
            "1e3 USD",
            "NaN USD",
            "19.99 XXX1",
            "1,000 USD",
            "USD USD",
            "19.99 ZZZ",
            "999999999999999999999999999999 USD",
        ] {
            assert!(bad.parse::<Money>().is_err(), "{bad:?}");
        }
    }

    #[test]
    fn serde_shape() {
        let json = serde_json::to_string(&m("19.99 USD")).unwrap();
        assert_eq!(json, r#"{"amount":"19.99","currency":"USD"}"#);
        let back: Money = serde_json::from_str(&json).unwrap();
        assert_eq!(back, m("19.99 USD"));
        assert!(serde_json::from_str::<Money>(r#"{"amount":"x","currency":"USD"}"#).is_err());
        assert!(serde_json::from_str::<Money>(r#"{"amount":"1","currency":"ZZZ"}"#).is_err());
        for bad in [
            r#"{"amount":1.5,"currency":"USD"}"#,
            r#"{"amount":"1e3","currency":"USD"}"#,
            r#"{"amount":"1_000","currency":"USD"}"#,
            r#"{"amount":"NaN","currency":"USD"}"#,
            r#"{"amount":"1","currency":"USD","extra":1}"#,
        ] {
            assert!(serde_json::from_str::<Money>(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn arithmetic_checks_currency_and_overflow() {
        assert!(matches!(
            m("1 USD").checked_add(m("1 EUR")),
            Err(Error::CurrencyMismatch { .. })
        ));
        let max = Money::new(Decimal::MAX, Currency::USD);
        assert!(matches!(
            max.checked_add(m("1 USD")),
            Err(Error::Overflow { .. })
        ));
        assert!(matches!(
            max.checked_mul(Decimal::TWO),
            Err(Error::Overflow { .. })
        ));
        assert!(max.negate().checked_sub(m("1 USD")).is_err());
    }

    #[test]
    fn display_is_not_rounded() {
        assert_eq!(m("0.3464 USD").to_string(), "0.3464 USD");
        assert_eq!(format!("{:>12}", m("1.5 USD")), "     1.5 USD");
    }
}
