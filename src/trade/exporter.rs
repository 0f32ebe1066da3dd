//! [`Exporter`] and [`Product`]: who sells what, at which prices.

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::hs::HsCode;
use crate::money::{Currency, Money, Rate};
use crate::quantity::Quantity;

/// A product an exporter makes, with its cost and its prices in each channel.
///
/// Amounts are per unit. The unit cost is in yuan (CNY, without VAT), the export price is the FOB
/// price per unit in US dollars, the domestic retail price is in yuan **including** VAT (as
/// Chinese retail prices are), and the cross-border price is the delivered (duty-paid) price to a
/// US consumer in US dollars, if the product is also sold that way.
///
/// # Example
/// ```
/// use landed_cost::trade::Product;
/// let toy: Product = serde_json::from_str(r#"{
///     "sku": "YW-TOY-001", "description": "plastic building blocks set", "hs": "9503.00.00",
///     "unit_cost": {"amount": "18.00", "currency": "CNY"},
///     "weight": {"amount": "0.4", "unit": "KG"},
///     "export_price": {"amount": "4.20", "currency": "USD"},
///     "domestic_price": {"amount": "49.00", "currency": "CNY"},
///     "cross_border_price": {"amount": "12.99", "currency": "USD"},
///     "export_rebate": "13%" }"#)?;
/// toy.validate()?;
/// assert_eq!(toy.hs.to_string(), "9503.00.00");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Product {
    /// The stock-keeping unit.
    pub sku: String,
    /// What it is.
    #[serde(default)]
    pub description: String,
    /// The US HTS code (8 or 10 digits).
    pub hs: HsCode,
    /// The cost of making one unit, in CNY, without VAT.
    pub unit_cost: Money,
    /// The weight of one unit (a mass quantity, e.g. `0.4 KG`), used as the line quantity.
    pub weight: Option<Quantity>,
    /// The FOB export price of one unit, in USD.
    pub export_price: Money,
    /// The domestic retail price of one unit, in CNY, VAT included.
    pub domestic_price: Money,
    /// The delivered duty-paid price of one unit to a US consumer on a cross-border platform, in
    /// USD, if the product is sold that way.
    #[serde(default)]
    pub cross_border_price: Option<Money>,
    /// The export VAT rebate rate of the product (13%, 9%, 6% or 0%).
    pub export_rebate: Rate,
}

impl Product {
    /// A product with its required fields; no description, weight or cross-border price.
    ///
    /// # Errors
    /// As [`Product::validate`].
    ///
    /// # Example
    /// ```
    /// use landed_cost::trade::Product;
    /// let p = Product::new("SZ-CHG-65W", "8504.40.95".parse()?, "38 CNY".parse()?,
    ///     "9.50 USD".parse()?, "129 CNY".parse()?, "13%".parse()?)?;
    /// assert!(p.cross_border_price.is_none());
    /// assert!(Product::new("X", "9503.00.00".parse()?, "1 USD".parse()?, "1 USD".parse()?,
    ///     "1 CNY".parse()?, "13%".parse()?).is_err()); // unit cost must be in CNY
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn new(
        sku: impl Into<String>,
        hs: HsCode,
        unit_cost: Money,
        export_price: Money,
        domestic_price: Money,
        export_rebate: Rate,
    ) -> Result<Product> {
        let product = Product {
            sku: sku.into(),
            description: String::new(),
            hs,
            unit_cost,
            weight: None,
            export_price,
            domestic_price,
            cross_border_price: None,
            export_rebate,
        };
        product.validate()?;
        Ok(product)
    }

    /// The same product with a description.
    ///
    /// # Example
    /// ```
    /// # use landed_cost::trade::Product;
    /// let p = Product::new("A", "9503.00.00".parse()?, "18 CNY".parse()?, "4.2 USD".parse()?,
    ///     "49 CNY".parse()?, "13%".parse()?)?.with_description("blocks");
    /// assert_eq!(p.description, "blocks");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn with_description(mut self, description: impl Into<String>) -> Product {
        self.description = description.into();
        self
    }

    /// The same product with a unit weight.
    ///
    /// # Example
    /// ```
    /// # use landed_cost::trade::Product;
    /// let p = Product::new("A", "9503.00.00".parse()?, "18 CNY".parse()?, "4.2 USD".parse()?,
    ///     "49 CNY".parse()?, "13%".parse()?)?.with_weight("0.4 KG".parse()?);
    /// assert!(p.weight.is_some());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn with_weight(mut self, weight: Quantity) -> Product {
        self.weight = Some(weight);
        self
    }

    /// The same product, also sold delivered duty paid to US consumers at `price` (USD).
    ///
    /// # Errors
    /// [`Error::InvalidValue`] if the price is not a positive USD amount.
    ///
    /// # Example
    /// ```
    /// # use landed_cost::trade::Product;
    /// let p = Product::new("A", "9503.00.00".parse()?, "18 CNY".parse()?, "4.2 USD".parse()?,
    ///     "49 CNY".parse()?, "13%".parse()?)?.with_cross_border_price("12.99 USD".parse()?)?;
    /// assert_eq!(p.cross_border_price.map(|m| m.to_string()), Some("12.99 USD".to_string()));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn with_cross_border_price(mut self, price: Money) -> Result<Product> {
        self.cross_border_price = Some(price);
        self.validate()?;
        Ok(self)
    }

    /// Checks the currencies and signs: the cost and the domestic price in CNY, the export and
    /// cross-border prices in USD, none negative, the prices above zero, the rebate within 0–13%.
    ///
    /// # Errors
    /// [`Error::InvalidValue`] naming the field at fault.
    ///
    /// # Example
    /// See [`Product`].
    pub fn validate(&self) -> Result<()> {
        check_amount("product unit cost", self.unit_cost, Currency::CNY, false)?;
        check_amount(
            "product export price",
            self.export_price,
            Currency::USD,
            true,
        )?;
        check_amount(
            "product domestic price",
            self.domestic_price,
            Currency::CNY,
            true,
        )?;
        if let Some(price) = self.cross_border_price {
            check_amount("product cross-border price", price, Currency::USD, true)?;
        }
        if self.export_rebate < Rate::ZERO || self.export_rebate.fraction() > super::VAT_STANDARD {
            return Err(Error::invalid(
                "product export rebate",
                format!(
                    "{} is outside 0% to 13% (China's rebate rates are 13%, 9%, 6% or 0%)",
                    self.export_rebate
                ),
            ));
        }
        Ok(())
    }
}

/// Checks an amount's currency and sign.
fn check_amount(what: &'static str, m: Money, currency: Currency, positive: bool) -> Result<()> {
    if m.currency() != currency {
        return Err(Error::invalid(what, format!("{m} must be in {currency}")));
    }
    if m.is_negative() || (positive && m.is_zero()) {
        return Err(Error::invalid(
            what,
            format!(
                "{m} must be {}",
                if positive {
                    "above zero"
                } else {
                    "zero or more"
                }
            ),
        ));
    }
    Ok(())
}

/// An exporting company: where it is, how much of its sales go abroad, and what it makes.
///
/// # Example
/// ```
/// use landed_cost::trade::{Exporter, Product};
/// let product = Product::new("YW-TOY-001", "9503.00.00".parse()?, "18 CNY".parse()?,
///     "4.20 USD".parse()?, "49 CNY".parse()?, "13%".parse()?)?;
/// let exporter = Exporter::new("Yiwu small goods", "Zhejiang", "80%".parse()?, vec![product])?;
/// assert_eq!(exporter.province, "Zhejiang");
/// assert!(exporter.product("YW-TOY-001").is_some());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Exporter {
    /// The company's name.
    pub name: String,
    /// The province it is registered in (e.g. "Zhejiang", "Guangdong").
    pub province: String,
    /// The share of its sales that are exports (0–100%).
    pub export_share: Rate,
    /// What it makes.
    pub products: Vec<Product>,
}

impl Exporter {
    /// An exporter, its products validated.
    ///
    /// # Errors
    /// [`Error::InvalidValue`] if the export share is outside 0–100% or a product is invalid
    /// (see [`Product::validate`]).
    ///
    /// # Example
    /// See [`Exporter`].
    pub fn new(
        name: impl Into<String>,
        province: impl Into<String>,
        export_share: Rate,
        products: Vec<Product>,
    ) -> Result<Exporter> {
        let exporter = Exporter {
            name: name.into(),
            province: province.into(),
            export_share,
            products,
        };
        exporter.validate()?;
        Ok(exporter)
    }

    /// Checks the export share and every product.
    ///
    /// # Errors
    /// As [`Exporter::new`].
    ///
    /// # Example
    /// ```
    /// use landed_cost::trade::Exporter;
    /// let e: Exporter = serde_json::from_str(
    ///     r#"{"name": "A", "province": "Zhejiang", "export_share": "120%", "products": []}"#)?;
    /// assert!(e.validate().is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn validate(&self) -> Result<()> {
        if self.export_share < Rate::ZERO || self.export_share > Rate::ONE_HUNDRED_PERCENT {
            return Err(Error::invalid(
                "exporter export share",
                format!("{} is outside 0% to 100%", self.export_share),
            ));
        }
        self.products.iter().try_for_each(Product::validate)
    }

    /// The product with a SKU, if the exporter makes it.
    ///
    /// # Example
    /// See [`Exporter`].
    #[must_use]
    pub fn product(&self, sku: &str) -> Option<&Product> {
        self.products.iter().find(|p| p.sku == sku)
    }
}

/// A product the unit tests of the trade module share: a toy at 18 CNY, sold for 4.20 USD FOB or
/// 49 CNY at home, with a 13% export rebate.
#[cfg(test)]
pub(crate) fn toy() -> Product {
    Product::new(
        "T",
        "9503.00.00".parse().unwrap(),
        "18 CNY".parse().unwrap(),
        "4.20 USD".parse().unwrap(),
        "49 CNY".parse().unwrap(),
        "13%".parse().unwrap(),
    )
    .unwrap()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn currencies_and_signs_are_checked() {
        let mut p = toy();
        p.export_price = "4.20 EUR".parse().unwrap();
        assert!(p.validate().is_err());
        let mut p = toy();
        p.domestic_price = "0 CNY".parse().unwrap();
        assert!(p.validate().is_err());
        let mut p = toy();
        p.unit_cost = "-1 CNY".parse().unwrap();
        assert!(p.validate().is_err());
        let mut p = toy();
        p.export_rebate = "17%".parse().unwrap();
        assert!(p.validate().is_err());
        assert!(toy()
            .with_cross_border_price("5 CNY".parse().unwrap())
            .is_err());
    }

    #[test]
    fn exporter_share_is_bounded() {
        assert!(Exporter::new("A", "Zhejiang", "-1%".parse().unwrap(), vec![toy()]).is_err());
        assert!(Exporter::new("A", "Zhejiang", "100%".parse().unwrap(), vec![toy()]).is_ok());
    }
}
