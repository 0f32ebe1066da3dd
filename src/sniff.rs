//! Recognises the first bytes of a data file: a UTF-8 byte-order mark is skipped, and a
//! gzip-compressed or UTF-16 file is an [`Error::UnsupportedEncoding`] that names what it is,
//! instead of a parse error on its first byte.

use std::io::{BufRead, BufReader, Read};

use crate::error::{Error, Result};

const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

/// What the first bytes say, for a file that cannot be read as UTF-8 text.
fn unsupported(what: &str, head: &[u8]) -> Option<Error> {
    let (found, hint) = if head.starts_with(b"\x1F\x8B") {
        (
            "gzip-compressed",
            "decompress it first (gunzip, or read it through flate2::read::GzDecoder)",
        )
    } else if head.starts_with(b"\xFF\xFE") || head.starts_with(b"\xFE\xFF") {
        ("UTF-16 text", "save it as UTF-8")
    } else if head.starts_with(b"PK\x03\x04") {
        ("a zip archive", "extract the file from it first")
    } else {
        return None;
    };
    Some(Error::UnsupportedEncoding {
        what: what.to_owned(),
        found,
        hint,
    })
}

/// The text of a file held in memory, without a UTF-8 byte-order mark.
///
/// # Errors
/// [`Error::UnsupportedEncoding`] for gzip, zip or UTF-16 content.
pub(crate) fn bytes<'a>(what: &str, bytes: &'a [u8]) -> Result<&'a [u8]> {
    if let Some(e) = unsupported(what, bytes) {
        return Err(e);
    }
    Ok(bytes.strip_prefix(UTF8_BOM).unwrap_or(bytes))
}

/// A reader positioned after a UTF-8 byte-order mark, if there is one.
///
/// # Errors
/// [`Error::UnsupportedEncoding`] for gzip, zip or UTF-16 content; [`Error::TruncatedInput`] if
/// the first bytes cannot be read.
pub(crate) fn reader<R: Read>(what: &str, reader: R) -> Result<BufReader<R>> {
    let mut reader = BufReader::new(reader);
    let head = reader.fill_buf().map_err(|e| Error::TruncatedInput {
        what: what.to_owned(),
        line: 0,
        reason: e.to_string(),
    })?;
    if let Some(e) = unsupported(what, head) {
        return Err(e);
    }
    if head.starts_with(UTF8_BOM) {
        reader.consume(UTF8_BOM.len());
    }
    Ok(reader)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_bytes() {
        assert_eq!(bytes("f", b"\xEF\xBB\xBF[]").unwrap(), b"[]");
        assert_eq!(bytes("f", b"[]").unwrap(), b"[]");
        let gzip = bytes("f", b"\x1F\x8B\x08\x00").unwrap_err();
        assert!(gzip.to_string().contains("gzip"), "{gzip}");
        assert!(bytes("f", b"\xFF\xFEa\x00").is_err());
        let mut text = String::new();
        reader("f", &b"\xEF\xBB\xBFhts8"[..])
            .unwrap()
            .read_to_string(&mut text)
            .unwrap();
        assert_eq!(text, "hts8");
        assert!(reader("f", &b"\x1F\x8B\x08"[..]).is_err());
    }
}
