import Foundation
import Markdown

/// Makes the template values for one output page. One instance per page: it knows where the
/// page is (for relative links) and collects the problems found while rendering its body.
struct ViewBuilder {
    let site: Site
    let theme: Theme
    let route: Route
    let link: Linker
    /// Every output path of the site, to check internal links in Markdown against.
    let outputs: Set<String>
    var diagnostics = Diagnostics()
    /// Internal links found in Markdown bodies, kept in the build graph to check them again later.
    var links: [BuildState.StoredLink] = []

    init(site: Site, theme: Theme, route: Route, outputs: Set<String>) {
        self.site = site
        self.theme = theme
        self.route = route
        self.link = Linker(from: route.path)
        self.outputs = outputs
    }

    func t(_ key: String) -> String { theme.strings[key] ?? key }

    // MARK: the layout

    func meta(title: String, description: String?, crumbs: [(String, Route)] = [], kind: String) -> PageMeta {
        let sections: [(String, Route)] = [("nav_goals", .goals), ("nav_countries", .countries), ("nav_cities", .cities),
                                           ("nav_projects", .projects), ("nav_programmes", .programmes)]
        let section = route.path.split(separator: "/").first.map(String.init)
        let nav = sections.map { key, target in
            NavItem(label: t(key), href: link.href(target), current: target.path.split(separator: "/").first.map(String.init) == section && route != .home)
        } + site.pages.map { page in
            NavItem(label: page.title, href: link.href(.page(page.slug)), current: route == .page(page.slug))
        }
        let base = site.config.baseURL.hasSuffix("/") ? site.config.baseURL : site.config.baseURL + "/"
        // The 404 page is served at any depth, so its links are absolute when the site has a base URL.
        let root = route == .notFound && !site.config.baseURL.isEmpty ? base : link.root
        return PageMeta(
            title: route == .home ? site.config.title : "\(title) · \(site.config.title)",
            heading: title,
            description: description ?? site.config.description ?? site.config.title,
            siteTitle: site.config.title, lang: site.config.language, root: root, homeHref: root == link.root ? link.href(.home) : root,
            canonical: site.config.baseURL.isEmpty || !route.isListedPage ? nil : base + route.prettyPath,
            nav: nav, crumbs: crumbs.map { Crumb(label: $0.0, href: link.href($0.1)) }, hasCrumbs: !crumbs.isEmpty,
            licence: site.config.licence, kind: kind)
    }

    // MARK: parts

    func tile(_ goal: Catalogue.Goal, count: Int? = nil) -> GoalTile {
        GoalTile(number: goal.number.description, short: goal.short, title: goal.title, href: link.href(.goal(goal.number)),
                 cssClass: "goal-\(goal.number)", isNational: goal.isNational, count: count)
    }

    func tiles(_ numbers: [GoalNumber]) -> [GoalTile] {
        var seen = Set<GoalNumber>()
        return numbers.filter { seen.insert($0).inserted }.compactMap { site.catalogue.goal($0).map { tile($0) } }
    }

    func targetRow(_ target: Catalogue.Target) -> TargetRow {
        TargetRow(code: target.code.description, title: target.title, href: link.href(.target(target.code)),
                  isNational: target.isNational,
                  indicators: target.indicators.map { IndicatorRow(code: $0.code.description, title: $0.title) },
                  hasIndicators: !target.indicators.isEmpty,
                  expectationCount: site.expectationsByTarget[target.code]?.count,
                  projectCount: site.projectsByTarget[target.code]?.count)
    }

    func sources(_ list: [Source]) -> [SourceItem] {
        list.enumerated().map { i, s in
            SourceItem(number: i + 1, title: s.title, url: s.url, publisher: s.publisher, date: s.date?.readable)
        }
    }

    func countryName(_ code: CountryCode) -> String { site.countryByCode[code]?.name ?? code.value }

    func cityCard(_ city: City) -> CityCard {
        let goals = tiles(city.prioritySDGs.map(\.value))
        return CityCard(
            title: city.title, href: link.href(.city(city.slug)), country: countryName(city.country.value),
            countryHref: link.href(.country(city.country.value)), summary: city.summary, goals: goals, hasGoals: !goals.isEmpty,
            projectCount: site.projectsByCity[city.slug]?.count ?? 0, expectationCount: city.expectations.count,
            programmes: city.programmes.compactMap { site.programmeBySlug[$0.value].map { $0.shortName ?? $0.title } }.joined(separator: ", "))
    }

    func projectCard(_ project: Project) -> ProjectCard {
        let city = site.cityBySlug[project.city.value]
        let programme = project.programme.flatMap { site.programmeBySlug[$0.value] }
        let targets = project.targets.map(\.value).sorted().map { code in
            TargetLink(code: code.description, href: link.href(.target(code)), title: site.catalogue.target(code)?.title ?? "")
        }
        let goals = tiles(Site.goals(of: project))
        var funding: String? = nil
        if let f = project.funding {
            let money = f.amount.map { "\(f.currency ?? "") \(Format.amount($0))".trimmingCharacters(in: .whitespaces) }
            funding = [money, f.note].compactMap { $0 }.joined(separator: " — ")
            if funding?.isEmpty == true { funding = nil }
        }
        return ProjectCard(
            title: project.title, href: link.href(.project(project.slug)), city: city?.title ?? project.city.value.value,
            cityHref: link.href(.city(project.city.value)), country: city.map { countryName($0.country.value) } ?? "",
            summary: project.summary, status: project.status.map { t("status_\($0.rawValue)") },
            statusClass: project.status?.rawValue ?? "unknown", period: Format.period(project.start, project.end),
            goals: goals, hasGoals: !goals.isEmpty, targets: targets, hasTargets: !targets.isEmpty,
            interpreted: project.alignment == .interpreted,
            partners: project.partners.isEmpty ? nil : project.partners.joined(separator: ", "), funding: funding,
            programme: programme.map { $0.shortName ?? $0.title }, programmeHref: programme.map { link.href(.programme($0.slug)) })
    }

    func expectationRow(_ e: Expectation, city: City) -> ExpectationRow {
        ExpectationRow(
            target: e.target.value.description, targetHref: link.href(.target(e.target.value)),
            official: site.catalogue.target(e.target.value)?.title ?? "", text: e.text,
            stage: e.stage.map { t("stage_\($0.rawValue)") }, stageClass: e.stage?.rawValue ?? "none",
            indicator: e.indicator.map { code in
                "\(code.value) — " + (site.catalogue.indicator(code.value)?.title ?? "")
            }, note: e.note, sourceNumber: e.source, city: city.title, cityHref: link.href(.city(city.slug)),
            country: countryName(city.country.value))
    }

    /// A document's Markdown as HTML, with site-absolute links made relative and checked.
    mutating func bodyHTML(_ document: Document) -> String? {
        guard !document.body.isEmpty else { return nil }
        let linker = link
        let rendered = Markdown.render(document.body.markdown, options: .init(
            allowRawHTML: site.config.allowRawHTML,
            rewriteURL: { linker.internalLink($0)?.href }))
        for found in rendered.links {
            guard let target = link.internalLink(found.url) else { continue }
            let location = SourceLocation(file: document.displayPath, line: document.body.firstLine + found.line - 1, column: found.column)
            let stored = BuildState.StoredLink(page: route.path, location: location, url: found.url, target: target.path)
            links.append(stored)
            if !outputs.contains(target.path) { diagnostics.append(Self.brokenLink(stored)) }
        }
        return rendered.html
    }

    static func brokenLink(_ link: BuildState.StoredLink) -> Diagnostic {
        Diagnostic(.error, link.location, "the link `\(link.url)` leads to no page of this site",
                   hint: "internal links are site paths like /cities/luang-prabang/ or /goals/11/")
    }

    /// Dots for the cities with coordinates, on a plain longitude–latitude grid fitted to them.
    func map(_ cities: [City]) -> MapView {
        let placed = cities.compactMap { c in c.coordinates.map { (c, $0) } }
        guard !placed.isEmpty else { return MapView(width: 0, height: 0, dots: [], gridLines: [], hasDots: false) }
        let lats = placed.map(\.1.latitude), lons = placed.map(\.1.longitude)
        let minLon = (lons.min()! - 3).rounded(.down), maxLon = (lons.max()! + 3).rounded(.up)
        let minLat = (lats.min()! - 2).rounded(.down), maxLat = (lats.max()! + 2).rounded(.up)
        let width = 800.0
        let scale = width / max(maxLon - minLon, 1)
        let height = ((maxLat - minLat) * scale).rounded()
        func x(_ lon: Double) -> Double { (lon - minLon) * scale }
        func y(_ lat: Double) -> Double { (maxLat - lat) * scale }
        var grid: [MapLine] = []
        for lon in stride(from: (minLon / 5).rounded(.up) * 5, through: maxLon, by: 5) {
            grid.append(MapLine(x1: Format.fixed(x(lon)), y1: "0", x2: Format.fixed(x(lon)), y2: Format.fixed(height)))
        }
        for lat in stride(from: (minLat / 5).rounded(.up) * 5, through: maxLat, by: 5) {
            grid.append(MapLine(x1: "0", y1: Format.fixed(y(lat)), x2: Format.fixed(width), y2: Format.fixed(y(lat))))
        }
        let dots = placed.sorted { $0.1.latitude > $1.1.latitude }.map { city, at in
            let east = x(at.longitude) > width * 0.8
            return MapDot(x: Format.fixed(x(at.longitude)), y: Format.fixed(y(at.latitude)),
                          labelX: Format.fixed(x(at.longitude) + (east ? -7 : 7)), labelY: Format.fixed(y(at.latitude) + 4),
                          title: city.title, href: link.href(.city(city.slug)), anchor: east ? "end" : "start")
        }
        return MapView(width: Int(width), height: Int(height), dots: dots, gridLines: grid, hasDots: true)
    }
}
