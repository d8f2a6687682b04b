#!/usr/bin/env python3
"""Writes the interface strings the Unicode CLDR has into a theme's i18n/<lang>.yml, from the CLDR
data that Babel (PyPI `babel`) carries, each marked `# CLDR`. Every other line of the file (strings
from sdg-translations, strings translated here, reviewed ones) stays as it is. Run it again to
update them, or for a new language:

    python3 -m venv /tmp/babel && /tmp/babel/bin/pip install babel
    /tmp/babel/bin/python scripts/make-cldr-strings.py lo km my

What comes from CLDR (the key's English string in en.yml says what it is):
  language_<code>   the name of a language in this one (`language_en` in Lao: ອັງກິດ), for every
                    `language_<code>` key of the default language's file
  period_range      the interval fallback pattern, `{0} – {1}`, with {start} and {end}
  list_separator    what stands between two items of a list, from the standard list pattern's
                    middle part (`{0}, {1}`; Burmese `{0}၊ {1}`)
It also writes i18n/countries/<lang>.yml: CLDR's name of every country and territory with an
ISO 3166-1 alpha-2 code, in that language (`LA: "ລາວ"`), shown for a country whose own file has no
translation into the language.
Dates and numbers need no string: the engine formats them with the platform's CLDR data
(Lao `6 ທັນວາ 2023`, Burmese digits `၉၀,၃၁၃`).
"""
import json
import pathlib
import re
import sys

import babel
from babel import Locale

ROOT = pathlib.Path(__file__).resolve().parent.parent
THEME = ROOT / "Themes" / "default"
DEFAULT = "en"


def keys_in_order(text):
    """The keys of a `key: value` file, in order, with each key's whole line."""
    lines = {}
    for line in text.splitlines():
        if line.startswith("#") or line.startswith(" ") or ":" not in line:
            continue
        lines[line.split(":", 1)[0]] = line
    return lines


def cldr_strings(language, default_keys):
    locale = Locale.parse(language)
    strings = {}
    for key in default_keys:
        match = re.fullmatch(r"language_([a-z]{2,3})", key)
        if match and locale.languages.get(match.group(1)):
            strings[key] = locale.languages[match.group(1)]
    fallback = locale.interval_formats.get(None)
    if fallback:
        strings["period_range"] = fallback.replace("{0}", "{start}").replace("{1}", "{end}")
    middle = locale.list_patterns["standard"]["middle"]
    strings["list_separator"] = middle.replace("{0}", "", 1).replace("{1}", "", 1)
    return {key: value for key, value in strings.items() if key in default_keys}


def main(languages):
    default_text = (THEME / "i18n" / f"{DEFAULT}.yml").read_text(encoding="utf-8")
    default_keys = list(keys_in_order(default_text))
    for language in languages:
        path = THEME / "i18n" / f"{language}.yml"
        text = path.read_text(encoding="utf-8") if path.exists() else ""
        header = []
        for line in text.splitlines():
            if not line.startswith("#"):
                break
            header.append(line)
        existing = keys_in_order(text)
        for key, value in cldr_strings(language, default_keys).items():
            existing[key] = f"{key}: {json.dumps(value, ensure_ascii=False)} # CLDR"
        ordered = [k for k in default_keys if k in existing] + sorted(k for k in existing if k not in default_keys)
        path.write_text("\n".join(header + [existing[k] for k in ordered]) + "\n", encoding="utf-8")
        print(f"{path.relative_to(ROOT)}: CLDR strings from Babel {babel.__version__}")
        write_country_names(language)


def write_country_names(language):
    locale = Locale.parse(language)
    names = {code: name for code, name in locale.territories.items() if re.fullmatch(r"[A-Z]{2}", code) and code not in ("ZZ", "XA", "XB")}
    path = THEME / "i18n" / "countries" / f"{language}.yml"
    path.parent.mkdir(exist_ok=True)
    lines = [f"# Country and territory names in `{language}` by ISO 3166-1 alpha-2 code, from the Unicode CLDR",
             f"# (Babel {babel.__version__}), written by scripts/make-cldr-strings.py; shown for a country whose file has no",
             "# translation into this language. Run the script again to update them."]
    lines += [f"{code}: {json.dumps(name, ensure_ascii=False)}" for code, name in sorted(names.items())]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{path.relative_to(ROOT)}: {len(names)} names")


if __name__ == "__main__":
    main(sys.argv[1:] or ["lo", "km", "my"])
