"""The benchmark behind scripts/bench.sh: see that script, and the README.

Usage: bench.py [RUNS] [SIZES...] [--against BIN [--against-theme REV|DIR]]

SIZES are numbers of episodes, 1,000 and 10,000 by default; add 100000 for the large
corpus (about a minute a run, and 800 MiB).

Three builds of each size: `clean`, into a folder that does not exist; `rebuild`, over the
last build after one source was saved again (so the whole site is read and rendered, and
only what differs written); `unchanged`, over the last build with nothing saved (fansite
finds that from the sources alone and renders nothing). The floor does the same work in
all three but the first, as it has no notion of either.

--against BIN adds another fansite binary (say the previous commit's, as built by
scripts/compare-output.sh --base-binary) as a third program, `baseline`, alternated with
fansite and the floor in the same runs, and prints the ratios fansite/baseline of wall
time, CPU time and peak RSS. The baseline builds its own copy of each corpus, rendered with
its own theme (templates/, static/, labels/): those of --against-theme, a revision of this
repository or a folder, by default the revision of a binary cached by compare-output.sh
(`.../compare/bin/<hash>/fansite`), else this tree's, like fansite.
"""

import os
import re
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Where bench.sh's `cargo build` put the binaries (a relative CARGO_TARGET_DIR is relative
# to the repository, where bench.sh runs cargo).
TARGET = ROOT / os.environ.get("CARGO_TARGET_DIR", "target")
RELEASE = TARGET / "release"
FANSITE = RELEASE / "fansite"
CORPUS = RELEASE / "examples" / "corpus"
FLOOR = RELEASE / "examples" / "floor"
WORK = TARGET / "bench"
THEME_PARTS = ("templates", "static", "labels")
MODES = ("clean", "rebuild", "unchanged")


def settle():
    """Flushes what earlier runs and clean-ups left to write, so that their disk work is
    not timed as part of the next run's."""
    os.sync()
    time.sleep(0.5)


def run(command, cwd):
    """Runs `command`; returns (wall seconds, peak RSS in MiB, stdout, CPU seconds)."""
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    stdout = process.stdout.read()
    stderr = process.stderr.read()
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"{' '.join(map(str, command))} failed:\n{stderr.decode()}")
    return wall, usage.ru_maxrss / 1024, stdout.decode(), usage.ru_utime + usage.ru_stime


def resave(path):
    """Gives `path` a new modification time, as an editor saving it unchanged would."""
    os.utime(path)


def pages_of(stdout):
    match = re.search(r"(\d+) pages", stdout)
    return int(match.group(1)) if match else 0


def measure(site, runs, baseline=None):
    """Alternates fansite, the baseline if any (a `(binary, site)` pair: its own copy of the
    site) and the floor, `runs` times each, clean and rebuild.

    A clean run writes into a folder that never existed, rather than one just deleted:
    ext4 skips the inodes of files deleted in the last 30 seconds when it allocates new
    ones, so building right after `rm -rf` of a 10,000-page tree times the deletion's
    aftermath, not the build. The clean outputs are deleted after the clean runs."""
    programs = [("fansite", FANSITE, site)]
    if baseline:
        programs.append(("baseline", *baseline))
    results = {}
    for mode in MODES:
        samples = {"fansite": [], "floor": []}
        if baseline:
            samples = {"fansite": [], "baseline": [], "floor": []}
        if mode != "clean":
            # The previous output exists: one untimed build of each first, and fansite's
            # kept folder (the build before last) exists too.
            for _, binary, where in programs:
                for _ in range(2):
                    run([binary, "build"], where)
            run([FLOOR, ".", "floor-out"], site)
        for n in range(runs):
            for tool, binary, where in programs:
                command = [binary, "build"] + (["--output", f"clean-{n}/public"] if mode == "clean" else [])
                if mode == "rebuild":
                    resave(where / "site.toml")
                settle()
                samples[tool].append(run(command, where))
            floor = [FLOOR, ".", f"clean-{n}/floor" if mode == "clean" else "floor-out"]
            settle()
            samples["floor"].append(run(floor, site))
        if mode == "clean":
            for n in range(runs):
                for where in {where for _, _, where in programs}:
                    shutil.rmtree(where / f"clean-{n}", ignore_errors=True)
        for tool, values in samples.items():
            results[(mode, tool)] = {
                "wall": statistics.median(v[0] for v in values),
                "rss": max(v[1] for v in values),
                "pages": pages_of(values[0][2]),
                "cpu": statistics.median(v[3] for v in values),
            }
    return results


def parse_args(args):
    """`[RUNS] [SIZES...]` with `--against BIN` and `--against-theme REV|DIR` anywhere."""
    usage = "usage: scripts/bench.sh [RUNS] [SIZES...] [--against BIN [--against-theme REV|DIR]]"
    positional, options = [], {"against": None, "against_theme": None}
    args = list(args)
    while args:
        arg = args.pop(0)
        name, eq, value = arg.partition("=")
        if name in ("--against", "--against-theme"):
            if not eq:
                if not args:
                    sys.exit(f"{name} needs a value\n{usage}")
                value = args.pop(0)
            options[name[2:].replace("-", "_")] = value
        elif arg in ("-h", "--help"):
            print(usage)
            sys.exit(0)
        elif arg.isdigit():
            positional.append(int(arg))
        else:
            sys.exit(f"unknown argument {arg!r}\n{usage}")
    if options["against_theme"] and not options["against"]:
        sys.exit(f"--against-theme needs --against\n{usage}")
    runs = positional[0] if positional else 5
    sizes = positional[1:] or [1000, 10000]
    return runs, sizes, options


def against_binary(path):
    binary = Path(path).expanduser().resolve()
    if not (binary.is_file() and os.access(binary, os.X_OK)):
        sys.exit(f"--against: not an executable file: {path}")
    return binary


def baseline_theme(binary, theme):
    """The folder holding the baseline's templates/, static/ and labels/, or None for this
    tree's own. `theme` is a folder or a revision; without it, a binary cached by
    compare-output.sh in `compare/bin/<full hash>/` names its revision."""
    if theme is None:
        if binary.parent.parent.name == "bin" and re.fullmatch(r"[0-9a-f]{40}", binary.parent.name):
            theme = binary.parent.name
        else:
            return None
    if Path(theme).is_dir():
        return Path(theme).resolve()
    commit = subprocess.run(["git", "-C", ROOT, "rev-parse", "--verify", "--quiet", f"{theme}^{{commit}}"],
                            capture_output=True, text=True)
    if commit.returncode != 0:
        sys.exit(f"--against-theme: neither a folder nor a revision: {theme}")
    commit = commit.stdout.strip()
    folder = WORK / f"theme-{commit}"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    listed = subprocess.run(["git", "-C", ROOT, "ls-tree", "--name-only", commit],
                            capture_output=True, text=True, check=True).stdout.split()
    parts = [part for part in THEME_PARTS if part in listed]
    archive = subprocess.run(["git", "-C", ROOT, "archive", "--format=tar", commit, *parts],
                             capture_output=True, check=True).stdout
    subprocess.run(["tar", "-x", "-C", folder], input=archive, check=True)
    print(f"the baseline renders with the theme of {commit[:10]}", file=sys.stderr)
    return folder


def baseline_site(site, theme, into):
    """A copy of `site` for the baseline: the same site.toml and content, and the
    baseline's copy of each theme folder the site has."""
    shutil.rmtree(into, ignore_errors=True)
    into.mkdir(parents=True)
    shutil.copy2(site / "site.toml", into / "site.toml")
    shutil.copytree(site / "content", into / "content")
    for part in THEME_PARTS:
        source = theme / part if theme is not None else site / part
        if (site / part).exists() and source.exists():
            shutil.copytree(source, into / part)
    return into


def main():
    runs, sizes, options = parse_args(sys.argv[1:])
    against = against_binary(options["against"]) if options["against"] else None
    WORK.mkdir(parents=True, exist_ok=True)
    theme = baseline_theme(against, options["against_theme"]) if against else None
    table = {}
    for size in sizes:
        site = WORK / f"corpus-{size}"
        shutil.rmtree(site, ignore_errors=True)
        subprocess.run([CORPUS, "--episodes", str(size), "--seed", "7", "--out", site],
                       check=True, stdout=subprocess.DEVNULL)
        baseline = None
        if against:
            baseline = (against, baseline_site(site, theme, WORK / f"corpus-{size}-baseline"))
        # A small site builds in a tenth of a second, where one disturbance of the machine
        # weighs ten times more: it gets more runs, which cost little.
        table[size] = measure(site, runs * 3 if size <= 2000 else runs, baseline)
        shutil.rmtree(site, ignore_errors=True)
        if baseline:
            shutil.rmtree(baseline[1], ignore_errors=True)

    # The real site: each program rebuilds its own output folder.
    real_site = [(FANSITE, ROOT, "real-site", [])]
    if against:
        real_site.append((against, baseline_site(ROOT, theme, WORK / "real-baseline"), "real-site-baseline", []))
    for _ in range(10):
        for binary, where, output, times in real_site:
            times.append(run([binary, "build", "--output", WORK / output], where)[0])
    real = real_site[0][3]
    for _, _, output, _ in real_site:
        shutil.rmtree(WORK / output, ignore_errors=True)
        shutil.rmtree(WORK / f".{output}.previous", ignore_errors=True)
    shutil.rmtree(WORK / "real-baseline", ignore_errors=True)
    if theme is not None and theme.parent == WORK:
        shutil.rmtree(theme, ignore_errors=True)

    tools = ("fansite", "baseline", "floor") if against else ("fansite", "floor")
    print(f"\n{runs} runs each ({runs * 3} up to 2,000 episodes), median wall time, "
          f"{os.cpu_count()} cores\n")
    if against:
        print(f"baseline: {against}\n")
    print("| episodes | build | program | wall (s) | pages/s | peak RSS (MiB) | CPU (s) "
          "| fansite/floor |")
    print("|---:|---|---|---:|---:|---:|---:|---:|")
    for size, results in table.items():
        for mode in MODES:
            floor = results[(mode, "floor")]
            for tool in tools:
                r = results[(mode, tool)]
                ratio = f"{r['wall'] / floor['wall']:.2f}" if tool != "floor" else ""
                print(f"| {size:,} | {mode} | {tool} | {r['wall']:.3f} | {r['pages'] / r['wall']:,.0f} "
                      f"| {r['rss']:.0f} | {r['cpu']:.2f} | {ratio} |")
    if against:
        print("\nfansite/baseline (below 1: fansite is faster or smaller)\n")
        print("| episodes | build | wall | CPU | peak RSS |")
        print("|---:|---|---:|---:|---:|")
        for size, results in table.items():
            for mode in MODES:
                new, old = results[(mode, "fansite")], results[(mode, "baseline")]
                print(f"| {size:,} | {mode} | {new['wall'] / old['wall']:.3f} "
                      f"| {new['cpu'] / old['cpu']:.3f} | {new['rss'] / old['rss']:.3f} |")
    if len(sizes) >= 2:
        small, large = sizes[0], sizes[-1]
        for mode in MODES:
            growth = table[large][(mode, "fansite")]["wall"] / table[small][(mode, "fansite")]["wall"]
            print(f"\nfansite {mode}: {large:,} / {small:,} episodes = {growth:.1f}x the time")
    print(f"\nthe real site: median {statistics.median(real) * 1000:.0f} ms over 10 builds")
    if against:
        print(f"the real site, baseline: median {statistics.median(real_site[1][3]) * 1000:.0f} ms "
              "over 10 builds")


if __name__ == "__main__":
    main()
