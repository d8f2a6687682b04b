#!/usr/bin/env python3
"""Writes Sources/CitySDGEngine/Render/plural-rules.json: the CLDR cardinal plural rules of every
language, from the CLDR data that Babel (PyPI `babel`) carries. Run it again to update them:

    python3 -m venv /tmp/babel && /tmp/babel/bin/pip install babel
    /tmp/babel/bin/python scripts/make-plural-rules.py

A language's entry maps each category other than `other` to its rule in CLDR's syntax (as Babel
normalises it: `i mod 10 in 2..4 and v in 0`); a language with no entry, or an empty one, has only
`other` (Lao, Khmer, Burmese, Thai). Regional and script variants are kept only where their rules
differ from their language's."""
import json
import pathlib

import babel
from babel import Locale, localedata

rules = {}
for identifier in sorted(localedata.locale_identifiers()):
    try:
        locale = Locale.parse(identifier)
    except Exception:
        continue
    code = identifier.replace("_", "-")
    form = dict(sorted(locale.plural_form.rules.items()))
    base = identifier.split("_")[0]
    if "_" in identifier and rules.get(base) == form:
        continue
    rules[code] = form

out = {
    "source": f"CLDR {babel.core.get_cldr_version()} plural rules, from Babel {babel.__version__} (BSD licence); Unicode CLDR data, Unicode licence",
    "rules": rules,
}
path = pathlib.Path(__file__).resolve().parent.parent / "Sources/CitySDGEngine/Render/plural-rules.json"
path.write_text(json.dumps(out, ensure_ascii=False, indent=0, sort_keys=True) + "\n", encoding="utf-8")
print(f"wrote {path} ({len(rules)} languages)")
