//! [`Content`]: the substances a content unit measures ("Cu kg", "kg amc"), and the mass scales
//! content units come in.

use super::Unit;

/// A substance whose content a unit measures ("kg on copper content", "Au g", "kg amc").
///
/// [`Content::Unnamed`] is the USITC codes CKG and CGM ("content kilograms", "content grams"):
/// the content the tariff line names. A rate per kg on one named content accepts a quantity in
/// an unnamed content unit, and never a plain kilogram.
///
/// # Example
/// ```
/// use landed_cost::quantity::Content;
/// use landed_cost::Unit;
/// let copper: Unit = "Cu kg".parse()?;
/// assert_eq!(copper, Unit::ContentKilogram(Content::Copper));
/// assert_eq!(Content::Copper.name(), "copper");
/// assert_eq!(Content::Copper.symbol(), Some("Cu"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Content {
    /// The content the tariff line names (USITC codes CKG, CGM).
    Unnamed,
    /// Copper (Cu).
    Copper,
    /// Lead (Pb).
    Lead,
    /// Zinc (Zn).
    Zinc,
    /// Tungsten (W).
    Tungsten,
    /// Molybdenum (Mo).
    Molybdenum,
    /// Magnesium (Mg).
    Magnesium,
    /// Manganese (Mn).
    Manganese,
    /// Silicon (Si).
    Silicon,
    /// Vanadium (V).
    Vanadium,
    /// Nickel (Ni).
    Nickel,
    /// Chromium (Cr).
    Chromium,
    /// Cobalt (Co).
    Cobalt,
    /// Antimony (Sb).
    Antimony,
    /// Tin (Sn).
    Tin,
    /// Gold (Au).
    Gold,
    /// Silver (Ag).
    Silver,
    /// Platinum (Pt).
    Platinum,
    /// Palladium (Pd).
    Palladium,
    /// Rhodium (Rh).
    Rhodium,
    /// Iridium (Ir).
    Iridium,
    /// Osmium (Os).
    Osmium,
    /// Ruthenium (Ru).
    Ruthenium,
    /// Vanadium pentoxide (V2O5).
    VanadiumPentoxide,
    /// Chromium oxide (Cr2O3).
    ChromiumOxide,
    /// Ammonia (NH3).
    Ammonia,
    /// Sodium hydroxide (NaOH).
    SodiumHydroxide,
    /// Anhydrous morphine (the HTS unit "kg amc", used for opium).
    AnhydrousMorphine,
    /// The dairy content measure the HTS abbreviates "msc" (unit "kg msc").
    Msc,
    /// The dairy content measure the HTS abbreviates "cmsc" (unit "kg cmsc").
    Cmsc,
}

/// How a content is written in HTS unit texts: before the scale ("Cu kg") or after it ("kg amc").
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum SymbolPlace {
    Before,
    After,
}

/// How a named content is written: its HTS symbol, where the symbol goes, its name in rate
/// texts, and the preposition rate texts use ("kg on copper content", "kg of anhydrous morphine
/// content").
#[derive(Clone, Copy)]
pub(super) struct ContentInfo {
    pub(super) content: Content,
    pub(super) symbol: &'static str,
    pub(super) place: SymbolPlace,
    pub(super) name: &'static str,
    pub(super) preposition: &'static str,
}

impl Content {
    /// Every content, [`Content::Unnamed`] first.
    ///
    /// # Example
    /// ```
    /// use landed_cost::quantity::Content;
    /// assert!(Content::ALL.contains(&Content::Tungsten));
    /// ```
    pub const ALL: &'static [Content] = &[
        Content::Unnamed,
        Content::Copper,
        Content::Lead,
        Content::Zinc,
        Content::Tungsten,
        Content::Molybdenum,
        Content::Magnesium,
        Content::Manganese,
        Content::Silicon,
        Content::Vanadium,
        Content::Nickel,
        Content::Chromium,
        Content::Cobalt,
        Content::Antimony,
        Content::Tin,
        Content::Gold,
        Content::Silver,
        Content::Platinum,
        Content::Palladium,
        Content::Rhodium,
        Content::Iridium,
        Content::Osmium,
        Content::Ruthenium,
        Content::VanadiumPentoxide,
        Content::ChromiumOxide,
        Content::Ammonia,
        Content::SodiumHydroxide,
        Content::AnhydrousMorphine,
        Content::Msc,
        Content::Cmsc,
    ];

    /// How the content is written; `None` for [`Content::Unnamed`].
    pub(super) fn info(self) -> Option<ContentInfo> {
        use SymbolPlace::{After, Before};
        let (symbol, place, name, preposition) = match self {
            Content::Unnamed => return None,
            Content::Copper => ("Cu", Before, "copper", "on"),
            Content::Lead => ("Pb", Before, "lead", "on"),
            Content::Zinc => ("Zn", Before, "zinc", "on"),
            Content::Tungsten => ("W", Before, "tungsten", "on"),
            Content::Molybdenum => ("Mo", Before, "molybdenum", "on"),
            Content::Magnesium => ("Mg", Before, "magnesium", "on"),
            Content::Manganese => ("Mn", Before, "manganese", "on"),
            Content::Silicon => ("Si", Before, "silicon", "on"),
            Content::Vanadium => ("V", Before, "vanadium", "on"),
            Content::Nickel => ("Ni", Before, "nickel", "on"),
            Content::Chromium => ("Cr", Before, "chromium", "on"),
            Content::Cobalt => ("Co", Before, "cobalt", "on"),
            Content::Antimony => ("Sb", Before, "antimony", "on"),
            Content::Tin => ("Sn", Before, "tin", "on"),
            Content::Gold => ("Au", Before, "gold", "on"),
            Content::Silver => ("Ag", Before, "silver", "on"),
            Content::Platinum => ("Pt", Before, "platinum", "on"),
            Content::Palladium => ("Pd", Before, "palladium", "on"),
            Content::Rhodium => ("Rh", Before, "rhodium", "on"),
            Content::Iridium => ("Ir", Before, "iridium", "on"),
            Content::Osmium => ("Os", Before, "osmium", "on"),
            Content::Ruthenium => ("Ru", Before, "ruthenium", "on"),
            Content::VanadiumPentoxide => ("V2O5", Before, "vanadium pentoxide", "on"),
            Content::ChromiumOxide => ("Cr2O3", Before, "chromium oxide", "on"),
            Content::Ammonia => ("NH3", Before, "ammonia", "on"),
            Content::SodiumHydroxide => ("NaOH", Before, "sodium hydroxide", "on"),
            Content::AnhydrousMorphine => ("amc", After, "anhydrous morphine", "of"),
            Content::Msc => ("msc", After, "msc", "of"),
            Content::Cmsc => ("cmsc", After, "cmsc", "of"),
        };
        Some(ContentInfo {
            content: self,
            symbol,
            place,
            name,
            preposition,
        })
    }

    /// The named contents with how they are written.
    pub(super) fn named() -> impl Iterator<Item = ContentInfo> {
        Content::ALL.iter().filter_map(|content| content.info())
    }

    /// The symbol used in HTS unit texts ("Cu" in "Cu kg", "amc" in "kg amc"); `None` for
    /// [`Content::Unnamed`].
    ///
    /// # Example
    /// ```
    /// use landed_cost::quantity::Content;
    /// assert_eq!(Content::Tungsten.symbol(), Some("W"));
    /// assert_eq!(Content::Unnamed.symbol(), None);
    /// ```
    #[must_use]
    pub fn symbol(self) -> Option<&'static str> {
        self.info().map(|info| info.symbol)
    }

    /// The content's name as rate texts write it ("copper" in "kg on copper content").
    ///
    /// # Example
    /// ```
    /// use landed_cost::quantity::Content;
    /// assert_eq!(Content::AnhydrousMorphine.name(), "anhydrous morphine");
    /// assert_eq!(Content::Unnamed.name(), "unnamed");
    /// ```
    #[must_use]
    pub fn name(self) -> &'static str {
        self.info().map_or("unnamed", |info| info.name)
    }
}

/// The mass scales a content unit comes in.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Scale {
    Gram,
    Kilogram,
    Tonne,
}

impl Scale {
    pub(super) const ALL: [Scale; 3] = [Scale::Gram, Scale::Kilogram, Scale::Tonne];

    pub(super) const fn symbol(self) -> &'static str {
        match self {
            Scale::Gram => "g",
            Scale::Kilogram => "kg",
            Scale::Tonne => "t",
        }
    }

    pub(super) const fn unit(self, content: Content) -> Unit {
        match self {
            Scale::Gram => Unit::ContentGram(content),
            Scale::Kilogram => Unit::ContentKilogram(content),
            Scale::Tonne => Unit::ContentTonne(content),
        }
    }

    pub(super) fn parse(text: &str) -> Option<Scale> {
        Scale::ALL.into_iter().find(|scale| scale.symbol() == text)
    }
}
