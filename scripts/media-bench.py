"""What pictures cost a build: scripts/media-bench.sh runs this; see the README (Pictures).

Usage: media-bench.py [RUNS] [PICTURES] [--zola BIN]

Two generated series of PICTURES episodes (200 by default), the same text with the same
seed: one with a still of 4,000 by 3,000 pixels for each episode and a poster, one without
any picture. Reports:

- the first build of the series with pictures, from an empty cache: wall and CPU time in
  all and per picture;
- with --zola BIN, Zola's `resize_image` making the same widths in the same two formats
  (WebP and JPEG, quality 75) of the same files, from an empty cache, in one `zola build`;
- rebuilds (`site.toml` saved again, as bench.py's `rebuild`) of both series, alternated
  RUNS times (5 by default): the medians and their ratio, the cost of pictures that did not
  change.
"""

import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET = ROOT / os.environ.get("CARGO_TARGET_DIR", "target")
FANSITE = TARGET / "release" / "fansite"
CORPUS = TARGET / "release" / "examples" / "corpus"
WORK = TARGET / "media-bench"
WIDTHS = (480, 800, 1200, 1600)


def run(command, cwd):
    """Runs `command`; returns (wall seconds, its output)."""
    started = time.perf_counter()
    done = subprocess.run(command, cwd=cwd, capture_output=True, text=True)
    wall = time.perf_counter() - started
    if done.returncode != 0:
        sys.exit(f"{' '.join(map(str, command))} failed:\n{done.stderr}")
    return wall, done.stdout


def timed(command, cwd):
    """Runs `command`; returns (wall seconds, CPU seconds of it and its children)."""
    before = os.times()
    wall, _ = run(command, cwd)
    after = os.times()
    cpu = (after.children_user - before.children_user) + (after.children_system - before.children_system)
    return wall, cpu


def settle():
    os.sync()
    time.sleep(0.5)


def corpus(out, episodes, pictures):
    shutil.rmtree(out, ignore_errors=True)
    run([CORPUS, "--episodes", str(episodes), "--seed", "11", "--pictures", str(pictures), "--out", out], ROOT)


def zola_site(pictured, out):
    """A Zola site whose one template resizes every picture of `pictured` to WIDTHS, in WebP
    and in JPEG."""
    shutil.rmtree(out, ignore_errors=True)
    (out / "static" / "pictures").mkdir(parents=True)
    (out / "content").mkdir()
    (out / "templates").mkdir()
    sources = sorted(pictured.glob("content/**/*.jpg")) + sorted(pictured.glob("static/**/*.jpg"))
    for n, source in enumerate(sources):
        shutil.copy(source, out / "static" / "pictures" / f"p{n}.jpg")
    (out / "config.toml").write_text('base_url = "https://example.org"\ncompile_sass = false\nbuild_search_index = false\n')
    (out / "content" / "_index.md").write_text("+++\n+++\n")
    widths = ", ".join(map(str, WIDTHS))
    (out / "templates" / "index.html").write_text(
        f"{{% for n in range(end={len(sources)}) %}}{{% set path = \"pictures/p\" ~ n ~ \".jpg\" %}}"
        f"{{% for w in [{widths}] %}}"
        "{% set a = resize_image(path=path, width=w, op=\"fit_width\", format=\"webp\", quality=75) %}"
        "{% set b = resize_image(path=path, width=w, op=\"fit_width\", format=\"jpg\", quality=75) %}"
        "{{ a.url }} {{ b.url }}\n{% endfor %}{% endfor %}\n"
    )
    return len(sources)


def main():
    args = sys.argv[1:]
    zola = None
    if "--zola" in args:
        at = args.index("--zola")
        zola = Path(args[at + 1]).resolve()
        del args[at : at + 2]
    runs = int(args[0]) if args else 5
    episodes = int(args[1]) if len(args) > 1 else 200
    WORK.mkdir(parents=True, exist_ok=True)
    pictured = WORK / "pictured"
    plain = WORK / "plain"
    corpus(pictured, episodes, episodes)
    corpus(plain, episodes, 0)
    count = len(list(pictured.glob("content/**/*.jpg"))) + len(list(pictured.glob("static/**/*.jpg")))

    settle()
    wall, cpu = timed([FANSITE, "build"], pictured)
    files = sum(1 for _ in (pictured / "public" / "processed_images").iterdir())
    size = sum(f.stat().st_size for f in (pictured / "public" / "processed_images").iterdir())
    print(f"fansite, first build: {count} pictures in {wall:.1f} s ({wall / count:.3f} s each; CPU {cpu:.1f} s, {cpu / count:.3f} s each); {files} files, {size / 1e6:.1f} MB")
    if zola:
        site = WORK / "zola"
        made = zola_site(pictured, site)
        settle()
        wall_z, cpu_z = timed([zola, "build"], site)
        processed = site / "public" / "processed_images"
        files_z = sum(1 for _ in processed.iterdir()) if processed.exists() else 0
        size_z = sum(f.stat().st_size for f in processed.iterdir()) if processed.exists() else 0
        print(f"Zola {subprocess.run([zola, '--version'], capture_output=True, text=True).stdout.strip()}, resize_image: {made} pictures in {wall_z:.1f} s ({wall_z / made:.3f} s each; CPU {cpu_z:.1f} s); {files_z} files, {size_z / 1e6:.1f} MB")
        print(f"fansite / Zola, first build: {wall / wall_z:.2f} (wall), {cpu / cpu_z:.2f} (CPU)")

    for where in (pictured, plain):
        for _ in range(2):
            run([FANSITE, "build"], where)
    samples = {pictured: [], plain: []}
    for _ in range(runs):
        for where in (pictured, plain):
            os.utime(where / "site.toml")
            settle()
            samples[where].append(timed([FANSITE, "build"], where)[0])
    with_pictures = statistics.median(samples[pictured])
    without = statistics.median(samples[plain])
    print(f"rebuild, pictures unchanged: {with_pictures * 1000:.1f} ms; without pictures: {without * 1000:.1f} ms; ratio {with_pictures / without:.3f} (median of {runs})")


if __name__ == "__main__":
    main()
