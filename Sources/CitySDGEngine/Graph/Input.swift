/// One thing an output can be made from. Its label names it the same way in every build, so the
/// build graph can keep, for each output, the fingerprint of every input it read and, next time,
/// tell which outputs an edit reaches.
enum Input: Hashable, Sendable {
    /// The front matter of one content file (`cities/la/luang-prabang.md`).
    case frontMatter(String)
    /// The Markdown body of one content file.
    case body(String)
    /// Which items a listing holds, in its order (not what the items say: that is their front matter).
    case list(Listing)
    /// How many items a listing holds (not which, nor in which order).
    case size(Listing)
    /// Which items one numbered page of a listing holds, in their order (`list-page:cities@24-48`):
    /// a new title moves an item in the lists sorted by title, and only the pages between where it
    /// was and where it goes hold other items.
    case listPage(Listing, Range<Int>)
    /// `site.yml`, with the base URL the build was given.
    case config
    /// The SDG catalogue with the site's national goals, its titles in one language.
    case catalogue(String)
    /// The theme's interface strings in one language (with the default language's filling its gaps).
    case strings(String)
    /// Each language by its own name, for the language switch.
    case languageNames
    /// One template of the theme in use: `template:default/city`.
    case template(theme: String, name: String)
    /// One asset file of the theme in use.
    case asset(theme: String, name: String)
    /// The paths of every page a reader can navigate to.
    case routes
    /// One file under media/ (by its path inside it).
    case media(String)
    /// The translation of a content file into a language (its front matter, and whether it is out
    /// of date), or that there is none: `translation:lo:cities/la/luang-prabang.md`.
    case translation(language: String, original: String)
    /// How many shards the search index of each language is split into.
    case searchShards
    /// Which items one shard of the search index holds (not what they say: each entry records its own reads).
    case searchShard(Int)
    /// One data file with its sidecar, by the CSV's path (`data/luang-prabang/11-6-2.csv`).
    case series(String)
    /// The `updated:` date of every city and project (not what else each says): the sitemap
    /// dates pages by them, and a new title or summary does not change it.
    case dates

    var label: String {
        switch self {
        case .frontMatter(let path): return "fm:" + path
        case .body(let path): return "body:" + path
        case .list(let listing): return "list:" + listing.label
        case .size(let listing): return "size:" + listing.label
        case .listPage(let listing, let range): return "list-page:\(listing.label)@\(range.lowerBound)-\(range.upperBound)"
        case .config: return "config"
        case .catalogue(let language): return "catalogue:" + language
        case .strings(let language): return "strings:" + language
        case .languageNames: return "language-names"
        case .template(let theme, let name): return "template:\(theme)/\(name)"
        case .asset(let theme, let name): return "asset:\(theme)/\(name)"
        case .routes: return "routes"
        case .media(let path): return "media:" + path
        case .translation(let language, let original): return "translation:\(language):\(original)"
        case .searchShards: return "search-shards"
        case .searchShard(let shard): return "search-shard:\(shard)"
        case .series(let path): return "series:" + path
        case .dates: return "dates"
        }
    }

    /// Whether a change of only the front matter of the content files at `paths` (each file still
    /// there, none added) can change this input's fingerprint: those files' own inputs, and what
    /// the site derives from all of its files.
    func mayChange(editing paths: Set<String>) -> Bool {
        switch self {
        case .frontMatter(let path), .body(let path), .translation(_, let path): return paths.contains(path)
        case .list, .size, .listPage, .routes, .searchShards, .searchShard, .series, .dates: return true
        case .config, .catalogue, .strings, .languageNames, .template, .asset, .media: return false
        }
    }

    /// For a save that put new values in the last site without filing anything elsewhere
    /// (`Site.replacing`, which changes only the lists holding a changed item, and keeps the
    /// routes and the search shards): whether this input may have changed besides the edited
    /// files' own (which `mayChange(editing:)` names). A list it did not change is the very
    /// array the last site held.
    func mayChange(filedAsBefore last: Site, now: Site) -> Bool {
        switch self {
        case .list(let listing), .listPage(let listing, _): return !last.members(listing).sameStorage(as: now.members(listing))
        case .size, .routes, .searchShards, .searchShard, .series: return false
        case .dates, .frontMatter, .body, .translation, .config, .catalogue, .strings, .languageNames, .template, .asset, .media: return true
        }
    }

    /// Whether the label is a file's front matter or body (`fm:…`, `body:…`), seen without reading it.
    static func namesADocument(_ label: String) -> Bool {
        label.utf8.starts(with: "fm:".utf8) || label.utf8.starts(with: "body:".utf8)
    }

    init?(label: String) {
        func after(_ prefix: String) -> String? { label.hasPrefix(prefix) ? String(label.dropFirst(prefix.count)) : nil }
        func split(_ rest: String) -> (String, String)? {
            guard let slash = rest.firstIndex(of: "/") else { return nil }
            return (String(rest[..<slash]), String(rest[rest.index(after: slash)...]))
        }
        if let path = after("fm:") { self = .frontMatter(path) }
        else if let path = after("body:") { self = .body(path) }
        else if let rest = after("list:"), let listing = Listing(label: rest) { self = .list(listing) }
        else if let rest = after("size:"), let listing = Listing(label: rest) { self = .size(listing) }
        else if let rest = after("list-page:"), let at = rest.lastIndex(of: "@"), let listing = Listing(label: String(rest[..<at])),
                case let bounds = rest[rest.index(after: at)...].split(separator: "-"), bounds.count == 2,
                let lower = Int(bounds[0]), let upper = Int(bounds[1]), lower <= upper {
            self = .listPage(listing, lower..<upper)
        }
        else if let rest = after("template:"), let (theme, name) = split(rest) { self = .template(theme: theme, name: name) }
        else if let rest = after("asset:"), let (theme, name) = split(rest) { self = .asset(theme: theme, name: name) }
        else if let path = after("media:") { self = .media(path) }
        else if let path = after("series:") { self = .series(path) }
        else if let rest = after("translation:"), let colon = rest.firstIndex(of: ":") {
            self = .translation(language: String(rest[..<colon]), original: String(rest[rest.index(after: colon)...]))
        }
        else if label == "config" { self = .config }
        else if let language = after("catalogue:") { self = .catalogue(language) }
        else if let language = after("strings:") { self = .strings(language) }
        else if label == "language-names" { self = .languageNames }
        else if label == "routes" { self = .routes }
        else if label == "dates" { self = .dates }
        else if label == "search-shards" { self = .searchShards }
        else if let shard = after("search-shard:").flatMap({ Int($0) }) { self = .searchShard(shard) }
        else { return nil }
    }
}

/// A listing of the site's content, as pages read it.
enum Listing: Hashable, Sendable {
    case countries, programmes, cities, projects, pages
    case citiesWithPriority(GoalNumber)
    case citiesReviewing(GoalNumber)
    case citiesIn(CountryCode)
    case citiesInProgramme(Slug)
    case expectationsFor(TargetCode)
    case projectsOf(Slug)
    case projectsInProgramme(Slug)
    case projectsServing(TargetCode)
    case projectsServingGoal(GoalNumber)
    case projectsIn(CountryCode)
    case projectsWithoutGoal
    case citiesWithProjects
    /// What the content holds (the coverage the home and about pages count).
    case citiesWithStatedGoals, citiesWithReviewedGoals, citiesWithExpectations, citiesWithUnwordedTargets
    case modelProjects, projectsWithStatedTargets, projectsWithInterpretedTargets, projectsWithGoalsOnly
    /// The data files of a place (a city's slug or a country's code in lower case), and those of an indicator.
    case seriesOf(String)
    case seriesFor(IndicatorCode)

    var label: String {
        switch self {
        case .countries: return "countries"
        case .programmes: return "programmes"
        case .cities: return "cities"
        case .projects: return "projects"
        case .pages: return "pages"
        case .citiesWithPriority(let goal): return "priority/\(goal)"
        case .citiesReviewing(let goal): return "reviewed/\(goal)"
        case .citiesIn(let country): return "country/\(country)"
        case .citiesInProgramme(let slug): return "programme-cities/\(slug)"
        case .expectationsFor(let code): return "expectations/\(code)"
        case .projectsOf(let city): return "city-projects/\(city)"
        case .projectsInProgramme(let slug): return "programme-projects/\(slug)"
        case .projectsServing(let code): return "target-projects/\(code)"
        case .projectsServingGoal(let goal): return "goal-projects/\(goal)"
        case .projectsIn(let country): return "country-projects/\(country)"
        case .projectsWithoutGoal: return "no-goal-projects"
        case .citiesWithProjects: return "cities-with-projects"
        case .citiesWithStatedGoals: return "stated-goal-cities"
        case .citiesWithReviewedGoals: return "reviewed-goal-cities"
        case .citiesWithExpectations: return "expectation-cities"
        case .citiesWithUnwordedTargets: return "unworded-target-cities"
        case .modelProjects: return "model-projects"
        case .projectsWithStatedTargets: return "stated-target-projects"
        case .projectsWithInterpretedTargets: return "interpreted-target-projects"
        case .projectsWithGoalsOnly: return "goal-only-projects"
        case .seriesOf(let place): return "place-series/\(place)"
        case .seriesFor(let code): return "indicator-series/\(code)"
        }
    }

    init?(label: String) {
        let parts = label.split(separator: "/", maxSplits: 1).map(String.init)
        switch (parts.first, parts.count) {
        case ("countries", 1): self = .countries
        case ("programmes", 1): self = .programmes
        case ("cities", 1): self = .cities
        case ("projects", 1): self = .projects
        case ("pages", 1): self = .pages
        case ("no-goal-projects", 1): self = .projectsWithoutGoal
        case ("cities-with-projects", 1): self = .citiesWithProjects
        case ("stated-goal-cities", 1): self = .citiesWithStatedGoals
        case ("reviewed-goal-cities", 1): self = .citiesWithReviewedGoals
        case ("expectation-cities", 1): self = .citiesWithExpectations
        case ("unworded-target-cities", 1): self = .citiesWithUnwordedTargets
        case ("model-projects", 1): self = .modelProjects
        case ("stated-target-projects", 1): self = .projectsWithStatedTargets
        case ("interpreted-target-projects", 1): self = .projectsWithInterpretedTargets
        case ("goal-only-projects", 1): self = .projectsWithGoalsOnly
        case ("priority", 2): guard let g = GoalNumber(text: parts[1]) else { return nil }; self = .citiesWithPriority(g)
        case ("reviewed", 2): guard let g = GoalNumber(text: parts[1]) else { return nil }; self = .citiesReviewing(g)
        case ("country", 2): guard let c = CountryCode(text: parts[1]) else { return nil }; self = .citiesIn(c)
        case ("programme-cities", 2): guard let s = Slug(text: parts[1]) else { return nil }; self = .citiesInProgramme(s)
        case ("expectations", 2): guard let t = TargetCode(text: parts[1]) else { return nil }; self = .expectationsFor(t)
        case ("city-projects", 2): guard let s = Slug(text: parts[1]) else { return nil }; self = .projectsOf(s)
        case ("programme-projects", 2): guard let s = Slug(text: parts[1]) else { return nil }; self = .projectsInProgramme(s)
        case ("target-projects", 2): guard let t = TargetCode(text: parts[1]) else { return nil }; self = .projectsServing(t)
        case ("goal-projects", 2): guard let g = GoalNumber(text: parts[1]) else { return nil }; self = .projectsServingGoal(g)
        case ("country-projects", 2): guard let c = CountryCode(text: parts[1]) else { return nil }; self = .projectsIn(c)
        case ("place-series", 2): self = .seriesOf(parts[1])
        case ("indicator-series", 2): guard let code = IndicatorCode(text: parts[1]) else { return nil }; self = .seriesFor(code)
        default: return nil
        }
    }
}
