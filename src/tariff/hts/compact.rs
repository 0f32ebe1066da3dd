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

use std::fmt::Write as _;

use crate::error::{Error, Result};
use crate::hs::HsCode;
use crate::quantity::Unit;
use crate::tariff::hts::{HtsLine, HtsSchedule};

/// Characters of description kept for an 8- or 10-digit line.
pub const DESCRIPTION_CHARS: usize = 80;

/// Characters of description kept for a chapter-99 heading.
pub const CHAPTER99_DESCRIPTION_CHARS: usize = 300;

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

fn parse_line(fields: &[&str], name: &str, number: u64) -> Result<HtsLine> {
    let fail = |field: &str, reason: String| Error::Data {
        source_name: name.to_owned(),
        line: number,
        field: field.to_owned(),
        reason,
    };
    let [code, description, general, other, units, refs, inherited] = fields else {
        return Err(fail(
            "",
            format!("expected 7 tab-separated fields, found {}", fields.len()),
        ));
    };
    let code: HsCode = code
        .parse()
        .map_err(|e: Error| fail("code", e.to_string()))?;
    let units = units
        .split(';')
        .filter(|u| !u.is_empty())
        .map(str::parse::<Unit>)
        .collect::<Result<Vec<_>>>()
        .map_err(|e| fail("units", e.to_string()))?;
    let references = refs
        .split(',')
        .filter(|r| !r.is_empty())
        .map(str::parse::<HsCode>)
        .collect::<Result<Vec<_>>>()
        .map_err(|e| fail("references", e.to_string()))?;
    let mut line = HtsLine::new(code, description, general, "", other, units, references);
    line.inherited = match *inherited {
        "1" => true,
        "" => false,
        other => {
            return Err(fail(
                "inherited",
                format!("{other:?} is neither 1 nor empty"),
            ))
        }
    };
    Ok(line)
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

/// Reads a schedule written by [`write_schedule`].
///
/// # Errors
/// [`Error::Data`] naming the line and field of the first malformed line, or a line out of
/// code order.
///
/// # Example
/// See [`write_schedule`].
pub fn read_schedule(text: &str) -> Result<HtsSchedule> {
    const NAME: &str = "compact HTS schedule";
    let mut lines: Vec<HtsLine> = Vec::with_capacity(text.len() / 64);
    for (number, row) in data_lines(text, HEADER, NAME)? {
        let fields: Vec<&str> = row.split('\t').collect();
        let line = parse_line(&fields, NAME, number)?;
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
        lines.push(line);
    }
    Ok(HtsSchedule::from_resolved(lines))
}

/// Applies a changes text written by [`write_changes`] to `base`.
///
/// # Errors
/// [`Error::Data`] naming the line and field of the first malformed change.
///
/// # Example
/// See [`write_changes`].
pub fn apply_changes(base: &HtsSchedule, text: &str) -> Result<HtsSchedule> {
    const NAME: &str = "compact HTS changes";
    let header = format!("op\t{HEADER}");
    let mut removed: Vec<HsCode> = Vec::new();
    let mut added: Vec<HtsLine> = Vec::new();
    for (number, row) in data_lines(text, &header, NAME)? {
        let fields: Vec<&str> = row.split('\t').collect();
        match fields.split_first() {
            Some((&"-", [code])) => removed.push(code.parse().map_err(|e: Error| Error::Data {
                source_name: NAME.to_owned(),
                line: number,
                field: "code".to_owned(),
                reason: e.to_string(),
            })?),
            Some((&"+", rest)) => added.push(parse_line(rest, NAME, number)?),
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
    removed.sort();
    added.sort_by_key(|l| l.code);
    let mut lines: Vec<HtsLine> = Vec::with_capacity(base.len() + added.len());
    let mut additions = added.into_iter().peekable();
    for line in base.iter() {
        while let Some(new) = additions.next_if(|a| a.code < line.code) {
            lines.push(new);
        }
        if let Some(new) = additions.next_if(|a| a.code == line.code) {
            lines.push(new);
        } else if removed.binary_search(&line.code).is_err() {
            lines.push(line.clone());
        }
    }
    lines.extend(additions);
    Ok(HtsSchedule::from_resolved(lines))
}
