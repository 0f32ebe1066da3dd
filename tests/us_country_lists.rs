//! The countries of each IEEPA reciprocal country rate are the ones its chapter-99 heading
//! names: the official text of the revision in force on the measure's first day ("articles the
//! product of Brunei, Japan, or Malaysia") against the measure's origins.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::collections::BTreeSet;

use landed_cost::market::OriginScope;
use landed_cost::tariff::{Authority, TariffBook};

/// The member states of the European Union, which a heading names as one.
const EU: [&str; 27] = [
    "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT", "LV",
    "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE",
];

/// The ISO 3166 code of each name the country-rate headings use.
fn code(name: &str) -> Option<&'static [&'static str]> {
    const NAMES: &[(&str, &str)] = &[
        ("Afghanistan", "AF"),
        ("Algeria", "DZ"),
        ("Angola", "AO"),
        ("Bangladesh", "BD"),
        ("Bolivia", "BO"),
        ("Bosnia and Herzegovina", "BA"),
        ("Botswana", "BW"),
        ("Brazil", "BR"),
        ("Brunei", "BN"),
        ("Cambodia", "KH"),
        ("Cameroon", "CM"),
        ("Chad", "TD"),
        ("China", "CN"),
        ("Hong Kong", "HK"),
        ("Macau", "MO"),
        ("Costa Rica", "CR"),
        ("Côte d`Ivoire", "CI"),
        ("Côte d'Ivoire", "CI"),
        ("Côte D’Ivoire", "CI"),
        ("Democratic Republic of the Congo", "CD"),
        ("Ecuador", "EC"),
        ("Equatorial Guinea", "GQ"),
        ("Falkland Islands", "FK"),
        ("Fiji", "FJ"),
        ("Ghana", "GH"),
        ("Guyana", "GY"),
        ("Iceland", "IS"),
        ("India", "IN"),
        ("Indonesia", "ID"),
        ("Iraq", "IQ"),
        ("Israel", "IL"),
        ("Japan", "JP"),
        ("Jordan", "JO"),
        ("Kazakhstan", "KZ"),
        ("Laos", "LA"),
        ("Lesotho", "LS"),
        ("Libya", "LY"),
        ("Liechtenstein", "LI"),
        ("Madagascar", "MG"),
        ("Malawi", "MW"),
        ("Malaysia", "MY"),
        ("Mauritius", "MU"),
        ("Moldova", "MD"),
        ("Mozambique", "MZ"),
        ("Myanmar (Burma)", "MM"),
        ("Namibia", "NA"),
        ("Nauru", "NR"),
        ("New Zealand", "NZ"),
        ("Nicaragua", "NI"),
        ("Nigeria", "NG"),
        ("North Macedonia", "MK"),
        ("Norway", "NO"),
        ("Pakistan", "PK"),
        ("Papua New Guinea", "PG"),
        ("Philippines", "PH"),
        ("Serbia", "RS"),
        ("South Africa", "ZA"),
        ("South Korea", "KR"),
        ("Sri Lanka", "LK"),
        ("Switzerland", "CH"),
        ("Syria", "SY"),
        ("Taiwan", "TW"),
        ("Thailand", "TH"),
        ("Trinidad and Tobago", "TT"),
        ("Tunisia", "TN"),
        ("Turkey", "TR"),
        ("Uganda", "UG"),
        ("United Kingdom", "GB"),
        ("Vanuatu", "VU"),
        ("Venezuela", "VE"),
        ("Vietnam", "VN"),
        ("Zambia", "ZM"),
        ("Zimbabwe", "ZW"),
    ];
    NAMES
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, c)| std::slice::from_ref(c))
}

/// The countries a heading's text names after "articles the product of", as codes.
fn named(text: &str) -> Option<BTreeSet<String>> {
    let (_, rest) = text.split_once("articles the product of ")?;
    let list = rest.split(" as provided").next()?.trim_end_matches(',');
    let mut codes = BTreeSet::new();
    for part in list.split(", ") {
        let name = part
            .trim()
            .trim_start_matches("or ")
            .trim_start_matches("the ");
        // What follows the countries ("with an ad valorem rate ... less than 15 percent").
        if name.starts_with("with ") || name.starts_with("that ") {
            break;
        }
        // "China, including Hong Kong and Macau".
        let names: Vec<&str> = match name.strip_prefix("including ") {
            Some(places) => places.split(" and ").collect(),
            None => name.split(" or ").collect(),
        };
        for name in names {
            let name = name.trim().trim_start_matches("the ");
            if name == "European Union" {
                codes.extend(EU.iter().map(|c| (*c).to_owned()));
            } else {
                let found =
                    code(name).unwrap_or_else(|| panic!("no code for {name:?} in {text:?}"));
                codes.extend(found.iter().map(|c| (*c).to_owned()));
            }
        }
    }
    Some(codes)
}

#[test]
fn each_country_rate_covers_the_countries_its_heading_names() {
    let book = TariffBook::embedded();
    let (mut checked, mut wrong) = (0, Vec::new());
    for m in book.measures() {
        if m.authority != Authority::IeepaReciprocal {
            continue;
        }
        let OriginScope::Only(origins) = &m.origins else {
            continue;
        };
        let Some(line) = book.hts().chapter99(&m.heading, m.valid_from).unwrap() else {
            continue;
        };
        // A heading of every country but some (the 10% baseline) names those it leaves out.
        if line.description().contains("any country") {
            continue;
        }
        let Some(names) = named(line.description()) else {
            continue;
        };
        let ours: BTreeSet<String> = origins.iter().map(|c| c.as_str().to_owned()).collect();
        checked += 1;
        if ours != names {
            wrong.push(format!(
                "{} {}: data {ours:?}, text {names:?}",
                m.key, m.heading
            ));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    // The 9 April 2025 rates (9903.01.43-.76), the 7 August 2025 rates (9903.02.02-.71), the
    // floors and China's own headings.
    assert_eq!(checked, 103, "country-rate measures checked");
}

/// Goods of the second and later countries a heading names pay its rate: Japanese sneakers
/// entered on 9 April 2025 pay 24% under 9903.01.53 ("Brunei, Japan, or Malaysia"), not the 10%
/// baseline.
#[test]
fn japanese_sneakers_pay_24_percent_on_9_april_2025() {
    let json = r#"{"importer":"US","origin":"JP","mode":"ocean","export_date":"2025-04-09",
        "entry_date":"2025-04-09","loaded_date":"2025-04-09","currency":"USD",
        "lines":[{"hts":"6402.99.90","value":"10000.00"}]}"#;
    let shipment: landed_cost::Shipment = serde_json::from_str(json).unwrap();
    let quote = TariffBook::embedded().quote(&shipment).unwrap();
    let charges: Vec<String> = quote
        .charges()
        .map(|c| format!("{} {} {}", c.authority.as_str(), c.heading, c.amount))
        .collect();
    assert_eq!(
        charges,
        [
            "mfn 6402.99.90 2000.00",
            "ieepa_reciprocal 9903.01.53 2400.00"
        ]
    );
}
