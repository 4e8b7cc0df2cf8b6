#!/usr/bin/env bash
# Copies the built site to a plain web server (or any folder): only what changed, and
# what the site no longer has is deleted there too.
#
#   bash deploy/rsync.sh user@host:/var/www/my-site/
#
# public/ holds the site and nothing else: fansite keeps its own files beside it.
set -euo pipefail
dest="${1:?usage: deploy/rsync.sh DESTINATION (user@host:/var/www/site/ or a folder)}"
site="${SITE_DIR:-public}"   # the built site: public/ unless built with --output
[ -d "$site" ] || { echo "rsync.sh: no $site/ here; run fansite build first" >&2; exit 1; }
rsync -a --delete --human-readable --stats "$site/" "$dest"
