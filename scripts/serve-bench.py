"""Save-to-visible of `fansite serve`: from the write of an episode's file to the reload
event reaching a client and the page, fetched again, showing the change.

Usage: scripts/serve-bench.sh [EDITS] [SIZES...]   (default 20 edits, 1,000 and 10,000
episodes). Also times a `site.toml` edit (a full rebuild) against `fansite build` on the
same site, and reports the server's peak memory (VmHWM) after the edits.
"""

import os
import re
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RELEASE = ROOT / os.environ.get("CARGO_TARGET_DIR", "target") / "release"
FANSITE = RELEASE / "fansite"
CORPUS = RELEASE / "examples" / "corpus"
WORK = RELEASE.parent / "serve-bench"


class Events:
    """The reload channel, read line by line."""

    def __init__(self, address):
        host, port = address.split(":")
        self.sock = socket.create_connection((host, int(port)))
        self.sock.sendall(f"GET /__fansite/events HTTP/1.1\r\nHost: {address}\r\n\r\n".encode())
        self.buffer = b""
        self.wait(b"retry:")

    def wait(self, marker, timeout=120):
        deadline = time.monotonic() + timeout
        while marker not in self.buffer:
            self.sock.settimeout(max(0.01, deadline - time.monotonic()))
            chunk = self.sock.recv(65536)
            if not chunk:
                sys.exit("the reload channel closed")
            self.buffer += chunk
        at = self.buffer.index(marker)
        self.buffer = self.buffer[at + len(marker):]


def fetch(address, path):
    host, port = address.split(":")
    with socket.create_connection((host, int(port))) as sock:
        sock.sendall(f"GET {path} HTTP/1.1\r\nHost: {address}\r\nConnection: close\r\n\r\n".encode())
        data = b""
        while chunk := sock.recv(1 << 20):
            data += chunk
    return data.decode("utf-8", "replace")


def peak_mib(pid):
    status = Path(f"/proc/{pid}/status").read_text()
    return int(re.search(r"VmHWM:\s+(\d+) kB", status).group(1)) / 1024


def bench(size, edits):
    site = WORK / f"corpus-{size}"
    subprocess.run(["rm", "-rf", site], check=True)
    subprocess.run([CORPUS, "--episodes", str(size), "--seed", "7", "--out", site],
                   check=True, stdout=subprocess.DEVNULL)
    server = subprocess.Popen([FANSITE, "serve", "--port", "0"], cwd=site,
                              stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        first = server.stdout.readline()
        address = re.search(r"http://([^/]+)/", first).group(1)
        events = Events(address)
        episode = sorted((site / "content" / "episodes").glob("*.md"))[len(sorted((site / "content" / "episodes").glob("*.md"))) // 2]
        url = "/episodes/" + episode.stem + "/"
        text = episode.read_text()
        samples = []
        for n in range(edits):
            marker = f"Edited-{n}-{time.time_ns()}"
            started = time.perf_counter()
            episode.write_text(text + f"\n{marker}\n")
            events.wait(b"event: reload")
            page = fetch(address, url)
            samples.append((time.perf_counter() - started) * 1000)
            if marker not in page:
                sys.exit(f"{url} does not show {marker}")
            server.stdout.readline()
            time.sleep(0.2)
        full = []
        config = site / "site.toml"
        settings = config.read_text()
        for n in range(5):
            # A change every page shows (a touch alone would change no page: none reloads).
            changed = re.sub(r'^title = "', f'title = "{n} ', settings, count=1, flags=re.M)
            started = time.perf_counter()
            config.write_text(changed)
            events.wait(b"event: reload")
            full.append((time.perf_counter() - started) * 1000)
            server.stdout.readline()
            time.sleep(0.2)
        memory = peak_mib(server.pid)
    finally:
        server.terminate()
        server.wait()
    subprocess.run([FANSITE, "build"], cwd=site, check=True, stdout=subprocess.DEVNULL)
    builds = []
    for _ in range(5):
        os.utime(site / "site.toml")
        started = time.perf_counter()
        subprocess.run([FANSITE, "build"], cwd=site, check=True, stdout=subprocess.DEVNULL)
        builds.append((time.perf_counter() - started) * 1000)
    subprocess.run(["rm", "-rf", site], check=True)
    return samples, full, builds, memory


def main():
    args = [int(a) for a in sys.argv[1:] if a.isdigit()]
    edits = args[0] if args else 20
    sizes = args[1:] or [1000, 10000]
    WORK.mkdir(parents=True, exist_ok=True)
    print(f"| episodes | save-to-visible, one episode: median (max) | site.toml edit: median "
          f"| fansite build after a save: median | serve / build | serve peak memory |")
    print("|---:|---:|---:|---:|---:|---:|")
    for size in sizes:
        samples, full, builds, memory = bench(size, edits)
        med_full, med_build = statistics.median(full), statistics.median(builds)
        print(f"| {size:,} | {statistics.median(samples):.0f} ms ({max(samples):.0f} ms) "
              f"| {med_full:.0f} ms | {med_build:.0f} ms | {med_full / med_build:.2f} | {memory:.0f} MiB |")


if __name__ == "__main__":
    main()
