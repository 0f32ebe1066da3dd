//! [`Charge`]: one duty or tax on a line, and why it applies ([`Explanation`]), written from
//! its own figures when read.

use std::fmt;
use std::sync::Arc;

use rust_decimal::Decimal;
use serde::ser::SerializeStruct;
use serde::{Deserialize, Serialize, Serializer};

use crate::hs::HsCode;
use crate::landed::json::{self, RateText};
use crate::landed::text::{self, DutyWhy};
use crate::landed::Text;
use crate::tariff::{Authority, DutyRate};

/// One duty or tax on a line: what, under which heading and rate, on what base, how much, from
/// which source, and why ([`Charge::explanation`]).
///
/// The explanation is written from the charge's own figures when it is read, so a quote does
/// not hold each rate and amount twice. It serializes as the `explanation` field.
///
/// # Example
/// ```
/// use landed_cost::{landed::{Line, Mode, Shipment}, tariff::Authority, CountryCode, TariffBook};
/// let s = Shipment::builder(CountryCode::US, "VN".parse()?, Mode::Ocean)
///     .export_date("2025-09-01".parse()?)
///     .entry_date("2025-09-20".parse()?)
///     .line(Line::builder("6402.99.90".parse()?, "10000.00 USD".parse()?))
///     .build()?;
/// let q = TariffBook::embedded().quote(&s)?;
/// let mfn = q.charges().next().ok_or("no charge")?;
/// assert_eq!((mfn.authority, mfn.heading.to_string()), (Authority::Mfn, "6402.99.90".into()));
/// assert_eq!((mfn.rate.to_string(), mfn.amount.to_string()), ("20%".into(), "2000.00".into()));
/// assert!(mfn.explanation().to_string().contains("general (MFN) rate"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Deserialize)]
#[serde(from = "ChargeFields")]
#[non_exhaustive]
pub struct Charge {
    /// The authority (`mfn`, `section301`, `ieepa_reciprocal`, `postal_duty`, ...).
    pub authority: Authority,
    /// The heading declared (the HTS line for MFN, a chapter-99 heading otherwise).
    pub heading: HsCode,
    /// The rate (serialized as its text, e.g. `"20%"`; `"$100 each"` for a postal duty per item).
    pub rate: DutyRate,
    /// The value the rate was applied to.
    pub base: Decimal,
    /// The amount.
    pub amount: Decimal,
    /// Why the charge applies and where its rate comes from ([`Charge::explanation`],
    /// [`Charge::source`]).
    pub(crate) why: Why,
}

impl Charge {
    /// One line saying why the charge applies and how it was computed, written out when it is
    /// displayed.
    ///
    /// # Example
    /// ```
    /// use landed_cost::{Shipment, TariffBook};
    /// let shipment: Shipment = serde_json::from_str(r#"{"importer":"US","origin":"CN","mode":"air",
    ///   "export_date":"2025-01-10","entry_date":"2025-01-20","currency":"USD",
    ///   "lines":[{"hts":"2516.90.00","value":"10000.00"}]}"#)?;
    /// let quote = TariffBook::embedded().quote(&shipment)?;
    /// let mfn = &quote.lines[0].charges[0];
    /// assert_eq!(
    ///     mfn.explanation().to_string(),
    ///     "mfn 3% on the customs value $10000 = $300.00: general (MFN) rate of 2516.90.00 in the HTS 2025 basic"
    /// );
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn explanation(&self) -> Explanation<'_> {
        Explanation(self)
    }

    /// Where the rate comes from: the HTS edition for an MFN duty, the measure's citation for
    /// an additional duty, the rule's sources for a tax or fee.
    ///
    /// # Example
    /// ```
    /// use landed_cost::{Shipment, TariffBook};
    /// let shipment: Shipment = serde_json::from_str(r#"{"importer":"US","origin":"CN","mode":"air",
    ///   "export_date":"2025-01-10","entry_date":"2025-01-20","currency":"USD",
    ///   "lines":[{"hts":"2516.90.00","value":"10000.00"}]}"#)?;
    /// let quote = TariffBook::embedded().quote(&shipment)?;
    /// assert_eq!(quote.lines[0].charges[0].source(), "HTS 2025 basic");
    /// assert!(quote.lines[0].charges[1].source().starts_with("Section 301 of the Trade Act of 1974"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn source(&self) -> &str {
        match &self.why {
            Why::Duty(why) => why.reason.source(),
            Why::Written(written) => &written.source,
        }
    }
}

/// Why a charge applies: the facts of a duty, or a text written by the calculator.
#[derive(Clone)]
pub(crate) enum Why {
    /// A duty found by [`TariffBook::applicable`](crate::TariffBook::applicable); its source is
    /// its reason's.
    Duty(DutyWhy),
    /// Any other charge (a postal duty, a tax), and a charge read back from JSON: held apart,
    /// so that the duties, most charges, stay small.
    Written(Box<Written>),
}

/// The explanation and source of a charge written by the calculator.
#[derive(Clone)]
pub(crate) struct Written {
    text: Text,
    source: Arc<str>,
}

impl Why {
    /// A written explanation with its source.
    pub(crate) fn written(text: impl Into<Text>, source: impl Into<Arc<str>>) -> Why {
        Why::Written(Box::new(Written {
            text: text.into(),
            source: source.into(),
        }))
    }
}

/// The explanation of a [`Charge`], written out when displayed (see [`Charge::explanation`]).
///
/// # Example
/// See [`Charge::explanation`].
#[derive(Clone, Copy)]
pub struct Explanation<'a>(&'a Charge);

impl fmt::Display for Explanation<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let c = self.0;
        match &c.why {
            Why::Duty(why) => why.fmt(c.authority, c.heading, &c.rate, c.base, c.amount, f),
            Why::Written(written) => fmt::Display::fmt(&written.text, f),
        }
    }
}

impl fmt::Debug for Explanation<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:?}", self.to_string())
    }
}

impl PartialEq<&str> for Explanation<'_> {
    fn eq(&self, other: &&str) -> bool {
        text::renders_as(self, other)
    }
}

impl fmt::Debug for Charge {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Charge")
            .field("authority", &self.authority)
            .field("heading", &self.heading)
            .field("rate", &self.rate)
            .field("base", &self.base)
            .field("amount", &self.amount)
            .field("source", &self.source())
            .field("explanation", &self.explanation())
            .finish()
    }
}

impl PartialEq for Charge {
    fn eq(&self, other: &Charge) -> bool {
        self.authority == other.authority
            && self.heading == other.heading
            && self.rate == other.rate
            && self.base == other.base
            && self.amount == other.amount
            && self.source() == other.source()
            && text::renders_as(&self.explanation(), &other.explanation().to_string())
    }
}

impl Serialize for Charge {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        let mut st = s.serialize_struct("Charge", 7)?;
        st.serialize_field("authority", &self.authority)?;
        st.serialize_field("heading", &self.heading)?;
        st.serialize_field("rate", &Rendered(&RateText(&self.rate)))?;
        st.serialize_field("base", &DecimalText(self.base))?;
        st.serialize_field("amount", &DecimalText(self.amount))?;
        st.serialize_field("source", self.source())?;
        st.serialize_field("explanation", &Rendered(&self.explanation()))?;
        st.end()
    }
}

/// A decimal written as the quote JSON writes amounts.
struct DecimalText(Decimal);

impl Serialize for DecimalText {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        json::decimal(&self.0, s)
    }
}

/// Anything displayable, serialized as the string it displays (rendered on the stack first).
struct Rendered<'a, T>(&'a T);

impl<T: fmt::Display> Serialize for Rendered<'_, T> {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        json::serialize_display(self.0, s)
    }
}

/// A charge as the JSON holds it.
#[derive(Deserialize)]
struct ChargeFields {
    authority: Authority,
    heading: HsCode,
    rate: DutyRate,
    #[serde(
        serialize_with = "crate::landed::json::decimal",
        deserialize_with = "crate::money::decimal_text::deserialize"
    )]
    base: Decimal,
    #[serde(
        serialize_with = "crate::landed::json::decimal",
        deserialize_with = "crate::money::decimal_text::deserialize"
    )]
    amount: Decimal,
    source: Arc<str>,
    /// Absent from a JSON written without explanations.
    #[serde(default)]
    explanation: Text,
}

impl From<ChargeFields> for Charge {
    fn from(c: ChargeFields) -> Charge {
        Charge {
            authority: c.authority,
            heading: c.heading,
            rate: c.rate,
            base: c.base,
            amount: c.amount,
            why: Why::written(c.explanation, c.source),
        }
    }
}
