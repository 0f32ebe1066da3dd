//! The compact text form in which the crate embeds HTS editions, and in which users can store
//! their own.
//!
//! A schedule is a tab-separated text, one line per HTS line (tabs shown here as `→`):
//!
//! ```text
//! # comment lines start with '#'
//! code → description → general → other → units → references → inherited
//! 0101.21.00 → Purebred breeding animals → Free → Free →  → 9903.88.15
//! ```
//!
//! Units are separated by `;` (in their canonical [`Unit`] text), references by `,`; `inherited`
//! is `1` when the rates came from the 8-digit line. Descriptions are shortened to
//! [`DESCRIPTION_CHARS`] characters ([`CHAPTER99_DESCRIPTION_CHARS`] for chapter-99 headings,
//! whose texts say what a measure covers); the special-programs column is not kept. A changes
//! text has the same columns after an operation column: `+` adds or replaces a line, `-`
//! removes one (only its code follows).

use std::collections::HashMap;
use std::fmt::Write as _;
use std::sync::{Arc, OnceLock};

use crate::error::{Error, Result};
use crate::hs::HsCode;
use crate::quantity::Unit;
use crate::tariff::hts::schedule::parse_printed;
use crate::tariff::hts::{HtsLine, HtsSchedule};
use crate::tariff::DutyRate;

/// Characters of description kept for an 8- or 10-digit line.
pub const DESCRIPTION_CHARS: usize = 80;

/// Characters of description kept for a chapter-99 heading.
pub const CHAPTER99_DESCRIPTION_CHARS: usize = 600;

const HEADER: &str = "code\tdescription\tgeneral\tother\tunits\treferences\tinherited";

/// Replaces tabs and line breaks by spaces, collapses runs of white space, and cuts the text to
/// `max_chars` characters (marking a cut with `…`).
///
/// # Example
/// ```
/// use landed_cost::tariff::hts::compact::shorten;
/// assert_eq!(shorten("Live\thorses,\n  asses", 80), "Live horses, asses");
/// assert_eq!(shorten("abcdef", 4), "abc…");
/// ```
#[must_use]
pub fn shorten(text: &str, max_chars: usize) -> String {
    let folded = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if folded.chars().count() <= max_chars {
        return folded;
    }
    let mut cut: String = folded.chars().take(max_chars.saturating_sub(1)).collect();
    cut.truncate(cut.trim_end().len());
    cut.push('…');
    cut
}

fn clean(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn write_line(out: &mut String, line: &HtsLine) {
    let limit = if line.code.chapter() == 99 {
        CHAPTER99_DESCRIPTION_CHARS
    } else {
        DESCRIPTION_CHARS
    };
    let units: Vec<String> = line.units.iter().map(ToString::to_string).collect();
    let refs: Vec<String> = line.references.iter().map(ToString::to_string).collect();
    // Writing to a String cannot fail.
    let _ = writeln!(
        out,
        "{}\t{}\t{}\t{}\t{}\t{}\t{}",
        line.code,
        shorten(&line.description, limit),
        clean(&line.general),
        clean(&line.other),
        units.join(";"),
        refs.join(","),
        if line.inherited { "1" } else { "" }
    );
}

/// Writes a schedule in the compact form, after `comments` (each written as a `#` line).
///
/// # Example
/// ```
/// use landed_cost::tariff::hts::{compact, HtsLine, HtsSchedule};
/// let schedule = HtsSchedule::from_lines(vec![
///     HtsLine::new("0101.21.00".parse()?, "Purebred breeding animals", "Free", "", "Free", vec![], vec!["9903.88.15".parse()?]),
/// ]);
/// let text = compact::write_schedule(&schedule, &["example"]);
/// assert_eq!(compact::read_schedule(&text)?, schedule);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[must_use]
pub fn write_schedule(schedule: &HtsSchedule, comments: &[&str]) -> String {
    let mut out = String::new();
    for c in comments {
        let _ = writeln!(out, "# {c}");
    }
    let _ = writeln!(out, "{HEADER}");
    for line in schedule.iter() {
        write_line(&mut out, line);
    }
    out
}

/// Writes what changed from `old` to `new` (both as the compact form would keep them).
///
/// # Example
/// ```
/// use landed_cost::tariff::hts::{compact, HtsLine, HtsSchedule};
/// let old = HtsSchedule::from_lines(vec![HtsLine::new("0101.21.00".parse()?, "Horses", "Free", "", "Free", vec![], vec![])]);
/// let new = HtsSchedule::from_lines(vec![HtsLine::new("0101.21.00".parse()?, "Horses", "2%", "", "Free", vec![], vec![])]);
/// let changes = compact::write_changes(&old, &new, &[]);
/// assert_eq!(compact::apply_changes(&old, &changes)?, new);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[must_use]
pub fn write_changes(old: &HtsSchedule, new: &HtsSchedule, comments: &[&str]) -> String {
    let mut out = String::new();
    for c in comments {
        let _ = writeln!(out, "# {c}");
    }
    let _ = writeln!(out, "op\t{HEADER}");
    let render = |line: &HtsLine| {
        let mut s = String::new();
        write_line(&mut s, line);
        s
    };
    for line in old.iter() {
        if new.get(&line.code).is_none() {
            let _ = writeln!(out, "-\t{}", line.code);
        }
    }
    for line in new.iter() {
        let text = render(line);
        if old.get(&line.code).map(render).as_deref() != Some(text.as_str()) {
            out.push_str("+\t");
            out.push_str(&text);
        }
    }
    out
}

/// Reads lines of the compact form, parsing each distinct units text and each distinct rate
/// text once: a line's general and column 2 rates are parsed as it is read (by the rule
/// [`HtsLine::mfn`] follows on a line built otherwise), and lines with the same text share the
/// parse.
///
/// One reader reads every edition of [`Hts::parse_embedded`](crate::tariff::hts::Hts::parse_embedded),
/// so a text in many editions is parsed once.
#[derive(Default)]
pub(crate) struct LineReader<'a> {
    units: Parsed<'a, Box<[Unit]>>,
    /// `None` for a blank text.
    general: Parsed<'a, Option<Result<DutyRate>>>,
    /// `None` for a blank text.
    other: Parsed<'a, Option<Arc<Result<DutyRate>>>>,
}

/// What each distinct text parsed to, with the last text read apart: most lines repeat the
/// rates of the line before them (the 10-digit lines of one 8-digit line), which then cost a
/// comparison instead of a hash.
struct Parsed<'a, T> {
    seen: HashMap<&'a str, T>,
    last: Option<(&'a str, T)>,
}

impl<T> Default for Parsed<'_, T> {
    fn default() -> Self {
        Parsed {
            seen: HashMap::new(),
            last: None,
        }
    }
}

impl<'a, T: Clone> Parsed<'a, T> {
    /// What `text` parses to, parsed by `parse` the first time.
    fn get(&mut self, text: &'a str, parse: impl FnOnce(&str) -> T) -> T {
        match self.try_get(text, |t| Ok::<T, std::convert::Infallible>(parse(t))) {
            Ok(value) => value,
            Err(never) => match never {},
        }
    }

    /// As [`Parsed::get`] for a parse that can fail: a failure is returned and not kept.
    fn try_get<E>(
        &mut self,
        text: &'a str,
        parse: impl FnOnce(&str) -> std::result::Result<T, E>,
    ) -> std::result::Result<T, E> {
        if let Some((last, value)) = &self.last {
            if *last == text {
                return Ok(value.clone());
            }
        }
        let value = match self.seen.get(text) {
            Some(value) => value.clone(),
            None => {
                let value = parse(text)?;
                self.seen.insert(text, value.clone());
                value
            }
        };
        self.last = Some((text, value.clone()));
        Ok(value)
    }
}

impl<'a> LineReader<'a> {
    /// Reads the seven tab-separated fields of a line.
    fn line(&mut self, row: &'a str, name: &str, number: u64) -> Result<HtsLine> {
        let fail = |field: &str, reason: String| Error::Data {
            source_name: name.to_owned(),
            line: number,
            field: field.to_owned(),
            reason,
        };
        let mut fields = [""; 7];
        let mut count = 0;
        for (i, field) in row.split('\t').enumerate() {
            if let Some(slot) = fields.get_mut(i) {
                *slot = field;
            }
            count = i + 1;
        }
        if count != fields.len() {
            return Err(fail(
                "",
                format!("expected 7 tab-separated fields, found {count}"),
            ));
        }
        let [code, description, general, other, units, refs, inherited] = fields;
        let code: HsCode = code
            .parse()
            .map_err(|e: crate::hs::HsCodeError| fail("code", e.to_string()))?;
        let units = self.units.try_get(units, |text| {
            text.split(';')
                .filter(|u| !u.is_empty())
                .map(str::parse::<Unit>)
                .collect::<std::result::Result<Box<[Unit]>, _>>()
                .map_err(|e| fail("units", e.to_string()))
        })?;
        let mut references = Vec::with_capacity(if refs.is_empty() {
            0
        } else {
            refs.matches(',').count() + 1
        });
        for r in refs.split(',').filter(|r| !r.is_empty()) {
            references.push(
                r.parse::<HsCode>()
                    .map_err(|e| fail("references", e.to_string()))?,
            );
        }
        let inherited = match inherited {
            "1" => true,
            "" => false,
            other => {
                return Err(fail(
                    "inherited",
                    format!("{other:?} is neither 1 nor empty"),
                ))
            }
        };
        Ok(HtsLine {
            code,
            description: description.into(),
            general: general.into(),
            special: "".into(),
            other: other.into(),
            units,
            references: references.into(),
            inherited,
            mfn: self.general_rate(general),
            column2: self.column2_rate(other),
        })
    }

    /// The parsed general rate of a line whose general text is `text`: parsed once per
    /// distinct text. An empty text is left to [`HtsLine::mfn`], whose error names the line.
    fn general_rate(&mut self, text: &'a str) -> OnceLock<Result<DutyRate>> {
        self.general
            .get(text, parse_printed)
            .map_or_else(OnceLock::new, OnceLock::from)
    }

    /// As [`LineReader::general_rate`] for the column 2 text, the parse shared by reference.
    fn column2_rate(&mut self, text: &'a str) -> OnceLock<Arc<Result<DutyRate>>> {
        self.other
            .get(text, |t| parse_printed(t).map(Arc::new))
            .map_or_else(OnceLock::new, OnceLock::from)
    }
}

fn data_lines<'a>(
    text: &'a str,
    header: &str,
    name: &str,
) -> Result<impl Iterator<Item = (u64, &'a str)>> {
    let mut lines = (1u64..)
        .zip(text.lines())
        .filter(|(_, l)| !l.starts_with('#') && !l.is_empty());
    match lines.next() {
        Some((_, h)) if h == header => Ok(lines),
        other => Err(Error::Data {
            source_name: name.to_owned(),
            line: other.map_or(1, |(n, _)| n),
            field: String::new(),
            reason: format!("expected the header {header:?}"),
        }),
    }
}

/// Reads a schedule written by [`write_schedule`]. Each line's general and column 2 rates
/// are parsed as it is read, each distinct text once ([`HtsLine::mfn`] then answers from the
/// parse; a text that is not a rate the parser knows is its error there, not here).
///
/// # Errors
/// [`Error::Data`] naming the line and field of the first malformed line, or a line out of
/// code order.
///
/// # Example
/// See [`write_schedule`].
pub fn read_schedule(text: &str) -> Result<HtsSchedule> {
    read_schedule_with(text, &mut LineReader::default())
}

/// [`read_schedule`] with `reader`'s parsed texts, shared with the other texts it reads.
pub(crate) fn read_schedule_with<'a>(
    text: &'a str,
    reader: &mut LineReader<'a>,
) -> Result<HtsSchedule> {
    const NAME: &str = "compact HTS schedule";
    let mut lines: Vec<Arc<HtsLine>> = Vec::with_capacity(text.len() / 64);
    for (number, row) in data_lines(text, HEADER, NAME)? {
        let line = reader.line(row, NAME, number)?;
        if lines.last().is_some_and(|last| last.code >= line.code) {
            return Err(Error::Data {
                source_name: NAME.to_owned(),
                line: number,
                field: "code".to_owned(),
                reason: format!(
                    "{} is out of order; lines must be sorted by code",
                    line.code
                ),
            });
        }
        lines.push(Arc::new(line));
    }
    Ok(HtsSchedule::from_shared(lines))
}

/// Applies a changes text written by [`write_changes`] to `base`.
///
/// The result shares with `base` every chapter the changes do not touch and every line they
/// keep (see [`HtsSchedule`]), so that a series of editions stored as changes holds each
/// unchanged line once. The lines it adds have their rates parsed as [`read_schedule`]'s are.
///
/// # Errors
/// [`Error::Data`] naming the line and field of the first malformed change, or a code added
/// twice.
///
/// # Example
/// See [`write_changes`].
pub fn apply_changes(base: &HtsSchedule, text: &str) -> Result<HtsSchedule> {
    apply_changes_with(base, text, &mut LineReader::default())
}

/// [`apply_changes`] with `reader`'s parsed texts, shared with the other texts it reads.
pub(crate) fn apply_changes_with<'a>(
    base: &HtsSchedule,
    text: &'a str,
    reader: &mut LineReader<'a>,
) -> Result<HtsSchedule> {
    const NAME: &str = "compact HTS changes";
    let header = format!("op\t{HEADER}");
    let mut removed: Vec<HsCode> = Vec::new();
    let mut added: Vec<(u64, HtsLine)> = Vec::new();
    for (number, row) in data_lines(text, &header, NAME)? {
        match row.split_once('\t') {
            Some(("-", code)) => removed.push(code.parse().map_err(
                |e: crate::hs::HsCodeError| Error::Data {
                    source_name: NAME.to_owned(),
                    line: number,
                    field: "code".to_owned(),
                    reason: e.to_string(),
                },
            )?),
            Some(("+", rest)) => added.push((number, reader.line(rest, NAME, number)?)),
            _ => {
                return Err(Error::Data {
                    source_name: NAME.to_owned(),
                    line: number,
                    field: "op".to_owned(),
                    reason: "expected '+' and a line, or '-' and a code".to_owned(),
                })
            }
        }
    }
    added.sort_by_key(|(number, l)| (l.code, *number));
    if let Some([(_, first), (number, _)]) = added
        .windows(2)
        .find(|w| matches!(w, [(_, a), (_, b)] if a.code == b.code))
    {
        return Err(Error::Data {
            source_name: NAME.to_owned(),
            line: *number,
            field: "code".to_owned(),
            reason: format!(
                "{} is added a second time; keep one '+' line per code",
                first.code
            ),
        });
    }
    Ok(base.with_changes(removed, added.into_iter().map(|(_, l)| l).collect()))
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;

    /// A schedule of 8-digit lines in chapters 01, 64 and 99, from (chapter, heading, line,
    /// rate) picks.
    fn schedule(picks: &[(usize, u64, u64, usize)]) -> HtsSchedule {
        const CHAPTERS: [u64; 3] = [1, 64, 99];
        const RATES: [&str; 3] = ["Free", "5%", "20%"];
        let lines = picks
            .iter()
            .map(|&(chapter, heading, line, rate)| {
                let digits = CHAPTERS[chapter % 3] * 1_000_000 + heading * 10_000 + line * 100;
                let code = HsCode::from_digits(digits, 8).unwrap();
                HtsLine::new(code, "Other", RATES[rate % 3], "", "", vec![], vec![])
            })
            .collect();
        HtsSchedule::from_lines(lines)
    }

    fn picks() -> impl proptest::strategy::Strategy<Value = Vec<(usize, u64, u64, usize)>> {
        proptest::collection::vec((0usize..3, 1u64..4, 1u64..4, 0usize..3), 0..25)
    }

    proptest::proptest! {
        /// Applying the changes from `old` to `new` gives `new`, sharing with `old` every
        /// chapter whose lines did not change.
        #[test]
        fn applying_the_changes_between_two_schedules_gives_the_second(old in picks(), new in picks()) {
            let (old, new) = (schedule(&old), schedule(&new));
            let changes = write_changes(&old, &new, &["a comment"]);
            let applied = apply_changes(&old, &changes).unwrap();
            proptest::prop_assert_eq!(&applied, &new);
            proptest::prop_assert_eq!(applied.iter().len(), new.len());
            // The lines of `s` whose code starts with `prefix` (a chapter or a heading).
            let lines = |s: &HtsSchedule, prefix: &str| -> Vec<HtsLine> {
                s.iter().filter(|l| l.code().to_string().starts_with(prefix)).cloned().collect()
            };
            let old_headings: Vec<_> = old.chapters().flat_map(|c| c.headings()).collect();
            for chapter in applied.chapters() {
                let first = chapter.headings().flat_map(|h| h.iter().map(crate::tariff::hts::schedule::Entry::line)).next().map(HtsLine::code);
                let prefix = first.map(|c| c.to_string()[..2].to_owned()).unwrap_or_default();
                if lines(&old, &prefix) == lines(&new, &prefix) {
                    let shared = old.chapters().any(|c| Arc::ptr_eq(c, chapter));
                    proptest::prop_assert!(shared, "chapter {prefix} unchanged but not shared");
                }
                for heading in chapter.headings() {
                    let prefix = heading.first().map(crate::tariff::hts::schedule::Entry::line).map(|l| l.code().to_string()[..4].to_owned()).unwrap_or_default();
                    if lines(&old, &prefix) == lines(&new, &prefix) {
                        let shared = old_headings.iter().any(|h| Arc::ptr_eq(h, heading));
                        proptest::prop_assert!(shared, "heading {prefix} unchanged but not shared");
                    }
                }
            }
        }
    }

    /// Reading parses each line's rates as it reads it, each distinct text once: lines with
    /// the same column 2 text share one parse, a blank text is left to the line's accessor
    /// (whose error names the line), and a text that is not a formula is kept as its words.
    #[test]
    fn reading_parses_each_distinct_rate_text_once() {
        let text = format!(
            "{HEADER}\n0101.21.00\tA\t5%\t35%\t\t\t\n0101.29.00\tB\t2.5%\t35%\t\t\t\n\
             0101.30.00\tC\t5%\t35%\t\t\t\n0102.00.00\tD\t\t\t\t\t\n\
             0103.00.00\tE\tSee heading 9903\t20%\t\t\t\n"
        );
        let mut reader = LineReader::default();
        let s = read_schedule_with(&text, &mut reader).unwrap();
        let line = |c: &str| s.get(&c.parse().unwrap()).unwrap();
        let parsed = |c: &str| line(c).mfn.get().cloned();
        assert_eq!(parsed("0101.21.00").unwrap().unwrap().to_string(), "5%");
        assert_eq!(parsed("0101.29.00").unwrap().unwrap().to_string(), "2.5%");
        assert_eq!(parsed("0101.30.00"), parsed("0101.21.00"));
        assert!(
            parsed("0102.00.00").is_none(),
            "a blank text is parsed on use"
        );
        assert!(line("0102.00.00")
            .mfn()
            .unwrap_err()
            .to_string()
            .contains("0102.00.00"));
        let words = parsed("0103.00.00").unwrap();
        assert!(words.is_ok_and(|r| !r.is_computable()), "kept as words");
        let column2 = |c: &str| Arc::clone(line(c).column2.get().unwrap());
        assert!(Arc::ptr_eq(&column2("0101.21.00"), &column2("0101.30.00")));
        assert_eq!((reader.general.seen.len(), reader.other.seen.len()), (4, 3));
        // A second text read with the same reader reuses its parses.
        let changes = format!("op\t{HEADER}\n+\t0104.00.00\tF\t5%\t35%\t\t\t\n");
        let s = apply_changes_with(&s, &changes, &mut reader).unwrap();
        let added = s.get(&"0104.00.00".parse().unwrap()).unwrap();
        assert!(Arc::ptr_eq(
            added.column2.get().unwrap(),
            &column2("0101.21.00")
        ));
        assert_eq!((reader.general.seen.len(), reader.other.seen.len()), (4, 3));
    }

    #[test]
    fn a_schedule_reads_back_as_written() {
        let s = schedule(&[(0, 1, 1, 0), (1, 2, 3, 1), (2, 3, 1, 2)]);
        let text = write_schedule(&s, &["comment"]);
        assert_eq!(read_schedule(&text).unwrap(), s);
        assert!(read_schedule("no header").is_err());
    }

    #[test]
    fn a_code_added_twice_is_an_error_naming_its_line() {
        let base = schedule(&[(0, 1, 1, 0)]);
        let row = "+\t0101.01.00\tOther\t5%\t\t\t\t";
        let text = format!("op\t{HEADER}\n{row}\n{row}\n");
        match apply_changes(&base, &text) {
            Err(Error::Data {
                line,
                field,
                reason,
                ..
            }) => {
                assert_eq!((line, field.as_str()), (3, "code"));
                assert!(reason.contains("0101.01.00"), "{reason}");
            }
            other => panic!("{other:?}"),
        }
        let text = format!("op\t{HEADER}\n?\t0101.01.00\n");
        assert!(matches!(
            apply_changes(&base, &text),
            Err(Error::Data { line: 2, .. })
        ));
    }
}
