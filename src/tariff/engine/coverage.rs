//! Coverage: whether a measure's product scope holds the goods on the date.
//!
//! The measures whose scope cannot reach the goods' heading are passed over before this stage
//! (`reach.rs`); this stage decides on the scope itself, on the date. A scope the data does not model (a U.S. note it does not hold) covers nothing
//! but warns when its prefixes hold the code; a list measure that covers only some statistical
//! suffixes of a shorter code warns that the 10-digit code decides.

use chrono::NaiveDate;

use crate::hs::HsCode;
use crate::tariff::engine::explain;
use crate::tariff::engine::index::MeasureLinks;
use crate::tariff::engine::{Goods, Notes, Tables};
use crate::tariff::hts::{Edition, HtsLine};
use crate::tariff::measure::{Measure, ProductScope};
use crate::tariff::product_list::ListEntry;
use crate::warning::WarningCode;

/// Whether `m` covers the goods, with the warnings of a scope that might cover them.
#[inline]
pub(crate) fn covers_goods<'b>(
    tables: Tables<'_>,
    m: &Measure,
    links: &MeasureLinks,
    goods: &Goods<'_, '_>,
    notes: &mut impl Notes<'b>,
) -> bool {
    if let ProductScope::NotModelled { prefixes } = &m.products {
        if prefixes.iter().any(|p| p.covers(goods.hs)) {
            notes.warn(WarningCode::CoverageNotModelled, || {
                explain::not_modelled(m, goods.line)
            });
        }
        return false;
    }
    let hs = goods.hs;
    if covers(
        tables,
        m,
        links,
        hs,
        goods.line,
        goods.edition,
        goods.entry_date,
    ) {
        return true;
    }
    if let Some(entry) = finer_entry(tables, m, links, hs, goods.entry_date) {
        notes.warn(WarningCode::StatisticalSuffixNeeded, || {
            explain::suffix_needed(m, hs, entry)
        });
    }
    false
}

/// Whether the product scope of `m` holds `hs` (the HTS `line` of `edition`) on `date`.
pub(crate) fn covers(
    tables: Tables<'_>,
    m: &Measure,
    links: &MeasureLinks,
    hs: &HsCode,
    line: &HtsLine,
    edition: &Edition,
    date: NaiveDate,
) -> bool {
    match &m.products {
        ProductScope::All => true,
        ProductScope::Prefixes { include, except } => {
            include.iter().any(|p| p.covers(hs)) && !except.iter().any(|p| p.covers(hs))
        }
        ProductScope::HtsReference(heading) => {
            // The edition in force says which lines the heading covers; for a measure that
            // starts after that edition took effect, the first edition from its start does
            // (USITC adds the footnotes when it publishes the measure's coverage).
            let later = (m.valid_from > edition.effective())
                .then(|| tables.hts.first_edition_from(m.valid_from))
                .flatten()
                .and_then(|e| e.schedule().line_for(hs));
            line.references().contains(heading)
                || later.is_some_and(|l| l.references().contains(heading))
        }
        ProductScope::List { tag, .. } => links
            .scope
            .and_then(|i| tables.lists.get(i))
            .and_then(|l| l.find_tagged(hs, date, tag.as_deref()))
            .is_some(),
        ProductScope::NotModelled { .. } => false,
    }
}

/// For a code shorter than 10 digits that a list measure does not cover, an entry of the list
/// under the code (some of its statistical suffixes are covered).
#[inline]
fn finer_entry<'b>(
    tables: Tables<'b>,
    m: &Measure,
    links: &MeasureLinks,
    hs: &HsCode,
    date: NaiveDate,
) -> Option<&'b ListEntry> {
    match &m.products {
        ProductScope::List { tag, .. } if hs.len() < 10 => links
            .scope
            .and_then(|i| tables.lists.get(i))
            .and_then(|l| l.finer_tagged(hs, date, tag.as_deref())),
        _ => None,
    }
}

#[cfg(all(test, feature = "embedded-data"))]
mod tests {
    use serde_json::json;

    use crate::tariff::engine::fixture::{applied, ask, book, book_with_list, measure, warnings};
    use crate::tariff::Claims;
    use crate::warning::WarningCode;

    #[test]
    fn all_products_cover_every_code() {
        let book = book(vec![measure("all", json!({}))]);
        assert_eq!(
            applied(&ask(&book, "6402.99.90", Claims::NONE)),
            ["mfn", "all"]
        );
        assert_eq!(
            applied(&ask(&book, "0304.72.50.00", Claims::NONE)),
            ["mfn", "all"]
        );
    }

    #[test]
    fn prefixes_cover_what_they_include_less_what_they_except() {
        let scope = json!({"prefixes": {"include": ["6402.99"], "except": ["6402.99.90"]}});
        let book = book(vec![measure("shoes", json!({ "products": scope }))]);
        assert_eq!(
            applied(&ask(&book, "6402.99.04.00", Claims::NONE)),
            ["mfn", "shoes"]
        );
        assert_eq!(applied(&ask(&book, "6402.99.90", Claims::NONE)), ["mfn"]);
        // Another heading: passed over by the reach.
        assert_eq!(applied(&ask(&book, "0304.72.50.00", Claims::NONE)), ["mfn"]);
    }

    #[test]
    fn an_hts_reference_covers_the_lines_that_reference_the_heading() {
        let scope = json!({"hts_reference": "9903.88.69"});
        let book = book(vec![measure("ref", json!({ "products": scope }))]);
        assert_eq!(
            applied(&ask(&book, "0304.72.50.00", Claims::NONE)),
            ["mfn", "ref"]
        );
        assert_eq!(applied(&ask(&book, "0304.72.10.00", Claims::NONE)), ["mfn"]);
    }

    #[test]
    fn a_list_covers_its_entries_with_the_tag_asked() {
        let scope = json!({"list": {"name": "fixture", "tag": "a"}});
        let book = book_with_list(
            Some("6402.99.04,2025-01-01,,a,x\n6402.99.08,2025-01-01,,b,x\n"),
            vec![measure("listed", json!({ "products": scope }))],
        );
        assert_eq!(
            applied(&ask(&book, "6402.99.04.00", Claims::NONE)),
            ["mfn", "listed"]
        );
        assert_eq!(applied(&ask(&book, "6402.99.08.00", Claims::NONE)), ["mfn"]);
    }

    #[test]
    fn a_list_of_finer_codes_warns_that_the_suffix_decides() {
        let scope = json!({"list": {"name": "fixture"}});
        let book = book_with_list(
            Some("6402.99.23.30,2025-01-01,,a,x\n"),
            vec![measure("finer", json!({ "products": scope }))],
        );
        let what = ask(&book, "6402.99.23", Claims::NONE);
        assert_eq!(applied(&what), ["mfn"]);
        assert_eq!(warnings(&what), [WarningCode::StatisticalSuffixNeeded]);
        assert_eq!(
            applied(&ask(&book, "6402.99.23.30", Claims::NONE)),
            ["mfn", "finer"]
        );
    }

    #[test]
    fn a_scope_not_modelled_covers_nothing_and_warns_where_it_may() {
        let scope = json!({"not_modelled": {"prefixes": ["6402"]}});
        let book = book(vec![measure("note", json!({ "products": scope }))]);
        let what = ask(&book, "6402.99.90", Claims::NONE);
        assert_eq!(applied(&what), ["mfn"]);
        assert_eq!(warnings(&what), [WarningCode::CoverageNotModelled]);
        assert!(ask(&book, "0304.72.50.00", Claims::NONE)
            .warnings
            .is_empty());
        // The warning names the measure and its first day, and the note where it has one.
        let message = |book: &crate::tariff::TariffBook| {
            let what = ask(book, "6402.99.90", Claims::NONE);
            what.warnings.first().map(|w| w.message().to_owned())
        };
        let plain = message(&book).unwrap();
        assert!(plain.starts_with("9903.99.01 (fixture note, 2025-01-01) may cover 6402.99.90: "));
        assert!(
            plain.ends_with("so it is not charged; check the note"),
            "{plain}"
        );
        let noted = json!({ "products": scope, "note": "U.S. note 2(a) to subchapter III" });
        let noted = message(&crate::tariff::engine::fixture::book(vec![measure(
            "note", noted,
        )]))
        .unwrap();
        assert_eq!(noted, format!("{plain} (U.S. note 2(a) to subchapter III)"));
    }
}
