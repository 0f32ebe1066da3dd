//! The origins whose goods the US sanctions regulations bar from import without a licence of
//! the Treasury's Office of Foreign Assets Control (OFAC), as data
//! (`data/us/import_prohibitions.json`).
//!
//! A tariff charges goods of every origin, Cuba and North Korea included (column 2 rates, see
//! [`Column2Countries`](super::Column2Countries)). Whether the goods may be imported at all is
//! another law's question: Cuban, North Korean and Iranian goods may not be without a licence.
//! A quote of them still gives the duties a licensed entry pays, and says so with an
//! [`ImportProhibited`](crate::WarningCode::ImportProhibited) warning.

use std::sync::Arc;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::country::CountryCode;
use crate::error::Result;
use crate::provenance::Provenance;
use crate::warning::{Warning, WarningCode};

/// The list the crate publishes, read whatever the features.
const PUBLISHED: &str = include_str!("../../../data/us/import_prohibitions.json");

/// One origin whose goods may not be imported without a licence, from when, under which
/// regulation.
///
/// # Example
/// ```
/// use landed_cost::{landed::ImportProhibitions, CountryCode};
/// let list = ImportProhibitions::published()?;
/// let cuba = list.of(CountryCode::CU, "2025-06-01".parse()?).ok_or("not listed")?;
/// assert_eq!(cuba.regulation, "the Cuban Assets Control Regulations (31 CFR 515.204)");
/// assert!(cuba.citation().starts_with("31 CFR 515.204"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct ImportProhibition {
    /// The origin.
    pub country: CountryCode,
    /// Its name.
    pub name: String,
    /// The regulation that bars the imports, with its section ("the Cuban Assets Control
    /// Regulations (31 CFR 515.204)").
    pub regulation: String,
    /// The goods it bars, in its words.
    pub scope: String,
    /// The first entry date it bars; `None` where it has since before any date the data
    /// covers.
    pub since: Option<NaiveDate>,
    /// The first entry date it no longer bars; `None` while it does.
    #[serde(default)]
    pub until: Option<NaiveDate>,
    /// Where the fact comes from.
    #[serde(flatten)]
    pub provenance: Provenance,
}

impl ImportProhibition {
    /// Whether it bars goods entered on `date`.
    ///
    /// # Example
    /// ```
    /// use landed_cost::{landed::ImportProhibitions, CountryCode};
    /// let list = ImportProhibitions::published()?;
    /// let kp = list.prohibitions.iter().find(|p| p.country == CountryCode::KP).ok_or("not listed")?;
    /// assert!(kp.applies_on("2025-01-01".parse()?));
    /// assert!(!kp.applies_on("2011-04-18".parse()?)); // before Executive Order 13570
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn applies_on(&self, date: NaiveDate) -> bool {
        super::read::holds_on(self.since, self.until, date)
    }

    /// The sources, joined with "; ".
    ///
    /// # Example
    /// ```
    /// use landed_cost::{landed::ImportProhibitions, CountryCode};
    /// let list = ImportProhibitions::published()?;
    /// let iran = list.of(CountryCode::IR, "2026-01-01".parse()?).ok_or("not listed")?;
    /// assert!(iran.citation().contains("31 CFR 560.201"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn citation(&self) -> String {
        self.provenance.citation()
    }

    /// The warning a quote of goods it bars carries.
    ///
    /// # Example
    /// ```
    /// use landed_cost::{landed::ImportProhibitions, CountryCode, WarningCode};
    /// let list = ImportProhibitions::published()?;
    /// let w = list.of(CountryCode::KP, "2025-06-01".parse()?).ok_or("not listed")?.warning();
    /// assert_eq!(w.code(), WarningCode::ImportProhibited);
    /// assert!(w.message().starts_with("goods of North Korea (KP) may not be imported"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn warning(&self) -> Warning {
        Warning::new(
            WarningCode::ImportProhibited,
            format!(
                "goods of {} ({}) may not be imported into the US without a licence of OFAC \
                 (the Treasury's Office of Foreign Assets Control): {} bar {}; the duties \
                 given are what a licensed entry pays",
                self.name, self.country, self.regulation, self.scope,
            ),
        )
    }
}

/// The origins whose goods may not be imported into the US without a licence.
///
/// # Example
/// ```
/// use landed_cost::{landed::ImportProhibitions, CountryCode};
/// let list = ImportProhibitions::published()?;
/// let mut codes: Vec<&str> = list.prohibitions.iter().map(|p| p.country.as_str()).collect();
/// codes.sort_unstable();
/// assert_eq!(codes, ["CU", "IR", "KP"]);
/// assert!(list.of(CountryCode::RU, "2025-06-01".parse()?).is_none()); // product bans only
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct ImportProhibitions {
    /// What the file holds, and what it does not.
    #[serde(default)]
    pub about: Option<String>,
    /// The origins, each with its dates.
    pub prohibitions: Vec<Arc<ImportProhibition>>,
}

impl ImportProhibitions {
    /// The list the crate publishes (`data/us/import_prohibitions.json`): Cuba, North Korea
    /// and Iran.
    ///
    /// # Errors
    /// [`Error::Data`](crate::Error::Data) if the file is malformed (a build defect, which the
    /// crate's tests rule out).
    ///
    /// # Example
    /// ```
    /// let list = landed_cost::landed::ImportProhibitions::published()?;
    /// assert_eq!(list.prohibitions.len(), 3);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn published() -> Result<ImportProhibitions> {
        ImportProhibitions::from_json_reader(PUBLISHED.as_bytes())
    }

    /// Reads a list in the form of `data/us/import_prohibitions.json`.
    ///
    /// # Errors
    /// [`Error::Data`](crate::Error::Data) for malformed JSON (naming the line), a field it
    /// does not know, a country listed twice, or an `until` not after its `since`.
    ///
    /// # Example
    /// ```
    /// use landed_cost::{landed::ImportProhibitions, CountryCode};
    /// let json = br#"{"prohibitions": [{"country": "IR", "name": "Iran", "regulation": "ITSR",
    ///   "scope": "goods of Iranian origin", "since": null, "sources": ["31 CFR 560.201"]}]}"#;
    /// let list = ImportProhibitions::from_json_reader(&json[..])?;
    /// assert!(list.of(CountryCode::IR, "2025-01-01".parse()?).is_some());
    /// assert!(ImportProhibitions::from_json_reader(&br#"{"prohibitions": [{"country": "IR"}]}"#[..]).is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn from_json_reader(reader: impl std::io::Read) -> Result<ImportProhibitions> {
        const NAME: &str = "import prohibitions JSON";
        let list: ImportProhibitions = super::read::parse(reader, NAME)?;
        super::read::check(
            NAME,
            "prohibitions",
            list.prohibitions
                .iter()
                .map(|p| (p.country, p.since, p.until)),
        )?;
        Ok(list)
    }

    /// The prohibition that bars goods of `origin` entered on `date`, if one does.
    ///
    /// # Example
    /// ```
    /// use landed_cost::{landed::ImportProhibitions, CountryCode};
    /// let list = ImportProhibitions::published()?;
    /// assert!(list.of(CountryCode::CU, "2026-11-30".parse()?).is_some());
    /// assert!(list.of(CountryCode::VN, "2026-11-30".parse()?).is_none());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    #[inline]
    pub fn of(&self, origin: CountryCode, date: NaiveDate) -> Option<&Arc<ImportProhibition>> {
        self.prohibitions
            .iter()
            .find(|p| p.country == origin && p.applies_on(date))
    }
}

impl super::UsRules {
    /// These rules with another list of import prohibitions (the rules read by
    /// [`UsRules::from_json_readers`](super::UsRules::from_json_readers) hold the crate's,
    /// [`ImportProhibitions::published`]).
    ///
    /// # Example
    /// ```
    /// use landed_cost::{landed::{ImportProhibitions, UsRules}, CountryCode};
    /// let rules = UsRules::embedded()?.with_import_prohibitions(ImportProhibitions::default());
    /// assert!(rules.import_prohibition(CountryCode::CU, "2025-06-01".parse()?).is_none());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn with_import_prohibitions(mut self, prohibitions: ImportProhibitions) -> super::UsRules {
        self.prohibitions = prohibitions;
        self
    }

    /// The prohibition that bars goods of `origin` entered on `date` from import without a
    /// licence, if one does.
    ///
    /// # Example
    /// ```
    /// use landed_cost::{landed::UsRules, CountryCode};
    /// let rules = UsRules::embedded()?;
    /// assert!(rules.import_prohibition(CountryCode::IR, "2026-03-01".parse()?).is_some());
    /// assert!(rules.import_prohibition(CountryCode::BY, "2026-03-01".parse()?).is_none());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    #[inline]
    pub fn import_prohibition(
        &self,
        origin: CountryCode,
        date: NaiveDate,
    ) -> Option<&Arc<ImportProhibition>> {
        self.prohibitions.of(origin, date)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_published_list_reads_and_cites_every_origin() {
        let list = ImportProhibitions::published().unwrap();
        let day = NaiveDate::from_ymd_opt(2025, 1, 1).unwrap();
        for p in &list.prohibitions {
            assert!(
                !p.provenance.sources.is_empty(),
                "{} cites nothing",
                p.country
            );
            assert!(p.citation().contains("CFR"), "{}", p.country);
            assert!(p.applies_on(day), "{}", p.country);
            let w = p.warning();
            assert!(w.message().contains(&p.regulation), "{w}");
            assert!(
                p.citation().contains(
                    p.regulation
                        .split(" (")
                        .nth(1)
                        .unwrap()
                        .trim_end_matches(')')
                ),
                "{}",
                p.country
            );
        }
    }

    #[test]
    fn a_country_twice_an_unknown_field_or_an_end_before_the_start_is_refused() {
        let entry = |since: &str, until: &str| {
            format!(
                r#"{{"country": "CU", "name": "Cuba", "regulation": "CACR", "scope": "goods",
                    "since": {since}, "until": {until}, "sources": ["31 CFR 515.204"]}}"#
            )
        };
        let twice = format!(
            r#"{{"prohibitions": [{}, {}]}}"#,
            entry("null", "null"),
            entry("null", "null")
        );
        let e = ImportProhibitions::from_json_reader(twice.as_bytes()).unwrap_err();
        assert!(e.to_string().contains("listed twice"), "{e}");
        let backwards = format!(
            r#"{{"prohibitions": [{}]}}"#,
            entry(r#""2026-01-01""#, r#""2025-01-01""#)
        );
        let e = ImportProhibitions::from_json_reader(backwards.as_bytes()).unwrap_err();
        assert!(e.to_string().contains("must be after"), "{e}");
        let ended = format!(
            r#"{{"prohibitions": [{}]}}"#,
            entry("null", r#""2027-01-01""#)
        );
        let unknown = format!(
            r#"{{"prohibitions": [{}]}}"#,
            entry("null", "null").replace(r#""sources""#, r#""bans": true, "sources""#)
        );
        let e = ImportProhibitions::from_json_reader(unknown.as_bytes()).unwrap_err();
        assert!(e.to_string().contains("unknown field `bans`"), "{e}");
        let list = ImportProhibitions::from_json_reader(ended.as_bytes()).unwrap();
        let day = |s: &str| s.parse::<NaiveDate>().unwrap();
        assert!(list.of(CountryCode::CU, day("2026-12-31")).is_some());
        assert!(list.of(CountryCode::CU, day("2027-01-01")).is_none());
    }
}
