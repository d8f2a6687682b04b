#!/usr/bin/env python3
"""Benchmarks citysdg against Hugo on the same synthetic site, alternating runs in one session.

usage: bench/run.py N [RUNS]        (default RUNS 5)
Needs: a release build of citysdg (swift build -c release), hugo and cmark (apt-get install hugo cmark).
Prints medians of RUNS runs and the ratio citysdg/Hugo for: full clean build; no-change rebuild;
one city body edited; one city title edited; peak memory of the clean build; and the floor,
cmark alone rendering every Markdown body.
"""
import os, re, shutil, statistics, subprocess, sys, tempfile, time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
CITYSDG = REPO / '.build' / 'release' / 'citysdg'


def timed(cmd, cwd):
    """Wall seconds and peak resident memory (MB) of one command: the clock read around the child,
    its peak from its own resource usage (`wait4`), to the microsecond (GNU time prints hundredths
    of a second, as much as a whole build with nothing to do)."""
    with tempfile.TemporaryFile() as log:
        start = time.perf_counter()
        child = subprocess.Popen(cmd, cwd=cwd, stdout=log, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(child.pid, 0)
        seconds = time.perf_counter() - start
        child.returncode = os.waitstatus_to_exitcode(status)
        if child.returncode != 0:
            log.seek(0)
            sys.exit(f'{cmd} failed in {cwd}:\n{log.read().decode(errors="replace")}')
    return seconds, usage.ru_maxrss / 1024


def main():
    n = int(sys.argv[1])
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 5
    work = Path(os.environ.get('BENCH_DIR', tempfile.gettempdir())) / f'citysdg-bench-{n}'
    subprocess.run([sys.executable, str(REPO / 'bench' / 'generate.py'), str(n), str(work)], check=True, stdout=subprocess.DEVNULL)
    site, hugo = work / 'citysdg', work / 'hugo'
    city_files = sorted((site / 'Content' / 'cities').rglob('*.md'))
    pages = sum(1 for _ in (site / 'Content').rglob('*.md'))
    results = {k: ([], []) for k in ('clean', 'nochange', 'body', 'title')}
    memory = ([], [])
    citysdg = [str(CITYSDG), 'build', '--themes', str(REPO / 'Themes')]
    hugo_build = ['hugo', '--quiet', '-d', 'public']

    # The outputs of the last run are moved aside, not deleted, before a clean build, and deleted
    # at the end: ext4 allocates inodes slowly right after many were freed (it skips recently
    # deleted ones), which would charge each clean build for the deletion before it, and the tool
    # that writes more files more.
    trash = work / 'trash'
    shutil.rmtree(trash, ignore_errors=True)
    trash.mkdir()

    def set_aside(path):
        if path.exists():
            path.rename(trash / f'{len(list(trash.iterdir()))}')

    def edit(i, kind):
        path = city_files[i % len(city_files)]
        slug = path.stem
        hugo_path = hugo / 'content' / 'cities' / f'{slug}.md'
        if kind == 'body':
            for p in (path, hugo_path):
                p.write_text(p.read_text() + f'\nEdited in run {i}.\n')
        else:
            text = path.read_text()
            path.write_text(re.sub(r'^title: .*$', f'title: Renamed {i}', text, count=1, flags=re.M))
            h = hugo_path.read_text()
            hugo_path.write_text(re.sub(r'"title": "[^"]*"', f'"title": "Renamed {i}"', h, count=1))

    def clean(tool):
        if tool == 0:
            set_aside(site / 'site')
            set_aside(site / '.citysdg')
            s, m = timed(citysdg, site)
        else:
            set_aside(hugo / 'public')
            s, m = timed(hugo_build, hugo)
        results['clean'][tool].append(s); memory[tool].append(m)

    for i in range(runs):
        # Which tool builds first alternates: right after many files were deleted (the last run's
        # trash), ext4 is slow to allocate inodes for a minute or more, and the first build pays.
        for tool in ((0, 1) if i % 2 == 0 else (1, 0)):
            clean(tool)
        results['nochange'][0].append(timed(citysdg, site)[0])
        results['nochange'][1].append(timed(hugo_build, hugo)[0])
        for kind in ('body', 'title'):
            edit(i, kind)
            results[kind][0].append(timed(citysdg, site)[0])
            results[kind][1].append(timed(hugo_build, hugo)[0])
        print(f'run {i + 1}/{runs} done', file=sys.stderr)

    shutil.rmtree(trash, ignore_errors=True)

    # The floor: cmark alone over every body (front matter removed), in one process.
    bodies = work / 'bodies.md'
    with bodies.open('w') as out:
        for path in (site / 'Content').rglob('*.md'):
            text = path.read_text()
            out.write(text.split('\n---\n', 1)[1] if text.startswith('---') else text)
            out.write('\n\n')
    floor = statistics.median(timed(['sh', '-c', f'cmark < {bodies} > /dev/null'], work)[0] for _ in range(runs))

    files = sum(1 for p in (site / 'site').rglob('*') if p.is_file())
    print(f'\nN = {n} cities: {pages} Markdown files, {files} output files; median of {runs} runs, alternating\n')
    print('| measure | citysdg | Hugo | citysdg / Hugo |')
    print('| --- | ---: | ---: | ---: |')
    names = {'clean': 'full clean build', 'nochange': 'no-change rebuild (new process)',
             'body': 'one city body edited', 'title': 'one city title edited'}
    for key, name in names.items():
        a, b = statistics.median(results[key][0]), statistics.median(results[key][1])
        print(f'| {name} | {a:.3f} s | {b:.3f} s | {a / b:.3f} |')
    a, b = statistics.median(memory[0]), statistics.median(memory[1])
    print(f'| peak memory, clean build | {a:.0f} MB | {b:.0f} MB | {a / b:.2f} |')
    print(f'| floor: cmark alone, all bodies | {floor:.2f} s | | |')


if __name__ == '__main__':
    main()
