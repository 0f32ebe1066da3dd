//! Shipment JSON, user tariff JSON (measures), market JSON and the exporter's JSON on arbitrary
//! bytes: an error or a value, never a panic. A shipment that reads is quoted.
#![no_main]

#[path = "../../tests/common/fuzz_checks.rs"]
mod checks;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    checks::json_inputs(bytes);
});
