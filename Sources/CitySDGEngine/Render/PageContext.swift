import Foundation
import Markdown

/// What a page kind gets to make one output: the recording reader (its only way to the site),
/// where the page is (for relative links), the shared fragments, and the problems and Markdown
/// links found while making it.
struct PageContext {
    let read: SiteReader
    let link: Linker
    /// The output path, its kind's name, whether the sitemap lists it, whether it is served at any depth.
    let path: String
    let kind: String
    let isListed: Bool
    let servedAnywhere: Bool
    /// The same page in every language of the site (none for a file written once).
    let alternates: [Route.Alternate]
    let fragments: Fragments
    var diagnostics = Diagnostics()
    /// Internal links found in Markdown bodies, kept in the build graph to check them again later.
    var links: [BuildState.StoredLink] = []
    /// The stretches of the output made from a body alone (`Splice`).
    var splices: [Splice.Claim] = []
    /// Where the output holds the pieces it was joined from (`piece`).
    var pieces: [Piece.Claim] = []

    init(read: SiteReader, route: Route, fragments: Fragments) {
        self.read = read
        link = Linker(from: route.path, folder: route.folder)
        path = route.path
        kind = route.kind
        isListed = route.isListedPage
        servedAnywhere = route.servedAnywhere
        alternates = route.alternates
        self.fragments = fragments
    }

    /// The context a fragment (a card) is made in: where the page that shows it is.
    init(read: SiteReader, link: Linker, fragments: Fragments) {
        self.read = read
        self.link = link
        path = link.from
        kind = ""
        isListed = false
        servedAnywhere = false
        alternates = []
        self.fragments = fragments
    }

    func t(_ key: String) -> String { read.t(key) }

    /// A piece of this output made from one item (a dataset's entry, a table's rows), through a
    /// reader of its own whose reads become this output's. The preview keeps it in memory like a
    /// card (`Fragments.text`). A build in a new process takes it back from the file the last
    /// build wrote when none of its inputs changed (`KeptPieces`), and the build graph keeps where
    /// each piece is (`joined`, `json` claim it), so an edit remakes the pieces it reaches and a
    /// whole-site file is joined from the rest.
    func piece(_ name: String, _ key: String, _ make: (PageContext) -> String) -> Piece {
        let full = Fragments.key(name, key, at: link, in: read.language)
        guard fragments.recordsPieces else {
            return Piece(key: .none, text: fragments.text(key: full, at: link, in: read.language, into: read.reads, make), reads: .none)
        }
        let id = Fingerprint(full)
        if let kept = fragments.keptPieces?.piece(id, in: path) { return Piece(key: id, text: kept.text, reads: .kept(kept.inputs, bytes: kept.fingerprint)) }
        let (text, reads) = fragments.made(at: link, in: read.language, make)
        read.reads.merge(reads)
        return Piece(key: id, text: text, reads: .made(reads))
    }

    /// A text joined from `parts` and pieces in their order, each piece claimed where it is.
    mutating func joined(_ parts: [JoinedPart], reserving: Int = 0) -> Data {
        var out = Data(capacity: reserving)
        for part in parts {
            switch part {
            case .text(var text): text.withUTF8 { out.append($0) }
            case .piece(let piece):
                var text = piece.text
                if piece.isRecorded { pieces.append(Piece.Claim(key: piece.key, reads: piece.reads, offset: out.count, length: text.utf8.count)) }
                text.withUTF8 { out.append($0) }
            }
        }
        return out
    }

    /// A file of JSON (`JSONText.file`) whose `Raw` pieces are claimed where they are.
    mutating func json(_ value: Any, reserving: Int = 0) -> Data {
        JSONText.file(value, reserving: reserving, pieces: &pieces)
    }

    /// The label for `count` things by the CLDR plural rules of the language it is shown in (the
    /// page's, or the default's where the page's has no string yet): `key_one`, `key_few`, … where
    /// the theme has the count's category, `key` (the `other` form) otherwise.
    func t(_ key: String, count: Int) -> String {
        let category = PluralRules.bundled.category(count, in: read.language(of: key))
        return category != "other" && read.strings[key + "_" + category] != nil ? t(key + "_" + category) : t(key)
    }

    /// "1 project", "3 projects": the string for the count with the number in its `{n}`
    /// (each language puts the number where its grammar does: `မြို့ ၃ မြို့`).
    func counted(_ count: Int, _ key: String) -> String {
        let phrase = t(key, count: count)
        return phrase.contains("{n}") ? phrase.replacingEvery("{n}", with: number(count)) : "\(number(count)) \(phrase)"
    }

    /// Names or codes in a row, with the separator of the page's language (CLDR's list pattern: `, `, Burmese `၊ `).
    func list(_ items: [String]) -> String { items.joined(separator: t("list_separator")) }

    /// The interface string `key` with `link` at its `placeholder`; a string without the placeholder
    /// is followed by the link.
    func phrase(_ key: String, _ placeholder: String, link: LinkItem) -> LinkedPhrase {
        let text = t(key)
        guard let at = text.range(of: placeholder) else { return LinkedPhrase(before: text + " ", link: link, after: "") }
        return LinkedPhrase(before: String(text[..<at.lowerBound]), link: link, after: String(text[at.upperBound...]))
    }

    /// A number and a date as the page's language writes them.
    func number(_ value: Int) -> String { LocalFormat.number(value, read.language) }
    func date(_ value: PartialDate) -> String { LocalFormat.date(value, read.language) }

    /// `5 March 2024 – June 2025`, `from 2024`, `until 2030`.
    func period(_ start: PartialDate?, _ end: PartialDate?) -> String? {
        switch (start, end) {
        case let (s?, e?): return t("period_range").replacingEvery("{start}", with: date(s)).replacingEvery("{end}", with: date(e))
        case let (s?, nil): return t("period_from").replacingEvery("{date}", with: date(s))
        case let (nil, e?): return t("period_until").replacingEvery("{date}", with: date(e))
        default: return nil
        }
    }

    // MARK: the layout

    /// The sections of the main navigation, with the path of each index page.
    private static let sections = [("nav_goals", GoalsPage.path), ("nav_countries", CountriesPage.path), ("nav_cities", CitiesPage.path),
                                   ("nav_projects", ProjectsPage.path), ("nav_programmes", ProgrammesPage.path)]

    /// `lang` for words that are not in the page's language: an untranslated item's.
    func textLang(_ state: TextState) -> String? {
        if case .untranslated(let language) = state { return language }
        return nil
    }

    /// The language of a city's title (nil where it is the page's: a translation's, or its name in
    /// the page's script), and its original Latin name to show beside it.
    func cityName(_ city: City, source: Bool = false) -> (titleLang: String?, latin: LatinName?) {
        guard let latin = city.latinTitle else { return (textLang(city.text), nil) }
        return (nil, LatinName(text: latin, lang: read.defaultLanguage, source: source ? city.namesSource : nil))
    }

    /// The default language on a page in another: the language of words no translation gives.
    var contentLang: String? { read.language == read.defaultLanguage ? nil : read.defaultLanguage }

    /// What the reader is told about the translation of a page's own words.
    func textNote(_ state: TextState) -> String? {
        switch state {
        case .original: return nil
        case .untranslated(let original):
            // The original's language by its name in the page's language (`language_en`), else by its own name.
            let name = read.strings["language_" + original] ?? read.languageNames[original] ?? original
            return t("untranslated_note").replacingEvery("{language}", with: name)
        case .translated(let by, let stale):
            let credit = by.map { t("translated_by").replacingEvery("{name}", with: $0) }
            let note = [stale == nil ? nil : t("stale_translation_note"), credit].compactMap { $0 }.joined(separator: " ")
            return note.isEmpty ? nil : note
        }
    }

    func meta(title: String, description: String?, crumbs: [(label: String, path: String)] = [], lastCrumbLang: String? = nil, text: TextState = .original,
              about: [String: Any]? = nil) -> PageMeta {
        let config = read.config
        let isHome = path == link.localized(HomePage.path)
        let base = SitemapFile.baseURL(config)
        // The 404 page is served at any depth, so its links start at the site's root: the path of
        // the base URL (`/sdg/`), or `/`. Same-origin, so its own CSP allows its stylesheet anywhere.
        let root = servedAnywhere ? Self.rootPath(of: config.baseURL) : link.root
        let page = { (target: String) in root + Route.encoded(link.localized(target)) }
        let section = path.dropFirst(link.folder.count).split(separator: "/").first
        let nav = Self.sections.map { key, target in
            NavItem(label: t(key), href: page(target), current: !isHome && target.split(separator: "/").first == section)
        } + read.pages.map { item in
            NavItem(label: item.title, href: page(TextPage.path(item.slug)), current: path == link.localized(TextPage.path(item.slug)),
                    lang: textLang(item.text))
        }
        let names = alternates.count > 1 ? read.languageNames : [:]
        let languages = alternates.count > 1 ? alternates.map { other in
            LanguageLink(language: other.language, label: names[other.language] ?? other.language,
                         href: root + Route.encoded(other.path), current: other.path == path)
        } : []
        // hreflang links are absolute where the site has a base URL, as search engines want them.
        let address = { (path: String) in config.baseURL.isEmpty ? root + Route.encoded(path) : base + Route.pretty(path) }
        let hreflang = languages.isEmpty ? [] : alternates.map { AlternateLink(language: $0.language, href: address($0.path)) }
            + [AlternateLink(language: "x-default", href: address(alternates[0].path))]
        return PageMeta(
            title: isHome ? config.title : "\(title) · \(config.title)",
            heading: title,
            description: description ?? config.description ?? config.title,
            siteTitle: config.title, lang: read.language, root: root, langRoot: root + link.folder,
            homeHref: servedAnywhere ? root + link.folder : page(HomePage.path),
            canonical: config.baseURL.isEmpty || !isListed ? nil : base + Route.pretty(path),
            nav: nav, crumbs: crumbs.enumerated().map { i, crumb in
                Crumb(label: crumb.label, href: page(crumb.path), lang: i == crumbs.count - 1 ? lastCrumbLang : nil)
            }, hasCrumbs: !crumbs.isEmpty,
            licence: config.licence, kind: kind, alternates: hreflang, languages: languages, hasLanguages: !languages.isEmpty,
            catalogueCredit: read.catalogueCredit, textLang: textLang(text), textNote: textNote(text),
            jsonLD: about.map { about in
                var value = about
                value["@context"] = "https://schema.org"
                if !config.baseURL.isEmpty { value["url"] = base + Route.pretty(path) }
                // Inside a script element no text may open or close one: `<` is written `\u003c`, JSON's own escape.
                return JSONText.write(value).replacingEvery("<", with: "\\u003c")
            }, contentLang: contentLang)
    }

    /// `/sdg/` for `https://example.org/sdg/`; `/` for a site at the top of its host, or with no base URL.
    static func rootPath(of baseURL: String) -> String {
        guard let url = URL(string: baseURL), !url.path.isEmpty else { return "/" }
        return url.path.hasSuffix("/") ? url.path : url.path + "/"
    }

    // MARK: parts

    func tile(_ goal: Catalogue.Goal, count: Int? = nil) -> GoalTile {
        GoalTile(number: goal.number.description, short: goal.short, title: goal.title, href: link.href(GoalPage.path(goal.number)),
                 cssClass: "goal-\(goal.number)", isNational: goal.isNational, count: count.map(number),
                 // A national goal's titles are site.yml's, in the default language (no translation gives them).
                 lang: goal.isNational ? contentLang : nil)
    }

    func tiles(_ numbers: [GoalNumber]) -> [GoalTile] {
        var seen = Set<GoalNumber>()
        let catalogue = read.catalogue
        return numbers.filter { seen.insert($0).inserted }.compactMap { catalogue.goal($0).map { tile($0) } }
    }

    /// A goal tile with the number of cities that made the goal a priority.
    func priorityTile(_ goal: Catalogue.Goal) -> GoalTile {
        tile(goal, count: read.count(.citiesWithPriority(goal.number)))
    }

    func targetRow(_ target: Catalogue.Target) -> TargetRow {
        let expectations = read.count(.expectationsFor(target.code))
        let projects = read.count(.projectsServing(target.code))
        return TargetRow(code: target.code.description, title: target.title, href: link.href(TargetPage.path(target.code)),
                         isNational: target.isNational, indicators: target.indicators.map(indicatorRow),
                         hasIndicators: !target.indicators.isEmpty,
                         expectationsLabel: expectations == 0 ? nil : counted(expectations, "expectations_count"),
                         projectsLabel: projects == 0 ? nil : counted(projects, "projects_count"))
    }

    func indicatorRow(_ indicator: Catalogue.Indicator) -> IndicatorRow {
        IndicatorRow(code: indicator.code.description, title: indicator.title,
                     alsoUnder: indicator.alsoUnder.isEmpty ? nil
                         : t("also_under").replacingEvery("{codes}", with: list(indicator.alsoUnder.map(\.description))),
                     href: link.href(IndicatorPage.path(indicator.code)))
    }

    func sources(_ list: [Source]) -> [SourceItem] {
        list.enumerated().map { i, s in
            SourceItem(number: i + 1, title: s.title, url: s.url, publisher: s.publisher, date: s.date.map(date),
                       locator: Optional([s.number, s.isbn.map { t("source_isbn") + " " + $0 }, s.archive.map { t("source_archive") + " " + $0 }]
                           .compactMap { $0 }.joined(separator: ", ")).flatMap { $0.isEmpty ? nil : $0 })
        }
    }

    func countryName(_ code: CountryCode) -> String { read.country(code)?.name ?? code.value }

    func countryLink(_ code: CountryCode) -> (label: String, path: String) { (countryName(code), CountryPage.path(code)) }

    /// A city's card, rendered once per page depth and shared by every page that lists the city.
    func cityCard(_ city: City) -> Fragment {
        fragments.fragment("city-card", city.slug, at: link, in: read.language, into: read.reads, Self.cityCardView)
    }

    /// A project's card, rendered once per page depth and shared by every page that lists the project.
    func projectCard(_ project: Project) -> Fragment {
        fragments.fragment("project-card", project.slug, at: link, in: read.language, into: read.reads, Self.projectCardView)
    }

    /// A project's entry in the printable report, rendered once per page depth like a card (a
    /// title edit remakes the report's parts that hold the city's projects, hundreds of entries each).
    func reportProject(_ project: Project) -> Fragment {
        fragments.fragment("report-project", project.slug, at: link, in: read.language, into: read.reads, Self.projectCardView)
    }

    /// A city's row in a long list, rendered once per page depth like a card.
    func cityRow(_ city: City) -> Fragment {
        fragments.fragment("city-row", city.slug, at: link, in: read.language, into: read.reads, Self.cityRowView)
    }

    func projectRow(_ project: Project) -> Fragment {
        fragments.fragment("project-row", project.slug, at: link, in: read.language, into: read.reads, Self.projectRowView)
    }

    private static func cityRowView(_ slug: Slug, _ c: PageContext) -> Any {
        guard let city = c.read.city(slug) else { return "" }
        let goals = c.tiles(city.prioritySDGs.map(\.value))
        let programmes = city.programmes.compactMap { c.read.programme($0.value) }
        return CityRow(title: city.title, href: c.link.href(CityPage.path(city.slug)), country: c.countryName(city.country.value),
                       countryCode: city.country.value.value,
                       programmes: programmes.isEmpty ? nil : c.list(programmes.map { $0.shortName ?? $0.title }),
                       programmeSlugs: programmes.map(\.slug.value).joined(separator: " "), goals: goals,
                       goalNumbers: goals.map(\.number).joined(separator: " "),
                       counts: c.counted(city.expectations.count, "expectations_count") + " · " + c.counted(c.read.count(.projectsOf(city.slug)), "projects_count"),
                       textLang: c.textLang(city.text), titleLang: c.cityName(city).titleLang, latin: c.cityName(city).latin,
                       programmesLang: c.contentLang)
    }

    private static func projectRowView(_ slug: Slug, _ c: PageContext) -> Any {
        guard let project = c.read.project(slug) else { return "" }
        let city = c.read.city(project.city.value)
        let goals = c.tiles(Site.goals(of: project))
        return ProjectRow(title: project.title, href: c.link.href(ProjectPage.path(project.slug)), city: city?.title ?? project.city.value.value,
                          cityHref: c.link.href(CityPage.path(project.city.value)), countryCode: city?.country.value.value ?? "",
                          status: project.status.map { c.t("status_\($0.rawValue)") }, statusClass: project.status?.rawValue ?? "unknown",
                          period: c.period(project.start, project.end), programme: project.programme?.value.value ?? "",
                          goals: goals, goalNumbers: goals.map(\.number).joined(separator: " "), textLang: c.textLang(project.text),
                          model: project.isModel ? c.t("model_project") : nil, cityLang: city.map { c.cityName($0).titleLang } ?? c.contentLang)
    }

    /// A card is made from its slug alone, through the card's own reader (a static function
    /// captures nothing of the page), so a card kept for later builds knows everything it showed.
    private static func cityCardView(_ slug: Slug, _ c: PageContext) -> Any {
        guard let city = c.read.city(slug) else { return "" }
        let goals = c.tiles(city.prioritySDGs.map(\.value))
        return CityCard(
            title: city.title, href: c.link.href(CityPage.path(city.slug)), country: c.countryName(city.country.value),
            countryHref: c.link.href(CountryPage.path(city.country.value)), summary: city.summary, goals: goals,
            hasGoals: !goals.isEmpty, goalsLabel: c.t(city.priorityKind == .reviewed ? "reviewed_goals" : "priority_goals"),
            projectsLabel: c.counted(c.read.count(.projectsOf(city.slug)), "projects_count"),
            expectationsLabel: c.counted(city.expectations.count, "expectations_count"),
            programmes: Optional(c.list(city.programmes.compactMap { c.read.programme($0.value).map { $0.shortName ?? $0.title } }))
                .flatMap { $0.isEmpty ? nil : $0 }, textLang: c.textLang(city.text),
            titleLang: c.cityName(city).titleLang, latin: c.cityName(city).latin, programmesLang: c.contentLang)
    }

    private static func projectCardView(_ slug: Slug, _ c: PageContext) -> Any {
        guard let project = c.read.project(slug) else { return "" }
        return c.projectCardView(project)
    }

    /// What a project's card shows, as values (the project page shows them too).
    func projectCardView(_ project: Project) -> ProjectCard {
        let city = read.city(project.city.value)
        let programme = project.programme.flatMap { read.programme($0.value) }
        let catalogue = read.catalogue
        let targets = project.targets.map(\.value).sorted().map { code in
            TargetLink(code: code.description, href: link.href(TargetPage.path(code)), title: catalogue.target(code)?.title ?? "")
        }
        let goals = tiles(Site.goals(of: project))
        var funding: String? = nil
        if let f = project.funding {
            let money = f.amount.map { "\(f.currency ?? "") \(Format.amount($0))".trimmingSpaces() }
            funding = [money, f.note].compactMap { $0 }.joined(separator: " — ")
            if funding?.isEmpty == true { funding = nil }
        }
        return ProjectCard(
            title: project.title, href: link.href(ProjectPage.path(project.slug)), city: city?.title ?? project.city.value.value,
            cityHref: link.href(CityPage.path(project.city.value)), country: city.map { countryName($0.country.value) } ?? "",
            summary: project.summary, status: project.status.map { t("status_\($0.rawValue)") },
            statusClass: project.status?.rawValue ?? "unknown", period: period(project.start, project.end),
            goals: goals, hasGoals: !goals.isEmpty, targets: targets, hasTargets: !targets.isEmpty,
            interpreted: project.alignment == .interpreted,
            partners: project.partners.isEmpty ? nil : list(project.partners), funding: funding,
            programme: programme.map { $0.shortName ?? $0.title }, programmeHref: programme.map { link.href(ProgrammePage.path($0.slug)) },
            textLang: textLang(project.text), model: project.isModel ? t("model_project") : nil,
            modelSource: project.isModel ? project.modelSource : nil,
            cityLang: city.map { cityName($0).titleLang } ?? contentLang, contentLang: contentLang)
    }

    func expectationRow(_ e: Expectation, city: City) -> ExpectationRow {
        let catalogue = read.catalogue
        return ExpectationRow(
            target: e.target.value.description, targetHref: link.href(TargetPage.path(e.target.value)),
            official: catalogue.target(e.target.value)?.title ?? "", text: e.text,
            stage: e.stage.map { t("stage_\($0.rawValue)") }, stageClass: e.stage?.rawValue ?? "none",
            indicator: e.indicator.map { code in "\(code.value) — " + (catalogue.indicator(code.value)?.title ?? "") },
            note: e.note, sourceNumber: e.source, paraphrased: e.paraphrased, city: city.title, cityHref: link.href(CityPage.path(city.slug)),
            country: countryName(city.country.value), textLang: e.textLang, cityLang: cityName(city).titleLang,
            noteLang: e.note == nil ? nil : contentLang)
    }

    /// The body a page shows of a document: its translation's in the page's language when that
    /// has a text, the original's otherwise (`original`), each file read once.
    func shownBody(_ document: Document) -> (document: Document, body: Body, markdown: String, original: Bool)? {
        if let translation = read.translation(of: document) {
            let body = read.body(translation.document)
            if let markdown = body.text { return (translation.document, body, markdown, false) }
        }
        let body = read.body(document)
        return body.text.map { (document, body, $0, true) }
    }

    /// A document's Markdown as HTML, with site-absolute links made relative and checked: the
    /// body `shownBody` picks, the original's marked with its `lang` on a page in another language.
    mutating func bodyHTML(_ document: Document) -> String? {
        guard let (document, body, markdown, original) = shownBody(document) else { return nil }
        let wrap = original && read.language != read.defaultLanguage
        let recipe = Splice.Recipe.html(folder: link.folder, wrap: wrap ? read.defaultLanguage : "", rawHTML: read.config.allowRawHTML)
        let (html, found) = Splice.make(recipe, markdown: markdown, page: path)
        for stored in Splice.links(found, page: path, folder: link.folder, file: document.displayPath, firstLine: body.firstLine) {
            links.append(stored)
            read.check(stored, &diagnostics)
        }
        splices.append(Splice.Claim(path: document.path, recipe: recipe, text: html))
        return html
    }

    /// A file joined from pieces with marked stretches (search entries): its bytes, the marks
    /// taken out and their stretches claimed.
    mutating func unmarked(_ text: String) -> Data {
        let (bytes, claims) = Splice.unmark(text)
        splices += claims
        return bytes
    }

    static func brokenLink(_ link: BuildState.StoredLink) -> Diagnostic {
        Diagnostic(.error, link.location, "the link `\(link.url)` leads to no page of this site",
                   hint: link.url.hasPrefix("/") ? "internal links are site paths like /cities/luang-prabang/ or /goals/11/"
                       : "a relative link starts from the page it is on (/\(Route.pretty(link.page))); write site paths like /cities/luang-prabang/ instead")
    }

    /// The map of `cities` (zoomed to `focus`, a country): outlines, dots that are links, labels that fit.
    /// A large site's map draws the `5 × page_size` cities with the most recorded, and says so.
    func map(_ cities: [City], focus: CountryCode? = nil) -> MapView {
        MapMaker.make(cities, focus: focus, link: link, limit: read.config.pageSize * 5, lang: { cityName($0).titleLang }) { shown, total in
            t("map_shown").replacingEvery("{n}", with: number(shown)).replacingEvery("{total}", with: number(total))
        }
    }
}
