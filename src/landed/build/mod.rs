//! Building a [`Shipment`] in code: [`ShipmentBuilder`] and [`LineBuilder`], from typed values.
//!
//! Amounts are [`Money`]: the shipment's currency is the first line's, and every other amount
//! must be in it. [`ShipmentBuilder::build`] checks what a quote of a deserialized shipment
//! checks (at least one line, no negative amount) so a built shipment fails early, with the same
//! errors.

use chrono::NaiveDate;
use rust_decimal::Decimal;

use crate::country::CountryCode;
use crate::error::{Error, Result};
use crate::landed::shipment::{
    AllocationBasis, Consignee, Incoterm, Line, Mode, PostalDutyMethod, Shipment,
};
use crate::money::{Currency, Money};

/// Builds a [`Shipment`] from typed values ([`Shipment::builder`]).
///
/// # Example
/// The builder gives the shipment the JSON gives, and the same quote:
/// ```
/// use landed_cost::landed::{Line, Mode, Shipment};
/// use landed_cost::{CountryCode, Quantity, TariffBook, Unit};
/// use rust_decimal::Decimal;
///
/// let built = Shipment::builder(CountryCode::US, CountryCode::CN, Mode::Ocean)
///     .export_date("2026-11-10".parse()?)
///     .entry_date("2026-11-30".parse()?)
///     .freight("1200.00 USD".parse()?)
///     .insurance("60.00 USD".parse()?)
///     .line(
///         Line::builder("6402.99.90".parse()?, "9000.00 USD".parse()?)
///             .description("rubber-soled sneakers")
///             .quantity(Quantity::new(Decimal::from(450), Unit::Pair)),
///     )
///     .build()?;
///
/// let json: Shipment = serde_json::from_str(r#"{ "importer": "US", "origin": "CN", "mode": "ocean",
///   "export_date": "2026-11-10", "entry_date": "2026-11-30", "currency": "USD",
///   "freight": "1200.00", "insurance": "60.00",
///   "lines": [ { "hts": "6402.99.90", "description": "rubber-soled sneakers", "value": "9000.00",
///                "quantities": [ { "amount": "450", "unit": "PRS" } ] } ] }"#)?;
/// assert_eq!(built, json);
///
/// let book = TariffBook::embedded();
/// let quote = book.quote(&built)?;
/// assert_eq!(quote, book.quote(&json)?);
/// assert_eq!(quote.fees[0].amount.to_string(), "34.58"); // the FY2027 MPF minimum
/// assert_eq!(quote.fees[1].amount.to_string(), "11.25"); // HMF 0.125% of $9000
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
#[must_use]
pub struct ShipmentBuilder {
    importer: CountryCode,
    origin: CountryCode,
    mode: Mode,
    export_date: Option<NaiveDate>,
    entry_date: Option<NaiveDate>,
    loaded_date: Option<NaiveDate>,
    incoterm: Incoterm,
    freight: Option<Money>,
    insurance: Option<Money>,
    postal_duty_method: Option<PostalDutyMethod>,
    consignee: Consignee,
    allocate_by: AllocationBasis,
    shipped_from: Option<CountryCode>,
    postal_items: Option<u32>,
    lines: Vec<LineBuilder>,
}

mod line;
pub use line::LineBuilder;

impl Shipment {
    /// A builder for a shipment into `importer` of goods of `origin` travelling by `mode`; set
    /// the dates and add lines, then [`ShipmentBuilder::build`].
    ///
    /// # Example
    /// ```
    /// use landed_cost::{landed::{Line, Mode, Shipment}, CountryCode};
    /// let s = Shipment::builder(CountryCode::US, CountryCode::CN, Mode::Ocean)
    ///     .export_date("2025-06-01".parse()?)
    ///     .entry_date("2025-06-20".parse()?)
    ///     .line(Line::builder("6402.99.90".parse()?, "10000 USD".parse()?))
    ///     .build()?;
    /// assert_eq!((s.importer, s.origin, s.mode), (CountryCode::US, CountryCode::CN, Mode::Ocean));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn builder(importer: CountryCode, origin: CountryCode, mode: Mode) -> ShipmentBuilder {
        ShipmentBuilder {
            importer,
            origin,
            mode,
            export_date: None,
            entry_date: None,
            loaded_date: None,
            incoterm: Incoterm::default(),
            freight: None,
            insurance: None,
            postal_duty_method: None,
            consignee: Consignee::default(),
            allocate_by: AllocationBasis::default(),
            shipped_from: None,
            postal_items: None,
            lines: Vec::new(),
        }
    }
}

impl ShipmentBuilder {
    /// The date of exportation (governs the currency conversion). Required.
    ///
    /// # Example
    /// ```
    /// use landed_cost::{landed::{Line, Mode, Shipment}, CountryCode};
    /// let s = Shipment::builder(CountryCode::US, CountryCode::CN, Mode::Ocean)
    ///     .export_date("2025-06-01".parse()?)
    ///     .entry_date("2025-06-20".parse()?)
    ///     .line(Line::builder("6402.99.90".parse()?, "10000 USD".parse()?))
    ///     .build()?;
    /// assert_eq!(s.export_date.to_string(), "2025-06-01");
    /// // Without it the shipment is an error that names the field.
    /// let e = Shipment::builder(CountryCode::US, CountryCode::CN, Mode::Ocean)
    ///     .entry_date("2025-06-20".parse()?)
    ///     .line(Line::builder("6402.99.90".parse()?, "10000 USD".parse()?))
    ///     .build();
    /// assert!(e.is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn export_date(mut self, date: NaiveDate) -> ShipmentBuilder {
        self.export_date = Some(date);
        self
    }

    /// The date of entry (governs the duties). Required.
    ///
    /// # Example
    /// ```
    /// use landed_cost::{landed::{Line, Mode, Shipment}, CountryCode};
    /// let s = Shipment::builder(CountryCode::US, CountryCode::CN, Mode::Ocean)
    ///     .export_date("2025-06-01".parse()?)
    ///     .entry_date("2025-06-20".parse()?)
    ///     .line(Line::builder("6402.99.90".parse()?, "10000 USD".parse()?))
    ///     .build()?;
    /// assert_eq!(s.entry_date.to_string(), "2025-06-20");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn entry_date(mut self, date: NaiveDate) -> ShipmentBuilder {
        self.entry_date = Some(date);
        self
    }

    /// The date of loading on the final conveyance (the in-transit rules).
    ///
    /// # Example
    /// ```
    /// use landed_cost::{landed::{Line, Mode, Shipment}, CountryCode};
    /// let s = Shipment::builder(CountryCode::US, CountryCode::CN, Mode::Ocean)
    ///     .export_date("2025-04-01".parse()?).entry_date("2025-04-20".parse()?)
    ///     .loaded_date("2025-04-01".parse()?)
    ///     .line(Line::builder("6402.99.90".parse()?, "10000 USD".parse()?))
    ///     .build()?;
    /// assert_eq!(s.loaded_date.map(|d| d.to_string()), Some("2025-04-01".into()));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn loaded_date(mut self, date: NaiveDate) -> ShipmentBuilder {
        self.loaded_date = Some(date);
        self
    }

    /// The Incoterms rule of the sale (FOB unless set).
    ///
    /// # Example
    /// ```
    /// use landed_cost::{landed::{Incoterm, Line, Mode, Shipment}, CountryCode};
    /// let s = Shipment::builder(CountryCode::US, CountryCode::CN, Mode::Air)
    ///     .export_date("2025-06-01".parse()?).entry_date("2025-06-03".parse()?)
    ///     .incoterm(Incoterm::Cif)
    ///     .line(Line::builder("6402.99.90".parse()?, "10000 USD".parse()?))
    ///     .build()?;
    /// assert_eq!(s.incoterm, Incoterm::Cif);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn incoterm(mut self, incoterm: Incoterm) -> ShipmentBuilder {
        self.incoterm = incoterm;
        self
    }

    /// The international freight.
    ///
    /// # Example
    /// ```
    /// use landed_cost::{landed::{Line, Mode, Shipment}, CountryCode};
    /// let s = Shipment::builder(CountryCode::US, CountryCode::CN, Mode::Ocean)
    ///     .export_date("2025-06-01".parse()?)
    ///     .entry_date("2025-06-20".parse()?)
    ///     .freight("1200.00 USD".parse()?)
    ///     .line(Line::builder("6402.99.90".parse()?, "10000 USD".parse()?))
    ///     .build()?;
    /// assert_eq!(s.freight.to_string(), "1200.00");
    /// // Every amount is in the first line's currency.
    /// let e = Shipment::builder(CountryCode::US, CountryCode::CN, Mode::Ocean)
    ///     .export_date("2025-06-01".parse()?)
    ///     .entry_date("2025-06-20".parse()?)
    ///     .freight("1200.00 EUR".parse()?)
    ///     .line(Line::builder("6402.99.90".parse()?, "10000 USD".parse()?))
    ///     .build();
    /// assert!(e.is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn freight(mut self, freight: Money) -> ShipmentBuilder {
        self.freight = Some(freight);
        self
    }

    /// The insurance.
    ///
    /// # Example
    /// ```
    /// use landed_cost::{landed::{Line, Mode, Shipment}, CountryCode};
    /// let s = Shipment::builder(CountryCode::US, CountryCode::CN, Mode::Ocean)
    ///     .export_date("2025-06-01".parse()?)
    ///     .entry_date("2025-06-20".parse()?)
    ///     .insurance("60.00 USD".parse()?)
    ///     .line(Line::builder("6402.99.90".parse()?, "10000 USD".parse()?))
    ///     .build()?;
    /// assert_eq!(s.insurance.to_string(), "60.00");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn insurance(mut self, insurance: Money) -> ShipmentBuilder {
        self.insurance = Some(insurance);
        self
    }

    /// The carrier's method under the US postal regimes.
    ///
    /// # Example
    /// ```
    /// use landed_cost::{landed::{Line, Mode, PostalDutyMethod, Shipment}, CountryCode};
    /// let s = Shipment::builder(CountryCode::US, CountryCode::CN, Mode::Postal)
    ///     .export_date("2025-06-01".parse()?).entry_date("2025-06-05".parse()?)
    ///     .postal_duty_method(PostalDutyMethod::PerItem).postal_items(2)
    ///     .line(Line::builder("6109.10.00".parse()?, "60 USD".parse()?))
    ///     .build()?;
    /// assert_eq!((s.postal_duty_method, s.postal_items), (Some(PostalDutyMethod::PerItem), Some(2)));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn postal_duty_method(mut self, method: PostalDutyMethod) -> ShipmentBuilder {
        self.postal_duty_method = Some(method);
        self
    }

    /// The number of postal items (parcels) in a postal shipment.
    ///
    /// # Example
    /// ```
    /// use landed_cost::{landed::{Line, Mode, PostalDutyMethod, Shipment}, CountryCode};
    /// let s = Shipment::builder(CountryCode::US, CountryCode::CN, Mode::Postal)
    ///     .export_date("2025-06-01".parse()?).entry_date("2025-06-05".parse()?)
    ///     .postal_duty_method(PostalDutyMethod::PerItem)
    ///     .postal_items(3)
    ///     .line(Line::builder("6109.10.00".parse()?, "90 USD".parse()?))
    ///     .build()?;
    /// assert_eq!(s.postal_items, Some(3));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn postal_items(mut self, items: u32) -> ShipmentBuilder {
        self.postal_items = Some(items);
        self
    }

    /// Who receives the goods (a business unless set).
    ///
    /// # Example
    /// ```
    /// use landed_cost::{landed::{Consignee, Line, Mode, Shipment}, CountryCode};
    /// let s = Shipment::builder("JP".parse()?, CountryCode::CN, Mode::Express)
    ///     .export_date("2025-06-01".parse()?).entry_date("2025-06-03".parse()?)
    ///     .consignee(Consignee::Consumer)
    ///     .line(Line::builder("6109.10".parse()?, "8000 JPY".parse()?))
    ///     .build()?;
    /// assert_eq!(s.consignee, Consignee::Consumer);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn consignee(mut self, consignee: Consignee) -> ShipmentBuilder {
        self.consignee = consignee;
        self
    }

    /// How freight and insurance are shared among the lines (by value unless set).
    ///
    /// # Example
    /// ```
    /// use landed_cost::{landed::{AllocationBasis, Line, Mode, Shipment}, CountryCode};
    /// let s = Shipment::builder(CountryCode::US, CountryCode::CN, Mode::Ocean)
    ///     .export_date("2025-06-01".parse()?).entry_date("2025-06-20".parse()?)
    ///     .allocate_by(AllocationBasis::Weight)
    ///     .line(Line::builder("6402.99.90".parse()?, "10000 USD".parse()?))
    ///     .build()?;
    /// assert_eq!(s.allocate_by, AllocationBasis::Weight);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn allocate_by(mut self, basis: AllocationBasis) -> ShipmentBuilder {
        self.allocate_by = basis;
        self
    }

    /// The country the goods are shipped from, when it is not the origin.
    ///
    /// # Example
    /// ```
    /// use landed_cost::{landed::{Line, Mode, Shipment}, CountryCode};
    /// let s = Shipment::builder("CA".parse()?, CountryCode::CN, Mode::Truck)
    ///     .export_date("2025-06-01".parse()?).entry_date("2025-06-03".parse()?)
    ///     .shipped_from(CountryCode::US)
    ///     .line(Line::builder("6109.10".parse()?, "30 CAD".parse()?).rate(landed_cost::tariff::Authority::Mfn, "18%".parse()?))
    ///     .build()?;
    /// assert_eq!(s.shipped_from, Some(CountryCode::US));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn shipped_from(mut self, country: CountryCode) -> ShipmentBuilder {
        self.shipped_from = Some(country);
        self
    }

    /// Adds a line.
    ///
    /// # Example
    /// ```
    /// use landed_cost::{landed::{Line, Mode, Shipment}, CountryCode};
    /// let s = Shipment::builder(CountryCode::US, CountryCode::CN, Mode::Ocean)
    ///     .export_date("2025-06-01".parse()?)
    ///     .entry_date("2025-06-20".parse()?)
    ///     .line(Line::builder("6402.99.90".parse()?, "10000 USD".parse()?))
    ///     .line(Line::builder("6403.99.90".parse()?, "5000 USD".parse()?))
    ///     .build()?;
    /// assert_eq!(s.lines.len(), 2);
    /// assert_eq!(s.lines[1].hts.to_string(), "6403.99.90");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn line(mut self, line: LineBuilder) -> ShipmentBuilder {
        self.lines.push(line);
        self
    }

    /// The shipment, checked as a quote checks it.
    ///
    /// # Errors
    /// [`Error::NoLines`] without a line; [`Error::InvalidValue`] without an export or entry
    /// date; [`Error::CurrencyMismatch`] for an amount in another currency than the first
    /// line's value; [`Error::NegativeValue`] for a negative value, freight, insurance, metal
    /// content or US content.
    ///
    /// # Example
    /// ```
    /// use landed_cost::{landed::{Line, Mode, Shipment}, CountryCode, Error};
    /// let no_lines = Shipment::builder(CountryCode::US, CountryCode::CN, Mode::Air)
    ///     .export_date("2025-06-01".parse()?).entry_date("2025-06-03".parse()?)
    ///     .build();
    /// assert_eq!(no_lines, Err(Error::NoLines));
    /// let mixed = Shipment::builder(CountryCode::US, CountryCode::CN, Mode::Air)
    ///     .export_date("2025-06-01".parse()?).entry_date("2025-06-03".parse()?)
    ///     .freight("100 EUR".parse()?)
    ///     .line(Line::builder("6402.99.90".parse()?, "1000 USD".parse()?))
    ///     .build();
    /// assert!(matches!(mixed, Err(Error::CurrencyMismatch { .. })));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn build(self) -> Result<Shipment> {
        let currency = self
            .lines
            .first()
            .map(|l| l.value.currency())
            .ok_or(Error::NoLines)?;
        let missing = |what: &'static str, method: &str| {
            Error::invalid(
                "shipment",
                format!("no {what}: set it with ShipmentBuilder::{method}"),
            )
        };
        let export_date = self
            .export_date
            .ok_or_else(|| missing("export date", "export_date"))?;
        let entry_date = self
            .entry_date
            .ok_or_else(|| missing("entry date", "entry_date"))?;
        let amount = |what: &str, money: Money| in_currency(currency, what, money);
        let freight = self
            .freight
            .map(|m| amount("freight", m))
            .transpose()?
            .unwrap_or_default();
        let insurance = self
            .insurance
            .map(|m| amount("insurance", m))
            .transpose()?
            .unwrap_or_default();
        let lines = self
            .lines
            .into_iter()
            .enumerate()
            .map(|(i, l)| l.into_line(currency, i))
            .collect::<Result<Vec<Line>>>()?;
        Ok(Shipment {
            importer: self.importer,
            origin: self.origin,
            mode: self.mode,
            export_date,
            entry_date,
            loaded_date: self.loaded_date,
            currency,
            incoterm: self.incoterm,
            freight,
            insurance,
            postal_duty_method: self.postal_duty_method,
            consignee: self.consignee,
            allocate_by: self.allocate_by,
            shipped_from: self.shipped_from,
            postal_items: self.postal_items,
            lines,
        })
    }
}

/// `money`'s amount, which must be in `currency` and not negative; `what` names it in an error.
fn in_currency(currency: Currency, what: &str, money: Money) -> Result<Decimal> {
    if money.currency() != currency {
        return Err(Error::CurrencyMismatch {
            operation: "build a shipment from",
            left: currency,
            right: money.currency(),
        });
    }
    if money.amount().is_sign_negative() && !money.amount().is_zero() {
        return Err(Error::NegativeValue {
            what: what.to_owned(),
            value: money.amount(),
        });
    }
    Ok(money.amount())
}

#[cfg(test)]
mod tests;
