//! The USITC oracle: every formula row of the 2025 annual tariff database, priced by
//! `DutyRate::duty`, must equal USITC's own decomposition of the rate (`mfn_rate_type_code`,
//! `mfn_ad_val_rate`, `mfn_specific_rate`, `mfn_other_rate`, `quantity_1_code`,
//! `quantity_2_code`); and every distinct rate text of the annual file and the three HTS exports
//! parses into a computable rate or a typed non-computable one.
//!
//! Reads `../shared/data` relative to the crate root and skips, with a message, when it is absent.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::fs::File;
use std::io::{BufReader, Read};

use landed_cost::tariff::{Component, DutyRateKind};
use landed_cost::{Currency, DutyBase, DutyRate, Error, Money, Quantity, Unit};
use rust_decimal::Decimal;

use common::usitc_dir as data_dir;

/// One row of the annual database, the fields the oracle needs.
struct Row {
    line: u64,
    hts8: String,
    text: String,
    code: String,
    ad_valorem: Decimal,
    specific: Decimal,
    other: Decimal,
    q1: Option<Unit>,
    q2: Option<Unit>,
}

fn read_rows(dir: &std::path::Path) -> Vec<Row> {
    let mut reader = csv::Reader::from_path(dir.join("tariff_database_2025.csv")).unwrap();
    let headers: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(|h| h.trim_start_matches('\u{feff}').to_owned())
        .collect();
    let column = |name: &str| headers.iter().position(|h| h == name).unwrap();
    let (hts8, text, code) = (
        column("hts8"),
        column("mfn_text_rate"),
        column("mfn_rate_type_code"),
    );
    let (ad, spec, other) = (
        column("mfn_ad_val_rate"),
        column("mfn_specific_rate"),
        column("mfn_other_rate"),
    );
    let (q1, q2) = (column("quantity_1_code"), column("quantity_2_code"));
    let number = |s: &str| -> Decimal {
        if s.is_empty() {
            Decimal::ZERO
        } else {
            s.parse().unwrap()
        }
    };
    reader
        .records()
        .map(|record| {
            let record = record.unwrap();
            Row {
                line: record.position().unwrap().line(),
                hts8: record[hts8].to_owned(),
                text: record[text].to_owned(),
                code: record[code].to_owned(),
                ad_valorem: number(&record[ad]),
                specific: number(&record[spec]),
                other: number(&record[other]),
                q1: Unit::from_usitc_code(&record[q1]).unwrap(),
                q2: Unit::from_usitc_code(&record[q2]).unwrap(),
            }
        })
        .collect()
}

/// `9999.999999`: USITC's "not computable from this row".
fn not_computable(value: Decimal) -> bool {
    value == Decimal::new(9_999_999_999, 6)
}

/// SplitMix64: deterministic draws.
struct Draws(u64);

impl Draws {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A decimal with `scale` places, up to `max_units` whole units.
    fn decimal(&mut self, max_units: u64, scale: u32) -> Decimal {
        let raw = self.next() % (max_units * 10u64.pow(scale) + 1);
        Decimal::new(i64::try_from(raw).unwrap(), scale)
    }
}

/// USITC's duty for a row per the code key of DOMAIN.md §6, or `None` when the row lacks what
/// the code needs.
fn expected(row: &Row, value: Decimal, q1: Decimal, q2: Decimal) -> Option<Decimal> {
    let needs = |x: Decimal| (!not_computable(x)).then_some(x);
    let ad = || needs(row.ad_valorem).map(|r| r * value);
    let s1 = || {
        needs(row.specific)
            .filter(|_| row.q1.is_some())
            .map(|s| s * q1)
    };
    let s2 = || {
        needs(row.specific)
            .filter(|_| row.q2.is_some())
            .map(|s| s * q2)
    };
    let o2 = || {
        needs(row.other)
            .filter(|_| row.q2.is_some())
            .map(|o| o * q2)
    };
    Some(match row.code.as_str() {
        "0" => Decimal::ZERO,
        "1" => s1()?,
        "2" => s2()?,
        "3" => s1()? + o2()?,
        "4" => s1()? + ad()?,
        "5" => s2()? + ad()?,
        "6" => s1()? + o2()? + ad()?,
        "7" => ad()?,
        _ => return None,
    })
}

const CODES: [&str; 8] = ["0", "1", "2", "3", "4", "5", "6", "7"];

const TOTAL_SUGARS_ON_KG: &str = "the text charges per kg of total sugars; USITC charges it on \
     quantity_1_code KG (gross kilograms), while its other total-sugars rows use KTS";
const TUNGSTEN_ON_Q1: &str = "the text charges per kg on tungsten content; USITC codes the row 4 \
     (specific x Q1 = KG, the gross weight) although Q2 is CKG, where its code-5 molybdenum and \
     magnesium rows charge the content";
const NO_UNIT: &str = "the text charges per kg; USITC gives the row no quantity unit \
     (quantity_1_code NA or blank), so its decomposition cannot price it";

/// Rows where USITC's own decomposition is inconsistent with its rate text, and why. Each is
/// checked to agree once the quantity is declared in the measure the text charges per.
const USITC_INCONSISTENT: &[(&str, &str)] = &[
    ("17022028", TOTAL_SUGARS_ON_KG),
    ("17023028", TOTAL_SUGARS_ON_KG),
    ("17024028", TOTAL_SUGARS_ON_KG),
    ("17026028", TOTAL_SUGARS_ON_KG),
    ("17029058", TOTAL_SUGARS_ON_KG),
    ("21069042", TOTAL_SUGARS_ON_KG),
    ("21069044", TOTAL_SUGARS_ON_KG),
    ("26209920", TUNGSTEN_ON_Q1),
    ("99040421", NO_UNIT),
    ("99040487", NO_UNIT),
    ("99040498", NO_UNIT),
    ("99040501", NO_UNIT),
    ("99041741", NO_UNIT),
    ("99041743", NO_UNIT),
    ("99041746", NO_UNIT),
    ("99041748", NO_UNIT),
    ("99041762", NO_UNIT),
    ("99041818", NO_UNIT),
    ("99041828", NO_UNIT),
    ("99045250", NO_UNIT),
];

/// For a row USITC decomposes inconsistently: declares the quantity in the unit the text charges
/// per and checks `specific x quantity + ad valorem x value` with USITC's own numbers.
fn agrees_in_own_measure(row: &Row, rate: &DutyRate, draws: &mut Draws) -> Result<(), String> {
    let units: Vec<Unit> = rate
        .terms()
        .iter()
        .filter_map(|term| match term {
            Component::Specific(specific) => Some(specific.unit()),
            _ => None,
        })
        .collect();
    let [unit] = units[..] else {
        return Err(format!(
            "{:?} has {} specific components",
            row.text,
            units.len()
        ));
    };
    for _ in 0..3 {
        let (value, quantity) = (draws.decimal(250_000, 2), draws.decimal(100_000, 3));
        let base = DutyBase::new(Money::new(value, Currency::USD))
            .with_quantity(Quantity::new(quantity, unit));
        let want = row.specific * quantity + row.ad_valorem * value;
        let got = rate.duty(&base).map_err(|e| e.to_string())?.amount();
        if got != want {
            return Err(format!("{:?}: USITC {want}, duty {got}", row.text));
        }
    }
    Ok(())
}

#[test]
fn every_formula_row_agrees_with_usitc() {
    let Some(dir) = data_dir() else { return };
    let rows = read_rows(&dir);
    let mut formulas = 0usize;
    let mut agree = 0usize;
    let mut own_measure = 0usize;
    let mut non_formulas: BTreeMap<String, usize> = BTreeMap::new();
    let mut disagree: BTreeMap<String, String> = BTreeMap::new();
    for (index, row) in rows.iter().enumerate() {
        if !CODES.contains(&row.code.as_str()) {
            continue;
        }
        let rate: DutyRate = row
            .text
            .parse()
            .unwrap_or_else(|e| panic!("line {} ({}): {e}", row.line, row.hts8));
        if !rate.is_computable() {
            *non_formulas.entry(rate.to_string()).or_default() += 1;
            continue;
        }
        formulas += 1;
        let mut draws = Draws(index as u64);
        let mut verdict = Ok(());
        for draw in 0..4 {
            let (value, q1, q2) = if draw == 0 {
                (Decimal::ZERO, Decimal::ZERO, Decimal::ZERO)
            } else {
                (
                    draws.decimal(250_000, 2),
                    draws.decimal(100_000, 3),
                    draws.decimal(100_000, 3),
                )
            };
            let mut base = DutyBase::new(Money::new(value, Currency::USD));
            if let Some(unit) = row.q1 {
                base = base.with_quantity(Quantity::new(q1, unit));
            }
            if let Some(unit) = row.q2.filter(|u| Some(*u) != row.q1) {
                base = base.with_quantity(Quantity::new(q2, unit));
            }
            let want = expected(row, value, q1, q2);
            let got = rate.duty(&base);
            match (want, got) {
                (Some(want), Ok(got)) if got.amount() == want => {}
                (want, got) => {
                    verdict = Err(format!(
                        "{:?} [code {}, Q1 {:?}, Q2 {:?}]: USITC {want:?}, duty {:?}",
                        row.text,
                        row.code,
                        row.q1.map(|u| u.to_string()),
                        row.q2.map(|u| u.to_string()),
                        got.map(|m| m.amount()).map_err(|e| e.to_string())
                    ));
                    break;
                }
            }
        }
        match verdict {
            Ok(()) => agree += 1,
            Err(why) => {
                if USITC_INCONSISTENT.iter().any(|(h, _)| *h == row.hts8) {
                    agrees_in_own_measure(row, &rate, &mut draws)
                        .unwrap_or_else(|e| panic!("{}: {e}", row.hts8));
                    own_measure += 1;
                }
                disagree.insert(row.hts8.clone(), why);
            }
        }
    }
    println!("formula rows (mfn_rate_type_code 0-7): {formulas}");
    println!("agree: {agree} of {formulas}");
    println!(
        "of the {} that disagree, {own_measure} agree with the quantity declared in the measure \
         the text charges per",
        disagree.len()
    );
    println!("rows with codes 0-7 whose text is not a formula: {non_formulas:?}");
    for (hts8, why) in &disagree {
        println!("disagree {hts8}: {why}");
    }
    assert_eq!(formulas, 12_037);
    for (hts8, reason) in USITC_INCONSISTENT {
        println!("expected disagreement {hts8}: {reason}");
    }
    let expected_set: BTreeSet<&str> = USITC_INCONSISTENT.iter().map(|(h, _)| *h).collect();
    let got_set: BTreeSet<&str> = disagree.keys().map(String::as_str).collect();
    assert_eq!(got_set, expected_set);
    assert_eq!(own_measure, disagree.len());
    assert_eq!(agree + disagree.len(), formulas);
    let not_formula: usize = non_formulas.values().sum();
    assert_eq!(not_formula, 9, "{non_formulas:?}");
}

/// The rate columns of one line of an HTS JSON export (the other keys are ignored).
#[derive(serde::Deserialize)]
struct HtsLine {
    general: Option<String>,
    other: Option<String>,
    units: Option<Vec<String>>,
}

/// The lines of an HTS JSON export.
fn read_hts(path: &std::path::Path) -> Vec<HtsLine> {
    let mut gz = flate2::read::GzDecoder::new(BufReader::new(File::open(path).unwrap()));
    // Decompressed whole, then parsed: much faster than parsing from the stream.
    let mut bytes = Vec::new();
    gz.read_to_end(&mut bytes).unwrap();
    serde_json::from_slice(&bytes).unwrap()
}

const HTS_FILES: [&str; 3] = [
    "hts_2025_basic.json.gz",
    "hts_2025_rev_32.json.gz",
    "hts_2026_rev_10.json.gz",
];

/// Texts that are not rates and are rejected with an explained parse error: a lone colon (two
/// chapter 99 lines of the HTS exports, column 2) and "37% /" (2909.19.18.00, column 2: a stray
/// slash where a footnote reference lost its number).
const REJECTED: &[&str] = &[":", "37% /"];

#[test]
fn every_distinct_rate_text_parses_or_is_typed() {
    let Some(dir) = data_dir() else { return };
    // text -> the sources it appears in
    let mut texts: BTreeMap<String, BTreeSet<&'static str>> = BTreeMap::new();
    let mut add = |text: &str, source: &'static str| {
        if !text.trim().is_empty() {
            texts.entry(text.to_owned()).or_default().insert(source);
        }
    };
    for row in read_rows(&dir) {
        add(&row.text, "annual mfn_text_rate");
    }
    let mut reader = csv::Reader::from_path(dir.join("tariff_database_2025.csv")).unwrap();
    let col2 = reader
        .headers()
        .unwrap()
        .iter()
        .position(|h| h == "col2_text_rate")
        .unwrap();
    for record in reader.records() {
        add(&record.unwrap()[col2], "annual col2_text_rate");
    }
    for file in [
        "hts_2025_basic.json.gz",
        "hts_2025_rev_32.json.gz",
        "hts_2026_rev_10.json.gz",
    ] {
        let mut gz =
            flate2::read::GzDecoder::new(BufReader::new(File::open(dir.join(file)).unwrap()));
        // Decompressed whole, then parsed: much faster than parsing from the stream.
        let mut bytes = Vec::new();
        gz.read_to_end(&mut bytes).unwrap();
        let lines: Vec<HtsLine> = serde_json::from_slice(&bytes).unwrap();
        for line in &lines {
            add(line.general.as_deref().unwrap_or_default(), "HTS general");
            add(line.other.as_deref().unwrap_or_default(), "HTS other");
        }
    }

    let mut kinds: BTreeMap<String, usize> = BTreeMap::new();
    let mut per_source: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    let mut rejected: BTreeMap<String, String> = BTreeMap::new();
    for (text, sources) in &texts {
        match text.parse::<DutyRate>() {
            Ok(rate) => {
                let key = match rate.kind() {
                    DutyRateKind::NotComputable => format!(
                        "not computable: {:?}",
                        rate.not_computable().map(|n| n.kind()).unwrap()
                    ),
                    kind => format!("computable: {kind:?}"),
                };
                *kinds.entry(key).or_default() += 1;
                for source in sources {
                    let counts = per_source.entry(source).or_default();
                    if rate.is_computable() {
                        counts.0 += 1;
                    } else {
                        counts.1 += 1;
                    }
                }
                // Display parses back to an equal rate.
                assert_eq!(
                    rate.to_string().parse::<DutyRate>().unwrap(),
                    rate,
                    "{text:?}"
                );
            }
            Err(error) => {
                assert!(matches!(error, Error::Parse { .. }), "{text:?}: {error}");
                rejected.insert(text.clone(), error.to_string());
            }
        }
    }
    println!("distinct rate texts: {}", texts.len());
    for (kind, count) in &kinds {
        println!("  {kind}: {count}");
    }
    for (source, (computable, typed)) in &per_source {
        println!("  {source}: {computable} computable, {typed} typed non-computable");
    }
    for (text, error) in &rejected {
        println!("  rejected {text:?}: {error}");
    }
    let rejected_set: BTreeSet<&str> = rejected.keys().map(String::as_str).collect();
    assert_eq!(rejected_set, REJECTED.iter().copied().collect());
}

#[test]
fn every_unit_of_the_data_parses() {
    let Some(dir) = data_dir() else { return };
    let mut reader = csv::Reader::from_path(dir.join("tariff_database_2025.csv")).unwrap();
    let headers = reader.headers().unwrap().clone();
    let columns: Vec<usize> = ["quantity_1_code", "quantity_2_code"]
        .iter()
        .map(|name| headers.iter().position(|h| h == *name).unwrap())
        .collect();
    let mut codes: BTreeMap<String, Option<Unit>> = BTreeMap::new();
    for record in reader.records() {
        let record = record.unwrap();
        for column in &columns {
            let code = &record[*column];
            let unit = Unit::from_usitc_code(code).unwrap_or_else(|e| panic!("{code:?}: {e}"));
            codes.insert(code.to_owned(), unit);
        }
    }
    let mut spellings: BTreeMap<String, Vec<Unit>> = BTreeMap::new();
    for file in HTS_FILES {
        for line in read_hts(&dir.join(file)) {
            for text in line.units.unwrap_or_default() {
                let units =
                    Unit::parse_hts_units(&text).unwrap_or_else(|e| panic!("{text:?}: {e}"));
                spellings.insert(text, units);
            }
        }
    }
    println!("distinct USITC quantity codes: {}", codes.len());
    for (code, unit) in &codes {
        let shown = unit.map(|u| format!("{u} ({:?}, {})", u, u.dimension()));
        println!(
            "  {code:?} -> {}",
            shown.unwrap_or_else(|| "no unit".to_owned())
        );
    }
    println!("distinct HTS unit texts: {}", spellings.len());
    for (text, units) in &spellings {
        println!("  {text:?} -> {units:?}");
    }
    // Every code names a unit except the blank and NA (no quantity).
    let none: BTreeSet<&str> = codes
        .iter()
        .filter(|(_, unit)| unit.is_none())
        .map(|(code, _)| code.as_str())
        .collect();
    assert_eq!(none, BTreeSet::from(["", "NA"]));
    // Blank unit texts are the only ones naming no unit.
    for (text, units) in &spellings {
        assert_eq!(units.is_empty(), text.trim().is_empty(), "{text:?}");
    }
}
