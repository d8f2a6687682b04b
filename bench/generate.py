#!/usr/bin/env python3
"""Generates a synthetic site for benchmarks and tests: N cities with about three projects each,
seeded, with realistic front matter and 3-6 KB Markdown bodies, and for each city three indicator
series of ten years (data/<city>/<indicator>.csv with its sidecar; made-up values, drawn from a
random stream of their own so the rest of the content is what it was without them). Writes the
same content twice: as a CitySDG content tree and as a Hugo site (with bench/hugo-theme) that
produces the same pages (Hugo gets each city's series in its front matter and renders them as
tables; it draws no chart and makes no indicator pages, so the comparison favours Hugo there).

usage: bench/generate.py N OUT [--seed S]     (OUT/citysdg/Content, OUT/hugo/)
Nothing here is a fact about a real place: names and numbers are made up.
"""
import json, os, random, shutil, sys
from pathlib import Path

COUNTRIES = {'bn': 'Brunei Darussalam', 'kh': 'Cambodia', 'id': 'Indonesia', 'la': 'Lao PDR', 'my': 'Malaysia',
             'mm': 'Myanmar', 'ph': 'Philippines', 'sg': 'Singapore', 'th': 'Thailand', 'vn': 'Viet Nam', 'tl': 'Timor-Leste'}
TARGETS = {1: 7, 2: 8, 3: 13, 4: 10, 5: 9, 6: 8, 7: 5, 8: 12, 9: 8, 10: 10, 11: 10, 12: 11, 13: 5, 14: 10, 15: 12, 16: 12, 17: 19}
LETTERS = {1: 2, 2: 3, 3: 4, 4: 3, 5: 3, 6: 2, 7: 2, 8: 2, 9: 3, 10: 3, 11: 3, 12: 3, 13: 2, 14: 3, 15: 3, 16: 2, 17: 0}
WORDS = ('city river market green park water waste transport housing school clinic energy solar flood '
         'resilience heritage tourism village district council plan budget partner community youth women '
         'data survey review progress target expectation indicator baseline monitoring network pilot').split()
# Indicators the synthetic series are for, with a unit and which way is better; ten years each.
SERIES = [('11.6.2', 'µg/m³', 'decrease', 35.0), ('6.1.1', '%', 'increase', 70.0), ('11.6.1', '%', 'increase', 55.0),
          ('7.1.1', '%', 'increase', 80.0), ('11.1.1', '%', 'decrease', 25.0)]
YEARS = range(2015, 2025)
SYL = ['ba', 'ka', 'la', 'ma', 'na', 'pa', 'sa', 'ta', 'va', 'nga', 'lu', 'pho', 'sem', 'ri', 'kon', 'dal', 'mei', 'yan']


def target_codes(goal):
    n = TARGETS[goal] - LETTERS[goal]
    return [f'{goal}.{i}' for i in range(1, n + 1)] + [f'{goal}.{c}' for c in 'abcd'[:LETTERS[goal]]]


def sentence(r):
    words = [r.choice(WORDS) for _ in range(r.randint(8, 18))]
    return words[0].capitalize() + ' ' + ' '.join(words[1:]) + '.'


def body(r, size):
    out = []
    while sum(len(p) for p in out) < size:
        kind = r.random()
        if kind < 0.12:
            out.append('## ' + ' '.join(r.choice(WORDS) for _ in range(3)).capitalize() + '\n')
        elif kind < 0.22:
            out.append('\n'.join('- ' + sentence(r) for _ in range(r.randint(2, 5))) + '\n')
        else:
            out.append(' '.join(sentence(r) for _ in range(r.randint(3, 7))) + '\n')
    return '\n'.join(out)


def main():
    n = int(sys.argv[1])
    out = Path(sys.argv[2])
    seed = int(sys.argv[sys.argv.index('--seed') + 1]) if '--seed' in sys.argv else 1
    r = random.Random(seed)
    for sub in ('citysdg', 'hugo'):
        shutil.rmtree(out / sub, ignore_errors=True)
    content = out / 'citysdg' / 'Content'
    hugo = out / 'hugo'
    for d in ('countries', 'programmes', 'projects', 'pages'):
        (content / d).mkdir(parents=True, exist_ok=True)
    for d in ('cities', 'projects', 'countries', 'goals', 'targets', 'programmes'):
        (hugo / 'content' / d).mkdir(parents=True, exist_ok=True)
    (content / 'site.yml').write_text('title: Benchmark Cities\nbase_url: https://example.org/\nlanguage: en\n')
    (hugo / 'config.json').write_text(json.dumps({
        'baseURL': 'https://example.org/', 'title': 'Benchmark Cities', 'theme': 'citysdg-bench',
        'themesDir': str(Path(__file__).resolve().parent.parent / 'bench'), 'relativeURLs': True, 'uglyURLs': False,
        'disableKinds': ['taxonomy', 'term', 'RSS'], 'markup': {'goldmark': {'renderer': {'unsafe': False}}},
        'enableRobotsTXT': True}))
    catalogue = json.loads((Path(__file__).resolve().parent.parent / 'Sources/CitySDGEngine/Catalogue/sdg-catalogue.json').read_text())
    (hugo / 'data').mkdir(parents=True, exist_ok=True)
    (hugo / 'static' / 'assets').mkdir(parents=True, exist_ok=True)
    shutil.copy(Path(__file__).resolve().parent.parent / 'Themes/default/assets/style.css', hugo / 'static' / 'assets' / 'style.css')
    (hugo / 'data' / 'targets.json').write_text(json.dumps({t['code']: t['title'] for g in catalogue['goals'] for t in g['targets']}))
    programmes = ['network-a', 'network-b', 'network-c']
    for p in programmes:
        (content / 'programmes' / f'{p}.md').write_text(f'---\ntitle: Programme {p[-1].upper()}\n---\n{body(r, 800)}')
    for cc, name in COUNTRIES.items():
        (content / 'countries' / f'{cc}.md').write_text(f'---\ntitle: {name}\n---\n')
    goal_cities = {g: [] for g in range(1, 18)}
    goal_projects = {g: [] for g in range(1, 18)}
    target_exps = {t: [] for g in range(1, 18) for t in target_codes(g)}
    target_projects = {t: [] for t in target_exps}
    country_cities = {cc: [] for cc in COUNTRIES}
    country_projects = {cc: [] for cc in COUNTRIES}
    programme_cities = {p: [] for p in programmes}
    (content / 'pages' / 'about.md').write_text('---\ntitle: About\n---\n' + body(r, 2000))
    used = set()
    rd = random.Random(seed * 7919 + 20)  # the data files' own stream
    for i in range(n):
        while True:
            name = ''.join(r.choice(SYL) for _ in range(r.randint(2, 4))).capitalize()
            slug = f'{name.lower()}-{i}'
            if slug not in used:
                used.add(slug)
                break
        cc = r.choice(list(COUNTRIES))
        goals = sorted(r.sample(range(1, 18), r.randint(2, 4)))
        exps = []
        for _ in range(r.randint(2, 6)):
            g = r.choice(goals)
            exps.append((r.choice(target_codes(g)), sentence(r), r.choice(['plan', 'do', 'check', 'act'])))
        progs = sorted(r.sample(programmes, r.randint(0, 2)))
        fm = {'title': name, 'country': cc.upper(), 'coordinates': [round(r.uniform(-10, 25), 4), round(r.uniform(92, 130), 4)],
              'population': {'value': r.randint(20000, 5000000), 'year': r.randint(2010, 2024), 'source': 1},
              'programmes': progs, 'priority_sdgs': goals,
              'expectations': [{'target': t, 'expectation': e, 'stage': s, 'source': 1} for t, e, s in exps],
              'sources': [{'title': f'Review of {name}', 'url': f'https://example.org/{slug}'}], 'updated': '2025-06-30'}
        text = body(r, r.randint(3000, 6000))
        (content / 'cities' / cc).mkdir(parents=True, exist_ok=True)
        lines = ['---', f'title: {name}', f'country: {cc.upper()}', f'coordinates: {fm["coordinates"]}',
                 f'population: {{value: {fm["population"]["value"]}, year: {fm["population"]["year"]}, source: 1}}',
                 f'programmes: [{", ".join(progs)}]', f'priority_sdgs: [{", ".join(map(str, goals))}]', 'expectations:']
        for t, e, s in exps:
            lines += [f'  - target: "{t}"', f'    expectation: {e}', f'    stage: {s}', '    source: 1']
        lines += ['sources:', f'  - title: Review of {name}', f'    url: https://example.org/{slug}', 'updated: 2025-06-30', '---']
        (content / 'cities' / cc / f'{slug}.md').write_text('\n'.join(lines) + '\n' + text)
        card = {'title': name, 'slug': slug, 'country': COUNTRIES[cc], 'cc': cc, 'goals': goals}
        for g in goals: goal_cities[g].append(card)
        for t, e, s_ in exps: target_exps[t].append({'city': name, 'slug': slug, 'text': e, 'stage': s_})
        country_cities[cc].append(card)
        for p_ in progs: programme_cities[p_].append(card)
        city_projects = []
        for j in range(r.randint(2, 4)):
            pslug = f'{slug}-project-{j}'
            ptitle = ' '.join(r.choice(WORDS) for _ in range(3)).capitalize() + f' {name}'
            targets = sorted({r.choice(target_codes(r.choice(goals))) for _ in range(r.randint(1, 3))})
            start = r.randint(2015, 2024)
            prog = r.choice(programmes)
            ptext = body(r, r.randint(3000, 6000))
            plines = ['---', f'title: {ptitle}', f'city: {slug}', f'targets: [{", ".join(chr(34) + t + chr(34) for t in targets)}]',
                      f'alignment: {r.choice(["stated", "interpreted"])}', f'status: {r.choice(["planned", "ongoing", "completed"])}',
                      f'start: {start}-0{r.randint(1, 9)}-1{r.randint(0, 9)}', f'end: {start + r.randint(1, 8)}',
                      f'partners: [Partner {r.randint(1, 50)}, Partner {r.randint(51, 99)}]',
                      f'funding: {{amount: {r.randint(1, 900) * 100000}, currency: USD}}', f'programme: {prog}',
                      f'summary: {sentence(r)}', 'sources:', f'  - title: Project sheet {pslug}', f'    url: https://example.org/{pslug}', '---']
            (content / 'projects' / f'{pslug}.md').write_text('\n'.join(plines) + '\n' + ptext)
            pgoals = sorted({int(t.split('.')[0]) for t in targets})
            pcard = {'title': ptitle, 'slug': pslug, 'city': name, 'cityslug': slug, 'country': COUNTRIES[cc], 'goals': pgoals, 'targets': targets, 'start': start}
            hp = dict(pcard, programme=prog, sources=[{'title': f'Project sheet {pslug}'}])
            (hugo / 'content' / 'projects' / f'{pslug}.md').write_text(json.dumps(hp) + '\n' + ptext)
            city_projects.append(pcard)
            for g in pgoals: goal_projects[g].append(pcard)
            for t in targets: target_projects[t].append(pcard)
            country_projects[cc].append(pcard)
        series = []
        (content / 'data' / slug).mkdir(parents=True, exist_ok=True)
        for code, unit, direction, level in rd.sample(SERIES, 3):
            value, rows = level * rd.uniform(0.6, 1.4), []
            for year in YEARS:
                value = max(0.1, value * (1 + rd.uniform(-0.06, 0.06)))
                rows.append((year, round(value, 2)))
            stem = code.replace('.', '-')
            (content / 'data' / slug / f'{stem}.csv').write_text('Year,Value\n' + ''.join(f'{y},{v}\n' for y, v in rows))
            (content / 'data' / slug / f'{stem}.yml').write_text(
                f'unit: "{unit}"\ndirection: {direction}\nsources:\n  - title: Synthetic series {stem} of {name}\n'
                f'    url: https://example.org/{slug}/data/{stem}\n')
            series.append({'indicator': code, 'unit': unit, 'values': [{'year': y, 'value': v} for y, v in rows],
                           'source': f'Synthetic series {stem} of {name}'})
        hfm = dict(fm, slug=slug, country=COUNTRIES[cc], goals=goals, projects=city_projects, series=series)
        (hugo / 'content' / 'cities' / f'{slug}.md').write_text(json.dumps(hfm) + '\n' + text)
    for g in range(1, 18):
        (hugo / 'content' / 'goals' / f'{g}.md').write_text(json.dumps({'title': f'Goal {g}', 'goal': g, 'slug': str(g),
            'targets': target_codes(g), 'cities': goal_cities[g], 'projects': goal_projects[g]}) + '\n')
        for t in target_codes(g):
            (hugo / 'content' / 'targets' / f'{t.replace(".", "-")}.md').write_text(json.dumps({'title': f'Target {t}', 'target': t, 'goal': g,
                'slug': t.replace('.', '-'), 'expectations': target_exps[t], 'projects': target_projects[t]}) + '\n')
    for cc, name in COUNTRIES.items():
        (hugo / 'content' / 'countries' / f'{cc}.md').write_text(json.dumps({'title': name, 'code': cc.upper(), 'slug': cc,
            'cities': country_cities[cc], 'projects': country_projects[cc]}) + '\n')
    for p in programmes:
        (hugo / 'content' / 'programmes' / f'{p}.md').write_text(json.dumps({'title': f'Programme {p[-1].upper()}', 'slug': p,
            'cities': programme_cities[p]}) + '\n' + body(r, 800))
    (hugo / 'content' / 'report.md').write_text(json.dumps({'title': 'Model projects by goal', 'layout': 'report', 'url': '/report/'}) + '\n')
    (hugo / 'content' / 'about.md').write_text(json.dumps({'title': 'About', 'url': '/about/'}) + '\n' + body(r, 2000))
    (hugo / 'content' / '_index.md').write_text(json.dumps({'title': 'Benchmark Cities'}) + '\n')
    print(f'{n} cities into {out}/citysdg/Content and {out}/hugo')


if __name__ == '__main__':
    main()
