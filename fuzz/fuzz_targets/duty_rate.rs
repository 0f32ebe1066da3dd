//! DutyRate from arbitrary text: an error, or a rate whose text parses back to it and whose duty
//! on a base is an amount or an error, never a panic.
#![no_main]

#[path = "../../tests/common/fuzz_checks.rs"]
mod checks;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    checks::duty_rate(text);
});
