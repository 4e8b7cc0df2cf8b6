"""The benchmark behind scripts/bench.sh: see that script, and the README."""

import os
import re
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RELEASE = ROOT / "target" / "release"
FANSITE = RELEASE / "fansite"
CORPUS = RELEASE / "examples" / "corpus"
FLOOR = RELEASE / "examples" / "floor"
WORK = ROOT / "target" / "bench"


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


def pages_of(stdout):
    match = re.search(r"(\d+) pages", stdout)
    return int(match.group(1)) if match else 0


def measure(site, runs):
    """Alternates fansite and the floor, `runs` times each, clean and rebuild.

    A clean run writes into a folder that never existed, rather than one just deleted:
    ext4 skips the inodes of files deleted in the last 30 seconds when it allocates new
    ones, so building right after `rm -rf` of a 10,000-page tree times the deletion's
    aftermath, not the build. The clean outputs are deleted after the clean runs."""
    results = {}
    for mode in ("clean", "rebuild"):
        samples = {"fansite": [], "floor": []}
        if mode == "rebuild":
            # The previous output exists: one untimed build of each first, and fansite's
            # kept folder (the build before last) exists too.
            for _ in range(2):
                run([FANSITE, "build"], site)
            run([FLOOR, ".", "floor-out"], site)
        for n in range(runs):
            fansite = [FANSITE, "build"] + (["--output", f"clean-{n}/public"] if mode == "clean" else [])
            floor = [FLOOR, ".", f"clean-{n}/floor" if mode == "clean" else "floor-out"]
            settle()
            samples["fansite"].append(run(fansite, site))
            settle()
            samples["floor"].append(run(floor, site))
        if mode == "clean":
            for n in range(runs):
                shutil.rmtree(site / f"clean-{n}", ignore_errors=True)
        for tool, values in samples.items():
            results[(mode, tool)] = {
                "wall": statistics.median(v[0] for v in values),
                "rss": max(v[1] for v in values),
                "pages": pages_of(values[0][2]),
                "cpu": statistics.median(v[3] for v in values),
            }
    return results


def main():
    args = sys.argv[1:]
    runs = int(args[0]) if args else 5
    sizes = [int(a) for a in args[1:]] or [1000, 10000]
    WORK.mkdir(parents=True, exist_ok=True)
    table = {}
    for size in sizes:
        site = WORK / f"corpus-{size}"
        shutil.rmtree(site, ignore_errors=True)
        subprocess.run([CORPUS, "--episodes", str(size), "--seed", "7", "--out", site],
                       check=True, stdout=subprocess.DEVNULL)
        # A small site builds in a tenth of a second, where one disturbance of the machine
        # weighs ten times more: it gets more runs, which cost little.
        table[size] = measure(site, runs * 3 if size <= 2000 else runs)
        shutil.rmtree(site, ignore_errors=True)

    real = [run([FANSITE, "build", "--output", WORK / "real-site"], ROOT)[0] for _ in range(10)]
    shutil.rmtree(WORK / "real-site", ignore_errors=True)
    shutil.rmtree(WORK / ".real-site.previous", ignore_errors=True)

    print(f"\n{runs} runs each ({runs * 3} up to 2,000 episodes), median wall time, "
          f"{os.cpu_count()} cores\n")
    print("| episodes | build | program | wall (s) | pages/s | peak RSS (MiB) | CPU (s) "
          "| fansite/floor |")
    print("|---:|---|---|---:|---:|---:|---:|---:|")
    for size, results in table.items():
        for mode in ("clean", "rebuild"):
            floor = results[(mode, "floor")]
            for tool in ("fansite", "floor"):
                r = results[(mode, tool)]
                ratio = f"{r['wall'] / floor['wall']:.2f}" if tool == "fansite" else ""
                print(f"| {size:,} | {mode} | {tool} | {r['wall']:.3f} | {r['pages'] / r['wall']:,.0f} "
                      f"| {r['rss']:.0f} | {r['cpu']:.2f} | {ratio} |")
    if len(sizes) >= 2:
        small, large = sizes[0], sizes[-1]
        for mode in ("clean", "rebuild"):
            growth = table[large][(mode, "fansite")]["wall"] / table[small][(mode, "fansite")]["wall"]
            print(f"\nfansite {mode}: {large:,} / {small:,} episodes = {growth:.1f}x the time")
    print(f"\nthe real site: median {statistics.median(real) * 1000:.0f} ms over 10 builds")


if __name__ == "__main__":
    main()
