//! The panel's axes: the origins the measures distinguish and the dates the rules change on.

use chrono::NaiveDate;

use crate::country::CountryCode;
use crate::tariff::measure::{Exclusion, OriginScope};
use crate::tariff::panel::PanelOrigin;
use crate::tariff::TariffBook;

impl TariffBook {
    /// Every origin the US measures distinguish: each country any measure's origin scope names
    /// and each country of general note 3(b) (column 2 rates), in code order, then one country no measure names, standing for all the others (the
    /// first such officially assigned ISO code, other than the US).
    ///
    /// # Example
    /// ```
    /// use landed_cost::{tariff::TariffBook, CountryCode};
    /// let book = TariffBook::embedded();
    /// let origins = book.panel_origins();
    /// assert!(origins.iter().any(|o| o.country == CountryCode::VN));
    /// assert!(origins.windows(2).all(|w| w[0].others || w[0].country < w[1].country || w[1].others));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn panel_origins(&self) -> Vec<PanelOrigin> {
        let mut named: Vec<CountryCode> = self
            .measures()
            .iter()
            .filter(|m| m.importer == CountryCode::US)
            .flat_map(|m| {
                let scope = match &m.origins {
                    OriginScope::Only(list) | OriginScope::AllExcept(list) => list.iter(),
                };
                let claims = m.exclusions.iter().flat_map(|e| match e {
                    Exclusion::Claim { origins, .. } => origins.iter(),
                    _ => [].iter(),
                });
                scope.chain(claims).copied()
            })
            .chain(self.us_rules().column2.countries.iter().map(|c| c.country))
            .chain(
                self.us_rules()
                    .prohibitions
                    .prohibitions
                    .iter()
                    .map(|p| p.country),
            )
            .filter(|c| *c != CountryCode::US)
            .collect();
        named.sort_unstable();
        named.dedup();
        let letters = b'A'..=b'Z';
        let other = letters
            .clone()
            .flat_map(|a| letters.clone().map(move |b| [a, b]))
            .filter_map(|pair| std::str::from_utf8(&pair).ok()?.parse::<CountryCode>().ok())
            .find(|c| c.is_assigned() && *c != CountryCode::US && named.binary_search(c).is_err());
        named
            .into_iter()
            .map(|country| PanelOrigin {
                country,
                others: false,
            })
            .chain(other.map(|country| PanelOrigin {
                country,
                others: true,
            }))
            .collect()
    }

    /// The dates from `from` through `through` on which the US rules may change a rate: `from`
    /// itself, and each later date an HTS edition takes effect ([`Hts::editions`]), a US measure
    /// starts or ends, or an entry of a product list a US measure uses is added or removed.
    /// Grows with the data: more editions or measures give more dates.
    ///
    /// [`Hts::editions`]: crate::tariff::hts::Hts::editions
    ///
    /// # Example
    /// ```
    /// let book = landed_cost::TariffBook::embedded();
    /// let dates = book.revision_dates("2025-01-01".parse()?, "2026-12-31".parse()?);
    /// assert_eq!(dates.first(), Some(&"2025-01-01".parse()?));
    /// assert!(dates.contains(&"2025-04-09".parse()?)); // the reciprocal country rates
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn revision_dates(&self, from: NaiveDate, through: NaiveDate) -> Vec<NaiveDate> {
        let mut dates = vec![from];
        for e in self.hts().editions() {
            dates.push(e.effective());
        }
        for m in self
            .measures()
            .iter()
            .filter(|m| m.importer == CountryCode::US)
        {
            dates.extend(crate::tariff::horizon::change_dates(m, self.tables().lists));
        }
        dates.retain(|d| from <= *d && *d <= through);
        dates.sort_unstable();
        dates.dedup();
        dates
    }
}
