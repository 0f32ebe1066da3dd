//! Strings as JSON writes them: in quotes, with `serde_json`'s escapes, scanned a word at a
//! time for the bytes that need one.

use std::fmt::{self, Write as _};

/// A word with each byte `b`.
const fn splat(b: u8) -> u64 {
    (b as u64) * 0x0101_0101_0101_0101
}

const LOW_BITS: u64 = splat(0x01);
const HIGH_BITS: u64 = splat(0x80);

/// Non-zero where a byte of `word` is below 0x20, `"` or `\` (exact as to whether any is, not
/// as to which: a borrow may also mark a byte above one that is).
#[inline]
fn escape_bits(word: u64) -> u64 {
    // A byte is zero in `x ^ splat(c)` where it equals `c`; `has_zero` finds a zero byte,
    // and `word - splat(0x20)` sets the high bit of a byte below 0x20 (masked by `!word` so
    // that bytes of 0x80 and above do not count).
    let has_zero = |x: u64| x.wrapping_sub(LOW_BITS) & !x & HIGH_BITS;
    let below_space = word.wrapping_sub(splat(0x20)) & !word & HIGH_BITS;
    below_space | has_zero(word ^ splat(b'"')) | has_zero(word ^ splat(b'\\'))
}

/// Whether JSON escapes `byte`: a control character, `"` or `\`.
#[inline]
fn is_escaped(byte: u8) -> bool {
    byte < 0x20 || byte == b'"' || byte == b'\\'
}

/// `serde_json`'s escape of a byte that needs one.
fn escape(byte: u8, out: &mut Vec<u8>) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let short = match byte {
        b'"' => Some(b'"'),
        b'\\' => Some(b'\\'),
        0x08 => Some(b'b'),
        0x09 => Some(b't'),
        0x0A => Some(b'n'),
        0x0C => Some(b'f'),
        0x0D => Some(b'r'),
        _ => None,
    };
    match short {
        Some(c) => out.extend_from_slice(&[b'\\', c]),
        None => {
            let hex = |nibble: u8| HEX.get(usize::from(nibble & 0xF)).copied().unwrap_or(b'0');
            out.extend_from_slice(&[b'\\', b'u', b'0', b'0', hex(byte >> 4), hex(byte)]);
        }
    }
}

/// Whether any byte of `bytes` is one JSON escapes: a word at a time, without a branch per
/// word (texts rarely need an escape), the last word overlapping the one before it (a text
/// shorter than a word, byte by byte).
#[inline]
fn any_escaped(bytes: &[u8]) -> bool {
    let (words, rest) = bytes.as_chunks::<8>();
    let mut bits = words.iter().fold(0, |bits, word| {
        bits | escape_bits(u64::from_le_bytes(*word))
    });
    if !rest.is_empty() {
        match bytes.last_chunk::<8>() {
            Some(last) => bits |= escape_bits(u64::from_le_bytes(*last)),
            None => return bytes.iter().any(|b| is_escaped(*b)),
        }
    }
    bits != 0
}

/// Appends `text` escaped, without quotes.
#[inline]
pub(super) fn escaped(text: &str, out: &mut Vec<u8>) {
    let bytes = text.as_bytes();
    if !any_escaped(bytes) {
        out.extend_from_slice(bytes);
        return;
    }
    let mut start = 0;
    for (at, &b) in bytes.iter().enumerate() {
        if is_escaped(b) {
            out.extend_from_slice(bytes.get(start..at).unwrap_or_default());
            escape(b, out);
            start = at + 1;
        }
    }
    out.extend_from_slice(bytes.get(start..).unwrap_or_default());
}

/// Appends `text` as a JSON string, in quotes and escaped.
#[inline]
pub(super) fn string(text: &str, out: &mut Vec<u8>) {
    out.reserve(text.len() + 2);
    out.push(b'"');
    escaped(text, out);
    out.push(b'"');
}

/// Appends a struct's field name and the colon after it. The names are the result types' own
/// (Rust identifiers, which JSON never escapes), so they are written as they are; the tests
/// compare every result's bytes with `serde_json`'s.
#[inline]
pub(super) fn key(name: &'static str, out: &mut Vec<u8>) {
    debug_assert!(!any_escaped(name.as_bytes()), "{name:?} needs an escape");
    out.reserve(name.len() + 3);
    out.push(b'"');
    out.extend_from_slice(name.as_bytes());
    out.extend_from_slice(b"\":");
}

/// Appends what `value` displays as a JSON string: its pieces written into the output as they
/// come, then scanned once for a byte JSON escapes (texts rarely hold one; those that do are
/// escaped afterwards).
pub(super) fn display(value: &(impl fmt::Display + ?Sized), out: &mut Vec<u8>) -> fmt::Result {
    out.push(b'"');
    let start = out.len();
    write!(Raw(out), "{value}")?;
    if out.get(start..).is_some_and(any_escaped) {
        // Every piece was a `&str`: the tail is UTF-8.
        let tail = String::from_utf8(out.split_off(start)).map_err(|_| fmt::Error)?;
        escaped(&tail, out);
    }
    out.push(b'"');
    Ok(())
}

/// Writes what a value displays into the output as it is.
struct Raw<'a>(&'a mut Vec<u8>);

impl fmt::Write for Raw<'_> {
    #[inline]
    fn write_str(&mut self, s: &str) -> fmt::Result {
        self.0.extend_from_slice(s.as_bytes());
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    fn ours(text: &str) -> Vec<u8> {
        let mut out = Vec::new();
        super::string(text, &mut out);
        out
    }

    #[test]
    fn every_escape_is_serde_jsons() {
        let all: String = (0u8..0x80).map(char::from).collect();
        assert_eq!(ours(&all), serde_json::to_vec(&all).unwrap());
        for text in [
            "",
            "a",
            "\"",
            "\\",
            "é ünïcödé 中文 \u{7f}",
            "12345678\"12345678\n",
        ] {
            assert_eq!(ours(text), serde_json::to_vec(text).unwrap(), "{text:?}");
        }
    }

    #[test]
    fn a_displayed_text_is_escaped_once_written() {
        for text in [
            "",
            "plain words",
            "a \"quoted\" word",
            "tab\there",
            "é 中文 \\",
        ] {
            let mut out = b"x".to_vec();
            super::display(text, &mut out).unwrap();
            assert_eq!(
                out.get(1..).unwrap(),
                serde_json::to_vec(text).unwrap(),
                "{text:?}"
            );
        }
    }

    proptest! {
        /// Any string is written as `serde_json` writes it, given whole or displayed.
        #[test]
        fn any_displayed_text_is_written_as_serde_json_writes_it(text in any::<String>(), ascii in "[ -~\\x00-\\x1f]{0,40}") {
            for text in [text, ascii] {
                let mut out = Vec::new();
                super::display(&text, &mut out).unwrap();
                prop_assert_eq!(out, serde_json::to_vec(&text).unwrap());
            }
        }

        /// Any string is written as `serde_json` writes it.
        #[test]
        fn any_string_is_written_as_serde_json_writes_it(text in any::<String>(), ascii in "[ -~\\x00-\\x1f]{0,40}") {
            prop_assert_eq!(ours(&text), serde_json::to_vec(&text).unwrap());
            prop_assert_eq!(ours(&ascii), serde_json::to_vec(&ascii).unwrap());
        }
    }
}
