//! Why a measure applies to goods, or why it was considered and not applied.
//!
//! [`TariffBook::applicable`](crate::TariffBook::applicable) answers thousands of times a second
//! in a batch, and most callers never print the reasons. So a reason is kept as the borrowed facts
//! it is made of (the measure, the rule, the dates) and rendered as text only when displayed.

use std::fmt;
use std::sync::Arc;

use chrono::NaiveDate;

use crate::country::CountryCode;
use crate::hs::HsCode;
use crate::market::us::Column2Country;
use crate::tariff::measure::{Authority, InTransitRule, Measure};
use crate::tariff::product_list::ListEntry;
use crate::tariff::DutyRate;
use crate::validity::IsoDate;

/// Why a duty applies; [`Display`](fmt::Display) renders the one-line explanation.
///
/// # Example
/// ```
/// use landed_cost::{tariff::TariffBook, CountryCode};
/// let what = TariffBook::embedded().applicable(&"6402.99.90".parse()?, CountryCode::CN, "2025-04-15".parse()?, None)?;
/// let mfn = &what.applied[0];
/// assert_eq!(mfn.reason.to_string(), "general (MFN) rate of 6402.99.90 in the HTS 2025 revision 12");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
#[non_exhaustive]
pub enum AppliedReason<'a> {
    /// The general (MFN) rate of the HTS line in the edition in force.
    Mfn {
        /// The HTS line.
        code: HsCode,
        /// The edition's name.
        edition: &'a str,
    },
    /// The column 2 rate of the HTS line in the edition in force, which goods of a country of
    /// general note 3(b) pay instead of the general rate.
    Column2 {
        /// The HTS line.
        code: HsCode,
        /// The edition's name.
        edition: &'a str,
        /// The country's entry in the list of column 2 countries.
        country: &'a Arc<Column2Country>,
    },
    /// A measure in force on the entry date covers the goods.
    Measure {
        /// The measure.
        measure: &'a Arc<Measure>,
        /// Set when the measure charges only the value other than the Section 232 metal
        /// content: the Section 232 measure that charges the metal, and the heading
        /// declared for the rest.
        non_metal: Option<(&'a Arc<Measure>, HsCode)>,
    },
    /// An in-transit rule replaces the measure's rate.
    InTransit {
        /// The measure.
        measure: &'a Arc<Measure>,
        /// The rule.
        rule: &'a InTransitRule,
        /// The rate the rule charges.
        rate: &'a DutyRate,
        /// The date of loading.
        loaded: NaiveDate,
        /// As for [`AppliedReason::Measure`].
        non_metal: Option<(&'a Arc<Measure>, HsCode)>,
    },
}

impl<'a> AppliedReason<'a> {
    /// The same reason, restricted to the value other than the Section 232 metal content that
    /// `key` charges, declared under `heading`.
    pub(crate) fn on_non_metal_value(self, key: &'a Arc<Measure>, heading: HsCode) -> Self {
        match self {
            AppliedReason::Measure { measure, .. } => AppliedReason::Measure {
                measure,
                non_metal: Some((key, heading)),
            },
            AppliedReason::InTransit {
                measure,
                rule,
                rate,
                loaded,
                ..
            } => AppliedReason::InTransit {
                measure,
                rule,
                rate,
                loaded,
                non_metal: Some((key, heading)),
            },
            line @ (AppliedReason::Mfn { .. } | AppliedReason::Column2 { .. }) => line,
        }
    }
}

/// The reason of a column 2 duty, in the words both [`AppliedReason`] and a quote's charge
/// write.
pub(crate) fn column2_words(
    f: &mut fmt::Formatter<'_>,
    code: HsCode,
    edition: &str,
    country: CountryCode,
) -> fmt::Result {
    write!(
        f,
        "column 2 rate of {code} in the HTS {edition}: goods of {country}, a country of general note 3(b)"
    )
}

/// Writes " and entered before {date}" for a rule with an entry window.
struct Window(Option<NaiveDate>);

impl fmt::Display for Window {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            Some(e) => write!(f, " and entered before {}", IsoDate(e)),
            None => Ok(()),
        }
    }
}

fn non_metal_suffix(
    f: &mut fmt::Formatter<'_>,
    non_metal: Option<(&Arc<Measure>, HsCode)>,
) -> fmt::Result {
    match non_metal {
        Some((metal, heading)) => write!(
            f,
            " on the value other than the Section 232 metal content ({} charges the metal content; {heading})",
            metal.key
        ),
        None => Ok(()),
    }
}

impl fmt::Display for AppliedReason<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            // Written piece by piece, as the most common reasons are written for every result.
            AppliedReason::Mfn { code, edition } => {
                f.write_str("general (MFN) rate of ")?;
                f.write_str(&code.dotted())?;
                f.write_str(" in the HTS ")?;
                f.write_str(edition)
            }
            AppliedReason::Column2 {
                code,
                edition,
                country,
            } => column2_words(f, code, edition, country.country),
            AppliedReason::Measure { measure, non_metal } => {
                f.write_str(&measure.heading.dotted())?;
                f.write_str(": ")?;
                f.write_str(&measure.title)?;
                f.write_str(" from ")?;
                fmt::Display::fmt(&IsoDate(measure.valid_from), f)?;
                non_metal_suffix(f, non_metal)
            }
            AppliedReason::InTransit {
                measure,
                rule,
                rate,
                loaded,
                non_metal,
            } => {
                write!(
                    f,
                    "{}: {} at {rate} for goods in transit (loaded {}, before {}{})",
                    rule.heading,
                    measure.title,
                    IsoDate(loaded),
                    IsoDate(rule.loaded_before),
                    Window(rule.entered_before)
                )?;
                non_metal_suffix(f, non_metal)
            }
        }
    }
}

/// Why a measure that covers the goods on the date was not applied;
/// [`Display`](fmt::Display) renders the one-line explanation.
///
/// # Example
/// ```
/// use landed_cost::{tariff::{ExclusionReason, TariffBook}, CountryCode};
/// let book = TariffBook::embedded();
/// // Loaded 1 April, entered 20 April 2025: the reciprocal duty is waived in transit.
/// let what = book.applicable(&"6402.99.90".parse()?, CountryCode::CN, "2025-04-20".parse()?, Some("2025-04-01".parse()?))?;
/// let waived = what.excluded.iter().find(|e| matches!(e.reason, ExclusionReason::InTransit { .. })).unwrap();
/// assert!(waived.reason.to_string().starts_with("in transit: loaded 2025-04-01"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
#[non_exhaustive]
pub enum ExclusionReason<'a> {
    /// The measure applies only to the products its heading describes; the importer did not
    /// claim it.
    ClaimRequired {
        /// The heading to claim.
        heading: HsCode,
    },
    /// The goods were in transit when the measure took effect.
    InTransit {
        /// The in-transit rule.
        rule: &'a InTransitRule,
        /// The date of loading.
        loaded: NaiveDate,
    },
    /// The goods are on a product list that exempts them (Annex II, for example).
    OnList {
        /// The list's name.
        list: &'a str,
        /// The goods' code.
        code: HsCode,
        /// The list entry that matched.
        entry: &'a ListEntry,
        /// The heading declared for the exemption.
        heading: HsCode,
    },
    /// Another measure that applies supersedes this one.
    Superseded {
        /// The other measure's key.
        by: &'a str,
    },
    /// The goods are subject to another authority's measure, which excludes this one.
    OtherAuthority {
        /// The other authority.
        authority: Authority,
        /// The other measure's key.
        key: &'a str,
        /// The heading declared for the exemption.
        heading: HsCode,
    },
    /// The importer claims the exemption: a chapter-99 heading, or entry under the USMCA.
    Claimed {
        /// The exemption's heading.
        heading: HsCode,
        /// The claim is that the goods are entered under the USMCA.
        usmca: bool,
    },
    /// The measure excepts the goods' products (a prefix of its exceptions covers them).
    ExceptedProducts {
        /// The goods' code.
        code: HsCode,
        /// The heading declared for the excepted goods.
        heading: HsCode,
    },
    /// A measure declared under a heading this one names as an exception applies.
    OtherHeading {
        /// The other measure's key.
        key: &'a str,
        /// The other measure's heading.
        heading: HsCode,
    },
    /// Another measure of the same authority covers the line at a higher rate.
    HigherRate {
        /// The other measure's heading.
        heading: HsCode,
        /// Its rate.
        rate: &'a DutyRate,
    },
}

impl fmt::Display for ExclusionReason<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            ExclusionReason::ClaimRequired { heading } => write!(
                f,
                "{heading} applies only to products it describes; claim it to apply it"
            ),
            ExclusionReason::InTransit { rule, loaded } => write!(
                f,
                "in transit: loaded {}, before {}{} ({})",
                IsoDate(loaded),
                IsoDate(rule.loaded_before),
                Window(rule.entered_before),
                rule.heading
            ),
            ExclusionReason::OnList {
                list,
                code,
                entry,
                heading,
            } => write!(
                f,
                "{code} is on the {list} list (prefix {}, from {}; declared under {heading})",
                entry.prefix,
                IsoDate(entry.from)
            ),
            ExclusionReason::Superseded { by } => write!(f, "superseded by {by}"),
            ExclusionReason::OtherAuthority {
                authority,
                key,
                heading,
            } => write!(
                f,
                "goods subject to {authority} ({key}); declared under {heading}"
            ),
            ExclusionReason::Claimed {
                heading,
                usmca: true,
            } => write!(
                f,
                "entered under the USMCA (claimed; declared under {heading})"
            ),
            ExclusionReason::Claimed {
                heading,
                usmca: false,
            } => write!(f, "exemption {heading} claimed"),
            ExclusionReason::ExceptedProducts { code, heading } => {
                write!(f, "{code} is excepted (declared under {heading})")
            }
            ExclusionReason::OtherHeading { key, heading } => {
                write!(f, "{heading} ({key}) applies instead")
            }
            ExclusionReason::HigherRate { heading, rate } => write!(
                f,
                "{heading} also covers the line at a higher rate ({rate})"
            ),
        }
    }
}
