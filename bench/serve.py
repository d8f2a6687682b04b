#!/usr/bin/env python3
"""Measures citysdg serve: the time from saving a file to its page being written.

usage: bench/serve.py SITE_FOLDER [EDITS]      (default EDITS 9)
SITE_FOLDER holds Content/ (the bundled site: the repository itself; a generated one:
<BENCH_DIR>/citysdg-bench-N/citysdg). Needs a release build of citysdg. For each edit, a city's
body is appended to (then, on the next edit, a city's title is changed), and the script polls the
city's output page until the edit appears in it. Prints the median and the range for each kind.
"""
import os, re, signal, statistics, subprocess, sys, time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
CITYSDG = REPO / '.build' / 'release' / 'citysdg'


def wait_for(page, needle, timeout=60):
    start = time.perf_counter()
    while time.perf_counter() - start < timeout:
        try:
            if needle in page.read_text():
                return
        except OSError:
            pass
        time.sleep(0.001)
    sys.exit(f'{needle!r} never appeared in {page}')


def main():
    site = Path(sys.argv[1]).resolve()
    edits = int(sys.argv[2]) if len(sys.argv) > 2 else 9
    cities = sorted((site / 'Content' / 'cities').rglob('*.md'))
    port = 8700 + os.getpid() % 200
    server = subprocess.Popen([str(CITYSDG), 'serve', '--themes', str(REPO / 'Themes'), '--port', str(port)], cwd=site,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    originals = {}
    times = {'body': [], 'title': []}
    try:
        for line in server.stdout:          # the first build is done when the server says where it listens
            if 'http://' in line:
                break
        time.sleep(1)
        for i in range(edits * 2):
            path = cities[(i * 7) % len(cities)]
            originals.setdefault(path, path.read_text())
            page = site / 'site' / 'cities' / path.stem / 'index.html'
            kind = 'body' if i % 2 == 0 else 'title'
            marker = f'Edited {i} {time.time_ns()}'
            text = path.read_text()
            text = text + f'\n{marker}\n' if kind == 'body' else re.sub(r'^title: .*$', f'title: {marker}', text, count=1, flags=re.M)
            start = time.perf_counter()
            path.write_text(text)
            wait_for(page, marker)
            times[kind].append((time.perf_counter() - start) * 1000)
            time.sleep(0.3)
    finally:
        server.send_signal(signal.SIGINT)
        server.wait(timeout=10)
        for path, text in originals.items():
            path.write_text(text)
    for kind, values in times.items():
        print(f'{kind} edit: median {statistics.median(values):.0f} ms, range {min(values):.0f}–{max(values):.0f} ms over {len(values)} saves')


if __name__ == '__main__':
    main()
