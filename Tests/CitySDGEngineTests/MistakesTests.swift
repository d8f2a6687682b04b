import Foundation
import Testing
@testable import CitySDGEngine

/// The editor's mistakes that used to build with exit 0, or with the wrong hint; and a failed
/// build that leaves no trace.
@Suite struct MistakesTests {
    /// Every entry under `folder` (folders too) with its kind, size and modification time.
    func tree(_ folder: URL) -> [String: String] {
        var entries: [String: String] = [:]
        guard FileManager.default.fileExists(atPath: folder.path) else { return ["": "absent"] }
        let walker = FileManager.default.enumerator(atPath: folder.path)
        while let path = walker?.nextObject() as? String {
            var s = stat()
            stat(folder.appendingPathComponent(path).path, &s)
            entries[path] = "\(s.st_mode & S_IFMT) \(s.st_size) \(s.st_mtim.tv_sec).\(s.st_mtim.tv_nsec)"
        }
        var s = stat()
        stat(folder.path, &s)
        entries["."] = "\(s.st_mtim.tv_sec).\(s.st_mtim.tv_nsec)"
        return entries
    }

    /// Each way a build can fail, into an output folder that holds a site, that is empty, and that
    /// does not exist: afterwards it is entry for entry what it was, folders and times included,
    /// and nothing is left beside it.
    @Test func aFailedBuildLeavesNoTrace() throws {
        let breakages: [(String, (TemporaryFolder) -> Void)] = [
            ("a content error", { $0.write("---\ntitle: Broken\ncity: nowhere\n---\n", to: "Content/projects/broken.md") }),
            ("a new city with a broken link", {
                $0.write("---\ntitle: New\ncountry: LA\n---\nSee [x](/cities/nowhere/).\n", to: "Content/cities/la/new-town.md")
            }),
            ("a template that does not parse", { $0.write("{{#view}}", to: "Themes/default/templates/page.mustache") }),
            ("a missing theme", { $0.write("title: T\ntheme: nothing\n", to: "Content/site.yml") }),
        ]
        for (what, breakIt) in breakages {
            for start in ["built", "empty", "absent"] {
                let work = TemporaryFolder()
                let content = work.copy(Repo.fixture, as: "Content")
                let themes = work.copy(Repo.themes, as: "Themes")
                let out = work.url.appendingPathComponent("site")
                func run() -> Build.Result {
                    Build(content: content, themes: themes, output: out, stateFile: work.url.appendingPathComponent(".citysdg/build-graph")).run()
                }
                if start == "built" { #expect(!run().failed) }
                if start == "empty" { try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true) }
                let before = tree(out)
                let beside = Set(try FileManager.default.contentsOfDirectory(atPath: work.url.path)).subtracting([".citysdg"])
                usleep(20_000) // so that a touched folder would show a new time
                breakIt(work)
                #expect(run().failed, "\(what) into \(start)")
                #expect(tree(out) == before, "\(what) into \(start) changed the output")
                #expect(Set(try FileManager.default.contentsOfDirectory(atPath: work.url.path)).subtracting([".citysdg"]) == beside, "\(what) into \(start) left something beside it")
            }
        }
    }

    @Test func goalsThatDisagreeWithTheTargetsAreAnError() {
        let d = loadDiagnostics(files: ["projects/p.md": "---\ntitle: P\ncity: x\ngoals: [6]\ntargets: [\"6.3\", \"11.7\"]\n---\n"])
        let error = d.first { $0.message.contains("`goals:` names goal 6, but the targets serve goals 6, 11") }
        #expect(error?.location.line == 4 && error?.location.column == 1, "\(d)")
        #expect(error?.hint?.contains("leave out `goals:`") == true)
        let agreeing = loadDiagnostics(files: ["projects/p.md": "---\ntitle: P\ncity: x\ngoals: [6, 11]\ntargets: [\"6.3\", \"11.7\"]\n---\n"])
        #expect(agreeing.isEmpty, "\(agreeing)")
    }

    @Test func fileNamesInOtherScriptsAreSlugsAndOthersGetASuggestion() {
        // A slug is the file name in composed Unicode (NFC), lower case where the script has case.
        #expect(Slug(text: "ຫຼວງພະບາງ")?.value == "ຫຼວງພະບາງ")
        #expect(Slug(text: "ភ្នំពេញ") != nil && Slug(text: "ရန်ကုန်") != nil && Slug(text: "กรุงเทพ") != nil)
        #expect(Slug(text: "\u{0111}a\u{0300}-na\u{0306}\u{0303}ng").map { Array($0.value.utf8) } == Array("\u{0111}\u{00E0}-n\u{1EB5}ng".utf8), "NFD is made NFC")
        for refused in ["Đà-nẵng", "luang prabang", "a.b", "a/b", "-a", "a--b", "ສ!", "a\u{200B}b", ""] {
            #expect(Slug(text: refused) == nil, "\(refused)")
        }
        #expect(Slug.suggest(for: "Đà Nẵng") == "đà-nẵng")
        #expect(Slug.suggest(for: "Luang Prabang") == "luang-prabang")
        #expect(Slug.suggest(for: "ຫຼວງ ພະບາງ") == "ຫຼວງ-ພະບາງ")
        #expect(Slug.suggest(for: "!!") == nil)
        // The name in Latin letters, for those who want an ASCII address.
        #expect(Slug.latin(for: "Đà Nẵng") == "da-nang")
        #expect(Slug.latin(for: "đà-nẵng") == "da-nang")
        #expect(Slug.latin(for: "กรุงเทพ").map { !$0.isEmpty && Slug(text: $0) != nil } == true, "Thai has a Latin reading")
        #expect(Slug.latin(for: "ရန်ကုန်").map { !$0.isEmpty && Slug(text: $0) != nil } == true, "Burmese has a Latin reading")
        #expect(Slug.latin(for: "ຫຼວງພະບາງ") == nil, "ICU has no Lao transliteration")
        let lao = loadDiagnostics(files: ["cities/la/ຫຼວງພະບາງ.md": "---\ntitle: ຫຼວງພະບາງ\ncountry: LA\n---\n"])
        #expect(lao.isEmpty, "\(lao)")
        let spaced = loadDiagnostics(files: ["cities/vn/Đà Nẵng.md": "---\ntitle: Đà Nẵng\ncountry: VN\n---\n"])
        #expect(spaced.first?.hint?.contains("rename it to `đà-nẵng.md`") == true, "\(spaced)")
        #expect(spaced.first?.hint?.contains("or `da-nang.md` for an address in Latin letters") == true, "\(spaced)")
    }

    @Test func namesThatDifferOnlyInCaseOrUnicodeFormAreNamedTogether() {
        // NFC and NFD spellings of one name are equal Swift strings, so they are written one by one.
        let folder = TemporaryFolder()
        folder.write("title: T\nbase_url: https://example.org/\n", to: "site.yml")
        for name in ["la/vientiane", "la/Vientiane", "vn/\u{0111}a\u{0300}-na\u{0306}\u{0303}ng", "vn/\u{0111}\u{00E0}-n\u{1EB5}ng"] {
            folder.write("---\ntitle: T\ncountry: \(name.prefix(2).uppercased())\n---\n", to: "cities/\(name).md")
        }
        var diagnostics = Diagnostics()
        let loaded = ContentLoader(root: folder.url, displayRoot: "Content").load(&diagnostics)
        let errors = diagnostics.sorted.filter { $0.severity == .error }
        #expect(errors.count == 3, "\(errors)")
        #expect(errors.contains { $0.location.file.hasSuffix("Vientiane.md") && $0.hint?.contains("`vientiane.md`") == true })
        let vietnamese = errors.filter { $0.location.file.contains("cities/vn/") }
        #expect(vietnamese.count == 2 && vietnamese.allSatisfy { $0.message.contains("(NFC)") && $0.message.contains("(NFD)")
            && $0.message.contains("one name written in two Unicode forms") }, "\(vietnamese.map(\.message))")
        #expect(loaded.cities.map(\.slug.value) == ["vientiane"], "neither spelling is built")
    }

    @Test func emptyTitlesTabsAndDroppedHTMLAreReported() {
        let empty = loadDiagnostics(files: ["cities/la/x.md": "---\ntitle: \"\"\ncountry: LA\n---\n"])
        #expect(empty.contains { $0.message == "`title` is empty" && $0.location.line == 2 }, "\(empty)")
        let tab = loadDiagnostics(files: ["cities/la/x.md": "---\ntitle: X\ncountry: LA\nexpectations:\n\t- target: \"11.7\"\n---\n"])
        #expect(tab.contains { $0.message.contains("a tab indents this line") && $0.location.line == 5 && $0.location.column == 1 }, "\(tab)")
        let html = loadDiagnostics(files: ["cities/la/x.md": "---\ntitle: X\ncountry: LA\n---\nText.\n\n<script>alert(1)</script>\n\n[click](javascript:alert(1))\n"])
        #expect(html.contains { $0.severity == .warning && $0.message.hasPrefix("raw HTML is left out") && $0.location.line == 7 }, "\(html)")
        #expect(html.contains { $0.severity == .warning && $0.message.contains("`javascript:alert(1)` is left out") && $0.location.line == 9 }, "\(html)")
    }

    @Test func aRelativeLinkToNoPageIsAnError() {
        let work = TemporaryFolder()
        let content = work.copy(Repo.fixture, as: "Content")
        work.write("---\ntitle: Gamma\ncountry: LA\n---\nSee [Vientiane](../vientian/) and [Alpha](../alpha-town/).\n", to: "Content/cities/la/gamma.md")
        let result = build(content, into: work.url.appendingPathComponent("site"))
        let broken = result.diagnostics.sorted.filter { $0.message.contains("leads to no page") }
        #expect(broken.count == 1 && broken.first?.message.contains("../vientian/") == true, "\(broken)")
        #expect(broken.first?.location.line == 5)
        #expect(Linker(from: "cities/gamma/index.html").relativeTarget("../alpha-town/") == "cities/alpha-town/index.html")
        #expect(Linker(from: "cities/gamma/index.html").relativeTarget("https://example.org/") == nil)
        #expect(Linker(from: "index.html").relativeTarget("../../x/") == nil)
    }

    @Test func aProjectForACityThatDoesNotExistIsNotWritten() {
        #expect(throws: Scaffold.Problem.self) { try Scaffold.project(title: "P", city: "nowhere", cities: ["vientiane"]) }
        do {
            _ = try Scaffold.project(title: "P", city: "vientian", cities: ["vientiane"])
        } catch {
            #expect(error.description.contains("did you mean `vientiane`?"))
        }
        #expect((try? Scaffold.project(title: "P", city: "vientiane", cities: ["vientiane"])) != nil)
        #expect(Scaffold.cities(in: Repo.fixture) == ["alpha-town", "beta-city"])
    }

    @Test func theNotFoundPageLinksFromTheSitesRoot() throws {
        let out = TemporaryFolder()
        _ = build(Repo.fixture, into: out.url)   // base_url https://example.org/sdg/
        let text = try page("404.html", in: out.url)
        #expect(text.contains("href=\"/sdg/assets/style.css\""))
        #expect(text.contains("href=\"/sdg/goals/index.html\""))
        #expect(!text.contains("https://example.org/sdg/assets"))
        #expect(PageContext.rootPath(of: "") == "/")
        #expect(PageContext.rootPath(of: "https://example.org") == "/")
    }

    @Test func amountsRoundToCents() {
        #expect(Format.amount(0.999) == "1")
        #expect(Format.amount(1.5) == "1.50")
        #expect(Format.amount(45_000_000) == "45,000,000")
        #expect(Format.amount(1234.005) == "1,234.01" || Format.amount(1234.005) == "1,234")
        #expect(Format.amount(2.04) == "2.04")
    }
}

/// Images and documents live in Content/media/, are copied to the site's media/, and are linked
/// and checked like pages; every image needs alt text.
@Suite struct MediaTests {
    @Test func mediaIsCopiedCheckedAndIncremental() throws {
        let work = TemporaryFolder()
        let content = work.copy(Repo.fixture, as: "Content")
        let out = work.url.appendingPathComponent("site")
        let picture = Data((0..<256).map { UInt8($0) })
        try FileManager.default.createDirectory(at: content.appendingPathComponent("media/alpha"), withIntermediateDirectories: true)
        try picture.write(to: content.appendingPathComponent("media/alpha/park.jpg"))
        let city = content.appendingPathComponent("cities/la/alpha-town.md")
        let text = try String(contentsOf: city, encoding: .utf8)
        try Data((text + "\n![The park by the river](/media/alpha/park.jpg)\n").utf8).write(to: city)
        func run(state: Bool = true) -> Build.Result {
            Build(content: content, themes: Repo.themes, output: out, contentDisplay: "Content",
                  stateFile: state ? work.url.appendingPathComponent(".citysdg/build-graph") : nil).run()
        }
        let first = run()
        #expect(!first.failed, "\(first.diagnostics.sorted)")
        #expect(FileManager.default.contents(atPath: out.appendingPathComponent("media/alpha/park.jpg").path) == picture)
        let built = try page("cities/alpha-town/index.html", in: out)
        #expect(built.contains("<img src=\"../../media/alpha/park.jpg\" alt=\"The park by the river\""))
        // A changed picture is copied again, and nothing else is made again.
        try Data(picture.reversed()).write(to: content.appendingPathComponent("media/alpha/park.jpg"))
        let again = run()
        #expect(again.rendered == 1 && again.explanations.first?.path == "media/alpha/park.jpg")
        #expect(FileManager.default.contents(atPath: out.appendingPathComponent("media/alpha/park.jpg").path) == Data(picture.reversed()))
        // A missing picture, a picture without alt text, one beside the Markdown, a name that is no address.
        try Data((text + "\n![](/media/alpha/park.jpg)\n\n![Gone](/media/alpha/gone.jpg)\n").utf8).write(to: city)
        try picture.write(to: content.appendingPathComponent("cities/la/beside.jpg"))
        try picture.write(to: content.appendingPathComponent("media/alpha/Park View.JPG"))
        let broken = run().diagnostics.sorted
        #expect(broken.contains { $0.message.contains("has no alt text") && $0.location.file == "Content/cities/la/alpha-town.md" })
        #expect(broken.contains { $0.message.contains("`/media/alpha/gone.jpg` leads to no page") })
        #expect(broken.contains { $0.severity == .warning && $0.location.file.hasSuffix("beside.jpg") && $0.hint?.contains("media/") == true })
        #expect(broken.contains { $0.message.contains("`alpha/Park View.JPG`") && $0.hint?.contains("media/alpha/park-view.jpg") == true })
    }
}

/// `citysdg new` writes its commented lines from the same field list as the unknown-field check
/// and the JSON Schema; with every line filled in, the decoder reads every field without a problem.
@Suite struct ScaffoldTests {
    func filledIn(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).compactMap { line -> String? in
            if line.hasPrefix("# Every fact") { return nil }
            if line == "sources: []" { return "sources:" }
            return line.hasPrefix("# ") ? String(line.dropFirst(2)) : String(line)
        }.joined(separator: "\n")
    }

    @Test func everyFieldOfTheContractIsWrittenAndRead() throws {
        let files = [(try Scaffold.city(name: "Pakse", country: "LA"), FrontMatterSchema.city),
                     (try Scaffold.project(title: "Green Market", city: "pakse", cities: ["pakse"]), FrontMatterSchema.project)]
        for (file, fields) in files {
            for field in fields where field.name != "sources" {
                #expect(file.text.contains("\n\(field.name):") || file.text.contains("\n# \(field.name):"), "\(file.path) lacks \(field.name)")
            }
            let diagnostics = loadDiagnostics(files: [file.path: filledIn(file.text)])
            #expect(diagnostics.isEmpty, "\(file.path): \(diagnostics)")
        }
    }
}

/// An expectation whose wording an editor summed up is marked as such on the city page.
@Suite struct ParaphraseTests {
    @Test func aParaphraseIsNotShownAsAQuotation() throws {
        let out = TemporaryFolder()
        _ = build(Repo.fixture, into: out.url)
        let text = try page("cities/alpha-town/index.html", in: out.url)
        let banks = try #require(text.range(of: "Banks reach the old town."))
        let mark = try #require(text.range(of: "an editor&#39;s summary of the source&#39;s, not a quotation"))
        #expect(mark.lowerBound > banks.lowerBound)
        #expect(text.components(separatedBy: "not a quotation").count == 2, "only the paraphrased wording is marked")
    }
}
