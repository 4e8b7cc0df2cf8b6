#!/usr/bin/env bash
# Builds the site on any CI that runs a shell command: Cloudflare Pages (build command
# `bash deploy/ci.sh`, output folder `public`), GitLab CI, sourcehut, a cron job.
#
#   BASE_URL   where the site is served, e.g. https://example.org/my-site/ (required)
#   FANSITE_GIT  where to install fansite from when it is not installed yet
#
# It checks the site first, so that a broken page fails the deploy with its file and line.
set -euo pipefail
: "${BASE_URL:?set BASE_URL to the address the site is served at}"
if ! command -v fansite >/dev/null 2>&1; then
  command -v cargo >/dev/null 2>&1 || { echo "ci.sh: needs cargo (https://rustup.rs) to install fansite" >&2; exit 1; }
  cargo install --locked --git "${FANSITE_GIT:-https://github.com/OWNER/fansite}" fansite
fi
fansite check --base-url "$BASE_URL"
fansite build --base-url "$BASE_URL"
