#!/usr/bin/env python3
"""Measures citysdg serve: the time from saving a file to its page being written.

usage: bench/serve.py SITE_FOLDER [EDITS]            (default EDITS 9)
       bench/serve.py --hugo HUGO_SITE [EDITS]      the same edits, saved into the Hugo twin under `hugo server`
SITE_FOLDER holds Content/ (the bundled site: the repository itself; a generated one:
<BENCH_DIR>/citysdg-bench-N/citysdg). Needs a release build of citysdg. With --hugo, HUGO_SITE is
the generated twin (<BENCH_DIR>/citysdg-bench-N/hugo); `hugo server` renders to disk in a
temporary folder (its default fast-render mode, as an editor runs it), and the city's page there is polled. For each edit, a city's
body is appended to (then, on the next edit, a city's title is changed), and the script polls the
city's output page until the edit appears in it. Prints the median and the range for each kind.
"""
import os, re, signal, statistics, subprocess, sys, tempfile, time
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
    hugo = sys.argv[1] == '--hugo'
    args = sys.argv[2:] if hugo else sys.argv[1:]
    site = Path(args[0]).resolve()
    edits = int(args[1]) if len(args) > 1 else 9
    port = 8700 + os.getpid() % 200
    if hugo:
        output = Path(tempfile.mkdtemp(prefix='hugo-serve-'))
        cities = sorted((site / 'content' / 'cities').glob('*.md'))
        server = subprocess.Popen(['hugo', 'server', '--renderToDisk', '--destination', str(output), '--port', str(port),
                                   '--themesDir', str(REPO / 'bench')], cwd=site, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        title = re.compile(r'"title": "[^"]*"')
    else:
        output = site / 'site'
        cities = sorted((site / 'Content' / 'cities').rglob('*.md'))
        server = subprocess.Popen([str(CITYSDG), 'serve', '--themes', str(REPO / 'Themes'), '--port', str(port)], cwd=site,
                                  stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        title = re.compile(r'^title: .*$', re.M)
    originals = {}
    times = {'body': [], 'title': []}
    try:
        for line in server.stdout:          # the first build is done when the server says where it listens
            if 'http://' in line or 'localhost:' in line:
                break
        time.sleep(1)
        for i in range(edits * 2):
            path = cities[(i * 7) % len(cities)]
            originals.setdefault(path, path.read_text())
            page = output / 'cities' / path.stem / 'index.html'
            kind = 'body' if i % 2 == 0 else 'title'
            marker = f'Edited {i} {time.time_ns()}'
            text = path.read_text()
            replacement = f'"title": "{marker}"' if hugo else f'title: {marker}'
            text = text + f'\n{marker}\n' if kind == 'body' else title.sub(replacement, text, count=1)
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
