//! The US low-value rules at valuation: the de minimis exemption (19 U.S.C. 1321) by the lines'
//! origins, and the origin's effective IEEPA rate the postal regime of EO 14324 charges.

use std::sync::Arc;

use chrono::NaiveDate;
use rust_decimal::Decimal;

use crate::country::CountryCode;
use crate::error::Result;
use crate::landed::cost::DeMinimis;
use crate::landed::shipment::{Line, Shipment};
use crate::landed::text::Text;
use crate::landed::warnings::Warnings;
use crate::market::us::UsRules;
use crate::money::{exact, Rate};
use crate::tariff::{Authority, Exclusion, Measure, ProductScope, TariffBook};
use crate::warning::{Warning, WarningCode};

/// De minimis: the whole shipment at or below the threshold for every line's origin (the
/// lowest threshold among them); otherwise the text names the first origin, in code order, that
/// has none.
pub(super) fn decide(
    rules: &UsRules,
    shipment: &Shipment,
    customs_value: Decimal,
    warnings: &mut Warnings,
) -> DeMinimis {
    let origin_of = |l: &Line| l.origin.unwrap_or(shipment.origin);
    let entry = shipment.entry_date;
    let lacking = shipment
        .lines
        .iter()
        .map(origin_of)
        .filter(|o| rules.de_minimis(*o, entry).is_none())
        .min();
    let rule = match lacking {
        Some(_) => None,
        None => shipment
            .lines
            .iter()
            .filter_map(|l| rules.de_minimis(origin_of(l), entry))
            .min_by(|a, b| exact::cmp(a.threshold, b.threshold).then_with(|| a.key.cmp(&b.key))),
    };
    match rule {
        Some(rule) if exact::cmp(customs_value, rule.threshold).is_le() => {
            warnings.push(Warning::new(
                WarningCode::DeMinimisAssumption,
                "de minimis assumes this shipment is all that the consignee imports on the entry date",
            ));
            DeMinimis {
                applies: true,
                reason: Text::de_minimis(customs_value, rule.threshold, Some(rule.citation())),
            }
        }
        Some(rule) => DeMinimis {
            applies: false,
            reason: Text::de_minimis(customs_value, rule.threshold, None),
        },
        None => {
            let origin = lacking.unwrap_or(shipment.origin);
            DeMinimis {
                applies: false,
                reason: Text::no_de_minimis(origin, entry, ended(rules, origin, entry)),
            }
        }
    }
}

/// The exemption that covered goods of `origin` and ended last on or before `entry`, with the
/// date it ended: what the reason for no exemption cites.
fn ended(rules: &UsRules, origin: CountryCode, entry: NaiveDate) -> Option<(NaiveDate, Arc<str>)> {
    rules
        .de_minimis_rules()
        .iter()
        .filter(|r| r.origins.contains(origin))
        .filter_map(|r| r.until.filter(|u| *u <= entry).map(|u| (u, r)))
        .max_by_key(|(u, _)| *u)
        .map(|(u, r)| (u, r.citation()))
}

/// The origin's effective IEEPA rate on a date: the fentanyl and reciprocal duties that apply to
/// every product of that origin, less those a country rate replaces (the baseline's heading
/// exceptions); a floor counts as its total (EU, Japan, Korea: 15%).
pub(super) fn effective_ieepa_rate(
    book: &TariffBook,
    origin: CountryCode,
    date: NaiveDate,
) -> Result<Rate> {
    let in_force: Vec<&Measure> = book
        .measures()
        .iter()
        .map(AsRef::as_ref)
        .filter(|m| {
            matches!(
                m.authority,
                Authority::IeepaFentanyl | Authority::IeepaReciprocal | Authority::Ieepa
            ) && m.origins.contains(origin)
                && m.in_force(date)
                && m.products == ProductScope::All
        })
        .collect();
    let replaced = |m: &Measure| {
        m.exclusions.iter().any(|e| match e {
            Exclusion::Headings { ranges, .. } => in_force
                .iter()
                .any(|o| o.key != m.key && ranges.iter().any(|r| r.contains(&o.heading))),
            _ => false,
        })
    };
    in_force
        .iter()
        .filter(|m| !replaced(m))
        .filter_map(|m| {
            m.floor
                .map(|f| f.total)
                .or_else(|| m.rate.ad_valorem_rate())
        })
        .try_fold(Rate::ZERO, Rate::checked_add)
}

#[cfg(all(test, feature = "embedded-data"))]
mod tests {
    use crate::landed::Shipment;
    use crate::tariff::TariffBook;

    fn reason(origin: &str, entry: &str) -> String {
        let json = format!(
            r#"{{"importer":"US","origin":"{origin}","mode":"express","export_date":"{entry}",
                "entry_date":"{entry}","currency":"USD","lines":[{{"hts":"6402.99.90",
                "value":"100.00","quantities":[{{"amount":"2","unit":"PRS"}}]}}]}}"#
        );
        let shipment: Shipment =
            serde_json::from_str(&json).unwrap_or_else(|e| unreachable!("{e}"));
        match TariffBook::embedded().quote(&shipment) {
            Ok(q) => q.de_minimis.reason.to_string(),
            Err(e) => unreachable!("{e}"),
        }
    }

    /// The reason for no exemption cites the order that ended the origin's own exemption, and
    /// from when: EO 14256 for China, EO 14324 for Vietnam, whichever the date.
    #[test]
    fn no_exemption_cites_what_ended_the_origins_exemption() {
        let cn = reason("CN", "2025-06-02");
        assert!(
            cn.contains("none from 2025-05-02") && cn.contains("EO 14256"),
            "{cn}"
        );
        assert!(!cn.contains("EO 14324"), "{cn}");
        let vn = reason("VN", "2025-09-15");
        assert!(
            vn.contains("none from 2025-08-29") && vn.contains("EO 14324"),
            "{vn}"
        );
        assert!(!vn.contains("EO 14256"), "{vn}");
        let within = reason("VN", "2025-06-02");
        assert!(
            within.starts_with("value $100.00 is at or below"),
            "{within}"
        );
    }
}
