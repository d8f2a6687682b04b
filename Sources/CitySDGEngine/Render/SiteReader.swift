import Foundation

/// Everything the outputs of one build can be made from, with each input's fingerprint now.
/// Pages never hold it: they get a `SiteReader`, which records every read.
struct World: Sendable {
    private(set) var site: Site
    let theme: Theme
    /// site.yml as written, with the base URL the build was given.
    let config: Fingerprint
    /// The catalogue the site validates against, national goals included, with its titles in each
    /// language (and their fingerprints).
    let catalogues: [String: Catalogue]
    let catalogueFingerprints: [String: Fingerprint]
    /// The paths of every output, and the pages the sitemap lists, each with its other languages.
    let outputs: Set<String>
    let listed: [(path: String, alternates: [Route.Alternate])]
    let listedFingerprint: Fingerprint
    /// The content folder (media files are read from it) and each media file's fingerprint.
    let content: URL
    let media: [String: Fingerprint]
    /// The items of each shard of the search index, and which items each holds as a fingerprint.
    let searchShards: [[Search.Item]]
    private let searchShardFingerprints: [Fingerprint]
    /// Every content file's document (the site's entities hold copies) as the site was resolved,
    /// and those whose body was edited since (see `replacing(bodiesOf:)`), which come first.
    private let documents: [String: Document]
    private var edited: [String: Document] = [:]
    /// Each listing's fingerprint, worked out the first time a page reads it (every page of a long
    /// list reads the whole list's), or taken from the last world's when the listing holds the very
    /// same items (see `ListFingerprints`).
    private(set) var listFingerprints: ListFingerprints

    /// What the world holds that does not depend on the routes: the build makes it on one core
    /// while the other works out the routes.
    struct Parts: Sendable {
        let catalogues: [String: Catalogue]
        let catalogueFingerprints: [String: Fingerprint]
        let documents: [String: Document]
        let searchShards: [[Search.Item]]
        let searchShardFingerprints: [Fingerprint]

        init(site: Site, theme: Theme) {
            let base = site.catalogue.fingerprint
            var catalogues: [String: Catalogue] = [:]
            var catalogueFingerprints: [String: Fingerprint] = [:]
            for language in site.config.languages {
                let translation = theme.catalogues[language]
                catalogues[language] = site.catalogue.translated(translation)
                catalogueFingerprints[language] = translation.map { Fingerprint.combine([base.hex, $0.fingerprint.hex]) } ?? base
            }
            self.catalogues = catalogues
            self.catalogueFingerprints = catalogueFingerprints
            var documents: [String: Document] = [:]
            for d in site.countries.map(\.document) + site.programmes.map(\.document) + site.cities.map(\.document)
                + site.projects.map(\.document) + site.pages.map(\.document)
                + site.translations.values.flatMap(\.values).map(\.document) { documents[d.path] = d }
            self.documents = documents
            let shards = Search.keyedShards(Search.items(site))
            searchShards = shards.map { $0.map(\.item) }
            searchShardFingerprints = shards.map { Fingerprint.combine(["\($0.count)"] + $0.map(\.key)) }
        }
    }

    init(site: Site, theme: Theme, config: Fingerprint, routes: [Route], content: URL, media: [String: Fingerprint],
         lastLists: ListFingerprints? = nil, parts: Parts? = nil) {
        listFingerprints = ListFingerprints(last: lastLists)
        self.content = content
        self.media = media
        self.site = site
        self.theme = theme
        self.config = config
        let parts = parts ?? Parts(site: site, theme: theme)
        catalogues = parts.catalogues
        catalogueFingerprints = parts.catalogueFingerprints
        documents = parts.documents
        searchShards = parts.searchShards
        searchShardFingerprints = parts.searchShardFingerprints
        outputs = Set(routes.map(\.path))
        listed = routes.filter(\.isListedPage).map { ($0.path, $0.alternates) }
        listedFingerprint = Fingerprint.combine(listed.map(\.path))
    }

    /// Which items a listing holds, in which order, as a fingerprint (see `Members.fingerprint`).
    func listFingerprint(_ listing: Listing) -> Fingerprint {
        listFingerprints.of(listing, site.members(listing))
    }

    /// The document of a content file as it is now.
    func document(_ path: String) -> Document? { edited.isEmpty ? documents[path] : edited[path] ?? documents[path] }

    /// This world with the given documents in place of those of their files: for a save that
    /// changed only bodies, whose pages read each body through `document(_:)`.
    func replacing(bodiesOf changed: [Document]) -> World {
        var world = self
        for document in changed { world.edited[document.path] = document }
        return world
    }

    /// This world with `site` in place of its site, for a save that changed what the documents
    /// say but not where the site files them (`Site.replacing`): the routes, the search shards'
    /// items and the catalogues are this world's; the listings' fingerprints are worked out again
    /// (a listing that holds the very same items as here keeps its fingerprint).
    func replacing(site: Site, documents changed: [Document]) -> World {
        var world = replacing(bodiesOf: changed)
        world.site = site
        world.listFingerprints = ListFingerprints(last: listFingerprints)
        return world
    }

    /// The input's fingerprint in this build; nil when it no longer exists.
    func fingerprint(_ input: Input) -> Fingerprint? {
        switch input {
        case .frontMatter(let path): return document(path)?.frontMatterFingerprint
        case .body(let path): return document(path)?.bodyFingerprint
        case .list(let listing): return listFingerprint(listing)
        case .size(let listing): return Fingerprint.combine(["\(site.members(listing).count)"])
        case .listPage(let listing, let range): return site.members(listing).slice(range).fingerprint
        case .config: return config
        case .catalogue(let language): return catalogueFingerprints[language]
        case .strings(let language): return theme.stringsFingerprints[language]
        case .languageNames: return theme.languageNamesFingerprint
        case .template(let name, let template): return name == theme.name ? theme.templateFingerprints[template] : nil
        case .asset(let name, let asset): return name == theme.name ? theme.assetFingerprints[asset] : nil
        case .routes: return listedFingerprint
        case .media(let path): return media[path]
        case .translation(let language, let original):
            guard let translation = site.translations[original]?[language] else { return Fingerprint.none }
            return Fingerprint.combine([translation.document.frontMatterFingerprint.hex, translation.stale ?? ""])
        case .searchShards: return Fingerprint.combine(["\(searchShards.count)"])
        case .searchShard(let shard): return shard < searchShards.count ? searchShardFingerprints[shard] : nil
        case .series(let path): return site.seriesByPath[path]?.fingerprint
        case .dates: return datesFingerprint
        }
    }

    /// The `updated:` date of every city and project, with its file (`Input.dates`), in no order:
    /// each pair's fingerprint summed, so that a new title, which moves an item in the lists
    /// sorted by title, does not change it.
    private var datesFingerprint: Fingerprint {
        var high: UInt64 = 0, low: UInt64 = 0
        func add(_ document: Document, _ date: PartialDate?) {
            let one = Fingerprint(document.path + " " + (date?.description ?? ""))
            high &+= one.high
            low &+= one.low
        }
        for city in site.cities { add(city.document, city.updated) }
        for project in site.projects { add(project.document, project.updated) }
        return Fingerprint(high: high, low: low)
    }
}

/// Listings' fingerprints, each worked out once by whichever page reads it first. A listing
/// whose items are the very ones it held in the last world (the same shared cities and projects,
/// in the same order: compared by reference, not read) keeps the last world's fingerprint: after a
/// save, most of the site's listings are, and hashing every file path of all of them again was
/// most of deciding what the save reaches.
final class ListFingerprints: @unchecked Sendable {
    private var known: [Listing: (members: Members, fingerprint: Fingerprint)] = [:]
    private let last: [Listing: (members: Members, fingerprint: Fingerprint)]
    private let lock = NSLock()

    init(last: ListFingerprints? = nil) {
        self.last = last?.all ?? [:]
    }

    /// Every fingerprint worked out so far, with the items it was worked out from.
    private var all: [Listing: (members: Members, fingerprint: Fingerprint)] {
        lock.lock()
        defer { lock.unlock() }
        return last.merging(known) { _, now in now }
    }

    func of(_ listing: Listing, _ members: @autoclosure () -> Members) -> Fingerprint {
        lock.lock()
        if let known = known[listing] { lock.unlock(); return known.fingerprint }
        lock.unlock()
        let members = members()
        let made = last[listing].flatMap { $0.members.sameItems(as: members) ? $0.fingerprint : nil } ?? members.fingerprint
        lock.lock()
        known[listing] = (members, made)
        lock.unlock()
        return made
    }
}

/// What a listing holds.
enum Members {
    case countries([Country]), programmes([Programme]), cities([City]), projects([Project]), pages([Page])
    case expectations([(city: City, expectation: Expectation)])
    case series([Series])

    /// The items in `range` (those of them it holds).
    func slice(_ range: Range<Int>) -> Members {
        func part<T>(_ items: [T]) -> [T] { Array(items[range.clamped(to: items.indices)]) }
        switch self {
        case .countries(let items): return .countries(part(items))
        case .programmes(let items): return .programmes(part(items))
        case .cities(let items): return .cities(part(items))
        case .projects(let items): return .projects(part(items))
        case .pages(let items): return .pages(part(items))
        case .expectations(let items): return .expectations(part(items))
        case .series(let items): return .series(part(items))
        }
    }

    /// The file of each item, in order (a city once per expectation it has in the listing).
    func forEachDocument(_ body: (Document) -> Void) {
        switch self {
        // (Read where they are, not copied out one by one: an expectation copied is a dozen retains,
        // and a new process works out every listing's fingerprint again.)
        case .countries(let items): items.withUnsafeBufferPointer { for i in $0.indices { body($0[i].document) } }
        case .programmes(let items): items.withUnsafeBufferPointer { for i in $0.indices { body($0[i].document) } }
        case .cities(let items): items.withUnsafeBufferPointer { for i in $0.indices { body($0[i].document) } }
        case .projects(let items): items.withUnsafeBufferPointer { for i in $0.indices { body($0[i].document) } }
        case .pages(let items): items.withUnsafeBufferPointer { for i in $0.indices { body($0[i].document) } }
        case .expectations(let items): items.withUnsafeBufferPointer { for i in $0.indices { body($0[i].city.document) } }
        case .series: break
        }
    }

    /// How many items (an expectation counts once per city and target).
    var count: Int {
        switch self {
        case .countries(let items): return items.count
        case .programmes(let items): return items.count
        case .cities(let items): return items.count
        case .projects(let items): return items.count
        case .pages(let items): return items.count
        case .expectations(let items): return items.count
        case .series(let items): return items.count
        }
    }

    /// Whether both hold the very same items in the same order (the same shared values, so the
    /// same files): cities, projects, expectations and data files, the listings that grow with the
    /// site; false for the others, which are short.
    ///
    /// A list a save left alone is the very array the last site held (its storage shared, not
    /// copied: `Site.replacing` changes only the lists that hold a changed item), so its items
    /// are not looked at one by one.
    func sameItems(as other: Members) -> Bool {
        if sameStorage(as: other) { return true }
        switch (self, other) {
        case (.cities(let a), .cities(let b)): return a.count == b.count && zip(a, b).allSatisfy { $0.isShared(with: $1) }
        case (.projects(let a), .projects(let b)): return a.count == b.count && zip(a, b).allSatisfy { $0.isShared(with: $1) }
        case (.expectations(let a), .expectations(let b)):
            return a.count == b.count && zip(a, b).allSatisfy { $0.city.isShared(with: $1.city) && $0.expectation.target.value == $1.expectation.target.value }
        case (.series(let a), .series(let b)): return a.count == b.count && zip(a, b).allSatisfy { $0 === $1 }
        default: return false
        }
    }

    /// Whether both are the very same array (one storage): a list a save left alone.
    func sameStorage(as other: Members) -> Bool {
        switch (self, other) {
        case (.countries(let a), .countries(let b)): return Self.shared(a, b)
        case (.programmes(let a), .programmes(let b)): return Self.shared(a, b)
        case (.cities(let a), .cities(let b)): return Self.shared(a, b)
        case (.projects(let a), .projects(let b)): return Self.shared(a, b)
        case (.pages(let a), .pages(let b)): return Self.shared(a, b)
        case (.expectations(let a), .expectations(let b)): return Self.shared(a, b)
        case (.series(let a), .series(let b)): return Self.shared(a, b)
        default: return false
        }
    }

    /// Whether two arrays are one storage (both alive, so no other array can have its address;
    /// two empty arrays count as one).
    private static func shared<T>(_ a: [T], _ b: [T]) -> Bool {
        a.isEmpty && b.isEmpty ||
            a.withUnsafeBufferPointer { x in b.withUnsafeBufferPointer { y in x.baseAddress != nil && x.baseAddress == y.baseAddress } }
    }

    /// Which items, in which order: the paths of their files (and an expectation's target).
    var fingerprint: Fingerprint {
        var parts = Fingerprint.Builder()
        switch self {
        case .series(let items): for item in items { parts.add(item.path) }
        case .expectations(let items):
            items.withUnsafeBufferPointer { items in
                for i in items.indices { parts.add(items[i].city.document.path, "#", items[i].expectation.target.value.description) }
            }
        default: forEachDocument { parts.add($0.path) }
        }
        return parts.fingerprint
    }
}

extension Site {
    func members(_ listing: Listing) -> Members {
        switch listing {
        case .countries: return .countries(countries)
        case .programmes: return .programmes(programmes)
        case .cities: return .cities(cities)
        case .projects: return .projects(projects)
        case .pages: return .pages(pages)
        case .citiesWithPriority(let goal): return .cities(citiesByPriority[goal] ?? [])
        case .citiesReviewing(let goal): return .cities(citiesByReview[goal] ?? [])
        case .citiesIn(let country): return .cities(citiesByCountry[country] ?? [])
        case .citiesInProgramme(let slug): return .cities(citiesByProgramme[slug] ?? [])
        case .expectationsFor(let code): return .expectations(expectationsByTarget[code] ?? [])
        case .projectsOf(let city): return .projects(projectsByCity[city] ?? [])
        case .projectsInProgramme(let slug): return .projects(projectsByProgramme[slug] ?? [])
        case .projectsServing(let code): return .projects(projectsByTarget[code] ?? [])
        case .projectsServingGoal(let goal): return .projects(projectsByGoal[goal] ?? [])
        case .projectsIn(let country): return .projects(projectsByCountry[country] ?? [])
        case .projectsWithoutGoal: return .projects(projectsWithoutGoal)
        case .citiesWithProjects: return .cities(citiesWithProjects)
        case .citiesWithStatedGoals: return .cities(citiesWithStatedGoals)
        case .citiesWithReviewedGoals: return .cities(citiesWithReviewedGoals)
        case .citiesWithExpectations: return .cities(citiesWithExpectations)
        case .citiesWithUnwordedTargets: return .cities(citiesWithUnwordedTargets)
        case .modelProjects: return .projects(modelProjects)
        case .projectsWithStatedTargets: return .projects(projectsWithStatedTargets)
        case .projectsWithInterpretedTargets: return .projects(projectsWithInterpretedTargets)
        case .projectsWithGoalsOnly: return .projects(projectsWithGoalsOnly)
        case .seriesOf(let place): return .series(seriesByPlace[place] ?? [])
        case .seriesFor(let code): return .series(seriesByIndicator[code] ?? [])
        }
    }
}

/// The only way a page or fragment reaches the site: every read is recorded, with the
/// fingerprint the input has in this build, in the page's dependency list. It holds no `Site`
/// a page could read around it.
/// A class: a page's context is copied into every view maker it calls, and copying the world
/// with it (its site's lists, the theme, the tables) took 3 % of a clean build in retains and releases.
final class SiteReader {
    private let world: World
    /// The language of the page it reads for: interface strings and SDG titles come in it.
    let language: String
    let reads: Recorder

    init(_ world: World, language: String, recordingIn reads: Recorder) {
        self.world = world
        self.language = language
        self.reads = reads
    }

    private func record(_ input: Input) {
        reads.record(input, world.fingerprint(input) ?? .none)
    }

    private func frontMatter(_ document: Document) {
        reads.record(.frontMatter(document.path), document.frontMatterFingerprint)
    }

    var config: SiteConfig {
        record(.config)
        return world.site.config
    }

    /// The catalogue, its titles in the page's language where the theme has them.
    var catalogue: Catalogue {
        record(.catalogue(language))
        return world.catalogues[language] ?? world.site.catalogue
    }

    /// Who translated the SDG titles into the page's language, and under which licence.
    var catalogueCredit: String? {
        guard let translation = world.theme.catalogues[language] else { return nil }
        record(.catalogue(language))
        return credit(translation)
    }

    /// The credit for a language's SDG titles in the page's words (`catalogue_credit`, where the
    /// page's language has it), or as the imported file words it.
    private func credit(_ translation: CatalogueTranslation) -> String? {
        guard translation.attribution != nil else { return nil }
        record(.strings(language))
        return world.theme.ownKeys[language]?.contains("catalogue_credit") == true
            ? world.theme.strings[language]?["catalogue_credit"] : translation.attribution
    }

    /// An interface string in the page's language (the key itself when the theme has none).
    func t(_ key: String) -> String {
        record(.strings(language))
        return world.theme.strings[language]?[key] ?? key
    }

    /// Every interface string, for the layout's `t`.
    var strings: [String: String] {
        record(.strings(language))
        return world.theme.strings[language] ?? [:]
    }

    /// The language a string is shown in: the page's, or the default language's when the theme
    /// has no string of the page's language for it (a count's plural form follows that language).
    func language(of key: String) -> String {
        world.theme.ownKeys[language]?.contains(key) == false ? defaultLanguage : language
    }

    /// Each language of the site by its own name.
    var languageNames: [String: String] {
        record(.languageNames)
        return world.theme.languageNames
    }

    func body(_ document: Document) -> Body { (world.document(document.path) ?? document).body(recordedIn: reads) }

    func asset(_ name: String) -> Data? {
        record(.asset(theme: world.theme.name, name: name))
        return world.theme.assets[name]
    }

    /// A file of media/, as it is.
    func media(_ path: String) -> Data? {
        record(.media(path))
        return FileManager.default.contents(atPath: world.content.appendingPathComponent("media/" + path).path)
    }

    /// The page of each city and project that has an `updated:` date, with the date: only the
    /// dates are recorded (`Input.dates`), not what else the items say.
    var updatedPages: [String: PartialDate] {
        record(.dates)
        var updated: [String: PartialDate] = [:]
        for city in world.site.cities { if let date = city.updated { updated[CityPage.path(city.slug)] = date } }
        for project in world.site.projects { if let date = project.updated { updated[ProjectPage.path(project.slug)] = date } }
        return updated
    }

    /// The pages the sitemap lists, each with the same page in the other languages.
    var listed: [(path: String, alternates: [Route.Alternate])] {
        record(.routes)
        return world.listed
    }

    /// Whether an output exists: for checking links written in Markdown (the link check is
    /// repeated on every build from the stored links, so it is not an input).
    /// A Markdown link's target checked against the pages the site has (see `World.check`).
    func check(_ link: BuildState.StoredLink, _ d: inout Diagnostics) { world.check(link, &d) }

    // MARK: single items

    /// One item by its key: its front matter recorded if it exists, the listing it would be in if not.
    private func item<T>(_ found: T?, _ document: (T) -> Document, else listing: Listing) -> T? {
        guard let found else { record(.list(listing)); return nil }
        frontMatter(document(found))
        return found
    }

    func country(_ code: CountryCode) -> Country? { item(world.site.countryByCode[code], \.document, else: .countries).map(localized) }
    func programme(_ slug: Slug) -> Programme? { item(world.site.programmeBySlug[slug], \.document, else: .programmes).map(localized) }
    func city(_ slug: Slug) -> City? { item(world.site.cityBySlug[slug], \.document, else: .cities).map(localized) }
    func project(_ slug: Slug) -> Project? { item(world.site.projectBySlug[slug], \.document, else: .projects).map(localized) }
    func page(_ slug: Slug) -> Page? { item(world.site.pageBySlug[slug], \.document, else: .pages).map(localized) }

    // MARK: languages

    var defaultLanguage: String { world.site.config.language }

    /// The translation of a content file into the page's language (or `other`), recorded (its absence too).
    func translation(of document: Document, in other: String? = nil) -> Translation? {
        let language = other ?? self.language
        guard language != defaultLanguage else { return nil }
        record(.translation(language: language, original: document.path))
        return world.site.translations[document.path]?[language]
    }

    /// How many interface strings a language has of its own, which it lacks, and which wait for
    /// review (each with the default language's string and its own).
    func stringStatus(_ language: String) -> (translated: Int, missing: [String], review: [(key: String, original: String, text: String)]) {
        record(.strings(language))
        let defaults = world.theme.strings[defaultLanguage] ?? [:]
        let needed = Set(defaults.keys)
        let review = (world.theme.reviewWanted[language] ?? []).filter(needed.contains).map { key in
            (key, defaults[key] ?? "", world.theme.strings[language]?[key] ?? "")
        }
        return ((world.theme.ownKeys[language] ?? []).intersection(needed).count, world.theme.missingStrings[language] ?? [], review)
    }

    /// How much of the catalogue a language's SDG titles cover, and who translated them.
    func catalogueStatus(_ language: String) -> (goals: (Int, Int), targets: (Int, Int), indicators: (Int, Int), credit: String?) {
        record(.catalogue(language))
        let translation = world.theme.catalogues[language] ?? CatalogueTranslation()
        let coverage = translation.coverage(of: world.site.catalogue)
        return (coverage.goals, coverage.targets, coverage.indicators, credit(translation))
    }

    /// An item with its words in the page's language where a translation gives them, and which
    /// language its words are in.
    private func localized<T: Translatable>(_ item: T) -> T {
        guard language != defaultLanguage else { return item }
        let original = item
        var item = item
        item.markOriginal(defaultLanguage)
        if let translation = translation(of: item.document) {
            item.apply(translation)
            item.text = .translated(by: translation.translatedBy, stale: translation.stale)
        } else {
            item.text = .untranslated(language: defaultLanguage)
        }
        if item is Country { record(.strings(language)) }
        item.nameIn(language, original: original, countryNames: world.theme.countryNames[language] ?? [:])
        return item
    }

    // MARK: listings: which items (recorded) and what each says (its front matter, recorded)

    private func members(_ listing: Listing) -> Members {
        let members = world.site.members(listing)
        reads.record(.list(listing), world.listFingerprint(listing))
        return members
    }

    /// A listing's items, with the listing and every item's front matter recorded.
    private func items<T>(_ listing: Listing, _ pick: (Members) -> [T]?) -> [T] {
        let members = members(listing)
        members.forEachDocument(frontMatter)
        guard let items = pick(members) else { preconditionFailure("\(listing) does not list \(T.self)") }
        return items
    }

    func cities(_ listing: Listing) -> [City] { sorted(items(listing) { if case .cities(let c) = $0 { c } else { nil } }.map(localized), by: \.title) }
    func projects(_ listing: Listing) -> [Project] { sorted(items(listing) { if case .projects(let p) = $0 { p } else { nil } }.map(localized), by: \.title) }
    var countries: [Country] { sorted(items(.countries) { if case .countries(let c) = $0 { c } else { nil } }.map(localized), by: \.name) }
    var programmes: [Programme] { sorted(items(.programmes) { if case .programmes(let p) = $0 { p } else { nil } }.map(localized), by: \.title) }

    /// A listing the site sorts by title, sorted again by the titles in the page's language as it
    /// orders them (its collation) when a translation changed any; ties keep the site's order.
    private func sorted<T: Translatable>(_ items: [T], by title: KeyPath<T, String>) -> [T] {
        guard items.contains(where: { if case .translated = $0.text { true } else { false } }) else { return items }
        let locale = Locale(identifier: language)
        return items.enumerated().sorted { a, b in
            switch a.element[keyPath: title].compare(b.element[keyPath: title], locale: locale) {
            case .orderedAscending: return true
            case .orderedDescending: return false
            case .orderedSame: return a.offset < b.offset
            }
        }.map(\.element)
    }
    var pages: [Page] { items(.pages) { if case .pages(let p) = $0 { p } else { nil } }.map(localized) }

    /// One page of a listing: which items the page holds, in which order, is recorded
    /// (`Input.listPage`), and the front matter of those items, so a page of a long list does not
    /// depend on the others, nor on where they are. In another language the page's items are
    /// ordered by their translated titles (the pages keep the default language's split).
    func cities(_ listing: Listing, page range: Range<Int>) -> [City] {
        guard case .cities(let slice) = page(listing, range) else { preconditionFailure("\(listing) does not list cities") }
        slice.forEach { frontMatter($0.document) }
        return sorted(slice.map(localized), by: \.title)
    }

    func projects(_ listing: Listing, page range: Range<Int>) -> [Project] {
        guard case .projects(let slice) = page(listing, range) else { preconditionFailure("\(listing) does not list projects") }
        slice.forEach { frontMatter($0.document) }
        return sorted(slice.map(localized), by: \.title)
    }

    /// The items of one page of a listing, recorded as such.
    private func page(_ listing: Listing, _ range: Range<Int>) -> Members {
        let slice = world.site.members(listing).slice(range)
        reads.record(.listPage(listing, range), slice.fingerprint)
        return slice
    }

    /// The cities' expectations for a target, worded in the page's language where a translation does.
    func expectations(for code: TargetCode) -> [(city: City, expectation: Expectation)] {
        items(.expectationsFor(code)) { if case .expectations(let e) = $0 { e } else { nil } }.map { pair in
            let city = localized(pair.city)
            return (city, city.expectations.first { $0.target.value == code } ?? pair.expectation)
        }
    }

    /// The keys of a listing's items in the site's order, with only the listing recorded (which
    /// items, in which order): for an output of the default language made of pieces that each read
    /// their own item (`PageContext.piece`). Other languages order items by their translated titles.
    func slugs(_ listing: Listing) -> [Slug] {
        precondition(language == defaultLanguage, "slugs(_:) gives the default language's order")
        switch members(listing) {
        case .cities(let items): return items.map(\.slug)
        case .projects(let items): return items.map(\.slug)
        case .programmes(let items): return items.map(\.slug)
        case .pages(let items): return items.map(\.slug)
        default: preconditionFailure("\(listing) does not list items with slugs")
        }
    }

    /// One data file by its path (what it says recorded).
    func series(at path: String) -> Series? {
        let series = world.site.seriesByPath[path]
        reads.record(.series(path), series?.fingerprint ?? .none)
        return series
    }

    /// The data files a listing holds (`.seriesOf`, `.seriesFor`): which ones, and what each says, recorded.
    func series(_ listing: Listing) -> [Series] { series(listing, first: .max).shown }

    /// The first `limit` data files of a listing (what each says recorded), and how many it holds.
    func series(_ listing: Listing, first limit: Int) -> (shown: [Series], total: Int) {
        guard case .series(let all) = members(listing) else { preconditionFailure("\(listing) does not list data files") }
        let shown = Array(all.prefix(limit))
        for series in shown { reads.record(.series(series.path), series.fingerprint) }
        return (shown, all.count)
    }

    /// How many shards the search index has.
    var searchShardCount: Int {
        record(.searchShards)
        return world.searchShards.count
    }

    /// The items of one shard of the search index (which items is recorded; what each says, its entry reads).
    func searchShard(_ shard: Int) -> [Search.Item] {
        record(.searchShard(shard))
        return world.searchShards[shard]
    }

    /// How many items a listing holds, without reading them: only the number is recorded, so a
    /// page that counts does not depend on which items there are or in which order.
    func count(_ listing: Listing) -> Int {
        record(.size(listing))
        return world.site.members(listing).count
    }

    /// Renders a page with one of the theme's templates; the template, every partial and layout it
    /// uses, and the interface strings are recorded.
    func render(_ value: Any, template: String) -> Data {
        recordTemplates(template)
        return world.theme.render(value, template: template)
    }

    /// Renders a fragment template (a card), recorded the same way.
    func renderFragment(_ item: Any, template: String) -> String {
        recordTemplates(template)
        return world.theme.renderFragment(item, language: language, template: template)
    }

    private func recordTemplates(_ template: String) {
        record(.strings(language))
        for name in world.theme.templatesUsed[template] ?? [template] { record(.template(theme: world.theme.name, name: name)) }
    }
}

extension World {
    /// A link to a page the site does not have is an error, unless the page waits on a file that
    /// failed to load: then it is a follow-on of that file's error, shown under it.
    func check(_ link: BuildState.StoredLink, _ d: inout Diagnostics) {
        guard !outputs.contains(link.target) else { return }
        if let cause = waitingCause(link.target) {
            d.append(FollowOn(cause: cause, address: link.url, location: link.location))
        } else {
            d.append(PageContext.brokenLink(link))
        }
    }

    /// The file whose error keeps the page at `path` (in any language) from being made, if any.
    private func waitingCause(_ path: String) -> String? {
        if let cause = site.waiting[path] { return cause }
        let language = path.prefix { $0 != "/" }
        guard site.config.languages.dropFirst().contains(String(language)) else { return nil }
        return site.waiting[String(path.dropFirst(language.count + 1))]
    }
}
