//! A stable order of a shipment's lines by their content, for the choices that would otherwise
//! fall to the lines' positions: which of two tied lines gets the last cent of freight, and
//! which line carries a charge made once for several lines. Reordering the lines of a shipment
//! therefore reorders its quote's lines and changes nothing else.

use std::cmp::Ordering;

use rust_decimal::Decimal;

use crate::country::CountryCode;
use crate::hs::HsCode;
use crate::landed::shipment::Line;

/// A line's place in the stable order: its code, value, origin and description, then the whole
/// line as JSON (two lines with the same key are the same line).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct LineKey<'a> {
    hts: HsCode,
    value: Decimal,
    origin: Option<CountryCode>,
    description: &'a str,
    json: String,
}

impl<'a> LineKey<'a> {
    /// The key of a line.
    pub(crate) fn of(line: &'a Line) -> LineKey<'a> {
        LineKey {
            hts: line.hts,
            value: line.value,
            origin: line.origin,
            description: &line.description,
            json: serde_json::to_string(line).unwrap_or_default(),
        }
    }
}

/// How two lines compare in the stable order; the JSON form is written only when the first
/// fields tie.
pub(crate) fn cmp(a: &Line, b: &Line) -> Ordering {
    a.hts
        .cmp(&b.hts)
        .then_with(|| a.value.cmp(&b.value))
        .then_with(|| a.origin.cmp(&b.origin))
        .then_with(|| a.description.cmp(&b.description))
        .then_with(|| LineKey::of(a).cmp(&LineKey::of(b)))
}

/// The index of the first line in the stable order among `indices`.
pub(crate) fn first(lines: &[Line], indices: impl IntoIterator<Item = usize>) -> Option<usize> {
    indices
        .into_iter()
        .filter_map(|i| lines.get(i).map(|l| (i, l)))
        .min_by(|(_, a), (_, b)| cmp(a, b))
        .map(|(i, _)| i)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(json: &str) -> Line {
        serde_json::from_str(json).unwrap()
    }

    #[test]
    fn the_order_is_by_content_not_position() {
        let a = line(r#"{"hts":"6402.99.90","value":"100.50"}"#);
        let b = line(r#"{"hts":"6402.99.90","value":"100.50","claims":["9903.88.69"]}"#);
        let c = line(r#"{"hts":"6110.20.20","value":"100.50"}"#);
        assert_eq!(cmp(&a, &b), cmp(&b, &a).reverse());
        assert_ne!(cmp(&a, &b), Ordering::Equal);
        assert_eq!(cmp(&a, &a.clone()), Ordering::Equal);
        let lines = [a.clone(), b.clone(), c.clone()];
        let swapped = [b, c, a];
        assert_eq!(first(&lines, 0..3), Some(2));
        assert_eq!(first(&swapped, 0..3), Some(1));
    }
}
