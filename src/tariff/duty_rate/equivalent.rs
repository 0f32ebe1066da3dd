//! The ad valorem equivalent a rate has without a base: the rate as a single percentage of the
//! value, when it is one.

use super::{Component, DutyRate, Formula, Repr};
use crate::money::Rate;

impl DutyRate {
    /// The rate as a single percentage of the value, when it is one: "Free" and "No additional
    /// duty" are 0%, "6.5%" is 6.5%; anything with a specific part, a min/max clause, a fraction
    /// of a percent or a named base is `None`.
    ///
    /// # Example
    /// ```
    /// use landed_cost::DutyRate;
    /// assert_eq!("6.5%".parse::<DutyRate>()?.ad_valorem_rate().map(|r| r.to_string()), Some("6.5%".into()));
    /// assert_eq!("Free".parse::<DutyRate>()?.ad_valorem_rate().map(|r| r.to_string()), Some("0%".into()));
    /// assert_eq!("90 cents/pr. + 37.5%".parse::<DutyRate>()?.ad_valorem_rate(), None);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn ad_valorem_rate(&self) -> Option<Rate> {
        match &self.repr {
            Repr::Free { .. } | Repr::NoAdditionalDuty => Some(Rate::ZERO),
            Repr::Formula(Formula::One(Component::AdValorem(a)))
                if a.fraction.is_none() && a.base.is_none() =>
            {
                Some(a.rate)
            }
            _ => None,
        }
    }
}
