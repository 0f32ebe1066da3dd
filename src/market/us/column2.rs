//! The countries whose products pay the HTS column 2 rates (general note 3(b)), as data
//! (`data/us/column2.json`).
//!
//! Goods of most origins pay the general rate of column 1 of their HTS line (the MFN rate).
//! Goods of the countries general note 3(b) names (Cuba and North Korea, and Russia and Belarus
//! since Public Law 117-110 of 2022) pay the line's column 2 rate instead, often many times
//! higher: wooden furniture of 9403.60.80 is free under column 1 and 40% under column 2.

use std::sync::Arc;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::country::CountryCode;
use crate::error::Result;
use crate::provenance::Provenance;

/// The crate's list, read whatever the features: without it a build that loads its own fee
/// files would charge products of these countries the general rates without a word.
const PUBLISHED: &str = include_str!("../../../data/us/column2.json");

/// One country of general note 3(b): from when its products pay column 2 rates, and why.
///
/// # Example
/// ```
/// use landed_cost::{landed::Column2Countries, CountryCode};
/// let list = Column2Countries::published()?;
/// let russia = list.of(CountryCode::RU, "2025-06-01".parse()?).ok_or("not listed")?;
/// assert_eq!((russia.name.as_str(), russia.since.map(|d| d.to_string())), ("Russia", Some("2022-04-09".into())));
/// assert!(russia.citation().contains("Public Law 117-110"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Column2Country {
    /// The country.
    pub country: CountryCode,
    /// Its name.
    pub name: String,
    /// The first entry date on which its products pay column 2 rates; `None` where general
    /// note 3(b) has named it since before any date the data covers (Cuba, North Korea).
    pub since: Option<NaiveDate>,
    /// The first entry date on which they no longer do; `None` while they still do.
    #[serde(default)]
    pub until: Option<NaiveDate>,
    /// Where the fact comes from.
    #[serde(flatten)]
    pub provenance: Provenance,
}

impl Column2Country {
    /// Whether its products pay column 2 rates on `date`.
    ///
    /// # Example
    /// ```
    /// use landed_cost::{landed::Column2Countries, CountryCode};
    /// let list = Column2Countries::published()?;
    /// let belarus = list.countries.iter().find(|c| c.country == CountryCode::BY).ok_or("not listed")?;
    /// assert!(belarus.applies_on("2025-01-01".parse()?));
    /// assert!(!belarus.applies_on("2022-04-08".parse()?));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn applies_on(&self, date: NaiveDate) -> bool {
        super::read::holds_on(self.since, self.until, date)
    }

    /// The sources, joined with "; ": why goods of the country pay column 2 (a charge's source
    /// is the HTS edition whose column 2 rate it charges).
    ///
    /// # Example
    /// ```
    /// use landed_cost::{landed::Column2Countries, CountryCode};
    /// let list = Column2Countries::published()?;
    /// let cuba = list.of(CountryCode::CU, "2026-01-01".parse()?).ok_or("not listed")?;
    /// assert!(cuba.citation().starts_with("HTS general note 3(b)"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn citation(&self) -> String {
        self.provenance.citation()
    }
}

/// The countries whose products pay the HTS column 2 rates, each with its dates and sources.
///
/// # Example
/// ```
/// use landed_cost::{landed::Column2Countries, CountryCode};
/// let list = Column2Countries::published()?;
/// let mut codes: Vec<&str> = list.countries.iter().map(|c| c.country.as_str()).collect();
/// codes.sort_unstable();
/// assert_eq!(codes, ["BY", "CU", "KP", "RU"]);
/// assert!(list.of(CountryCode::CN, "2025-06-01".parse()?).is_none());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Column2Countries {
    /// What the file holds.
    #[serde(default)]
    pub about: Option<String>,
    /// The countries, each with its dates.
    pub countries: Vec<Arc<Column2Country>>,
}

impl Column2Countries {
    /// The list the crate publishes (`data/us/column2.json`): Cuba, North Korea, Russia and
    /// Belarus.
    ///
    /// # Errors
    /// [`Error::Data`](crate::Error::Data) if the file is malformed (a build defect, which the
    /// crate's tests rule out).
    ///
    /// # Example
    /// ```
    /// let list = landed_cost::landed::Column2Countries::published()?;
    /// assert_eq!(list.countries.len(), 4);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn published() -> Result<Column2Countries> {
        Column2Countries::from_json_reader(PUBLISHED.as_bytes())
    }

    /// Reads a list in the form of `data/us/column2.json`.
    ///
    /// # Errors
    /// [`Error::Data`](crate::Error::Data) for malformed JSON (naming the line), a country
    /// listed twice, or a country whose `until` is not after its `since`.
    ///
    /// # Example
    /// ```
    /// use landed_cost::{landed::Column2Countries, CountryCode};
    /// let json = br#"{"countries": [{"country": "RU", "name": "Russia", "since": "2022-04-09", "sources": ["PL 117-110"]}]}"#;
    /// let list = Column2Countries::from_json_reader(&json[..])?;
    /// assert!(list.of(CountryCode::RU, "2025-01-01".parse()?).is_some());
    /// assert!(Column2Countries::from_json_reader(&br#"{"countries": [{"country": "RU"}]}"#[..]).is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn from_json_reader(reader: impl std::io::Read) -> Result<Column2Countries> {
        const NAME: &str = "column 2 countries JSON";
        let list: Column2Countries = super::read::parse(reader, NAME)?;
        super::read::check(
            NAME,
            "countries",
            list.countries.iter().map(|c| (c.country, c.since, c.until)),
        )?;
        Ok(list)
    }

    /// The entry under which products of `origin` entered on `date` pay column 2 rates.
    ///
    /// # Example
    /// ```
    /// use landed_cost::{landed::Column2Countries, CountryCode};
    /// let list = Column2Countries::published()?;
    /// assert!(list.of(CountryCode::KP, "2025-03-01".parse()?).is_some());
    /// assert!(list.of(CountryCode::RU, "2022-04-08".parse()?).is_none()); // before PL 117-110
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    #[inline]
    pub fn of(&self, origin: CountryCode, date: NaiveDate) -> Option<&Arc<Column2Country>> {
        self.countries
            .iter()
            .find(|c| c.country == origin && c.applies_on(date))
    }

    /// The dates on which the list changes: each `since` and `until` it holds.
    pub(crate) fn change_dates(&self) -> impl Iterator<Item = NaiveDate> + '_ {
        self.countries
            .iter()
            .flat_map(|c| c.since.into_iter().chain(c.until))
    }
}

impl super::UsRules {
    /// These rules with another list of column 2 countries (the rules read by
    /// [`UsRules::from_json_readers`](super::UsRules::from_json_readers) hold the crate's,
    /// [`Column2Countries::published`]).
    ///
    /// # Example
    /// ```
    /// use landed_cost::{landed::{Column2Countries, UsRules}, CountryCode};
    /// let rules = UsRules::embedded()?.with_column2(Column2Countries::default());
    /// assert!(rules.column2_country(CountryCode::RU, "2025-06-01".parse()?).is_none());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn with_column2(mut self, column2: Column2Countries) -> super::UsRules {
        self.column2 = column2;
        self
    }

    /// The column 2 country entry under which goods of `origin` entered on `date` pay the HTS
    /// column 2 rates, if they do.
    ///
    /// # Example
    /// ```
    /// use landed_cost::{landed::UsRules, CountryCode};
    /// let rules = UsRules::embedded()?;
    /// assert!(rules.column2_country(CountryCode::BY, "2026-03-01".parse()?).is_some());
    /// assert!(rules.column2_country(CountryCode::VN, "2026-03-01".parse()?).is_none());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    #[inline]
    pub fn column2_country(
        &self,
        origin: CountryCode,
        date: NaiveDate,
    ) -> Option<&Arc<Column2Country>> {
        self.column2.of(origin, date)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_published_list_reads_and_cites_every_country() {
        let list = Column2Countries::published().unwrap();
        assert_eq!(list.countries.len(), 4);
        for c in &list.countries {
            assert!(
                !c.provenance.sources.is_empty(),
                "{} cites nothing",
                c.country
            );
            assert!(c.citation().contains("general note 3(b)"), "{}", c.country);
            assert!(c.applies_on(NaiveDate::from_ymd_opt(2025, 1, 1).unwrap()));
        }
    }

    #[test]
    fn a_country_listed_twice_or_ending_before_it_starts_is_refused() {
        let twice = br#"{"countries": [
            {"country": "RU", "name": "Russia", "since": null, "sources": ["a"]},
            {"country": "RU", "name": "Russia", "since": null, "sources": ["b"]}]}"#;
        let e = Column2Countries::from_json_reader(&twice[..]).unwrap_err();
        assert!(e.to_string().contains("listed twice"), "{e}");
        let backwards = br#"{"countries": [
            {"country": "BY", "name": "Belarus", "since": "2022-04-09", "until": "2022-04-09", "sources": ["a"]}]}"#;
        let e = Column2Countries::from_json_reader(&backwards[..]).unwrap_err();
        assert!(e.to_string().contains("must be after"), "{e}");
    }

    #[test]
    fn an_entry_ends_on_its_until() {
        let json = br#"{"countries": [
            {"country": "BY", "name": "Belarus", "since": "2022-04-09", "until": "2027-01-01", "sources": ["a"]}]}"#;
        let list = Column2Countries::from_json_reader(&json[..]).unwrap();
        let day = |s: &str| s.parse::<NaiveDate>().unwrap();
        assert!(list.of(CountryCode::BY, day("2026-12-31")).is_some());
        assert!(list.of(CountryCode::BY, day("2027-01-01")).is_none());
    }
}
