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
use crate::tariff::measure::{Authority, Base, Floor, Measure};
use crate::tariff::Excluded;
use crate::tariff::{Applied, Component, DutyBase, DutyRate, TariffBook};
use crate::warning::WarningCode;

mod options;

use options::metal_index;
pub use options::RatesOptions;

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

    /// The MFN entry (absent under de minimis, and for goods of a country of general note 3(b),
    /// which pay the column 2 rate instead: see [`Rates::line_rate`]).
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

    /// The entry of the HTS line's own rate: the MFN rate, or the column 2 rate for goods of a
    /// country of general note 3(b) (absent only under de minimis).
    ///
    /// # Example
    /// ```
    /// use landed_cost::{tariff::{Authority, TariffBook}, CountryCode};
    /// // Wooden furniture: free under column 1, 40% under column 2 for goods of Russia.
    /// let rates = TariffBook::embedded().rates(&"9403.60.80".parse()?, CountryCode::RU, "2025-09-10".parse()?)?;
    /// let line = rates.line_rate().ok_or("no line rate")?;
    /// assert_eq!((line.authority, line.rate.to_string()), (Authority::Column2, "40%".into()));
    /// assert!(rates.mfn().is_none());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn line_rate(&self) -> Option<&RateEntry<'a>> {
        self.entries.first().filter(|e| e.authority.is_line_rate())
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
                    let mfn_rate = match (self.line_rate().and_then(|m| m.ad_valorem), mfn_duty) {
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
            if e.authority.is_line_rate() {
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
        if self.us_rules().import_prohibition(origin, date).is_some() {
            found_warnings.push(WarningCode::ImportProhibited);
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

#[cfg(test)]
mod tests;
