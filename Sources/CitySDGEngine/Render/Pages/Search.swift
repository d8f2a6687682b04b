import Foundation
import Markdown

/// Search with no server: for each language, the shards `search/shard-N.json` beside its search page hold every city,
/// project, country, programme, page, goal and target as `[kind, title, address, snippet, text]`, the text
/// in lower case with Latin accents folded, and `search/index.json` names the shards and the kinds.
/// `assets/search.js` on the search page loads them, splits the query into words with the browser's
/// `Intl.Segmenter` (Lao, Khmer, Burmese and Thai write no spaces between words) and keeps the
/// entries that hold every word. An item's shard follows from its key alone, and each entry is
/// made once and kept with what it read (like a card), so an edit makes one entry again and joins one shard anew.
enum Search {
    /// What the index holds of a text: lower case, Latin accents folded (`Đà Nẵng` → `đa nang`);
    /// the marks of other scripts (Lao, Thai vowels) stay. search.js folds a query the same way.
    static func folded(_ text: String) -> String {
        if text.utf8.allSatisfy({ $0 < 0x80 }) { return text.lowercased() }
        let decomposed = text.lowercased().decomposedStringWithCanonicalMapping.unicodeScalars.filter { !(0x300...0x36F).contains($0.value) }
        return String(String.UnicodeScalarView(decomposed)).precomposedStringWithCanonicalMapping
    }

    /// The words of rendered HTML: tags dropped, the common entities read, spaces collapsed.
    static func plainText(_ html: String) -> String {
        // Byte by byte: tags become one space, runs of white space one space, the entities cmark writes are read.
        let entities: [(bytes: [UInt8], value: UInt8)] = [(Array("&lt;".utf8), 0x3C), (Array("&gt;".utf8), 0x3E), (Array("&quot;".utf8), 0x22),
                                                          (Array("&#39;".utf8), 0x27), (Array("&amp;".utf8), 0x26)]
        var out: [UInt8] = []
        var inTag = false, space = true
        var html = html
        html.withUTF8 { bytes in
            out.reserveCapacity(bytes.count)
            var i = 0
            while i < bytes.count {
                let byte = bytes[i]
                i += 1
                if byte == UInt8(ascii: "<") { inTag = true; continue }
                if byte == UInt8(ascii: ">") { inTag = false; if !space { out.append(0x20); space = true }; continue }
                if inTag { continue }
                if byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D {
                    if !space { out.append(0x20); space = true }
                    continue
                }
                space = false
                if byte == UInt8(ascii: "&"), let entity = entities.first(where: { e in
                    i - 1 + e.bytes.count <= bytes.count && (0..<e.bytes.count).allSatisfy { bytes[i - 1 + $0] == e.bytes[$0] }
                }) {
                    out.append(entity.value)
                    i += entity.bytes.count - 1
                    continue
                }
                out.append(byte)
            }
        }
        if out.last == 0x20 { out.removeLast() }
        return String(decoding: out, as: UTF8.self)
    }

    /// How much of a body the index keeps: its opening, where a profile says what it is about. The
    /// whole text of every page would make one file too large to load in a browser on a large site.
    static let bodyLimit = 1_500

    /// The opening of a body's words: Markdown in, plain words out.
    static func bodyText(_ markdown: String) -> String {
        var markdown = markdown
        // Only the opening is kept, so only the opening is rendered (cut at a line's end).
        if markdown.utf8.count > bodyLimit * 3 {
            let head = markdown.utf8.prefix(bodyLimit * 3)
            let cut = head.lastIndex(of: UInt8(ascii: "\n")) ?? head.endIndex
            markdown = String(decoding: markdown.utf8[..<cut], as: UTF8.self)
        }
        let text = plainText(Markdown.render(markdown).html)
        guard text.count > bodyLimit else { return text }
        let cut = text.prefix(bodyLimit)
        return String(cut[..<(cut.lastIndex(of: " ") ?? cut.endIndex)])
    }

    /// The opening of a document's body as words, in the page's language when a translation
    /// gives it, with the file they are from; nil when the body has no text.
    static func bodyText(_ document: Document, _ c: PageContext) -> (path: String, text: String)? {
        guard let shown = c.shownBody(document) else { return nil }
        let text = bodyText(shown.markdown)
        return text.isEmpty ? nil : (shown.document.path, text)
    }

    /// What a result shows of an item without a summary: the opening of its text.
    static func snippet(of text: String) -> String { String(text.prefix(180)) }

    /// `[kind, title, address, snippet, words]`. An item's body is the end of its words and, without
    /// a summary, its snippet: both are marked (`Splice.marked`), so that the shard says where
    /// they are and a change of the body's text alone puts new ones in place.
    static func entry(_ kind: String, _ title: String, _ path: String, snippet: String?, text: [String?], body: (path: String, text: String)?) -> String {
        let other = text.compactMap { $0 }
        // The address is relative to the index, which sits in search/ of the language's folder.
        var out = "[" + JSONText.quoted(kind) + "," + JSONText.quoted(title) + "," + JSONText.quoted("../" + Route.encoded(path)) + ",\""
        if let snippet { out += JSONText.escaped(snippet) }
        else if let body { out += Splice.marked(.snippet, body.path, Splice.searchText(.snippet, body.text)) }
        else { out += JSONText.escaped(Self.snippet(of: other.joined(separator: " "))) }
        out += "\",\"" + JSONText.escaped(folded(([title] + other).joined(separator: " ")))
        if let body { out += " " + Splice.marked(.words, body.path, Splice.searchText(.words, body.text)) }
        return out + "\"]"
    }

    /// What an entry is made from: its kind and its item's key.
    enum Item: Sendable {
        case city(Slug), project(Slug), country(CountryCode), programme(Slug), page(Slug), catalogue

        /// Its name among the kept entries.
        var key: String {
            switch self {
            case .city(let s): return "city/" + s.value
            case .project(let s): return "project/" + s.value
            case .country(let code): return "country/" + code.value
            case .programme(let s): return "programme/" + s.value
            case .page(let s): return "page/" + s.value
            case .catalogue: return "catalogue"
            }
        }
    }

    /// One item's entry, made through the entry's own reader.
    static func entry(for item: Item, _ c: PageContext) -> String {
        switch item {
        case .city(let slug):
            let city = c.read.city(slug)!
            // A city named in the page's script is found, and ranked, by its Latin title too.
            return entry("city", city.latinTitle.map { "\(city.title) · \($0)" } ?? city.title, CityPage.path(slug), snippet: city.summary,
                         text: [c.countryName(city.country.value), city.summary] + city.expectations.map(\.text), body: bodyText(city.document, c))
        case .project(let slug):
            let project = c.read.project(slug)!
            return entry("project", project.title, ProjectPage.path(slug), snippet: project.summary,
                         text: [c.read.city(project.city.value)?.title, c.read.city(project.city.value)?.latinTitle, project.summary, project.partners.joined(separator: " ")], body: bodyText(project.document, c))
        case .country(let code):
            let country = c.read.country(code)!
            return entry("country", country.name, CountryPage.path(code), snippet: country.summary, text: [country.summary], body: bodyText(country.document, c))
        case .programme(let slug):
            let p = c.read.programme(slug)!
            return entry("programme", p.title, ProgrammePage.path(slug), snippet: p.summary, text: [p.shortName, p.summary], body: bodyText(p.document, c))
        case .page(let slug):
            let page = c.read.page(slug)!
            return entry("page", page.title, TextPage.path(slug), snippet: page.summary, text: [page.summary], body: bodyText(page.document, c))
        case .catalogue:
            // The catalogue is one input: its entries are made together.
            return c.read.catalogue.goals.flatMap { goal in
                [entry("goal", "\(c.t("goal")) \(goal.number): \(goal.short)", GoalPage.path(goal.number), snippet: goal.title, text: [goal.title], body: nil)]
                    + goal.targets.map { target in
                        entry("target", "\(c.t("target")) \(target.code)", TargetPage.path(target.code), snippet: target.title,
                              text: [target.title] + target.indicators.map(\.title), body: nil)
                    }
            }.joined(separator: ",\n")
        }
    }

    /// Every item the index holds, in no particular order.
    static func items(_ site: Site) -> [Item] {
        site.cities.map { .city($0.slug) } + site.projects.map { .project($0.slug) } + site.countries.map { .country($0.code) }
            + site.programmes.map { .programme($0.slug) } + site.pages.map { .page($0.slug) } + [.catalogue]
    }

    /// About this many items share a shard: a browser loads a few hundred KB at a time, and an edit
    /// joins one shard's entries again, not the whole index.
    static let itemsPerShard = 1_000

    /// A power of two, so the shards are split again only when the site doubles.
    static func shardCount(_ items: Int, perShard: Int = itemsPerShard) -> Int {
        var count = 1
        while items > count * perShard { count *= 2 }
        return count
    }

    /// The items of each shard, each shard's in the order of their keys. An item's shard is a hash
    /// of its key (FNV-1a, the same in every build), so adding an item changes one shard.
    static func shards(_ items: [Item], perShard: Int = itemsPerShard) -> [[Item]] {
        keyedShards(items, perShard: perShard).map { $0.map(\.item) }
    }

    /// The shards with each item's key (made once per item, not in every comparison of the sort).
    static func keyedShards(_ items: [Item], perShard: Int = itemsPerShard) -> [[(key: String, item: Item)]] {
        var shards = [[(key: String, item: Item)]](repeating: [], count: shardCount(items.count, perShard: perShard))
        for item in items {
            let key = item.key
            var hash: UInt64 = 0xcbf2_9ce4_8422_2325
            for byte in key.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
            shards[Int(hash % UInt64(shards.count))].append((key, item))
        }
        return shards.map { $0.sorted { $0.key < $1.key } }
    }

    /// The entries of one shard, each kept like a card (its reads become the shard's), made on all cores.
    static func entries(_ shard: Int, _ c: PageContext) -> [String] {
        let fragments = c.fragments, language = c.read.language
        let at = Linker(from: "search/index.json")
        let made = concurrentMap(c.read.searchShard(shard)) { item -> (String, Recorder) in
            let reads = Recorder()
            return (fragments.text("search-entry", item.key, at: at, in: language, into: reads) { entry(for: item, $0) }, reads)
        }
        for (_, reads) in made { c.read.reads.merge(reads.reads) }
        if made.contains(where: \.1.abandoned) { c.read.reads.abandoned = true }
        return made.map(\.0)
    }

    static func shardPath(_ shard: Int) -> String { "search/shard-\(shard).json" }

    /// The shards' file names, beside the index (the search page names them too, so a browser
    /// asks for them at once instead of after the index).
    static func shardNames(_ c: PageContext) -> [String] {
        (0..<c.read.searchShardCount).map { String(shardPath($0).dropFirst("search/".count)) }
    }

    /// What the search page loads first: the names of the kinds in the page's language, and the shards.
    static let index = PageKind<Void>(name: "search-index", listed: false, perLanguage: true, keys: { _, _ in [()] },
                                      path: { _ in "search/index.json" }) { _, c in
        let kinds = ["city": c.t("city"), "project": c.t("feed_project"), "country": c.t("country"), "programme": c.t("programme"),
                     "page": c.t("search_kind_page"), "goal": c.t("goal"), "target": c.t("target")]
        return .file(JSONText.file(["kinds": kinds, "shards": shardNames(c)] as [String: Any], pretty: false))
    }

    static let shard = PageKind<Int>(name: "search-shard", listed: false, perLanguage: true,
                                     keys: { site, _ in Array(0..<shardCount(items(site).count)) }, path: shardPath) { shard, c in
        .file(c.unmarked("[\n" + entries(shard, c).joined(separator: ",\n") + "\n]\n"))
    }

    static let page = PageKind<Void>(name: "search", listed: true, keys: { _, _ in [()] }, path: { _ in "search/index.html" }) { _, c in
        .page(template: "search", meta: c.meta(title: c.t("search_title"), description: c.t("search_description")),
              view: SearchView(indexHref: "index.json", shards: shardNames(c).joined(separator: " "), one: c.t("search_results_one"), other: c.t("search_results"), none: c.t("search_none")))
    }
}

struct SearchView {
    var indexHref: String
    var shards: String
    var one: String
    var other: String
    var none: String
}
