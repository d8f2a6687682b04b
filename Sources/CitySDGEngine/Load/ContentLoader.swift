import Foundation
import Markdown

/// Everything in the content folder, typed. Files with errors are left out; their errors are in
/// the diagnostics that come with it.
public struct LoadedContent: Sendable {
    public var config: SiteConfig
    public var countries: [Country] = []
    public var programmes: [Programme] = []
    public var cities: [City] = []
    public var projects: [Project] = []
    public var pages: [Page] = []
    /// Translations beside their originals (`luang-prabang.lo.md`).
    public var translations: [Translation] = []
    /// Files under media/ (images, documents), by path inside media/: copied to the site's media/.
    public var media: [String] = []
    /// The indicator data under data/ (each CSV with its sidecar).
    public var series: [Series] = []
    /// The fingerprint of site.yml as written.
    public var configFingerprint = Fingerprint("")
    /// Files that failed to load, by path (`cities/la/pakse.md`), each with the path shown in its
    /// errors. What they are is known from where they are, so the rest of the site can tell a
    /// reference to one of them (which waits on its error) from a reference to nothing.
    public var failed: [String: String] = [:]

    var isEmpty: Bool {
        countries.isEmpty && programmes.isEmpty && cities.isEmpty && projects.isEmpty && pages.isEmpty && translations.isEmpty
    }

    /// Whether it holds one document (a file decoded alone that is a city, project, country, programme or page).
    var isOne: Bool { cities.count + projects.count + countries.count + programmes.count + pages.count == 1 }

    /// Puts the one document `part` holds (a file decoded alone) in the place of the one at
    /// `path`; false when there is no document of that kind at that path.
    mutating func replace(_ path: String, with part: LoadedContent) -> Bool {
        func swap<T>(_ list: inout [T], _ new: [T], _ document: (T) -> Document) -> Bool {
            guard new.count == 1, let at = list.firstIndex(where: { document($0).path == path }) else { return false }
            list[at] = new[0]
            return true
        }
        return swap(&cities, part.cities, \.document) || swap(&projects, part.projects, \.document)
            || swap(&countries, part.countries, \.document) || swap(&programmes, part.programmes, \.document)
            || swap(&pages, part.pages, \.document)
    }
}

/// The load stage: walks `Content/`, splits each file, parses its front matter and decodes it.
public struct ContentLoader: Sendable {
    public let root: URL
    /// How paths are shown in messages: the content folder as the editor named it.
    public let displayRoot: String

    public let cache: DecodeCache?
    /// The year the build runs in: a data file's value for a later year is an error (nil: not checked).
    public var currentYear: Int?
    /// The folder's files as the build's scan found them (`ContentFiles.scanned`); nil: walked here.
    var listing: ContentFiles?

    public init(root: URL, displayRoot: String? = nil, cache: DecodeCache? = nil) {
        self.root = root
        self.displayRoot = displayRoot ?? root.path
        self.cache = cache
    }

    func display(_ path: String) -> String {
        displayRoot.isEmpty ? path : (displayRoot.hasSuffix("/") ? displayRoot + path : displayRoot + "/" + path)
    }

    /// An empty site with the default configuration, to decode single files into.
    public static func emptyContent() -> LoadedContent {
        LoadedContent(config: SiteConfig(title: "", baseURL: "", languages: ["en"], theme: "default", allowRawHTML: false,
                                         nationalGoals: [], location: SourceLocation(file: "site.yml")))
    }

    /// Loads every file; `fingerprints` (keyed `content/<path>`, from the build's scan) lets the
    /// cache answer for an unchanged file without reading it.
    public func load(_ d: inout Diagnostics, fingerprints: [String: Fingerprint] = [:]) -> LoadedContent {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root.path, isDirectory: &isFolder), isFolder.boolValue else {
            d.ioError(SourceLocation(file: displayRoot), "there is no content folder here",
                      hint: "run citysdg in the folder that holds Content/, or name it with --content")
            return Self.emptyContent()
        }
        var content = LoadedContent(config: loadConfig(&d))
        content.configFingerprint = Fingerprint(FileManager.default.contents(atPath: root.appendingPathComponent("site.yml").path) ?? Data())
        let walked = (listing ?? ContentFiles.walk(root, display: display, &d)).files.filter { $0.path != "site.yml" }
        let files = walked.filter { !$0.path.hasPrefix("media/") && !$0.path.hasPrefix(SeriesLoader.folder) }
        let dataFiles = walked.filter { $0.path.hasPrefix(SeriesLoader.folder) }
        content.media = walked.filter { $0.path.hasPrefix("media/") }.compactMap { Self.mediaPath($0.path, display: display, &d) }
        // A Markdown file whose name is not a slug is refused with a hint that names the files it
        // would clash with: that depends on its neighbours, so it is judged on every build, never cached.
        @Sendable func isMisnamed(_ file: ContentFiles.File) -> Bool {
            let path = file.path.utf8
            guard path.count > 3, path.reversed().starts(with: "dm.".utf8) else { return false }
            // The name after the last slash, without `.md` (short enough not to be allocated, as a rule).
            let start = path.lastIndex(of: UInt8(ascii: "/")).map(path.index(after:)) ?? path.startIndex
            let stem = String(file.path[start..<path.index(path.endIndex, offsetBy: -3)])
            return Slug(text: stem) == nil && Self.translationName(stem) == nil
        }
        let siblings = files.contains(where: isMisnamed) ? Self.namesBySuggestion(files.map(\.path)) : [:]
        let clashes = Self.clashes(files.map(\.path))
        let allowRawHTML = content.config.allowRawHTML
        let languages = content.config.languages
        // A data file's figure for a later year is an error: the year is a setting of the cache.
        cache?.settle("raw-html=\(allowRawHTML) languages=\(languages.joined(separator: ",")) year=\(currentYear.map(String.init) ?? "-")")
        content.series = SeriesLoader(display: display, currentYear: currentYear).load(dataFiles, cache: cache, fingerprints: fingerprints, &d)
        /// A file decoded, or its entry in the cache: `known` when the build knew its fingerprint and the cache had it.
        @Sendable func loadOne(_ index: Int, _ file: ContentFiles.File, known: (Decoded, Diagnostics)?) -> (Decoded, Diagnostics) {
            var problems = Diagnostics()
            if let others = clashes[index] {
                let name = String(file.path.split(separator: "/").last!)
                problems.error(SourceLocation(file: display(file.path)),
                               "`\(name)`\(Self.unicodeForm(name)) and " + others.map { "`\($0)`\(Self.unicodeForm($0))" }.joined(separator: " and ")
                               + " are one name written in two Unicode forms: both would be one page",
                               hint: "keep one file (macOS writes names in NFD, most other systems in NFC; the page's address is the NFC form)")
                return (.none, problems)
            }
            /// The file read and decoded (the site's lists for it made only then: most files come from the cache).
            func parsed() -> Decoded {
                var part = Self.emptyContent()
                load(file, siblings: siblings, allowRawHTML: allowRawHTML, languages: languages, into: &part, &problems)
                return Decoded(part)
            }
            guard let cache, !isMisnamed(file) else { return (parsed(), problems) }
            if let known { return known }
            guard let data = FileManager.default.contents(atPath: file.fullPath) else { return (parsed(), problems) }
            let fingerprint = Fingerprint(data)
            if let hit = cache.get(file.path, fingerprint) { return hit }
            let decoded = parsed()
            cache.set(file.path, fingerprint, decoded, problems)
            return (decoded, problems)
        }
        // Each file on its own (on all cores, in slices), then merged in the walk's order: the result is the same every time.
        // A slice's files whose fingerprints the build knows are looked up in the cache at once, without reading them.
        let parts = concurrentMap(sharedSlices(files.count)) { slice -> [(Decoded, Diagnostics)] in
            let known = cache?.get(files[slice].lazy.map { ($0.path, fingerprints["content/" + $0.path]) })
            return slice.map { index in loadOne(index, files[index], known: known?[index - slice.lowerBound]) }
        }.joined()
        cache?.keep { files.map(\.path) + SeriesLoader.cacheKeys(dataFiles) }
        for (file, (part, problems)) in zip(files, parts) {
            if problems.hasErrors, !part.isDocument { content.failed[file.path] = display(file.path) }
            part.add(to: &content)
            d.append(contentsOf: problems)
        }
        return content
    }

    public func loadConfig(_ d: inout Diagnostics) -> SiteConfig {
        let file = display("site.yml")
        let fallback = SiteConfig(title: "CitySDG", baseURL: "", languages: ["en"], theme: "default", allowRawHTML: false,
                                  nationalGoals: [], location: SourceLocation(file: file))
        guard let data = FileManager.default.contents(atPath: root.appendingPathComponent("site.yml").path) else {
            d.error(SourceLocation(file: file), "the site configuration is missing",
                    hint: "create site.yml in the content folder with at least `title:` and `base_url:`")
            return fallback
        }
        do {
            let text = try SourceText.decode(data, file: file)
            guard let tree = try YAMLTree.parse(text, file: file, firstLine: 1) else {
                d.error(SourceLocation(file: file), "site.yml is empty", hint: "add at least `title:` and `base_url:`")
                return fallback
            }
            guard var record = Record(tree, field: "site.yml", &d) else { return fallback }
            return Decoders.site(&record, &d)
        } catch {
            Self.report(error, file: file, &d)
        }
        return fallback
    }

    /// A file that could not be read as text or YAML, said where the reader stopped.
    static func report(_ error: any Error, file: String, _ d: inout Diagnostics) {
        switch error {
        case let problem as SourceText.Problem: d.error(problem.location, problem.message, hint: problem.hint)
        case let problem as YAMLTree.Problem: d.error(problem.location, problem.message, hint: problem.hint)
        default: d.error(SourceLocation(file: file), "\(error)")
        }
    }

    /// Where a file belongs, from its path: the section, the folder it is in, and its slug.
    enum Kind {
        case city(country: String), project, country, programme, page
    }

    /// What a Markdown file is from where it is, and its name without `.md`; nil for a file the site does not read.
    static func kind(of path: String) -> (Kind, String)? {
        let parts = path.split(separator: "/").map(String.init)
        guard path.hasSuffix(".md"), let name = parts.last else { return nil }
        let stem = String(name.dropLast(3))
        switch (parts.first, parts.count) {
        case ("cities", 3): return (.city(country: parts[1]), stem)
        case ("projects", 2): return (.project, stem)
        case ("countries", 2): return (.country, stem)
        case ("programmes", 2): return (.programme, stem)
        case ("pages", 2): return (.page, stem)
        default: return nil
        }
    }

    private func classify(_ path: String, _ d: inout Diagnostics) -> (Kind, String)? {
        let parts = path.split(separator: "/").map(String.init)
        let location = SourceLocation(file: display(path))
        guard path.hasSuffix(".md") else {
            d.warning(location, "ignored: only Markdown files (.md), site.yml and media/ are read from the content folder",
                      hint: "images and documents go in media/ (media/\(parts.last!)) and are linked as /media/\(parts.last!)")
            return nil
        }
        switch Self.kind(of: path) {
        case let known?: return known
        case nil:
            let hint = parts.first == "cities"
                ? "cities go in cities/<country code>/<city>.md, e.g. cities/la/luang-prabang.md"
                : "content goes in cities/<cc>/, projects/, countries/, programmes/ or pages/"
            d.error(location, "this file is not in a place the site reads", hint: hint)
            return nil
        }
    }

    /// `luang-prabang.lo` → (`luang-prabang`, `lo`): a file name that is a slug, a dot and a language code.
    static func translationName(_ stem: String) -> (base: String, language: String)? {
        guard let dot = stem.lastIndex(of: ".") else { return nil }
        let base = String(stem[..<dot]), language = String(stem[stem.index(after: dot)...])
        guard Slug(text: base) != nil, !language.isEmpty else { return nil }
        var ignored = Diagnostics()
        return Decoders.checkLanguage(language, at: SourceLocation(file: ""), &ignored).map { (base, $0) }
    }

    private func load(_ file: ContentFiles.File, siblings: [String: [String]], allowRawHTML: Bool, languages: [String],
                      into content: inout LoadedContent, _ d: inout Diagnostics) {
        guard let (kind, stem) = classify(file.path, &d) else { return }
        let shown = display(file.path)
        if let (base, language) = Self.translationName(stem) {
            guard languages.dropFirst().contains(language) else {
                let hint = language == languages[0]
                    ? "`\(language)` is the site's default language: its text is the original, `\(base).md`"
                    : "site.yml's `languages:` are \(languages.joined(separator: ", ")); add `\(language)` there, or rename the file"
                d.error(SourceLocation(file: shown), "`\(stem).md` is a translation into `\(language)`, which is not one of the site's languages", hint: hint)
                return
            }
            guard let data = read(file, shown, &d) else { return }
            decodeTranslation(data, path: file.path, language: language, original: Self.folder(of: file.path) + "/" + base + ".md",
                              allowRawHTML: allowRawHTML, into: &content, &d)
            return
        }
        guard let slug = Slug(text: stem) else {
            d.error(SourceLocation(file: shown), "the file name `\(stem).md`\(Self.unicodeForm(stem)) cannot be used in a web address",
                    hint: Self.renameHint(stem, folder: Self.folder(of: file.path), siblings: siblings))
            return
        }
        guard let data = read(file, shown, &d) else { return }
        decode(data, path: file.path, kind: kind, slug: slug, stem: stem, allowRawHTML: allowRawHTML, into: &content, &d)
    }

    private func read(_ file: ContentFiles.File, _ shown: String, _ d: inout Diagnostics) -> Data? {
        do {
            return try Data(contentsOf: file.url)
        } catch {
            if access(file.fullPath, F_OK) != 0, errno == ENOENT {
                // Gone between the walk and now: the site is built as if it had not been there.
                d.warning(SourceLocation(file: shown), "this file was removed while the content was read: it is left out",
                          hint: "build again if it was moved rather than deleted")
            } else {
                d.error(SourceLocation(file: shown), "the file cannot be read: \(error.localizedDescription)",
                        hint: "check the file's permissions")
            }
            return nil
        }
    }

    /// A media file's path inside media/, if every part of it can be used in a web address
    /// (`luang-prabang/green-space.jpg`); otherwise an error that suggests one.
    static func mediaPath(_ path: String, display: (String) -> String, _ d: inout Diagnostics) -> String? {
        let inside = String(path.dropFirst("media/".count))
        let parts = inside.split(separator: "/").map(String.init)
        let valid = parts.allSatisfy { part in
            let pieces = part.split(separator: ".", omittingEmptySubsequences: false)
            return !pieces.isEmpty && pieces.allSatisfy { Slug(text: String($0)) != nil }
        }
        guard valid else {
            let suggestion = parts.map { part -> String in
                let pieces = part.split(separator: ".", omittingEmptySubsequences: true).map(String.init)
                return pieces.map { Slug.suggest(for: $0) ?? "name" }.joined(separator: ".")
            }.joined(separator: "/")
            d.error(SourceLocation(file: display(path)), "the media file name `\(inside)` cannot be used in a web address",
                    hint: "rename it to `media/\(suggestion)` (lower-case letters, digits, dashes and a dot before the extension)")
            return nil
        }
        return inside
    }

    private static func folder(of path: String) -> String {
        path.split(separator: "/").dropLast().joined(separator: "/")
    }

    /// The Markdown files of each folder under the slug their name is (or would become), to
    /// name together the files that differ only in letter case, accents or Unicode normalisation.
    static func namesBySuggestion(_ paths: [String]) -> [String: [String]] {
        var names: [String: [String]] = [:]
        for path in paths where path.hasSuffix(".md") {
            let name = String(path.split(separator: "/").last!.dropLast(3))
            guard let slug = Slug(text: name)?.value ?? Slug.suggest(for: name) else { continue }
            names[folder(of: path) + "/" + slug, default: []].append(name + ".md")
        }
        return names
    }

    /// For each Markdown file (by its index) whose name is the same as another's in the same
    /// folder once both are in composed Unicode (NFC), the other names: a file system keeps
    /// `đà-nẵng.md` written NFC and NFD as two files, but they would be one page.
    static func clashes(_ paths: [String]) -> [Int: [String]] {
        guard paths.contains(where: { $0.utf8.contains { $0 >= 0x80 } }) else { return [:] }
        // Swift's String equality is canonical equivalence: NFC and NFD spellings are one key.
        var groups: [String: [Int]] = [:]
        for (index, path) in paths.enumerated() where path.hasSuffix(".md") { groups[path, default: []].append(index) }
        var result: [Int: [String]] = [:]
        for group in groups.values where group.count > 1 {
            for index in group {
                result[index] = group.filter { $0 != index }.map { String(paths[$0].split(separator: "/").last!) }
            }
        }
        return result
    }

    /// ` (NFD)` for a name whose accents are written as separate marks: two files whose names
    /// differ only so look the same, and the message has to tell them apart.
    static func unicodeForm(_ name: String) -> String {
        guard !name.utf8.allSatisfy({ $0 < 0x80 }) else { return "" }
        let bytes = Array(name.utf8)
        if bytes == Array(name.precomposedStringWithCanonicalMapping.utf8) { return " (NFC)" }
        if bytes == Array(name.decomposedStringWithCanonicalMapping.utf8) { return " (NFD)" }
        return " (mixed Unicode forms)"
    }

    /// What to call a file whose name is not a slug.
    static func renameHint(_ stem: String, folder: String, siblings: [String: [String]]) -> String {
        guard let suggestion = Slug.suggest(for: stem) else {
            return "name the file with lower-case letters (in any script), digits and dashes, and write the name as it is spelt in `title:`"
        }
        // Byte by byte: Swift calls the NFC and NFD spellings of one name equal.
        let own = Array((stem + ".md").utf8)
        let others = (siblings[folder + "/" + suggestion] ?? []).filter { Array($0.utf8) != own }.sorted()
        if !others.isEmpty {
            let sameName = others.contains { $0 == stem + ".md" }
            return "it would be `\(suggestion).md`, and so would " + others.map { "`\($0)`" }.joined(separator: " and ")
                + " in the same folder (" + (sameName ? "the same name written in another Unicode form, NFC against NFD" : "the names differ only in letter case or accents")
                + "): keep one file"
        }
        let latin = Slug.latin(for: stem).flatMap { $0 == suggestion ? nil : $0 }
        return "rename it to `\(suggestion).md` (lower-case letters in any script, digits and dashes)"
            + (latin.map { ", or `\($0).md` for an address in Latin letters" } ?? "")
    }

    /// Raw HTML and script links are left out of the page (safe mode), and an image needs alt
    /// text; the editor hears where.
    private func reportOmissions(_ body: Body, file: String, allowRawHTML: Bool, _ d: inout Diagnostics) {
        for omission in Markdown.omissions(in: body.markdown) {
            let location = SourceLocation(file: file, line: body.firstLine + omission.line - 1, column: omission.column)
            switch omission.kind {
            case .rawHTML(let html):
                guard !allowRawHTML else { continue }
                d.warning(location, "raw HTML is left out of the page: `\(html.prefix(60))`",
                          hint: "write it in Markdown; a site that trusts every editor can set `allow_raw_html: true` in site.yml")
            case .unsafeLink(let url):
                guard !allowRawHTML else { continue }
                d.warning(location, "the link `\(url.prefix(60))` is left out of the page: its kind of address can run code or hide content",
                          hint: "link to an https:// address or to a page of the site")
            case .imageWithoutAlt(let url):
                d.error(location, "the image `\(url.prefix(60))` has no alt text",
                        hint: "say what it shows between the brackets, for readers who cannot see it: ![Green space by the Mekong](\(url.prefix(60)))")
            }
        }
    }

    /// One file's document and its problems, decoded as a whole load decodes it (the preview's
    /// save that changed only bodies); nil when its name makes it no single page of its own.
    func decodeAlone(_ data: Data, path: String, allowRawHTML: Bool) -> (part: LoadedContent, document: Document?, Diagnostics) {
        var part = Self.emptyContent(), d = Diagnostics()
        guard let (kind, stem) = classify(path, &d), let slug = Slug(text: stem), Self.translationName(stem) == nil else { return (part, nil, d) }
        decode(data, path: path, kind: kind, slug: slug, stem: stem, allowRawHTML: allowRawHTML, into: &part, &d)
        let documents = part.cities.map(\.document) + part.projects.map(\.document) + part.countries.map(\.document)
            + part.programmes.map(\.document) + part.pages.map(\.document)
        return (part, documents.count == 1 ? documents[0] : nil, d)
    }

    /// Reads one file's bytes as if it stood at `path` in the content folder: splitting, YAML and
    /// decoding, with every problem in `d`. (The fuzz target drives the loader through this.)
    public func decode(_ data: Data, path: String, into content: inout LoadedContent, _ d: inout Diagnostics) {
        guard let (kind, stem) = classify(path, &d), let slug = Slug(text: stem) else { return }
        decode(data, path: path, kind: kind, slug: slug, stem: stem, allowRawHTML: false, into: &content, &d)
    }

    /// A file's front matter as fields and its document, with every problem in `d`; nil when it cannot be read.
    private func parse(_ data: Data, path: String, allowRawHTML: Bool, _ d: inout Diagnostics) -> (Record, Document)? {
        let shown = display(path)
        let source: SourceText
        let tree: YAMLValue?
        do {
            source = try SourceText.read(data, file: shown)
            tree = try YAMLTree.parse(source.frontMatter, file: shown, firstLine: source.frontMatterFirstLine)
        } catch {
            Self.report(error, file: shown, &d)
            return nil
        }
        let start = SourceLocation(file: shown, line: source.frontMatterFirstLine, column: 1)
        guard let tree else {
            d.error(start, "the front matter is empty", hint: "add at least `title: …`")
            return nil
        }
        guard case .mapping(let entries, let at) = tree else {
            d.error(tree.location, "the front matter must be fields (`name: value`), not \(tree.kindDescription)")
            return nil
        }
        let document = Document(path: path, displayPath: shown, body: source.body,
                                frontMatterFingerprint: Fingerprint(source.frontMatter),
                                bodyFingerprint: Fingerprint(source.body.markdown))
        reportOmissions(source.body, file: shown, allowRawHTML: allowRawHTML, &d)
        return (Record(entries, at: at), document)
    }

    private func decodeTranslation(_ data: Data, path: String, language: String, original: String, allowRawHTML: Bool,
                                   into content: inout LoadedContent, _ d: inout Diagnostics) {
        guard let (parsed, document) = parse(data, path: path, allowRawHTML: allowRawHTML, &d) else { return }
        var record = parsed
        content.translations.append(Decoders.translation(&record, language: language, original: original, document: document, &d))
    }

    private func decode(_ data: Data, path: String, kind: Kind, slug: Slug, stem: String, allowRawHTML: Bool,
                        into content: inout LoadedContent, _ d: inout Diagnostics) {
        let shown = display(path)
        guard let (parsed, document) = parse(data, path: path, allowRawHTML: allowRawHTML, &d) else { return }
        var record = parsed
        switch kind {
        case .city(let country):
            if let city = Decoders.city(&record, slug: slug, folderCountry: country, document: document, &d) {
                content.cities.append(city)
            }
        case .project:
            if let project = Decoders.project(&record, slug: slug, document: document, &d) { content.projects.append(project) }
        case .country:
            guard let code = CountryCode(text: stem.uppercased()), stem.count == 2 else {
                d.error(SourceLocation(file: shown), "a country file is named by its two-letter code, like la.md")
                return
            }
            if let country = Decoders.country(&record, code: code, document: document, &d) { content.countries.append(country) }
        case .programme:
            if let programme = Decoders.programme(&record, slug: slug, document: document, &d) { content.programmes.append(programme) }
        case .page:
            if let page = Decoders.page(&record, slug: slug, document: document, &d) { content.pages.append(page) }
        }
    }

    /// Reads a data file and its sidecar as if they stood at `path` (`data/<place>/<indicator>.csv`) and beside it.
    public func decodeSeries(csv: Data, sidecar: Data, path: String, _ d: inout Diagnostics) -> Series? {
        guard let (place, code, _) = SeriesLoader.name(of: path) else {
            d.error(SourceLocation(file: display(path)), "`\(path)` is not a data file the site reads")
            return nil
        }
        let loader = SeriesLoader(display: display, currentYear: currentYear)
        return loader.decode(csv: csv, sidecar: sidecar, path: path, sidecarPath: String(path.dropLast(4)) + ".yml", place: place,
                             indicator: Located(value: code, location: SourceLocation(file: display(path))), &d)
    }
}
