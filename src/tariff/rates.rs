//! [`TariffBook::rates`]: the US rates on a product of an origin entered on a date, without a
//! shipment: the MFN rate and each additional measure's rate by authority, with its heading.
//!
//! A quote needs a shipment (values, modes, fees); an analyst asking "what is the tariff on this
//! line from that country after each revision" needs only the rates. [`TariffBook::rates`]
//! answers that with the same engine as [`TariffBook::applicable`] and these defaults, each of
//! which [`RatesOptions`] can change:
//!
//! * **no claims** ([`Claims::NONE`]: no exemption heading claimed, not entered under the USMCA);
//! * **no metal content**: a Section 232 duty on the content of a metal applies to a zero share
//!   of the value (so it adds nothing to the total), and a duty on the value less the metal
//!   content applies to the full value ([`RatesOptions::metal_share`] sets a share);
//! * **no US content** ([`RatesOptions::us_content_share`]);
//! * **no de minimis**: the goods are taken to be entered formally, whatever their value
//!   ([`RatesOptions::de_minimis`] asks for the de minimis exemption where the origin's goods
//!   still have it on the date);
//! * **not in transit**: no loading date, so no in-transit rule ([`RatesOptions::loaded`]);
//! * **no unit value**: a specific or compound rate stays an exact expression with no ad valorem
//!   equivalent ([`RatesOptions::unit_value`] gives one).

use std::sync::Arc;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use smallvec::SmallVec;

use crate::country::CountryCode;
use crate::error::{Error, Result};
use crate::hs::HsCode;
use crate::money::{Money, Rate};
use crate::quantity::{Quantity, Unit};
use crate::tariff::engine::Notes;
use crate::tariff::hts::{Edition, HtsLine};
use crate::tariff::measure::{Authority, Base, Floor, Measure, Metal};
use crate::tariff::Excluded;
use crate::tariff::{Applied, Claims, Component, DutyBase, DutyRate, TariffBook};
use crate::warning::WarningCode;

/// How [`TariffBook::rates_with`] treats what a shipment would say: claims, metal and US
/// content, de minimis, the loading date and a unit value. [`RatesOptions::new`] is the
/// defaults listed in the [module docs](crate::tariff::TariffBook::rates): no claims, no metal
/// or US content, no de minimis, not in transit, no unit value.
///
/// # Example
/// ```
/// use landed_cost::tariff::{Claims, Metal, RatesOptions, TariffBook};
/// let options = RatesOptions::new()
///     .claims(Claims::NONE.with_usmca(true))
///     .metal_share(Metal::Steel, "40%".parse()?)?;
/// let rates = TariffBook::embedded().rates_with(&"7326.90.86.88".parse()?, "MX".parse()?,
///     "2025-07-01".parse()?, &options)?;
/// assert!(rates.total().is_some());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct RatesOptions<'c> {
    claims: Claims<'c>,
    loaded: Option<NaiveDate>,
    /// The shares of the value that are steel, aluminium and copper content.
    metal: [Decimal; 3],
    us_content: Decimal,
    unit_value: Option<Money>,
    de_minimis: bool,
}

const fn metal_index(metal: Metal) -> usize {
    match metal {
        Metal::Steel => 0,
        Metal::Aluminum => 1,
        Metal::Copper => 2,
    }
}

impl<'c> RatesOptions<'c> {
    /// The defaults: no claims, no metal or US content, no de minimis, not in transit, no unit
    /// value.
    ///
    /// # Example
    /// ```
    /// use landed_cost::tariff::RatesOptions;
    /// assert_eq!(RatesOptions::new(), RatesOptions::default());
    /// ```
    #[must_use]
    pub const fn new() -> RatesOptions<'static> {
        RatesOptions {
            claims: Claims::NONE,
            loaded: None,
            metal: [Decimal::ZERO; 3],
            us_content: Decimal::ZERO,
            unit_value: None,
            de_minimis: false,
        }
    }

    /// What the importer claims: exemption headings, and whether the goods are entered under
    /// the USMCA.
    ///
    /// # Example
    /// ```
    /// use landed_cost::tariff::{Claims, RatesOptions};
    /// let options = RatesOptions::new().claims(Claims::NONE.with_usmca(true));
    /// assert_ne!(options, RatesOptions::new());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub const fn claims<'d>(self, claims: Claims<'d>) -> RatesOptions<'d> {
        RatesOptions {
            claims,
            loaded: self.loaded,
            metal: self.metal,
            us_content: self.us_content,
            unit_value: self.unit_value,
            de_minimis: self.de_minimis,
        }
    }

    /// The goods were loaded on the final conveyance on this date (for the in-transit rules).
    ///
    /// # Example
    /// ```
    /// use landed_cost::{tariff::{RatesOptions, TariffBook}, CountryCode};
    /// let book = TariffBook::embedded();
    /// let (hs, entry) = ("6402.99.90".parse()?, "2025-04-10".parse()?);
    /// let loaded = RatesOptions::new().loaded("2025-04-01".parse()?);
    /// let in_transit = book.rates_with(&hs, CountryCode::VN, entry, &loaded)?;
    /// let plain = book.rates(&hs, CountryCode::VN, entry)?;
    /// assert!(in_transit.total() < plain.total()); // loaded before 5 April: no reciprocal duty
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub const fn loaded(mut self, date: NaiveDate) -> RatesOptions<'c> {
        self.loaded = Some(date);
        self
    }

    /// The share of the goods' value that is the content of `metal` (Section 232 duties on
    /// metal content apply to it; a duty on the value less the metal content to the rest).
    ///
    /// # Errors
    /// [`Error::InvalidValue`] if the share is negative, or the metal shares add up to more
    /// than 100%.
    ///
    /// # Example
    /// ```
    /// use landed_cost::tariff::{Metal, RatesOptions};
    /// assert!(RatesOptions::new().metal_share(Metal::Copper, "30%".parse()?).is_ok());
    /// assert!(RatesOptions::new().metal_share(Metal::Copper, "-1%".parse()?).is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn metal_share(mut self, metal: Metal, share: Rate) -> Result<RatesOptions<'c>> {
        let mut shares = self.metal;
        if let Some(slot) = shares.get_mut(metal_index(metal)) {
            *slot = share.fraction();
        }
        let sum = shares
            .iter()
            .try_fold(Decimal::ZERO, |a, b| a.checked_add(*b));
        if share.fraction().is_sign_negative() || sum.is_none_or(|s| s > Decimal::ONE) {
            return Err(Error::invalid(
                "metal share",
                format!("{metal} content of {share} leaves the metal shares outside 0% to 100% of the value; give each metal's share of the value, together at most 100%"),
            ));
        }
        self.metal = shares;
        Ok(self)
    }

    /// The share of the goods' value that is US content (a measure with a US-content threshold
    /// applies only to the rest when the share reaches the threshold).
    ///
    /// # Errors
    /// [`Error::InvalidValue`] if the share is negative or above 100%.
    ///
    /// # Example
    /// ```
    /// use landed_cost::tariff::RatesOptions;
    /// assert!(RatesOptions::new().us_content_share("120%".parse()?).is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn us_content_share(mut self, share: Rate) -> Result<RatesOptions<'c>> {
        if share.fraction().is_sign_negative() || share.fraction() > Decimal::ONE {
            return Err(Error::invalid(
                "US content share",
                format!("{share} is outside 0% to 100% of the value"),
            ));
        }
        self.us_content = share.fraction();
        Ok(self)
    }

    /// The customs value of one unit of the goods, in the unit a specific rate charges per (per
    /// kg for "4.4 cents/kg + 6%"), so that specific and compound rates get an ad valorem
    /// equivalent: the duty on one unit worth `value`, over `value`. A rate charging per two
    /// different units gets none.
    ///
    /// # Errors
    /// [`Error::InvalidValue`] if the value is not above zero or not in US dollars (the
    /// currency of the HTS's specific rates).
    ///
    /// # Example
    /// ```
    /// use landed_cost::{tariff::{RatesOptions, TariffBook}, CountryCode};
    /// let book = TariffBook::embedded();
    /// let (hs, date) = ("0402.29.50.00".parse()?, "2025-01-15".parse()?); // "$1.104/kg + 14.9%"
    /// assert_eq!(book.rates(&hs, CountryCode::VN, date)?.total(), None);
    /// let per_kg = RatesOptions::new().unit_value("11.04 USD".parse()?)?;
    /// let rates = book.rates_with(&hs, CountryCode::VN, date, &per_kg)?;
    /// assert_eq!(rates.total().map(|r| r.to_string()), Some("24.9%".into())); // 10% + 14.9%
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn unit_value(mut self, value: Money) -> Result<RatesOptions<'c>> {
        if value.amount() <= Decimal::ZERO || value.currency() != crate::Currency::USD {
            return Err(Error::invalid(
                "unit value",
                format!("{value} is not a positive amount in USD; give the customs value of one unit in USD"),
            ));
        }
        self.unit_value = Some(value);
        Ok(self)
    }

    /// Whether the goods are a low-value shipment that takes the de minimis exemption where the
    /// origin's goods still have it on the date (then no duty is due); `false` by default.
    ///
    /// # Example
    /// ```
    /// use landed_cost::{tariff::{RatesOptions, TariffBook}, CountryCode};
    /// let book = TariffBook::embedded();
    /// let small = RatesOptions::new().de_minimis(true);
    /// let hs = "6402.99.90".parse()?;
    /// let early = book.rates_with(&hs, CountryCode::VN, "2025-03-01".parse()?, &small)?;
    /// assert!(early.de_minimis() && early.entries().is_empty());
    /// let late = book.rates_with(&hs, CountryCode::VN, "2025-09-15".parse()?, &small)?;
    /// assert!(!late.de_minimis()); // suspended for every origin from 29 August 2025
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub const fn de_minimis(mut self, de_minimis: bool) -> RatesOptions<'c> {
        self.de_minimis = de_minimis;
        self
    }

    /// Whether de minimis is asked for.
    pub(crate) const fn wants_de_minimis(&self) -> bool {
        self.de_minimis
    }
}

/// One duty in [`Rates`]: the MFN rate or an additional measure's, with its heading, base and
/// its rate on the customs value where one can be given.
///
/// # Example
/// ```
/// use landed_cost::{tariff::{Authority, TariffBook}, CountryCode};
/// let rates = TariffBook::embedded().rates(&"6402.99.90".parse()?, CountryCode::VN, "2025-09-10".parse()?)?;
/// let reciprocal = &rates.entries()[1];
/// assert_eq!((reciprocal.authority, reciprocal.heading.to_string()), (Authority::IeepaReciprocal, "9903.02.69".into()));
/// assert_eq!(reciprocal.ad_valorem.map(|r| r.to_string()).as_deref(), Some("20%"));
/// assert!(reciprocal.measure.is_some() && reciprocal.floor.is_none() && reciprocal.share == 1.into());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct RateEntry<'a> {
    /// The authority.
    pub authority: Authority,
    /// The heading declared (the HTS line itself for MFN).
    pub heading: HsCode,
    /// The rate as the HTS or the measure writes it, exact (specific and compound rates too).
    pub rate: &'a DutyRate,
    /// What the rate applies to.
    pub base: Base,
    /// The floor the duty tops the total with the MFN duty up to, for a floor measure.
    pub floor: Option<Floor>,
    /// The share of the customs value the base is under the options (1 for the full value; the
    /// metal share for a metal-content duty).
    pub share: Decimal,
    /// The duty as a rate on the customs value: the ad valorem rate (a floor's top-up, or the
    /// ad valorem equivalent at the options' unit value) times the share. `None` for a specific
    /// or compound rate without a unit value, or a rate that is not a formula.
    pub ad_valorem: Option<Rate>,
    /// The measure (`None` for the MFN duty).
    pub measure: Option<&'a Arc<Measure>>,
}

/// The US rates on a product of an origin entered on a date ([`TariffBook::rates`]).
///
/// # Example
/// ```
/// use landed_cost::{tariff::{Authority, TariffBook}, CountryCode};
/// let rates = TariffBook::embedded().rates(&"6402.99.90".parse()?, CountryCode::VN, "2025-09-10".parse()?)?;
/// assert_eq!(rates.entries().len(), 2); // MFN and the country rate of Viet Nam
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone)]
pub struct Rates<'a> {
    line: &'a HtsLine,
    edition: &'a Edition,
    entries: SmallVec<[RateEntry<'a>; 6]>,
    warnings: SmallVec<[WarningCode; 4]>,
    de_minimis: bool,
    total: Option<Rate>,
}

impl<'a> Rates<'a> {
    /// The HTS line used.
    ///
    /// # Example
    /// ```
    /// use landed_cost::{tariff::{Authority, TariffBook}, CountryCode};
    /// let rates = TariffBook::embedded().rates(&"6402.99.90".parse()?, CountryCode::VN, "2025-09-10".parse()?)?;
    /// assert_eq!(rates.line().code().to_string(), "6402.99.90");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn line(&self) -> &'a HtsLine {
        self.line
    }

    /// The HTS edition in force on the date.
    ///
    /// # Example
    /// ```
    /// use landed_cost::{tariff::{Authority, TariffBook}, CountryCode};
    /// let rates = TariffBook::embedded().rates(&"6402.99.90".parse()?, CountryCode::VN, "2025-09-10".parse()?)?;
    /// assert_eq!(rates.edition().name(), "2025 revision 22");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn edition(&self) -> &'a Edition {
        self.edition
    }

    /// The MFN duty first, then each additional measure that applies, by authority (MFN,
    /// Section 301, Section 232, IEEPA fentanyl, IEEPA reciprocal, Section 122, ...), then in
    /// the order of the data. Empty when the de minimis exemption applies.
    ///
    /// # Example
    /// ```
    /// use landed_cost::{tariff::{Authority, TariffBook}, CountryCode};
    /// let rates = TariffBook::embedded().rates(&"6402.99.90".parse()?, CountryCode::VN, "2025-09-10".parse()?)?;
    /// let authorities: Vec<Authority> = rates.entries().iter().map(|e| e.authority).collect();
    /// assert_eq!(authorities, [Authority::Mfn, Authority::IeepaReciprocal]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn entries(&self) -> &[RateEntry<'a>] {
        &self.entries
    }

    /// The MFN entry (absent only under de minimis).
    ///
    /// # Example
    /// ```
    /// use landed_cost::{tariff::{Authority, TariffBook}, CountryCode};
    /// let rates = TariffBook::embedded().rates(&"6402.99.90".parse()?, CountryCode::VN, "2025-09-10".parse()?)?;
    /// assert_eq!(rates.mfn().map(|m| m.rate.to_string()).as_deref(), Some("20%"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn mfn(&self) -> Option<&RateEntry<'a>> {
        self.entries
            .first()
            .filter(|e| e.authority == Authority::Mfn)
    }

    /// The rate on the customs value of the duties of `authority`: zero where none applies,
    /// `None` where one has no ad valorem form (see [`RateEntry::ad_valorem`]).
    ///
    /// # Example
    /// ```
    /// use landed_cost::{tariff::{Authority, TariffBook}, CountryCode};
    /// let rates = TariffBook::embedded().rates(&"6402.99.90".parse()?, CountryCode::VN, "2025-09-10".parse()?)?;
    /// assert_eq!(rates.of(Authority::IeepaReciprocal).map(|r| r.to_string()).as_deref(), Some("20%"));
    /// assert_eq!(rates.of(Authority::Section301).map(|r| r.to_string()).as_deref(), Some("0%"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn of(&self, authority: Authority) -> Option<Rate> {
        self.entries
            .iter()
            .filter(|e| e.authority == authority)
            .try_fold(Rate::ZERO, |sum, e| sum.checked_add(e.ad_valorem?).ok())
    }

    /// The total rate on the customs value, MFN included, where every entry has an ad valorem
    /// form; zero under de minimis.
    ///
    /// # Example
    /// ```
    /// use landed_cost::{tariff::{Authority, TariffBook}, CountryCode};
    /// let rates = TariffBook::embedded().rates(&"6402.99.90".parse()?, CountryCode::VN, "2025-09-10".parse()?)?;
    /// assert_eq!(rates.total().map(|r| r.to_string()).as_deref(), Some("40%"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn total(&self) -> Option<Rate> {
        self.total
    }

    /// Whether the de minimis exemption applies (only when the options ask for it).
    ///
    /// # Example
    /// ```
    /// use landed_cost::{tariff::{Authority, TariffBook}, CountryCode};
    /// let rates = TariffBook::embedded().rates(&"6402.99.90".parse()?, CountryCode::VN, "2025-09-10".parse()?)?;
    /// assert!(!rates.de_minimis()); // not asked for
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn de_minimis(&self) -> bool {
        self.de_minimis
    }

    /// The codes of the warnings [`TariffBook::applicable`] gives for the same question
    /// (assumptions and gaps the caller should know of; ask it for their messages), each once,
    /// in the order found.
    ///
    /// # Example
    /// ```
    /// use landed_cost::{tariff::{Authority, TariffBook}, CountryCode};
    /// let rates = TariffBook::embedded().rates(&"6402.99.90".parse()?, CountryCode::VN, "2025-09-10".parse()?)?;
    /// assert!(rates.warnings().is_empty());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn warnings(&self) -> &[WarningCode] {
        &self.warnings
    }

    /// The duty, exact (not rounded), on goods of `customs_value` (USD) and, for a specific
    /// rate, `quantity`: each entry's rate on its share of the value; a floor measure tops the
    /// total with the MFN duty up to the floor.
    ///
    /// # Errors
    /// [`Error::MissingQuantity`] for a specific rate without the quantity in its unit;
    /// [`Error::RateNotComputable`] for a rate that is not a formula; [`Error::InvalidValue`]
    /// for a negative value; [`Error::CurrencyMismatch`] for a value not in USD;
    /// [`Error::Overflow`] if an amount leaves the decimal range.
    ///
    /// # Example
    /// ```
    /// use landed_cost::{tariff::TariffBook, CountryCode};
    /// let rates = TariffBook::embedded().rates(&"6402.99.90".parse()?, CountryCode::VN, "2025-09-10".parse()?)?;
    /// assert_eq!(rates.duty("10000 USD".parse()?, None)?, "4000 USD".parse()?); // 20% + 20%
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn duty(&self, customs_value: Money, quantity: Option<Quantity>) -> Result<Money> {
        let currency = customs_value.currency();
        let value = customs_value.amount();
        let mut total = Money::zero(currency);
        let mut mfn_duty = None;
        for e in &self.entries {
            let base_value = value
                .checked_mul(e.share)
                .ok_or_else(|| Error::overflow("value × share"))?;
            let duty = match e.floor {
                Some(floor) => {
                    let mfn_rate = match (self.mfn().and_then(|m| m.ad_valorem), mfn_duty) {
                        (Some(r), _) => r,
                        (None, Some(d)) if !value.is_zero() => Rate::from_fraction(
                            Money::amount(d)
                                .checked_div(value)
                                .ok_or_else(|| Error::overflow("MFN duty ÷ value"))?,
                        )?,
                        _ => Rate::ZERO,
                    };
                    Money::new(floor.additional(mfn_rate).apply(base_value)?, currency)
                }
                None => {
                    let mut base = DutyBase::new(Money::new(base_value, currency));
                    if let Some(q) = quantity {
                        base = base.with_quantity(q);
                    }
                    e.rate.duty(&base)?
                }
            };
            if e.authority == Authority::Mfn {
                mfn_duty = Some(duty);
            }
            total = total.checked_add(duty)?;
        }
        Ok(total)
    }
}

/// Notes that keep only the warnings' codes, each once: no message is built.
#[derive(Default)]
struct Codes(SmallVec<[WarningCode; 4]>);

impl<'a> Notes<'a> for Codes {
    fn exclude(&mut self, _excluded: Excluded<'a>) {}
    fn warn(&mut self, code: WarningCode, _warning: impl FnOnce() -> crate::warning::Warning) {
        if !self.0.contains(&code) {
            self.0.push(code);
        }
    }
}

/// The unit a rate's specific components charge per, if they all charge per one unit (`None`
/// for a rate with no specific part too).
fn specific_unit(rate: &DutyRate) -> std::result::Result<Option<Unit>, ()> {
    let mut unit = None;
    let all = rate
        .terms()
        .iter()
        .chain(rate.minimum().unwrap_or(&[]))
        .chain(rate.maximum().unwrap_or(&[]));
    for c in all {
        if let Component::Specific(s) = c {
            match unit {
                None => unit = Some(s.unit()),
                Some(u) if u == s.unit() => {}
                Some(_) => return Err(()),
            }
        }
    }
    Ok(unit)
}

/// A rate's ad valorem form: the rate itself where it is one, else its equivalent at the unit
/// value.
fn ad_valorem_of(rate: &DutyRate, unit_value: Option<Money>) -> Option<Rate> {
    if let Some(r) = rate.ad_valorem_rate() {
        return Some(r);
    }
    let value = unit_value?;
    if !rate.is_computable() {
        return None;
    }
    let mut base = DutyBase::new(value);
    if let Some(unit) = specific_unit(rate).ok()? {
        base = base.with_quantity(Quantity::new(Decimal::ONE, unit));
    }
    let duty = rate.duty(&base).ok()?;
    Rate::from_fraction(duty.amount().checked_div(value.amount())?).ok()
}

/// `a + b`, exact, or `None` where the sum would be rounded or overflow. Rates from the data
/// have few decimal places: two fractions of at most 14 places whose mantissas are below
/// 10^14 align to mantissas below 10^28 < 2^96, so their sum is exact without the general
/// check ([`Rate::checked_add`]'s), which the other cases still take.
fn add_fractions(a: Decimal, b: Decimal) -> Option<Decimal> {
    const PLACES: u32 = 14;
    const BOUND: u128 = 100_000_000_000_000; // 10^14
    if b.is_zero() {
        return Some(a);
    }
    if a.is_zero() {
        return Some(b);
    }
    let small = |d: Decimal| d.scale() <= PLACES && d.mantissa().unsigned_abs() < BOUND;
    if small(a) && small(b) {
        return a.checked_add(b);
    }
    crate::money::exact::add_exact(a, b, "rate addition").ok()
}

fn times(rate: Rate, share: Decimal) -> Option<Rate> {
    // The whole value (1, as the shares are written: no comparison of decimals).
    if share.mantissa() == 1 && share.scale() == 0 {
        return Some(rate);
    }
    Rate::from_fraction(rate.fraction().checked_mul(share)?).ok()
}

impl TariffBook {
    /// The US rates on goods classified under `hs`, of `origin`, entered on `date`, with no
    /// shipment: the MFN rate of the HTS edition in force and each additional measure's rate by
    /// authority, with its heading, under the defaults of [`RatesOptions::new`] (no claims, no
    /// metal or US content, no de minimis, not in transit, no unit value).
    ///
    /// Specific and compound rates stay exact [`DutyRate`] expressions; their ad valorem
    /// equivalent needs a unit value ([`RatesOptions::unit_value`]).
    ///
    /// # Errors
    /// As [`TariffBook::applicable`]: [`Error::NoTariffEdition`] or [`Error::NotInTariff`] if
    /// the code is not in the edition in force; [`Error::Parse`] if its MFN text cannot be read.
    ///
    /// # Example
    /// ```
    /// use landed_cost::{tariff::{Authority, TariffBook}, CountryCode};
    /// let book = TariffBook::embedded();
    /// let rates = book.rates(&"6402.99.90".parse()?, CountryCode::CN, "2025-04-15".parse()?)?;
    /// let text = |a| rates.of(a).map(|r| r.to_string());
    /// assert_eq!(text(Authority::Mfn).as_deref(), Some("20%"));
    /// assert_eq!(text(Authority::Section301).as_deref(), Some("7.5%"));
    /// assert_eq!(text(Authority::IeepaReciprocal).as_deref(), Some("125%"));
    /// assert_eq!(rates.total().map(|r| r.to_string()).as_deref(), Some("172.5%"));
    /// let headings: Vec<String> = rates.entries().iter().map(|e| e.heading.to_string()).collect();
    /// assert_eq!(headings, ["6402.99.90", "9903.88.15", "9903.01.24", "9903.01.63"]);
    /// assert_eq!(rates.mfn().map(|m| m.rate.to_string()).as_deref(), Some("20%"));
    /// assert_eq!(rates.edition().name(), "2025 revision 12");
    /// assert!(rates.warnings().is_empty() && !rates.de_minimis());
    /// assert_eq!(rates.line().code().to_string(), "6402.99.90");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn rates(&self, hs: &HsCode, origin: CountryCode, date: NaiveDate) -> Result<Rates<'_>> {
        self.rates_with(hs, origin, date, &RatesOptions::new())
    }

    /// As [`TariffBook::rates`], under other [`RatesOptions`].
    ///
    /// # Errors
    /// As [`TariffBook::rates`].
    ///
    /// # Example
    /// ```
    /// use landed_cost::{tariff::{RatesOptions, TariffBook}, CountryCode};
    /// let options = RatesOptions::new().de_minimis(true);
    /// let rates = TariffBook::embedded().rates_with(&"6402.99.90".parse()?, CountryCode::VN, "2025-09-10".parse()?, &options)?;
    /// assert_eq!(rates.total().map(|r| r.to_string()).as_deref(), Some("40%")); // no de minimis after 29 August 2025
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn rates_with(
        &self,
        hs: &HsCode,
        origin: CountryCode,
        date: NaiveDate,
        options: &RatesOptions<'_>,
    ) -> Result<Rates<'_>> {
        let mut applied: SmallVec<[Applied<'_>; 8]> = SmallVec::new();
        let mut codes = Codes::default();
        let (line, edition) = self.applicable_noted(
            hs,
            origin,
            date,
            options.loaded,
            options.claims,
            &mut applied,
            &mut codes,
        )?;
        let mut found_warnings = codes.0;
        if date > self.horizon() {
            found_warnings.push(WarningCode::RulesKnownThrough);
        }
        if options.de_minimis && self.us_rules().de_minimis(origin, date).is_some() {
            return Ok(Rates {
                line,
                edition,
                entries: SmallVec::new(),
                warnings: found_warnings,
                de_minimis: true,
                total: Some(Rate::ZERO),
            });
        }
        Ok(self.rates_of(line, edition, &applied, found_warnings, options))
    }

    /// Turns what applies into rates under the options.
    fn rates_of<'a>(
        &self,
        line: &'a HtsLine,
        edition: &'a Edition,
        applied: &[Applied<'a>],
        warnings: SmallVec<[WarningCode; 4]>,
        options: &RatesOptions<'_>,
    ) -> Rates<'a> {
        let mfn_ave = applied
            .first()
            .and_then(|a| ad_valorem_of(a.rate, options.unit_value));
        let mut metal_charged = Decimal::ZERO;
        let mut entries: SmallVec<[RateEntry<'a>; 6]> = SmallVec::new();
        // The fractions' sum, made a rate (normalized, checked) once at the end.
        let mut total = Some(Decimal::ZERO);
        for a in applied {
            let mut share = match a.base {
                Base::MetalContent(metal) => {
                    let s = options
                        .metal
                        .get(metal_index(metal))
                        .copied()
                        .unwrap_or_default();
                    metal_charged = metal_charged.saturating_add(s);
                    s
                }
                Base::NonMetalValue => (Decimal::ONE - metal_charged).max(Decimal::ZERO),
                _ => Decimal::ONE,
            };
            if let Some(threshold) = a.us_content_threshold {
                if !options.us_content.is_zero() && options.us_content >= threshold.fraction() {
                    share = (share - options.us_content).max(Decimal::ZERO);
                }
            }
            let own = match a.floor {
                Some(floor) => mfn_ave.map(|m| floor.additional(m)),
                None => ad_valorem_of(a.rate, options.unit_value),
            };
            let ad_valorem = own.and_then(|r| times(r, share));
            total = match (total, ad_valorem) {
                (Some(t), Some(r)) => add_fractions(t, r.fraction()),
                _ => None,
            };
            entries.push(RateEntry {
                authority: a.authority,
                heading: a.heading,
                rate: a.rate,
                base: a.base,
                floor: a.floor,
                share,
                ad_valorem,
                measure: a.measure,
            });
        }
        Rates {
            line,
            edition,
            entries,
            warnings,
            de_minimis: false,
            total: total.and_then(|t| Rate::from_fraction(t).ok()),
        }
    }
}

#[cfg(all(test, feature = "embedded-data"))]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]
    use super::*;

    fn date(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    /// The rates agree with what applies: the same headings in the same order, each ad valorem
    /// rate as `Applied::additional_rate` gives it.
    #[test]
    fn rates_follow_what_applies() {
        let book = TariffBook::embedded();
        let origins = ["CN", "VN", "DE", "CA", "MX", "BR", "IN", "GB", "JP", "CH"];
        let dates = [
            "2025-01-15",
            "2025-03-10",
            "2025-04-15",
            "2025-09-10",
            "2026-03-01",
        ];
        let mut checked = 0;
        for line in book.hts().editions()[0].schedule().iter().step_by(97) {
            let hs = line.code();
            for o in origins {
                for d in dates {
                    let origin: CountryCode = o.parse().unwrap();
                    let Ok(what) = book.applicable(&hs, origin, date(d), None) else {
                        assert!(book.rates(&hs, origin, date(d)).is_err());
                        continue;
                    };
                    let rates = book.rates(&hs, origin, date(d)).unwrap();
                    let mfn = what.applied[0].rate.ad_valorem_rate();
                    assert_eq!(rates.entries().len(), what.applied.len());
                    for (e, a) in rates.entries().iter().zip(&what.applied) {
                        assert_eq!((e.authority, e.heading), (a.authority, a.heading));
                        let expected = match a.base {
                            Base::MetalContent(_) => Some(Rate::ZERO),
                            _ => match a.floor {
                                Some(f) => mfn.map(|m| f.additional(m)),
                                None => a.rate.ad_valorem_rate(),
                            },
                        };
                        assert_eq!(e.ad_valorem, expected, "{hs} {o} {d} {}", a.heading);
                    }
                    checked += 1;
                }
            }
        }
        assert!(checked > 1000, "{checked}");
    }

    #[test]
    fn metal_shares_split_the_value() {
        let book = TariffBook::embedded();
        // A steel derivative of chapter 73 from Germany in September 2025: 50% on the steel
        // content, the reciprocal duty on the rest.
        let hs: HsCode = "7326.90.86.88".parse().unwrap();
        let de: CountryCode = "DE".parse().unwrap();
        let d = date("2025-09-10");
        let none = book.rates(&hs, de, d).unwrap();
        let options = RatesOptions::new()
            .metal_share(Metal::Steel, "40%".parse().unwrap())
            .unwrap();
        let some = book.rates_with(&hs, de, d, &options).unwrap();
        let s232 = some.of(Authority::Section232).unwrap();
        assert_eq!(s232.to_string(), "20%"); // 50% × 40%
        assert_eq!(none.of(Authority::Section232), Some(Rate::ZERO));
        let duty = some.duty("1000 USD".parse().unwrap(), None).unwrap();
        let total = some.total().unwrap();
        assert_eq!(duty.amount(), total.apply(Decimal::from(1000)).unwrap());
    }

    #[test]
    fn option_errors_say_what_is_wrong() {
        let too_much = RatesOptions::new()
            .metal_share(Metal::Steel, "70%".parse().unwrap())
            .unwrap()
            .metal_share(Metal::Copper, "40%".parse().unwrap());
        assert!(too_much.unwrap_err().to_string().contains("at most 100%"));
        assert!(RatesOptions::new()
            .unit_value("0 USD".parse().unwrap())
            .is_err());
        assert!(RatesOptions::new()
            .unit_value("5 EUR".parse().unwrap())
            .is_err());
    }

    #[test]
    fn a_specific_rate_needs_a_quantity_for_its_duty() {
        let book = TariffBook::embedded();
        let hs: HsCode = "0402.29.50.00".parse().unwrap(); // "$1.104/kg + 14.9%"
        let rates = book
            .rates(&hs, CountryCode::VN, date("2025-01-15"))
            .unwrap();
        assert_eq!(rates.of(Authority::Mfn), None);
        let err = rates.duty("100 USD".parse().unwrap(), None).unwrap_err();
        assert!(matches!(err, Error::MissingQuantity { .. }), "{err}");
        let kg = Quantity::new(Decimal::TEN, "KG".parse().unwrap());
        let duty = rates.duty("100 USD".parse().unwrap(), Some(kg)).unwrap();
        assert_eq!(duty, "25.94 USD".parse().unwrap()); // 10 × $1.104 + 14.9% × $100
    }
}

#[cfg(test)]
mod sum_laws {
    #![allow(clippy::unwrap_used)]
    use proptest::prelude::*;
    use rust_decimal::Decimal;

    use super::add_fractions;

    proptest! {
        /// The fast sum of two fractions is the exact sum, and refuses what the exact sum
        /// refuses.
        #[test]
        fn fast_sum_is_the_exact_sum(a in any::<i64>(), sa in 0u32..=28, b in any::<i64>(), sb in 0u32..=28) {
            let (a, b) = (Decimal::new(a, sa), Decimal::new(b, sb));
            let exact = crate::money::exact::add_exact(a, b, "test").ok();
            prop_assert_eq!(add_fractions(a, b), exact);
        }

        /// Small rates (what the data holds) take the fast path and agree with the exact sum.
        #[test]
        fn small_rates_sum_exactly(a in 0i64..10_000_000, sa in 0u32..=6, b in 0i64..10_000_000, sb in 0u32..=6) {
            let (a, b) = (Decimal::new(a, sa), Decimal::new(b, sb));
            prop_assert_eq!(add_fractions(a, b), crate::money::exact::add_exact(a, b, "test").ok());
        }
    }
}
