//! Generates the embedded HTS editions in `data/hts/` (and the table of them in
//! `src/tariff/hts/embedded.rs`) from the official USITC exports in `../shared/data/usitc/`.
//!
//! Run from the crate root: `cargo run --release -p datagen --bin hts`. Every official export of
//! 2025 and 2026 is an edition: the 2025 basic edition is written in full, each later one as the
//! changes from the one before (an export identical to the one before, as the compact form keeps
//! them, is an edition with no changes). The dates are the `effective_date` column of
//! `revision_dates.csv`.

use std::collections::HashMap;
use std::error::Error;
use std::fmt::Write as _;
use std::fs::File;
use std::io::BufReader;

use flate2::read::GzDecoder;
use landed_cost::tariff::hts::{compact, HtsSchedule};
use landed_cost::tariff::usitc::HtsExport;

const SOURCE_DIR: &str = "../shared/data/usitc";
const DATES: &str = "../shared/data/usitc/revision_dates.csv";
const TABLE: &str = "src/tariff/hts/embedded.rs";
const SOURCE_MD: &str = "data/hts/SOURCE.md";

/// The revisions of each year (the basic edition, then revisions 1 to N).
const YEARS: [(u16, u32); 2] = [(2025, 32), (2026, 10)];

/// Revisions that `revision_dates.csv` has no row for: (its key, the date used, why).
const DATES_NOT_IN_THE_CSV: [(&str, &str, &str); 1] = [(
    "2026_rev_8",
    "2026-05-22",
    "`revision_dates.csv` leaves 2026 revision 8 out of its series as editorial only (the \
     description of 9819.11.12); its note on 2026 revision 9 gives the publication date, \
     2026-05-22, used here as the date it takes effect (one source)",
)];

/// One export and the edition made of it.
struct Revision {
    /// The export's file stem ("hts_2025_rev_1").
    stem: String,
    /// The edition's name ("2025 revision 1").
    name: String,
    /// The date it takes effect (YYYY-MM-DD).
    effective: String,
    /// Where the date comes from, when not the CSV's `effective_date`.
    date_note: Option<&'static str>,
}

impl Revision {
    /// The embedded file's name, in `data/hts/`.
    fn file(&self, first: bool) -> String {
        let stem = self.stem.trim_start_matches("hts_");
        if first {
            format!("{stem}.tsv")
        } else {
            format!("{stem}.changes.tsv")
        }
    }

    fn source(&self) -> String {
        let name = if self.name.ends_with("basic") {
            format!("{} edition", self.name)
        } else {
            self.name.clone()
        };
        format!("USITC HTS export, {name} ({}.json)", self.stem)
    }
}

fn revisions() -> Result<Vec<Revision>, Box<dyn Error>> {
    let mut dates: HashMap<String, String> = HashMap::new();
    let mut reader = csv::Reader::from_path(DATES)?;
    let headers = reader.headers()?.clone();
    let column = |name: &str| {
        headers
            .iter()
            .position(|h| h == name)
            .ok_or(format!("{DATES} has no column {name}"))
    };
    let (key, effective) = (column("revision")?, column("effective_date")?);
    for row in reader.records() {
        let row = row?;
        if let (Some(k), Some(d)) = (row.get(key), row.get(effective)) {
            dates.insert(k.to_owned(), d.to_owned());
        }
    }
    let mut out = Vec::new();
    for (year, last) in YEARS {
        for revision in 0..=last {
            let (stem, name, key) = match revision {
                0 => (
                    format!("hts_{year}_basic"),
                    format!("{year} basic"),
                    if year == 2025 {
                        "basic".to_owned()
                    } else {
                        format!("{year}_basic")
                    },
                ),
                n => (
                    format!("hts_{year}_rev_{n}"),
                    format!("{year} revision {n}"),
                    if year == 2025 {
                        format!("rev_{n}")
                    } else {
                        format!("{year}_rev_{n}")
                    },
                ),
            };
            let (effective, date_note) = match dates.get(&key) {
                Some(date) => (date.clone(), None),
                None => {
                    let (_, date, note) =
                        DATES_NOT_IN_THE_CSV
                            .iter()
                            .find(|(k, _, _)| *k == key)
                            .ok_or(format!("{DATES} has no row {key} and no date is given"))?;
                    ((*date).to_owned(), Some(*note))
                }
            };
            out.push(Revision {
                stem,
                name,
                effective,
                date_note,
            });
        }
    }
    if let Some(pair) = out.windows(2).find(|w| w[0].effective >= w[1].effective) {
        return Err(format!(
            "{} ({}) does not take effect before {} ({})",
            pair[0].name, pair[0].effective, pair[1].name, pair[1].effective
        )
        .into());
    }
    Ok(out)
}

fn load(stem: &str) -> Result<HtsSchedule, Box<dyn Error>> {
    let path = format!("{SOURCE_DIR}/{stem}.json.gz");
    let export = HtsExport::from_json_reader(BufReader::new(GzDecoder::new(File::open(&path)?)))?;
    for issue in export.issues() {
        eprintln!("{path}: {issue}");
    }
    // Keep what the compact form keeps, so the written file reads back equal.
    let text = compact::write_schedule(export.schedule(), &[]);
    Ok(compact::read_schedule(&text)?)
}

fn escape(text: &str) -> String {
    text.replace('\\', "\\\\").replace('"', "\\\"")
}

fn main() -> Result<(), Box<dyn Error>> {
    let revisions = revisions()?;
    let mut previous: Option<HtsSchedule> = None;
    let mut table = String::new();
    let mut rows = String::new();
    let mut total = 0usize;
    for (index, revision) in revisions.iter().enumerate() {
        let schedule = load(&revision.stem)?;
        let chapter99 = schedule
            .iter()
            .filter(|l| l.code().chapter() == 99 && l.code().to_string().starts_with("9903"))
            .count();
        if chapter99 == 0 {
            return Err(format!("{} has no 9903 heading", revision.stem).into());
        }
        let header = [
            &format!(
                "HTS {}, in force from {} ({})",
                revision.name,
                revision.effective,
                if revision.date_note.is_some() {
                    "see SOURCE.md"
                } else {
                    "revision_dates.csv"
                }
            ) as &str,
            &format!(
                "Source: USITC HTS export {}.json (public domain, US government work)",
                revision.stem
            ),
            "Generated by `cargo run --release -p datagen --bin hts`; do not edit by hand.",
        ];
        let file = revision.file(previous.is_none());
        let (text, what) = match &previous {
            None => (
                compact::write_schedule(&schedule, &header),
                "in full".to_owned(),
            ),
            Some(before) => {
                let text = compact::write_changes(before, &schedule, &header);
                let changes = text
                    .lines()
                    .filter(|l| l.starts_with("+\t") || l.starts_with("-\t"))
                    .count();
                let before_name = revisions
                    .get(index - 1)
                    .map(|r| r.name.as_str())
                    .unwrap_or_default();
                let what = if changes == 0 {
                    format!("no change from {before_name} in what is kept")
                } else {
                    format!(
                        "{changes} changed line{} from {before_name}",
                        if changes == 1 { "" } else { "s" }
                    )
                };
                (text, what)
            }
        };
        datagen::write_if_changed(format!("data/hts/{file}"), &text)?;
        total += text.len();
        println!(
            "data/hts/{file}: edition {index} ({}), {} lines ({chapter99} 9903 headings), {what}, {} bytes",
            revision.name,
            schedule.len(),
            text.len()
        );
        let _ = writeln!(
            table,
            "    EmbeddedEdition {{\n        name: \"{}\",\n        effective: \"{}\",\n        source: \"{}\",\n        text: include_str!(\"../../../data/hts/{file}\"),\n    }},",
            escape(&revision.name),
            revision.effective,
            escape(&revision.source()),
        );
        let date = match revision.date_note {
            Some(_) => format!("{} (see below)", revision.effective),
            None => revision.effective.clone(),
        };
        let _ = writeln!(
            rows,
            "| `{file}` | {}, {what} | {date} | `{}.json` |",
            revision.name, revision.stem
        );
        previous = Some(schedule);
    }
    let count = revisions.len();
    let code = format!(
        "// Generated by `cargo run --release -p datagen --bin hts` from the USITC HTS exports\n\
         // (see data/hts/SOURCE.md). Do not edit by hand.\n\n\
         use super::EmbeddedEdition;\n\n\
         /// The embedded editions, oldest first: the first in full, each later one as the changes\n\
         /// from the one before.\n\
         pub(super) const EDITIONS: [EmbeddedEdition; {count}] = [\n{table}];\n"
    );
    datagen::write_if_changed(TABLE, code)?;
    let notes: String = revisions
        .iter()
        .filter_map(|r| r.date_note.map(|n| format!("- {}: {n}.\n", r.name)))
        .collect();
    datagen::write_if_changed(SOURCE_MD, source_md(count, &rows, &notes, total))?;
    println!("{TABLE}: {count} editions; {SOURCE_MD}; {total} bytes of editions in all");
    Ok(())
}

fn source_md(count: usize, rows: &str, notes: &str, total: usize) -> String {
    let chars = compact::DESCRIPTION_CHARS;
    let chapter99 = compact::CHAPTER99_DESCRIPTION_CHARS;
    format!(
        "# Embedded HTS editions\n\
\n\
Derived from the official Harmonized Tariff Schedule exports of the US International Trade\n\
Commission (USITC), JSON form, as held in `../shared/data/usitc/`: every export of 2025 and\n\
2026 up to 2026 revision 10, {count} editions in all. US government works, public domain.\n\
\n\
The first edition is embedded in full; each later one as the changes from the edition before\n\
it (lines added or replaced, codes removed). An export identical to the one before (as the\n\
compact form keeps it) is an edition with no changes, still dated and named. The generator also\n\
writes the table of editions the library embeds, `src/tariff/hts/embedded.rs`, and this file.\n\
\n\
| file | edition | in force from | source export |\n\
|---|---|---|---|\n\
{rows}\n\
Dates are the `effective_date` column of `revision_dates.csv` (The Budget Lab at Yale, MIT\n\
licence), which matches the HTS revision headers, except:\n\
\n\
{notes}\n\
Each line keeps: the code (8 or 10 digits, and chapter-99 headings), the description shortened\n\
to {chars} characters ({chapter99} for chapter-99 headings, enough to name the countries and\n\
exemptions a heading covers), the general (MFN) and column 2 rate texts, the units of quantity,\n\
the chapter-99 headings named in the footnotes of the line's general-rate or description column\n\
(\"See 9903.88.15.\"), and whether the 10-digit line inherited its rates and references from its\n\
8-digit line. The special-programs column is not kept. The format is described in\n\
`landed_cost::tariff::hts::compact`. The edition files hold {total} bytes in all; keeping 600\n\
characters of a chapter-99 description rather than 300 costs 192,452 bytes of them (measured\n\
when the limit was raised).\n\
\n\
Some exports (2025 revisions 4, 6, 10 and 14, 2026 revision 9) carry inline markup in their texts\n\
(`m<sup>2</sup>`, `<i>Camelidae</i>`); the loader reads it as the plain text the other exports\n\
publish, so those revisions differ from their neighbours only where the schedule changed.\n\
\n\
Regenerate from the crate root with:\n\
\n\
```sh\n\
cargo run --release -p datagen --bin hts\n\
```\n\
\n\
`tests/usitc_files.rs` checks that the embedded editions equal what the generator produces from\n\
the exports (a sample by default; all of them with `cargo test --release --test usitc_files --\n\
--ignored`).\n"
    )
}
