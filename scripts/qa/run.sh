#!/usr/bin/env bash
# Browser quality suite for the fansite build. CI runs it after `cargo test`:
#
#   bash scripts/qa/run.sh               # every check
#   bash scripts/qa/run.sh axe search    # only these checks
#   bash scripts/qa/run.sh --list        # the checks
#
# It installs what it needs (Debian's chromium and a Java runtime when missing, the npm
# packages of package-lock.json), builds the release binary, then hands over to qa.mjs.
# Exit status: 0 when every check passed, 1 when one failed, 2 for bad arguments.
set -euo pipefail

QA="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$QA/../.." && pwd)"
export CHROME_PATH="${CHROME_PATH:-/usr/bin/chromium}"

# --- System packages: chromium (browsers can't be downloaded by npm tools here) and java.
need=()
[ -x "$CHROME_PATH" ] || need+=(chromium fonts-liberation fonts-dejavu-core)
command -v java >/dev/null 2>&1 || need+=(default-jre-headless)
command -v rsync >/dev/null 2>&1 || need+=(rsync)
command -v node >/dev/null 2>&1 || { echo "qa: node (20 or newer) is required" >&2; exit 1; }
if ((${#need[@]})); then
  echo "qa: installing ${need[*]}"
  SUDO=""
  if [ "$(id -u)" != 0 ]; then
    command -v sudo >/dev/null 2>&1 || { echo "qa: need root or sudo to apt-get install ${need[*]}" >&2; exit 1; }
    SUDO="sudo"
  fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}" >/dev/null
fi
[ -x "$CHROME_PATH" ] || { echo "qa: no Chromium at $CHROME_PATH" >&2; exit 1; }

# --- npm packages, from the committed lock file; reinstalled only when it changes.
# --ignore-scripts: vnu-jar's postinstall would try to download a JDK; java comes from apt.
lock_sum="$(sha256sum "$QA/package-lock.json" | cut -d' ' -f1)"
if [ "$(cat "$QA/node_modules/.qa-lock.sha256" 2>/dev/null)" != "$lock_sum" ]; then
  echo "qa: npm ci"
  (cd "$QA" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error)
  echo "$lock_sum" >"$QA/node_modules/.qa-lock.sha256"
fi

# --- The release binary (FANSITE_BIN=path skips the build, e.g. to try a debug binary).
only_info=false
for arg in "$@"; do case "$arg" in --list | --help | -h) only_info=true ;; esac; done
if [ -z "${FANSITE_BIN:-}" ] && ! $only_info; then
  start=$SECONDS
  (cd "$REPO" && cargo build --release --locked --quiet --bin fansite --example corpus)
  echo "qa: cargo build --release took $((SECONDS - start)) s"
  export FANSITE_BIN="$REPO/target/release/fansite"
  export FANSITE_CORPUS="$REPO/target/release/examples/corpus"
fi

cd "$REPO"
exec node "$QA/qa.mjs" "$@"
