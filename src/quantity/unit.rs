//! [`Unit`]: the units of quantity of the tariff, with their [`Dimension`] and [`Measure`].

use std::borrow::Cow;
use std::fmt;
use std::str::FromStr;

use rust_decimal::Decimal;

use crate::error::{Error, Result};

/// The physical kind of quantity a [`Unit`] counts or measures.
///
/// Units convert into each other only within one dimension (and one [`Measure`]): grams into
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

/// A substance whose content a unit measures ("kg on copper content", "Au g", "kg amc").
///
/// [`Content::Unnamed`] is the USITC codes CKG and CGM ("content kilograms", "content grams"):
/// the content the tariff line names. A rate per kg on one named content accepts a quantity in
/// an unnamed content unit, and never a plain kilogram.
///
/// # Example
/// ```
/// use landed_cost::quantity::Content;
/// use landed_cost::Unit;
/// let copper: Unit = "Cu kg".parse()?;
/// assert_eq!(copper, Unit::ContentKilogram(Content::Copper));
/// assert_eq!(Content::Copper.name(), "copper");
/// assert_eq!(Content::Copper.symbol(), Some("Cu"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Content {
    /// The content the tariff line names (USITC codes CKG, CGM).
    Unnamed,
    /// Copper (Cu).
    Copper,
    /// Lead (Pb).
    Lead,
    /// Zinc (Zn).
    Zinc,
    /// Tungsten (W).
    Tungsten,
    /// Molybdenum (Mo).
    Molybdenum,
    /// Magnesium (Mg).
    Magnesium,
    /// Manganese (Mn).
    Manganese,
    /// Silicon (Si).
    Silicon,
    /// Vanadium (V).
    Vanadium,
    /// Nickel (Ni).
    Nickel,
    /// Chromium (Cr).
    Chromium,
    /// Cobalt (Co).
    Cobalt,
    /// Antimony (Sb).
    Antimony,
    /// Tin (Sn).
    Tin,
    /// Gold (Au).
    Gold,
    /// Silver (Ag).
    Silver,
    /// Platinum (Pt).
    Platinum,
    /// Palladium (Pd).
    Palladium,
    /// Rhodium (Rh).
    Rhodium,
    /// Iridium (Ir).
    Iridium,
    /// Osmium (Os).
    Osmium,
    /// Ruthenium (Ru).
    Ruthenium,
    /// Vanadium pentoxide (V2O5).
    VanadiumPentoxide,
    /// Chromium oxide (Cr2O3).
    ChromiumOxide,
    /// Ammonia (NH3).
    Ammonia,
    /// Sodium hydroxide (NaOH).
    SodiumHydroxide,
    /// Anhydrous morphine (the HTS unit "kg amc", used for opium).
    AnhydrousMorphine,
    /// The dairy content measure the HTS abbreviates "msc" (unit "kg msc").
    Msc,
    /// The dairy content measure the HTS abbreviates "cmsc" (unit "kg cmsc").
    Cmsc,
}

/// How a content is written in HTS unit texts: before the scale ("Cu kg") or after it ("kg amc").
#[derive(Clone, Copy, PartialEq, Eq)]
enum SymbolPlace {
    Before,
    After,
}

/// How a named content is written: its HTS symbol, where the symbol goes, its name in rate
/// texts, and the preposition rate texts use ("kg on copper content", "kg of anhydrous morphine
/// content").
#[derive(Clone, Copy)]
struct ContentInfo {
    content: Content,
    symbol: &'static str,
    place: SymbolPlace,
    name: &'static str,
    preposition: &'static str,
}

impl Content {
    /// Every content, [`Content::Unnamed`] first.
    ///
    /// # Example
    /// ```
    /// use landed_cost::quantity::Content;
    /// assert!(Content::ALL.contains(&Content::Tungsten));
    /// ```
    pub const ALL: &'static [Content] = &[
        Content::Unnamed,
        Content::Copper,
        Content::Lead,
        Content::Zinc,
        Content::Tungsten,
        Content::Molybdenum,
        Content::Magnesium,
        Content::Manganese,
        Content::Silicon,
        Content::Vanadium,
        Content::Nickel,
        Content::Chromium,
        Content::Cobalt,
        Content::Antimony,
        Content::Tin,
        Content::Gold,
        Content::Silver,
        Content::Platinum,
        Content::Palladium,
        Content::Rhodium,
        Content::Iridium,
        Content::Osmium,
        Content::Ruthenium,
        Content::VanadiumPentoxide,
        Content::ChromiumOxide,
        Content::Ammonia,
        Content::SodiumHydroxide,
        Content::AnhydrousMorphine,
        Content::Msc,
        Content::Cmsc,
    ];

    fn info(self) -> Option<ContentInfo> {
        use SymbolPlace::{After, Before};
        let (symbol, place, name, preposition) = match self {
            Content::Unnamed => return None,
            Content::Copper => ("Cu", Before, "copper", "on"),
            Content::Lead => ("Pb", Before, "lead", "on"),
            Content::Zinc => ("Zn", Before, "zinc", "on"),
            Content::Tungsten => ("W", Before, "tungsten", "on"),
            Content::Molybdenum => ("Mo", Before, "molybdenum", "on"),
            Content::Magnesium => ("Mg", Before, "magnesium", "on"),
            Content::Manganese => ("Mn", Before, "manganese", "on"),
            Content::Silicon => ("Si", Before, "silicon", "on"),
            Content::Vanadium => ("V", Before, "vanadium", "on"),
            Content::Nickel => ("Ni", Before, "nickel", "on"),
            Content::Chromium => ("Cr", Before, "chromium", "on"),
            Content::Cobalt => ("Co", Before, "cobalt", "on"),
            Content::Antimony => ("Sb", Before, "antimony", "on"),
            Content::Tin => ("Sn", Before, "tin", "on"),
            Content::Gold => ("Au", Before, "gold", "on"),
            Content::Silver => ("Ag", Before, "silver", "on"),
            Content::Platinum => ("Pt", Before, "platinum", "on"),
            Content::Palladium => ("Pd", Before, "palladium", "on"),
            Content::Rhodium => ("Rh", Before, "rhodium", "on"),
            Content::Iridium => ("Ir", Before, "iridium", "on"),
            Content::Osmium => ("Os", Before, "osmium", "on"),
            Content::Ruthenium => ("Ru", Before, "ruthenium", "on"),
            Content::VanadiumPentoxide => ("V2O5", Before, "vanadium pentoxide", "on"),
            Content::ChromiumOxide => ("Cr2O3", Before, "chromium oxide", "on"),
            Content::Ammonia => ("NH3", Before, "ammonia", "on"),
            Content::SodiumHydroxide => ("NaOH", Before, "sodium hydroxide", "on"),
            Content::AnhydrousMorphine => ("amc", After, "anhydrous morphine", "of"),
            Content::Msc => ("msc", After, "msc", "of"),
            Content::Cmsc => ("cmsc", After, "cmsc", "of"),
        };
        Some(ContentInfo {
            content: self,
            symbol,
            place,
            name,
            preposition,
        })
    }

    /// The named contents with how they are written.
    fn named() -> impl Iterator<Item = ContentInfo> {
        Content::ALL.iter().filter_map(|content| content.info())
    }

    /// The symbol used in HTS unit texts ("Cu" in "Cu kg", "amc" in "kg amc"); `None` for
    /// [`Content::Unnamed`].
    ///
    /// # Example
    /// ```
    /// use landed_cost::quantity::Content;
    /// assert_eq!(Content::Tungsten.symbol(), Some("W"));
    /// assert_eq!(Content::Unnamed.symbol(), None);
    /// ```
    #[must_use]
    pub fn symbol(self) -> Option<&'static str> {
        self.info().map(|info| info.symbol)
    }

    /// The content's name as rate texts write it ("copper" in "kg on copper content").
    ///
    /// # Example
    /// ```
    /// use landed_cost::quantity::Content;
    /// assert_eq!(Content::AnhydrousMorphine.name(), "anhydrous morphine");
    /// assert_eq!(Content::Unnamed.name(), "unnamed");
    /// ```
    #[must_use]
    pub fn name(self) -> &'static str {
        self.info().map_or("unnamed", |info| info.name)
    }
}

/// What part of the goods a unit measures: the goods themselves, or a content or basis that a
/// plain weight or volume must never stand in for.
///
/// # Example
/// ```
/// use landed_cost::quantity::{Content, Measure};
/// use landed_cost::Unit;
/// assert_eq!(Unit::Kilogram.measure(), Measure::Goods);
/// assert_eq!(Unit::ProofLiter.measure(), Measure::ProofSpirit);
/// assert_eq!("Cu kg".parse::<Unit>()?.measure(), Measure::Content(Content::Copper));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Measure {
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

impl fmt::Display for Measure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Measure::Goods => f.pad("the goods"),
            Measure::Content(Content::Unnamed) => f.pad("the content named by the tariff line"),
            Measure::Content(content) => f.pad(&format!("{} content", content.name())),
            Measure::CleanYield => f.pad("clean yield"),
            Measure::TotalSugars => f.pad("total sugars"),
            Measure::ProofSpirit => f.pad("proof spirit"),
            Measure::GemWeight => f.pad("gem weight"),
            Measure::AirDryWeight => f.pad("air-dry weight"),
            Measure::DryWeightBasis => f.pad("dry weight basis"),
            Measure::FiberLength => f.pad("fiber length"),
        }
    }
}

/// A unit of quantity of the US tariff: every USITC quantity code, every unit of the HTS exports
/// and every unit the rate texts charge per.
///
/// `Copy`. Parsed case-insensitively from the USITC codes (`KG`, `PRS`, `DOZ`, `PFL`, `CKG`, ...)
/// and from the HTS and rate-text spellings (`kg`, `No.`, `doz.`, `prs.`, `pf. liter`, `m²`,
/// `clean kg`, `Cu kg`, `kg on copper content`, `kg of total sugars`, ...). Displayed, and
/// serialized, as the USITC code where one exists, else as the HTS spelling; the display parses
/// back to the same unit.
///
/// Each unit has a [`Dimension`], a [`Measure`] and, where it converts, a factor to the
/// dimension's base unit. Qualified measures (clean kg, content kilograms, proof liters, kg of
/// total sugars, carats, ...) only convert within their own measure, so a quantity in plain
/// kilograms never stands in for kilograms of copper content.
///
/// # Example
/// ```
/// use landed_cost::quantity::{Dimension, Measure};
/// use landed_cost::Unit;
/// let prs: Unit = "prs.".parse()?;
/// assert_eq!(prs, Unit::Pair);
/// assert_eq!(prs.to_string(), "PRS");
/// assert_eq!("kg".parse::<Unit>()?, "KG".parse::<Unit>()?);
/// assert_eq!(Unit::Gross.dimension(), Dimension::Count);
/// assert_eq!(Unit::CleanKilogram.measure(), Measure::CleanYield);
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

/// The units without data, in declaration order.
const SIMPLE_UNITS: &[Unit] = &[
    Unit::Gram,
    Unit::Kilogram,
    Unit::Tonne,
    Unit::Carat,
    Unit::CleanKilogram,
    Unit::KilogramTotalSugars,
    Unit::TonneAirDry,
    Unit::TonneDryWeight,
    Unit::Liter,
    Unit::CubicMeter,
    Unit::ThousandCubicMeters,
    Unit::Barrel,
    Unit::ProofLiter,
    Unit::Number,
    Unit::Each,
    Unit::Head,
    Unit::Article,
    Unit::Piece,
    Unit::Pack,
    Unit::Dozen,
    Unit::DozenPieces,
    Unit::Gross,
    Unit::Hundred,
    Unit::Thousand,
    Unit::Pair,
    Unit::DozenPairs,
    Unit::Jewel,
    Unit::GrossLine,
    Unit::Dose,
    Unit::SquareCentimeter,
    Unit::SquareMeter,
    Unit::Square,
    Unit::Meter,
    Unit::Kilometer,
    Unit::LinearMeter,
    Unit::FiberMeter,
    Unit::Watt,
    Unit::KilowattHour,
    Unit::MegawattHour,
    Unit::Gigabecquerel,
    Unit::OzoneDepletionEquivalent,
];

/// Every accepted spelling of the units without data, in lower case with single spaces. The
/// first spelling of each unit is its display form (lower-cased).
const SPELLINGS: &[(&str, Unit)] = &[
    ("g", Unit::Gram),
    ("gm", Unit::Gram),
    ("gram", Unit::Gram),
    ("grams", Unit::Gram),
    ("kg", Unit::Kilogram),
    ("kgs", Unit::Kilogram),
    ("kilogram", Unit::Kilogram),
    ("kilograms", Unit::Kilogram),
    ("t", Unit::Tonne),
    ("tonne", Unit::Tonne),
    ("tonnes", Unit::Tonne),
    ("metric ton", Unit::Tonne),
    ("metric tons", Unit::Tonne),
    ("car", Unit::Carat),
    ("carat", Unit::Carat),
    ("carats", Unit::Carat),
    ("cyk", Unit::CleanKilogram),
    ("clean kg", Unit::CleanKilogram),
    ("cy kg", Unit::CleanKilogram),
    ("kts", Unit::KilogramTotalSugars),
    ("kg of total sugars", Unit::KilogramTotalSugars),
    ("kg total sugars", Unit::KilogramTotalSugars),
    ("kg ttl sug", Unit::KilogramTotalSugars),
    ("ctn", Unit::TonneAirDry),
    ("t adw", Unit::TonneAirDry),
    ("t dwb", Unit::TonneDryWeight),
    ("l", Unit::Liter),
    ("liter", Unit::Liter),
    ("liters", Unit::Liter),
    ("litre", Unit::Liter),
    ("litres", Unit::Liter),
    ("m3", Unit::CubicMeter),
    ("m³", Unit::CubicMeter),
    ("cubic meter", Unit::CubicMeter),
    ("cubic meters", Unit::CubicMeter),
    ("km3", Unit::ThousandCubicMeters),
    ("thousand m3", Unit::ThousandCubicMeters),
    ("bbl", Unit::Barrel),
    ("barrel", Unit::Barrel),
    ("barrels", Unit::Barrel),
    ("pfl", Unit::ProofLiter),
    ("pf. liter", Unit::ProofLiter),
    ("pf.liter", Unit::ProofLiter),
    ("pf. liters", Unit::ProofLiter),
    ("pf.liters", Unit::ProofLiter),
    ("proof liter", Unit::ProofLiter),
    ("proof liters", Unit::ProofLiter),
    ("no", Unit::Number),
    ("no.", Unit::Number),
    ("number", Unit::Number),
    ("each", Unit::Each),
    ("head", Unit::Head),
    ("article", Unit::Article),
    ("articles", Unit::Article),
    ("pcs", Unit::Piece),
    ("pcs.", Unit::Piece),
    ("pc", Unit::Piece),
    ("piece", Unit::Piece),
    ("pieces", Unit::Piece),
    ("pk", Unit::Pack),
    ("pack", Unit::Pack),
    ("packs", Unit::Pack),
    ("doz", Unit::Dozen),
    ("doz.", Unit::Dozen),
    ("dozen", Unit::Dozen),
    ("dpc", Unit::DozenPieces),
    ("dz pcs", Unit::DozenPieces),
    ("doz. pcs.", Unit::DozenPieces),
    ("grs", Unit::Gross),
    ("gross", Unit::Gross),
    ("hun", Unit::Hundred),
    ("hundred", Unit::Hundred),
    ("hundreds", Unit::Hundred),
    ("ths", Unit::Thousand),
    ("thousand", Unit::Thousand),
    ("thousands", Unit::Thousand),
    ("thou- sand", Unit::Thousand),
    ("prs", Unit::Pair),
    ("prs.", Unit::Pair),
    ("pr.", Unit::Pair),
    ("pr", Unit::Pair),
    ("pair", Unit::Pair),
    ("pairs", Unit::Pair),
    ("dpr", Unit::DozenPairs),
    ("doz. prs.", Unit::DozenPairs),
    ("doz. pr.", Unit::DozenPairs),
    ("dozen pairs", Unit::DozenPairs),
    ("jwl", Unit::Jewel),
    ("jewel", Unit::Jewel),
    ("jewels", Unit::Jewel),
    ("jwls.", Unit::Jewel),
    ("grl", Unit::GrossLine),
    ("line/gross", Unit::GrossLine),
    ("gr.lines", Unit::GrossLine),
    ("gross lines", Unit::GrossLine),
    ("ds", Unit::Dose),
    ("dose", Unit::Dose),
    ("doses", Unit::Dose),
    ("cm2", Unit::SquareCentimeter),
    ("cm²", Unit::SquareCentimeter),
    ("m2", Unit::SquareMeter),
    ("m²", Unit::SquareMeter),
    ("sq", Unit::Square),
    ("square", Unit::Square),
    ("squares", Unit::Square),
    ("m", Unit::Meter),
    ("meter", Unit::Meter),
    ("meters", Unit::Meter),
    ("km", Unit::Kilometer),
    ("thousand m", Unit::Kilometer),
    ("kilometer", Unit::Kilometer),
    ("kilometers", Unit::Kilometer),
    ("lnm", Unit::LinearMeter),
    ("lin. m", Unit::LinearMeter),
    ("linear meter", Unit::LinearMeter),
    ("linear meters", Unit::LinearMeter),
    ("fbm", Unit::FiberMeter),
    ("fiber m", Unit::FiberMeter),
    ("w", Unit::Watt),
    ("watt", Unit::Watt),
    ("watts", Unit::Watt),
    ("kwh", Unit::KilowattHour),
    ("mwh", Unit::MegawattHour),
    ("gbq", Unit::Gigabecquerel),
    ("ode", Unit::OzoneDepletionEquivalent),
];

/// Liters in a barrel of 42 US gallons of 3.785411784 liters: 158.987294928.
const BARREL_LITERS: Decimal = {
    const MANTISSA: u64 = 158_987_294_928;
    Decimal::from_parts(
        (MANTISSA & 0xFFFF_FFFF) as u32,
        (MANTISSA >> 32) as u32,
        0,
        false,
        9,
    )
};

/// The mass scales a content unit comes in.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Scale {
    Gram,
    Kilogram,
    Tonne,
}

impl Scale {
    const ALL: [Scale; 3] = [Scale::Gram, Scale::Kilogram, Scale::Tonne];

    const fn symbol(self) -> &'static str {
        match self {
            Scale::Gram => "g",
            Scale::Kilogram => "kg",
            Scale::Tonne => "t",
        }
    }

    const fn unit(self, content: Content) -> Unit {
        match self {
            Scale::Gram => Unit::ContentGram(content),
            Scale::Kilogram => Unit::ContentKilogram(content),
            Scale::Tonne => Unit::ContentTonne(content),
        }
    }

    fn parse(text: &str) -> Option<Scale> {
        Scale::ALL.into_iter().find(|scale| scale.symbol() == text)
    }
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
        SIMPLE_UNITS.iter().copied().chain(
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
        Some(match self {
            Unit::Gram => "G",
            Unit::Kilogram => "KG",
            Unit::Tonne => "T",
            Unit::Carat => "CAR",
            Unit::CleanKilogram => "CYK",
            Unit::KilogramTotalSugars => "KTS",
            Unit::ContentGram(Content::Unnamed) => "CGM",
            Unit::ContentKilogram(Content::Unnamed) => "CKG",
            Unit::TonneAirDry => "CTN",
            Unit::Liter => "L",
            Unit::CubicMeter => "M3",
            Unit::ThousandCubicMeters => "KM3",
            Unit::Barrel => "BBL",
            Unit::ProofLiter => "PFL",
            Unit::Number => "NO",
            Unit::Piece => "PCS",
            Unit::Pack => "PK",
            Unit::Dozen => "DOZ",
            Unit::DozenPieces => "DPC",
            Unit::Gross => "GRS",
            Unit::Hundred => "HUN",
            Unit::Thousand => "THS",
            Unit::Pair => "PRS",
            Unit::DozenPairs => "DPR",
            Unit::Jewel => "JWL",
            Unit::GrossLine => "GRL",
            Unit::Dose => "DS",
            Unit::SquareCentimeter => "CM2",
            Unit::SquareMeter => "M2",
            Unit::Square => "SQ",
            Unit::Meter => "M",
            Unit::Kilometer => "KM",
            Unit::LinearMeter => "LNM",
            Unit::FiberMeter => "FBM",
            Unit::Watt => "W",
            Unit::KilowattHour => "KWH",
            Unit::OzoneDepletionEquivalent => "ODE",
            Unit::ContentGram(_)
            | Unit::ContentKilogram(_)
            | Unit::ContentTonne(_)
            | Unit::TonneDryWeight
            | Unit::Each
            | Unit::Head
            | Unit::Article
            | Unit::MegawattHour
            | Unit::Gigabecquerel => return None,
        })
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
        match self {
            Unit::Gram
            | Unit::Kilogram
            | Unit::Tonne
            | Unit::Carat
            | Unit::CleanKilogram
            | Unit::KilogramTotalSugars
            | Unit::ContentGram(_)
            | Unit::ContentKilogram(_)
            | Unit::ContentTonne(_)
            | Unit::TonneAirDry
            | Unit::TonneDryWeight => Dimension::Mass,
            Unit::Liter
            | Unit::CubicMeter
            | Unit::ThousandCubicMeters
            | Unit::Barrel
            | Unit::ProofLiter => Dimension::Volume,
            Unit::Number
            | Unit::Each
            | Unit::Head
            | Unit::Article
            | Unit::Piece
            | Unit::Pack
            | Unit::Dozen
            | Unit::DozenPieces
            | Unit::Gross
            | Unit::Hundred
            | Unit::Thousand => Dimension::Count,
            Unit::Pair | Unit::DozenPairs => Dimension::Pairs,
            Unit::Jewel => Dimension::Jewels,
            Unit::GrossLine => Dimension::GrossLines,
            Unit::Dose => Dimension::Doses,
            Unit::SquareCentimeter | Unit::SquareMeter | Unit::Square => Dimension::Area,
            Unit::Meter | Unit::Kilometer | Unit::LinearMeter | Unit::FiberMeter => {
                Dimension::Length
            }
            Unit::Watt => Dimension::Power,
            Unit::KilowattHour | Unit::MegawattHour => Dimension::Energy,
            Unit::Gigabecquerel => Dimension::Radioactivity,
            Unit::OzoneDepletionEquivalent => Dimension::OzoneDepletion,
        }
    }

    /// What the unit measures: the goods, or a content or basis.
    ///
    /// # Example
    /// ```
    /// use landed_cost::quantity::Measure;
    /// use landed_cost::Unit;
    /// assert_eq!(Unit::Gram.measure(), Measure::Goods);
    /// assert_eq!(Unit::KilogramTotalSugars.measure(), Measure::TotalSugars);
    /// ```
    #[must_use]
    pub const fn measure(self) -> Measure {
        match self {
            Unit::Carat => Measure::GemWeight,
            Unit::CleanKilogram => Measure::CleanYield,
            Unit::KilogramTotalSugars => Measure::TotalSugars,
            Unit::ContentGram(content)
            | Unit::ContentKilogram(content)
            | Unit::ContentTonne(content) => Measure::Content(content),
            Unit::TonneAirDry => Measure::AirDryWeight,
            Unit::TonneDryWeight => Measure::DryWeightBasis,
            Unit::ProofLiter => Measure::ProofSpirit,
            Unit::FiberMeter => Measure::FiberLength,
            _ => Measure::Goods,
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
        Some(match self {
            Unit::Gram | Unit::ContentGram(_) => Decimal::from_parts(1, 0, 0, false, 3),
            Unit::Carat => Decimal::from_parts(2, 0, 0, false, 4),
            Unit::Tonne
            | Unit::ContentTonne(_)
            | Unit::TonneAirDry
            | Unit::TonneDryWeight
            | Unit::CubicMeter
            | Unit::Thousand
            | Unit::Kilometer
            | Unit::MegawattHour => Decimal::from_parts(1000, 0, 0, false, 0),
            Unit::ThousandCubicMeters => Decimal::from_parts(1_000_000, 0, 0, false, 0),
            // 42 US gallons of 3.785411784 liters.
            Unit::Barrel => BARREL_LITERS,
            Unit::Dozen | Unit::DozenPieces | Unit::DozenPairs => {
                Decimal::from_parts(12, 0, 0, false, 0)
            }
            Unit::Gross => Decimal::from_parts(144, 0, 0, false, 0),
            Unit::Hundred => Decimal::from_parts(100, 0, 0, false, 0),
            Unit::SquareCentimeter => Decimal::from_parts(1, 0, 0, false, 4),
            Unit::Square => return None,
            Unit::Kilogram
            | Unit::CleanKilogram
            | Unit::KilogramTotalSugars
            | Unit::ContentKilogram(_)
            | Unit::Liter
            | Unit::ProofLiter
            | Unit::Number
            | Unit::Each
            | Unit::Head
            | Unit::Article
            | Unit::Piece
            | Unit::Pack
            | Unit::Pair
            | Unit::Jewel
            | Unit::GrossLine
            | Unit::Dose
            | Unit::SquareMeter
            | Unit::Meter
            | Unit::LinearMeter
            | Unit::FiberMeter
            | Unit::Watt
            | Unit::KilowattHour
            | Unit::Gigabecquerel
            | Unit::OzoneDepletionEquivalent => Decimal::ONE,
        })
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
    /// [`Error::Parse`] if the code is not a known unit.
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
    pub fn from_usitc_code(code: &str) -> Result<Option<Unit>> {
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
    /// [`Error::Parse`] if a part is not a known unit.
    ///
    /// # Example
    /// ```
    /// use landed_cost::Unit;
    /// assert_eq!(Unit::parse_hts_units("No. and kg")?, vec![Unit::Number, Unit::Kilogram]);
    /// assert_eq!(Unit::parse_hts_units("doz. prs.")?, vec![Unit::DozenPairs]);
    /// assert!(Unit::parse_hts_units(" \n")?.is_empty());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn parse_hts_units(text: &str) -> Result<Vec<Unit>> {
        let normalized = normalize(text);
        if normalized.is_empty() {
            return Ok(Vec::new());
        }
        normalized.split(" and ").map(|part| part.parse()).collect()
    }

    /// The unit as rate texts write it after "/" ("kg", "pr.", "pf. liter", "kg on copper
    /// content"); `Unit::Each` is written "each".
    pub(crate) fn rate_spelling(self) -> Cow<'static, str> {
        Cow::Borrowed(match self {
            Unit::Gram => "g",
            Unit::Kilogram => "kg",
            Unit::Tonne => "t",
            Unit::Carat => "carat",
            Unit::CleanKilogram => "clean kg",
            Unit::KilogramTotalSugars => "kg of total sugars",
            Unit::ContentGram(content)
            | Unit::ContentKilogram(content)
            | Unit::ContentTonne(content) => {
                let scale = content_scale(self);
                return match content.info() {
                    Some(info) if info.symbol == info.name => Cow::Owned(self.to_string()),
                    Some(info) => Cow::Owned(format!(
                        "{} {} {} content",
                        scale.symbol(),
                        info.preposition,
                        info.name
                    )),
                    None => Cow::Borrowed(unnamed_content_spelling(scale)),
                };
            }
            Unit::Liter => "liter",
            Unit::ProofLiter => "pf. liter",
            Unit::CubicMeter => "m3",
            Unit::SquareMeter => "m2",
            Unit::Barrel => "bbl",
            Unit::Number => "No.",
            Unit::Each => "each",
            Unit::Head => "head",
            Unit::Article => "article",
            Unit::Piece => "pcs",
            Unit::Pack => "pack",
            Unit::Dozen => "doz.",
            Unit::DozenPieces => "doz. pcs.",
            Unit::Gross => "gross",
            Unit::Hundred => "hundred",
            Unit::Thousand => "thousand",
            Unit::Pair => "pr.",
            Unit::DozenPairs => "doz. pr.",
            Unit::Jewel => "jewel",
            Unit::GrossLine => "line/gross",
            Unit::Dose => "dose",
            Unit::Meter => "m",
            Unit::LinearMeter => "lin. m",
            _ => return Cow::Owned(self.to_string()),
        })
    }
}

/// The scale of a content unit.
fn content_scale(unit: Unit) -> Scale {
    match unit {
        Unit::ContentGram(_) => Scale::Gram,
        Unit::ContentTonne(_) => Scale::Tonne,
        _ => Scale::Kilogram,
    }
}

/// How an unnamed content unit is written when USITC has no code for it.
fn unnamed_content_spelling(scale: Scale) -> &'static str {
    match scale {
        Scale::Gram => "CGM",
        Scale::Kilogram => "CKG",
        Scale::Tonne => "content t",
    }
}

/// Trims, collapses runs of whitespace into one space and lower-cases.
fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(word.chars().flat_map(char::to_lowercase));
    }
    out
}

/// Parses a content unit from normalized (lower-case) text: "cu kg", "kg amc", "kg on copper
/// content", "kg of the copper content", "content t", "ckg".
fn parse_content_unit(text: &str) -> Option<Unit> {
    match text {
        "ckg" => return Some(Unit::ContentKilogram(Content::Unnamed)),
        "cgm" => return Some(Unit::ContentGram(Content::Unnamed)),
        _ => {}
    }
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

impl FromStr for Unit {
    type Err = Error;

    /// Parses a USITC code or an HTS or rate-text spelling, ignoring case and extra spaces.
    fn from_str(s: &str) -> Result<Self> {
        let text = normalize(s);
        if let Some(&(_, unit)) = SPELLINGS.iter().find(|(spelling, _)| *spelling == text) {
            return Ok(unit);
        }
        if let Some(unit) = parse_content_unit(&text) {
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
        Err(Error::parse("unit", s, reason))
    }
}

impl fmt::Display for Unit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(code) = self.usitc_code() {
            return f.pad(code);
        }
        match *self {
            Unit::ContentGram(content)
            | Unit::ContentKilogram(content)
            | Unit::ContentTonne(content) => {
                let scale = content_scale(*self).symbol();
                match content.info() {
                    Some(info) if info.place == SymbolPlace::Before => {
                        f.pad(&format!("{} {scale}", info.symbol))
                    }
                    Some(info) => f.pad(&format!("{scale} {}", info.symbol)),
                    None => f.pad(unnamed_content_spelling(content_scale(*self))),
                }
            }
            Unit::TonneDryWeight => f.pad("t dwb"),
            Unit::Each => f.pad("each"),
            Unit::Head => f.pad("head"),
            Unit::Article => f.pad("article"),
            Unit::MegawattHour => f.pad("MWh"),
            Unit::Gigabecquerel => f.pad("GBq"),
            // Every unit without a USITC code is written above (the round-trip test over
            // `Unit::all()` checks it); this arm is for the units that have one.
            other => f.pad(other.usitc_code().unwrap_or_default()),
        }
    }
}

serde_as_text!(Unit);

#[cfg(test)]
mod tests {
    use super::*;

    fn u(s: &str) -> Unit {
        s.parse().unwrap()
    }

    #[test]
    fn every_unit_displays_and_parses_back() {
        let mut count = 0;
        for unit in Unit::all() {
            assert_eq!(u(&unit.to_string()), unit, "{unit:?} shown as {unit}");
            count += 1;
        }
        assert_eq!(count, SIMPLE_UNITS.len() + 3 * Content::ALL.len());
    }

    #[test]
    fn every_spelling_names_a_unit_whose_dimension_is_known() {
        for (spelling, unit) in SPELLINGS {
            assert_eq!(u(spelling), *unit, "{spelling}");
            assert_eq!(u(&spelling.to_uppercase()), *unit, "{spelling}");
        }
        for unit in SIMPLE_UNITS {
            assert!(SPELLINGS.iter().any(|(_, u)| u == unit) || unit.usitc_code().is_none());
        }
    }

    #[test]
    fn usitc_codes_case_insensitive() {
        for (code, unit) in [
            ("KG", Unit::Kilogram),
            ("kg", Unit::Kilogram),
            ("No", Unit::Number),
            ("GM", Unit::Gram),
            ("CKG", Unit::ContentKilogram(Content::Unnamed)),
            ("CGM", Unit::ContentGram(Content::Unnamed)),
            ("PFL", Unit::ProofLiter),
            ("CTN", Unit::TonneAirDry),
            ("W", Unit::Watt),
        ] {
            assert_eq!(u(code), unit, "{code}");
        }
    }

    #[test]
    fn content_spellings() {
        assert_eq!(u("W kg"), Unit::ContentKilogram(Content::Tungsten));
        assert_eq!(u("Au g"), Unit::ContentGram(Content::Gold));
        assert_eq!(u("Sn t"), Unit::ContentTonne(Content::Tin));
        assert_eq!(u("Cr2O3 t"), Unit::ContentTonne(Content::ChromiumOxide));
        assert_eq!(
            u("kg amc"),
            Unit::ContentKilogram(Content::AnhydrousMorphine)
        );
        assert_eq!(u("kg cmsc"), Unit::ContentKilogram(Content::Cmsc));
        assert_eq!(
            u("kg on molybdenum content"),
            Unit::ContentKilogram(Content::Molybdenum)
        );
        assert_eq!(
            u("kg of anhydrous morphine content"),
            Unit::ContentKilogram(Content::AnhydrousMorphine)
        );
        assert_eq!(u("content t"), Unit::ContentTonne(Content::Unnamed));
        for bad in [
            "Xx kg",
            "kg on unobtainium content",
            "kg of",
            "content",
            "NA",
            "",
        ] {
            assert!(bad.parse::<Unit>().is_err(), "{bad}");
        }
    }

    #[test]
    fn rate_spellings_parse_back() {
        for unit in Unit::all() {
            assert_eq!(u(&unit.rate_spelling()), unit, "{unit:?}");
        }
    }

    #[test]
    fn barrel_is_42_us_gallons() {
        let gallon = Decimal::new(3_785_411_784, 9);
        assert_eq!(Unit::Barrel.factor(), Some(gallon * Decimal::from(42)));
    }

    #[test]
    fn serde_as_text() {
        assert_eq!(serde_json::to_string(&Unit::Pair).unwrap(), "\"PRS\"");
        assert_eq!(
            serde_json::from_str::<Unit>("\"doz.\"").unwrap(),
            Unit::Dozen
        );
        assert!(serde_json::from_str::<Unit>("\"furlong\"").is_err());
    }
}
