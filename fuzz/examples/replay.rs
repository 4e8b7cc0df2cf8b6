//! Runs files through a fuzz target's harness on plain stable Rust, without libFuzzer:
//! `cargo run --release --example replay -- content FILE...` (or `config FILE...`).
//! Handy to time an input or get a clean backtrace outside ASan.

use std::time::Instant;

fn main() {
    let mut args = std::env::args().skip(1);
    let target = args.next().expect("usage: replay content|config FILE...");
    let run: fn(&[u8]) = match target.as_str() {
        "content" => fansite_fuzz::content,
        "config" => fansite_fuzz::config,
        other => panic!("unknown target `{other}`: content or config"),
    };
    for path in args {
        let data = std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
        let started = Instant::now();
        run(&data);
        eprintln!("{path}: {} bytes, {:?}", data.len(), started.elapsed());
    }
}
