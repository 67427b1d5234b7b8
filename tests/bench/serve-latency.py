#!/usr/bin/env python3
"""Time from saving a page to `guide serve` serving the new version (not a test).

    tests/bench/serve-latency.py ROOT PAGE URL [EDITS]

ROOT is a site root, PAGE a markdown file under it, URL the page's path (e.g. /sla/).
Starts the release binary on a free port, appends a new sentence to PAGE EDITS times
(default 8), polls URL every 2 ms until the sentence shows, prints each latency in ms,
and restores PAGE. The server's own "rebuilt in N ms" lines go to stderr.
"""
import os
import re
import subprocess
import sys
import time
import urllib.request

repo = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
guide = os.path.join(repo, "target", "release", "guide")
if len(sys.argv) < 4:
    sys.exit(__doc__)
root, page, url = sys.argv[1:4]
edits = int(sys.argv[4]) if len(sys.argv) > 4 else 8
if not os.path.exists(guide):
    sys.exit(f"build the release binary first: cargo build --release -p guide ({guide})")

server = subprocess.Popen([guide, "serve", "--port", "0", "--root", root],
                          stdout=subprocess.PIPE, text=True)
try:
    port = int(re.search(r":(\d+)/", server.stdout.readline()).group(1))

    def get():
        with urllib.request.urlopen(f"http://127.0.0.1:{port}{url}", timeout=10) as r:
            return r.read().decode()

    get()
    original = open(page, encoding="utf-8").read()
    times = []
    try:
        for i in range(edits):
            marker = f"Latency probe number {i}."
            start = time.perf_counter()
            with open(page, "w", encoding="utf-8") as f:
                f.write(f"{original}\n{marker}\n")
            deadline = start + 10
            while marker not in get():
                if time.perf_counter() > deadline:
                    sys.exit("the edit never showed up (is the page's URL right?)")
                time.sleep(0.002)
            times.append((time.perf_counter() - start) * 1000)
            time.sleep(0.3)
    finally:
        with open(page, "w", encoding="utf-8") as f:
            f.write(original)
    print("save -> new page served (ms):", " ".join(f"{t:.0f}" for t in times))
    print(f"median {sorted(times)[len(times) // 2]:.0f} ms, max {max(times):.0f} ms")
finally:
    server.kill()
    server.wait()
