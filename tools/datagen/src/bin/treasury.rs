//! Generates `data/fx/treasury_reporting.csv`, the embedded US Treasury Reporting Rates of
//! Exchange (quarterly, foreign currency per US dollar) from the report of 2024-09-30 on,
//! in the `ExchangeRateTable` CSV form with kind `reporting`.
//!
//! Run from the crate root: `cargo run -p datagen --bin treasury` (reads
//! `../shared/data/fx/treasury_reporting_rates_2021q2_2026q1.csv`, or the path given as the first
//! argument; see `data/fx/SOURCE.md`).
//!
//! Treasury names each rate by "Country-Currency"; the table below maps every name to its ISO
//! 4217 code, or says why the name is left out. A name the table does not know stops the
//! generator, so a new file is reviewed rather than guessed. A currency several countries share
//! (the euro, the CFA francs, the East Caribbean dollar) must have one rate per date.

use std::collections::BTreeMap;
use std::error::Error;
use std::fmt::Write as _;

use landed_cost::Currency;

const DEFAULT_INPUT: &str = "../shared/data/fx/treasury_reporting_rates_2021q2_2026q1.csv";
const OUTPUT: &str = "data/fx/treasury_reporting.csv";
/// The first report kept: its rates are for the last quarter of 2024, when goods entered in
/// January 2025 may have been exported (the US rule converts on the date of exportation).
const FIRST_RECORD: &str = "2024-09-30";

/// What a Treasury name becomes.
enum Map {
    /// This ISO 4217 code.
    Code(&'static str),
    /// Left out, for this reason.
    Skip(&'static str),
}
use Map::{Code, Skip};

const US_DOLLAR: Map = Skip("the US dollar itself");

/// Every "Country-Currency" name of the reports kept.
const NAMES: &[(&str, Map)] = &[
    ("Afghanistan-Afghani", Code("AFN")),
    ("Albania-Lek", Code("ALL")),
    ("Algeria-Dinar", Code("DZD")),
    ("Angola-Kwanza", Code("AOA")),
    ("Antigua & Barbuda-East Caribbean Dollar", Code("XCD")),
    ("Argentina-Peso", Code("ARS")),
    ("Armenia-Dram", Code("AMD")),
    ("Australia-Dollar", Code("AUD")),
    ("Austria-Euro", Code("EUR")),
    ("Azerbaijan-Manat", Code("AZN")),
    ("Bahamas-Dollar", Code("BSD")),
    ("Bahrain-Dinar", Code("BHD")),
    ("Bangladesh-Taka", Code("BDT")),
    ("Barbados-Dollar", Code("BBD")),
    ("Belarus-New Ruble", Code("BYN")),
    ("Belgium-Euro", Code("EUR")),
    ("Belize-Dollar", Code("BZD")),
    ("Benin-Cfa Franc", Code("XOF")),
    ("Bermuda-Dollar", Code("BMD")),
    ("Bolivia-Boliviano", Code("BOB")),
    ("Bosnia-Marka", Code("BAM")),
    ("Botswana-Pula", Code("BWP")),
    ("Brazil-Real", Code("BRL")),
    ("Brunei-Dollar", Code("BND")),
    (
        "Bulgaria-Lev New",
        Skip("the lev is no longer an active ISO 4217 code (the euro from 2026-01-01)"),
    ),
    ("Burkina Faso-Cfa Franc", Code("XOF")),
    ("Burundi-Franc", Code("BIF")),
    ("Cambodia-Riel", Code("KHR")),
    ("Cameroon-Cfa Franc", Code("XAF")),
    ("Canada-Dollar", Code("CAD")),
    ("Cape Verde-Escudo", Code("CVE")),
    ("Cayman Islands-Dollar", Code("KYD")),
    ("Central African Republic-Cfa Franc", Code("XAF")),
    ("Chad-Cfa Franc", Code("XAF")),
    ("Chile-Peso", Code("CLP")),
    ("China-Renminbi", Code("CNY")),
    ("Colombia-Peso", Code("COP")),
    ("Comoros-Franc", Code("KMF")),
    ("Congo-Cfa Franc", Code("XAF")),
    ("Costa Rica-Colon", Code("CRC")),
    ("Cote D'Ivoire-Cfa Franc", Code("XOF")),
    ("Croatia-Euro", Code("EUR")),
    (
        "Croatia-Kuna",
        Skip("the kuna was replaced by the euro in 2023"),
    ),
    (
        "Cross Border-Euro",
        Skip("a rate for cross-border payments, not the euro's reporting rate"),
    ),
    ("Cuba-Chavito", Skip("the convertible peso is no longer issued")),
    ("Cuba-Peso", Code("CUP")),
    ("Curacao-Caribbean Guilder", Code("XCG")),
    ("Cyprus-Euro", Code("EUR")),
    ("Czech Republic-Koruna", Code("CZK")),
    ("Democratic Republic Of Congo-Congolese Franc", Code("CDF")),
    ("Denmark-Krone", Code("DKK")),
    ("Djibouti-Franc", Code("DJF")),
    ("Dominican Republic-Peso", Code("DOP")),
    ("Ecuador-Dolares", US_DOLLAR),
    ("Egypt-Pound", Code("EGP")),
    ("El Salvador-Dollar", US_DOLLAR),
    ("Equatorial Guinea-Cfa Franc", Code("XAF")),
    ("Eritrea-Nakfa", Code("ERN")),
    (
        "Eritrea-Nakfa Salary Payment",
        Skip("a rate for salary payments only"),
    ),
    ("Estonia-Euro", Code("EUR")),
    ("Eswatini-Lilangeni", Code("SZL")),
    ("Ethiopia-Birr", Code("ETB")),
    ("Euro Zone-Euro", Code("EUR")),
    ("Fiji-Dollar", Code("FJD")),
    ("Finland-Euro", Code("EUR")),
    ("France-Euro", Code("EUR")),
    ("Gabon-Cfa Franc", Code("XAF")),
    ("Gambia-Dalasi", Code("GMD")),
    ("Georgia-Lari", Code("GEL")),
    ("Germany-Euro", Code("EUR")),
    ("Ghana-Cedi", Code("GHS")),
    ("Greece-Euro", Code("EUR")),
    ("Grenada-East Caribbean Dollar", Code("XCD")),
    ("Guatemala-Quetzal", Code("GTQ")),
    ("Guinea Bissau-Cfa Franc", Code("XOF")),
    ("Guinea-Franc", Code("GNF")),
    ("Guyana-Dollar", Code("GYD")),
    ("Haiti-Gourde", Code("HTG")),
    ("Honduras-Lempira", Code("HNL")),
    ("Hong Kong-Dollar", Code("HKD")),
    ("Hungary-Forint", Code("HUF")),
    ("Iceland-Krona", Code("ISK")),
    ("India-Rupee", Code("INR")),
    ("Indonesia-Rupiah", Code("IDR")),
    ("Iran-Rial", Code("IRR")),
    ("Iraq-Dinar", Code("IQD")),
    ("Ireland-Euro", Code("EUR")),
    ("Israel-Shekel", Code("ILS")),
    ("Italy-Euro", Code("EUR")),
    ("Jamaica-Dollar", Code("JMD")),
    ("Japan-Yen", Code("JPY")),
    ("Jordan-Dinar", Code("JOD")),
    ("Kazakhstan-Tenge", Code("KZT")),
    ("Kenya-Shilling", Code("KES")),
    ("Korea-Won", Code("KRW")),
    ("Kosovo-Euro", Code("EUR")),
    ("Kuwait-Dinar", Code("KWD")),
    ("Kyrgyzstan-Som", Code("KGS")),
    ("Laos-Kip", Code("LAK")),
    ("Latvia-Euro", Code("EUR")),
    ("Lebanon-Pound", Code("LBP")),
    ("Lesotho-Maloti", Code("LSL")),
    ("Liberia-Dollar", Code("LRD")),
    ("Libya-Dinar", Code("LYD")),
    ("Lithuania-Euro", Code("EUR")),
    ("Luxembourg-Euro", Code("EUR")),
    ("Madagascar-Ariary", Code("MGA")),
    ("Malawi-Kwacha", Code("MWK")),
    ("Malaysia-Ringgit", Code("MYR")),
    ("Maldives-Rufiyaa", Code("MVR")),
    ("Mali-Cfa Franc", Code("XOF")),
    ("Malta-Euro", Code("EUR")),
    ("Marshall Islands-U.S. Dollar", US_DOLLAR),
    ("Mauritania-Ouguiya", Code("MRU")),
    ("Mauritius-Rupee", Code("MUR")),
    ("Mexico-Peso", Code("MXN")),
    ("Micronesia-U.S. Dollar", US_DOLLAR),
    ("Moldova-Leu", Code("MDL")),
    ("Mongolia-Tugrik", Code("MNT")),
    ("Montenegro-Euro", Code("EUR")),
    ("Morocco-Dirham", Code("MAD")),
    ("Mozambique-Metical", Code("MZN")),
    ("Myanmar-Kyat", Code("MMK")),
    ("Namibia-Dollar", Code("NAD")),
    ("Nepal-Rupee", Code("NPR")),
    (
        "Netherlands Antilles-Guilder",
        Skip("the guilder is no longer an active ISO 4217 code (the Caribbean guilder replaced it)"),
    ),
    ("Netherlands-Euro", Code("EUR")),
    ("New Zealand-Dollar", Code("NZD")),
    ("Nicaragua-Cordoba", Code("NIO")),
    ("Niger-Cfa Franc", Code("XOF")),
    ("Nigeria-Naira", Code("NGN")),
    ("Norway-Krone", Code("NOK")),
    ("Oman-Rial", Code("OMR")),
    ("Pakistan-Rupee", Code("PKR")),
    ("Palau-Dollar", US_DOLLAR),
    (
        "Panama-Balboa",
        Skip("the figure (283.37 per US dollar) is implausible for a currency at par with the US dollar: a likely transcription error"),
    ),
    ("Panama-Dolares", US_DOLLAR),
    ("Papua New Guinea-Kina", Code("PGK")),
    ("Paraguay-Guarani", Code("PYG")),
    ("Peru-Sol", Code("PEN")),
    ("Philippines-Peso", Code("PHP")),
    ("Poland-Zloty", Code("PLN")),
    ("Portugal-Euro", Code("EUR")),
    ("Qatar-Riyal", Code("QAR")),
    ("Republic Of North Macedonia-Denar", Code("MKD")),
    ("Romania-New Leu", Code("RON")),
    ("Russia-Ruble", Code("RUB")),
    ("Rwanda-Franc", Code("RWF")),
    ("Sao Tome & Principe-New Dobras", Code("STN")),
    ("Saudi Arabia-Riyal", Code("SAR")),
    ("Senegal-Cfa Franc", Code("XOF")),
    ("Serbia-Dinar", Code("RSD")),
    ("Seychelles-Rupee", Code("SCR")),
    ("Sierra Leone-Leone", Code("SLE")),
    (
        "Sierra Leone-Old Leone",
        Skip("the old leone is no longer an active ISO 4217 code"),
    ),
    ("Singapore-Dollar", Code("SGD")),
    ("Slovakia-Euro", Code("EUR")),
    ("Slovenia-Euro", Code("EUR")),
    ("Solomon Islands-Dollar", Code("SBD")),
    ("Somali-Shilling", Code("SOS")),
    ("South Africa-Rand", Code("ZAR")),
    ("South Sudan-Sudanese Pound", Code("SSP")),
    ("Spain-Euro", Code("EUR")),
    ("Sri Lanka-Rupee", Code("LKR")),
    ("St. Lucia-East Caribbean Dollar", Code("XCD")),
    ("Sudan-Pound", Code("SDG")),
    ("Suriname-Dollar", Code("SRD")),
    ("Sweden-Krona", Code("SEK")),
    ("Switzerland-Franc", Code("CHF")),
    ("Syria-Pound", Code("SYP")),
    ("Taiwan-Dollar", Code("TWD")),
    ("Tajikistan-Somoni", Code("TJS")),
    ("Tanzania-Shilling", Code("TZS")),
    ("Thailand-Baht", Code("THB")),
    ("Timor-Leste-Dili", US_DOLLAR),
    ("Togo-Cfa Franc", Code("XOF")),
    ("Tonga-Pa'Anga", Code("TOP")),
    ("Trinidad & Tobago-Dollar", Code("TTD")),
    ("Tunisia-Dinar", Code("TND")),
    ("Turkey-New Lira", Code("TRY")),
    ("Turkmenistan-New Manat", Code("TMT")),
    ("Uganda-Shilling", Code("UGX")),
    ("Ukraine-Hryvnia", Code("UAH")),
    ("United Arab Emirates-Dirham", Code("AED")),
    ("United Kingdom-Pound", Code("GBP")),
    ("Uruguay-Peso", Code("UYU")),
    ("Uzbekistan-Som", Code("UZS")),
    ("Vanuatu-Vatu", Code("VUV")),
    ("Venezuela-Bolivar Soberano", Code("VES")),
    (
        "Venezuela-Fuerte",
        Skip("the bolivar fuerte is no longer an active ISO 4217 code"),
    ),
    ("Vietnam-Dong", Code("VND")),
    ("Western Samoa-Tala", Code("WST")),
    ("Yemen-Rial", Code("YER")),
    ("Zambia-New Kwacha", Code("ZMW")),
    ("Zimbabwe-Gold", Code("ZWG")),
    (
        "Zimbabwe-Rtgs",
        Skip("the RTGS dollar is no longer an active ISO 4217 code (Zimbabwe Gold replaced it)"),
    ),
];

fn main() -> Result<(), Box<dyn Error>> {
    let path = std::env::args()
        .nth(1)
        .unwrap_or_else(|| DEFAULT_INPUT.to_owned());
    let mut reader = csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .from_path(&path)?;
    // (code, effective date) -> (rate, record date, the names that gave it)
    let mut rates: BTreeMap<(&str, String), (String, String, Vec<String>)> = BTreeMap::new();
    let mut skipped: BTreeMap<String, (usize, &str)> = BTreeMap::new();
    let mut last_record = String::new();
    for record in reader.records() {
        let record = record?;
        let field = |i: usize| record.get(i).unwrap_or("").to_owned();
        let (record_date, name, rate, effective) = (field(0), field(1), field(2), field(3));
        if record_date.as_str() < FIRST_RECORD {
            continue;
        }
        if record_date > last_record {
            last_record.clone_from(&record_date);
        }
        let map = NAMES
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, m)| m)
            .ok_or_else(|| format!("{path}: {name:?} is not in the name table; add it"))?;
        let code = match map {
            Code(code) => *code,
            Skip(reason) => {
                skipped.entry(name).or_insert((0, reason)).0 += 1;
                continue;
            }
        };
        code.parse::<Currency>()
            .map_err(|e| format!("{name}: {code}: {e}"))?;
        let rate = normalize(&rate);
        match rates.get_mut(&(code, effective.clone())) {
            Some((known, _, names)) if *known == rate => names.push(name),
            Some((known, _, names)) => {
                return Err(format!(
                    "{code} on {effective}: {rate} from {name} but {known} from {}",
                    names.join(", ")
                )
                .into())
            }
            None => {
                rates.insert((code, effective), (rate, record_date, vec![name]));
            }
        }
    }
    let mut out = String::new();
    writeln!(out, "date,from,to,rate,kind,source")?;
    for ((code, effective), (rate, record, _)) in &rates {
        let source = if effective == record {
            format!("US Treasury reporting rate as of {record}")
        } else {
            format!("US Treasury reporting rate as of {record} (amended from {effective})")
        };
        writeln!(out, "{effective},USD,{code},{rate},reporting,{source}")?;
    }
    datagen::write_if_changed(OUTPUT, out)?;
    let currencies: std::collections::BTreeSet<&str> = rates.keys().map(|(c, _)| *c).collect();
    println!(
        "{OUTPUT}: {} rates for {} currencies, reports {FIRST_RECORD} to {last_record}",
        rates.len(),
        currencies.len()
    );
    for (name, (count, reason)) in &skipped {
        println!("  left out {name} ({count} rows): {reason}");
    }
    Ok(())
}

/// A rate as a plain decimal without trailing zeros ("26323.0" -> "26323").
fn normalize(rate: &str) -> String {
    if rate.contains('.') {
        rate.trim_end_matches('0').trim_end_matches('.').to_owned()
    } else {
        rate.to_owned()
    }
}
