//! The text form of [`DutyRate`]: the USITC and HTS rate texts, and the min/max clauses of EU
//! and UK compound duties.

use rust_decimal::Decimal;

use super::{
    known_qualifier, AdValorem, Component, DutyRate, Formula, NonComputable, NonComputableKind,
    Repr, Specific,
};
use crate::error::{Error, Result};
use crate::money::{parse_plain_decimal, Currency, Money, Rate};
use crate::quantity::Unit;

/// The longest rate text accepted (the longest in the USITC data has about 400 characters); this
/// bounds the work done on hostile input. It is long enough that the text of any rate accepted
/// (at most [`MAX_TERMS`] components of at most a few hundred characters in each of its three
/// clauses) parses back: a fuzzed sum of hundreds of terms once parsed, then displayed with
/// spaces beyond the limit.
const MAX_TEXT_LEN: usize = 8_000;

/// The most components a clause may add up (the USITC data has at most 3).
const MAX_TERMS: usize = 8;

/// The longest unit and qualifier text accepted after "/".
const MAX_UNIT_LEN: usize = 100;

/// Parses a rate text (see [`DutyRate`] for the forms).
pub(super) fn parse(input: &str) -> Result<DutyRate> {
    if input.len() > MAX_TEXT_LEN {
        return Err(fail(
            input,
            format!(
                "a text of {} bytes is longer than any rate text (at most {MAX_TEXT_LEN})",
                input.len()
            ),
        ));
    }
    let text = input.split_whitespace().collect::<Vec<_>>().join(" ");
    if text.is_empty() {
        return Err(fail(
            input,
            "empty text: a rate is \"Free\", a percentage such as \"6.5%\", an amount per unit \
             such as \"4.4 cents/kg\", or a sum of these",
        ));
    }
    let lower = text.to_lowercase();
    if let Some(kind) = classify(&lower) {
        return Ok(DutyRate {
            repr: Repr::NotComputable(NonComputable {
                kind,
                text: text.into(),
            }),
        });
    }
    if text
        .get(..4)
        .is_some_and(|word| word.eq_ignore_ascii_case("free"))
        && text
            .get(4..)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with([',', ' ']))
    {
        return parse_free(input, text.get(4..).unwrap_or_default());
    }
    if lower.trim_end_matches('.') == "no additional duty" {
        return Ok(DutyRate {
            repr: Repr::NoAdditionalDuty,
        });
    }
    parse_formula(input, &text)
}

fn fail(input: &str, reason: impl Into<String>) -> Error {
    Error::parse("duty rate", input, reason)
}

/// Recognizes the texts that are not formulas, from their normalized lower-case form.
fn classify(lower: &str) -> Option<NonComputableKind> {
    /// Phrases of rates on separate parts or contents of the goods.
    const PARTS: &[&str] = &[
        " on the case",
        " on case ",
        " on the strap",
        " on the battery",
        " on thebattery",
        " on the movement",
        " on the apparatus",
        " on the value of",
        "jewel over",
        "for each other piece or part",
    ];
    let kind = if lower == "suspended" {
        NonComputableKind::Suspended
    } else if lower.starts_with("no change") {
        NonComputableKind::NoChange
    } else if lower.starts_with("see ") {
        NonComputableKind::SeeNote
    } else if lower.starts_with("the quantity specified") {
        NonComputableKind::QuotaQuantity
    } else if lower.contains("for each degree") {
        NonComputableKind::SugarDegreeScale
    } else if lower.starts_with("a duty upon") {
        NonComputableKind::PartialValue
    } else if lower.starts_with("a duty equal") || lower.starts_with("a duty (in lieu") {
        NonComputableKind::Drawback
    } else if lower.starts_with("the ") {
        NonComputableKind::OtherRate
    } else if PARTS.iter().any(|phrase| lower.contains(phrase)) {
        NonComputableKind::ComponentValues
    } else {
        return None;
    };
    Some(kind)
}

/// "Free", or "Free, <condition>" for the known conditions of temporary entry.
fn parse_free(input: &str, rest: &str) -> Result<DutyRate> {
    const CONDITIONS: &[&str] = &["under bond", "for such temporary periods"];
    if rest.is_empty() {
        return Ok(DutyRate::free());
    }
    let Some(condition) = rest.strip_prefix(',').map(str::trim) else {
        return Err(fail(
            input,
            "unexpected text after \"Free\": pass the rate alone (the special-program column \
             \"Free (A+,AU,...)\" lists programs, and footnote markers are not part of the rate)",
        ));
    };
    let lower = condition.to_lowercase();
    if condition.is_empty() || !CONDITIONS.iter().any(|known| lower.starts_with(known)) {
        return Err(fail(
            input,
            "unknown condition after \"Free,\": the known ones begin \"under bond\" or \"for \
             such temporary periods\"",
        ));
    }
    Ok(DutyRate {
        repr: Repr::Free {
            condition: Some(condition.into()),
        },
    })
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Clause {
    Terms,
    Minimum,
    Maximum,
}

/// A sum of terms, then optional "min" and "max" clauses (in either order).
fn parse_formula(input: &str, text: &str) -> Result<DutyRate> {
    let mut clauses: [Option<Box<[Component]>>; 3] = [None, None, None];
    let mut kind = Clause::Terms;
    let mut start = 0;
    let mut offset = 0;
    let mut finish = |kind: Clause, clause: &str| -> Result<()> {
        let slot = match kind {
            Clause::Terms => &mut clauses[0],
            Clause::Minimum => &mut clauses[1],
            Clause::Maximum => &mut clauses[2],
        };
        let name = match kind {
            Clause::Terms => "the rate",
            Clause::Minimum => "the min clause",
            Clause::Maximum => "the max clause",
        };
        if slot.is_some() {
            return Err(fail(input, format!("{name} is given twice")));
        }
        if clause.trim().is_empty() {
            return Err(fail(
                input,
                format!("{name} is empty: write it as in \"12% min 2.5 EUR/100 kg\""),
            ));
        }
        *slot = Some(parse_sum(input, clause)?);
        Ok(())
    };
    for word in text.split(' ') {
        let next = if word.eq_ignore_ascii_case("min") {
            Some(Clause::Minimum)
        } else if word.eq_ignore_ascii_case("max") {
            Some(Clause::Maximum)
        } else {
            None
        };
        if let Some(next) = next {
            finish(kind, text.get(start..offset).unwrap_or_default())?;
            kind = next;
            start = offset + word.len();
        }
        offset += word.len() + 1;
    }
    finish(kind, text.get(start..).unwrap_or_default())?;
    let [terms, minimum, maximum] = clauses;
    let Some(terms) = terms else {
        return Err(fail(input, "the rate is empty"));
    };
    Ok(DutyRate {
        repr: Repr::Formula(Formula::new(terms, minimum, maximum)),
    })
}

fn parse_sum(input: &str, text: &str) -> Result<Box<[Component]>> {
    let terms = text.split('+').count();
    if terms > MAX_TERMS {
        return Err(fail(
            input,
            format!("{terms} components added up; a rate has at most {MAX_TERMS}"),
        ));
    }
    text.split('+')
        .map(|term| {
            let term = term.trim();
            if term.is_empty() {
                Err(fail(
                    input,
                    "'+' must join two components, as in \"$1.034/kg + 17%\"",
                ))
            } else {
                parse_term(input, term)
            }
        })
        .collect()
}

fn parse_term(input: &str, term: &str) -> Result<Component> {
    let lower = term.to_ascii_lowercase();
    if let Some(at) = term.find('%') {
        let (number, rest) = (term.get(..at), term.get(at + 1..));
        return parse_ad_valorem(input, number.unwrap_or_default(), rest.unwrap_or_default());
    }
    if let Some(at) = lower.find(" percent") {
        let after = at + " percent".len();
        if lower
            .get(after..)
            .is_some_and(|r| r.is_empty() || r.starts_with(' '))
        {
            return parse_ad_valorem(
                input,
                term.get(..at).unwrap_or_default(),
                term.get(after..).unwrap_or_default(),
            );
        }
    }
    parse_specific(input, term, &lower).map(Component::Specific)
}

/// "6.5", "33 1/3" or "1/3" before the percent sign; an optional base after it.
fn parse_ad_valorem(input: &str, number: &str, rest: &str) -> Result<Component> {
    let number = number.trim();
    let (whole, fraction) = match number.split_once(' ') {
        Some((whole, fraction)) if fraction.contains('/') => (whole, Some(fraction)),
        _ if number.contains('/') => ("0", Some(number)),
        _ => (number, None),
    };
    let percent = parse_amount(input, whole, "percentage")?;
    let rate = Rate::from_percent(percent).map_err(|e| fail(input, e.to_string()))?;
    let mut ad_valorem = AdValorem::new(rate).map_err(|e| fail(input, e.to_string()))?;
    if let Some(fraction) = fraction {
        let parsed = fraction
            .split_once('/')
            .and_then(|(n, d)| Some((n.parse::<u8>().ok()?, d.parse::<u8>().ok()?)));
        let Some((numerator, denominator)) = parsed else {
            return Err(fail(
                input,
                format!("{fraction:?} is not a fraction of a percent such as 1/3"),
            ));
        };
        ad_valorem = ad_valorem
            .with_fraction_of_a_percent(numerator, denominator)
            .map_err(|e| fail(input, e.to_string()))?;
    }
    let rest = rest.trim();
    if !rest.is_empty() {
        ad_valorem = ad_valorem.with_base(rest).map_err(|_| {
            fail(
                input,
                format!(
                    "unexpected text {rest:?} after the percentage: a percentage may only name \
                     the value it applies to (\"of the fair retail value\", \"on the entire set\", \
                     ...)"
                ),
            )
        })?;
    }
    Ok(Component::AdValorem(ad_valorem))
}

/// "$1.034/kg", "4.4 cents/kg", "4.4¢/kg", "2.5 EUR/100 kg", "90 cents each", "10 cents/1,000
/// pins", "5.9 cents/kg on drained weight".
fn parse_specific(input: &str, term: &str, lower: &str) -> Result<Specific> {
    let (money, unit_text) = match term.split_once('/') {
        Some((money, unit)) => (money, Some(unit)),
        None if lower.ends_with(" each") => (term.get(..term.len() - 5).unwrap_or_default(), None),
        None => {
            return Err(fail(
                input,
                format!(
                    "{term:?} is neither a percentage (\"6.5%\"), an amount per unit (\"4.4 \
                     cents/kg\", \"$1.50 each\") nor \"Free\""
                ),
            ))
        }
    };
    let amount = parse_money(input, money)?;
    let (per, unit, qualifier) = match unit_text {
        Some(unit_text) => parse_unit(input, unit_text)?,
        None => (1, Unit::Each, None),
    };
    let mut specific = Specific::new(amount, unit)
        .and_then(|s| s.per(per))
        .map_err(|e| fail(input, e.to_string()))?;
    if let Some(qualifier) = qualifier {
        specific = specific
            .with_qualifier(qualifier)
            .map_err(|e| fail(input, e.to_string()))?;
    }
    Ok(specific)
}

/// A non-negative plain decimal.
fn parse_amount(input: &str, text: &str, what: &str) -> Result<Decimal> {
    let text = text.trim();
    if text.starts_with(['-', '+']) {
        return Err(fail(
            input,
            format!("the {what} {text:?} has a sign; a rate is zero or more"),
        ));
    }
    parse_plain_decimal(text)
        .map_err(|reason| fail(input, format!("the {what} {text:?}: {reason}")))
}

/// "$1.034", "4.4 cents", "4.4¢", "2.5 EUR", "EUR 2.5".
fn parse_money(input: &str, text: &str) -> Result<Money> {
    let text = text.trim();
    let lower = text.to_ascii_lowercase();
    let cents = text
        .strip_suffix('¢')
        .or_else(|| {
            lower
                .strip_suffix("cents")
                .and_then(|_| text.get(..text.len() - 5))
        })
        .or_else(|| {
            lower
                .strip_suffix("cent")
                .and_then(|_| text.get(..text.len() - 4))
        });
    if let Some(number) = cents {
        let mut amount = parse_amount(input, number, "amount in cents")?;
        amount.set_scale(amount.scale() + 2).map_err(|_| {
            fail(
                input,
                format!("the amount {number:?} has too many decimal places"),
            )
        })?;
        return Ok(Money::new(amount, Currency::USD));
    }
    if let Some(number) = text.strip_prefix('$') {
        return Ok(Money::new(
            parse_amount(input, number, "dollar amount")?,
            Currency::USD,
        ));
    }
    let money: Money = text.parse().map_err(|_| {
        fail(
            input,
            format!(
                "{text:?} is not an amount: write \"$1.50\", \"90 cents\", \"4.4¢\" or \"2.5 EUR\""
            ),
        )
    })?;
    if money.is_negative() {
        return Err(fail(input, format!("the amount {text:?} is negative")));
    }
    Ok(money)
}

/// The text after "/": an optional count ("100 kg", "1,000 pins", "1000"), a unit and an
/// optional qualifier.
fn parse_unit(input: &str, text: &str) -> Result<(u32, Unit, Option<&'static str>)> {
    let text = text.trim().replace("/ ", "/");
    if text.starts_with(|c: char| c.is_ascii_digit()) {
        let (number, rest) = text.split_once(' ').unwrap_or((&text, ""));
        let count = parse_count(number).ok_or_else(|| {
            fail(
                input,
                format!("{number:?} after '/' is not a whole number of units such as 100 or 1,000"),
            )
        })?;
        let bare = match count {
            1000 => Some(Unit::Thousand),
            100 => Some(Unit::Hundred),
            _ => None,
        };
        if rest.is_empty() {
            return bare.map(|unit| (1, unit, None)).ok_or_else(|| {
                fail(
                    input,
                    format!("\"/{number}\" names no unit: write \"/100 kg\" or \"/1000\""),
                )
            });
        }
        return match (unit_and_qualifier(rest), bare) {
            (Ok((unit, qualifier)), _) => Ok((count, unit, qualifier)),
            (Err(_), Some(unit)) => match known_qualifier(rest) {
                Some(qualifier) => Ok((1, unit, Some(qualifier))),
                None => Err(fail(
                    input,
                    format!("{rest:?} after \"{number}\" is neither a unit nor a known qualifier"),
                )),
            },
            (Err(reason), None) => Err(fail(input, reason)),
        };
    }
    let (unit, qualifier) = unit_and_qualifier(&text).map_err(|reason| fail(input, reason))?;
    Ok((1, unit, qualifier))
}

/// "100", "1000", "1,000" (commas only between groups of three digits).
fn parse_count(text: &str) -> Option<u32> {
    let mut groups = text.split(',');
    let first = groups.next()?;
    let mut digits = String::from(first);
    if first.is_empty() || first.len() > 3 && text.contains(',') {
        return None;
    }
    for group in groups {
        if group.len() != 3 {
            return None;
        }
        digits.push_str(group);
    }
    if !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok()
}

/// A unit, then an optional known qualifier: "kg", "kg on copper content", "kg on drained
/// weight", "m2of recording surface", "t, including weight of container".
fn unit_and_qualifier(text: &str) -> std::result::Result<(Unit, Option<&'static str>), String> {
    let text = text.trim();
    if text.len() > MAX_UNIT_LEN {
        return Err(format!(
            "the unit text after '/' has {} bytes; a unit and its qualifier have at most \
             {MAX_UNIT_LEN}",
            text.len()
        ));
    }
    if let Ok(unit) = text.parse::<Unit>() {
        return Ok((unit, None));
    }
    let mut unknown_qualifier = None;
    for (at, _) in text.char_indices().rev() {
        let (Some(head), Some(tail)) = (text.get(..at), text.get(at..)) else {
            continue;
        };
        let boundary = tail.starts_with([' ', ','])
            || (head.ends_with(|c: char| c.is_ascii_digit())
                && tail.starts_with(|c: char| c.is_alphabetic()));
        if head.is_empty() || !boundary {
            continue;
        }
        let Ok(unit) = head.trim_end().parse::<Unit>() else {
            continue;
        };
        match known_qualifier(tail) {
            Some(qualifier) => return Ok((unit, Some(qualifier))),
            None => {
                unknown_qualifier
                    .get_or_insert_with(|| (head.trim_end().to_owned(), tail.trim().to_owned()));
            }
        }
    }
    Err(match unknown_qualifier {
        Some((unit, qualifier)) => format!(
            "{qualifier:?} after the unit {unit:?} is not a known qualifier (\"on drained \
             weight\", \"on entire contents of container\", \"of recording surface\", ...)"
        ),
        None => format!(
            "{text:?} is not a known unit: use kg, liter, pf. liter, doz., pr., each, No., \
             head, gross, 1000, m2, m3, t, bbl, jewel, line/gross, clean kg, kg on copper \
             content, kg of total sugars, ... or a USITC code (KG, PRS, DOZ, ...)"
        ),
    })
}

#[cfg(test)]
mod tests;
