//! The USITC loaders (annual database CSV, HTS export JSON and CSV) and the exchange-rate
//! loaders on arbitrary bytes: an error or a value, never a panic.
#![no_main]

#[path = "../../tests/common/fuzz_checks.rs"]
mod checks;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    checks::usitc_files(bytes);
});
