"""The open data of the bundled site against the JSON Schemas the site publishes with it:
data/cities.json and data/projects.json, and every file of data/cities/ and data/projects/ against
the item schema they hold; every file of data/indicators/ against data/indicators.schema.json, and
data/indicators.csv for its header and a value on every line. Prints each problem and `N passed, M failed`."""
import csv, io
import json, subprocess, sys, tempfile
from pathlib import Path

import jsonschema

REPO = Path(__file__).resolve().parent.parent


def main():
    citysdg = Path(sys.argv[1]).resolve()
    passed = failed = 0
    with tempfile.TemporaryDirectory() as work:
        site = Path(work) / 'site'
        subprocess.run([str(citysdg), 'build', '--content', str(REPO / 'Content'), '--themes', str(REPO / 'Themes'),
                        '--output', str(site), '--state', str(Path(work) / 'graph')], check=True, capture_output=True)
        for key in ('cities', 'projects'):
            schema = json.loads((site / 'data' / f'{key}.schema.json').read_text())
            jsonschema.Draft202012Validator.check_schema(schema)
            item = dict(schema['$defs']['item'], **{'$schema': schema['$schema']})
            checks = [(f'data/{key}.json', schema, json.loads((site / 'data' / f'{key}.json').read_text()))]
            checks += [(f'data/{key}/{p.name}', item, json.loads(p.read_text())) for p in sorted((site / 'data' / key).glob('*.json'))]
            for name, against, value in checks:
                errors = list(jsonschema.Draft202012Validator(against).iter_errors(value))
                if errors:
                    failed += 1
                    print(f'{name}: {errors[0].message[:160]} at {"/".join(map(str, errors[0].path))}')
                else:
                    passed += 1
        schema = json.loads((site / 'data' / 'indicators.schema.json').read_text())
        jsonschema.Draft202012Validator.check_schema(schema)
        for p in sorted((site / 'data' / 'indicators').glob('*.json')):
            errors = list(jsonschema.Draft202012Validator(schema).iter_errors(json.loads(p.read_text())))
            if errors:
                failed += 1
                print(f'data/indicators/{p.name}: {errors[0].message[:160]} at {"/".join(map(str, errors[0].path))}')
            else:
                passed += 1
        rows = list(csv.reader(io.StringIO((site / 'data' / 'indicators.csv').read_text(), newline='')))
        head = rows[0] if rows else []
        wanted = ['place', 'place_kind', 'place_name', 'country', 'indicator', 'year']
        bad = [i + 2 for i, row in enumerate(rows[1:]) if len(row) != len(head) or not row[head.index('value')] or not row[head.index('source_title')]] \
            if head[:6] == wanted and 'value' in head and 'source_title' in head else [1]
        if bad:
            failed += 1
            print(f'data/indicators.csv: line {bad[0]} lacks a field, a value or its source')
        else:
            passed += 1
    print(f'{passed} passed, {failed} failed')
    sys.exit(1 if failed else 0)


if __name__ == '__main__':
    main()
