#!/usr/bin/env bash
# Checks that two versions of fansite generate byte-identical sites: the release binary of
# BASE_REV and that of TARGET each build the same three sites, and the outputs are compared
# file by file.
#
# Usage: scripts/compare-output.sh [OPTIONS] [BASE_REV] [TARGET]
#        scripts/compare-output.sh --base-binary [BASE_REV]
#
#   BASE_REV   the revision to compare against: the first argument, else $BASE_REV, else
#              efc8bb5 (the commit before the refactor of src/).
#   TARGET     the version under test: the second argument, else $TARGET_REV, else the
#              working tree (HEAD plus uncommitted changes; also spelt "." or "worktree").
#              It may also be a revision.
#
#   --episodes N     size of the synthetic corpus (default 1000, $COMPARE_EPISODES)
#   --theme own      (default, $COMPARE_THEME) each binary renders with its own revision's
#                    theme: templates/, static/ and labels/ travel with the code, since a
#                    refactor may move words from templates into labels and the old binary
#                    cannot render the new templates. site.toml and content/ are TARGET's
#                    for both, so both binaries build the same site sources.
#   --theme target   both binaries render TARGET's templates, static files and labels too.
#   --keep           keep the outputs under target/compare/ (they are kept anyway when
#                    something differs, and deleted when everything is identical).
#   --base-binary    only build (or reuse) BASE_REV's binary and print its path on stdout,
#                    e.g. scripts/bench.sh 3 1000 --against "$(scripts/compare-output.sh --base-binary)"
#
# The sites: (1) the real site (the repository root), (2) tests/fixtures/golden, (3) a
# corpus of N episodes made once by TARGET's `examples/corpus.rs` (seed 7). Builds write with
# `--output` into folders under target/compare/; the repository's public/ is never touched.
# The `.fansite` manifest (it holds mtimes) is left out of the comparison.
#
# Builds: TARGET = working tree is built in place with `cargo build --release --locked`
# into target/ (or $CARGO_TARGET_DIR). A revision is extracted with `git archive` into
# target/compare/src/<hash>/ (deleted at the end), built with its own cargo target folder
# target/compare/cargo/, and its binaries are cached in target/compare/bin/<full hash>/, so
# a second run reuses them (delete that folder to force a rebuild). target/compare/ is
# under $CARGO_TARGET_DIR instead of target/ when that is set, or $COMPARE_DIR if set.
#
# Prints per site `identical: N files`, or the files that differ or exist on one side
# only, with the start of a unified diff for text files. Exits 0 when every site is
# identical, 1 when anything differs, 2 when something could not be built or run.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
say() { printf '%s\n' "$*" >&2; }
die() { say "compare-output: $*"; exit 2; }
# Exit status 1 means "the outputs differ": any other failure exits 2.
set -E
trap 'say "compare-output: failed at line $LINENO: $BASH_COMMAND"; exit 2' ERR
usage() { sed -n '2,/^set -euo/{/^set -euo/d;s/^# \{0,1\}//;p}' "${BASH_SOURCE[0]}"; }

# Absolute paths, resolved against the folder the script was called from.
if [[ -n "${CARGO_TARGET_DIR:-}" ]]; then
    CARGO_TARGET_DIR="$(realpath -m -- "$CARGO_TARGET_DIR")"
    export CARGO_TARGET_DIR
fi
TARGET_DIR="${CARGO_TARGET_DIR:-$ROOT/target}"
COMPARE_DIR="$(realpath -m -- "${COMPARE_DIR:-$TARGET_DIR/compare}")"

episodes="${COMPARE_EPISODES:-1000}"
theme="${COMPARE_THEME:-own}"
keep=0
base_binary_only=0
positional=()
while (($#)); do
    case "$1" in
        -h | --help) usage; exit 0 ;;
        --episodes) [[ $# -ge 2 ]] || die "--episodes needs a number"; episodes="$2"; shift 2 ;;
        --episodes=*) episodes="${1#*=}"; shift ;;
        --theme) [[ $# -ge 2 ]] || die "--theme needs own or target"; theme="$2"; shift 2 ;;
        --theme=*) theme="${1#*=}"; shift ;;
        --keep) keep=1; shift ;;
        --base-binary) base_binary_only=1; shift ;;
        --) shift; positional+=("$@"); break ;;
        -*) die "unknown option $1 (see --help)" ;;
        *) positional+=("$1"); shift ;;
    esac
done
((${#positional[@]} <= 2)) || die "too many arguments: ${positional[*]} (see --help)"
[[ "$episodes" =~ ^[0-9]+$ && "$episodes" -gt 0 ]] || die "--episodes: not a positive number: $episodes"
[[ "$theme" == own || "$theme" == target ]] || die "--theme: own or target, not $theme"

base_spec="${positional[0]:-${BASE_REV:-efc8bb5}}"
target_spec="${positional[1]:-${TARGET_REV:-}}"
case "$target_spec" in "" | . | worktree | WORKTREE) target_spec="" ;; esac

resolve() {
    git -C "$ROOT" rev-parse --verify --quiet "$1^{commit}" || die "not a revision of $ROOT: $1"
}
base_hash="$(resolve "$base_spec")"
target_hash=""
[[ -n "$target_spec" ]] && target_hash="$(resolve "$target_spec")"

mkdir -p "$COMPARE_DIR/bin" "$COMPARE_DIR/src"
extracted=()
run_dir=""
cleanup() {
    local status=$?
    local tree
    for tree in "${extracted[@]}"; do rm -rf -- "$tree"; done
    if [[ -n "$run_dir" && -d "$run_dir" ]]; then
        if ((keep)) || ((status != 0)); then
            say "outputs kept in $run_dir (delete it when done)"
        else
            rm -rf -- "$run_dir"
        fi
    fi
}
trap cleanup EXIT

# The sources of a revision in COMPARE_DIR/src/<hash> (set in REPLY): always the same
# path, so that the corpus binary cached for a revision finds the templates it copies (its
# manifest folder). Extracted once per run, deleted at the end.
extract() {
    local hash="$1" tree="$COMPARE_DIR/src/$1"
    if [[ " ${extracted[*]} " != *" $tree "* ]]; then
        rm -rf -- "$tree"
        mkdir -p "$tree"
        extracted+=("$tree")
        git -C "$ROOT" archive --format=tar "$hash" | tar -x -C "$tree"
    fi
    REPLY="$tree"
}

# Builds the release binaries of a revision once and caches them by full hash. Sets REPLY
# to the cache folder, which holds `fansite` and, when asked for, `corpus`.
build_revision() {
    local hash="$1" with_corpus="$2" cache="$COMPARE_DIR/bin/$1"
    if [[ -x "$cache/fansite" ]] && { ((with_corpus == 0)) || [[ -x "$cache/corpus" ]]; }; then
        say "reusing the binaries of ${hash:0:10} cached in $cache"
        REPLY="$cache"
        return
    fi
    extract "$hash"
    local tree="$REPLY" cargo_dir="$COMPARE_DIR/cargo"
    local what=(--bin fansite)
    ((with_corpus)) && what+=(--example corpus)
    say "building ${hash:0:10} (release) from $tree, cargo folder $cargo_dir"
    (cd "$tree" && CARGO_TARGET_DIR="$cargo_dir" cargo build --release --locked "${what[@]}" >&2) ||
        die "the release build of ${hash:0:10} failed"
    rm -rf -- "$cache.tmp"
    mkdir -p "$cache.tmp"
    cp -- "$cargo_dir/release/fansite" "$cache.tmp/fansite"
    if ((with_corpus)); then
        cp -- "$cargo_dir/release/examples/corpus" "$cache.tmp/corpus"
    elif [[ -x "$cache/corpus" ]]; then
        cp -- "$cache/corpus" "$cache.tmp/corpus"
    fi
    rm -rf -- "$cache"
    mv -- "$cache.tmp" "$cache"
    REPLY="$cache"
}

build_revision "$base_hash" 0
base_bin="$REPLY/fansite"
if ((base_binary_only)); then
    printf '%s\n' "$base_bin"
    exit 0
fi

if [[ -z "$target_hash" ]]; then
    say "building the working tree of $ROOT (release) into $TARGET_DIR"
    (cd "$ROOT" && cargo build --release --locked --bin fansite --example corpus >&2) ||
        die "the release build of the working tree failed"
    target_bin="$TARGET_DIR/release/fansite"
    corpus_bin="$TARGET_DIR/release/examples/corpus"
    target_tree="$ROOT"
    target_name="working tree ($(git -C "$ROOT" rev-parse --short HEAD)$(git -C "$ROOT" diff --quiet HEAD -- 2>/dev/null || printf ' + changes'))"
else
    build_revision "$target_hash" 1
    target_bin="$REPLY/fansite"
    corpus_bin="$REPLY/corpus"
    extract "$target_hash"
    target_tree="$REPLY"
    target_name="${target_hash:0:10}"
fi
extract "$base_hash"
base_tree="$REPLY"

run_dir="$(mktemp -d "$COMPARE_DIR/run.XXXXXX")"
say "base   ${base_hash:0:10}: $base_bin"
say "target $target_name: $target_bin"
say "work folder: $run_dir"

# A site for the base binary (set in REPLY): TARGET's site.toml and content/ with the theme
# folders found in BASE_THEME_ROOT. stage NAME TARGET_SITE BASE_THEME_ROOT
stage() {
    local name="$1" site="$2" theme_root="$3" dest="$run_dir/sites/$1-base" part
    mkdir -p "$dest"
    for part in site.toml content; do
        if [[ -e "$site/$part" ]]; then cp -a -- "$site/$part" "$dest/"; fi
    done
    for part in templates static labels; do
        if [[ -e "$theme_root/$part" ]]; then cp -a -- "$theme_root/$part" "$dest/$part"; fi
    done
    REPLY="$dest"
}

failed=0
differs=0
summary=()

# build_and_compare LABEL NAME TARGET_SITE BASE_SITE
build_and_compare() {
    local label="$1" name="$2" target_site="$3" base_site="$4"
    local out="$run_dir/out/$name" side bin site log
    mkdir -p "$out"
    for side in base target; do
        if [[ $side == base ]]; then bin="$base_bin" site="$base_site"; else bin="$target_bin" site="$target_site"; fi
        log="$out/$side.log"
        if ! "$bin" --root "$site" build --output "$out/$side" >"$log" 2>&1; then
            printf '%s: FAILED: the %s binary could not build %s:\n' "$label" "$side" "$site"
            sed -n '1,25s/^/    /p' "$log"
            failed=1
            summary+=("$label: build failed ($side)")
            return
        fi
    done
    local result=0
    python3 - "$label" "$out/base" "$out/target" <<'PY' || result=$?
import difflib, os, sys

label, base, target = sys.argv[1:4]
IGNORED = {".fansite"}  # the manifest: timestamps


def files(root):
    found = {}
    for folder, dirs, names in os.walk(root):
        dirs.sort()
        for name in names:
            path = os.path.join(folder, name)
            rel = os.path.relpath(path, root)
            if rel not in IGNORED:
                found[rel] = path
    return found


a, b = files(base), files(target)
only_base = sorted(set(a) - set(b))
only_target = sorted(set(b) - set(a))
changed = []
for rel in sorted(set(a) & set(b)):
    with open(a[rel], "rb") as fa, open(b[rel], "rb") as fb:
        if fa.read() != fb.read():
            changed.append(rel)

if not (only_base or only_target or changed):
    print(f"{label}: identical: {len(b):,} files")
    sys.exit(0)

print(f"{label}: DIFFERENT: {len(changed)} differ, {len(only_base)} only in base, "
      f"{len(only_target)} only in target (of {len(a):,} base and {len(b):,} target files)")
SHOWN_DIFFS, DIFF_LINES, LISTED = 5, 16, 30
for rel in only_base[:LISTED]:
    print(f"  only in base:   {rel}")
for rel in only_target[:LISTED]:
    print(f"  only in target: {rel}")
for n, rel in enumerate(changed[:LISTED]):
    print(f"  differs:        {rel}")
    if n >= SHOWN_DIFFS:
        continue
    try:
        old = open(a[rel], encoding="utf-8").read().splitlines()
        new = open(b[rel], encoding="utf-8").read().splitlines()
    except UnicodeDecodeError:
        print(f"      (binary: {os.path.getsize(a[rel])} and {os.path.getsize(b[rel])} bytes)")
        continue
    if old == new:
        print("      (only line endings or the final newline differ)")
        continue
    lines = list(difflib.unified_diff(old, new, f"base/{rel}", f"target/{rel}", n=1, lineterm=""))
    for line in lines[:DIFF_LINES]:
        print("      " + (line if len(line) <= 200 else line[:200] + " [...]"))
    if len(lines) > DIFF_LINES:
        print(f"      ... {len(lines) - DIFF_LINES} more diff lines")
hidden = sum(max(0, len(x) - LISTED) for x in (only_base, only_target, changed))
if hidden:
    print(f"  ... and {hidden} more files")
sys.exit(1)
PY
    case "$result" in
        0) summary+=("$label: identical") ;;
        1) differs=1; summary+=("$label: DIFFERENT") ;;
        *) failed=1; summary+=("$label: comparison failed") ;;
    esac
}

theme_note=""
[[ $theme == target ]] && theme_note=", both with TARGET's theme"
say "comparing base ${base_hash:0:10} with target $target_name$theme_note"

# The site the base binary builds (set in REPLY). site_base NAME RELATIVE_PATH_OF_THE_SITE
site_base() {
    local name="$1" rel="$2" site="$target_tree${2:+/$2}"
    if [[ $theme == target ]]; then
        REPLY="$site"
    elif [[ -d "$base_tree${rel:+/$rel}" ]]; then
        stage "$name" "$site" "$base_tree${rel:+/$rel}"
    else
        say "note: $rel does not exist in ${base_hash:0:10}; its base build uses TARGET's theme"
        REPLY="$site"
    fi
}

# (1) The real site.
site_base real ""
build_and_compare "real site" real "$target_tree" "$REPLY"

# (2) The golden fixture.
site_base golden tests/fixtures/golden
build_and_compare "tests/fixtures/golden" golden "$target_tree/tests/fixtures/golden" "$REPLY"

# (3) A synthetic corpus, generated once by TARGET's generator with TARGET's theme.
corpus="$run_dir/sites/corpus"
project_arg=()
grep -q -- '"--project"' "$target_tree/examples/corpus.rs" 2>/dev/null && project_arg=(--project "$target_tree")
"$corpus_bin" --episodes "$episodes" --seed 7 --out "$corpus" "${project_arg[@]}" >&2 ||
    die "the corpus generator failed"
corpus_base="$corpus"
if [[ $theme == own ]]; then
    # The base build gets BASE_REV's copy of each theme folder the generator copied.
    corpus_base="$run_dir/sites/corpus-base"
    mkdir -p "$corpus_base"
    cp -a -- "$corpus/site.toml" "$corpus/content" "$corpus_base/"
    for part in templates static labels; do
        if [[ -e "$corpus/$part" && -e "$base_tree/$part" ]]; then
            cp -a -- "$base_tree/$part" "$corpus_base/$part"
        fi
    done
fi
build_and_compare "corpus of $episodes episodes" corpus "$corpus" "$corpus_base"

echo
printf '%s\n' "${summary[@]}"
echo "base binary (for scripts/bench.sh --against): $base_bin"
if ((failed)); then
    exit 2
elif ((differs)); then
    exit 1
fi
