import Foundation
import Testing
@testable import CitySDGEngine

/// Reads the bundled site as a Lao, Khmer or Burmese reader would: on the home, city, goal,
/// target, project and search pages, the text a reader sees or hears (text, `aria-label`, `title`,
/// `placeholder`, `alt`), outside what is marked as being in another language (`lang="en"`: content
/// not translated yet), must be in the page's script. A piece of text with no letter of the script
/// may hold only names and codes (SDG, CitySDG, JSON, GeoNames, A/RES/70/1); one with the script may
/// hold names, never an English word such as "until" or "of".
@Suite struct ReaderTests {
    nonisolated(unsafe) static let built: (folder: TemporaryFolder, result: Build.Result) = {
        let folder = TemporaryFolder()
        let result = build(Repo.content, into: folder.url.appendingPathComponent("site"))
        return (folder, result)
    }()
    var site: URL { Self.built.folder.url.appendingPathComponent("site") }

    static let scripts: [String: ClosedRange<UInt32>] = ["lo": 0x0E80...0x0EFF, "km": 0x1780...0x17FF, "my": 0x1000...0x109F]
    /// Names and codes that stay in Latin letters in every language.
    static let names: Set<String> = ["SDG", "SDGs", "CitySDG", "ASEAN", "JSON", "CSV", "UTF", "RFC", "MIT", "CC", "BY", "GeoNames", "Natural",
                                     "Earth", "Open", "sdg-translations", "JavaScript", "A", "RES", "Schema", "Atom"]
    /// English words that never belong in a translated sentence (a glued phrase leaves them there),
    /// as written in one (lower case: `CC BY` is a name).
    static let englishWords: Set<String> = ["the", "of", "and", "or", "in", "on", "to", "from", "with", "for", "by", "at", "is", "are", "not",
                                            "yet", "no", "this", "that", "its", "their", "until", "since", "page", "pages", "city", "cities",
                                            "goal", "goals", "target", "targets", "project", "projects", "model", "local", "source", "sources",
                                            "search", "results", "continued"]

    /// Each piece of text of a page, with the language it is in (the nearest `lang`).
    static func readable(_ html: String) -> [(text: String, lang: String)] {
        var pieces: [(String, String)] = []
        var stack: [(tag: String, lang: String?)] = []
        let void: Set<String> = ["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"]
        let skipped: Set<String> = ["script", "style", "head", "code"]
        func current() -> String { stack.last { $0.lang != nil }?.lang ?? "" }
        func hidden() -> Bool { stack.contains { skipped.contains($0.tag) } }
        var rest = Substring(html)
        while let open = rest.firstIndex(of: "<") {
            let text = rest[..<open]
            if !hidden(), !text.allSatisfy(\.isWhitespace) { pieces.append((decode(String(text)), current())) }
            guard let close = rest[open...].firstIndex(of: ">") else { break }
            let tag = rest[rest.index(after: open)..<close]
            rest = rest[rest.index(after: close)...]
            if tag.hasPrefix("!") { continue }
            if tag.hasPrefix("/") {
                let name = tag.dropFirst().lowercased()
                if let i = stack.lastIndex(where: { $0.tag == name }) { stack.removeSubrange(i...) }
                continue
            }
            let name = String(tag.prefix { !$0.isWhitespace && $0 != "/" }).lowercased()
            let attributes = Self.attributes(String(tag))
            let element = (tag: name, lang: attributes["lang"])
            let lang = element.lang ?? current()
            if !hidden() && !skipped.contains(name) {
                for key in ["aria-label", "title", "placeholder", "alt"] { if let value = attributes[key], !value.isEmpty { pieces.append((decode(value), lang)) } }
            }
            if !void.contains(name) && !tag.hasSuffix("/") { stack.append(element) }
        }
        return pieces
    }

    static func attributes(_ tag: String) -> [String: String] {
        var found: [String: String] = [:]
        for match in tag.matches(of: /([a-z-]+)="([^"]*)"/) { found[String(match.output.1)] = String(match.output.2) }
        return found
    }

    static func decode(_ text: String) -> String {
        text.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&quot;", with: "\"")
            .replacingOccurrences(of: "&#39;", with: "'").replacingOccurrences(of: "&amp;", with: "&").trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// What is English in a page's text in `language`, each with what it was found in.
    static func english(in html: String, language: String) -> [String] {
        let script = scripts[language]!
        var problems: [String] = []
        for (text, lang) in readable(html) where lang == language {
            // Codes (11.a, 11.7.1) are not words.
            let text = text.replacing(/\d+(\.[0-9a-z]+)+/, with: " ")
            let words = text.split { !($0.isLetter || $0 == "-" ) }.map(String.init).filter { word in word.unicodeScalars.contains { $0.properties.isAlphabetic && $0.value < 0x250 } }
            let inScript = text.unicodeScalars.contains { script.contains($0.value) }
            // An acronym or a code in capitals (LA, USD, ASCN) is no English word.
            let wrong = inScript ? words.filter { englishWords.contains($0) }
                : words.filter { !names.contains($0) && !($0.count <= 5 && $0.allSatisfy { $0.isUppercase || $0 == "-" }) }
            if !wrong.isEmpty { problems.append("\(wrong.joined(separator: " ")) in “\(text.prefix(80))”") }
        }
        return problems
    }

    @Test func theReaderTestSeesEnglish() {
        #expect(Self.english(in: "<html lang=\"lo\"><p>Model projects</p></html>", language: "lo") == ["Model projects in “Model projects”"])
        #expect(Self.english(in: "<html lang=\"lo\"><p>ຈົນຮອດ 6 ທັນວາ 2023</p><p>until 6 ທັນວາ 2023</p></html>", language: "lo")
                == ["until in “until 6 ທັນວາ 2023”"])
        #expect(Self.english(in: "<html lang=\"lo\"><input placeholder=\"Search\"><p lang=\"en\">Luang Prabang</p><p>CitySDG, JSON</p></html>", language: "lo")
                == ["Search in “Search”"])
        #expect(Self.english(in: "<html lang=\"lo\"><p>LA</p><p>· ASCN</p><p>· Model Cities</p></html>", language: "lo") == ["Model Cities in “· Model Cities”"])
    }

    @Test(arguments: ["lo", "km", "my"])
    func theInterfaceIsInThePagesScript(language: String) throws {
        #expect(!Self.built.result.failed, "\(Self.built.result.diagnostics.sorted)")
        let project = try #require(try FileManager.default.contentsOfDirectory(atPath: site.appendingPathComponent("projects").path)
            .filter { !$0.hasSuffix(".html") }.sorted().first)
        // Bangkok and Singapore have indicator data (charts, tables, a disaggregation), whose words are a data file's.
        for path in ["index.html", "cities/luang-prabang/index.html", "cities/bangkok/index.html", "cities/singapore/index.html",
                     "goals/11/index.html", "targets/11-7/index.html", "indicators/11-6-2/index.html", "indicators/1-2-1/index.html",
                     "projects/\(project)/index.html", "search/index.html",
                     // The country report, the lists of countries and programmes, and the printable report of projects.
                     "countries/index.html", "countries/la/index.html", "countries/id/index.html", "programmes/index.html", "report/index.html",
                     // The lists with their filters, a programme, the charts, the goals, the indicators with data and the open data.
                     "cities/index.html", "projects/index.html", "programmes/ascn/index.html", "charts/index.html", "goals/index.html",
                     "indicators/index.html", "data/index.html"] {
            let html = try page("\(language)/\(path)", in: site)
            #expect(html.contains("<html lang=\"\(language)\">"))
            let found = Self.english(in: html, language: language)
            #expect(found.isEmpty, "\(language)/\(path): \(found)")
        }
    }
}
