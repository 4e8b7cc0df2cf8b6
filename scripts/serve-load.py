"""Load on `fansite serve`: 200 connections at once making 20,000 requests, with one client
that never reads its response, then 1,000 rebuilds; prints the failed requests and the
server's memory before and after the rebuilds.

Usage: python3 scripts/serve-load.py [SITE]   (default: a copy of this repository's site;
run `cargo build --release` first.)
"""

import http.client
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FANSITE = ROOT / "target" / "release" / "fansite"
PATHS = ["/", "/episodes/part-1/", "/style.css", "/people/", "/search/", "/no/such/page/"]


def rss_kib(pid):
    return int(re.search(r"VmRSS:\s+(\d+)", Path(f"/proc/{pid}/status").read_text()).group(1))


def hammer(host, port, connections=200, each=100):
    failed, lock = [], threading.Lock()

    def client(n):
        conn = http.client.HTTPConnection(host, port, timeout=10)
        for i in range(each):
            try:
                conn.request("GET", PATHS[(n + i) % len(PATHS)])
                response = conn.getresponse()
                response.read()
                if response.status not in (200, 404):
                    with lock:
                        failed.append(response.status)
            except Exception as error:  # noqa: BLE001 - every failure counts
                with lock:
                    failed.append(repr(error))
                conn = http.client.HTTPConnection(host, port, timeout=10)

    threads = [threading.Thread(target=client, args=(n,)) for n in range(connections)]
    started = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return failed, time.perf_counter() - started


def main():
    work = Path(tempfile.mkdtemp(prefix="fansite-load-"))
    site = Path(sys.argv[1]) if len(sys.argv) > 1 else work / "site"
    if len(sys.argv) <= 1:
        site.mkdir()
        shutil.copy(ROOT / "site.toml", site)
        shutil.copytree(ROOT / "content", site / "content")
    server = subprocess.Popen([FANSITE, "serve", "--port", "0"], cwd=site,
                              stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        host, port = re.search(r"http://([^:/]+):(\d+)/", server.stdout.readline()).groups()
        port = int(port)
        slow = socket.create_connection((host, port))
        slow.sendall(f"GET / HTTP/1.1\r\nHost: {host}:{port}\r\n\r\n".encode())
        failed, seconds = hammer(host, port)
        print(f"20,000 requests on 200 connections, one client never reading: "
              f"{len(failed)} failed {failed[:3]}, {seconds:.1f} s")
        before = rss_kib(server.pid)
        touched = site / "content" / "_index.md"
        for n in range(1000):
            touched.touch()
            server.stdout.readline()
        print(f"memory before 1,000 rebuilds {before / 1024:.1f} MiB, "
              f"after {rss_kib(server.pid) / 1024:.1f} MiB")
    finally:
        server.terminate()
        server.wait()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
