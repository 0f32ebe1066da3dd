//! [`ProductList`]: a named list of HS prefixes, each on the list between two entry dates.

use std::io::Read;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::hs::{CodeIndex, HsCode};

/// One prefix of a [`ProductList`], on the list from `from` (inclusive) until `until`
/// (exclusive; `None` while it stays), with a tag ("steel:derivative") and its source.
///
/// # Example
/// ```
/// use landed_cost::tariff::ProductList;
/// let csv = "prefix,from,until,tag,source\n8471,2025-04-05,,annex_ii,memo\n85171300,2025-04-05,2025-09-08,annex_ii,memo\n";
/// let list = ProductList::from_csv_reader("annex_ii", csv.as_bytes())?;
/// let phones = &list.entries()[1];
/// assert_eq!(phones.prefix.to_string(), "8517.13.00");
/// assert_eq!((phones.tag.as_str(), phones.source.as_str()), ("annex_ii", "memo"));
/// assert_eq!(phones.until, Some("2025-09-08".parse()?)); // exclusive
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ListEntry {
    /// The HS prefix (2 to 10 digits).
    pub prefix: HsCode,
    /// The first entry date on the list.
    pub from: NaiveDate,
    /// The first entry date no longer on the list.
    pub until: Option<NaiveDate>,
    /// What kind of entry ("annex_ii", "steel:mill", "aluminum:derivative", ...).
    pub tag: String,
    /// Where the entry comes from.
    pub source: String,
}

impl ListEntry {
    /// Whether the entry is on the list on `date`.
    ///
    /// # Example
    /// ```
    /// use landed_cost::tariff::ProductList;
    /// let csv = "prefix,from,until,tag,source\n8471,2025-04-05,,annex_ii,memo\n85171300,2025-04-05,2025-09-08,annex_ii,memo\n";
    /// let list = ProductList::from_csv_reader("annex_ii", csv.as_bytes())?;
    /// let phones = &list.entries()[1];
    /// assert!(phones.in_force("2025-09-07".parse()?));
    /// assert!(!phones.in_force("2025-09-08".parse()?)); // `until` is exclusive
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn in_force(&self, date: NaiveDate) -> bool {
        crate::validity::Validity::new(self.from, self.until).contains(date)
    }
}

/// A named, dated list of HS prefixes (Annex II, Section 232 coverage, exemptions).
///
/// Loaded from CSV with the columns `prefix,from,until,tag,source` (lines starting with `#` are
/// comments). A code is on the list on a date if one of its prefixes is; the most specific
/// prefix wins.
///
/// # Example
/// ```
/// use landed_cost::tariff::ProductList;
/// let csv = "prefix,from,until,tag,source\n8471,2025-04-05,,annex_ii,memo\n85171300,2025-04-05,2025-09-08,annex_ii,memo\n";
/// let list = ProductList::from_csv_reader("annex_ii", csv.as_bytes())?;
/// let day = "2025-05-01".parse()?;
/// assert!(list.find(&"8471.30.01".parse()?, day).is_some());
/// assert!(list.find(&"8517.13.00".parse()?, "2025-09-08".parse()?).is_none());
/// assert!(list.find(&"8471.30.01".parse()?, "2025-04-04".parse()?).is_none());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProductList {
    name: String,
    entries: Vec<ListEntry>,
    /// The entries' prefixes, searched within their chapter.
    index: CodeIndex<2>,
    /// Bit `n` is set when some entry's prefix has `n` digits: only those lengths are searched.
    lengths: u16,
}

impl ProductList {
    /// Reads a list from CSV.
    ///
    /// # Errors
    /// [`Error::Data`] naming the line and field of a malformed row, or a missing column.
    ///
    /// # Example
    /// ```
    /// use landed_cost::tariff::ProductList;
    /// let csv = "prefix,from,until,tag,source\n8471,2025-04-05,,annex_ii,memo\n";
    /// let list = ProductList::from_csv_reader("annex_ii", csv.as_bytes())?;
    /// assert_eq!(list.entries().len(), 1);
    /// // A malformed date is an error naming the line.
    /// let bad = "prefix,from,until,tag,source\n8471,2025-13-05,,annex_ii,memo\n";
    /// assert!(ProductList::from_csv_reader("annex_ii", bad.as_bytes()).is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn from_csv_reader<R: Read>(name: &str, reader: R) -> Result<ProductList> {
        let mut csv = csv::ReaderBuilder::new()
            .comment(Some(b'#'))
            .trim(csv::Trim::All)
            .from_reader(reader);
        let mut entries = Vec::new();
        let source_name = format!("product list {name}");
        for record in csv.deserialize::<RawEntry>() {
            let raw = record.map_err(|e| crate::error::csv_error(&source_name, &e))?;
            let fail = |field: &str, reason: String| Error::Data {
                source_name: source_name.clone(),
                line: 0,
                field: field.to_owned(),
                reason,
            };
            let prefix: HsCode = raw
                .prefix
                .parse()
                .map_err(|e: crate::hs::HsCodeError| fail("prefix", e.to_string()))?;
            let from: NaiveDate = raw
                .from
                .parse()
                .map_err(|e| fail("from", format!("{:?}: {e}", raw.from)))?;
            let until = match raw.until.as_str() {
                "" => None,
                text => Some(
                    text.parse()
                        .map_err(|e| fail("until", format!("{text:?}: {e}")))?,
                ),
            };
            entries.push(ListEntry {
                prefix,
                from,
                until,
                tag: raw.tag,
                source: raw.source,
            });
        }
        entries.sort_by(|a, b| a.prefix.cmp(&b.prefix).then(a.from.cmp(&b.from)));
        let mut lengths = 0u16;
        for e in &entries {
            lengths |= 1u16.checked_shl(u32::from(e.prefix.len())).unwrap_or(0);
        }
        Ok(ProductList {
            name: name.to_owned(),
            index: CodeIndex::new(entries.iter().map(|e| e.prefix)),
            entries,
            lengths,
        })
    }

    /// The list's name.
    ///
    /// # Example
    /// ```
    /// use landed_cost::tariff::ProductList;
    /// let csv = "prefix,from,until,tag,source\n8471,2025-04-05,,annex_ii,memo\n85171300,2025-04-05,2025-09-08,annex_ii,memo\n";
    /// let list = ProductList::from_csv_reader("annex_ii", csv.as_bytes())?;
    /// assert_eq!(list.name(), "annex_ii");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The entries, by prefix.
    ///
    /// # Example
    /// ```
    /// use landed_cost::tariff::ProductList;
    /// let csv = "prefix,from,until,tag,source\n8471,2025-04-05,,annex_ii,memo\n85171300,2025-04-05,2025-09-08,annex_ii,memo\n";
    /// let list = ProductList::from_csv_reader("annex_ii", csv.as_bytes())?;
    /// let prefixes: Vec<String> = list.entries().iter().map(|e| e.prefix.to_string()).collect();
    /// assert_eq!(prefixes, ["8471", "8517.13.00"]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn entries(&self) -> &[ListEntry] {
        &self.entries
    }

    /// The most specific entry covering `code` that is in force on `date`.
    ///
    /// # Example
    /// ```
    /// use landed_cost::tariff::ProductList;
    /// let csv = "prefix,from,until,tag,source\n8471,2025-04-05,,annex_ii,memo\n85171300,2025-04-05,2025-09-08,annex_ii,memo\n";
    /// let list = ProductList::from_csv_reader("annex_ii", csv.as_bytes())?;
    /// let entry = list.find(&"8471.30.01".parse()?, "2025-05-01".parse()?);
    /// assert_eq!(entry.map(|e| e.prefix.to_string()), Some("8471".into()));
    /// assert!(list.find(&"8471.30.01".parse()?, "2025-04-04".parse()?).is_none());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn find(&self, code: &HsCode, date: NaiveDate) -> Option<&ListEntry> {
        self.find_tagged(code, date, None)
    }

    /// As [`ProductList::find`], counting only entries whose tag equals `tag` when given.
    ///
    /// # Example
    /// ```
    /// use landed_cost::tariff::ProductList;
    /// let csv = "prefix,from,until,tag,source\n7326,2025-03-12,,steel:derivative,x\n";
    /// let list = ProductList::from_csv_reader("s232", csv.as_bytes())?;
    /// let (code, day) = ("7326.90.86".parse()?, "2025-06-01".parse()?);
    /// assert!(list.find_tagged(&code, day, Some("steel:derivative")).is_some());
    /// assert!(list.find_tagged(&code, day, Some("aluminum:derivative")).is_none());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn find_tagged(
        &self,
        code: &HsCode,
        date: NaiveDate,
        tag: Option<&str>,
    ) -> Option<&ListEntry> {
        // Most codes are in chapters the list does not name: answered without a search.
        let chapter = self.index.group(code);
        if chapter.is_empty() {
            return None;
        }
        // The lengths of the list's prefixes up to the code's, longest first.
        let mut lengths = self.lengths & (2u16 << code.len()).wrapping_sub(1);
        while lengths != 0 {
            let len = 15 - lengths.leading_zeros();
            lengths &= !(1u16 << len);
            let found = u8::try_from(len)
                .ok()
                .and_then(|len| code.truncate(len))
                .and_then(|prefix| self.entries.get(chapter.positions(&prefix)))
                .and_then(|same| {
                    same.iter()
                        .find(|e| e.in_force(date) && tag.is_none_or(|t| e.tag == t))
                });
            if found.is_some() {
                return found;
            }
        }
        None
    }
}

impl ProductList {
    /// An entry in force on `date` (with `tag`, when given) whose prefix is longer than `code`
    /// and under it: the list covers some of `code`'s statistical suffixes, so whether it
    /// covers the goods depends on the full 10-digit code.
    ///
    /// # Example
    /// ```
    /// use landed_cost::tariff::ProductList;
    /// let csv = "prefix,from,until,tag,source\n7326908605,2026-04-06,,1a,x\n";
    /// let list = ProductList::from_csv_reader("annex", csv.as_bytes())?;
    /// let day = "2026-08-01".parse()?;
    /// assert!(list.find(&"7326.90.86".parse()?, day).is_none());
    /// assert!(list.finer_tagged(&"7326.90.86".parse()?, day, Some("1a")).is_some());
    /// assert!(list.finer_tagged(&"7326.90.10".parse()?, day, None).is_none());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn finer_tagged(
        &self,
        code: &HsCode,
        date: NaiveDate,
        tag: Option<&str>,
    ) -> Option<&ListEntry> {
        // The entries under the code are in its chapter, from the first not before it.
        let start = self.index.group(code).lower_bound(code);
        self.entries
            .get(start..)?
            .iter()
            .take_while(|e| code.covers(&e.prefix))
            .find(|e| {
                e.prefix.len() > code.len() && e.in_force(date) && tag.is_none_or(|t| e.tag == t)
            })
    }
}

#[derive(Deserialize)]
struct RawEntry {
    prefix: String,
    from: String,
    #[serde(default)]
    until: String,
    #[serde(default)]
    tag: String,
    #[serde(default)]
    source: String,
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The indexed search must answer as a plain scan of every entry does: the most specific
    /// prefix in force with the tag.
    fn naive<'a>(
        list: &'a ProductList,
        code: &HsCode,
        date: NaiveDate,
        tag: Option<&str>,
    ) -> Option<&'a ListEntry> {
        list.entries()
            .iter()
            .filter(|e| e.prefix.covers(code) && e.in_force(date))
            .filter(|e| tag.is_none_or(|t| e.tag == t))
            .max_by_key(|e| e.prefix.len())
    }

    fn code(digits: u64, len: u8) -> HsCode {
        HsCode::from_digits(digits, 10)
            .ok()
            .and_then(|c| c.truncate(len))
            .unwrap()
    }

    proptest! {
        #[test]
        fn indexed_search_agrees_with_a_scan(
            entries in proptest::collection::vec((0u64..10_000_000_000, 1u8..6, 0u32..4, any::<bool>()), 0..40),
            probes in proptest::collection::vec((0u64..10_000_000_000, 0u32..4), 1..40),
        ) {
            let mut csv = String::from("prefix,from,until,tag,source\n");
            for (digits, half_len, day, tagged) in &entries {
                let prefix = code(*digits, half_len * 2);
                let tag = if *tagged { "a" } else { "b" };
                csv.push_str(&format!("{},2025-01-0{},,{tag},test\n", prefix, day + 1));
            }
            let list = ProductList::from_csv_reader("p", csv.as_bytes()).unwrap();
            // Probe codes near the entries (so prefixes match) and anywhere.
            let near = entries.iter().map(|(d, ..)| (*d, 2u32));
            for (digits, day) in probes.iter().copied().chain(near) {
                let date = NaiveDate::from_ymd_opt(2025, 1, day + 1).unwrap();
                for len in [10, 8, 6, 4] {
                    let c = code(digits, len);
                    for tag in [None, Some("a")] {
                        prop_assert_eq!(
                            list.find_tagged(&c, date, tag).map(|e| e.prefix),
                            naive(&list, &c, date, tag).map(|e| e.prefix)
                        );
                        // The first entry under the code, longer than it, in force, with the tag.
                        let finer = list.entries().iter().find(|e| {
                            c.covers(&e.prefix) && e.prefix.len() > c.len() && e.in_force(date)
                                && tag.is_none_or(|t| e.tag == t)
                        });
                        prop_assert_eq!(
                            list.finer_tagged(&c, date, tag).map(|e| e.prefix),
                            finer.map(|e| e.prefix)
                        );
                    }
                }
            }
        }
    }
}
