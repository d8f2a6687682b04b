import Foundation

/// Country outlines for the maps (`map-outlines.json`, made once by scripts/make-map.py from
/// Natural Earth's public-domain 1:10m admin-0 countries), in longitude/latitude.
struct MapOutlines: Sendable {
    struct Country: Sendable {
        var code: String
        var asean: Bool
        /// min longitude, min latitude, max longitude, max latitude.
        var bounds: [Double]
        /// Each ring as longitude, latitude, longitude, latitude, …
        var rings: [[Double]]
    }
    var countries: [Country]
    var region: [Double]

    static let bundled: MapOutlines = {
        struct File: Decodable {
            struct C: Decodable { var code: String; var asean: Bool; var bounds: [Double]; var rings: [[Double]] }
            var region: [Double]
            var countries: [C]
        }
        guard let url = Bundle.module.url(forResource: "map-outlines", withExtension: "json"),
              let data = try? Data(contentsOf: url), let file = try? JSONDecoder().decode(File.self, from: data) else {
            fatalError("the map outlines are missing from the generator's resources; reinstall citysdg")
        }
        return MapOutlines(countries: file.countries.map { Country(code: $0.code, asean: $0.asean, bounds: $0.bounds, rings: $0.rings) },
                           region: file.region)
    }()
}

/// A map in plain SVG: country outlines, and each city a dot that is a link, with a label where
/// one fits without covering another (a dot whose label does not fit keeps its name as the
/// link's accessible name and tooltip). Equirectangular, scaled for the middle latitude.
struct MapMaker {
    static let width = 800.0
    static let fontSize = 12.0

    /// `focus`: a country to zoom to (its outline and its cities).
    /// At most `limit` cities are drawn (those with the most recorded first) and named under it;
    /// `note` says how many of how many when that leaves some out.
    static func make(_ cities: [City], focus: CountryCode? = nil, link: Linker, limit: Int = .max,
                     lang: (City) -> String? = { _ in nil },
                     note: (_ shown: Int, _ total: Int) -> String = { "\($0) / \($1)" }) -> MapView {
        let outlines = MapOutlines.bundled
        let weight = { (city: City) in city.expectations.count + city.prioritySDGs.count }
        let all = cities.compactMap { c in c.coordinates.map { (c, $0) } }
        let placed = all.count <= limit ? all : Array(all.enumerated().sorted { (weight($1.element.0), $0.offset) < (weight($0.element.0), $1.offset) }.prefix(limit).map(\.element))
        let withoutCoordinates = cities.filter { $0.coordinates == nil }
        let unplaced = withoutCoordinates.prefix(limit).map { LinkItem(label: $0.title, href: link.href(CityPage.path($0.slug)), lang: lang($0)) }
        // The extent: the focus country's outline with its cities, or the cities, or the region.
        var minLon = Double.infinity, minLat = Double.infinity, maxLon = -Double.infinity, maxLat = -Double.infinity
        func include(_ lon: Double, _ lat: Double) {
            minLon = min(minLon, lon); maxLon = max(maxLon, lon); minLat = min(minLat, lat); maxLat = max(maxLat, lat)
        }
        if let focus, let country = outlines.countries.first(where: { $0.code == focus.value }) {
            include(country.bounds[0], country.bounds[1]); include(country.bounds[2], country.bounds[3])
        }
        for (_, at) in placed { include(at.longitude, at.latitude) }
        if minLon == .infinity { include(outlines.region[0] + 4, outlines.region[1] + 2); include(outlines.region[2] - 4, outlines.region[3] - 2) }
        let padLon = max((maxLon - minLon) * 0.08, 1.5), padLat = max((maxLat - minLat) * 0.08, 1.2)
        minLon -= padLon; maxLon += padLon; minLat -= padLat; maxLat += padLat
        let squeeze = cos((minLat + maxLat) / 2 * .pi / 180)
        let scale = width / ((maxLon - minLon) * squeeze)
        let height = ((maxLat - minLat) * scale).rounded()
        func x(_ lon: Double) -> Double { (lon - minLon) * squeeze * scale }
        func y(_ lat: Double) -> Double { (maxLat - lat) * scale }

        var shapes: [MapShape] = []
        for country in outlines.countries where country.bounds[2] >= minLon && country.bounds[0] <= maxLon
            && country.bounds[3] >= minLat && country.bounds[1] <= maxLat {
            var d = ""
            for ring in country.rings {
                var points: [(Double, Double)] = []
                var i = 0
                while i + 1 < ring.count { points.append((x(ring[i]), y(ring[i + 1]))); i += 2 }
                let kept = simplify(points, tolerance: 0.7)
                guard kept.count >= 3 else { continue }
                let xs = kept.map(\.0), ys = kept.map(\.1)
                guard xs.max()! - xs.min()! >= 1.5 || ys.max()! - ys.min()! >= 1.5 else { continue }
                var last = (Int(kept[0].0.rounded()), Int(kept[0].1.rounded()))
                d += "M\(last.0) \(last.1)"
                for point in kept.dropFirst() {
                    let next = (Int(point.0.rounded()), Int(point.1.rounded()))
                    if next != last { d += "l\(next.0 - last.0) \(next.1 - last.1)" }
                    last = next
                }
                d += "z"
            }
            guard !d.isEmpty else { continue }
            let cssClass = country.code == focus?.value ? "land focus" : (country.asean ? "land" : "land other")
            shapes.append(MapShape(d: d, cssClass: cssClass))
        }

        // Labels: the cities with the most recorded first; each takes the first of four places
        // beside its dot that overlaps no other label or dot and stays inside the map.
        let ordered = placed.sorted { ($0.0.expectations.count + $0.0.prioritySDGs.count, $1.0.title) > ($1.0.expectations.count + $1.0.prioritySDGs.count, $0.0.title) }
        let dotsAt = placed.map { (x($0.1.longitude), y($0.1.latitude)) }
        var boxes: [(Double, Double, Double, Double)] = dotsAt.map { ($0.0 - 5, $0.1 - 5, $0.0 + 5, $0.1 + 5) }
        var dots: [MapDot] = []
        for (city, at) in ordered {
            let cx = x(at.longitude), cy = y(at.latitude)
            let m = LabelBox(city.title, fontSize: fontSize), w = m.width
            let candidates: [(Double, Double, String, (Double, Double, Double, Double))] = [
                (cx + 7, cy + 4, "start", (cx + 6, cy + m.sideTop, cx + 7 + w, cy + m.sideBottom)),
                (cx - 7, cy + 4, "end", (cx - 7 - w, cy + m.sideTop, cx - 6, cy + m.sideBottom)),
                (cx, cy + m.aboveBaseline, "middle", (cx - w / 2, cy + m.aboveTop, cx + w / 2, cy - 6)),
                (cx, cy + m.belowBaseline, "middle", (cx - w / 2, cy + 6, cx + w / 2, cy + m.belowBottom)),
            ]
            let own = (cx - 5, cy - 5, cx + 5, cy + 5)
            let choice = candidates.first { _, _, _, b in
                b.0 >= 0 && b.2 <= width && b.1 >= 0 && b.3 <= height
                    && !boxes.contains { o in o != own && o.0 < b.2 && b.0 < o.2 && o.1 < b.3 && b.1 < o.3 }
            }
            if let choice { boxes.append(choice.3) }
            dots.append(MapDot(x: Format.fixed(cx), y: Format.fixed(cy), labelX: choice.map { Format.fixed($0.0) }, labelY: choice.map { Format.fixed($0.1) },
                               title: city.title, href: link.href(CityPage.path(city.slug)), anchor: choice?.2 ?? "start", lang: lang(city)))
        }
        dots.sort { $0.title < $1.title }
        return MapView(width: Int(width), height: Int(height), shapes: shapes, dots: dots, hasDots: !dots.isEmpty,
                       unplaced: Array(unplaced), hasUnplaced: !unplaced.isEmpty,
                       shownNote: all.count > placed.count || withoutCoordinates.count > unplaced.count ? note(placed.count + unplaced.count, cities.count) : nil)
    }

    /// Douglas–Peucker: the points that keep the line within `tolerance` pixels.
    /// The room a label takes on the map, beside, above or below its dot (offsets from the dot's
    /// centre; the text sits on a baseline 4 px below it when beside). Latin letters are about 0.56 em
    /// wide and 14 px tall. Lao, Khmer and Burmese letters are wider, and their vowels and subscripts
    /// stack above and below the line (measured in Chromium with the Noto fonts at 12 px: Burmese
    /// ဘန်ကောက်မြို့ is 77 px wide and 26 px tall, where a Latin estimate of its letters gives 42 px
    /// and 14 px), so a label in them is measured by its spacing letters (marks take no room of
    /// their own) with its script's width and height, and two labels do not overlap.
    struct LabelBox {
        var width: Double
        var sideTop: Double, sideBottom: Double
        var aboveBaseline: Double, aboveTop: Double
        var belowBaseline: Double, belowBottom: Double

        /// Em per spacing letter, and the ink above and below the baseline at 12 px, by script.
        static let scripts: [(range: ClosedRange<UInt32>, em: Double, ascent: Double, descent: Double)] = [
            (0x0E80...0x0EFF, 0.6, 15, 6),    // Lao
            (0x1780...0x17FF, 0.66, 14, 7),   // Khmer
            (0x1000...0x109F, 0.84, 17, 10),  // Myanmar
        ]

        init(_ text: String, fontSize: Double) {
            guard let script = Self.scripts.first(where: { s in text.unicodeScalars.contains { s.range.contains($0.value) } }) else {
                width = Double(text.count) * fontSize * 0.56 + 2
                let h = fontSize + 2
                (sideTop, sideBottom, aboveBaseline, aboveTop, belowBaseline, belowBottom) = (-h / 2, h / 2, -8, -8 - h + 2, 18, 20)
                return
            }
            let spacing = text.unicodeScalars.filter { ![.nonspacingMark, .enclosingMark].contains($0.properties.generalCategory) }.count
            let scale = fontSize / 12, ascent = script.ascent * scale, descent = script.descent * scale
            width = Double(spacing) * fontSize * script.em + 2
            (sideTop, sideBottom) = (4 - ascent, 4 + descent)
            (aboveBaseline, aboveTop) = (-6 - descent, -6 - descent - ascent)
            (belowBaseline, belowBottom) = (6 + ascent, 6 + ascent + descent)
        }
    }

    static func simplify(_ points: [(Double, Double)], tolerance: Double) -> [(Double, Double)] {
        guard points.count > 2 else { return points }
        var keep = [Bool](repeating: false, count: points.count)
        keep[0] = true; keep[points.count - 1] = true
        var stack = [(0, points.count - 1)]
        while let (first, last) = stack.popLast() {
            guard last > first + 1 else { continue }
            let (ax, ay) = points[first], (bx, by) = points[last]
            let dx = bx - ax, dy = by - ay, length = (dx * dx + dy * dy).squareRoot()
            var farthest = first, distance = 0.0
            for i in (first + 1)..<last {
                let (px, py) = points[i]
                let d = length == 0 ? ((px - ax) * (px - ax) + (py - ay) * (py - ay)).squareRoot() : abs(dy * px - dx * py + bx * ay - by * ax) / length
                if d > distance { distance = d; farthest = i }
            }
            if distance > tolerance {
                keep[farthest] = true
                stack.append((first, farthest)); stack.append((farthest, last))
            }
        }
        return points.indices.filter { keep[$0] }.map { points[$0] }
    }
}
