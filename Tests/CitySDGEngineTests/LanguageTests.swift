import Foundation
import Testing
import Yams
@testable import CitySDGEngine

/// The site in several languages: every page in every language of site.yml, with its SDG titles
/// as the imported translations give them, `lang`, hreflang links and a switch that leads to the
/// same page in each language.
@Suite(.serialized) struct LanguageTests {
    nonisolated(unsafe) static let built: (folder: TemporaryFolder, result: Build.Result) = {
        let folder = TemporaryFolder()
        let result = build(Repo.content, into: folder.url.appendingPathComponent("site"))
        return (folder, result)
    }()
    var site: URL { Self.built.folder.url.appendingPathComponent("site") }

    /// Every HTML page of the built site, by path.
    func htmlPages() -> [String] {
        snapshot(site).keys.filter { $0.hasSuffix(".html") }.sorted()
    }

    static func yaml(_ url: URL) -> [String: String] {
        guard let text = try? String(contentsOf: url, encoding: .utf8), let values = try? Yams.load(yaml: text) as? [String: Any] else { return [:] }
        return values.mapValues { "\($0)".trimmingCharacters(in: .whitespacesAndNewlines) }
    }

    @Test func theBundledSiteIsBuiltInFourLanguages() throws {
        #expect(!Self.built.result.failed, "\(Self.built.result.diagnostics.sorted)")
        for language in ["lo", "km", "my"] {
            for path in ["index.html", "goals/11/index.html", "targets/11-7/index.html", "cities/luang-prabang/index.html",
                         "projects/index.html", "countries/la/index.html"] {
                #expect(FileManager.default.fileExists(atPath: site.appendingPathComponent("\(language)/\(path)").path), "\(language)/\(path)")
            }
        }
    }

    /// Goal and target titles on the Lao, Khmer and Burmese pages are the reference translations'
    /// (Open SDG's sdg-translations, as Fixtures/sdg-translations holds them).
    @Test(arguments: ["lo", "km", "my"])
    func goalAndTargetTitlesAreTheReferenceTranslations(language: String) throws {
        let folder = Repo.sdgTranslations.appendingPathComponent(language)
        try #require(FileManager.default.fileExists(atPath: folder.path), "Fixtures/sdg-translations/\(language) is missing")
        let goals = Self.yaml(folder.appendingPathComponent("global_goals.yml"))
        let targets = Self.yaml(folder.appendingPathComponent("global_targets.yml"))
        for goal in 1...17 {
            let html = try page("\(language)/goals/\(goal)/index.html", in: site)
            let short = try #require(goals["\(goal)-short"]), title = try #require(goals["\(goal)-title"])
            #expect(html.contains("<h1>\(escaped(short))</h1>"), "goal \(goal) in \(language): \(short)")
            #expect(html.contains(escaped(title)), "goal \(goal) in \(language): \(title)")
        }
        for code in ["11.7", "11.a", "1.1", "17.19", "6.3"] {
            let html = try page("\(language)/targets/\(code.replacingOccurrences(of: ".", with: "-"))/index.html", in: site)
            let title = try #require(targets[code.replacingOccurrences(of: ".", with: "-") + "-title"])
            #expect(html.contains(escaped(title)), "target \(code) in \(language)")
        }
        // The English pages keep the UN's English titles.
        #expect(try page("goals/11/index.html", in: site).contains("<h1>Sustainable Cities and Communities</h1>"))
    }

    func escaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;").replacingOccurrences(of: "'", with: "&#39;")
    }

    /// A phrase with a link or a code in it is one translated string, so each language puts them where
    /// its word order wants: Burmese names the country before "national goal", Lao after it.
    @Test func phrasesKeepEachLanguagesWordOrder() throws {
        let lao = try page("lo/goals/18/index.html", in: site), burmese = try page("my/goals/18/index.html", in: site)
        #expect(lao.contains(#"<p class="badge">ເປົ້າ ໝາຍ ແຫ່ງຊາດຂອງ <a href="../../../lo/countries/la/index.html">ລາວ</a></p>"#))
        #expect(burmese.contains(#"<p class="badge"><a href="../../../my/countries/la/index.html">လာအို</a> ၏ အမျိုးသားရည်မှန်းချက်</p>"#))
        #expect(try page("goals/18/index.html", in: site).contains(#"<p class="badge">A national goal of <a href="../../countries/la/index.html">Lao PDR</a></p>"#))
        #expect(try page("my/targets/11-5/index.html", in: site).contains("(1.5.1၊ 13.1.1 နှင့် တူညီသော အညွှန်း)"))
        #expect(try page("targets/11-5/index.html", in: site).contains("(the same indicator as 1.5.1, 13.1.1)"))
    }

    /// A map label takes the room its script needs: at least the width and height Chromium draws
    /// with the Noto fonts at 12 px (measured for the bundled cities' names), so that no two overlap.
    @Test func mapLabelsMakeRoomForTheirScript() {
        let measured: [(String, Double, Double)] = [("ຫລວງພະບາງ", 56.6, 19.7), ("ຊຳເໜືອ", 33.9, 19.7), ("ក្រុងព្រះសីហនុ", 64.2, 20),
                                                    ("ទីក្រុងហានូយ", 59.5, 20), ("ဘန်ကောက်မြို့", 76.6, 26.3), ("ကွာလာလမ်ပူမြို့", 84.1, 26.3),
                                                    ("ဘန်ဒါဆရီဘဂါဝမ်မြို့", 110.3, 26.3), ("Kuala Lumpur", 79.6, 14)]
        for (name, width, height) in measured {
            let box = MapMaker.LabelBox(name, fontSize: 12)
            #expect(box.width >= width, "\(name): \(box.width) < \(width)")
            #expect(box.sideBottom - box.sideTop >= height - 0.5, "\(name) beside its dot")
            #expect(-6 - box.aboveTop >= height - 0.5 && box.belowBottom - 6 >= height - 0.5, "\(name) above or below its dot")
        }
    }

    /// Counts on the goal tiles are numbers in the page's digits (CLDR's default for Burmese is Myanmar digits).
    @Test func tileCountsAreInThePagesDigits() throws {
        let burmese = try page("my/index.html", in: site), english = try page("index.html", in: site)
        let count = #/<span class="tile-count">([^<]*)</span>/#
        let burmeseCounts = burmese.matches(of: count).map { String($0.output.1) }, englishCounts = english.matches(of: count).map { String($0.output.1) }
        #expect(burmeseCounts.count == englishCounts.count && !burmeseCounts.isEmpty)
        #expect(burmeseCounts.allSatisfy { $0.unicodeScalars.allSatisfy { (0x1040...0x1049).contains($0.value) } }, "\(burmeseCounts)")
        #expect(englishCounts.allSatisfy { $0.allSatisfy(\.isASCII) })
    }

    /// Every page says its language, links to itself in every language (hreflang, x-default),
    /// and its language switch leads to pages that exist, the same page in each language.
    @Test func everyPageHasLangHreflangAndAWorkingSwitch() throws {
        let base = "https://citysdg.github.io/citysdg/"
        for path in htmlPages() where path != "404.html" {
            let html = try page(path, in: site)
            let language = ["lo", "km", "my"].first { path.hasPrefix($0 + "/") } ?? "en"
            let neutral = language == "en" ? path : String(path.dropFirst(3))
            #expect(html.contains("<html lang=\"\(language)\">"), "\(path)")
            for other in ["en", "lo", "km", "my"] {
                let address = base + (other == "en" ? "" : other + "/") + Route.pretty(neutral)
                #expect(html.contains("<link rel=\"alternate\" hreflang=\"\(other)\" href=\"\(address)\">"), "\(path) → \(other)")
            }
            #expect(html.contains("<link rel=\"alternate\" hreflang=\"x-default\" href=\"\(base + Route.pretty(neutral))\">"), "\(path)")
            let languageSwitch = section(of: html, from: "class=\"languages\"")
            let switchLanguages = languageSwitch.components(separatedBy: "hreflang=\"").dropFirst().map { String($0.prefix { $0 != "\"" }) }
            #expect(switchLanguages == ["en", "lo", "km", "my"], "\(path): \(switchLanguages)")
            for href in languageSwitch.components(separatedBy: "href=\"").dropFirst().map({ String($0.prefix { $0 != "\"" }) }) {
                let target = Linker(from: path).relativeTarget(href)
                #expect(target.map { FileManager.default.fileExists(atPath: site.appendingPathComponent($0).path) } == true, "\(path): \(href)")
                #expect(target.map { $0.hasSuffix(neutral) } == true, "\(path): \(href) is not the same page")
            }
        }
    }

    /// The navigation element that starts with `marker`, up to its end.
    func section(of html: String, from marker: String) -> String {
        guard let start = html.range(of: marker), let end = html.range(of: "</nav>", range: start.upperBound..<html.endIndex) else { return "" }
        return String(html[start.upperBound..<end.lowerBound])
    }

    @Test func theSitemapListsTheAlternates() throws {
        let sitemap = try page("sitemap.xml", in: site)
        #expect(sitemap.contains("xmlns:xhtml=\"http://www.w3.org/1999/xhtml\""))
        #expect(sitemap.contains("<loc>https://citysdg.github.io/citysdg/lo/cities/luang-prabang/</loc>"))
        #expect(sitemap.contains("<xhtml:link rel=\"alternate\" hreflang=\"my\" href=\"https://citysdg.github.io/citysdg/my/cities/luang-prabang/\"/>"))
    }

    /// Links a page writes stay in its language; stylesheets and media are shared.
    @Test func linksStayInTheirLanguage() throws {
        let html = try page("lo/cities/luang-prabang/index.html", in: site)
        #expect(html.contains("href=\"../../../lo/countries/la/index.html\""))
        #expect(html.contains("href=\"../../../assets/style.css\""))
        #expect(!html.contains("href=\"../../../countries/"))
        let linker = Linker(from: "lo/cities/x/index.html", folder: "lo/")
        #expect(linker.internalLink("/cities/vientiane/")?.path == "lo/cities/vientiane/index.html")
        #expect(linker.internalLink("/media/a.jpg")?.path == "media/a.jpg")
    }

    /// The importer reads the reference copy and reports what it found; its files hold the titles.
    @Test func theImporterWritesTheCatalogueAndInterface() throws {
        let reference = Repo.sdgTranslations
        try #require(FileManager.default.fileExists(atPath: reference.path), "Fixtures/sdg-translations is missing")
        let work = TemporaryFolder()
        let theme = work.copy(Repo.themes.appendingPathComponent("default"), as: "default")
        try FileManager.default.removeItem(at: theme.appendingPathComponent("i18n/lo.yml"))
        try work.write("own_key: \"A translator's string\"\n", to: "default/i18n/lo.yml")
        let importer = try TranslationImporter(source: reference, theme: theme, catalogue: .bundled, defaultLanguage: "en")
        let report = try importer.importLanguage("lo")
        #expect(report.goals == (17, 17) && report.targets == (169, 169))
        #expect(report.indicators.0 > 240)
        #expect(report.interfaceImported == TranslationImporter.interfaceKeys.count + 1)
        #expect(report.interfaceMissing.contains("nav_cities") && !report.interfaceMissing.contains("nav_goals"))
        let strings = Self.yaml(theme.appendingPathComponent("i18n/lo.yml"))
        #expect(strings["own_key"] == "A translator's string")
        #expect(strings["language_name"] == "ພາສາລາວ")
        var d = Diagnostics()
        let translation = try #require(CatalogueTranslation.load(theme.appendingPathComponent("i18n/catalogue/lo.yml"), shown: "lo.yml", &d))
        #expect(!d.hasErrors)
        #expect(translation.goals[GoalNumber(11)]?.short == Self.yaml(reference.appendingPathComponent("lo/global_goals.yml"))["11-short"])
        #expect(translation.targets[TargetCode(text: "11.a")!] == Self.yaml(reference.appendingPathComponent("lo/global_targets.yml"))["11-a-title"])
        #expect(throws: TranslationImporter.Failure.self) { try importer.importLanguage("xx") }
    }
}
