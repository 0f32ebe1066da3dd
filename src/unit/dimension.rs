//! [`Dimension`] and [`UnitMeasure`]: what a [`Unit`](crate::Unit) measures, which decides what it
//! converts into.

use std::fmt;

use super::Content;

/// The physical kind of quantity a [`Unit`](crate::Unit) counts or measures.
///
/// Units convert into each other only within one dimension (and one [`UnitMeasure`]): grams into
/// kilograms, dozens into units, never kilograms into a count.
///
/// # Example
/// ```
/// use landed_cost::quantity::Dimension;
/// use landed_cost::Unit;
/// assert_eq!(Unit::Kilogram.dimension(), Dimension::Mass);
/// assert_eq!(Unit::Dozen.dimension(), Dimension::Count);
/// assert_eq!(Dimension::Count.to_string(), "count");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Dimension {
    /// Mass (base unit: kilogram).
    Mass,
    /// Volume (base unit: liter).
    Volume,
    /// Area (base unit: square meter).
    Area,
    /// Length (base unit: meter).
    Length,
    /// A number of articles (base unit: one article).
    Count,
    /// A number of pairs (base unit: one pair); never converted into a count of articles.
    Pairs,
    /// A number of jewels in watch and clock movements (base unit: one jewel).
    Jewels,
    /// Button sizes times gross ("line/gross", USITC code GRL).
    GrossLines,
    /// A number of doses.
    Doses,
    /// Electrical energy (base unit: kilowatt hour).
    Energy,
    /// Electrical power (base unit: watt).
    Power,
    /// Radioactivity (base unit: gigabecquerel).
    Radioactivity,
    /// The USITC "ODE" (ozone depletion equivalent) reporting quantity.
    OzoneDepletion,
}

impl Dimension {
    /// The dimension's name in lower case ("mass", "count", ...).
    ///
    /// # Example
    /// ```
    /// use landed_cost::quantity::Dimension;
    /// assert_eq!(Dimension::Volume.name(), "volume");
    /// ```
    #[must_use]
    pub const fn name(self) -> &'static str {
        match self {
            Dimension::Mass => "mass",
            Dimension::Volume => "volume",
            Dimension::Area => "area",
            Dimension::Length => "length",
            Dimension::Count => "count",
            Dimension::Pairs => "pairs",
            Dimension::Jewels => "jewels",
            Dimension::GrossLines => "gross lines",
            Dimension::Doses => "doses",
            Dimension::Energy => "energy",
            Dimension::Power => "power",
            Dimension::Radioactivity => "radioactivity",
            Dimension::OzoneDepletion => "ozone depletion",
        }
    }
}

impl fmt::Display for Dimension {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.name())
    }
}

/// What part of the goods a unit measures: the goods themselves, or a content or basis that a
/// plain weight or volume must never stand in for.
///
/// Not to be confused with [`tariff::Measure`](crate::tariff::Measure), a dated tariff measure.
///
/// # Example
/// ```
/// use landed_cost::quantity::{Content, UnitMeasure};
/// use landed_cost::Unit;
/// assert_eq!(Unit::Kilogram.measure(), UnitMeasure::Goods);
/// assert_eq!(Unit::ProofLiter.measure(), UnitMeasure::ProofSpirit);
/// assert_eq!("Cu kg".parse::<Unit>()?.measure(), UnitMeasure::Content(Content::Copper));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum UnitMeasure {
    /// The goods as entered.
    Goods,
    /// The content of a substance in the goods.
    Content(Content),
    /// Clean yield (wool and hair: "clean kg").
    CleanYield,
    /// Total sugars ("kg of total sugars").
    TotalSugars,
    /// Proof spirit ("pf. liter": liters at 100 proof).
    ProofSpirit,
    /// The weight of gemstones, in carats.
    GemWeight,
    /// Air-dry weight (wood pulp: "t adw").
    AirDryWeight,
    /// Dry weight basis (wood chips: "t dwb").
    DryWeightBasis,
    /// The length of the fibers in a cable ("Fiber m"), not of the cable.
    FiberLength,
}

impl fmt::Display for UnitMeasure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            UnitMeasure::Goods => f.pad("the goods"),
            UnitMeasure::Content(Content::Unnamed) => f.pad("the content named by the tariff line"),
            UnitMeasure::Content(content) => f.pad(&format!("{} content", content.name())),
            UnitMeasure::CleanYield => f.pad("clean yield"),
            UnitMeasure::TotalSugars => f.pad("total sugars"),
            UnitMeasure::ProofSpirit => f.pad("proof spirit"),
            UnitMeasure::GemWeight => f.pad("gem weight"),
            UnitMeasure::AirDryWeight => f.pad("air-dry weight"),
            UnitMeasure::DryWeightBasis => f.pad("dry weight basis"),
            UnitMeasure::FiberLength => f.pad("fiber length"),
        }
    }
}
