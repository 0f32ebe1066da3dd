//! [`Warning`]: what a result assumed or could not check, with a stable code a program can act
//! on.
//!
//! Quotes ([`LandedCost::warnings`](crate::LandedCost::warnings)) and what-applies answers
//! ([`Applicability::warnings`](crate::tariff::Applicability::warnings)) carry their warnings as
//! values: a [`WarningCode`] that stays the same from release to release, and a message for a
//! person. In JSON a warning is `{"code": "stale_exchange_rate", "message": "..."}`.
//!
//! | code | when |
//! |---|---|
//! | `measure_warning` | a measure's own data warning (a country rate not modelled, metals restructured) |
//! | `claim_required` | a line references an exclusion that applies only if claimed |
//! | `higher_rate_chosen` | a line is referred to two headings of one authority; the higher rate is charged |
//! | `one_source_fact` | a figure used is confirmed by one source only |
//! | `rules_known_through` | the date is after the last dated change the rules hold |
//! | `fee_year_assumed` | no fee schedule for the entry's fiscal year; the latest year's is used |
//! | `stale_exchange_rate` | the newest exchange rate is older than the period it covers |
//! | `certified_rate` | converted at a certified rate the caller supplied |
//! | `reference_rate` | converted at a reference rate (ECB) standing in for the customs rate |
//! | `treasury_reporting_rate` | converted at a US Treasury reporting rate standing in for the customs rate |
//! | `postal_method_assumed` | the postal duty method was not given; ad valorem assumed |
//! | `de_minimis_assumption` | de minimis assumes the shipment is the consignee's only import that day |
//! | `line_rates_not_used` | a line's `rates` were given for an importer whose tariff is embedded |
//! | `metal_content_not_declared` | a metal-content duty was charged on the full value |
//! | `personal_import_share` | a personal import is taxed on a share of its price |
//! | `cross_border_retail` | China's cross-border retail regime assumes the buyer's annual limit holds |
//! | `cross_border_retail_over_limit` | an order is above the cross-border retail limit |
//! | `tax_rule_warning` | a tax rule's own data warning (what it leaves out) |
//! | `tax_rate_not_given` | an optional tax rate was not given; the goods are taken not to be subject to it |
//! | `import_prohibited` | goods of the origin may not be imported into the US without an OFAC licence |

use std::borrow::Cow;
use std::fmt;
use std::hash::{Hash, Hasher};
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::error::Error;

/// Generates [`WarningCode`] with its codes, in one table.
macro_rules! warning_codes {
    ($($(#[$doc:meta])* $variant:ident = $code:literal,)*) => {
        /// What kind of warning a [`Warning`] is; [`WarningCode::as_str`] is its stable code.
        ///
        /// The enum is `#[non_exhaustive]`: later releases add codes, so match with a wildcard
        /// arm. A code, once released, keeps its meaning.
        ///
        /// # Example
        /// ```
        /// use landed_cost::WarningCode;
        /// assert_eq!(WarningCode::StaleExchangeRate.as_str(), "stale_exchange_rate");
        /// assert_eq!("rules_known_through".parse::<WarningCode>()?, WarningCode::RulesKnownThrough);
        /// # Ok::<(), Box<dyn std::error::Error>>(())
        /// ```
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        pub enum WarningCode {
            $($(#[$doc])* $variant,)*
        }

        impl WarningCode {
            /// Every code, in the order of the table above.
            ///
            /// # Example
            /// ```
            /// use landed_cost::WarningCode;
            /// assert!(WarningCode::ALL.contains(&WarningCode::OneSourceFact));
            /// ```
            pub const ALL: &'static [WarningCode] = &[$(WarningCode::$variant,)*];

            /// The stable snake_case code (`"stale_exchange_rate"`).
            ///
            /// # Example
            /// ```
            /// use landed_cost::WarningCode;
            /// assert_eq!(WarningCode::RulesKnownThrough.as_str(), "rules_known_through");
            /// ```
            #[must_use]
            pub const fn as_str(self) -> &'static str {
                match self {
                    $(WarningCode::$variant => $code,)*
                }
            }
        }

        impl std::str::FromStr for WarningCode {
            type Err = Error;
            fn from_str(s: &str) -> Result<WarningCode, Error> {
                match s {
                    $($code => Ok(WarningCode::$variant),)*
                    _ => Err(Error::parse(
                        "warning code",
                        s,
                        "not a known code; the codes are listed in the landed_cost::warning module",
                    )),
                }
            }
        }
    };
}

warning_codes! {
    /// A measure's own data warning (a country-specific rate not modelled, a restructuring
    /// after the data).
    MeasureWarning = "measure_warning",
    /// The line references an exclusion heading that applies only when claimed.
    ClaimRequired = "claim_required",
    /// The line is referred to two headings of one authority; the higher rate is charged.
    HigherRateChosen = "higher_rate_chosen",
    /// A figure the result uses is confirmed by one source only (the data says so).
    OneSourceFact = "one_source_fact",
    /// The date is after the last dated change the rules hold: the answer is from the rules as
    /// known.
    RulesKnownThrough = "rules_known_through",
    /// No fee schedule for the entry's fiscal year: the latest year's figures are used.
    FeeYearAssumed = "fee_year_assumed",
    /// The newest exchange rate is older than the period it covers.
    StaleExchangeRate = "stale_exchange_rate",
    /// Converted at a certified rate the caller supplied.
    CertifiedRate = "certified_rate",
    /// Converted at a reference rate (the ECB's) standing in for the customs rate.
    ReferenceRate = "reference_rate",
    /// Converted at a US Treasury reporting rate standing in for the customs rate.
    TreasuryReportingRate = "treasury_reporting_rate",
    /// The postal duty method was not given; ad valorem is assumed.
    PostalMethodAssumed = "postal_method_assumed",
    /// De minimis assumes the shipment is all the consignee imports on the entry date.
    DeMinimisAssumption = "de_minimis_assumption",
    /// A line's `rates` were given for an importer whose tariff is embedded; they are not used.
    LineRatesNotUsed = "line_rates_not_used",
    /// No metal content was declared; the metal-content duty is charged on the full value.
    MetalContentNotDeclared = "metal_content_not_declared",
    /// A personal import is taxed on a share of its price.
    PersonalImportShare = "personal_import_share",
    /// China's cross-border retail regime assumes the buyer stays within the annual limit.
    CrossBorderRetail = "cross_border_retail",
    /// The order is above the cross-border retail limit: general trade applies.
    CrossBorderRetailOverLimit = "cross_border_retail_over_limit",
    /// A tax rule's own data warning (what it leaves out).
    TaxRuleWarning = "tax_rule_warning",
    /// An optional tax rate was not given: the goods are taken not to be subject to it.
    TaxRateNotGiven = "tax_rate_not_given",
    /// A measure may cover the goods but the data does not hold the products it lists (a U.S.
    /// note's product list): it is not charged, and the result says so.
    CoverageNotModelled = "coverage_not_modelled",
    /// A duty was charged assuming an exemption the importer can claim (the USMCA) is absent.
    ClaimAssumedAbsent = "claim_assumed_absent",
    /// No date of loading was given; the date of exportation was taken, and an in-transit rule
    /// depended on it.
    LoadingDateAssumed = "loading_date_assumed",
    /// A postal parcel holds goods of several origins under different postal treatments.
    MixedOriginParcel = "mixed_origin_parcel",
    /// A measure's product list covers some statistical suffixes of the code given: give the
    /// 10-digit code to know whether it applies.
    StatisticalSuffixNeeded = "statistical_suffix_needed",
    /// The line claims a trade preference (the USMCA) whose rate, in the HTS special column,
    /// the data does not hold: the general rate is charged, and the preferential one may be
    /// lower.
    PreferenceNotModelled = "preference_not_modelled",
    /// A heading the line claims is used by no measure in force on the entry date (an
    /// exclusion that has ended, say): the claim changed nothing.
    ClaimNotUsed = "claim_not_used",
    /// Goods of the origin may not be imported without a licence (the US sanctions
    /// regulations' country-wide import bans: Cuba, North Korea, Iran); the duties given are
    /// what a licensed entry pays.
    ImportProhibited = "import_prohibited",
}

impl fmt::Display for WarningCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.as_str())
    }
}

serde_as_text!(WarningCode);

/// A warning: a stable [`WarningCode`] and a message for a person. Displays as its message;
/// serializes as `{"code": "...", "message": "..."}`.
///
/// # Example
/// ```
/// use landed_cost::{Shipment, TariffBook, WarningCode};
/// let shipment: Shipment = serde_json::from_str(r#"{"importer":"US","origin":"BR","mode":"air",
///   "export_date":"2025-09-01","entry_date":"2025-09-03","currency":"USD",
///   "lines":[{"hts":"6402.99.90","value":"5000"}]}"#)?;
/// let quote = TariffBook::embedded().quote(&shipment)?;
/// let warning = quote.warnings.iter().find(|w| w.code() == WarningCode::MeasureWarning).unwrap();
/// assert!(warning.message().contains("exempt from the 40% duty"));
/// let json = serde_json::to_value(warning)?;
/// assert_eq!(json["code"], "measure_warning");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Warning {
    code: WarningCode,
    message: Message,
}

/// A warning's message: a text of its own, or one shared with the data it comes from (a
/// measure's warning, given to every result it applies to, is not copied into each).
#[derive(Clone)]
enum Message {
    Text(Cow<'static, str>),
    Shared(Arc<str>),
}

impl Message {
    fn as_str(&self) -> &str {
        match self {
            Message::Text(t) => t,
            Message::Shared(t) => t,
        }
    }
}

impl fmt::Debug for Message {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl PartialEq for Message {
    fn eq(&self, other: &Message) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Eq for Message {}

impl Hash for Message {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.as_str().hash(state);
    }
}

impl PartialOrd for Message {
    fn partial_cmp(&self, other: &Message) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Message {
    fn cmp(&self, other: &Message) -> std::cmp::Ordering {
        self.as_str().cmp(other.as_str())
    }
}

impl Serialize for Message {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for Message {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Message, D::Error> {
        String::deserialize(deserializer).map(|t| Message::Text(Cow::Owned(t)))
    }
}

impl Warning {
    /// A warning of `code` with `message`.
    ///
    /// # Example
    /// ```
    /// use landed_cost::{Warning, WarningCode};
    /// let w = Warning::new(WarningCode::OneSourceFact, "the informal MPF of FY2027 has one source");
    /// assert_eq!(w.to_string(), "the informal MPF of FY2027 has one source");
    /// ```
    #[must_use]
    pub fn new(code: WarningCode, message: impl Into<Cow<'static, str>>) -> Warning {
        Warning {
            code,
            message: Message::Text(message.into()),
        }
    }

    /// A warning of `code` whose message is shared with the data it comes from, not copied.
    pub(crate) fn shared(code: WarningCode, message: &Arc<str>) -> Warning {
        Warning {
            code,
            message: Message::Shared(Arc::clone(message)),
        }
    }

    /// The code.
    ///
    /// # Example
    /// ```
    /// use landed_cost::{Warning, WarningCode};
    /// let w = Warning::new(WarningCode::OneSourceFact, "the FY2027 informal MPF has one source");
    /// assert_eq!(w.code(), WarningCode::OneSourceFact);
    /// ```
    #[must_use]
    pub fn code(&self) -> WarningCode {
        self.code
    }

    /// The message.
    ///
    /// # Example
    /// ```
    /// use landed_cost::{Warning, WarningCode};
    /// let w = Warning::new(WarningCode::OneSourceFact, "the FY2027 informal MPF has one source");
    /// assert!(w.message().contains("FY2027"));
    /// ```
    #[must_use]
    pub fn message(&self) -> &str {
        self.message.as_str()
    }

    /// Whether the message contains `text` (for tests and filters).
    ///
    /// # Example
    /// ```
    /// use landed_cost::{Warning, WarningCode};
    /// assert!(Warning::new(WarningCode::PostalMethodAssumed, "postal method assumed").contains("assumed"));
    /// ```
    #[must_use]
    pub fn contains(&self, text: &str) -> bool {
        self.message.as_str().contains(text)
    }
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.message.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_snake_case_and_parse_back() {
        let mut seen = std::collections::HashSet::new();
        for code in WarningCode::ALL {
            let text = code.as_str();
            assert!(seen.insert(text), "{text} twice");
            assert!(text.chars().all(|c| c.is_ascii_lowercase() || c == '_'));
            assert_eq!(text.parse::<WarningCode>().unwrap(), *code);
        }
        assert!("no_such_code".parse::<WarningCode>().is_err());
    }

    #[test]
    fn json_form() {
        let w = Warning::new(WarningCode::StaleExchangeRate, "old");
        let json = serde_json::to_string(&w).unwrap();
        assert_eq!(json, r#"{"code":"stale_exchange_rate","message":"old"}"#);
        assert_eq!(serde_json::from_str::<Warning>(&json).unwrap(), w);
    }

    #[test]
    fn a_shared_message_is_the_same_warning() {
        let text: Arc<str> = Arc::from("a measure's note");
        let shared = Warning::shared(WarningCode::MeasureWarning, &text);
        let own = Warning::new(WarningCode::MeasureWarning, "a measure's note");
        assert_eq!(shared, own);
        assert_eq!(shared.cmp(&own), std::cmp::Ordering::Equal);
        let state = std::hash::RandomState::new();
        assert_eq!(
            std::hash::BuildHasher::hash_one(&state, &shared),
            std::hash::BuildHasher::hash_one(&state, &own)
        );
        assert_eq!(
            serde_json::to_string(&shared).unwrap(),
            serde_json::to_string(&own).unwrap()
        );
        assert_eq!(format!("{shared:?}"), format!("{own:?}"));
    }
}
