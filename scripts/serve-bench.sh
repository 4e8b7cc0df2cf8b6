#!/usr/bin/env bash
# Save-to-visible of `fansite serve` on synthetic documentaries: see scripts/serve-bench.py.
# Usage: scripts/serve-bench.sh [EDITS] [SIZES...]
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --locked --bin fansite --example corpus
exec python3 scripts/serve-bench.py "$@"
