/// The resolved site: content linked to the catalogue and to itself, sorted, with the indexes the
/// pages need. Built once by `resolve`; every reference in it points at something that exists.
public struct Site: Sendable {
    public let config: SiteConfig
    public let catalogue: Catalogue
    public internal(set) var countries: [Country]
    public internal(set) var programmes: [Programme]
    public internal(set) var cities: [City]
    public internal(set) var projects: [Project]
    public internal(set) var pages: [Page]
    /// Paths inside media/, sorted.
    public let media: [String]
    /// Each original's translations by language: `translations["cities/la/luang-prabang.md"]["lo"]`.
    public let translations: [String: [String: Translation]]

    public internal(set) var countryByCode: [CountryCode: Country]
    public internal(set) var cityBySlug: [Slug: City]
    public internal(set) var projectBySlug: [Slug: Project]
    public internal(set) var pageBySlug: [Slug: Page]
    public internal(set) var programmeBySlug: [Slug: Programme]
    public internal(set) var citiesByCountry: [CountryCode: [City]]
    public internal(set) var citiesByProgramme: [Slug: [City]]
    /// Cities whose sources state the goal as a priority, and cities whose review covers it.
    public internal(set) var citiesByPriority: [GoalNumber: [City]]
    public internal(set) var citiesByReview: [GoalNumber: [City]]
    public internal(set) var projectsByCity: [Slug: [Project]]
    public internal(set) var projectsByProgramme: [Slug: [Project]]
    public internal(set) var projectsByTarget: [TargetCode: [Project]]
    public internal(set) var projectsByGoal: [GoalNumber: [Project]]
    public internal(set) var projectsByCountry: [CountryCode: [Project]]
    /// Projects linked to no goal, and the cities that have a project, in the site's order.
    public internal(set) var projectsWithoutGoal: [Project]
    public internal(set) var citiesWithProjects: [City]
    /// What the content holds, for the coverage the home and about pages show (issue 23): cities
    /// with priority goals a source states, with goals a review covers, with expectations in their
    /// own words, with priority targets a source lists without a local wording; projects
    /// a source calls model projects; projects whose targets a source names, or an editor reads
    /// (an unmarked alignment is not a source's), and projects with goals but no target.
    public internal(set) var citiesWithStatedGoals: [City]
    public internal(set) var citiesWithReviewedGoals: [City]
    public internal(set) var citiesWithExpectations: [City]
    public internal(set) var citiesWithUnwordedTargets: [City]
    public internal(set) var modelProjects: [Project]
    public internal(set) var projectsWithStatedTargets: [Project]
    public internal(set) var projectsWithInterpretedTargets: [Project]
    public internal(set) var projectsWithGoalsOnly: [Project]
    public internal(set) var expectationsByTarget: [TargetCode: [(city: City, expectation: Expectation)]]
    /// Pages the site would have but for an error: those of files that failed to load and of what
    /// depends on them (a project of a city that failed), by their path in the default language
    /// (`cities/pakse/index.html`), each with the file that holds the error. A link to one waits on
    /// that error instead of being a problem of its own.
    public let waiting: [String: String]
    /// The indicator data: every series, by its CSV's path, by its place (a city's slug or a
    /// country's code in lower case; sorted by indicator), and by indicator (sorted by place name).
    public internal(set) var series: [Series] = []
    public internal(set) var seriesByPath: [String: Series] = [:]
    public internal(set) var seriesByPlace: [String: [Series]] = [:]
    public internal(set) var seriesByIndicator: [IndicatorCode: [Series]] = [:]

    /// Top-level paths the generator writes itself; a page may not take one.
    public static let reservedSlugs: Set<String> = [
        "goals", "targets", "countries", "cities", "projects", "programmes", "assets", "report", "search",
        "data", "index", "404", "sitemap", "robots", "feed", "media", "translations", "charts", "indicators",
    ]

    /// What a translation follows of its original: the words a translation gives (title, summary,
    /// body, expectations' wording), as `original_fingerprint` records them (12 hex digits).
    public static func translatableFingerprint(title: String, summary: String?, body: Fingerprint, expectations: [Expectation]) -> String {
        String(Fingerprint.combine([title, summary ?? "", body.hex]
            + expectations.map { "\($0.target.value)=\($0.text ?? "")" }).hex.prefix(12))
    }

    /// Every translation checked against its original: the original exists, an expectation it
    /// words is one the original has, and whether the original changed since (a warning).
    static func resolveTranslations(_ content: LoadedContent, _ d: inout Diagnostics) -> [String: [String: Translation]] {
        struct Original { var updated: PartialDate?; var fingerprint: String; var targets: Set<TargetCode>; var display: String }
        var originals: [String: Original] = [:]
        // Only the files something translates are looked at (their text is fingerprinted).
        let translated = Set(content.translations.map(\.original))
        func add(_ document: Document, _ title: String, _ summary: String?, _ updated: PartialDate?, _ expectations: [Expectation] = []) {
            guard translated.contains(document.path) else { return }
            originals[document.path] = Original(
                updated: updated, fingerprint: translatableFingerprint(title: title, summary: summary, body: document.bodyFingerprint, expectations: expectations),
                targets: Set(expectations.map(\.target.value)), display: document.displayPath)
        }
        for c in content.cities { add(c.document, c.title, c.summary, c.updated, c.expectations) }
        for p in content.projects { add(p.document, p.title, p.summary, p.updated) }
        for c in content.countries { add(c.document, c.name, c.summary, nil) }
        for p in content.programmes { add(p.document, p.title, p.summary, nil) }
        for p in content.pages { add(p.document, p.title, p.summary, nil) }
        var result: [String: [String: Translation]] = [:]
        for var translation in content.translations.sorted(by: { $0.document.path < $1.document.path }) {
            let file = SourceLocation(file: translation.document.displayPath)
            guard let original = originals[translation.original] else {
                if content.failed[translation.original] != nil { continue } // waits on its original's error
                d.error(file, "this translates `\(translation.original)`, which does not exist (or has errors)",
                        hint: "a translation sits beside its original and has its name with the language before .md: luang-prabang.lo.md beside luang-prabang.md")
                continue
            }
            for (target, _) in translation.expectations where !original.targets.contains(target.value) {
                d.error(target.location, "\(original.display) has no expectation for target \(target.value) to translate",
                        hint: original.targets.isEmpty ? "the original has no expectations" : "its expectations are for " + original.targets.sorted().map(\.description).joined(separator: ", "))
            }
            translation.expectations.removeAll { !original.targets.contains($0.target.value) }
            // A translation just started (`citysdg new translation`, every line still a comment) translates nothing yet.
            guard translation.title != nil || translation.summary != nil || !translation.expectations.isEmpty || translation.document.hasText else { continue }
            if let recorded = translation.originalFingerprint, recorded != original.fingerprint {
                translation.stale = "the original's text changed since it was translated"
            } else if let followed = translation.originalUpdated, let updated = original.updated, followed < updated {
                translation.stale = "the original was updated on \(updated), after the \(followed) it translates"
            } else if translation.originalFingerprint == nil && translation.originalUpdated == nil {
                d.warning(file, "nothing says which version of \(original.display) this translates, so it cannot be marked when the original changes",
                          hint: "add `original_fingerprint: \(original.fingerprint)` (the original as it is now)" + (original.updated.map { ", or `original_updated: \($0)`" } ?? ""))
            }
            if let stale = translation.stale {
                d.warning(file, "the translation into `\(translation.language)` is out of date: \(stale)",
                          hint: "bring it up to date, then set `original_fingerprint: \(original.fingerprint)`" + (original.updated.map { " (or `original_updated: \($0)`)" } ?? ""))
            }
            result[translation.original, default: [:]][translation.language] = translation
        }
        return result
    }

    /// The goals a project serves: those of its targets, and any it names directly.
    public static func goals(of project: Project) -> [GoalNumber] {
        Array(Set(project.targets.map(\.value.goal) + project.goals.map(\.value))).sorted()
    }

    /// The resolve stage: checks every reference, reports what does not resolve, and indexes the rest.
    public static func resolve(_ content: LoadedContent, catalogue base: Catalogue, _ d: inout Diagnostics) -> Site {
        let catalogue = base.adding(content.config.nationalGoals)
        // What failed to load still exists for the rest of the site: a reference to it waits on its error.
        var waitingCities: [Slug: String] = [:], waitingProjects: [Slug: String] = [:], waitingCountries: [CountryCode: String] = [:]
        var waitingProgrammes: [Slug: String] = [:], waitingPages: [Slug: String] = [:]
        for (path, shown) in content.failed {
            guard let (kind, stem) = ContentLoader.kind(of: path), let slug = Slug(text: stem) else { continue }
            switch kind {
            case .city: waitingCities[slug] = shown
            case .project: waitingProjects[slug] = shown
            case .country: if let code = CountryCode(text: stem.uppercased()) { waitingCountries[code] = shown }
            case .programme: waitingProgrammes[slug] = shown
            case .page: waitingPages[slug] = shown
            }
        }
        let translations = resolveTranslations(content, &d)
        let countries = content.countries.sorted { $0.name < $1.name }
        let countryByCode = Dictionary(countries.map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
        let programmes = content.programmes.sorted { $0.title < $1.title }
        let programmeBySlug = Dictionary(programmes.map { ($0.slug, $0) }, uniquingKeysWith: { a, _ in a })

        func checkGoal(_ goal: Located<GoalNumber>) -> Bool {
            if catalogue.goal(goal.value) != nil { return true }
            d.error(goal.location, "there is no goal \(goal.value)",
                    hint: "the goals are 1 to 17" + (content.config.nationalGoals.isEmpty ? "; a national goal must be declared under `national_goals` in site.yml" : " and the national goals in site.yml"))
            return false
        }
        func checkTarget(_ target: Located<TargetCode>) -> Bool {
            if catalogue.target(target.value) != nil { return true }
            let hint = catalogue.targetRange(of: target.value.goal) ?? "there is no goal \(target.value.goal)"
            d.error(target.location, "unknown target \(target.value)", hint: hint)
            return false
        }
        func checkProgramme(_ slug: Located<Slug>) -> Bool {
            if programmeBySlug[slug.value] != nil { return true }
            if waitingProgrammes[slug.value] != nil { return false }
            let hint = closestMatch(to: slug.value.value, in: programmes.map(\.slug.value)).map { "did you mean `\($0)`?" }
                ?? "programmes are the files in programmes/: " + programmes.map(\.slug.value).joined(separator: ", ")
            d.error(slug.location, "unknown programme `\(slug.value)`", hint: hint)
            return false
        }

        // Cities: unique slugs across countries, known countries, programmes, goals and targets.
        var cityBySlug: [Slug: City] = [:]
        var cities: [City] = []
        for var city in content.cities.sorted(by: { $0.document.path < $1.document.path }) {
            if let other = cityBySlug[city.slug] {
                d.error(SourceLocation(file: city.document.displayPath),
                        "two cities are named `\(city.slug)`: this one and \(other.document.displayPath); both would be /cities/\(city.slug)/",
                        hint: "city file names must be unique across countries; add a distinguishing word, like `\(city.slug)-\(city.country.value.slug)`")
                continue
            }
            if let cause = waitingCountries[city.country.value] {
                waitingCities[city.slug] = cause
                continue
            } else if countryByCode[city.country.value] == nil {
                d.error(city.country.location, "unknown country `\(city.country.value)`",
                        hint: "add countries/\(city.country.value.slug).md, or use one of: " + countries.map(\.code.value).joined(separator: ", "))
            }
            // Changed only where something is dropped: a city that is as it was stays the very
            // value the content holds, which the listings' fingerprints are kept by.
            let programmes = city.programmes.filter(checkProgramme), goals = city.prioritySDGs.filter(checkGoal)
            if programmes.count < city.programmes.count { city.programmes = programmes }
            if goals.count < city.prioritySDGs.count { city.prioritySDGs = goals }
            let expectations = city.expectations.filter { expectation in
                guard checkTarget(expectation.target) else { return false }
                if let indicator = expectation.indicator, catalogue.indicator(indicator.value) == nil {
                    d.error(indicator.location, "unknown indicator \(indicator.value)",
                            hint: "target \(indicator.value.target) has " + (catalogue.target(indicator.value.target)?.indicators.map(\.code.description).joined(separator: ", ") ?? "no indicators"))
                }
                return true
            }
            if expectations.count < city.expectations.count { city.expectations = expectations }
            cityBySlug[city.slug] = city
            cities.append(city)
        }
        cities.sort { ($0.title, $0.slug) < ($1.title, $1.slug) }

        var projects: [Project] = []
        for var project in content.projects {
            if let cause = waitingCities[project.city.value] {
                waitingProjects[project.slug] = cause
                continue
            } else if cityBySlug[project.city.value] == nil {
                let hint = closestMatch(to: project.city.value.value, in: cities.map(\.slug.value)).map { "did you mean `\($0)`?" }
                    ?? "`city` is the file name of a city in cities/, without .md"
                d.error(project.city.location, "unknown city `\(project.city.value)`", hint: hint)
                continue
            }
            let targets = project.targets.filter(checkTarget), goals = project.goals.filter(checkGoal)
            if targets.count < project.targets.count { project.targets = targets }
            if goals.count < project.goals.count { project.goals = goals }
            if let programme = project.programme, !checkProgramme(programme) { project.programme = nil }
            projects.append(project)
        }
        projects.sort { ($0.title, $0.slug) < ($1.title, $1.slug) }

        var pages: [Page] = []
        for page in content.pages.sorted(by: { ($0.order ?? Int.max, $0.title) < ($1.order ?? Int.max, $1.title) }) {
            if content.config.languages.dropFirst().contains(page.slug.value) {
                d.error(SourceLocation(file: page.document.displayPath), "a page cannot be named `\(page.slug)`: /\(page.slug)/ holds the site in that language",
                        hint: "rename the file, e.g. to `about-\(page.slug).md`")
                continue
            }
            if reservedSlugs.contains(page.slug.value) {
                d.error(SourceLocation(file: page.document.displayPath), "a page cannot be named `\(page.slug)`: the site uses /\(page.slug)/ itself",
                        hint: "rename the file, e.g. to `about-\(page.slug).md`")
                continue
            }
            pages.append(page)
        }

        var citiesByCountry: [CountryCode: [City]] = [:]
        var citiesByProgramme: [Slug: [City]] = [:]
        var citiesByPriority: [GoalNumber: [City]] = [:]
        var citiesByReview: [GoalNumber: [City]] = [:]
        var expectationsByTarget: [TargetCode: [(city: City, expectation: Expectation)]] = [:]
        for city in cities {
            citiesByCountry[city.country.value, default: []].append(city)
            for programme in Set(city.programmes.map(\.value)) { citiesByProgramme[programme, default: []].append(city) }
            for goal in Set(city.prioritySDGs.map(\.value)) {
                switch city.priorityKind {
                case .stated: citiesByPriority[goal, default: []].append(city)
                case .reviewed: citiesByReview[goal, default: []].append(city)
                }
            }
            for expectation in city.expectations {
                expectationsByTarget[expectation.target.value, default: []].append((city, expectation))
            }
        }
        var projectsByCity: [Slug: [Project]] = [:]
        var projectsByProgramme: [Slug: [Project]] = [:]
        var projectsByTarget: [TargetCode: [Project]] = [:]
        var projectsByGoal: [GoalNumber: [Project]] = [:]
        var projectsByCountry: [CountryCode: [Project]] = [:]
        var projectsWithoutGoal: [Project] = []
        for project in projects {
            projectsByCity[project.city.value, default: []].append(project)
            if let programme = project.programme { projectsByProgramme[programme.value, default: []].append(project) }
            for target in Set(project.targets.map(\.value)) { projectsByTarget[target, default: []].append(project) }
            let served = goals(of: project)
            for goal in served { projectsByGoal[goal, default: []].append(project) }
            if served.isEmpty { projectsWithoutGoal.append(project) }
            if let city = cityBySlug[project.city.value] { projectsByCountry[city.country.value, default: []].append(project) }
        }

        var site = Site(
            config: content.config, catalogue: catalogue, countries: countries, programmes: programmes,
            cities: cities, projects: projects, pages: pages, media: content.media.sorted(), translations: translations, countryByCode: countryByCode, cityBySlug: cityBySlug,
            projectBySlug: Dictionary(projects.map { ($0.slug, $0) }, uniquingKeysWith: { a, _ in a }),
            pageBySlug: Dictionary(pages.map { ($0.slug, $0) }, uniquingKeysWith: { a, _ in a }),
            programmeBySlug: programmeBySlug, citiesByCountry: citiesByCountry, citiesByProgramme: citiesByProgramme,
            citiesByPriority: citiesByPriority, citiesByReview: citiesByReview, projectsByCity: projectsByCity, projectsByProgramme: projectsByProgramme,
            projectsByTarget: projectsByTarget, projectsByGoal: projectsByGoal, projectsByCountry: projectsByCountry,
            projectsWithoutGoal: projectsWithoutGoal, citiesWithProjects: cities.filter { projectsByCity[$0.slug] != nil },
            citiesWithStatedGoals: cities.filter { $0.priorityKind == .stated && !$0.prioritySDGs.isEmpty },
            citiesWithReviewedGoals: cities.filter { $0.priorityKind == .reviewed && !$0.prioritySDGs.isEmpty },
            citiesWithExpectations: cities.filter { $0.expectations.contains { $0.text != nil } },
            citiesWithUnwordedTargets: cities.filter { $0.expectations.contains { $0.text == nil } },
            modelProjects: projects.filter(\.isModel),
            projectsWithStatedTargets: projects.filter { !$0.targets.isEmpty && $0.alignment == .stated },
            projectsWithInterpretedTargets: projects.filter { !$0.targets.isEmpty && $0.alignment != .stated },
            projectsWithGoalsOnly: projects.filter { $0.targets.isEmpty && !$0.goals.isEmpty },
            expectationsByTarget: expectationsByTarget,
            waiting: Dictionary(uniqueKeysWithValues: waitingCities.map { (CityPage.path($0.key), $0.value) }
                + waitingProjects.map { (ProjectPage.path($0.key), $0.value) }
                + waitingCountries.map { (CountryPage.path($0.key), $0.value) }
                + waitingProgrammes.map { (ProgrammePage.path($0.key), $0.value) }
                + waitingPages.map { (TextPage.path($0.key), $0.value) }))
        site.series = resolveSeries(content.series, catalogue: catalogue, cities: cityBySlug, countries: countryByCode,
                                    waiting: Set(waitingCities.keys.map(\.value) + waitingCountries.keys.map(\.slug)), &d)
        site.seriesByPath = Dictionary(site.series.map { ($0.path, $0) }, uniquingKeysWith: { a, _ in a })
        site.seriesByPlace = Dictionary(grouping: site.series, by: \.place).mapValues { $0.sorted { $0.indicator.value < $1.indicator.value } }
        // Each place's name worked out once, not in every comparison of the sort.
        var names: [String: String] = [:]
        for place in Set(site.series.map(\.place)) {
            names[place] = Slug(text: place).flatMap { cityBySlug[$0]?.title } ?? CountryCode(text: place.uppercased()).flatMap { countryByCode[$0]?.name } ?? place
        }
        site.seriesByIndicator = Dictionary(grouping: site.series, by: \.indicator.value).mapValues {
            $0.sorted { (names[$0.place]!, $0.place) < (names[$1.place]!, $1.place) }
        }
        return site
    }

    /// The data files whose indicator the catalogue has and whose folder is a city's or a country's.
    static func resolveSeries(_ all: [Series], catalogue: Catalogue, cities: [Slug: City], countries: [CountryCode: Country],
                              waiting: Set<String>, _ d: inout Diagnostics) -> [Series] {
        all.sorted { $0.path < $1.path }.filter { series in
            let code = series.indicator.value
            guard catalogue.indicator(code) != nil else {
                let hint = catalogue.target(code.target).map { target in
                    target.indicators.isEmpty ? "target \(code.target) has no indicator"
                        : "target \(code.target)'s indicators are " + target.indicators.map { "\($0.code) (\($0.code.slug).csv)" }.joined(separator: ", ")
                } ?? "there is no target \(code.target); the file is named by an indicator code with dashes, like 11-6-2.csv"
                d.error(series.indicator.location, "there is no indicator \(code)", hint: hint)
                return false
            }
            if let slug = Slug(text: series.place), cities[slug] != nil { return true }
            if series.place.count == 2, let country = CountryCode(text: series.place.uppercased()), countries[country] != nil { return true }
            if waiting.contains(series.place) { return false } // its city or country has errors of its own
            let hint = closestMatch(to: series.place, in: cities.keys.map(\.value)).map { "did you mean `data/\($0)/`?" }
                ?? "the folder is a city's file name (data/luang-prabang/) or a country's code in lower case (data/la/)"
            d.error(SourceLocation(file: series.displayPath), "there is no city or country `\(series.place)` for this data file", hint: hint)
            return false
        }
    }
}
