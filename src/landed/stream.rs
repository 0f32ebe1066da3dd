//! Streaming batch quotes: catalogues larger than memory.
//!
//! [`TariffBook::quote_batch`] takes a slice and returns every result at once, so a catalogue of
//! millions of shipments holds them all, and their results, in memory. [`TariffBook::quote_each`]
//! takes any iterator of shipments and hands each result to a sink in input order, holding at
//! most one chunk ([`STREAM_CHUNK`] shipments) at a time; with the `parallel` feature each chunk
//! is quoted on all cores while the next is taken from the iterator (two chunks held). [`TariffBook::quote_iter`] is the sequential form as an iterator.

use crate::error::Result;
use crate::landed::{LandedCost, QuoteOptions, Shipment};
use crate::tariff::TariffBook;

/// How many shipments [`TariffBook::quote_each`] holds and quotes at once: enough for the
/// threads of the `parallel` feature to share the work, small enough that a chunk's shipments
/// and results stay a few megabytes.
pub const STREAM_CHUNK: usize = 4096;

impl TariffBook {
    /// Quotes every shipment `shipments` yields, with `options`, handing each result to `sink`
    /// with its position in the input (from 0), in input order; returns how many were quoted.
    /// At most [`STREAM_CHUNK`] shipments and their results are held at once, however many the
    /// iterator yields; with the `parallel` feature, which quotes each chunk on all cores while
    /// the next is taken from the iterator on the calling thread, two chunks of shipments.
    ///
    /// A shipment that cannot be quoted gives its error to the sink; the others go on. The sink
    /// runs on the calling thread; a service that reads shipments from JSON and writes results
    /// as JSON does that work on all cores too with [`TariffBook::quote_json_lines`].
    ///
    /// # Example
    /// ```
    /// use landed_cost::{landed::Shipment, QuoteOptions, TariffBook};
    /// let json = |value: &str| format!(r#"{{"importer":"US","origin":"VN","mode":"ocean",
    ///   "export_date":"2025-09-01","entry_date":"2025-09-10","currency":"USD",
    ///   "lines":[{{"hts":"6402.99.90","value":"{value}"}}]}}"#);
    /// let shipments = ["10000.00", "-1", "20000.00"]
    ///     .into_iter()
    ///     .map(|v| serde_json::from_str::<Shipment>(&json(v)).unwrap());
    /// let mut duties = Vec::new();
    /// let n = TariffBook::embedded().quote_each(shipments, &QuoteOptions::new(), |i, result| {
    ///     duties.push((i, result.map(|q| q.duties_total.to_string()).ok()));
    /// });
    /// assert_eq!(n, 3);
    /// assert_eq!(duties, [(0, Some("4000.00".into())), (1, None), (2, Some("8000.00".into()))]);
    /// ```
    pub fn quote_each<I, F>(&self, shipments: I, options: &QuoteOptions<'_>, mut sink: F) -> usize
    where
        I: IntoIterator<Item = Shipment>,
        F: FnMut(usize, Result<LandedCost>),
    {
        let mut shipments = shipments.into_iter();
        let mut chunk: Vec<Shipment> = Vec::with_capacity(STREAM_CHUNK);
        let mut done = 0usize;
        #[cfg(feature = "parallel")]
        {
            // The next chunk is taken from the iterator (on this thread: it need not be `Send`)
            // while the pool quotes this one, so the pool's threads do not wait on the input.
            chunk.extend(shipments.by_ref().take(STREAM_CHUNK));
            let mut next: Vec<Shipment> = Vec::with_capacity(STREAM_CHUNK);
            let mut results: Vec<Result<LandedCost>> = Vec::new();
            while !chunk.is_empty() {
                next.clear();
                rayon::in_place_scope(|scope| {
                    let (quoting, results) = (&chunk, &mut results);
                    scope.spawn(move |_| *results = self.quote_batch_with(quoting, options));
                    next.extend(shipments.by_ref().take(STREAM_CHUNK));
                });
                for result in results.drain(..) {
                    sink(done, result);
                    done = done.saturating_add(1);
                }
                std::mem::swap(&mut chunk, &mut next);
            }
            done
        }
        #[cfg(not(feature = "parallel"))]
        loop {
            chunk.clear();
            chunk.extend(shipments.by_ref().take(STREAM_CHUNK));
            if chunk.is_empty() {
                return done;
            }
            for result in self.quote_batch_with(&chunk, options) {
                sink(done, result);
                done = done.saturating_add(1);
            }
        }
    }

    /// The results of quoting each shipment `shipments` yields, in order, one at a time: the
    /// sequential, lazy form of [`TariffBook::quote_each`].
    ///
    /// # Example
    /// ```
    /// use landed_cost::{landed::Shipment, QuoteOptions, TariffBook};
    /// let s: Shipment = serde_json::from_str(r#"{"importer":"US","origin":"DE","mode":"ocean",
    ///   "export_date":"2025-09-01","entry_date":"2025-09-10","currency":"USD",
    ///   "lines":[{"hts":"9403.60.80","value":"10000.00"}]}"#)?;
    /// let options = QuoteOptions::new();
    /// let mut results = TariffBook::embedded().quote_iter(std::iter::repeat(s).take(2), &options);
    /// assert_eq!(results.next().unwrap()?.duties_total.to_string(), "1500.00");
    /// assert!(results.next().is_some() && results.next().is_none());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn quote_iter<'a, I>(
        &'a self,
        shipments: I,
        options: &'a QuoteOptions<'a>,
    ) -> impl Iterator<Item = Result<LandedCost>> + 'a
    where
        I: IntoIterator<Item = Shipment>,
        I::IntoIter: 'a,
    {
        shipments
            .into_iter()
            .map(move |s| self.quote_with(&s, options))
    }
}

#[cfg(all(test, feature = "embedded-data"))]
mod tests {
    use super::*;

    fn shipment(i: usize) -> Shipment {
        let json = format!(
            r#"{{"importer":"US","origin":"VN","mode":"air","export_date":"2025-09-01",
                "entry_date":"2025-09-10","currency":"USD",
                "lines":[{{"hts":"6402.99.90","value":"{}.00"}}]}}"#,
            1000 + i
        );
        serde_json::from_str(&json).unwrap_or_else(|e| unreachable!("{e}"))
    }

    /// Empty, within one chunk, at a chunk's end and across chunk boundaries, the stream gives
    /// the results of a batch, in order (with `parallel`, each chunk's results are handed on
    /// while the next chunk is quoted).
    #[test]
    fn the_stream_equals_the_batch_across_chunks() {
        let book = TariffBook::embedded();
        let options = QuoteOptions::new();
        for n in [0, 1, STREAM_CHUNK, 2 * STREAM_CHUNK + 7] {
            let all: Vec<Shipment> = (0..n).map(shipment).collect();
            let batch = book.quote_batch(&all);
            let mut streamed = Vec::new();
            let count = book.quote_each((0..n).map(shipment), &options, |i, r| {
                streamed.push((i, r));
            });
            assert_eq!(count, n);
            assert!(streamed.iter().enumerate().all(|(k, (i, _))| k == *i));
            let streamed: Vec<Result<LandedCost>> = streamed.into_iter().map(|(_, r)| r).collect();
            assert_eq!(streamed, batch, "{n} shipments");
            let lazy: Vec<Result<LandedCost>> =
                book.quote_iter((0..n).map(shipment), &options).collect();
            assert_eq!(lazy, batch, "{n} shipments");
        }
    }
}
