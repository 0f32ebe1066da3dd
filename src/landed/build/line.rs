//! [`LineBuilder`]: one line of goods, added to a shipment with [`ShipmentBuilder::line`].

use crate::country::CountryCode;
use crate::error::Result;
use crate::hs::HsCode;
use crate::landed::shipment::{Line, MetalContent};
use crate::money::{Currency, Money};
use crate::quantity::Quantity;
use crate::tariff::{Authority, DutyRate, Metal};

#[cfg(doc)]
use super::ShipmentBuilder;

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
    pub(super) hts: HsCode,
    pub(super) value: Money,
    pub(super) description: String,
    pub(super) quantities: Vec<Quantity>,
    pub(super) metal_content: Vec<(Metal, Money)>,
    pub(super) us_content: Option<Money>,
    pub(super) origin: Option<CountryCode>,
    pub(super) rates: Vec<(Authority, DutyRate)>,
    pub(super) claims: Vec<HsCode>,
    pub(super) usmca: bool,
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

    /// The line, its amounts checked against the shipment's `currency`; `index` (from 0) names
    /// it in an error.
    pub(super) fn into_line(self, currency: Currency, index: usize) -> Result<Line> {
        let name = format!("line {} ({})", index + 1, self.hts);
        let amount = |what: String, money: Money| super::in_currency(currency, &what, money);
        let value = amount(format!("{name} value"), self.value)?;
        let metal_content = self
            .metal_content
            .into_iter()
            .map(|(metal, m)| {
                Ok(MetalContent {
                    metal,
                    value: amount(format!("{name} {metal} content"), m)?,
                })
            })
            .collect::<Result<_>>()?;
        Ok(Line {
            value,
            us_content: self
                .us_content
                .map(|m| amount(format!("{name} US content"), m))
                .transpose()?,
            hts: self.hts,
            description: self.description,
            quantities: self.quantities,
            metal_content,
            origin: self.origin,
            rates: self
                .rates
                .into_iter()
                .map(|(a, r)| (a.as_str().to_owned(), r))
                .collect(),
            claims: self.claims,
            usmca: self.usmca,
        })
    }
}
