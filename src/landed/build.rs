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
use crate::hs::HsCode;
use crate::landed::shipment::{
    AllocationBasis, Consignee, Incoterm, Line, MetalContent, Mode, PostalDutyMethod, Shipment,
};
use crate::money::Money;
use crate::quantity::Quantity;
use crate::tariff::{Authority, DutyRate, Metal};

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

/// Builds a [`Line`] from typed values ([`Line::builder`]); added to a shipment with
/// [`ShipmentBuilder::line`].
///
/// # Example
/// ```
/// use landed_cost::landed::Line;
/// use landed_cost::tariff::{Authority, Metal};
/// let line = Line::builder("7326.90.86".parse()?, "1000.00 EUR".parse()?)
///     .metal(Metal::Steel, "400.00 EUR".parse()?)
///     .origin("DE".parse()?)
///     .rate(Authority::Mfn, "2.9%".parse()?);
/// assert_eq!(line.value().to_string(), "1000.00 EUR");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
#[must_use]
pub struct LineBuilder {
    hts: HsCode,
    value: Money,
    description: String,
    quantities: Vec<Quantity>,
    metal_content: Vec<(Metal, Money)>,
    us_content: Option<Money>,
    origin: Option<CountryCode>,
    rates: Vec<(Authority, DutyRate)>,
    claims: Vec<HsCode>,
    usmca: bool,
}

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

impl Line {
    /// A builder for a line of goods classified under `hts`, worth `value` (in the shipment's
    /// currency, under its Incoterm).
    ///
    /// # Example
    /// ```
    /// use landed_cost::landed::Line;
    /// let line = Line::builder("6402.99.90".parse()?, "9000.00 USD".parse()?);
    /// assert_eq!(line.value().to_string(), "9000.00 USD");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn builder(hts: HsCode, value: Money) -> LineBuilder {
        LineBuilder {
            hts,
            value,
            description: String::new(),
            quantities: Vec::new(),
            metal_content: Vec::new(),
            us_content: None,
            origin: None,
            rates: Vec::new(),
            claims: Vec::new(),
            usmca: false,
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
        let amount = |what: &str, money: Money| -> Result<Decimal> {
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
        };
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
        let mut lines = Vec::with_capacity(self.lines.len());
        for (i, l) in self.lines.into_iter().enumerate() {
            let name = format!("line {} ({})", i + 1, l.hts);
            let value = amount(&format!("{name} value"), l.value)?;
            let metal_content = l
                .metal_content
                .into_iter()
                .map(|(metal, m)| {
                    Ok(MetalContent {
                        metal,
                        value: amount(&format!("{name} {metal} content"), m)?,
                    })
                })
                .collect::<Result<_>>()?;
            let us_content = l
                .us_content
                .map(|m| amount(&format!("{name} US content"), m))
                .transpose()?;
            lines.push(Line {
                hts: l.hts,
                description: l.description,
                value,
                quantities: l.quantities,
                metal_content,
                us_content,
                origin: l.origin,
                rates: l
                    .rates
                    .into_iter()
                    .map(|(a, r)| (a.as_str().to_owned(), r))
                    .collect(),
                claims: l.claims,
                usmca: l.usmca,
            });
        }
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

impl LineBuilder {
    /// What the goods are.
    ///
    /// # Example
    /// ```
    /// use landed_cost::{landed::{Line, Mode, Shipment}, CountryCode};
    /// let s = Shipment::builder(CountryCode::US, CountryCode::CN, Mode::Ocean)
    ///     .export_date("2025-06-01".parse()?)
    ///     .entry_date("2025-06-20".parse()?)
    ///     .line(Line::builder("6402.99.90".parse()?, "10000 USD".parse()?).description("rubber-soled sneakers"))
    ///     .build()?;
    /// assert_eq!(s.lines[0].description, "rubber-soled sneakers");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn description(mut self, description: impl Into<String>) -> LineBuilder {
        self.description = description.into();
        self
    }

    /// Adds a quantity (for specific duties and allocation by weight).
    ///
    /// # Example
    /// ```
    /// use landed_cost::{landed::{Line, Mode, Shipment}, CountryCode};
    /// use landed_cost::{Quantity, Unit};
    /// let s = Shipment::builder(CountryCode::US, CountryCode::CN, Mode::Ocean)
    ///     .export_date("2025-06-01".parse()?)
    ///     .entry_date("2025-06-20".parse()?)
    ///     .line(Line::builder("6402.99.90".parse()?, "10000 USD".parse()?).quantity(Quantity::new(450.into(), Unit::Pair)))
    ///     .build()?;
    /// assert_eq!(s.lines[0].quantities[0].to_string(), Quantity::new(450.into(), Unit::Pair).to_string());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn quantity(mut self, quantity: Quantity) -> LineBuilder {
        self.quantities.push(quantity);
        self
    }

    /// Declares the value of a metal in the goods (Section 232).
    ///
    /// # Example
    /// ```
    /// use landed_cost::{landed::{Line, Mode, Shipment}, CountryCode};
    /// use landed_cost::tariff::Metal;
    /// let s = Shipment::builder(CountryCode::US, "DE".parse()?, Mode::Ocean)
    ///     .export_date("2025-06-01".parse()?).entry_date("2025-06-20".parse()?)
    ///     .line(Line::builder("7326.90.86".parse()?, "1000 USD".parse()?).metal(Metal::Steel, "400 USD".parse()?))
    ///     .build()?;
    /// assert_eq!(s.lines[0].metal_content[0].metal, Metal::Steel);
    /// assert_eq!(s.lines[0].metal_content[0].value.to_string(), "400");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn metal(mut self, metal: Metal, value: Money) -> LineBuilder {
        self.metal_content.push((metal, value));
        self
    }

    /// Declares the value of US content in the goods.
    ///
    /// # Example
    /// ```
    /// use landed_cost::landed::Line;
    /// let line = Line::builder("8703.23.01".parse()?, "30000 USD".parse()?).us_content("12000 USD".parse()?);
    /// # let _ = line;
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn us_content(mut self, value: Money) -> LineBuilder {
        self.us_content = Some(value);
        self
    }

    /// The line's origin, when it differs from the shipment's.
    ///
    /// # Example
    /// ```
    /// use landed_cost::{landed::{Line, Mode, Shipment}, CountryCode};
    /// let s = Shipment::builder(CountryCode::US, CountryCode::CN, Mode::Ocean)
    ///     .export_date("2025-06-01".parse()?)
    ///     .entry_date("2025-06-20".parse()?)
    ///     .line(Line::builder("6402.99.90".parse()?, "10000 USD".parse()?).origin(CountryCode::VN))
    ///     .build()?;
    /// assert_eq!(s.lines[0].origin, Some(CountryCode::VN));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn origin(mut self, origin: CountryCode) -> LineBuilder {
        self.origin = Some(origin);
        self
    }

    /// A rate for an importer whose tariff is not embedded (`Authority::Mfn`, `Authority::Vat`,
    /// ...).
    ///
    /// # Example
    /// ```
    /// use landed_cost::{landed::{Line, Mode, Shipment}, tariff::Authority, CountryCode};
    /// let s = Shipment::builder("GB".parse()?, CountryCode::CN, Mode::Ocean)
    ///     .export_date("2025-06-01".parse()?).entry_date("2025-06-20".parse()?)
    ///     .line(Line::builder("6402.99.90".parse()?, "1000 GBP".parse()?).rate(Authority::Mfn, "16%".parse()?))
    ///     .build()?;
    /// assert_eq!(s.lines[0].rates.len(), 1);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn rate(mut self, authority: Authority, rate: DutyRate) -> LineBuilder {
        self.rates.push((authority, rate));
        self
    }

    /// Claims a chapter-99 exclusion heading for the line (e.g. 9903.88.69).
    ///
    /// # Example
    /// ```
    /// use landed_cost::landed::Line;
    /// let line = Line::builder("0304.72.50.00".parse()?, "5000 USD".parse()?).claim("9903.88.69".parse()?);
    /// # let _ = line;
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn claim(mut self, heading: HsCode) -> LineBuilder {
        self.claims.push(heading);
        self
    }

    /// Claims (or not) that the goods are entered under the USMCA (the line's `usmca`).
    ///
    /// # Example
    /// ```
    /// use landed_cost::{landed::{Line, Mode}, Shipment};
    /// let line = Line::builder("9403.60.80".parse()?, "10000 USD".parse()?).usmca(true);
    /// let shipment = Shipment::builder("US".parse()?, "CA".parse()?, Mode::Truck)
    ///     .export_date("2025-09-10".parse()?)
    ///     .entry_date("2025-09-10".parse()?)
    ///     .line(line)
    ///     .build()?;
    /// assert!(shipment.lines[0].usmca);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn usmca(mut self, usmca: bool) -> LineBuilder {
        self.usmca = usmca;
        self
    }

    /// The line's value.
    ///
    /// # Example
    /// ```
    /// use landed_cost::landed::Line;
    /// let line = Line::builder("6402.99.90".parse()?, "9000.00 USD".parse()?);
    /// assert_eq!(line.value().to_string(), "9000.00 USD");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn value(&self) -> Money {
        self.value
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn base() -> ShipmentBuilder {
        Shipment::builder(CountryCode::US, CountryCode::CN, Mode::Air)
            .export_date("2025-06-01".parse().unwrap())
            .entry_date("2025-06-03".parse().unwrap())
    }

    fn money(s: &str) -> Money {
        s.parse().unwrap()
    }

    #[test]
    fn missing_dates_and_negative_amounts_are_named() {
        let line = || Line::builder("6402.99.90".parse().unwrap(), money("100 USD"));
        let no_entry = Shipment::builder(CountryCode::US, CountryCode::CN, Mode::Air)
            .export_date("2025-06-01".parse().unwrap())
            .line(line())
            .build()
            .unwrap_err();
        assert!(no_entry.to_string().contains("entry date"), "{no_entry}");
        let negative = base()
            .line(line().metal(Metal::Steel, money("-1 USD")))
            .build()
            .unwrap_err();
        assert!(
            matches!(&negative, Error::NegativeValue { what, .. } if what == "line 1 (6402.99.90) steel content"),
            "{negative:?}"
        );
        let value = base()
            .line(Line::builder(
                "6402.99.90".parse().unwrap(),
                money("-5 USD"),
            ))
            .build()
            .unwrap_err();
        assert!(matches!(value, Error::NegativeValue { .. }));
    }

    #[test]
    fn rates_are_keyed_by_the_authority_name() {
        let s = base()
            .line(
                Line::builder("6109.10".parse().unwrap(), money("100 USD"))
                    .rate(Authority::Mfn, "12%".parse().unwrap())
                    .rate(Authority::Vat, "20%".parse().unwrap()),
            )
            .build()
            .unwrap();
        let keys: Vec<&str> = s.lines[0].rates.keys().map(String::as_str).collect();
        assert_eq!(keys, ["mfn", "vat"]);
    }
}
