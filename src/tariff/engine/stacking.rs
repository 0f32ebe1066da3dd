//! Stacking: measures of one authority do not add up unless their data says so (`stacks`).
//! Where the HTS refers a line to two of them (9903.88.04 and 9903.88.15: the product
//! description decides), the higher ad valorem rate is charged and the choice is reported; on
//! equal rates the one earlier in the order is kept.

use crate::money::Rate;
use crate::tariff::applicability::{Applied, Excluded};
use crate::tariff::engine::{explain, Buffer, Notes};
use crate::tariff::hts::HtsLine;
use crate::tariff::reason::ExclusionReason;
use crate::warning::WarningCode;

/// Keeps one of each group of non-stacking measures of one authority among `applied`.
#[inline]
pub(crate) fn resolve<'b, B: Buffer<Applied<'b>>, N: Notes<'b>>(
    applied: &mut B,
    line: &HtsLine,
    notes: &mut N,
) {
    // Each pass finds the first pair of rivals and drops the lower; what is left is looked at
    // again from the start until no two measures are rivals.
    while let Some((i, j)) = first_rivals(applied) {
        let rate = |a: &Applied<'_>| a.rate.ad_valorem_rate().unwrap_or(Rate::ZERO);
        let (lose, win) = match (applied.get(i), applied.get(j)) {
            (Some(a), Some(b)) if rate(b) > rate(a) => (i, j),
            _ => (j, i),
        };
        let winner = applied.get(win).map(|w| (w.heading, w.rate));
        let loser = applied.remove(lose);
        if let (Some(m), Some((heading, rate))) = (loser.measure, winner) {
            notes.warn(WarningCode::HigherRateChosen, || {
                explain::higher_rate(line, m, heading, rate)
            });
            notes.exclude(Excluded {
                measure: m,
                heading: None,
                reason: ExclusionReason::HigherRate { heading, rate },
            });
        }
    }
}

/// The first measure with a rival (another measure of its authority, neither stacking), and
/// the first rival.
fn first_rivals(applied: &[Applied<'_>]) -> Option<(usize, usize)> {
    let alone = |a: &Applied<'_>| a.measure.is_some_and(|m| !m.stacks);
    applied.iter().enumerate().find_map(|(i, current)| {
        if !alone(current) {
            return None;
        }
        applied
            .iter()
            .enumerate()
            .position(|(j, b)| j != i && b.authority == current.authority && alone(b))
            .map(|j| (i, j))
    })
}

#[cfg(all(test, feature = "embedded-data"))]
mod tests {
    use serde_json::json;

    use crate::tariff::engine::fixture::{applied, ask, book, excluded, measure, warnings};
    use crate::tariff::Claims;
    use crate::warning::WarningCode;

    #[test]
    fn two_measures_of_one_authority_charge_the_higher_rate() {
        let book = book(vec![
            measure(
                "low",
                json!({"authority": "section301", "heading": "9903.88.15", "rate": "7.5%"}),
            ),
            measure(
                "high",
                json!({"authority": "section301", "heading": "9903.88.04", "rate": "25%"}),
            ),
        ]);
        let what = ask(&book, "6402.99.90", Claims::NONE);
        assert_eq!(applied(&what), ["mfn", "high"]);
        assert_eq!(excluded(&what)[0].0, "low");
        assert_eq!(warnings(&what), [WarningCode::HigherRateChosen]);
    }

    #[test]
    fn on_equal_rates_the_first_in_the_data_is_kept() {
        let book = book(vec![
            measure("first", json!({"authority": "section301"})),
            measure(
                "second",
                json!({"authority": "section301", "heading": "9903.99.02"}),
            ),
        ]);
        assert_eq!(
            applied(&ask(&book, "6402.99.90", Claims::NONE)),
            ["mfn", "first"]
        );
    }

    #[test]
    fn measures_that_stack_are_all_charged() {
        let book = book(vec![
            measure("a", json!({"authority": "section301", "stacks": true})),
            measure(
                "b",
                json!({"authority": "section301", "heading": "9903.99.02"}),
            ),
        ]);
        let what = ask(&book, "6402.99.90", Claims::NONE);
        assert_eq!(applied(&what), ["mfn", "a", "b"]);
        assert!(what.warnings.is_empty());
    }

    #[test]
    fn three_rivals_leave_the_highest() {
        let book = book(vec![
            measure("ten", json!({"authority": "section301"})),
            measure(
                "twenty",
                json!({"authority": "section301", "heading": "9903.99.02", "rate": "20%"}),
            ),
            measure(
                "five",
                json!({"authority": "section301", "heading": "9903.99.03", "rate": "5%"}),
            ),
        ]);
        let what = ask(&book, "6402.99.90", Claims::NONE);
        assert_eq!(applied(&what), ["mfn", "twenty"]);
        assert_eq!(what.excluded.len(), 2);
    }

    #[test]
    fn charges_come_out_by_authority() {
        let book = book(vec![
            measure(
                "recip",
                json!({"authority": "ieepa_reciprocal", "stacks": true}),
            ),
            measure(
                "s301",
                json!({"authority": "section301", "heading": "9903.99.02"}),
            ),
        ]);
        assert_eq!(
            applied(&ask(&book, "6402.99.90", Claims::NONE)),
            ["mfn", "s301", "recip"]
        );
    }
}
