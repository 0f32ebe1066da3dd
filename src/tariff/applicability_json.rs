//! The JSON form of [`Applicability`]: what applies, what was excluded and why, and the
//! warnings, each reason written out.

use serde::ser::{Serialize, SerializeStruct, Serializer};

use crate::tariff::{Applicability, Applied, Excluded};

/// Serializes as `{"line", "edition", "applied": [...], "excluded": [...], "warnings": [...]}`:
/// each applied duty with its authority, heading, rate, base, measure key and reason; each
/// exclusion with the measure's key and authority, the heading declared and the reason.
///
/// # Example
/// ```
/// use landed_cost::{CountryCode, TariffBook};
/// let what = TariffBook::embedded().applicable(&"6402.99.90".parse()?, CountryCode::CN, "2025-04-15".parse()?, None)?;
/// let json = serde_json::to_value(&what)?;
/// assert_eq!(json["line"], "6402.99.90");
/// assert_eq!(json["applied"][3]["authority"], "ieepa_reciprocal");
/// assert_eq!(json["applied"][3]["rate"], "125%");
/// assert!(json["applied"][3]["reason"].as_str().unwrap().contains("9903.01.63"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
impl Serialize for Applicability<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut st = s.serialize_struct("Applicability", 5)?;
        st.serialize_field("line", &self.line.code())?;
        st.serialize_field("edition", self.edition.name())?;
        let applied: Vec<AppliedJson<'_, '_>> = self.applied.iter().map(AppliedJson).collect();
        st.serialize_field("applied", &applied)?;
        let excluded: Vec<ExcludedJson<'_, '_>> = self.excluded.iter().map(ExcludedJson).collect();
        st.serialize_field("excluded", &excluded)?;
        st.serialize_field("warnings", &self.warnings)?;
        st.end()
    }
}

struct AppliedJson<'r, 'a>(&'r Applied<'a>);

impl Serialize for AppliedJson<'_, '_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let a = self.0;
        let mut st = s.serialize_struct("Applied", 6)?;
        st.serialize_field("authority", &a.authority)?;
        st.serialize_field("heading", &a.heading)?;
        st.serialize_field("rate", a.rate)?;
        st.serialize_field("base", &a.base)?;
        st.serialize_field("key", a.key())?;
        st.serialize_field("reason", &a.reason.to_string())?;
        st.end()
    }
}

struct ExcludedJson<'r, 'a>(&'r Excluded<'a>);

impl Serialize for ExcludedJson<'_, '_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let e = self.0;
        let mut st = s.serialize_struct("Excluded", 4)?;
        st.serialize_field("key", &e.measure.key)?;
        st.serialize_field("authority", &e.measure.authority)?;
        st.serialize_field("heading", &e.heading)?;
        st.serialize_field("reason", &e.reason.to_string())?;
        st.end()
    }
}
