//! `Config::parse` over arbitrary `site.toml` text, then a tiny site linked with the
//! result. See `fansite_fuzz::config` and `fuzz/README.md`.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| fansite_fuzz::config(data));
