//! Tests of the panel on the embedded data.

#![allow(clippy::unwrap_used, clippy::indexing_slicing, clippy::panic)]
use super::*;

/// Every origin of a class gets exactly the rates it would get alone.
#[test]
fn shared_rates_are_each_origins_own() {
    let book = TariffBook::embedded();
    // Every date and origin; every 500th line of the first edition; every 13th row.
    let codes: Vec<HsCode> = book.hts().editions()[0]
        .schedule()
        .iter()
        .map(|l| l.code())
        .filter(|c| c.len() == 10)
        .step_by(500)
        .collect();
    let spec = book.panel_spec().codes(codes);
    let mut checked = 0;
    for row in book.panel(spec).step_by(13) {
        let row = row.unwrap();
        let own = book.rates(&row.code, row.origin.country, row.date);
        match (row.rates.as_ref(), own) {
            (Ok(shared), Ok(own)) => {
                let a: Vec<_> = shared
                    .entries()
                    .iter()
                    .map(|e| (e.heading, e.ad_valorem))
                    .collect();
                let b: Vec<_> = own
                    .entries()
                    .iter()
                    .map(|e| (e.heading, e.ad_valorem))
                    .collect();
                assert_eq!(a, b, "{} {} {}", row.code, row.origin.country, row.date);
                let wa: Vec<_> = shared.warnings().to_vec();
                let wb: Vec<_> = own.warnings().to_vec();
                assert_eq!(wa, wb, "{} {} {}", row.code, row.origin.country, row.date);
            }
            (Err(_), Err(_)) => {}
            (a, b) => panic!("{a:?} vs {b:?}"),
        }
        checked += 1;
    }
    assert!(checked > 10_000, "{checked}");
}

/// The whole panel's dates are every HTS revision's effective date (the 44 embedded editions)
/// and every other date a US measure or product list changes, each once, in order.
#[test]
fn the_whole_panel_has_every_revision_date() {
    let book = TariffBook::embedded();
    let spec = book.panel_spec();
    let dates = spec.dates_in();
    let editions = book.hts().editions();
    assert_eq!(editions.len(), 44);
    for e in editions {
        assert!(
            dates.contains(&e.effective()),
            "{} {}",
            e.name(),
            e.effective()
        );
    }
    assert!(dates.windows(2).all(|w| w[0] < w[1]));
    assert!(dates.len() > editions.len(), "{}", dates.len());
}

/// A writer whose reader closed the pipe after `room` bytes.
struct ClosedAfter {
    room: usize,
}

impl std::io::Write for ClosedAfter {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if self.room == 0 {
            return Err(std::io::ErrorKind::BrokenPipe.into());
        }
        let n = buf.len().min(self.room);
        self.room -= n;
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// A reader that stops early (`| head`) gets a write error that says so, and the writers stop.
#[test]
fn a_closed_pipe_is_a_write_error_of_that_kind() {
    let book = TariffBook::embedded();
    let spec = book.panel_spec().origins(vec!["CN".parse().unwrap()]);
    match book.panel(spec).write_csv(ClosedAfter { room: 100_000 }) {
        Err(crate::Error::Write { kind, what, .. }) => {
            assert_eq!(kind, std::io::ErrorKind::BrokenPipe);
            assert_eq!(what, "the panel CSV");
        }
        other => panic!("{other:?}"),
    }
}
