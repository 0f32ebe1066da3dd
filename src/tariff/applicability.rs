//! What applies to goods: the claims a question makes ([`Claims`]) and the answer
//! ([`Applicability`]: each [`Applied`] duty and each [`Excluded`] measure, with the reasons).
//!
//! These are the measure engine's results (`src/tariff/engine/` finds them); the
//! [`TariffBook`](crate::TariffBook) is where they are asked for.

use std::sync::Arc;

use crate::error::Result;
use crate::hs::HsCode;
use crate::market::us::Column2Country;
use crate::money::Rate;
use crate::tariff::hts::{Edition, HtsLine};
use crate::tariff::measure::{Authority, Base, Floor, Measure};
use crate::tariff::reason::{AppliedReason, ExclusionReason};
use crate::tariff::DutyRate;
use crate::warning::Warning;

/// What the importer claims for a line: chapter-99 exemption headings (a Section 301 product
/// exclusion such as 9903.88.69, donations 9903.01.30, informational materials 9903.01.31) and
/// whether the goods are entered under the USMCA. A measure whose exemption needs a claim is
/// charged when the claim is absent, and the result says so.
///
/// # Example
/// ```
/// use landed_cost::tariff::Claims;
/// let headings = ["9903.01.31".parse()?];
/// let claims = Claims::headings(&headings).with_usmca(true);
/// assert!(claims.claims_usmca() && claims.claims_heading(&"9903.01.31".parse()?));
/// assert!(!Claims::NONE.claims_usmca());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Claims<'a> {
    headings: &'a [HsCode],
    usmca: bool,
}

impl<'a> Claims<'a> {
    /// No claims.
    pub const NONE: Claims<'static> = Claims {
        headings: &[],
        usmca: false,
    };

    /// Claims of these exemption headings.
    ///
    /// # Example
    /// ```
    /// use landed_cost::tariff::Claims;
    /// let headings = ["9903.88.69".parse()?];
    /// assert!(Claims::headings(&headings).claims_heading(&headings[0]));
    /// assert!(!Claims::headings(&headings).claims_usmca());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub const fn headings(headings: &'a [HsCode]) -> Claims<'a> {
        Claims {
            headings,
            usmca: false,
        }
    }

    /// The same claims, with the goods entered under the USMCA (or not).
    ///
    /// # Example
    /// ```
    /// use landed_cost::tariff::Claims;
    /// assert!(Claims::NONE.with_usmca(true).claims_usmca());
    /// assert!(!Claims::NONE.with_usmca(true).with_usmca(false).claims_usmca());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub const fn with_usmca(self, usmca: bool) -> Claims<'a> {
        Claims { usmca, ..self }
    }

    /// Whether the importer claims `heading`.
    ///
    /// # Example
    /// ```
    /// use landed_cost::tariff::Claims;
    /// let headings = ["9903.01.30".parse()?];
    /// let claims = Claims::headings(&headings);
    /// assert!(claims.claims_heading(&"9903.01.30".parse()?));
    /// assert!(!claims.claims_heading(&"9903.01.31".parse()?));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn claims_heading(&self, heading: &HsCode) -> bool {
        self.headings.contains(heading)
    }

    /// Whether the goods are entered under the USMCA.
    ///
    /// # Example
    /// ```
    /// use landed_cost::tariff::Claims;
    /// assert!(!Claims::NONE.claims_usmca());
    /// assert!(Claims::default().with_usmca(true).claims_usmca());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub const fn claims_usmca(&self) -> bool {
        self.usmca
    }
}

/// A measure (or the MFN duty) that applies to goods, with the rate, base and reason.
///
/// # Example
/// ```
/// use landed_cost::{tariff::{Authority, Base, TariffBook}, CountryCode};
/// let book = TariffBook::embedded();
/// let what = book.applicable(&"6402.99.90".parse()?, CountryCode::CN, "2025-04-15".parse()?, None)?;
/// let mfn = &what.applied[0];
/// assert_eq!((mfn.authority, mfn.rate.to_string(), mfn.base), (Authority::Mfn, "20%".into(), Base::FullValue));
/// assert!(mfn.measure.is_none());
/// println!("{}", mfn.reason); // the MFN rate of the line in the edition in force
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Applied<'a> {
    /// The authority.
    pub authority: Authority,
    /// The heading declared (the HTS line itself for MFN).
    pub heading: HsCode,
    /// The rate charged.
    pub rate: &'a DutyRate,
    /// What the rate is applied to.
    pub base: Base,
    /// Goods with at least this share of US content pay only on the non-US content.
    pub us_content_threshold: Option<Rate>,
    /// The duty tops the total with the MFN duty up to this floor instead of adding `rate`
    /// (see [`Floor`]); [`Applied::additional_rate`] gives the rate for an MFN rate.
    pub floor: Option<Floor>,
    /// The measure (`None` for the MFN duty).
    pub measure: Option<&'a Arc<Measure>>,
    /// Why it applies; displays as one line.
    pub reason: AppliedReason<'a>,
}

impl<'a> Applied<'a> {
    /// The MFN duty of an HTS line of an edition.
    pub(crate) fn mfn(line: &'a HtsLine, edition: &'a Edition, rate: &'a DutyRate) -> Self {
        Applied {
            authority: Authority::Mfn,
            heading: line.code(),
            rate,
            base: Base::FullValue,
            us_content_threshold: None,
            floor: None,
            measure: None,
            reason: AppliedReason::Mfn {
                code: line.code(),
                edition: edition.name(),
            },
        }
    }

    /// The column 2 duty of an HTS line of an edition, for goods of `country`.
    pub(crate) fn column2(
        line: &'a HtsLine,
        edition: &'a Edition,
        rate: &'a DutyRate,
        country: &'a Arc<Column2Country>,
    ) -> Self {
        Applied {
            authority: Authority::Column2,
            reason: AppliedReason::Column2 {
                code: line.code(),
                edition: edition.name(),
                country,
            },
            ..Applied::mfn(line, edition, rate)
        }
    }

    /// The ad valorem rate this duty adds for goods whose MFN ad valorem (equivalent) rate is
    /// `mfn`: the floor less `mfn` for a floor measure, the measure's own rate where it is a
    /// single percentage, `None` for a specific or compound rate.
    ///
    /// # Example
    /// ```
    /// use landed_cost::{tariff::TariffBook, CountryCode};
    /// let book = TariffBook::embedded();
    /// // Wooden furniture from Germany (MFN free) after 7 August 2025: topped up to 15%.
    /// let what = book.applicable(&"9403.60.80".parse()?, "DE".parse()?, "2025-09-10".parse()?, None)?;
    /// let reciprocal = what.applied.iter().find(|a| a.floor.is_some()).unwrap();
    /// assert_eq!(reciprocal.additional_rate("0%".parse()?).map(|r| r.to_string()), Some("15%".into()));
    /// assert_eq!(reciprocal.heading.to_string(), "9903.02.20");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn additional_rate(&self, mfn: Rate) -> Option<Rate> {
        match self.floor {
            Some(floor) => Some(floor.additional(mfn)),
            None => self.rate.ad_valorem_rate(),
        }
    }

    /// The measure's key, or `"mfn"`.
    ///
    /// # Example
    /// ```
    /// use landed_cost::{tariff::TariffBook, CountryCode};
    /// let what = TariffBook::embedded().applicable(&"6402.99.90".parse()?, CountryCode::CN, "2025-04-15".parse()?, None)?;
    /// assert_eq!(what.applied[0].key(), "mfn");
    /// assert!(what.applied.iter().any(|a| a.key() == "ieepa_fentanyl_cn_20"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn key(&self) -> &str {
        self.measure.map_or("mfn", |m| m.key.as_str())
    }

    /// The citations for the charge.
    ///
    /// # Example
    /// ```
    /// use landed_cost::{tariff::TariffBook, CountryCode};
    /// let what = TariffBook::embedded().applicable(&"6402.99.90".parse()?, CountryCode::CN, "2025-04-15".parse()?, None)?;
    /// assert!(what.applied[0].sources().is_empty()); // the MFN duty is the schedule's
    /// let fentanyl = what.applied.iter().find(|a| a.key() == "ieepa_fentanyl_cn_20").unwrap();
    /// assert!(fentanyl.sources().iter().any(|s| s.starts_with("EO 14195")));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn sources(&self) -> &[String] {
        self.measure.map_or(&[], |m| m.sources.as_slice())
    }

    /// The sources as one line (empty for the MFN duty).
    ///
    /// # Example
    /// ```
    /// use landed_cost::{tariff::TariffBook, CountryCode};
    /// let what = TariffBook::embedded().applicable(&"6402.99.90".parse()?, CountryCode::CN, "2025-04-15".parse()?, None)?;
    /// assert_eq!(what.applied[0].citation(), "");
    /// let fentanyl = what.applied.iter().find(|a| a.key() == "ieepa_fentanyl_cn_20").unwrap();
    /// assert!(fentanyl.citation().starts_with("EO 14195"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn citation(&self) -> &str {
        self.measure.map_or("", |m| m.citation())
    }
}

/// A measure that covers the goods on the date but does not apply, and why.
///
/// # Example
/// ```
/// use landed_cost::{tariff::TariffBook, CountryCode};
/// // Loaded 1 April, entered 20 April 2025: the reciprocal duty is waived in transit.
/// let what = TariffBook::embedded().applicable(
///     &"6402.99.90".parse()?, CountryCode::CN, "2025-04-20".parse()?, Some("2025-04-01".parse()?))?;
/// let waived = what.excluded.iter().find(|e| e.heading.is_some_and(|h| h.to_string() == "9903.01.28"));
/// assert!(waived.is_some());
/// println!("{}", waived.unwrap().reason);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Excluded<'a> {
    /// The measure.
    pub measure: &'a Arc<Measure>,
    /// The heading declared for the exemption, where there is one.
    pub heading: Option<HsCode>,
    /// Why it does not apply; displays as one line.
    pub reason: ExclusionReason<'a>,
}

/// What applies to goods of a code and origin entered on a date.
///
/// # Example
/// ```
/// use landed_cost::{tariff::TariffBook, CountryCode};
/// let what = TariffBook::embedded().applicable(&"6402.99.90".parse()?, CountryCode::VN, "2025-09-10".parse()?, None)?;
/// assert_eq!(what.line.code().to_string(), "6402.99.90");
/// assert_eq!(what.applied[0].rate.to_string(), "20%");
/// assert!(what.edition.effective() <= "2025-09-10".parse()?);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct Applicability<'a> {
    /// The HTS line used.
    pub line: &'a HtsLine,
    /// The HTS edition in force on the entry date.
    pub edition: &'a Edition,
    /// The MFN duty and each measure that applies, ordered by authority (MFN, Section 301,
    /// Section 232, IEEPA fentanyl, IEEPA reciprocal, Section 122), then as in the data.
    pub applied: Vec<Applied<'a>>,
    /// Each measure that covers the goods and date but was excluded, with the reason.
    pub excluded: Vec<Excluded<'a>>,
    /// Assumptions and gaps the caller should know of.
    pub warnings: Vec<Warning>,
}

impl Applicability<'_> {
    /// The sum of the ad valorem rates applied on the full value (MFN included), for display.
    /// Specific rates and rates on other bases are not included.
    ///
    /// # Example
    /// ```
    /// use landed_cost::{tariff::TariffBook, CountryCode};
    /// let what = TariffBook::embedded().applicable(&"6402.99.90".parse()?, CountryCode::CN, "2025-04-15".parse()?, None)?;
    /// assert_eq!(what.ad_valorem_total()?.to_string(), "172.5%"); // 20 + 7.5 + 20 + 125
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    /// [`Error::Overflow`](crate::Error::Overflow) in theory only.
    pub fn ad_valorem_total(&self) -> Result<Rate> {
        let mfn = self
            .applied
            .first()
            .and_then(|a| a.rate.ad_valorem_rate())
            .unwrap_or(Rate::ZERO);
        self.applied
            .iter()
            .filter(|a| a.base == Base::FullValue)
            .filter_map(|a| a.additional_rate(mfn))
            .try_fold(Rate::ZERO, Rate::checked_add)
    }
}
