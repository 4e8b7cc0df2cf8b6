#!/usr/bin/env bash
# Benchmarks fansite against the floor on synthetic documentaries of 1,000 and 10,000
# episodes: median wall time, pages per second and peak RSS, clean and rebuild, and the
# ratio fansite/floor, all measured in one run. Usage: scripts/bench.sh [RUNS] [SIZES...]
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --locked --bin fansite --example corpus --example floor
exec python3 scripts/bench.py "$@"
