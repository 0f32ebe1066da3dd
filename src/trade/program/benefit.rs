//! What a program offers a merchant: a [`Benefit`] of a [`BenefitKind`], priced per unit where
//! it has a rate (a commission rebate, a fee waiver).

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::money::{Money, Rate};

/// A kind of benefit a program offers.
///
/// # Example
/// ```
/// use landed_cost::trade::BenefitKind;
/// assert_eq!(serde_json::from_str::<BenefitKind>("\"ai_live_stream_hosts\"")?, BenefitKind::AiLiveStreamHosts);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum BenefitKind {
    /// A share of the platform commission returned to the merchant (`rate`: the share).
    CommissionRebate,
    /// Platform fees waived (`rate`: the share of the technical and annual fees waived).
    FeeWaiver,
    /// Traffic, exposure or a dedicated sales area.
    TrafficSupport,
    /// The platform buys the goods (`amount`: the budget).
    ProcurementCommitment,
    /// AI ("virtual human") live-stream hosts.
    AiLiveStreamHosts,
    /// Simpler, faster onboarding.
    FastTrackListing,
    /// Money set aside for a purpose (`amount`).
    Funding,
}

/// One benefit of a program. Only [`BenefitKind::CommissionRebate`] and
/// [`BenefitKind::FeeWaiver`] with a `rate` change a unit's margin; the others are recorded.
///
/// # Example
/// ```
/// use landed_cost::trade::{Benefit, BenefitKind};
/// let b = Benefit::commission_rebate("50%".parse()?)?;
/// assert_eq!(b.kind, BenefitKind::CommissionRebate);
/// assert!(Benefit::commission_rebate("150%".parse()?).is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Benefit {
    /// What kind of benefit.
    pub kind: BenefitKind,
    /// What was reported.
    pub description: String,
    /// A share (of the commission or fees), if reported or assumed.
    pub rate: Option<Rate>,
    /// An amount, if reported.
    pub amount: Option<Money>,
}

impl Benefit {
    /// An assumed commission rebate: `share` of the platform commission returned (0–100%).
    ///
    /// # Errors
    /// [`Error::InvalidValue`] if the share is outside 0–100%.
    ///
    /// # Example
    /// See [`Benefit`].
    pub fn commission_rebate(share: Rate) -> Result<Benefit> {
        let benefit = Benefit {
            kind: BenefitKind::CommissionRebate,
            description: format!("assumed: {share} of the commission returned"),
            rate: Some(share),
            amount: None,
        };
        benefit.validate()?;
        Ok(benefit)
    }

    /// An assumed fee waiver: `share` of the technical and annual fees waived (0–100%).
    ///
    /// # Errors
    /// [`Error::InvalidValue`] if the share is outside 0–100%.
    ///
    /// # Example
    /// ```
    /// let b = landed_cost::trade::Benefit::fee_waiver("100%".parse()?)?;
    /// assert_eq!(b.rate.map(|r| r.to_string()), Some("100%".to_string()));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn fee_waiver(share: Rate) -> Result<Benefit> {
        let benefit = Benefit {
            kind: BenefitKind::FeeWaiver,
            description: format!("assumed: {share} of the technical and annual fees waived"),
            rate: Some(share),
            amount: None,
        };
        benefit.validate()?;
        Ok(benefit)
    }

    /// Checks that a share is within 0–100% and an amount is not negative.
    ///
    /// # Errors
    /// [`Error::InvalidValue`] naming the benefit.
    ///
    /// # Example
    /// ```
    /// let b = landed_cost::trade::Benefit::fee_waiver("10%".parse()?)?;
    /// assert!(b.validate().is_ok());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn validate(&self) -> Result<()> {
        if let Some(rate) = self.rate {
            if rate < Rate::ZERO || rate > Rate::ONE_HUNDRED_PERCENT {
                return Err(Error::invalid(
                    "program benefit",
                    format!("the share {rate} of {:?} is outside 0% to 100%", self.kind),
                ));
            }
        }
        if self.amount.is_some_and(Money::is_negative) {
            return Err(Error::invalid(
                "program benefit",
                format!("the amount of {:?} is negative", self.kind),
            ));
        }
        Ok(())
    }
}
