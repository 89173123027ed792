//! Arbitrary bytes, read as text the way the app receives it (lossy UTF-8),
//! loaded with and without validation: no panic, and every reported position
//! is inside the text and agrees with itself.

#![no_main]

use dra_engine::load::{load_scenario, LoadOptions};
use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    for skip_validation in [false, true] {
        let loaded = load_scenario(&text, &LoadOptions { skip_validation });
        common::check_loaded(&text, &loaded);
    }
});
