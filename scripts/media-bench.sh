#!/usr/bin/env bash
# What pictures cost a build: the first build of 200 synthetic photographs (beside Zola's
# resize_image with --zola BIN), and a rebuild with them unchanged against the same site
# without them. See scripts/media-bench.py.
#
#   bash scripts/media-bench.sh [RUNS] [PICTURES] [--zola BIN]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
cargo build --release --locked --bin fansite --example corpus
exec python3 scripts/media-bench.py "$@"
