"""The JSON Schema that `citysdg schema` writes and `citysdg check` must judge front matter alike.
Each file of Tests/SchemaFixtures/good/<kind>/ must be accepted by both, each of bad/ refused by
both. The front matter is read as a YAML tool would (jsonschema over PyYAML), except that dates
stay text (the schema checks that the day exists) and a key written twice is refused (YAML does
not allow it; PyYAML would keep the last). Prints each disagreement and `N passed, M failed`."""
import json, shutil, subprocess, sys, tempfile
from pathlib import Path

import jsonschema, yaml

REPO = Path(__file__).resolve().parent.parent
FIXTURES = REPO / 'Tests' / 'SchemaFixtures'
FOLDERS = {'city': 'cities/la', 'project': 'projects', 'translation': 'cities/la', 'series': 'data/vientiane'}
# A translation is checked as the Lao translation of the fixture site's Vientiane; a data file's
# sidecar (a whole YAML file, not front matter) as that of Vientiane's 11.6.2, beside a good CSV.
NAMES = {'translation': 'vientiane.lo.md', 'series': '11-6-2.yml'}
SIDE_FILES = {'series': ('11-6-2.csv', 'Year,Value\n2019,30.5\n2020,28\n')}


class StrictLoader(yaml.SafeLoader):
    def construct_mapping(self, node, deep=False):
        keys = [self.construct_object(key, deep=deep) for key, _ in node.value]
        duplicates = {key for key in keys if keys.count(key) > 1}
        if duplicates:
            raise yaml.constructor.ConstructorError(None, None, f'duplicate key {sorted(duplicates)}', node.start_mark)
        return super().construct_mapping(node, deep)


StrictLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != 'tag:yaml.org,2002:timestamp']
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def front_matter(path):
    text = path.read_text()
    return text if path.suffix == '.yml' else text.split('---\n', 2)[1]


def schema_verdict(path, schema):
    try:
        data = yaml.load(front_matter(path), Loader=StrictLoader)
    except yaml.YAMLError as error:
        return False, f'YAML: {str(error).splitlines()[0]}'
    errors = sorted(jsonschema.Draft202012Validator(schema).iter_errors(data), key=lambda e: list(e.path))
    return not errors, (errors[0].message[:120] if errors else '')


def tool_verdict(citysdg, path, kind, work):
    content = work / 'Content'
    shutil.rmtree(content, ignore_errors=True)
    shutil.copytree(FIXTURES / 'site', content)
    target = content / FOLDERS[kind] / NAMES.get(kind, path.name)
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(path, target)
    if kind in SIDE_FILES:
        name, text = SIDE_FILES[kind]
        (target.parent / name).write_text(text)
    out = subprocess.run([str(citysdg), 'check', '--content', str(content), '--themes', str(REPO / 'Themes'), '--format', 'json'],
                         capture_output=True, text=True)
    report = json.loads(out.stdout)
    errors = [d for d in report['diagnostics'] if d['severity'] == 'error' and d['file'].endswith(f'{FOLDERS[kind]}/{NAMES.get(kind, path.name)}')]
    return not errors, (errors[0]['message'][:120] if errors else '')


def main():
    citysdg = Path(sys.argv[1]).resolve()
    passed = failed = 0
    with tempfile.TemporaryDirectory() as temporary:
        work = Path(temporary)
        subprocess.run([str(citysdg), 'schema', '--content', str(FIXTURES / 'site'), '--output', str(work / 'schema')],
                       check=True, capture_output=True)
        for verdict in ('good', 'bad'):
            for kind in FOLDERS:
                schema = json.loads((work / 'schema' / f'{kind}.schema.json').read_text())
                for path in sorted((FIXTURES / verdict / kind).glob('*.yml' if kind == 'series' else '*.md')):
                    expected = verdict == 'good'
                    by_schema, why_schema = schema_verdict(path, schema)
                    by_tool, why_tool = tool_verdict(citysdg, path, kind, work)
                    if by_schema == expected and by_tool == expected:
                        passed += 1
                        continue
                    failed += 1
                    name = f'{verdict}/{kind}/{path.name}'
                    if by_schema != expected:
                        print(f'{name}: the schema {"accepts" if by_schema else "refuses"} it{": " + why_schema if why_schema else ""}')
                    if by_tool != expected:
                        print(f'{name}: citysdg check {"accepts" if by_tool else "refuses"} it{": " + why_tool if why_tool else ""}')
    print(f'{passed} passed, {failed} failed')
    sys.exit(1 if failed else 0)


if __name__ == '__main__':
    main()
