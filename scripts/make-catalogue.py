#!/usr/bin/env python3
"""Writes Sources/CitySDGEngine/Catalogue/sdg-catalogue.json, the project's own catalogue of the
SDG framework, from public reference data (the 2023 global indicator framework and the UN goal
titles). Run once when the framework is revised; the output is committed, and so are the inputs,
with their sources and licences (Tests/CitySDGEngineTests/Fixtures/reference/README.md).

usage: scripts/make-catalogue.py [REFERENCE_DIR]   (default: Tests/CitySDGEngineTests/Fixtures/reference)
"""
import json, re, sys, unicodedata
from pathlib import Path

import yaml  # PyYAML, only for this one-off conversion

SHORT = ["No Poverty", "Zero Hunger", "Good Health and Well-being", "Quality Education",
         "Gender Equality", "Clean Water and Sanitation", "Affordable and Clean Energy",
         "Decent Work and Economic Growth", "Industry, Innovation and Infrastructure",
         "Reduced Inequalities", "Sustainable Cities and Communities",
         "Responsible Consumption and Production", "Climate Action", "Life Below Water",
         "Life on Land", "Peace, Justice and Strong Institutions", "Partnerships for the Goals"]
COLOURS = ["#E5243B", "#DDA63A", "#4C9F38", "#C5192D", "#FF3A21", "#26BDE2", "#FCC30B",
           "#A21942", "#FD6925", "#DD1367", "#FD9D24", "#BF8B2E", "#3F7E44", "#0A97D9",
           "#56C02B", "#00689D", "#19486A"]

def clean(text):
    text = unicodedata.normalize("NFC", text).replace("\u2011", "-").replace("\u2010", "-")
    text = re.sub(r"\s+", " ", text).strip()
    # The UN's own footnote marks run into the last word ("negotiation4", "by speed5"): not the title.
    return re.sub(r"(?<=[A-Za-z)])\d+$", "", text)

def main(ref):
    gif = json.loads((ref / "gif_2023_parsed.json").read_text())
    goal_titles = yaml.safe_load((ref / "global_goals.en.yml").read_text())
    goals = []
    for n in range(1, 18):
        goals.append({"number": n, "short": SHORT[n - 1], "colour": COLOURS[n - 1],
                      "title": clean(goal_titles[f"{n}-title"]), "targets": []})
    targets = {}
    for code, title in gif["targets"]:
        target = {"code": code, "title": clean(title), "indicators": []}
        targets[code] = target
        goals[int(code.split(".")[0]) - 1]["targets"].append(target)
    for code, title, unsd in gif["indicators"]:
        # The UNSD code names the indicator itself: one that repeats under several targets has one code.
        targets[code.rsplit(".", 1)[0]]["indicators"].append({"code": code, "title": clean(title), "unsd": unsd})
    out = {"framework": "Global indicator framework for the SDGs, 2023 refinement (A/RES/71/313)",
           "goals": goals}
    path = Path(__file__).resolve().parent.parent / "Sources/CitySDGEngine/Catalogue/sdg-catalogue.json"
    path.write_text(json.dumps(out, ensure_ascii=False, indent=1) + "\n")
    print(f"wrote {path}: {len(goals)} goals, {len(targets)} targets, {len(gif['indicators'])} indicators")

if __name__ == "__main__":
    default = Path(__file__).resolve().parent.parent / "Tests/CitySDGEngineTests/Fixtures/reference"
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else default)
