#!/usr/bin/env bash
# Benchmarks fansite against the floor on synthetic documentaries of 1,000 and 10,000
# episodes: median wall time, pages per second and peak RSS, clean and rebuild, and the
# ratio fansite/floor, all measured in one run. Usage: scripts/bench.sh [RUNS] [SIZES...]
# [--against BIN [--against-theme REV|DIR]]: --against adds another fansite binary, named
# baseline (say the previous commit's: scripts/compare-output.sh --base-binary REV prints
# its path), alternated in the same runs, and the ratios fansite/baseline of wall time, CPU
# time and peak RSS; see scripts/bench.py for the theme the baseline renders with.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --locked --bin fansite --example corpus --example floor
exec python3 scripts/bench.py "$@"
