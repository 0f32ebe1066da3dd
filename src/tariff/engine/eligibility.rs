//! Eligibility: a measure that covers the goods, on its own. In this order, each stage can
//! exclude it (and the first that does decides the reason):
//!
//! 1. a measure that applies only when claimed, not claimed ([`Measure::claim_required`]);
//! 2. an in-transit rule for the loading and entry dates: exempt, or another rate and heading;
//! 3. an exemption the importer claims ([`Exclusion::Claim`]: a heading, or the USMCA);
//! 4. excepted prefixes ([`Exclusion::Prefixes`]);
//! 5. an exempt product list ([`Exclusion::List`]).
//!
//! What is left applies, with the measure's warning, a warning when its facts are not
//! confirmed, and a floor the MFN rate already meets declared under the floor's "met" heading.

use std::sync::Arc;

use chrono::NaiveDate;

use crate::hs::HsCode;
use crate::money::Rate;
use crate::tariff::applicability::{Applied, Excluded};
use crate::tariff::duty_rate::DutyRate;
use crate::tariff::engine::index::MeasureLinks;
use crate::tariff::engine::{explain, Buffer, Goods, Notes, Tables};
use crate::tariff::measure::{Exclusion, InTransitRule, Measure, Treatment};
use crate::tariff::reason::{AppliedReason, ExclusionReason};
use crate::warning::WarningCode;

/// What a covering measure comes to on its own: the duty it applies, added to `applied`, or
/// the reason it does not, told to `notes`. `mfn` is the MFN ad valorem rate, if it is
/// one.
#[inline]
pub(crate) fn evaluate<'b, B: Buffer<Applied<'b>>, N: Notes<'b>>(
    tables: Tables<'b>,
    m: &'b Arc<Measure>,
    links: &MeasureLinks,
    goods: &Goods<'b, '_>,
    mfn: Option<Rate>,
    applied: &mut B,
    notes: &mut N,
) {
    if m.claim_required && !goods.claims.claims_heading(&m.heading) {
        notes.exclude(Excluded {
            measure: m,
            heading: None,
            reason: ExclusionReason::ClaimRequired { heading: m.heading },
        });
        notes.warn(WarningCode::ClaimRequired, || {
            explain::claim_required(m, goods.line)
        });
        return;
    }
    let mut charge = Charge::of(m);
    if let Some((rule, loaded)) = in_transit(m, goods) {
        match &rule.treatment {
            Treatment::Exempt => {
                notes.exclude(Excluded {
                    measure: m,
                    heading: Some(rule.heading),
                    reason: ExclusionReason::InTransit { rule, loaded },
                });
                return;
            }
            Treatment::Rate(r) => charge = Charge::in_transit(m, rule, r, loaded),
        }
    }
    if let Some(excluded) = claimed(m, goods) {
        notes.exclude(excluded);
        return;
    }
    if !goods.claims.claims_usmca() {
        if let Some(heading) = usmca_claim(m, goods) {
            notes.warn(WarningCode::ClaimAssumedAbsent, || {
                let shared = links.usmca.iter().find(|(h, _)| *h == heading);
                explain::usmca_assumed_absent(m, shared.map(|(_, text)| text), heading)
            });
        }
    }
    if let Some(excluded) = excepted_prefix(m, goods).or_else(|| on_list(tables, m, links, goods)) {
        notes.exclude(excluded);
        return;
    }
    if let Some(w) = &links.warning {
        notes.warn(WarningCode::MeasureWarning, || explain::measure_warning(w));
    }
    if m.evidence.needs_warning() {
        notes.warn(WarningCode::OneSourceFact, || explain::one_source(m));
    }
    applied.push(charge.applied(m, mfn));
}

/// The rate, heading and reason a measure is charged with: its own, or an in-transit rule's.
struct Charge<'b> {
    rate: &'b DutyRate,
    heading: HsCode,
    reason: AppliedReason<'b>,
}

impl<'b> Charge<'b> {
    fn of(m: &'b Arc<Measure>) -> Charge<'b> {
        Charge {
            rate: &m.rate,
            heading: m.heading,
            reason: AppliedReason::Measure {
                measure: m,
                non_metal: None,
            },
        }
    }

    fn in_transit(
        m: &'b Arc<Measure>,
        rule: &'b InTransitRule,
        rate: &'b DutyRate,
        loaded: NaiveDate,
    ) -> Charge<'b> {
        Charge {
            rate,
            heading: rule.heading,
            reason: AppliedReason::InTransit {
                measure: m,
                rule,
                rate,
                loaded,
                non_metal: None,
            },
        }
    }

    /// The duty applied. A floor measure whose floor the MFN rate already meets is declared
    /// under its "no additional duty" heading; an in-transit rate replaces the floor.
    #[inline]
    fn applied(self, m: &'b Arc<Measure>, mfn: Option<Rate>) -> Applied<'b> {
        let floor = m.floor.filter(|_| std::ptr::eq(self.rate, &m.rate));
        let mut heading = self.heading;
        if let (Some(f), Some(mfn)) = (floor, mfn) {
            if f.additional(mfn).is_zero() {
                heading = f.met_heading;
            }
        }
        Applied {
            authority: m.authority,
            heading,
            rate: self.rate,
            base: m.base,
            us_content_threshold: m.us_content_threshold,
            floor,
            measure: Some(m),
            reason: self.reason,
        }
    }
}

/// The in-transit rule for goods loaded on `loaded_date` and entered on the entry date.
#[inline]
fn in_transit<'b>(m: &'b Measure, goods: &Goods<'_, '_>) -> Option<(&'b InTransitRule, NaiveDate)> {
    let loaded = goods.loaded_date?;
    m.in_transit
        .iter()
        .find(|r| r.matches(loaded, goods.entry_date))
        .map(|r| (r, loaded))
}

/// Whether an exemption claim may be made for goods of the origin.
#[inline]
fn claim_open_to(origins: &[crate::country::CountryCode], goods: &Goods<'_, '_>) -> bool {
    origins.is_empty() || origins.contains(&goods.origin)
}

/// An exemption the importer claims: a heading in the line's claims, or the USMCA.
#[inline]
fn claimed<'b>(m: &'b Arc<Measure>, goods: &Goods<'_, '_>) -> Option<Excluded<'b>> {
    let (heading, usmca) = m.exclusions.iter().find_map(|e| match e {
        Exclusion::Claim {
            heading,
            usmca,
            origins,
        } if claim_open_to(origins, goods) => {
            let by_usmca = *usmca && goods.claims.claims_usmca();
            (by_usmca || goods.claims.claims_heading(heading)).then_some((*heading, by_usmca))
        }
        _ => None,
    })?;
    Some(Excluded {
        measure: m,
        heading: Some(heading),
        reason: ExclusionReason::Claimed { heading, usmca },
    })
}

/// The heading of a USMCA exemption the goods could claim.
#[inline]
fn usmca_claim(m: &Measure, goods: &Goods<'_, '_>) -> Option<HsCode> {
    m.exclusions.iter().find_map(|e| match e {
        Exclusion::Claim {
            heading,
            usmca: true,
            origins,
        } if claim_open_to(origins, goods) => Some(*heading),
        _ => None,
    })
}

/// Goods under one of the measure's excepted prefixes.
#[inline]
fn excepted_prefix<'b>(m: &'b Arc<Measure>, goods: &Goods<'_, '_>) -> Option<Excluded<'b>> {
    let heading = m.exclusions.iter().find_map(|e| match e {
        Exclusion::Prefixes { prefixes, heading }
            if prefixes.iter().any(|p| p.covers(goods.hs)) =>
        {
            Some(*heading)
        }
        _ => None,
    })?;
    Some(Excluded {
        measure: m,
        heading: Some(heading),
        reason: ExclusionReason::ExceptedProducts {
            code: *goods.hs,
            heading,
        },
    })
}

/// Goods on one of the measure's exempt product lists on the entry date.
#[inline]
fn on_list<'b>(
    tables: Tables<'b>,
    m: &'b Arc<Measure>,
    links: &MeasureLinks,
    goods: &Goods<'_, '_>,
) -> Option<Excluded<'b>> {
    m.exclusions.iter().enumerate().find_map(|(i, e)| match e {
        Exclusion::List { name, heading, tag } => {
            // A list none of whose entries is in the goods' heading is not searched.
            let list = links
                .exclusions
                .get(i)
                .copied()
                .flatten()
                .filter(|l| tables.list_reach.may_hold(*l, goods.hs))
                .and_then(|l| tables.lists.get(l))?;
            let entry = list.find_tagged(goods.hs, goods.entry_date, tag.as_deref())?;
            Some(Excluded {
                measure: m,
                heading: Some(*heading),
                reason: ExclusionReason::OnList {
                    list: name,
                    code: *goods.hs,
                    entry,
                    heading: *heading,
                },
            })
        }
        _ => None,
    })
}

#[cfg(all(test, feature = "embedded-data"))]
mod tests {
    use serde_json::json;

    use crate::country::CountryCode;
    use crate::tariff::engine::fixture::{
        applied, ask, ask_on, book, book_with_list, excluded, hs, measure, warnings, DAY,
    };
    use crate::tariff::Claims;
    use crate::warning::WarningCode;

    #[test]
    fn a_measure_that_needs_a_claim_applies_only_when_claimed() {
        let book = book(vec![measure("claimed", json!({"claim_required": true}))]);
        let plain = ask(&book, "6402.99.90", Claims::NONE);
        assert_eq!(applied(&plain), ["mfn"]);
        assert_eq!(excluded(&plain).len(), 1);
        assert_eq!(warnings(&plain), [WarningCode::ClaimRequired]);
        let heading = [hs("9903.99.01")];
        let claimed = ask(&book, "6402.99.90", Claims::headings(&heading));
        assert_eq!(applied(&claimed), ["mfn", "claimed"]);
    }

    #[test]
    fn goods_in_transit_are_exempt_or_charged_the_transit_rate() {
        let transit = |treatment| {
            json!({"in_transit": [{"heading": "9903.99.02", "loaded_before": "2025-05-15",
                                   "entered_before": "2025-07-01", "treatment": treatment}]})
        };
        let exempt = book(vec![measure("m", transit(json!("exempt")))]);
        let rate = book(vec![measure("m", transit(json!({"rate": "5%"})))]);
        let ask = |book, loaded| {
            ask_on(
                book,
                "6402.99.90",
                CountryCode::VN,
                DAY,
                loaded,
                Claims::NONE,
            )
        };
        let what = ask(&exempt, Some("2025-05-01"));
        assert_eq!(applied(&what), ["mfn"]);
        assert_eq!(what.excluded[0].heading, Some(hs("9903.99.02")));
        assert_eq!(applied(&ask(&exempt, Some("2025-05-20"))), ["mfn", "m"]);
        assert_eq!(applied(&ask(&exempt, None)), ["mfn", "m"]);
        let what = ask(&rate, Some("2025-05-01"));
        let charged = &what.applied[1];
        assert_eq!(
            (charged.heading, charged.rate.to_string()),
            (hs("9903.99.02"), "5%".into())
        );
    }

    #[test]
    fn a_claimed_exemption_heading_excludes_the_measure() {
        let claim = json!({"exclusions": [{"claim": {"heading": "9903.01.31"}}]});
        let book = book(vec![measure("m", claim)]);
        assert_eq!(
            applied(&ask(&book, "6402.99.90", Claims::NONE)),
            ["mfn", "m"]
        );
        let heading = [hs("9903.01.31")];
        let what = ask(&book, "6402.99.90", Claims::headings(&heading));
        assert_eq!(applied(&what), ["mfn"]);
        assert_eq!(what.excluded[0].heading, Some(heading[0]));
    }

    #[test]
    fn a_usmca_exemption_is_claimed_or_assumed_absent_with_a_warning() {
        let claim = json!({"exclusions": [{"claim": {"heading": "9903.01.26", "usmca": true}}]});
        let book = book(vec![measure("m", claim)]);
        let plain = ask(&book, "6402.99.90", Claims::NONE);
        assert_eq!(applied(&plain), ["mfn", "m"]);
        assert_eq!(warnings(&plain), [WarningCode::ClaimAssumedAbsent]);
        let usmca = ask(&book, "6402.99.90", Claims::NONE.with_usmca(true));
        assert_eq!(applied(&usmca), ["mfn"]);
        assert!(usmca.warnings.is_empty());
    }

    #[test]
    fn a_claim_limited_to_origins_is_open_only_to_them() {
        let claim = json!({"exclusions": [{"claim": {"heading": "9903.01.26", "usmca": true,
                                                     "origins": ["MX"]}}]});
        let book = book(vec![measure("m", claim)]);
        let what = ask(&book, "6402.99.90", Claims::NONE.with_usmca(true));
        assert_eq!(applied(&what), ["mfn", "m"]);
        assert!(what.warnings.is_empty());
    }

    #[test]
    fn excepted_prefixes_exclude_the_goods_under_them() {
        let except = json!({"exclusions": [{"prefixes": {"prefixes": ["6402.99"], "heading": "9903.99.03"}}]});
        let book = book(vec![measure("m", except)]);
        let what = ask(&book, "6402.99.90", Claims::NONE);
        assert_eq!(applied(&what), ["mfn"]);
        assert_eq!(what.excluded[0].heading, Some(hs("9903.99.03")));
        assert_eq!(
            applied(&ask(&book, "0304.72.50.00", Claims::NONE)),
            ["mfn", "m"]
        );
    }

    #[test]
    fn an_exempt_list_excludes_its_entries_on_the_date() {
        let except =
            json!({"exclusions": [{"list": {"name": "fixture", "heading": "9903.99.04"}}]});
        let book = book_with_list(
            Some("6402.99.90,2025-01-01,,,x\n6402.99.04,2025-07-01,,,x\n"),
            vec![measure("m", except)],
        );
        let what = ask(&book, "6402.99.90", Claims::NONE);
        assert_eq!(applied(&what), ["mfn"]);
        assert_eq!(what.excluded[0].heading, Some(hs("9903.99.04")));
        // On the list only from 1 July.
        assert_eq!(
            applied(&ask(&book, "6402.99.04.00", Claims::NONE)),
            ["mfn", "m"]
        );
    }

    #[test]
    fn a_measure_applied_carries_its_warning_and_its_evidence() {
        let book = book(vec![
            measure("warned", json!({"warning": "check the fixture"})),
            measure(
                "one_source",
                json!({"heading": "9903.99.05", "evidence": "one_source", "stacks": true}),
            ),
        ]);
        let what = ask(&book, "6402.99.90", Claims::NONE);
        assert_eq!(
            warnings(&what),
            [WarningCode::MeasureWarning, WarningCode::OneSourceFact]
        );
        assert_eq!(what.warnings[0].message(), "check the fixture");
    }

    #[test]
    fn a_floor_the_mfn_rate_meets_is_declared_under_its_met_heading() {
        let floor = json!({"rate": "15%", "floor": {"total": "15%", "met_heading": "9903.99.06"}});
        let book = book(vec![measure("floor", floor)]);
        // MFN 20% meets the floor; MFN free does not.
        assert_eq!(
            ask(&book, "6402.99.90", Claims::NONE).applied[1].heading,
            hs("9903.99.06")
        );
        assert_eq!(
            ask(&book, "9403.60.80", Claims::NONE).applied[1].heading,
            hs("9903.99.01")
        );
    }
}
