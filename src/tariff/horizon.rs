//! The data horizon: the date a [`TariffBook`](crate::tariff::TariffBook)'s US rules are known through, and what a question
//! after it gets.
//!
//! Rules change on dates the data records: a measure's start and end, a product list's
//! additions and removals, an HTS edition's effective date, a fee schedule's first day, the end
//! of a de minimis exemption. The last of those dates is the horizon: after it the data cannot
//! say whether something changed. A quote or a what-applies answer for a later date is given
//! from the rules as known, with a `rules_known_through` warning, or refused in strict mode
//! ([`QuoteOptions::strict`](crate::landed::QuoteOptions::strict)).

use chrono::NaiveDate;

use crate::error::{Error, Result};
use crate::market::us::UsRules;
use crate::tariff::hts::Hts;
use crate::tariff::measure::{Exclusion, Measure, ProductScope};
use crate::tariff::product_list::ProductList;
use crate::validity::IsoDate;
use crate::warning::{Warning, WarningCode};

/// The dates a measure's rules change on: its start and end, and each addition and removal of
/// an entry of a product list of `lists` it uses (as its scope or an exclusion).
pub(crate) fn change_dates<'m>(
    m: &'m Measure,
    lists: &'m [ProductList],
) -> impl Iterator<Item = NaiveDate> + 'm {
    let names = std::iter::once(match &m.products {
        ProductScope::List { name, .. } => Some(name.as_str()),
        _ => None,
    })
    .chain(m.exclusions.iter().map(|e| match e {
        Exclusion::List { name, .. } => Some(name.as_str()),
        _ => None,
    }))
    .flatten();
    let list = |name: &str| lists.iter().find(|l| l.name() == name);
    std::iter::once(m.valid_from).chain(m.valid_until).chain(
        names
            .filter_map(list)
            .flat_map(ProductList::entries)
            .flat_map(|entry| std::iter::once(entry.from).chain(entry.until)),
    )
}

/// The last dated change of a book's US rules.
pub(crate) fn last_change(
    measures: &[std::sync::Arc<Measure>],
    lists: &[ProductList],
    hts: &Hts,
    rules: &UsRules,
) -> NaiveDate {
    let mut last = NaiveDate::MIN;
    let mut see = |d: NaiveDate| last = last.max(d);
    for m in measures {
        change_dates(m, lists).for_each(&mut see);
    }
    for edition in hts.editions() {
        see(edition.effective());
    }
    // A fee year's first day is a change; its last is not (the next year's figures are not
    // known until they are published).
    for year in &rules.fees.mpf.fiscal_years {
        see(year.validity.from);
    }
    for rule in &rules.low_value.de_minimis {
        rule.until.into_iter().for_each(&mut see);
    }
    for regime in &rules.low_value.postal {
        see(regime.validity.from);
        regime.validity.until.into_iter().for_each(&mut see);
        regime.per_item_until.into_iter().for_each(&mut see);
    }
    rules.column2.change_dates().for_each(&mut see);
    last
}

/// The warning for a date after the horizon, or the error in strict mode.
pub(crate) fn check(
    date: NaiveDate,
    known_through: NaiveDate,
    what: &str,
    strict: bool,
) -> Result<Option<Warning>> {
    if date <= known_through {
        return Ok(None);
    }
    if strict {
        return Err(Error::BeyondDataHorizon {
            date,
            known_through,
            what: what.to_owned(),
        });
    }
    Ok(Some(Warning::new(
        WarningCode::RulesKnownThrough,
        // The dates written by `IsoDate`, chrono's text without its general formatter: the
        // warning is written for every quote after the horizon.
        format!(
            "the {what} held are known through {} (the last dated change they hold, or the date \
             their sources reach); {} is answered from the rules as known then, and a change \
             announced after it is not reflected",
            IsoDate(known_through),
            IsoDate(date)
        ),
    )))
}

/// What the US horizon is the horizon of, in messages.
pub(crate) const US_RULES: &str = "US tariff rules";
