#!/usr/bin/env python3
"""Counts what the bundled content holds (issue 23): cities with stated / reviewed priority goals,
with expectations (worded), projects a source calls model projects, projects whose targets a source
states / an editor interprets / none. Usage: scripts/coverage.py [Content]"""
import csv, glob, os, sys, yaml

root = sys.argv[1] if len(sys.argv) > 1 else "Content"

def front(path):
    text = open(path, encoding="utf-8").read()
    if not text.startswith("---"):
        return {}
    return yaml.load(text.split("---", 2)[1], Loader=yaml.BaseLoader) or {}

def originals(pattern):
    return [p for p in sorted(glob.glob(os.path.join(root, pattern), recursive=True))
            if len(os.path.basename(p).split(".")) == 2]

cities = [front(p) for p in originals("cities/**/*.md")]
projects = [front(p) for p in originals("projects/*.md")]
stated = [c for c in cities if c.get("priority_sdgs") and c.get("priority_kind", "stated") == "stated"]
reviewed = [c for c in cities if c.get("priority_sdgs") and c.get("priority_kind") == "reviewed"]
with_exp = [c for c in cities if c.get("expectations")]
worded = [c for c in cities if any(isinstance(e, dict) and e.get("expectation") for e in c.get("expectations") or [])]
model = [p for p in projects if str(p.get("model", "")).lower() == "true" and p.get("model_source")]
with_targets = [p for p in projects if p.get("targets")]
goals_only = [p for p in projects if not p.get("targets") and p.get("goals")]
none = [p for p in projects if not p.get("targets") and not p.get("goals")]
print(f"cities: {len(cities)}")
print(f"  with stated priority goals: {len(stated)}")
print(f"  with reviewed goals: {len(reviewed)}")
unworded = [c for c in cities if any(isinstance(e, dict) and not e.get("expectation") for e in c.get("expectations") or [])]
print(f"  with expectations: {len(with_exp)} (in the city's own words: {len(worded)}; "
      f"with priority targets listed without local wording: {len(unworded)})")
print(f"projects: {len(projects)} (for {len({p.get('city') for p in projects})} cities)")
print(f"  called model projects by a source (model: true, model_source:): {len(model)}")
print(f"  with targets: {len(with_targets)} (stated {sum(p.get('alignment') == 'stated' for p in with_targets)}, "
      f"interpreted {sum(p.get('alignment') == 'interpreted' for p in with_targets)}, "
      f"unmarked {sum(p.get('alignment') not in ('stated', 'interpreted') for p in with_targets)})")
print(f"  with goals only: {len(goals_only)} (stated {sum(p.get('alignment') == 'stated' for p in goals_only)}, "
      f"interpreted {sum(p.get('alignment') == 'interpreted' for p in goals_only)})")
print(f"  with no goal or target: {len(none)}")

series = sorted(glob.glob(os.path.join(root, "data", "*", "*.csv")))
values = {}
for path in series:
    with open(path, encoding="utf-8", newline="") as f:
        values[path] = sum(1 for row in csv.DictReader(f) if (row.get("Value") or "").strip())
places = {os.path.basename(os.path.dirname(p)) for p in series}
print(f"indicator series: {len(series)} ({sum(values.values())} values) for {len(places)} places")
by_indicator = {}
for path in series:
    by_indicator.setdefault(os.path.basename(path)[:-4], []).append(path)
for code in sorted(by_indicator, key=lambda c: [int(x) if x.isdigit() else x for x in c.split("-")]):
    paths = by_indicator[code]
    print(f"  {code.replace('-', '.')}: {len(paths)} series, {sum(values[p] for p in paths)} values")
