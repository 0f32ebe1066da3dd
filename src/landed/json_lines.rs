//! A JSON Lines service: one shipment per input line, one result per output line, in bounded
//! memory ([`TariffBook::quote_json_lines`]).
//!
//! Reading a shipment's JSON, quoting it and writing the result's JSON take about as long as
//! each other (the JSON the most instructions), so a service that quotes on all cores but
//! reads and writes the JSON on one is held to the speed of that one. Here a chunk of lines
//! ([`STREAM_CHUNK`]) is read on the calling thread, and each line is read as a shipment,
//! quoted and written as JSON where it is quoted: with the `parallel` feature, on all cores.
//! The calling thread then writes the chunk's output in input order.

use std::io::{BufRead, Write};

use serde::Serialize;

use crate::error::{Error, Result};
use crate::landed::{Explanations, QuoteOptions, Shipment, STREAM_CHUNK};
use crate::tariff::TariffBook;

/// How many lines a worker answers into one buffer: enough that a chunk's output is a few
/// dozen writes, small enough that the `parallel` feature's threads share a chunk evenly.
const LINES_PER_BUFFER: usize = 128;

/// What [`TariffBook::quote_json_lines`] did: how many lines it answered, and how many of those
/// answers are errors.
///
/// # Example
/// See [`TariffBook::quote_json_lines`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct JsonLinesSummary {
    /// The lines answered (every line that is not blank).
    pub lines: usize,
    /// The lines answered with `{"line": N, "error": "..."}`.
    pub failed: usize,
}

/// A line of the input that is not blank, with its number (from 1).
type Numbered = (usize, String);

/// The answers to some of a chunk's lines, as they are written out, and how many are errors.
#[derive(Default)]
struct Answers {
    bytes: Vec<u8>,
    failed: usize,
}

/// The answer to a line that is not a shipment or cannot be quoted.
#[derive(Serialize)]
struct ErrorLine<'a> {
    line: usize,
    error: &'a str,
}

impl TariffBook {
    /// Reads one shipment per line of `input` (JSON Lines) and writes one line per shipment to
    /// `output`, in input order: the result's JSON, as [`LandedCost::write_json_with`] writes it
    /// with `explanations`, or `{"line": N, "error": "..."}` (N counted from 1) for a line that
    /// is not a shipment or cannot be quoted, after which the run goes on. A byte-order mark
    /// before a line's JSON is ignored, and lines blank but for it are skipped, as blank lines.
    ///
    /// At most [`STREAM_CHUNK`] lines and their output are held at once, however long the
    /// input. With the `parallel` feature each chunk's lines are read, quoted and written as
    /// JSON on all cores; the output is the same.
    ///
    /// [`LandedCost::write_json_with`]: crate::LandedCost::write_json_with
    ///
    /// # Errors
    /// [`Error::Io`] if `input` cannot be read (naming the line; a line that is not UTF-8 is
    /// one), and [`Error::Write`] if `output` cannot be written: its `kind` is
    /// [`std::io::ErrorKind::BrokenPipe`] when the reader closed early, as `| head` does, which
    /// a command-line tool takes as the end of the run. The lines answered before the error
    /// have been written.
    ///
    /// # Example
    /// ```
    /// use landed_cost::landed::{Explanations, QuoteOptions};
    /// use landed_cost::TariffBook;
    /// let input = r#"{"importer":"US","origin":"VN","mode":"ocean","export_date":"2025-09-01","entry_date":"2025-09-10","currency":"USD","lines":[{"hts":"6402.99.90","value":"10000.00"}]}
    ///
    /// {"importer":"US"}
    /// "#;
    /// let mut output = Vec::new();
    /// let options = QuoteOptions::new();
    /// let done = TariffBook::embedded().quote_json_lines(
    ///     input.as_bytes(),
    ///     &mut output,
    ///     &options,
    ///     Explanations::Omitted,
    /// )?;
    /// assert_eq!((done.lines, done.failed), (2, 1));
    /// let output = String::from_utf8(output)?;
    /// let mut answers = output.lines();
    /// assert!(answers.next().ok_or("no answer")?.contains(r#""duties_total":"4000.00""#));
    /// assert!(answers.next().ok_or("no answer")?.starts_with(r#"{"line":3,"error":"missing field"#));
    /// assert_eq!(answers.next(), None);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn quote_json_lines<R: BufRead, W: Write>(
        &self,
        mut input: R,
        mut output: W,
        options: &QuoteOptions<'_>,
        explanations: Explanations,
    ) -> Result<JsonLinesSummary> {
        let mut done = JsonLinesSummary::default();
        // Each chunk's lines with their numbers, and the buffers their answers are written
        // into: both kept from chunk to chunk, so that a long run allocates for the first only.
        let mut chunk: Vec<Numbered> = Vec::new();
        let mut buffers: Vec<Answers> = Vec::new();
        let mut read = 0usize;
        loop {
            let (used, end) = read_chunk(&mut input, &mut chunk, &mut read)?;
            let lines = chunk.get(..used).unwrap_or_default();
            let pieces = lines.len().div_ceil(LINES_PER_BUFFER);
            if buffers.len() < pieces {
                buffers.resize_with(pieces, Default::default);
            }
            let buffers = buffers.get_mut(..pieces).unwrap_or_default();
            self.answer_chunk(lines, buffers, options, explanations);
            for answers in buffers.iter() {
                output
                    .write_all(&answers.bytes)
                    .map_err(|e| write_error(&e))?;
                done.failed += answers.failed;
            }
            done.lines += lines.len();
            output.flush().map_err(|e| write_error(&e))?;
            if end {
                return Ok(done);
            }
        }
    }

    /// Writes the answers to a chunk's lines into `buffers`, [`LINES_PER_BUFFER`] lines a
    /// buffer, each with how many of its answers are errors.
    fn answer_chunk(
        &self,
        lines: &[Numbered],
        buffers: &mut [Answers],
        options: &QuoteOptions<'_>,
        explanations: Explanations,
    ) {
        let answer = |(lines, answers): (&[Numbered], &mut Answers)| {
            answers.bytes.clear();
            let out = &mut answers.bytes;
            answers.failed = lines
                .iter()
                .filter(|(n, text)| !self.answer_line(*n, text, options, explanations, out))
                .count();
        };
        #[cfg(feature = "parallel")]
        {
            use rayon::prelude::*;
            lines
                .par_chunks(LINES_PER_BUFFER)
                .zip(buffers.par_iter_mut())
                .for_each(answer);
        }
        #[cfg(not(feature = "parallel"))]
        {
            lines
                .chunks(LINES_PER_BUFFER)
                .zip(buffers.iter_mut())
                .for_each(answer);
        }
    }

    /// Appends the answer to line `n` and a newline to `out`; `false` if it is an error.
    fn answer_line(
        &self,
        n: usize,
        text: &str,
        options: &QuoteOptions<'_>,
        explanations: Explanations,
        out: &mut Vec<u8>,
    ) -> bool {
        let quoted = serde_json::from_str::<Shipment>(json_of(text))
            .map_err(|e| e.to_string())
            .and_then(|s| self.quote_with(&s, options).map_err(|e| e.to_string()));
        let start = out.len();
        let answered = match quoted {
            Ok(quote) => quote
                .write_json_with(out, explanations)
                .map_err(|e| e.to_string()),
            Err(reason) => Err(reason),
        };
        let ok = answered.is_ok();
        if let Err(reason) = answered {
            out.truncate(start);
            let line = ErrorLine {
                line: n,
                error: &reason,
            };
            // Writing a struct of a number and a string into a vector cannot fail.
            let _ = serde_json::to_writer(&mut *out, &line);
        }
        out.push(b'\n');
        ok
    }
}

/// Reads up to [`STREAM_CHUNK`] lines that are not blank into `chunk`'s slots (reusing their
/// strings), numbering them from `read`, the lines read so far; returns how many slots it
/// filled, and whether the input ended.
fn read_chunk<R: BufRead>(
    input: &mut R,
    chunk: &mut Vec<Numbered>,
    read: &mut usize,
) -> Result<(usize, bool)> {
    let mut used = 0;
    while used < STREAM_CHUNK {
        if used == chunk.len() {
            chunk.push((0, String::new()));
        }
        let Some((n, text)) = chunk.get_mut(used) else {
            break;
        };
        text.clear();
        *read += 1;
        let bytes = input.read_line(text).map_err(|e| Error::Io {
            what: format!("JSON Lines input, line {read}"),
            reason: e.to_string(),
        })?;
        if bytes == 0 {
            return Ok((used, true));
        }
        if !json_of(text).is_empty() {
            *n = *read;
            used += 1;
        }
    }
    Ok((used, false))
}

/// The error for output that cannot be written.
fn write_error(e: &std::io::Error) -> Error {
    Error::write("the JSON Lines output", e)
}

/// A line's JSON: without the spaces around it and a byte-order mark before it (a line with
/// nothing else is blank).
fn json_of(line: &str) -> &str {
    line.trim().trim_start_matches('\u{feff}')
}

#[cfg(all(test, feature = "embedded-data"))]
mod tests {
    use super::*;
    use crate::LandedCost;

    fn shipment(i: usize) -> String {
        format!(
            r#"{{"importer":"US","origin":"{}","mode":"air","export_date":"2025-09-01","entry_date":"2025-09-10","currency":"USD","lines":[{{"hts":"6402.99.90","value":"{}.00"}}]}}"#,
            ["VN", "CN", "DE"][i % 3],
            1000 + i
        )
    }

    /// Across chunks, with blank lines, a byte-order mark and lines that fail, each answer is
    /// the result's own JSON or its error, in input order, numbered by input line.
    #[test]
    fn each_line_gets_its_answer_in_order() {
        let book = TariffBook::embedded();
        let options = QuoteOptions::new();
        let mut input = String::new();
        let mut expected = Vec::new();
        let mut line = 0;
        for i in 0..STREAM_CHUNK + 300 {
            line += 1;
            match i % 500 {
                7 => {
                    input.push('\n');
                    continue;
                }
                11 => {
                    // Blank but for a byte-order mark: skipped, as the example always did.
                    input.push_str(" \u{feff}\n");
                    continue;
                }
                8 => {
                    input.push_str("{\"importer\":\"US\"}\n");
                    expected.push(Err(line));
                }
                9 => {
                    // A negative value: read, but not quoted.
                    input.push_str(&shipment(i).replace("\"value\":\"", "\"value\":\"-"));
                    input.push('\n');
                    expected.push(Err(line));
                }
                10 => {
                    input.push('\u{feff}');
                    input.push_str(&shipment(i));
                    input.push('\n');
                    expected.push(Ok(i));
                }
                _ => {
                    input.push_str(&shipment(i));
                    input.push('\n');
                    expected.push(Ok(i));
                }
            }
        }
        for explanations in [Explanations::Included, Explanations::Omitted] {
            let mut out = Vec::new();
            let done = book
                .quote_json_lines(input.as_bytes(), &mut out, &options, explanations)
                .unwrap_or_else(|e| unreachable!("{e}"));
            let failed = expected.iter().filter(|e| e.is_err()).count();
            assert_eq!((done.lines, done.failed), (expected.len(), failed));
            let out = String::from_utf8(out).unwrap_or_else(|e| unreachable!("{e}"));
            let answers: Vec<&str> = out.lines().collect();
            assert_eq!(answers.len(), expected.len());
            for (answer, want) in answers.iter().zip(&expected) {
                match want {
                    Ok(i) => {
                        let s: Shipment = serde_json::from_str(&shipment(*i))
                            .unwrap_or_else(|e| unreachable!("{e}"));
                        let quote: LandedCost = book
                            .quote_with(&s, &options)
                            .unwrap_or_else(|e| unreachable!("{e}"));
                        let mut json = Vec::new();
                        quote
                            .write_json_with(&mut json, explanations)
                            .unwrap_or_else(|e| unreachable!("{e}"));
                        assert_eq!(answer.as_bytes(), json.as_slice());
                    }
                    Err(n) => {
                        let v: serde_json::Value =
                            serde_json::from_str(answer).unwrap_or_else(|e| unreachable!("{e}"));
                        assert_eq!(v["line"], *n, "{answer}");
                        assert!(v["error"].as_str().is_some_and(|e| !e.is_empty()));
                    }
                }
            }
        }
    }

    /// Output that cannot be written is an error of kind the writer gave.
    #[test]
    fn a_closed_output_is_a_write_error() {
        struct Closed;
        impl Write for Closed {
            fn write(&mut self, _: &[u8]) -> std::io::Result<usize> {
                Err(std::io::ErrorKind::BrokenPipe.into())
            }
            fn flush(&mut self) -> std::io::Result<()> {
                Ok(())
            }
        }
        let input = shipment(0);
        let got = TariffBook::embedded().quote_json_lines(
            input.as_bytes(),
            Closed,
            &QuoteOptions::new(),
            Explanations::Included,
        );
        assert!(
            matches!(&got, Err(Error::Write { kind, .. }) if *kind == std::io::ErrorKind::BrokenPipe),
            "{got:?}"
        );
        // Input that is not UTF-8 is a read error naming its line.
        let got = TariffBook::embedded().quote_json_lines(
            &b"\n\xff\n"[..],
            Vec::new(),
            &QuoteOptions::new(),
            Explanations::Included,
        );
        assert!(
            matches!(&got, Err(Error::Io { what, .. }) if what.ends_with("line 2")),
            "{got:?}"
        );
    }
}
