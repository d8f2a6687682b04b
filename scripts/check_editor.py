"""`citysdg serve --edit` in headless Chromium, on a copy of the bundled content (the repository's
Content/ is never written): open Luang Prabang, make goal 11 a priority and add an expectation,
see the check's error beside its field while the target is missing, fix it, save, and find the
rebuilt page showing it; create a project for the city and find it on the city's page; a write
without the session token is refused and writes nothing; axe-core finds no serious or critical
violation in the editor; the "Edit this page" link is on the previewed page and never in the
built files. CITYSDG_SCREENSHOTS=folder keeps screenshots of the editor at 1280 and 390 px.
Prints what failed, then `editor: N checks, M failed`. Called by scripts/check-pages."""
import json, os, re, shutil, socket, subprocess, sys, tempfile, time, urllib.error, urllib.request
from pathlib import Path

import axe_playwright_python
from selenium import webdriver
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

REPO = Path(__file__).resolve().parent.parent
LP = 'cities/la/luang-prabang.md'
WORDING = 'Every neighbourhood within a short walk of a green public space.'
PROJECT = 'Mekong riverside green market'


def browser():
    options = webdriver.ChromeOptions()
    options.binary_location = '/usr/bin/chromium'
    for flag in ('--headless=new', '--no-sandbox', '--disable-gpu', '--window-size=1280,900'):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=webdriver.ChromeService(executable_path='/usr/bin/chromedriver'), options=options)
    driver.set_script_timeout(60)
    return driver


def free_port():
    with socket.socket() as s:
        s.bind(('127.0.0.1', 0))
        return s.getsockname()[1]


def request(url, data=None, headers=None):
    req = urllib.request.Request(url, data=json.dumps(data).encode() if data is not None else None, headers=headers or {},
                                 method='POST' if data is not None else 'GET')
    try:
        with urllib.request.urlopen(req, timeout=60) as r:
            return r.status, r.read().decode()
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode()


def click(driver, element):
    """Clicks an element brought to the middle of the window (the sticky Save bar covers the bottom)."""
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", element)
    element.click()


def axe(driver):
    script = (Path(axe_playwright_python.__file__).with_name('axe.min.js')).read_text()
    driver.execute_script(script)
    found = driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document, {resultTypes: ['violations']}).then(r => done(r.violations)).catch(e => done([{id: 'axe-error', impact: 'critical', help: String(e), nodes: []}]));")
    return [f"axe {v['impact']}: {v['id']}: {v['help']} (e.g. {v['nodes'][0]['target'] if v.get('nodes') else ''})"
            for v in found if v.get('impact') in ('serious', 'critical')]


def main():
    citysdg = Path(sys.argv[1]).resolve()
    shots = os.environ.get('CITYSDG_SCREENSHOTS')
    problems, checks = [], 0

    def expect(ok, what):
        nonlocal checks
        checks += 1
        if not ok:
            problems.append(what)
            print(f'editor: FAILED: {what}', flush=True)
        return ok

    with tempfile.TemporaryDirectory() as work:
        content = Path(work) / 'Content'
        shutil.copytree(REPO / 'Content', content)
        before = (content / LP).read_text()
        port = free_port()
        log = open(Path(work) / 'serve.log', 'w+')
        server = subprocess.Popen([str(citysdg), 'serve', '--edit', '--content', str(content), '--themes', str(REPO / 'Themes'),
                                   '--output', str(Path(work) / 'site'), '--state', str(Path(work) / 'state'), '--port', str(port)],
                                  stdout=log, stderr=subprocess.STDOUT)
        driver = None
        try:
            address = None
            for _ in range(240):
                log.seek(0)
                found = re.search(r'Editor: (http://\S+token=[0-9a-f]+)', log.read())
                if found:
                    address = found.group(1)
                    break
                time.sleep(0.5)
            if not expect(address is not None, 'serve --edit printed no editor address'):
                return problems, checks
            base = f'http://127.0.0.1:{port}'
            edit = base + '/__citysdg/edit/'

            # Without the token (or from another Origin): refused, nothing written.
            headers = {'Origin': base, 'Content-Type': 'application/json'}
            status, _ = request(edit + 'save', {'path': LP, 'frontMatter': {'title': 'Hacked', 'country': 'LA'}, 'body': '', 'fingerprint': ''}, headers)
            expect(status == 403, f'a save without the token answered {status}, not 403')
            status, _ = request(edit + 'site')
            expect(status == 403, f'the site lists without the token answered {status}, not 403')
            token = address.split('token=')[1]
            status, _ = request(edit + 'save', {'path': LP, 'frontMatter': {'title': 'Hacked'}, 'body': ''},
                                {'Origin': 'http://evil.example', 'Cookie': f'citysdg_edit_{port}=' + token, 'Content-Type': 'application/json'})
            expect(status == 403, f'a save from another Origin answered {status}, not 403')
            expect((content / LP).read_text() == before, 'a refused request changed the file')

            # The Edit link: on the previewed page, never in the built file.
            status, page = request(base + '/cities/luang-prabang/')
            expect('class="citysdg-edit-link"' in page and 'open=cities/la/luang-prabang.md' in page, 'no Edit this page link on the previewed city page')
            expect('citysdg-edit-link' not in (Path(work) / 'site/cities/luang-prabang/index.html').read_text(), 'the Edit link is in the built file')
            status, page = request(base + '/goals/11/')
            expect('citysdg-edit-link' not in page, 'an Edit link on a goal page')

            driver = browser()
            wait = WebDriverWait(driver, 90)
            driver.get(address + '&open=' + LP)
            wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, '#fields [data-path="title"]'))
            expect(driver.find_element(By.CSS_SELECTOR, '#fields [data-path="title"]').get_attribute('value') == 'Luang Prabang', 'the title field does not hold the title')
            expect('token=' not in driver.current_url, 'the token stays in the address bar')
            cookies = {c['name']: c for c in driver.get_cookies()}
            expect(cookies.get(f'citysdg_edit_{port}', {}).get('httpOnly') and cookies[f'citysdg_edit_{port}'].get('sameSite') == 'Strict',
                   f"the session cookie is not HttpOnly and SameSite=Strict: {cookies}")

            # Every field of the contract is in the form: it is made from the field list, not written by hand.
            missing = driver.execute_async_script(
                "const done = arguments[arguments.length - 1];"
                "fetch('/__citysdg/edit/site', {credentials: 'same-origin'}).then(r => r.json()).then(site => done("
                "site.kinds.city.map(f => f.name).filter(n => !document.querySelector('[data-field=\"' + n + '\"]'))));")
            expect(missing == [], f'fields of the contract missing from the city form: {missing}')

            # A priority goal, and an expectation whose target is missing: the check's error beside the target field.
            tile = [b for b in driver.find_elements(By.CSS_SELECTOR, 'button.tile[data-path="priority_sdgs"]')
                    if b.find_element(By.CLASS_NAME, 'tile-number').text == '11'][0]
            click(driver, tile)
            expect(tile.get_attribute('aria-pressed') == 'true', 'the goal 11 tile is not pressed after a click')
            add = [b for b in driver.find_elements(By.CSS_SELECTOR, 'button.add') if 'Expectations' in b.text][0]
            click(driver, add)
            wording = driver.find_element(By.CSS_SELECTOR, '[data-path="expectations/0/expectation"]')
            wording.send_keys(WORDING)
            Select(driver.find_element(By.CSS_SELECTOR, '[data-path="expectations/0/stage"]')).select_by_value('plan')
            target = driver.find_element(By.CSS_SELECTOR, '[data-path="expectations/0/target"]')
            try:
                wait.until(lambda d: target.get_attribute('aria-invalid') == 'true')
            except Exception:
                pass
            described = [driver.find_element(By.ID, i).text for i in (target.get_attribute('aria-describedby') or '').split() if i.startswith('problem')]
            expect(any('`target`' in text for text in described), f'no error about the missing target beside its field: {described}')
            if shots:
                Path(shots).mkdir(parents=True, exist_ok=True)
                for width in (1280, 390):
                    driver.set_window_size(width, 900)
                    driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", target)
                    time.sleep(0.3)
                    driver.save_screenshot(str(Path(shots) / f'editor-error-{width}.png'))
                driver.set_window_size(1280, 900)
            for problem in axe(driver):
                expect(False, f'editor with an error shown: {problem}')

            # Fixed: the target from the catalogue; the error goes; save; the rebuilt page shows it.
            target.send_keys('11.7')
            wait.until(lambda d: target.get_attribute('aria-invalid') is None and d.find_elements(By.CSS_SELECTOR, '#summary .good'))
            expect(not driver.find_elements(By.CSS_SELECTOR, '.problem.error'), 'errors left after the target was given')
            click(driver, driver.find_element(By.ID, 'save'))
            wait.until(lambda d: 'Saved' in d.find_element(By.ID, 'save-status').text or 'nothing' in d.find_element(By.ID, 'save-status').text)
            expect('Saved' in driver.find_element(By.ID, 'save-status').text, f"not saved: {driver.find_element(By.ID, 'save-status').text}")
            written = (content / LP).read_text()
            added = [line for line in written.splitlines() if line not in before.splitlines()]
            expect(added == ['priority_sdgs: [11]', 'expectations:', '  - target: "11.7"', f'    expectation: "{WORDING}"', '    stage: plan'],
                   f'the saved file changed other lines: {added}')
            expect(all(line in written.splitlines() for line in before.splitlines()), 'the save removed lines of the file')
            deadline = time.time() + 60
            page = ''
            while time.time() < deadline:
                page = request(base + '/cities/luang-prabang/')[1]
                if WORDING in page:
                    break
                time.sleep(1)
            expect(WORDING in page, 'the rebuilt city page does not show the new expectation')
            frame = driver.find_element(By.ID, 'page-frame').get_attribute('src')
            expect('/cities/luang-prabang/' in frame, f'the page preview is not the city page: {frame}')
            if shots:
                for width in (1280, 390):
                    driver.set_window_size(width, 900)
                    driver.execute_script('window.scrollTo(0, 0)')
                    time.sleep(0.3)
                    driver.save_screenshot(str(Path(shots) / f'editor-{width}.png'))
                driver.set_window_size(1280, 900)

            # A new project for the city, as `citysdg new project` writes it; then on the city's page.
            driver.find_element(By.ID, 'new-project-title').send_keys(PROJECT)
            Select(driver.find_element(By.ID, 'new-project-city')).select_by_value('luang-prabang')
            click(driver, driver.find_element(By.CSS_SELECTOR, '#new-project button[type=submit]'))
            wait.until(lambda d: 'projects/mekong-riverside-green-market.md' in d.find_element(By.ID, 'doc-title').text)
            scaffold = subprocess.run([str(citysdg), 'new', 'project', PROJECT, '--city', 'luang-prabang', '--content', str(Path(work) / 'other')],
                                      capture_output=True, text=True)
            project_file = content / 'projects/mekong-riverside-green-market.md'
            expect(project_file.exists(), 'the new project file was not written')
            summary = driver.find_element(By.CSS_SELECTOR, '[data-path="summary"]')
            summary.send_keys('Green space and a market on the riverbank.')
            click(driver, driver.find_element(By.ID, 'save'))
            wait.until(lambda d: 'Saved' in d.find_element(By.ID, 'save-status').text or 'nothing' in d.find_element(By.ID, 'save-status').text)
            expect('Saved' in driver.find_element(By.ID, 'save-status').text, 'the new project was not saved')
            expect('summary: "Green space and a market on the riverbank."' in project_file.read_text(), 'the project file lacks its summary')
            deadline = time.time() + 60
            while time.time() < deadline:
                page = request(base + '/cities/luang-prabang/')[1]
                if PROJECT in page:
                    break
                time.sleep(1)
            expect(PROJECT in page, "the city's page does not list the new project")
            for problem in axe(driver):
                expect(False, f'editor with a project open: {problem}')

            # The editor in Lao: its words from the theme's lo.yml.
            Select(driver.find_element(By.ID, 'language')).select_by_value('lo')
            wait.until(lambda d: d.find_element(By.ID, 'save').text == 'ບັນທຶກ')
            expect(driver.execute_script('return document.documentElement.lang') == 'lo', 'the editor page does not say it is in Lao')
            if shots:
                driver.set_window_size(390, 900)
                driver.execute_script('window.scrollTo(0, 0)')
                time.sleep(0.5)
                driver.save_screenshot(str(Path(shots) / 'editor-lo-390.png'))
            del scaffold

            # Live reload: a save reloads its own page, and not a page it did not rewrite.
            driver.set_window_size(1280, 900)
            driver.get(base + '/cities/luang-prabang/')
            driver.execute_script('window.citysdgKept = 1')
            driver.switch_to.new_window('tab')
            driver.get(base + '/countries/kh/')
            driver.execute_script('window.citysdgKept = 1')
            other = Path(work) / 'site/countries/kh/index.html'
            other_before = other.read_bytes()
            time.sleep(1)  # both pages have their live-reload stream open
            lp_text = (content / LP).read_text()
            (content / LP).write_text(lp_text.replace('title: "Luang Prabang"', 'title: "Luang Prabang Town"', 1))
            deadline = time.time() + 60
            while time.time() < deadline and 'Luang Prabang Town' not in (Path(work) / 'site/cities/luang-prabang/index.html').read_text():
                time.sleep(0.2)
            time.sleep(2)  # the rest of the site, and any reload
            expect(other.read_bytes() == other_before, 'a title save rewrote the Cambodia page (choose a page it leaves alone)')
            expect(driver.execute_script('return window.citysdgKept') == 1, 'a page the save did not rewrite reloaded')
            driver.switch_to.window(driver.window_handles[0])
            WebDriverWait(driver, 30).until(lambda d: 'Luang Prabang Town' in d.find_element(By.TAG_NAME, 'h1').text)
            expect(driver.execute_script('return window.citysdgKept') is None, 'the saved page did not reload')
            (content / LP).write_text(lp_text)
        finally:
            if driver:
                driver.quit()
            server.terminate()
            try:
                server.wait(timeout=20)
            except subprocess.TimeoutExpired:
                server.kill()
            log.close()
        expect(not (REPO / 'Content' / 'projects/mekong-riverside-green-market.md').exists(), "the repository's Content/ was written")
    return problems, checks


if __name__ == '__main__':
    found, count = main()
    print(f'editor: {count} checks, {len(found)} failed')
    sys.exit(1 if found else 0)
