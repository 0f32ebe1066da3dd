//! Decimal digits written two at a time from a table, for the texts written on every quote
//! (HS codes, dates), without a division per digit or a UTF-8 check.

/// "00", "01", ... "99", two bytes each.
const PAIRS: &str = "00010203040506070809101112131415161718192021222324252627282930313233343536373839404142434445464748495051525354555657585960616263646566676869707172737475767778798081828384858687888990919293949596979899";

/// The two digits of `n % 100` ("07" for 7, "42" for 1942).
pub(crate) fn two_digits(n: u32) -> &'static str {
    let at = usize::try_from(n % 100).unwrap_or(0) * 2;
    PAIRS.get(at..at + 2).unwrap_or("00")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_pair_is_its_number() {
        for n in 0..300 {
            assert_eq!(two_digits(n), format!("{:02}", n % 100));
        }
        assert_eq!(two_digits(u32::MAX), "95");
    }
}
