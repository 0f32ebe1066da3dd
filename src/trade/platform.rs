//! [`Platform`]: the Chinese domestic and cross-border selling platforms, and their fee
//! schedules ([`PlatformFees`], [`FeeBook`]).

use std::fmt;
use std::io::Read;
#[cfg(feature = "embedded-data")]
use std::sync::OnceLock;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::money::{Money, Rate};

/// A selling platform: Chinese domestic marketplaces and apps, and the cross-border platforms
/// exporters sell abroad through.
///
/// Serialized in snake case (`"taobao"`, `"tiktok_shop"`, `"wechat"`, `"aliexpress"`). The
/// enum is `#[non_exhaustive]`: platforms are added as programs name them.
///
/// # Example
/// ```
/// use landed_cost::trade::Platform;
/// assert_eq!(serde_json::to_string(&Platform::Pinduoduo)?, "\"pinduoduo\"");
/// assert_eq!(serde_json::from_str::<Platform>("\"tiktok_shop\"")?, Platform::TikTokShop);
/// assert!(Platform::Temu.is_cross_border());
/// assert_eq!(Platform::Jd.to_string(), "JD");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Platform {
    /// Taobao (Alibaba), the consumer marketplace.
    Taobao,
    /// Tmall (Alibaba), the branded-store marketplace.
    Tmall,
    /// JD.com.
    Jd,
    /// Pinduoduo (PDD Holdings).
    Pinduoduo,
    /// Freshippo, known as Hema (Alibaba's supermarket chain).
    Freshippo,
    /// Douyin (ByteDance).
    Douyin,
    /// Meituan.
    Meituan,
    /// WeChat (Tencent).
    #[serde(rename = "wechat")]
    WeChat,
    /// Baidu.
    Baidu,
    /// Didi.
    Didi,
    /// Temu (PDD Holdings), cross-border.
    Temu,
    /// AliExpress (Alibaba), cross-border.
    #[serde(rename = "aliexpress")]
    AliExpress,
    /// Shein, cross-border.
    Shein,
    /// TikTok Shop (ByteDance), cross-border.
    #[serde(rename = "tiktok_shop")]
    TikTokShop,
    /// Amazon, cross-border.
    Amazon,
}

impl Platform {
    /// Every platform, in declaration order.
    ///
    /// # Example
    /// ```
    /// use landed_cost::trade::Platform;
    /// assert_eq!(Platform::ALL.iter().filter(|p| p.is_cross_border()).count(), 5);
    /// ```
    pub const ALL: [Platform; 15] = [
        Platform::Taobao,
        Platform::Tmall,
        Platform::Jd,
        Platform::Pinduoduo,
        Platform::Freshippo,
        Platform::Douyin,
        Platform::Meituan,
        Platform::WeChat,
        Platform::Baidu,
        Platform::Didi,
        Platform::Temu,
        Platform::AliExpress,
        Platform::Shein,
        Platform::TikTokShop,
        Platform::Amazon,
    ];

    /// Whether the platform sells abroad (Temu, AliExpress, Shein, TikTok Shop, Amazon).
    ///
    /// # Example
    /// ```
    /// use landed_cost::trade::Platform;
    /// assert!(!Platform::Tmall.is_cross_border());
    /// assert!(Platform::Amazon.is_cross_border());
    /// ```
    #[must_use]
    pub const fn is_cross_border(self) -> bool {
        matches!(
            self,
            Platform::Temu
                | Platform::AliExpress
                | Platform::Shein
                | Platform::TikTokShop
                | Platform::Amazon
        )
    }

    /// The platform's usual name.
    ///
    /// # Example
    /// ```
    /// assert_eq!(landed_cost::trade::Platform::TikTokShop.name(), "TikTok Shop");
    /// ```
    #[must_use]
    pub const fn name(self) -> &'static str {
        match self {
            Platform::Taobao => "Taobao",
            Platform::Tmall => "Tmall",
            Platform::Jd => "JD",
            Platform::Pinduoduo => "Pinduoduo",
            Platform::Freshippo => "Freshippo",
            Platform::Douyin => "Douyin",
            Platform::Meituan => "Meituan",
            Platform::WeChat => "WeChat",
            Platform::Baidu => "Baidu",
            Platform::Didi => "Didi",
            Platform::Temu => "Temu",
            Platform::AliExpress => "AliExpress",
            Platform::Shein => "Shein",
            Platform::TikTokShop => "TikTok Shop",
            Platform::Amazon => "Amazon",
        }
    }
}

impl fmt::Display for Platform {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A range of rates, `min` to `max` inclusive.
///
/// # Example
/// ```
/// use landed_cost::trade::RateRange;
/// let r: RateRange = serde_json::from_str(r#"{"min": "2%", "max": "5%"}"#)?;
/// assert!(r.contains("3%".parse()?));
/// assert!(!r.contains("6%".parse()?));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RateRange {
    /// The lowest rate.
    pub min: Rate,
    /// The highest rate.
    pub max: Rate,
}

impl RateRange {
    /// Whether `rate` is within the range.
    ///
    /// # Example
    /// See [`RateRange`].
    #[must_use]
    pub fn contains(&self, rate: Rate) -> bool {
        self.min <= rate && rate <= self.max
    }
}

/// A range of amounts, `min` to `max`.
///
/// # Example
/// ```
/// use landed_cost::trade::MoneyRange;
/// let r: MoneyRange = serde_json::from_str(r#"{"min": {"amount": "50000", "currency": "CNY"},
///   "max": {"amount": "150000", "currency": "CNY"}}"#)?;
/// assert_eq!(r.max.to_string(), "150000 CNY");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MoneyRange {
    /// The lowest amount.
    pub min: Money,
    /// The highest amount.
    pub max: Money,
}

/// A platform's fee schedule for merchants, as reported (China's domestic platforms).
///
/// Rates that vary by category are ranges; the commission a merchant pays is chosen by the caller
/// within them (see [`ChannelAssumptions`](crate::trade::ChannelAssumptions)). A schedule that is
/// not confirmed by an official fee schedule has `confirmed: false` and a note that says so.
///
/// # Example
/// ```
/// use landed_cost::trade::{FeeBook, Platform};
/// let taobao = FeeBook::embedded().get(Platform::Taobao).ok_or("no Taobao")?;
/// assert_eq!(taobao.technical_fee.map(|r| r.to_string()), Some("0.6%".to_string()));
/// assert!(!taobao.confirmed && taobao.note.contains("nconfirmed"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct PlatformFees {
    /// The platform.
    pub platform: Platform,
    /// The commission on sales, over all categories, if the platform charges one.
    pub commission: Option<RateRange>,
    /// The commission most categories pay.
    pub typical_commission: Option<RateRange>,
    /// A fixed-rate fee on every sale (transaction, technical-service or software fee).
    pub technical_fee: Option<Rate>,
    /// The annual store fees (one applies, by category).
    pub annual_fees: Vec<Money>,
    /// The deposit a store lodges (refundable; not a cost per unit).
    pub deposit: Option<MoneyRange>,
    /// Since when the schedule applies, if known.
    pub since: Option<NaiveDate>,
    /// Whether an official fee schedule confirms the figures.
    pub confirmed: bool,
    /// What the figures are and how sure they are.
    pub note: String,
    /// Where they come from.
    pub source: String,
}

/// The platform fee schedules, loaded from JSON (`{"platforms": [...]}`).
///
/// # Example
/// ```
/// use landed_cost::trade::{FeeBook, Platform};
/// let book = FeeBook::embedded();
/// let tmall = book.get(Platform::Tmall).ok_or("no Tmall")?;
/// assert_eq!(tmall.annual_fees.len(), 2);
/// assert!(book.get(Platform::Didi).is_none());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FeeBook {
    platforms: Vec<PlatformFees>,
}

#[cfg(feature = "embedded-data")]
const EMBEDDED_FEES: &str = include_str!("../../data/trade/platform_fees.json");

impl FeeBook {
    /// Reads fee schedules from JSON (`{"platforms": [...]}`).
    ///
    /// # Errors
    /// [`Error::Data`] for malformed JSON, an unknown field, or a platform listed twice.
    ///
    /// # Example
    /// ```
    /// use landed_cost::trade::{FeeBook, Platform};
    /// let json = r#"{"platforms": [{"platform": "pinduoduo", "commission": null,
    ///   "typical_commission": null, "technical_fee": "0.6%", "annual_fees": [], "deposit": null,
    ///   "since": null, "confirmed": true, "note": "", "source": "test"}]}"#;
    /// let book = FeeBook::from_json_reader(json.as_bytes())?;
    /// assert!(book.get(Platform::Pinduoduo).is_some());
    /// assert!(FeeBook::from_json_reader("{}".as_bytes()).is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn from_json_reader<R: Read>(reader: R) -> Result<FeeBook> {
        let reader = crate::sniff::reader("platform fee JSON", reader)?;
        let book: FeeBook = serde_json::from_reader(reader).map_err(|e| Error::Data {
            source_name: "platform fee JSON".to_owned(),
            line: u64::try_from(e.line()).unwrap_or(0),
            field: String::new(),
            reason: e.to_string(),
        })?;
        for (i, fees) in book.platforms.iter().enumerate() {
            if book
                .platforms
                .iter()
                .skip(i + 1)
                .any(|other| other.platform == fees.platform)
            {
                return Err(Error::Data {
                    source_name: "platform fee JSON".to_owned(),
                    line: 0,
                    field: "platform".to_owned(),
                    reason: format!("{} is listed twice", fees.platform),
                });
            }
        }
        Ok(book)
    }

    #[cfg(feature = "embedded-data")]
    /// The embedded schedules (`data/trade/platform_fees.json`, from DOMAIN.md section 5): Tmall,
    /// JD, Pinduoduo and Taobao (the last unconfirmed). Parsed once, then shared.
    ///
    /// # Example
    /// See [`FeeBook`].
    #[must_use]
    pub fn embedded() -> &'static FeeBook {
        static BOOK: OnceLock<FeeBook> = OnceLock::new();
        // Verified by the test suite; a corrupt file would leave the book empty (every lookup
        // `None`, every domestic channel an error naming the platform), never a panic.
        BOOK.get_or_init(|| FeeBook::from_json_reader(EMBEDDED_FEES.as_bytes()).unwrap_or_default())
    }

    /// The schedule of a platform, if held.
    ///
    /// # Example
    /// See [`FeeBook`].
    #[must_use]
    pub fn get(&self, platform: Platform) -> Option<&PlatformFees> {
        self.platforms.iter().find(|p| p.platform == platform)
    }

    /// Every schedule held.
    ///
    /// # Example
    /// ```
    /// assert_eq!(landed_cost::trade::FeeBook::embedded().iter().count(), 4);
    /// ```
    pub fn iter(&self) -> impl Iterator<Item = &PlatformFees> {
        self.platforms.iter()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_fees_parse() {
        let book = FeeBook::from_json_reader(EMBEDDED_FEES.as_bytes()).unwrap();
        assert_eq!(book.iter().count(), 4);
        let tmall = book.get(Platform::Tmall).unwrap();
        assert_eq!(
            tmall.typical_commission.unwrap().max,
            "5%".parse::<Rate>().unwrap()
        );
        for p in [Platform::Jd, Platform::Pinduoduo, Platform::Taobao] {
            assert_eq!(
                book.get(p).unwrap().technical_fee,
                Some("0.6%".parse().unwrap())
            );
        }
        assert!(book
            .iter()
            .filter(|f| !f.confirmed)
            .all(|f| f.platform == Platform::Taobao));
    }

    #[test]
    fn platform_names_round_trip() {
        for p in Platform::ALL {
            let json = serde_json::to_string(&p).unwrap();
            assert_eq!(serde_json::from_str::<Platform>(&json).unwrap(), p);
        }
        assert_eq!(
            Platform::ALL.iter().filter(|p| p.is_cross_border()).count(),
            5
        );
    }

    #[test]
    fn duplicates_are_rejected() {
        let one = r#"{"platform": "jd", "commission": null, "typical_commission": null,
            "technical_fee": "0.6%", "annual_fees": [], "deposit": null, "since": null,
            "confirmed": true, "note": "", "source": ""}"#;
        let json = format!(r#"{{"platforms": [{one}, {one}]}}"#);
        assert!(FeeBook::from_json_reader(json.as_bytes()).is_err());
    }
}
