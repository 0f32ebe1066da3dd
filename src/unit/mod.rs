//! [`Unit`]: the units of quantity of the tariff. Every property of a unit (symbol, USITC code,
//! dimension, measure, factor, spellings) is one row of the unit table (`table.rs`); the
//! accessors here read the row.

mod content;
mod dimension;
mod table;
#[cfg(test)]
mod tests;

use std::borrow::Cow;
use std::fmt;
use std::str::FromStr;

use arrayvec::ArrayString;
use rust_decimal::Decimal;

use crate::input::truncate;
pub use content::Content;
use content::{Scale, SymbolPlace};
pub use dimension::{Dimension, UnitMeasure};
use table::UNIT_ROWS;

/// A unit of quantity of the US tariff: every USITC quantity code, every unit of the HTS exports
/// and every unit the rate texts charge per.
///
/// `Copy`. Parsed case-insensitively from the USITC codes (`KG`, `PRS`, `DOZ`, `PFL`, `CKG`, ...)
/// and from the HTS and rate-text spellings (`kg`, `No.`, `doz.`, `prs.`, `pf. liter`, `m²`,
/// `clean kg`, `Cu kg`, `kg on copper content`, `kg of total sugars`, ...). Displayed, and
/// serialized, as the USITC code where one exists, else as the HTS spelling; the display parses
/// back to the same unit.
///
/// Each unit has a [`Dimension`], a [`UnitMeasure`] and, where it converts, a factor to the
/// dimension's base unit. Qualified measures (clean kg, content kilograms, proof liters, kg of
/// total sugars, carats, ...) only convert within their own measure, so a quantity in plain
/// kilograms never stands in for kilograms of copper content.
///
/// # Example
/// ```
/// use landed_cost::quantity::{Dimension, UnitMeasure};
/// use landed_cost::Unit;
/// let prs: Unit = "prs.".parse()?;
/// assert_eq!(prs, Unit::Pair);
/// assert_eq!(prs.to_string(), "PRS");
/// assert_eq!("kg".parse::<Unit>()?, "KG".parse::<Unit>()?);
/// assert_eq!(Unit::Gross.dimension(), Dimension::Count);
/// assert_eq!(Unit::CleanKilogram.measure(), UnitMeasure::CleanYield);
/// assert!("furlong".parse::<Unit>().is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Unit {
    /// Gram (USITC G, also GM).
    Gram,
    /// Kilogram (USITC KG).
    Kilogram,
    /// Metric ton, 1000 kg (USITC T).
    Tonne,
    /// Metric carat, the weight of gemstones (USITC CAR).
    Carat,
    /// Kilogram of clean yield, "clean kg" (USITC CYK).
    CleanKilogram,
    /// Kilogram of total sugars (USITC KTS).
    KilogramTotalSugars,
    /// Gram of a content ("Au g"; USITC CGM when unnamed).
    ContentGram(Content),
    /// Kilogram of a content ("Cu kg", "kg on copper content"; USITC CKG when unnamed).
    ContentKilogram(Content),
    /// Metric ton of a content ("Sn t").
    ContentTonne(Content),
    /// Metric ton, air-dry weight ("t adw"; USITC CTN on the same pulp lines).
    TonneAirDry,
    /// Metric ton, dry weight basis ("t dwb").
    TonneDryWeight,
    /// Liter (USITC L).
    Liter,
    /// Cubic meter (USITC M3).
    CubicMeter,
    /// Thousand cubic meters (USITC KM3).
    ThousandCubicMeters,
    /// Barrel of 42 US gallons (158.987294928 liters; USITC BBL).
    Barrel,
    /// Proof liter, a liter of spirit at 100 proof (USITC PFL).
    ProofLiter,
    /// Number of articles, "No." (USITC NO).
    Number,
    /// One article, as rate texts charge "each".
    Each,
    /// One animal, as rate texts charge "per head".
    Head,
    /// One article, as rate texts charge "per article".
    Article,
    /// Pieces (USITC PCS).
    Piece,
    /// Packs (USITC PK).
    Pack,
    /// Dozens (USITC DOZ).
    Dozen,
    /// Dozens of pieces (USITC DPC).
    DozenPieces,
    /// Gross, 144 articles (USITC GRS).
    Gross,
    /// Hundreds of articles (USITC HUN).
    Hundred,
    /// Thousands of articles (USITC THS).
    Thousand,
    /// Pairs (USITC PRS).
    Pair,
    /// Dozens of pairs (USITC DPR).
    DozenPairs,
    /// Jewels (USITC JWL).
    Jewel,
    /// Line/gross, button size lines times gross (USITC GRL).
    GrossLine,
    /// Doses (USITC DS).
    Dose,
    /// Square centimeter (USITC CM2).
    SquareCentimeter,
    /// Square meter (USITC M2).
    SquareMeter,
    /// "Square", the roofing measure of shingles (USITC SQ); no conversion factor is assumed.
    Square,
    /// Meter (USITC M).
    Meter,
    /// Kilometer, a thousand meters (USITC KM).
    Kilometer,
    /// Linear meter (USITC LNM).
    LinearMeter,
    /// Meters of optical fiber in a cable (USITC FBM).
    FiberMeter,
    /// Watt (USITC W).
    Watt,
    /// Kilowatt hour (USITC KWH).
    KilowattHour,
    /// Megawatt hour ("MWh").
    MegawattHour,
    /// Gigabecquerel ("GBq").
    Gigabecquerel,
    /// The USITC quantity code ODE (ozone depletion equivalent).
    OzoneDepletionEquivalent,
}

impl Unit {
    /// Every unit: the units without data, then the content units of every content in grams,
    /// kilograms and tons.
    ///
    /// # Example
    /// ```
    /// use landed_cost::Unit;
    /// assert!(Unit::all().any(|u| u == Unit::Pair));
    /// // Every unit's display parses back to the unit.
    /// for unit in Unit::all() {
    ///     assert_eq!(unit.to_string().parse::<Unit>()?, unit);
    /// }
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn all() -> impl Iterator<Item = Unit> {
        UNIT_ROWS
            .iter()
            .filter(|row| row.scale.is_none())
            .map(|row| row.unit)
            .chain(
                Content::ALL
                    .iter()
                    .flat_map(|content| Scale::ALL.into_iter().map(|scale| scale.unit(*content))),
            )
    }

    /// The USITC quantity code of the unit ("KG", "PRS", ...), if USITC has one.
    ///
    /// # Example
    /// ```
    /// use landed_cost::quantity::Content;
    /// use landed_cost::Unit;
    /// assert_eq!(Unit::DozenPairs.usitc_code(), Some("DPR"));
    /// assert_eq!(Unit::ContentKilogram(Content::Unnamed).usitc_code(), Some("CKG"));
    /// assert_eq!(Unit::ContentKilogram(Content::Copper).usitc_code(), None);
    /// assert_eq!(Unit::Each.usitc_code(), None);
    /// ```
    #[must_use]
    pub const fn usitc_code(self) -> Option<&'static str> {
        let row = self.row();
        match self.content() {
            Some(content) if !matches!(content, Content::Unnamed) => None,
            _ if row.usitc => Some(row.symbol),
            _ => None,
        }
    }

    /// The physical dimension of the unit.
    ///
    /// # Example
    /// ```
    /// use landed_cost::quantity::Dimension;
    /// use landed_cost::Unit;
    /// assert_eq!(Unit::Barrel.dimension(), Dimension::Volume);
    /// assert_eq!(Unit::DozenPairs.dimension(), Dimension::Pairs);
    /// ```
    #[must_use]
    pub const fn dimension(self) -> Dimension {
        self.row().dimension
    }

    /// What the unit measures: the goods, or a content or basis.
    ///
    /// # Example
    /// ```
    /// use landed_cost::quantity::UnitMeasure;
    /// use landed_cost::Unit;
    /// assert_eq!(Unit::Gram.measure(), UnitMeasure::Goods);
    /// assert_eq!(Unit::KilogramTotalSugars.measure(), UnitMeasure::TotalSugars);
    /// ```
    #[must_use]
    pub const fn measure(self) -> UnitMeasure {
        match self.content() {
            Some(content) => UnitMeasure::Content(content),
            None => self.row().measure,
        }
    }

    /// How many of the dimension's base unit one of this unit is (0.001 for grams, 144 for a
    /// gross), or `None` for a unit with no fixed conversion (the roofing "square").
    ///
    /// # Example
    /// ```
    /// use landed_cost::Unit;
    /// use rust_decimal::Decimal;
    /// assert_eq!(Unit::Gram.factor(), Some(Decimal::new(1, 3)));
    /// assert_eq!(Unit::Gross.factor(), Some(Decimal::from(144)));
    /// assert_eq!(Unit::Square.factor(), None);
    /// ```
    #[must_use]
    pub const fn factor(self) -> Option<Decimal> {
        self.row().factor
    }

    /// The content a content unit measures; `None` for every other unit.
    const fn content(self) -> Option<Content> {
        match self {
            Unit::ContentGram(content)
            | Unit::ContentKilogram(content)
            | Unit::ContentTonne(content) => Some(content),
            _ => None,
        }
    }

    /// Whether a quantity in this unit converts into `other`: same dimension, same measure, and
    /// both have a conversion factor (or they are the same unit).
    ///
    /// # Example
    /// ```
    /// use landed_cost::Unit;
    /// assert!(Unit::Gram.converts_to(Unit::Kilogram));
    /// assert!(Unit::Dozen.converts_to(Unit::Number));
    /// assert!(!Unit::Kilogram.converts_to(Unit::Number));
    /// assert!(!Unit::Kilogram.converts_to(Unit::CleanKilogram));
    /// assert!(!Unit::Pair.converts_to(Unit::Number));
    /// ```
    #[must_use]
    pub fn converts_to(self, other: Unit) -> bool {
        self == other
            || (self.dimension() == other.dimension()
                && self.measure() == other.measure()
                && self.factor().is_some()
                && other.factor().is_some())
    }

    /// Why a quantity in `self` cannot be converted into `to`, or `None` if it can.
    pub(crate) fn conversion_obstacle(self, to: Unit) -> Option<String> {
        if self.converts_to(to) {
            return None;
        }
        Some(if self.dimension() != to.dimension() {
            format!(
                "{self} measures {} and {to} measures {}; give the quantity in {to}",
                self.dimension(),
                to.dimension()
            )
        } else if self.measure() != to.measure() {
            format!(
                "{self} measures {} and {to} measures {}, which are different quantities of \
                 the goods; declare the quantity in {to}",
                self.measure(),
                to.measure()
            )
        } else {
            let fixed = if self.factor().is_none() { self } else { to };
            format!("{fixed} has no fixed conversion factor; declare the quantity in {to}")
        })
    }

    /// Parses a USITC quantity code as the annual tariff database writes it: `""` and `"NA"`
    /// (no quantity) give `None`, any other text must be a unit.
    ///
    /// # Errors
    /// [`UnitError`] if the code is not a known unit (an [`Error::Parse`](crate::Error::Parse)
    /// through `?`).
    ///
    /// # Example
    /// ```
    /// use landed_cost::Unit;
    /// assert_eq!(Unit::from_usitc_code("kg")?, Some(Unit::Kilogram));
    /// assert_eq!(Unit::from_usitc_code("NA")?, None);
    /// assert_eq!(Unit::from_usitc_code("")?, None);
    /// assert!(Unit::from_usitc_code("XYZ").is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn from_usitc_code(code: &str) -> Result<Option<Unit>, UnitError> {
        let trimmed = code.trim();
        if trimmed.is_empty() || trimmed.eq_ignore_ascii_case("NA") {
            return Ok(None);
        }
        trimmed.parse().map(Some)
    }

    /// Parses one entry of an HTS export's `units` array: blank entries give no unit, "No. and
    /// kg" gives two.
    ///
    /// # Errors
    /// [`UnitError`] if a part is not a known unit (an [`Error::Parse`](crate::Error::Parse)
    /// through `?`).
    ///
    /// # Example
    /// ```
    /// use landed_cost::Unit;
    /// assert_eq!(Unit::parse_hts_units("No. and kg")?, vec![Unit::Number, Unit::Kilogram]);
    /// assert_eq!(Unit::parse_hts_units("doz. prs.")?, vec![Unit::DozenPairs]);
    /// assert!(Unit::parse_hts_units(" \n")?.is_empty());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn parse_hts_units(text: &str) -> Result<Vec<Unit>, UnitError> {
        let normalized = normalize(text);
        if normalized.is_empty() {
            return Ok(Vec::new());
        }
        normalized.split(" and ").map(|part| part.parse()).collect()
    }
    /// The unit as rate texts write it after "/" ("kg", "pr.", "pf. liter", "kg on copper
    /// content"); `Unit::Each` is written "each".
    pub(crate) fn rate_spelling(self) -> Cow<'static, str> {
        let row = self.row();
        let (Some(scale), Some(info)) = (row.scale, self.content().and_then(Content::info)) else {
            return Cow::Borrowed(row.rate_spelling);
        };
        if info.symbol == info.name {
            Cow::Owned(self.to_string())
        } else {
            Cow::Owned(format!(
                "{} {} {} content",
                scale.symbol(),
                info.preposition,
                info.name
            ))
        }
    }
}

/// Trims, collapses runs of whitespace into one space and lower-cases.
fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    // Writing to a `String` cannot fail.
    let _ = normalize_into(text, &mut out);
    out
}

/// [`normalize`] into any writer: a short text (every USITC code, most spellings) is normalized
/// on the stack, failing only where it does not fit.
fn normalize_into<W: fmt::Write>(text: &str, out: &mut W) -> fmt::Result {
    for (i, word) in text.split_whitespace().enumerate() {
        if i > 0 {
            out.write_char(' ')?;
        }
        if word.is_ascii() {
            for byte in word.bytes() {
                out.write_char(char::from(byte.to_ascii_lowercase()))?;
            }
        } else {
            for c in word.chars().flat_map(char::to_lowercase) {
                out.write_char(c)?;
            }
        }
    }
    Ok(())
}

/// Parses a content unit from normalized (lower-case) text: "cu kg", "kg amc", "kg on copper
/// content", "kg of the copper content", "content t" (CKG and CGM are rows of the unit table).
fn parse_content_unit(text: &str) -> Option<Unit> {
    let (first, rest) = text.split_once(' ')?;
    if let Some(scale) = Scale::parse(rest) {
        if first == "content" {
            return Some(scale.unit(Content::Unnamed));
        }
        return Content::named()
            .find(|info| {
                info.place == SymbolPlace::Before && info.symbol.eq_ignore_ascii_case(first)
            })
            .map(|info| scale.unit(info.content));
    }
    let scale = Scale::parse(first)?;
    let named = ["on ", "of "]
        .into_iter()
        .find_map(|preposition| rest.strip_prefix(preposition))
        .map(|phrase| phrase.strip_prefix("the ").unwrap_or(phrase))
        .and_then(|phrase| phrase.strip_suffix(" content"));
    Content::named()
        .find(|info| {
            (info.place == SymbolPlace::After && info.symbol.eq_ignore_ascii_case(rest))
                || named == Some(info.name)
        })
        .map(|info| scale.unit(info.content))
}

/// A text that is not a unit: what was given and why it is not one. With `?` it becomes the
/// crate's [`Error::Parse`](crate::Error::Parse) of a "unit", with the same message.
///
/// # Example
/// ```
/// use landed_cost::{quantity::UnitError, Error, Unit};
/// let e: UnitError = "parsecs".parse::<Unit>().unwrap_err();
/// assert!(e.to_string().contains("not a known unit"));
/// assert!(matches!(Error::from(e), Error::Parse { what: "unit", .. }));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("cannot parse {input:?} as unit: {reason}")]
pub struct UnitError {
    pub(crate) input: String,
    pub(crate) reason: String,
}

impl FromStr for Unit {
    type Err = UnitError;

    /// Parses a USITC code or an HTS or rate-text spelling, ignoring case and extra spaces.
    fn from_str(s: &str) -> Result<Self, UnitError> {
        let mut short = ArrayString::<24>::new();
        let long;
        let text = if normalize_into(s, &mut short).is_ok() {
            short.as_str()
        } else {
            long = normalize(s);
            long.as_str()
        };
        if let Some(unit) = table::unit_spelled(text) {
            return Ok(unit);
        }
        if let Some(unit) = parse_content_unit(text) {
            return Ok(unit);
        }
        let reason = if text.is_empty() {
            "empty text: give a unit such as KG, NO, PRS or DOZ".to_owned()
        } else if text == "na" {
            "NA means the line has no quantity unit; use Unit::from_usitc_code to read it as None"
                .to_owned()
        } else {
            "not a known unit: use a USITC quantity code (KG, L, NO, DOZ, PRS, DPR, PCS, M2, M3, \
             PFL, GRS, THS, T, BBL, CKG, CYK, KTS, JWL, ...) or an HTS spelling (kg, No., doz., \
             prs., liters, pf. liter, clean kg, Cu kg, kg of total sugars, ...)"
                .to_owned()
        };
        Err(UnitError {
            input: truncate(s),
            reason,
        })
    }
}

impl fmt::Display for Unit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let row = self.row();
        let (Some(scale), Some(info)) = (row.scale, self.content().and_then(Content::info)) else {
            return f.pad(row.symbol);
        };
        match info.place {
            SymbolPlace::Before => f.pad(&format!("{} {}", info.symbol, scale.symbol())),
            SymbolPlace::After => f.pad(&format!("{} {}", scale.symbol(), info.symbol)),
        }
    }
}

serde_as_text!(Unit);
