//! Integration tests, all in one binary: fixture sites with golden output, the real
//! site, the atomic output, and error messages word for word.

mod common;
mod editing;
mod errors;
mod fuzz_regressions;
mod golden;
mod images;
mod import;
mod output;
mod real_site;
mod scaffold;
mod seasons;
mod serve;
mod shortcodes;
mod theme;
mod videos;
