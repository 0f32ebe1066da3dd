//! [`Text`]: a text of a quote (a fee's explanation, a reason), and the facts a duty's
//! explanation is written from, kept as they are and written out only when displayed or
//! serialized.
//!
//! A quote explains every cent, but a catalogue re-pricing of a hundred thousand shipments
//! rarely prints an explanation. Rendering them eagerly was most of a quote's cost, so a charge
//! keeps its explanation as shared, already-built parts (the measure, the edition's name, the
//! amounts) and renders it on demand, always to the same words.

use std::fmt;
use std::sync::Arc;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::country::CountryCode;
use crate::hs::HsCode;
use crate::landed::json::{self, Dec, Percent, RateText};
use crate::landed::not_charged::NotCharged;
use crate::money::Rate;
use crate::tariff::hts::Edition;
use crate::tariff::{AppliedReason, Authority, DutyRate, Measure, Metal, Treatment};

mod de_minimis;
mod figures;
use de_minimis::{de_minimis_above, de_minimis_within, no_de_minimis};
use figures::Figures;

/// A one-line text of a quote (a fee's explanation, a reason a measure was not charged, the de
/// minimis decision) that is written out when displayed or serialized. It compares, prints and
/// serializes as the text it reads.
///
/// # Example
/// ```
/// use landed_cost::{landed::Text, Shipment, TariffBook};
/// let shipment: Shipment = serde_json::from_str(r#"{"importer":"US","origin":"CN","mode":"ocean",
///   "export_date":"2025-01-10","entry_date":"2025-01-20","currency":"USD",
///   "lines":[{"hts":"2516.90.00","value":"10000.00"}]}"#)?;
/// let quote = TariffBook::embedded().quote(&shipment)?;
/// assert_eq!(
///     quote.fees[1].explanation.to_string(),
///     "HMF 0.125% of the value $10000 (ocean shipment)"
/// );
/// assert_eq!(quote.fees[1].explanation, Text::from("HMF 0.125% of the value $10000 (ocean shipment)"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone)]
pub struct Text(Repr);

#[derive(Clone)]
enum Repr {
    Owned(String),
    Shared(Arc<str>),
    /// A formal MPF: the entered value, the rate's fraction, the fee at the rate and the bound
    /// that set the fee (zero for none), held in a few bytes each ([`Figures`]).
    MpfFormal {
        figures: Figures<4>,
        fiscal_year: i16,
        bound: BoundKind,
    },
    /// An informal MPF: the entered value and the formal-entry threshold.
    MpfInformal {
        figures: Figures<2>,
        fiscal_year: i16,
    },
    Hmf {
        rate: Rate,
        entered: Decimal,
    },
    /// No exemption for the origin on the entry date, with the exemption that ended for it
    /// (when it ended, and its citation), if the data holds one.
    NoDeMinimis {
        origin: CountryCode,
        entry: NaiveDate,
        ended: Option<(NaiveDate, Arc<str>)>,
    },
    /// A value above the de minimis threshold.
    DeMinimisAbove {
        value: Decimal,
        threshold: Decimal,
    },
    /// A value at or below the threshold (the value and threshold, in [`Figures`]), with the
    /// exemption's citation.
    DeMinimisWithin {
        within: Arc<str>,
        figures: Figures<2>,
    },
    NotCharged(NotCharged),
}

/// Why a duty applies, beside the charge's own authority, rate, base and amount.
#[derive(Clone)]
pub(crate) struct DutyWhy {
    pub(crate) base_text: BaseText,
    /// Whether US content was taken off the base (9903.01.34).
    pub(crate) less_us_content: bool,
    /// For a column 2 duty, the country of general note 3(b) whose goods pay it (its reason is
    /// the edition's, as for MFN); held here, in the struct's padding, to keep charges small.
    pub(crate) column2: Option<CountryCode>,
    pub(crate) reason: Reason,
}

impl DutyWhy {
    /// Writes the explanation of a duty with these facts.
    pub(crate) fn fmt(
        &self,
        authority: Authority,
        heading: HsCode,
        rate: &DutyRate,
        base: Decimal,
        amount: Decimal,
        f: &mut fmt::Formatter<'_>,
    ) -> fmt::Result {
        let base_text = match self.base_text {
            BaseText::CustomsValue => "customs value",
            BaseText::Metal(Metal::Steel) => "steel content",
            BaseText::Metal(Metal::Aluminum) => "aluminum content",
            BaseText::Metal(Metal::Copper) => "copper content",
            BaseText::MetalNotDeclared => "full value (metal content not declared)",
            BaseText::NonMetalValue => "value less Section 232 metal content",
        };
        let us = if self.less_us_content {
            " less US content (9903.01.34)"
        } else {
            ""
        };
        // Ad valorem bases are whole dollars (19 CFR 159.3), written so.
        let base = if base.fract().is_zero() {
            base.trunc()
        } else {
            base
        };
        // Written piece by piece (the words of "{authority} {rate} on the {base_text}{us}
        // ${base} = ${amount}: "): an explanation is written for every charge of every result.
        f.write_str(authority.as_str())?;
        f.write_str(" ")?;
        fmt::Display::fmt(&RateText(rate), f)?;
        f.write_str(" on the ")?;
        f.write_str(base_text)?;
        f.write_str(us)?;
        f.write_str(" $")?;
        fmt::Display::fmt(&Dec(base), f)?;
        f.write_str(" = $")?;
        fmt::Display::fmt(&Dec(amount), f)?;
        f.write_str(": ")?;
        match (self.column2, &self.reason) {
            (Some(country), Reason::Mfn { label }) => {
                crate::tariff::column2_words(f, heading, Edition::name_in_label(label), country)
            }
            _ => self.reason.fmt(heading, f),
        }
    }
}

/// What the rate of a duty was applied to.
#[derive(Clone, Copy)]
pub(crate) enum BaseText {
    CustomsValue,
    Metal(Metal),
    MetalNotDeclared,
    NonMetalValue,
}

/// Why a duty applies: the owned counterpart of [`AppliedReason`], by reference to the book's
/// measures and editions (a few words per charge).
#[derive(Clone)]
pub(crate) enum Reason {
    /// The MFN rate of the HTS line that is the charge's heading.
    Mfn {
        /// The edition's label ("HTS 2025 basic"), the charge's source.
        label: Arc<str>,
    },
    Measure {
        measure: Arc<Measure>,
        /// The index of the in-transit rule and the date of loading, when a rule set the rate.
        transit: Option<(u16, NaiveDate)>,
        /// The Section 232 measure whose non-metal value this duty is on, with the heading
        /// declared (rare, so held apart).
        non_metal: Option<Box<(Arc<Measure>, HsCode)>>,
    },
}

impl Reason {
    /// The owned reason of an applied duty; `label` is the label of the HTS edition used.
    pub(crate) fn of(reason: &AppliedReason<'_>, label: &Arc<str>) -> Reason {
        match *reason {
            AppliedReason::Mfn { .. } => Reason::Mfn {
                label: Arc::clone(label),
            },
            // The charge's authority says it is column 2 (and its `column2` the country).
            AppliedReason::Column2 { .. } => Reason::Mfn {
                label: Arc::clone(label),
            },
            AppliedReason::Measure { measure, non_metal } => Reason::Measure {
                measure: Arc::clone(measure),
                transit: None,
                non_metal: non_metal.map(|(m, h)| Box::new((Arc::clone(m), h))),
            },
            AppliedReason::InTransit {
                measure,
                rule,
                loaded,
                non_metal,
                ..
            } => Reason::Measure {
                measure: Arc::clone(measure),
                transit: measure
                    .in_transit
                    .iter()
                    .position(|r| std::ptr::eq(r, rule))
                    .and_then(|i| u16::try_from(i).ok())
                    .map(|i| (i, loaded)),
                non_metal: non_metal.map(|(m, h)| Box::new((Arc::clone(m), h))),
            },
        }
    }

    /// The source of the duty: the HTS edition for MFN, the measure's citation otherwise.
    pub(crate) fn source(&self) -> &Arc<str> {
        match self {
            Reason::Mfn { label, .. } => label,
            Reason::Measure { measure, .. } => &measure.citation,
        }
    }

    /// Writes the reason of a charge under `heading` with the same words as [`AppliedReason`].
    fn fmt(&self, heading: HsCode, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Reason::Mfn { label } => fmt::Display::fmt(
                &AppliedReason::Mfn {
                    code: heading,
                    edition: Edition::name_in_label(label),
                },
                f,
            ),
            Reason::Measure {
                measure,
                transit,
                non_metal,
            } => {
                let non_metal = non_metal.as_deref().map(|(m, h)| (m, *h));
                let rule = transit.and_then(|(i, loaded)| {
                    let rule = measure.in_transit.get(usize::from(i))?;
                    match &rule.treatment {
                        Treatment::Rate(rate) => Some((rule, rate, loaded)),
                        _ => None,
                    }
                });
                let reason = match rule {
                    Some((rule, rate, loaded)) => AppliedReason::InTransit {
                        measure,
                        rule,
                        rate,
                        loaded,
                        non_metal,
                    },
                    None => AppliedReason::Measure { measure, non_metal },
                };
                fmt::Display::fmt(&reason, f)
            }
        }
    }
}

/// What an MPF explanation is made of.
#[derive(Clone, Copy)]
pub(crate) struct Mpf {
    pub(crate) fiscal_year: i32,
    pub(crate) entered: Decimal,
    pub(crate) kind: MpfKind,
}

/// How the MPF was set.
#[derive(Clone, Copy)]
pub(crate) enum MpfKind {
    Informal {
        threshold: Decimal,
    },
    Formal {
        rate: Rate,
        raw: Decimal,
        bound: MpfBound,
    },
}

/// Whether the fiscal year's minimum or maximum set the MPF.
#[derive(Clone, Copy)]
pub(crate) enum MpfBound {
    None,
    Minimum(Decimal),
    Maximum(Decimal),
}

/// Which bound, if any, set the MPF: [`MpfBound`] without its amount, which a compact text
/// keeps among its figures.
#[derive(Clone, Copy)]
enum BoundKind {
    None,
    Minimum,
    Maximum,
}

impl MpfBound {
    /// The kind of bound and its amount (zero for none).
    fn split(self) -> (BoundKind, Decimal) {
        match self {
            MpfBound::None => (BoundKind::None, Decimal::ZERO),
            MpfBound::Minimum(v) => (BoundKind::Minimum, v),
            MpfBound::Maximum(v) => (BoundKind::Maximum, v),
        }
    }

    /// The bound of this kind with its amount.
    fn of(kind: BoundKind, amount: Decimal) -> MpfBound {
        match kind {
            BoundKind::None => MpfBound::None,
            BoundKind::Minimum => MpfBound::Minimum(amount),
            BoundKind::Maximum => MpfBound::Maximum(amount),
        }
    }
}

impl Mpf {
    /// The facts of an MPF explanation.
    fn at(fiscal_year: i16, entered: Decimal, kind: MpfKind) -> Mpf {
        Mpf {
            fiscal_year: i32::from(fiscal_year),
            entered,
            kind,
        }
    }
}

impl fmt::Display for Mpf {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.kind {
            MpfKind::Informal { threshold } => write!(
                f,
                "informal entry (value ${} below ${}): flat MPF of FY{} for an automated entry",
                Dec(self.entered),
                Dec(threshold),
                self.fiscal_year
            ),
            MpfKind::Formal { rate, raw, bound } => {
                // Piece by piece (every US result has an MPF): "MPF {rate} of the entered value
                // ${entered} = ${raw}", then ", raised to the FY{year} minimum ${min}" or
                // ", capped at the FY{year} maximum ${max}" where a bound set it.
                f.write_str("MPF ")?;
                fmt::Display::fmt(&Percent(rate), f)?;
                f.write_str(" of the entered value $")?;
                fmt::Display::fmt(&Dec(self.entered), f)?;
                f.write_str(" = $")?;
                fmt::Display::fmt(&Dec(raw), f)?;
                let bound = match bound {
                    MpfBound::None => None,
                    MpfBound::Minimum(min) => Some((", raised to the FY", " minimum $", min)),
                    MpfBound::Maximum(max) => Some((", capped at the FY", " maximum $", max)),
                };
                if let Some((to, which, amount)) = bound {
                    f.write_str(to)?;
                    fmt::Display::fmt(&self.fiscal_year, f)?;
                    f.write_str(which)?;
                    fmt::Display::fmt(&Dec(amount), f)?;
                }
                f.write_str(", per entry")
            }
        }
    }
}

impl Text {
    /// An MPF explanation, its figures held in a few bytes each; written out now in the rare
    /// case a figure does not fit ([`Figures::of`]).
    pub(crate) fn mpf(mpf: Mpf) -> Text {
        let compact = i16::try_from(mpf.fiscal_year).ok().and_then(|fiscal_year| {
            let repr = match mpf.kind {
                MpfKind::Informal { threshold } => Repr::MpfInformal {
                    figures: Figures::of([mpf.entered, threshold])?,
                    fiscal_year,
                },
                MpfKind::Formal { rate, raw, bound } => {
                    let (bound, amount) = bound.split();
                    Repr::MpfFormal {
                        figures: Figures::of([mpf.entered, rate.fraction(), raw, amount])?,
                        fiscal_year,
                        bound,
                    }
                }
            };
            Some(Text(repr))
        });
        compact.unwrap_or_else(|| Text::from(mpf.to_string()))
    }

    pub(crate) fn hmf(rate: Rate, entered: Decimal) -> Text {
        Text(Repr::Hmf { rate, entered })
    }

    /// No de minimis exemption for goods of `origin` entered on `entry`; `ended`: the
    /// exemption that ended for them, the first date it no longer applied and its citation.
    pub(crate) fn no_de_minimis(
        origin: CountryCode,
        entry: NaiveDate,
        ended: Option<(NaiveDate, Arc<str>)>,
    ) -> Text {
        Text(Repr::NoDeMinimis {
            origin,
            entry,
            ended,
        })
    }

    /// The de minimis decision for a value and threshold: `within` is the exemption's citation
    /// when the value is at or below the threshold, `None` when it is above.
    pub(crate) fn de_minimis(value: Decimal, threshold: Decimal, within: Option<Arc<str>>) -> Text {
        let repr = match within {
            None => Repr::DeMinimisAbove { value, threshold },
            Some(within) => match Figures::of([value, threshold]) {
                Some(figures) => Repr::DeMinimisWithin { within, figures },
                None => {
                    return Text::from(de_minimis_within(value, threshold, &within).to_string())
                }
            },
        };
        Text(repr)
    }

    /// Why a measure was not charged, written out when read.
    pub(crate) fn not_charged(n: NotCharged) -> Text {
        Text(Repr::NotCharged(n))
    }

    /// The text when it is already written out, without rendering it.
    fn as_written(&self) -> Option<&str> {
        match &self.0 {
            Repr::Owned(s) => Some(s),
            Repr::Shared(s) => Some(s),
            _ => None,
        }
    }
}

/// An empty text (what a JSON written without explanations reads back as).
impl Default for Text {
    fn default() -> Text {
        Text(Repr::Owned(String::new()))
    }
}

impl From<String> for Text {
    fn from(text: String) -> Text {
        Text(Repr::Owned(text))
    }
}

impl From<&str> for Text {
    fn from(text: &str) -> Text {
        Text(Repr::Owned(text.to_owned()))
    }
}

impl From<Arc<str>> for Text {
    fn from(text: Arc<str>) -> Text {
        Text(Repr::Shared(text))
    }
}

impl fmt::Display for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.0 {
            Repr::Owned(s) => f.write_str(s),
            Repr::Shared(s) => f.write_str(s),
            Repr::MpfFormal {
                figures,
                fiscal_year,
                bound,
            } => {
                let [entered, rate, raw, amount] = figures.get();
                let rate = Rate::from_normalized_fraction(rate);
                let bound = MpfBound::of(*bound, amount);
                let kind = MpfKind::Formal { rate, raw, bound };
                Mpf::at(*fiscal_year, entered, kind).fmt(f)
            }
            Repr::MpfInformal {
                figures,
                fiscal_year,
            } => {
                let [entered, threshold] = figures.get();
                Mpf::at(*fiscal_year, entered, MpfKind::Informal { threshold }).fmt(f)
            }
            Repr::Hmf { rate, entered } => {
                // "HMF {rate} of the value ${entered} (ocean shipment)", piece by piece.
                f.write_str("HMF ")?;
                fmt::Display::fmt(&Percent(*rate), f)?;
                f.write_str(" of the value $")?;
                fmt::Display::fmt(&Dec(*entered), f)?;
                f.write_str(" (ocean shipment)")
            }
            Repr::DeMinimisWithin { within, figures } => {
                let [value, threshold] = figures.get();
                de_minimis_within(value, threshold, within).fmt(f)
            }
            Repr::DeMinimisAbove { value, threshold } => {
                de_minimis_above(*value, *threshold).fmt(f)
            }
            Repr::NoDeMinimis {
                origin,
                entry,
                ended,
            } => no_de_minimis(*origin, *entry, ended.as_ref()).fmt(f),
            Repr::NotCharged(n) => fmt::Display::fmt(n, f),
        }
    }
}

impl fmt::Debug for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:?}", self.to_string())
    }
}

/// Compares rendered text with a string as it is written, without building the text.
struct SameAs<'a>(&'a str);

impl fmt::Write for SameAs<'_> {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        match self.0.strip_prefix(s) {
            Some(rest) => {
                self.0 = rest;
                Ok(())
            }
            None => Err(fmt::Error),
        }
    }
}

/// Whether `text` displays exactly as `other`, without writing it out.
pub(crate) fn renders_as(text: &impl fmt::Display, other: &str) -> bool {
    let mut same = SameAs(other);
    fmt::write(&mut same, format_args!("{text}")).is_ok() && same.0.is_empty()
}

impl Text {
    /// Whether the text reads exactly `other`.
    fn reads(&self, other: &str) -> bool {
        match self.as_written() {
            Some(text) => text == other,
            None => renders_as(self, other),
        }
    }
}

impl PartialEq for Text {
    fn eq(&self, other: &Text) -> bool {
        match (self.as_written(), other.as_written()) {
            (Some(a), _) => other.reads(a),
            (None, Some(b)) => self.reads(b),
            (None, None) => self.reads(&other.to_string()),
        }
    }
}

impl Eq for Text {}

impl PartialEq<str> for Text {
    fn eq(&self, other: &str) -> bool {
        self.reads(other)
    }
}

impl PartialEq<&str> for Text {
    fn eq(&self, other: &&str) -> bool {
        self == *other
    }
}

impl Serialize for Text {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self.as_written() {
            Some(text) => s.serialize_str(text),
            None => json::serialize_display(self, s),
        }
    }
}

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Text, D::Error> {
        String::deserialize(d).map(Text::from)
    }
}

#[cfg(test)]
mod tests;
