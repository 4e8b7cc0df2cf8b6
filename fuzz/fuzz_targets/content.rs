//! Front matter + TOML + Markdown + `@/` links + diagnostics over a `content/` folder
//! written as one input: files separated by `0xFF` bytes, each optionally naming its path
//! on a first line `//dir/name.md`. See `fansite_fuzz::content` and `fuzz/README.md`.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| fansite_fuzz::content(data));
