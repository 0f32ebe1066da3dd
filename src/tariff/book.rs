//! [`TariffBook`]: the tariff schedule plus the dated measures, and what applies to goods.

use std::borrow::Cow;
use std::sync::Arc;

use chrono::NaiveDate;

use crate::country::CountryCode;
use crate::error::{Error, Result};
use crate::hs::HsCode;
use crate::market::us::UsRules;
use crate::market::Markets;
use crate::tariff::applicability::{Applicability, Applied, Claims};
use crate::tariff::engine::index::{self, MeasureLinks, OriginIndex};
use crate::tariff::engine::reach::{ListReach, Reach};
use crate::tariff::engine::{
    coverage, eligibility, interactions, stacking, validate, Buffer, Found, Goods, Notes, Report,
    Tables,
};
use crate::tariff::hts::{Edition, Hts, HtsLine};
use crate::tariff::measure::Measure;
use crate::tariff::product_list::ProductList;

#[cfg(feature = "embedded-data")]
mod embedded;
mod measure_set;

pub use measure_set::MeasureSet;

/// The tariff schedule (HTS editions), the dated measures and the product lists they use.
///
/// # Example
/// ```
/// use landed_cost::{tariff::{Authority, TariffBook}, CountryCode};
/// let book = TariffBook::embedded();
/// let what = book.applicable(&"6402.99.90".parse()?, CountryCode::CN, "2025-04-15".parse()?, None)?;
/// let authorities: Vec<Authority> = what.applied.iter().map(|a| a.authority).collect();
/// assert_eq!(
///     authorities,
///     [Authority::Mfn, Authority::Section301, Authority::IeepaFentanyl, Authority::IeepaReciprocal]
/// );
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone)]
pub struct TariffBook {
    hts: Cow<'static, Hts>,
    measures: Vec<Arc<Measure>>,
    /// Few lists, looked up by name on every call: a short vector beats hashing the name.
    lists: Vec<ProductList>,
    us_rules: UsRules,
    /// The import rules of the other markets.
    markets: Cow<'static, Markets>,
    /// Which US measures each origin can be subject to, rebuilt whenever measures change.
    by_origin: OriginIndex,
    /// What finding what applies needs of each measure, parallel to `measures`; rebuilt
    /// whenever measures or lists change.
    links: Vec<MeasureLinks>,
    /// For each 4-digit heading, the measures whose scope reaches it; rebuilt with `links`.
    reach: Reach,
    /// For each list, the headings its entries reach; rebuilt with `links`.
    list_reach: ListReach,
    /// The last dated change of the US rules, or the date their sources reach if earlier
    /// ([`TariffBook::known_through`]), kept up to date by every change to them.
    known_through: NaiveDate,
    /// The earliest date the sources of the merged measure sets reach, where they say.
    sources_through: Option<NaiveDate>,
}

impl TariffBook {
    /// A book of an HTS and the US entry rules, with no measures, no product lists and no other
    /// markets: add them with [`TariffBook::merge`], [`TariffBook::add_list`] and
    /// [`TariffBook::with_markets`]. This is how a build without the `embedded-data` feature
    /// assembles a book from the files it loads.
    ///
    /// # Example
    /// ```
    /// use landed_cost::landed::UsRules;
    /// use landed_cost::tariff::hts::{Edition, Hts, HtsSchedule};
    /// use landed_cost::tariff::{MeasureSet, TariffBook};
    /// let hts = Hts::new(vec![Edition::new("mine", "2025-01-01".parse()?, "my export", HtsSchedule::default())])?;
    /// let fees = r#"{"mpf": {"rate": "0.3464%", "formal_entry_threshold": "2500", "fiscal_years": []},
    ///                "hmf": {"rate": "0.125%", "sources": ["19 CFR 24.24"]}}"#;
    /// let low_value = r#"{"de_minimis": [], "postal": []}"#;
    /// let rules = UsRules::from_json_readers(fees.as_bytes(), low_value.as_bytes())?;
    /// let mut book = TariffBook::new(hts, rules);
    /// book.merge(MeasureSet::default())?;
    /// assert!(book.measures().is_empty());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn new(hts: Hts, us_rules: UsRules) -> TariffBook {
        let mut book = TariffBook {
            hts: Cow::Owned(hts),
            measures: Vec::new(),
            by_origin: OriginIndex::default(),
            links: Vec::new(),
            reach: Reach::default(),
            list_reach: ListReach::default(),
            lists: Vec::new(),
            us_rules,
            markets: Cow::Owned(Markets::default()),
            known_through: NaiveDate::MIN,
            sources_through: None,
        };
        book.refresh_horizon();
        book
    }

    /// Rebuilds what finding what applies needs of each measure (its links and reach) after
    /// the measures, the lists or the HTS changed.
    fn refresh_links(&mut self) {
        self.links = MeasureLinks::build(&self.measures, &self.lists);
        self.list_reach = ListReach::build(&self.lists);
        self.reach = Reach::build(&self.measures, &self.links, &self.list_reach, &self.hts);
    }

    /// Recomputes [`TariffBook::known_through`] after the rules changed.
    fn refresh_horizon(&mut self) {
        let last = crate::tariff::horizon::last_change(
            &self.measures,
            &self.lists,
            &self.hts,
            &self.us_rules,
        );
        self.known_through = self.sources_through.map_or(last, |s| last.min(s));
    }

    /// The last dated change of the US rules.
    pub(crate) fn horizon(&self) -> NaiveDate {
        self.known_through
    }

    /// The date the book's US rules are known through: the last dated change it holds (a
    /// measure's start or end, a product-list change, an HTS edition, a fee year's start, the
    /// end of a low-value rule), or, if earlier, the date the sources of its measures reach
    /// ([`MeasureSet::sources_through`]; the embedded data's reach 2026-10-10, and hold the
    /// changes they announced for later dates). A quote or [`TariffBook::applicable`] call for
    /// a later date is answered from the rules as known, with a `rules_known_through` warning;
    /// strict options refuse it ([`TariffBook::applicable_with`], [`TariffBook::quote_with`]).
    ///
    /// # Example
    /// ```
    /// use landed_cost::{CountryCode, TariffBook, WarningCode};
    /// let book = TariffBook::embedded();
    /// let horizon = book.known_through();
    /// assert_eq!(horizon.to_string(), "2026-10-10");
    /// let later = horizon.succ_opt().unwrap();
    /// let what = book.applicable(&"6402.99.90".parse()?, CountryCode::CN, later, None)?;
    /// assert!(what.warnings.iter().any(|w| w.code() == WarningCode::RulesKnownThrough));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn known_through(&self) -> NaiveDate {
        self.horizon()
    }

    /// Adds measures, replacing those with the same key.
    ///
    /// # Errors
    /// [`Error::Data`] for an invalid measure (see [`TariffBook::from_json_reader`]).
    ///
    /// # Example
    /// ```
    /// use landed_cost::tariff::{MeasureSet, TariffBook};
    /// let mut book = TariffBook::embedded().clone();
    /// let n = book.measures().len();
    /// book.merge(MeasureSet::default())?;
    /// assert_eq!(book.measures().len(), n);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn merge(&mut self, set: MeasureSet) -> Result<()> {
        validate::measure_set(&set.measures, |name| self.list(name).is_some())?;
        if let Some(date) = set.sources_through {
            self.sources_through = Some(self.sources_through.map_or(date, |d| d.min(date)));
        }
        for mut m in set.measures {
            m.citation = crate::provenance::cite(&m.sources).into();
            match self.measures.iter_mut().find(|old| old.key == m.key) {
                Some(old) => *old = Arc::new(m),
                None => self.measures.push(Arc::new(m)),
            }
        }
        self.by_origin = OriginIndex::build(&self.measures);
        self.refresh_links();
        self.refresh_horizon();
        Ok(())
    }

    /// Adds a product list (or replaces the one with the same name).
    ///
    /// # Example
    /// ```
    /// use landed_cost::tariff::{ProductList, TariffBook};
    /// let mut book = TariffBook::embedded().clone();
    /// book.add_list(ProductList::from_csv_reader("mine", "prefix,from,until,tag,source\n".as_bytes())?);
    /// assert!(book.list("mine").is_some());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn add_list(&mut self, list: ProductList) {
        match self.lists.iter_mut().find(|l| l.name() == list.name()) {
            Some(old) => *old = list,
            None => self.lists.push(list),
        }
        self.refresh_links();
        self.refresh_horizon();
    }

    /// A product list by name.
    ///
    /// # Example
    /// ```
    /// assert!(landed_cost::tariff::TariffBook::embedded().list("annex_ii").is_some());
    /// ```
    #[must_use]
    pub fn list(&self, name: &str) -> Option<&ProductList> {
        self.lists.iter().find(|l| l.name() == name)
    }

    /// The import rules of the markets other than the US.
    ///
    /// # Example
    /// ```
    /// let book = landed_cost::TariffBook::embedded();
    /// assert!(book.markets().for_importer("JP".parse()?).is_some());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn markets(&self) -> &Markets {
        &self.markets
    }

    /// Uses other US entry rules: fees and low-value rules read with
    /// [`UsRules::from_json_readers`], for example with a fiscal year's MPF figures added.
    ///
    /// # Example
    /// ```
    /// use landed_cost::landed::UsRules;
    /// use landed_cost::TariffBook;
    /// let fees = r#"{"mpf": {"rate": "0.3464%", "formal_entry_threshold": "2500", "fiscal_years": [
    ///     {"fiscal_year": 2099, "from": "2098-10-01", "until": "2099-10-01", "minimum": "40.00",
    ///      "maximum": "800.00", "informal_automated": "3.00", "sources": ["a future notice"]}]},
    ///   "hmf": {"rate": "0.125%", "sources": ["19 CFR 24.24"]}}"#;
    /// let rules = UsRules::from_json_readers(fees.as_bytes(), r#"{"de_minimis": [], "postal": []}"#.as_bytes())?;
    /// let book = TariffBook::embedded().clone().with_us_rules(rules);
    /// assert!(book.us_rules().mpf_year("2099-01-15".parse()?).is_some());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn with_us_rules(mut self, us_rules: UsRules) -> TariffBook {
        self.us_rules = us_rules;
        self.refresh_horizon();
        self
    }

    /// Uses other markets' import rules (for example the embedded ones with a market added).
    ///
    /// # Example
    /// ```
    /// use landed_cost::{market::Markets, TariffBook};
    /// let book = TariffBook::embedded().clone().with_markets(Markets::default());
    /// assert!(book.markets().for_importer("DE".parse()?).is_none());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn with_markets(mut self, markets: Markets) -> TariffBook {
        self.markets = Cow::Owned(markets);
        self
    }

    /// Uses other HTS editions (for example built from newer exports).
    ///
    /// # Example
    /// ```
    /// use landed_cost::tariff::{hts::Hts, TariffBook};
    /// let book = TariffBook::embedded().clone().with_hts(Hts::embedded().clone());
    /// assert_eq!(book.hts().editions().len(), 44);
    /// ```
    #[must_use]
    pub fn with_hts(mut self, hts: Hts) -> TariffBook {
        self.hts = Cow::Owned(hts);
        // The headings a measure on an HTS heading reaches are the new HTS's.
        self.refresh_links();
        self.refresh_horizon();
        self
    }

    /// The US entry fees and low-value rules the calculator uses.
    ///
    /// # Example
    /// ```
    /// let rules = landed_cost::TariffBook::embedded().us_rules();
    /// assert_eq!(rules.fees.mpf.rate.to_string(), "0.3464%");
    /// ```
    #[must_use]
    pub fn us_rules(&self) -> &UsRules {
        &self.us_rules
    }

    /// The HTS editions.
    ///
    /// # Example
    /// ```
    /// let hts = landed_cost::TariffBook::embedded().hts();
    /// let edition = hts.edition_for("2025-06-01".parse()?)?;
    /// assert!(edition.schedule().line_for(&"6402.99.90".parse()?).is_some());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn hts(&self) -> &Hts {
        &self.hts
    }

    /// The measures, in the order of the data.
    ///
    /// # Example
    /// ```
    /// let measures = landed_cost::TariffBook::embedded().measures();
    /// assert!(measures.iter().all(|m| !m.sources.is_empty()));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn measures(&self) -> &[Arc<Measure>] {
        &self.measures
    }

    /// What applies to goods classified under `hs`, of `origin`, entered on `entry_date`
    /// (and loaded on the final conveyance on `loaded_date`, for the in-transit rules): the MFN
    /// duty of the HTS edition in force and every measure that applies, with its rate, base and
    /// reason; every measure that covers the goods but was excluded, with the reason; and
    /// warnings.
    ///
    /// # Errors
    /// [`Error::NoTariffEdition`] or [`Error::NotInTariff`] if the code is not in the edition in
    /// force; [`Error::Parse`] if its MFN text cannot be read.
    ///
    /// # Example
    /// ```
    /// use landed_cost::{tariff::TariffBook, CountryCode};
    /// let book = TariffBook::embedded();
    /// // A laptop (Annex II) in April 2025: no reciprocal duty, declared under 9903.01.32.
    /// let what = book.applicable(&"8471.30.01".parse()?, CountryCode::CN, "2025-04-15".parse()?, None)?;
    /// assert!(what.applied.iter().all(|a| a.key() != "ieepa_reciprocal_cn_125"));
    /// let excluded = what.excluded.iter().find(|e| e.measure.key == "ieepa_reciprocal_cn_125").unwrap();
    /// assert_eq!(excluded.heading.map(|h| h.to_string()), Some("9903.01.32".to_string()));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn applicable(
        &self,
        hs: &HsCode,
        origin: CountryCode,
        entry_date: NaiveDate,
        loaded_date: Option<NaiveDate>,
    ) -> Result<Applicability<'_>> {
        self.applicable_claiming(hs, origin, entry_date, loaded_date, &[])
    }

    /// As [`TariffBook::applicable`], with product exclusions the importer claims (for example
    /// a Section 301 exclusion heading such as 9903.88.69, whose product description is narrower
    /// than the HTS lines that reference it).
    ///
    /// # Errors
    /// As [`TariffBook::applicable`].
    ///
    /// # Example
    /// ```
    /// use landed_cost::{tariff::TariffBook, CountryCode};
    /// let book = TariffBook::embedded();
    /// let hs = "0304.72.50.00".parse()?; // a line referencing the exclusion heading 9903.88.69
    /// let claimed = book.applicable_claiming(&hs, CountryCode::CN, "2025-06-01".parse()?, None, &["9903.88.69".parse()?])?;
    /// assert!(claimed.applied.iter().any(|a| a.heading.to_string() == "9903.88.69"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn applicable_claiming(
        &self,
        hs: &HsCode,
        origin: CountryCode,
        entry_date: NaiveDate,
        loaded_date: Option<NaiveDate>,
        claims: &[HsCode],
    ) -> Result<Applicability<'_>> {
        self.applicable_with(
            hs,
            origin,
            entry_date,
            loaded_date,
            Claims::headings(claims),
        )
    }

    /// As [`TariffBook::applicable`], with everything the importer claims for the line:
    /// exemption headings and whether the goods are entered under the USMCA.
    ///
    /// # Errors
    /// As [`TariffBook::applicable`].
    ///
    /// # Example
    /// ```
    /// use landed_cost::{tariff::{Authority, Claims, TariffBook}, CountryCode};
    /// let book = TariffBook::embedded();
    /// let hs = "9403.60.80".parse()?; // wooden furniture, MFN free
    /// let date = "2025-09-10".parse()?;
    /// let plain = book.applicable_with(&hs, CountryCode::CA, date, None, Claims::NONE)?;
    /// assert!(plain.applied.iter().any(|a| a.authority == Authority::IeepaFentanyl));
    /// let usmca = book.applicable_with(&hs, CountryCode::CA, date, None, Claims::NONE.with_usmca(true))?;
    /// assert!(usmca.applied.iter().all(|a| a.authority == Authority::Mfn));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn applicable_with(
        &self,
        hs: &HsCode,
        origin: CountryCode,
        entry_date: NaiveDate,
        loaded_date: Option<NaiveDate>,
        claims: Claims<'_>,
    ) -> Result<Applicability<'_>> {
        let mut applied = Vec::with_capacity(6);
        let mut found =
            self.applicable_into(hs, origin, entry_date, loaded_date, claims, &mut applied)?;
        if let Some(w) = crate::tariff::horizon::check(
            entry_date,
            self.known_through,
            crate::tariff::horizon::US_RULES,
            false,
        )? {
            found.warnings.push(w);
        }
        if let Some(p) = self.us_rules.import_prohibition(origin, entry_date) {
            found.warnings.push(p.warning());
        }
        Ok(Applicability {
            line: found.line,
            edition: found.edition,
            applied,
            excluded: found.excluded.into_vec(),
            warnings: found.warnings.into_vec(),
        })
    }

    /// The work of [`TariffBook::applicable_claiming`], writing the applied duties into a
    /// buffer the caller owns (cleared first): a quote keeps it on its stack, so finding what
    /// applies allocates nothing beyond the result. The stages are the measure engine's
    /// (`src/tariff/engine/`).
    #[inline]
    pub(crate) fn applicable_into<'a, B: Buffer<Applied<'a>>>(
        &'a self,
        hs: &HsCode,
        origin: CountryCode,
        entry_date: NaiveDate,
        loaded_date: Option<NaiveDate>,
        claims: Claims<'_>,
        applied: &mut B,
    ) -> Result<Found<'a>> {
        let mut report = Report::default();
        let (line, edition) = self.applicable_noted(
            hs,
            origin,
            entry_date,
            loaded_date,
            claims,
            applied,
            &mut report,
        )?;
        Ok(Found {
            line,
            edition,
            excluded: report.excluded,
            warnings: report.warnings,
        })
    }

    /// The work of [`TariffBook::applicable_into`], telling `notes` what was excluded and what
    /// to warn of (a sink that keeps only warning codes builds no messages).
    #[inline]
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn applicable_noted<'a, B: Buffer<Applied<'a>>, N: Notes<'a>>(
        &'a self,
        hs: &HsCode,
        origin: CountryCode,
        entry_date: NaiveDate,
        loaded_date: Option<NaiveDate>,
        claims: Claims<'_>,
        applied: &mut B,
        notes: &mut N,
    ) -> Result<(&'a HtsLine, &'a Edition)> {
        applied.clear();
        let (edition, line) = self.line_for(hs, entry_date)?;
        // Goods of a country of general note 3(b) pay the line's column 2 rate instead.
        let base = match self.us_rules.column2_country(origin, entry_date) {
            None => Applied::mfn(line, edition, line.mfn()?),
            Some(country) => Applied::column2(line, edition, line.column2()?, country),
        };
        let line_rate = base.rate;
        applied.push(base);
        let goods = Goods {
            hs,
            line,
            edition,
            origin,
            entry_date,
            loaded_date,
            claims,
        };
        let tables = self.tables();
        let mfn_ad_valorem = line_rate.ad_valorem_rate();
        // Measures whose scope cannot reach the goods' heading are passed over unread.
        let row = self.reach.row(hs);
        for (_, m, links) in self
            .candidates(origin, entry_date)
            .filter(|(place, _, _)| row.reaches(*place))
        {
            if coverage::covers_goods(tables, m, links, &goods, notes) {
                eligibility::evaluate(tables, m, links, &goods, mfn_ad_valorem, applied, notes);
            }
        }
        interactions::resolve(applied, entry_date, notes);
        stacking::resolve(applied, line, notes);
        // Present charges in a fixed order: MFN, Section 301, Section 232, IEEPA, Section 122.
        if !applied.is_sorted_by_key(|a| a.authority) {
            applied.sort_by_key(|a| a.authority);
        }
        Ok((line, edition))
    }

    /// The edition in force on `date` and its line for `hs`: [`Error::NoTariffEdition`] for a
    /// date before the first edition, [`Error::NotInTariff`] for a code that edition does not
    /// hold.
    #[inline]
    pub(crate) fn line_for(&self, hs: &HsCode, date: NaiveDate) -> Result<(&Edition, &HtsLine)> {
        let edition = self.hts.edition_for(date)?;
        let line = edition
            .schedule()
            .line_for(hs)
            .ok_or_else(|| Error::NotInTariff {
                code: *hs,
                edition: edition.name().to_owned(),
            })?;
        Ok((edition, line))
    }

    /// The tables the engine evaluates measures against.
    pub(crate) fn tables(&self) -> Tables<'_> {
        Tables {
            hts: &self.hts,
            lists: &self.lists,
            list_reach: &self.list_reach,
        }
    }

    /// The measures' reach by heading.
    #[cfg(test)]
    pub(crate) fn reach(&self) -> &Reach {
        &self.reach
    }

    /// The book with no reach: no measure is passed over by heading (what the reach is
    /// checked against).
    #[cfg(test)]
    pub(crate) fn without_reach(mut self) -> TariffBook {
        self.reach = Reach::default();
        self.list_reach = ListReach::default();
        self
    }

    /// Each measure's links, parallel to [`TariffBook::measures`].
    #[cfg(test)]
    pub(crate) fn links(&self) -> &[MeasureLinks] {
        &self.links
    }

    /// What of `origin` finding what applies on `date` looks at (see [`index::origin_class`]).
    pub(crate) fn origin_class(
        &self,
        origin: CountryCode,
        date: NaiveDate,
    ) -> (&[usize], Option<u64>) {
        index::origin_class(&self.by_origin, &self.measures, origin, date)
    }

    /// The US measures whose origin scope holds `origin` and that are in force on `date`, by
    /// authority, then in the order of the data, each with its links.
    pub(crate) fn candidates(
        &self,
        origin: CountryCode,
        date: NaiveDate,
    ) -> impl Iterator<Item = (usize, &Arc<Measure>, &MeasureLinks)> {
        index::candidates(&self.by_origin, &self.measures, &self.links, origin, date)
    }
}
