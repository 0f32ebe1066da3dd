//! The unit table: one row per [`Unit`] variant holding every property of the unit, in the
//! declaration order of [`Unit`]. The accessors of [`Unit`] read the row; nothing else keeps a
//! per-unit table.
//!
//! The three content variants ([`Unit::ContentGram`], [`Unit::ContentKilogram`],
//! [`Unit::ContentTonne`]) have one row each, written for [`Content::Unnamed`]; the named
//! contents take their symbol, name and preposition from the content's own row
//! (`Content::info`, in `content.rs`).

use rust_decimal::Decimal;

use super::content::Scale;
use super::Dimension::{
    Area, Count, Doses, Energy, GrossLines, Jewels, Length, Mass, OzoneDepletion, Pairs, Power,
    Radioactivity, Volume,
};
use super::Unit;
use super::UnitMeasure::{
    AirDryWeight, CleanYield, DryWeightBasis, FiberLength, GemWeight, Goods, ProofSpirit,
    TotalSugars,
};
use super::{Content, Dimension, UnitMeasure};

/// Every property of one unit.
pub(super) struct UnitRow {
    /// The unit (a content unit with [`Content::Unnamed`]).
    pub(super) unit: Unit,
    /// How the unit is displayed and serialized: its USITC code when `usitc` is set, else its
    /// HTS spelling. For a content row, how the unnamed content unit is written.
    pub(super) symbol: &'static str,
    /// Whether `symbol` is a USITC quantity code (for a content row: of the unnamed content).
    pub(super) usitc: bool,
    /// The physical dimension.
    pub(super) dimension: Dimension,
    /// What the unit measures (for a content row: the unnamed content).
    pub(super) measure: UnitMeasure,
    /// How many of the dimension's base unit one of this unit is; `None` if not fixed.
    pub(super) factor: Option<Decimal>,
    /// How rate texts write the unit after "/" (for a content row: the unnamed content).
    pub(super) rate_spelling: &'static str,
    /// Every accepted spelling, lower case with single spaces; the first is the lower-cased
    /// `symbol` (content rows: the unnamed content's USITC code, if any).
    pub(super) spellings: &'static [&'static str],
    /// The mass scale of a content row; `None` for every other unit.
    pub(super) scale: Option<Scale>,
}

/// Whether a row's symbol is a USITC code.
const USITC: bool = true;
/// Whether a row's symbol is an HTS spelling (the unit has no USITC code).
const HTS: bool = false;

/// `mantissa × 10^-scale` as a constant.
const fn dec(mantissa: u32, scale: u32) -> Option<Decimal> {
    Some(Decimal::from_parts(mantissa, 0, 0, false, scale))
}

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

/// A row of a unit that is not a content unit.
#[allow(clippy::too_many_arguments)]
const fn row(
    unit: Unit,
    symbol: &'static str,
    usitc: bool,
    dimension: Dimension,
    measure: UnitMeasure,
    factor: Option<Decimal>,
    rate_spelling: &'static str,
    spellings: &'static [&'static str],
) -> UnitRow {
    UnitRow {
        unit,
        symbol,
        usitc,
        dimension,
        measure,
        factor,
        rate_spelling,
        spellings,
        scale: None,
    }
}

/// The row of a content unit of one scale, written for the unnamed content.
const fn content(
    scale: Scale,
    symbol: &'static str,
    usitc: bool,
    factor: Option<Decimal>,
    spellings: &'static [&'static str],
) -> UnitRow {
    UnitRow {
        unit: scale.unit(Content::Unnamed),
        symbol,
        usitc,
        dimension: Mass,
        measure: UnitMeasure::Content(Content::Unnamed),
        factor,
        rate_spelling: symbol,
        spellings,
        scale: Some(scale),
    }
}

/// The unit table, in the declaration order of [`Unit`] (the index is [`Unit::row`]'s).
#[rustfmt::skip]
pub(super) static UNIT_ROWS: [UnitRow; 44] = [
    //  unit                            symbol       code   dimension       measure         factor                rate spelling         other spellings
    row(Unit::Gram,                     "G",         USITC, Mass,           Goods,          dec(1, 3),            "g",                  &["g", "gm", "gram", "grams"]),
    row(Unit::Kilogram,                 "KG",        USITC, Mass,           Goods,          dec(1, 0),            "kg",                 &["kg", "kgs", "kilogram", "kilograms"]),
    row(Unit::Tonne,                    "T",         USITC, Mass,           Goods,          dec(1000, 0),         "t",                  &["t", "tonne", "tonnes", "metric ton", "metric tons"]),
    row(Unit::Carat,                    "CAR",       USITC, Mass,           GemWeight,      dec(2, 4),            "carat",              &["car", "carat", "carats"]),
    row(Unit::CleanKilogram,            "CYK",       USITC, Mass,           CleanYield,     dec(1, 0),            "clean kg",           &["cyk", "clean kg", "cy kg"]),
    row(Unit::KilogramTotalSugars,      "KTS",       USITC, Mass,           TotalSugars,    dec(1, 0),            "kg of total sugars", &["kts", "kg of total sugars", "kg total sugars", "kg ttl sug"]),
    content(Scale::Gram,                "CGM",       USITC,                                 dec(1, 3),                                  &["cgm"]),
    content(Scale::Kilogram,            "CKG",       USITC,                                 dec(1, 0),                                  &["ckg"]),
    content(Scale::Tonne,               "content t", HTS,                                   dec(1000, 0),                               &[]),
    row(Unit::TonneAirDry,              "CTN",       USITC, Mass,           AirDryWeight,   dec(1000, 0),         "CTN",                &["ctn", "t adw"]),
    row(Unit::TonneDryWeight,           "t dwb",     HTS,   Mass,           DryWeightBasis, dec(1000, 0),         "t dwb",              &["t dwb"]),
    row(Unit::Liter,                    "L",         USITC, Volume,         Goods,          dec(1, 0),            "liter",              &["l", "liter", "liters", "litre", "litres"]),
    row(Unit::CubicMeter,               "M3",        USITC, Volume,         Goods,          dec(1000, 0),         "m3",                 &["m3", "m³", "cubic meter", "cubic meters"]),
    row(Unit::ThousandCubicMeters,      "KM3",       USITC, Volume,         Goods,          dec(1_000_000, 0),    "KM3",                &["km3", "thousand m3"]),
    // 42 US gallons of 3.785411784 liters.
    row(Unit::Barrel,                   "BBL",       USITC, Volume,         Goods,          Some(BARREL_LITERS),  "bbl",                &["bbl", "barrel", "barrels"]),
    row(Unit::ProofLiter,               "PFL",       USITC, Volume,         ProofSpirit,    dec(1, 0),            "pf. liter",          &["pfl", "pf. liter", "pf.liter", "pf. liters", "pf.liters", "proof liter", "proof liters"]),
    row(Unit::Number,                   "NO",        USITC, Count,          Goods,          dec(1, 0),            "No.",                &["no", "no.", "number"]),
    row(Unit::Each,                     "each",      HTS,   Count,          Goods,          dec(1, 0),            "each",               &["each"]),
    row(Unit::Head,                     "head",      HTS,   Count,          Goods,          dec(1, 0),            "head",               &["head"]),
    row(Unit::Article,                  "article",   HTS,   Count,          Goods,          dec(1, 0),            "article",            &["article", "articles"]),
    row(Unit::Piece,                    "PCS",       USITC, Count,          Goods,          dec(1, 0),            "pcs",                &["pcs", "pcs.", "pc", "piece", "pieces"]),
    row(Unit::Pack,                     "PK",        USITC, Count,          Goods,          dec(1, 0),            "pack",               &["pk", "pack", "packs"]),
    row(Unit::Dozen,                    "DOZ",       USITC, Count,          Goods,          dec(12, 0),           "doz.",               &["doz", "doz.", "dozen"]),
    row(Unit::DozenPieces,              "DPC",       USITC, Count,          Goods,          dec(12, 0),           "doz. pcs.",          &["dpc", "dz pcs", "doz. pcs."]),
    row(Unit::Gross,                    "GRS",       USITC, Count,          Goods,          dec(144, 0),          "gross",              &["grs", "gross"]),
    row(Unit::Hundred,                  "HUN",       USITC, Count,          Goods,          dec(100, 0),          "hundred",            &["hun", "hundred", "hundreds"]),
    row(Unit::Thousand,                 "THS",       USITC, Count,          Goods,          dec(1000, 0),         "thousand",           &["ths", "thousand", "thousands", "thou- sand"]),
    row(Unit::Pair,                     "PRS",       USITC, Pairs,          Goods,          dec(1, 0),            "pr.",                &["prs", "prs.", "pr.", "pr", "pair", "pairs"]),
    row(Unit::DozenPairs,               "DPR",       USITC, Pairs,          Goods,          dec(12, 0),           "doz. pr.",           &["dpr", "doz. prs.", "doz. pr.", "dozen pairs"]),
    row(Unit::Jewel,                    "JWL",       USITC, Jewels,         Goods,          dec(1, 0),            "jewel",              &["jwl", "jewel", "jewels", "jwls."]),
    row(Unit::GrossLine,                "GRL",       USITC, GrossLines,     Goods,          dec(1, 0),            "line/gross",         &["grl", "line/gross", "gr.lines", "gross lines"]),
    row(Unit::Dose,                     "DS",        USITC, Doses,          Goods,          dec(1, 0),            "dose",               &["ds", "dose", "doses"]),
    row(Unit::SquareCentimeter,         "CM2",       USITC, Area,           Goods,          dec(1, 4),            "CM2",                &["cm2", "cm²"]),
    row(Unit::SquareMeter,              "M2",        USITC, Area,           Goods,          dec(1, 0),            "m2",                 &["m2", "m²"]),
    // The roofing "square": no conversion factor is assumed.
    row(Unit::Square,                   "SQ",        USITC, Area,           Goods,          None,                 "SQ",                 &["sq", "square", "squares"]),
    row(Unit::Meter,                    "M",         USITC, Length,         Goods,          dec(1, 0),            "m",                  &["m", "meter", "meters"]),
    row(Unit::Kilometer,                "KM",        USITC, Length,         Goods,          dec(1000, 0),         "KM",                 &["km", "thousand m", "kilometer", "kilometers"]),
    row(Unit::LinearMeter,              "LNM",       USITC, Length,         Goods,          dec(1, 0),            "lin. m",             &["lnm", "lin. m", "linear meter", "linear meters"]),
    row(Unit::FiberMeter,               "FBM",       USITC, Length,         FiberLength,    dec(1, 0),            "FBM",                &["fbm", "fiber m"]),
    row(Unit::Watt,                     "W",         USITC, Power,          Goods,          dec(1, 0),            "W",                  &["w", "watt", "watts"]),
    row(Unit::KilowattHour,             "KWH",       USITC, Energy,         Goods,          dec(1, 0),            "KWH",                &["kwh"]),
    row(Unit::MegawattHour,             "MWh",       HTS,   Energy,         Goods,          dec(1000, 0),         "MWh",                &["mwh"]),
    row(Unit::Gigabecquerel,            "GBq",       HTS,   Radioactivity,  Goods,          dec(1, 0),            "GBq",                &["gbq"]),
    row(Unit::OzoneDepletionEquivalent, "ODE",       USITC, OzoneDepletion, Goods,          dec(1, 0),            "ODE",                &["ode"]),
];

impl Unit {
    /// The unit's row of [`UNIT_ROWS`] (a content unit's row is its scale's).
    pub(super) const fn row(self) -> &'static UnitRow {
        match self {
            Unit::Gram => &UNIT_ROWS[0],
            Unit::Kilogram => &UNIT_ROWS[1],
            Unit::Tonne => &UNIT_ROWS[2],
            Unit::Carat => &UNIT_ROWS[3],
            Unit::CleanKilogram => &UNIT_ROWS[4],
            Unit::KilogramTotalSugars => &UNIT_ROWS[5],
            Unit::ContentGram(_) => &UNIT_ROWS[6],
            Unit::ContentKilogram(_) => &UNIT_ROWS[7],
            Unit::ContentTonne(_) => &UNIT_ROWS[8],
            Unit::TonneAirDry => &UNIT_ROWS[9],
            Unit::TonneDryWeight => &UNIT_ROWS[10],
            Unit::Liter => &UNIT_ROWS[11],
            Unit::CubicMeter => &UNIT_ROWS[12],
            Unit::ThousandCubicMeters => &UNIT_ROWS[13],
            Unit::Barrel => &UNIT_ROWS[14],
            Unit::ProofLiter => &UNIT_ROWS[15],
            Unit::Number => &UNIT_ROWS[16],
            Unit::Each => &UNIT_ROWS[17],
            Unit::Head => &UNIT_ROWS[18],
            Unit::Article => &UNIT_ROWS[19],
            Unit::Piece => &UNIT_ROWS[20],
            Unit::Pack => &UNIT_ROWS[21],
            Unit::Dozen => &UNIT_ROWS[22],
            Unit::DozenPieces => &UNIT_ROWS[23],
            Unit::Gross => &UNIT_ROWS[24],
            Unit::Hundred => &UNIT_ROWS[25],
            Unit::Thousand => &UNIT_ROWS[26],
            Unit::Pair => &UNIT_ROWS[27],
            Unit::DozenPairs => &UNIT_ROWS[28],
            Unit::Jewel => &UNIT_ROWS[29],
            Unit::GrossLine => &UNIT_ROWS[30],
            Unit::Dose => &UNIT_ROWS[31],
            Unit::SquareCentimeter => &UNIT_ROWS[32],
            Unit::SquareMeter => &UNIT_ROWS[33],
            Unit::Square => &UNIT_ROWS[34],
            Unit::Meter => &UNIT_ROWS[35],
            Unit::Kilometer => &UNIT_ROWS[36],
            Unit::LinearMeter => &UNIT_ROWS[37],
            Unit::FiberMeter => &UNIT_ROWS[38],
            Unit::Watt => &UNIT_ROWS[39],
            Unit::KilowattHour => &UNIT_ROWS[40],
            Unit::MegawattHour => &UNIT_ROWS[41],
            Unit::Gigabecquerel => &UNIT_ROWS[42],
            Unit::OzoneDepletionEquivalent => &UNIT_ROWS[43],
        }
    }
}

/// The unit a normalized spelling names, by binary search of every row's spellings, sorted
/// once (the spellings are unique, a test of the table checks it).
pub(super) fn unit_spelled(text: &str) -> Option<Unit> {
    static SPELLINGS: std::sync::OnceLock<Box<[(&'static str, Unit)]>> = std::sync::OnceLock::new();
    let spellings = SPELLINGS.get_or_init(|| {
        let mut all: Vec<(&'static str, Unit)> = UNIT_ROWS
            .iter()
            .flat_map(|row| row.spellings.iter().map(|s| (*s, row.unit)))
            .collect();
        all.sort_unstable_by_key(|(spelling, _)| *spelling);
        all.into_boxed_slice()
    });
    spellings
        .binary_search_by_key(&text, |(spelling, _)| spelling)
        .ok()
        .and_then(|i| spellings.get(i))
        .map(|(_, unit)| *unit)
}
