//! [`Authority`] and [`OriginScope`]: who levies a charge and on goods of which origins, the
//! vocabulary every rule of every market is written in (the tariff measures, the US fees and
//! low-value rules, the other markets' taxes and handling fees).

use serde::{Deserialize, Serialize};

use crate::country::CountryCode;

/// Who levies a charge: a duty's legal authority, a fee or a tax. It is the `authority` of a
/// charge in a quote, one vocabulary for every charge (DESIGN.md's list); [`Authority::kind`]
/// says which of duty, fee and tax it is.
///
/// # Example
/// ```
/// use landed_cost::tariff::Authority;
/// let a: Authority = serde_json::from_str("\"ieepa_reciprocal\"")?;
/// assert_eq!(a, Authority::IeepaReciprocal);
/// assert_eq!(a.to_string(), "ieepa_reciprocal");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Authority {
    /// The normal (column 1 general, most-favoured-nation) duty.
    Mfn,
    /// The column 2 duty that replaces the MFN duty on products of the countries of general
    /// note 3(b) (Cuba, North Korea, Russia, Belarus).
    #[serde(rename = "column2")]
    Column2,
    /// Section 301 of the Trade Act of 1974 (China).
    #[serde(rename = "section301")]
    Section301,
    /// Section 232 of the Trade Expansion Act of 1962 (national security).
    #[serde(rename = "section232")]
    Section232,
    /// IEEPA duties on synthetic-opioid grounds ("fentanyl").
    IeepaFentanyl,
    /// IEEPA "reciprocal" duties.
    IeepaReciprocal,
    /// Section 122 of the Trade Act of 1974 (balance-of-payments surcharge).
    #[serde(rename = "section122")]
    Section122,
    /// Antidumping duties.
    Antidumping,
    /// Countervailing duties.
    Countervailing,
    /// IEEPA duties other than the fentanyl and reciprocal ones: Brazil (EO 14323) and India
    /// (EO 14329), each on all products of one country.
    Ieepa,
    /// Section 338 of the Tariff Act of 1930 (the 2026 duties on products of Canada).
    #[serde(rename = "section338")]
    Section338,
    /// Safeguard duties (Section 201 of the Trade Act of 1974).
    #[serde(rename = "section201", alias = "safeguard")]
    Safeguard,
    /// A duty on postal items that replaces all other duties (the 2025 US postal regimes).
    PostalDuty,
    /// A flat duty per item or category (the EU's €3 per tariff subheading from July 2026).
    FlatDuty,
    /// The US Merchandise Processing Fee.
    Mpf,
    /// The US Harbor Maintenance Fee.
    Hmf,
    /// A national handling fee.
    HandlingFee,
    /// Value-added tax.
    Vat,
    /// Goods and services tax.
    Gst,
    /// Consumption tax.
    ConsumptionTax,
    /// Anything else.
    Other,
}

/// What kind of charge an [`Authority`] levies: where it goes in a quote (a line's duties, the
/// entry's fees, the taxes).
///
/// # Example
/// ```
/// use landed_cost::market::{Authority, ChargeKind};
/// assert_eq!(Authority::Section301.kind(), ChargeKind::Duty);
/// assert_eq!(Authority::Mpf.kind(), ChargeKind::Fee);
/// assert_eq!(Authority::Vat.kind(), ChargeKind::Tax);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ChargeKind {
    /// A customs duty, charged per line (MFN, the additional duties, the postal and flat duties).
    Duty,
    /// A fee on the entry or consignment (MPF, HMF, a national handling fee).
    Fee,
    /// An import tax (VAT, GST, consumption tax).
    Tax,
}

impl Authority {
    /// Which kind of charge this authority levies. `Other` counts as a duty.
    ///
    /// # Example
    /// ```
    /// use landed_cost::market::{Authority, ChargeKind};
    /// let fees: Vec<Authority> = [Authority::Mfn, Authority::Hmf, Authority::Gst, Authority::HandlingFee]
    ///     .into_iter()
    ///     .filter(|a| a.kind() == ChargeKind::Fee)
    ///     .collect();
    /// assert_eq!(fees, [Authority::Hmf, Authority::HandlingFee]);
    /// ```
    #[must_use]
    pub const fn kind(self) -> ChargeKind {
        match self {
            Authority::Mpf | Authority::Hmf | Authority::HandlingFee => ChargeKind::Fee,
            Authority::Vat | Authority::Gst | Authority::ConsumptionTax => ChargeKind::Tax,
            Authority::Mfn
            | Authority::Column2
            | Authority::Section301
            | Authority::Section232
            | Authority::IeepaFentanyl
            | Authority::IeepaReciprocal
            | Authority::Section122
            | Authority::Antidumping
            | Authority::Countervailing
            | Authority::Ieepa
            | Authority::Section338
            | Authority::Safeguard
            | Authority::PostalDuty
            | Authority::FlatDuty
            | Authority::Other => ChargeKind::Duty,
        }
    }

    /// Whether this is the duty of the HTS line's own rate (the MFN rate, or the column 2 rate
    /// that replaces it for the countries of general note 3(b)): a line's first charge, the
    /// duty a floor measure ("15% including MFN") tops up.
    ///
    /// # Example
    /// ```
    /// use landed_cost::tariff::Authority;
    /// assert!(Authority::Mfn.is_line_rate() && Authority::Column2.is_line_rate());
    /// assert!(!Authority::Section301.is_line_rate());
    /// ```
    #[must_use]
    pub const fn is_line_rate(self) -> bool {
        matches!(self, Authority::Mfn | Authority::Column2)
    }

    /// The snake_case name used in JSON and quotes.
    ///
    /// # Example
    /// ```
    /// assert_eq!(landed_cost::tariff::Authority::Section301.as_str(), "section301");
    /// ```
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Authority::Mfn => "mfn",
            Authority::Column2 => "column2",
            Authority::Section301 => "section301",
            Authority::Section232 => "section232",
            Authority::IeepaFentanyl => "ieepa_fentanyl",
            Authority::IeepaReciprocal => "ieepa_reciprocal",
            Authority::Section122 => "section122",
            Authority::Antidumping => "antidumping",
            Authority::Countervailing => "countervailing",
            Authority::Ieepa => "ieepa",
            Authority::Section338 => "section338",
            Authority::Safeguard => "section201",
            Authority::PostalDuty => "postal_duty",
            Authority::FlatDuty => "flat_duty",
            Authority::Mpf => "mpf",
            Authority::Hmf => "hmf",
            Authority::HandlingFee => "handling_fee",
            Authority::Vat => "vat",
            Authority::Gst => "gst",
            Authority::ConsumptionTax => "consumption_tax",
            Authority::Other => "other",
        }
    }
}

impl std::fmt::Display for Authority {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.pad(self.as_str())
    }
}

/// Which origins a measure applies to.
///
/// # Example
/// ```
/// use landed_cost::{tariff::OriginScope, CountryCode};
/// let s: OriginScope = serde_json::from_str(r#"{"only":["CN","HK"]}"#)?;
/// assert!(s.contains(CountryCode::HK) && !s.contains(CountryCode::VN));
/// let all: OriginScope = serde_json::from_str(r#"{"all_except":["CN"]}"#)?;
/// assert!(all.contains(CountryCode::VN) && !all.contains(CountryCode::CN));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum OriginScope {
    /// Goods of these countries only.
    Only(Vec<CountryCode>),
    /// Goods of every country but these.
    AllExcept(Vec<CountryCode>),
}

impl OriginScope {
    /// Whether goods of `origin` are in scope.
    ///
    /// # Example
    /// See [`OriginScope`].
    #[must_use]
    pub fn contains(&self, origin: CountryCode) -> bool {
        match self {
            OriginScope::Only(list) => list.contains(&origin),
            OriginScope::AllExcept(list) => !list.contains(&origin),
        }
    }
}
