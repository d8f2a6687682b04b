import Foundation
import Markdown

/// Search with no server: for each language, `search/index.json` beside its search page holds every city, project,
/// country, programme, page, goal and target as `[kind, title, address, snippet, text]`, the text
/// in lower case with Latin accents folded; `assets/search.js` on the search page splits the
/// query into words with the browser's `Intl.Segmenter` (Lao, Khmer, Burmese and Thai write no
/// spaces between words) and keeps the entries that hold every word. Each entry is made once and
/// kept with what it read (like a card), so an edit makes one entry again and the file is joined anew.
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
        // Byte by byte: tags become one space, runs of white space one space.
        var out: [UInt8] = []
        out.reserveCapacity(html.utf8.count)
        var inTag = false, space = true
        for byte in html.utf8 {
            if byte == UInt8(ascii: "<") { inTag = true; continue }
            if byte == UInt8(ascii: ">") { inTag = false; if !space { out.append(0x20); space = true }; continue }
            if inTag { continue }
            if byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D {
                if !space { out.append(0x20); space = true }
            } else {
                out.append(byte)
                space = false
            }
        }
        var text = String(decoding: out, as: UTF8.self)
        if text.contains("&") {
            for (entity, value) in [("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&#39;", "'"), ("&nbsp;", " "), ("&amp;", "&")] {
                text = text.replacingOccurrences(of: entity, with: value)
            }
        }
        return text.trimmingCharacters(in: .whitespaces)
    }

    /// How much of a body the index keeps: its opening, where a profile says what it is about. The
    /// whole text of every page would make one file too large to load in a browser on a large site.
    static let bodyLimit = 1_500

    /// The opening of a document's body as words, in the page's language when a translation gives it.
    static func bodyText(_ document: Document, _ c: PageContext) -> String {
        let document = c.read.translation(of: document).map(\.document).flatMap { c.read.body($0).isEmpty ? nil : $0 } ?? document
        let body = c.read.body(document)
        guard !body.isEmpty else { return "" }
        // Only the opening is kept, so only the opening is rendered (cut at a line's end).
        var markdown = body.markdown
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

    static func entry(_ kind: String, _ title: String, _ path: String, snippet: String?, text: [String?], _ c: PageContext) -> String {
        let words = ([title] + text.compactMap { $0 }).joined(separator: " ")
        let snippet = snippet ?? String(text.compactMap { $0 }.joined(separator: " ").prefix(180))
        // The address is relative to the index, which sits in search/ of the language's folder.
        let value: [Any] = [kind, title, "../" + path, snippet, folded(words)]
        return JSONText.write(value)
    }

    /// One entry per item, each kept like a card (its reads are the index's).
    static func entries(_ c: PageContext) -> [String] {
        let at = Linker(from: "search/index.json")
        func kept(_ name: String, _ key: String, _ make: (PageContext) -> String) -> String {
            c.fragments.text("search-" + name, key, at: at, in: c.read.language, into: c.read.reads, make)
        }
        var entries: [String] = []
        for slug in c.read.cities(.cities).map(\.slug) {
            entries.append(kept("city", slug.value) { c in
                let city = c.read.city(slug)!
                return entry("city", city.title, CityPage.path(slug), snippet: city.summary,
                             text: [c.countryName(city.country.value), city.summary, bodyText(city.document, c)] + city.expectations.map(\.text), c)
            })
        }
        for slug in c.read.projects(.projects).map(\.slug) {
            entries.append(kept("project", slug.value) { c in
                let project = c.read.project(slug)!
                return entry("project", project.title, ProjectPage.path(slug), snippet: project.summary,
                             text: [c.read.city(project.city.value)?.title, project.summary, project.partners.joined(separator: " "), bodyText(project.document, c)], c)
            })
        }
        for code in c.read.countries.map(\.code) {
            entries.append(kept("country", code.value) { c in
                let country = c.read.country(code)!
                return entry("country", country.name, CountryPage.path(code), snippet: country.summary, text: [country.summary, bodyText(country.document, c)], c)
            })
        }
        for slug in c.read.programmes.map(\.slug) {
            entries.append(kept("programme", slug.value) { c in
                let p = c.read.programme(slug)!
                return entry("programme", p.title, ProgrammePage.path(slug), snippet: p.summary, text: [p.shortName, p.summary, bodyText(p.document, c)], c)
            })
        }
        for slug in c.read.pages.map(\.slug) {
            entries.append(kept("page", slug.value) { c in
                let page = c.read.page(slug)!
                return entry("page", page.title, TextPage.path(slug), snippet: page.summary, text: [page.summary, bodyText(page.document, c)], c)
            })
        }
        // The catalogue is one input: its entries are made together.
        entries.append(kept("catalogue", "all") { c in
            c.read.catalogue.goals.flatMap { goal in
                [entry("goal", "\(c.t("goal")) \(goal.number): \(goal.short)", GoalPage.path(goal.number), snippet: goal.title, text: [goal.title], c)]
                    + goal.targets.map { target in
                        entry("target", "\(c.t("target")) \(target.code)", TargetPage.path(target.code), snippet: target.title,
                              text: [target.title] + target.indicators.map(\.title), c)
                    }
            }.joined(separator: ",\n")
        })
        return entries
    }

    static let index = PageKind<Void>(name: "search-index", listed: false, perLanguage: true, keys: { _, _ in [()] },
                                      path: { _ in "search/index.json" }) { _, c in
        let kinds = ["city": c.t("city"), "project": c.t("feed_project"), "country": c.t("country"), "programme": c.t("programme"),
                     "page": c.t("search_kind_page"), "goal": c.t("goal"), "target": c.t("target")]
        let head = JSONText.write(kinds)
        return .file(Data(("{\"kinds\":" + head + ",\n\"entries\":[\n" + entries(c).joined(separator: ",\n") + "\n]}\n").utf8))
    }

    static let page = PageKind<Void>(name: "search", listed: true, keys: { _, _ in [()] }, path: { _ in "search/index.html" }) { _, c in
        .page(template: "search", meta: c.meta(title: c.t("search_title"), description: c.t("search_description")),
              view: SearchView(indexHref: "index.json", one: c.t("search_results_one"), other: c.t("search_results"), none: c.t("search_none")))
    }
}

struct SearchView {
    var indexHref: String
    var one: String
    var other: String
    var none: String
}
