//! The checks the fuzz targets (`fuzz/`) run on each input, shared with `tests/fuzz_regressions.rs`,
//! which replays every input a fuzzer ever found (`tests/regressions/<target>/`).
#![allow(dead_code)]

use landed_cost::market::Markets;
use landed_cost::money::fx::ExchangeRateTable;
use landed_cost::tariff::usitc::{HtsExport, TariffDatabase};
use landed_cost::trade::{FeeBook, ProgramBook};
use landed_cost::{
    CountryCode, Currency, DutyBase, DutyRate, HsCode, Money, Quantity, Rate, Shipment, TariffBook,
    Unit,
};
use rust_decimal::Decimal;

/// Money, Rate, Currency, HsCode, Unit, Quantity and CountryCode: an error, or a value whose text
/// parses back to it.
pub fn text_parsers(text: &str) {
    if let Ok(m) = text.parse::<Money>() {
        assert_eq!(m.to_string().parse::<Money>().ok(), Some(m), "{text:?}");
    }
    if let Ok(r) = text.parse::<Rate>() {
        assert_eq!(r.to_string().parse::<Rate>().ok(), Some(r), "{text:?}");
    }
    if let Ok(c) = text.parse::<Currency>() {
        assert_eq!(c.to_string().parse::<Currency>().ok(), Some(c), "{text:?}");
    }
    if let Ok(h) = text.parse::<HsCode>() {
        assert_eq!(h.to_string().parse::<HsCode>().ok(), Some(h), "{text:?}");
    }
    if let Ok(u) = text.parse::<Unit>() {
        assert_eq!(u.to_string().parse::<Unit>().ok(), Some(u), "{text:?}");
    }
    if let Ok(q) = text.parse::<Quantity>() {
        let back = q.to_string().parse::<Quantity>().ok();
        assert_eq!(back.map(|p| p.unit()), Some(q.unit()), "{text:?}");
    }
    let _ = text.parse::<CountryCode>();
}

/// DutyRate: an error, or a rate whose text parses back to it and whose duty on a base is an
/// amount (not negative) or an error.
pub fn duty_rate(text: &str) {
    let Ok(rate) = text.parse::<DutyRate>() else {
        return;
    };
    let shown = rate.to_string();
    assert_eq!(
        shown.parse::<DutyRate>().ok().as_ref(),
        Some(&rate),
        "{text:?} → {shown:?}"
    );
    let base = DutyBase::new(Money::new(Decimal::from(1000), Currency::USD))
        .with_quantity(Quantity::new(Decimal::from(12), Unit::Kilogram))
        .with_quantity(Quantity::new(Decimal::from(7), Unit::Pair))
        .with_quantity(Quantity::new(Decimal::from(3), Unit::Liter));
    if let Ok(duty) = rate.duty(&base) {
        assert!(!duty.amount().is_sign_negative(), "{text:?} gave {duty}");
    }
}

/// The USITC and exchange-rate loaders: an error or a value.
pub fn usitc_files(bytes: &[u8]) {
    let _ = TariffDatabase::from_csv_reader(bytes);
    let _ = HtsExport::from_json_reader(bytes);
    let _ = HtsExport::from_csv_reader(bytes);
    let _ = ExchangeRateTable::from_csv_reader(bytes);
    let _ = ExchangeRateTable::from_json_reader(bytes);
}

/// Shipment, measure, market and exporter JSON: an error or a value; a shipment that reads is
/// quoted, and its quote is an error or adds up.
pub fn json_inputs(bytes: &[u8]) {
    if let Ok(shipment) = serde_json::from_slice::<Shipment>(bytes) {
        quote(&shipment);
    }
    let _ = TariffBook::from_json_reader(bytes);
    let _ = Markets::from_json_reader(bytes);
    let _ = ProgramBook::from_json_reader(bytes);
    let _ = FeeBook::from_json_reader(bytes);
}

/// A quote is an error, or a result whose charges are not negative and sit where their
/// authorities' kinds say (duties, fees, taxes), whose duties add up, which
/// holds at least its charges, freight and insurance, which is the same when quoted again, and
/// whose totals are the same with the lines in reverse order.
pub fn quote(s: &Shipment) {
    let Ok(q) = TariffBook::embedded().quote(s) else {
        return;
    };
    for c in q.charges() {
        assert!(!c.amount.is_sign_negative(), "{s:?}: {c:?}");
    }
    // Each charge sits where its authority's kind says.
    use landed_cost::market::ChargeKind;
    for c in q.duties() {
        assert_eq!(c.authority.kind(), ChargeKind::Duty, "{s:?}: {c:?}");
    }
    for f in &q.fees {
        assert_eq!(f.authority.kind(), ChargeKind::Fee, "{s:?}: {f:?}");
    }
    for t in &q.taxes {
        assert_eq!(t.authority.kind(), ChargeKind::Tax, "{s:?}: {t:?}");
    }
    let duties: Decimal = q.duties().map(|c| c.amount).sum();
    assert_eq!(duties, q.duties_total, "{s:?}");
    let carriage: Decimal = q.lines.iter().map(|l| l.freight + l.insurance).sum();
    assert!(
        q.landed_total >= q.duties_total + q.fees_total + q.taxes_total + carriage,
        "{s:?}"
    );
    if s.lines.len() > 1 {
        let mut reversed = s.clone();
        reversed.lines.reverse();
        let r = TariffBook::embedded().quote(&reversed);
        let totals = |q: &landed_cost::LandedCost| {
            (
                q.customs_value,
                q.duties_total,
                q.fees_total,
                q.taxes_total,
                q.landed_total,
            )
        };
        assert_eq!(r.as_ref().map(totals).ok(), Some(totals(&q)), "{s:?}");
    }
    assert_eq!(TariffBook::embedded().quote(s).ok(), Some(q), "{s:?}");
}
