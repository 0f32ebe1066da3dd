//! Money, Rate, Currency, HsCode, Unit, Quantity and CountryCode from arbitrary text: an error or
//! a value whose text form parses back to the same value.
#![no_main]

#[path = "../../tests/common/fuzz_checks.rs"]
mod checks;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    checks::text_parsers(text);
});
