//! The canonical text of a [`DutyRate`] and its components, which parses back to an equal rate.

use std::fmt;

use rust_decimal::Decimal;

use super::{AdValorem, Component, DutyRate, Repr, Specific};
use crate::money::Currency;
use crate::quantity::Unit;

impl fmt::Display for AdValorem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut text = match self.fraction {
            None => self.rate.to_string(),
            Some((numerator, denominator)) if self.rate.is_zero() => {
                format!("{numerator}/{denominator}%")
            }
            Some((numerator, denominator)) => {
                format!("{} {numerator}/{denominator}%", self.rate.percent())
            }
        };
        if let Some(base) = self.base() {
            text.push(' ');
            text.push_str(base);
        }
        f.pad(&text)
    }
}

impl fmt::Display for Specific {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let amount = self.amount.amount().normalize();
        let mut text = if self.amount.currency() == Currency::USD {
            if amount < Decimal::ONE {
                let cents = amount
                    .checked_mul(Decimal::ONE_HUNDRED)
                    .unwrap_or(amount)
                    .normalize();
                format!("{cents} cents")
            } else {
                format!("${amount}")
            }
        } else {
            format!("{amount} {}", self.amount.currency())
        };
        if self.unit == Unit::Each && self.per == 1 && self.qualifier.is_none() {
            text.push_str(" each");
        } else {
            text.push('/');
            if self.per != 1 {
                text.push_str(&self.per.to_string());
                text.push(' ');
            }
            text.push_str(&self.unit.rate_spelling());
        }
        if let Some(qualifier) = self.qualifier() {
            if !qualifier.starts_with(',') {
                text.push(' ');
            }
            text.push_str(qualifier);
        }
        f.pad(&text)
    }
}

impl fmt::Display for Component {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Component::AdValorem(ad_valorem) => fmt::Display::fmt(ad_valorem, f),
            Component::Specific(specific) => fmt::Display::fmt(specific, f),
        }
    }
}

fn write_terms(text: &mut String, terms: &[Component]) {
    for (i, term) in terms.iter().enumerate() {
        if i > 0 {
            text.push_str(" + ");
        }
        text.push_str(&term.to_string());
    }
}

impl fmt::Display for DutyRate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.repr {
            Repr::Free { condition: None } => f.pad("Free"),
            Repr::Free {
                condition: Some(condition),
            } => f.pad(&format!("Free, {condition}")),
            Repr::NoAdditionalDuty => f.pad("No additional duty"),
            Repr::NotComputable(text) => f.pad(&text.text),
            Repr::Formula(formula) => {
                let mut text = String::new();
                write_terms(&mut text, formula.terms());
                if let Some(minimum) = formula.minimum() {
                    text.push_str(" min ");
                    write_terms(&mut text, minimum);
                }
                if let Some(maximum) = formula.maximum() {
                    text.push_str(" max ");
                    write_terms(&mut text, maximum);
                }
                f.pad(&text)
            }
        }
    }
}
