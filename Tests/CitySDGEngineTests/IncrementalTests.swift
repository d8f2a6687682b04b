import Foundation
import Testing
@testable import CitySDGEngine

/// The build graph's one promise: an incremental build writes exactly the bytes a clean build
/// writes. A seeded sequence of edits (bodies, front matter, relations, expectations, programme
/// membership, templates and partials, assets, interface strings, theme switches, site.yml and its
/// national goals, a new generator, added, deleted and renamed files, translations written, made
/// stale and deleted, the second language's strings and SDG titles, indicator data files and their
/// sidecars written, edited, broken and deleted) is applied to a generated site; after each, an incremental build and
/// a clean build must agree byte for byte, and on every problem they report.
/// CITYSDG_RANDOM_STEPS sets the number of steps (default 200); CITYSDG_RANDOM_SEED the seed.
@Suite struct IncrementalTests {
    final class Site {
        let root: URL
        var rng: SplitMix
        var cityCount = 0, projectCount = 0
        /// The theme the builds use (`alt` is a copy of `default` with one template changed) and the generator's fingerprint.
        var theme = "default"
        var generator = 1

        init(root: URL, seed: UInt64) {
            self.root = root
            rng = SplitMix(state: seed)
        }

        var content: URL { root.appendingPathComponent("Content") }

        func files(_ folder: String) -> [String] {
            let base = content.appendingPathComponent(folder)
            let walker = FileManager.default.enumerator(atPath: base.path)
            return ((walker?.allObjects as? [String]) ?? []).filter { $0.hasSuffix(".md") && !$0.hasSuffix(".lo.md") }.map { folder + "/" + $0 }.sorted()
        }

        /// The Lao translations, wherever they are.
        var translations: [String] {
            let walker = FileManager.default.enumerator(atPath: content.path)
            return ((walker?.allObjects as? [String]) ?? []).filter { $0.hasSuffix(".lo.md") }.sorted()
        }

        func read(_ path: String) -> String { (try? String(contentsOf: content.appendingPathComponent(path), encoding: .utf8)) ?? "" }
        func write(_ path: String, _ text: String) {
            let url = content.appendingPathComponent(path)
            try? FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try! Data(text.utf8).write(to: url)
        }

        func pick<T>(_ items: [T]) -> T? { items.isEmpty ? nil : items[Int.random(in: 0..<items.count, using: &rng)] }
        func generated(_ folder: String) -> [String] {
            files(folder).filter { $0.contains("/gen-") || $0.contains("/renamed-") }
        }

        /// The data files (CSV) of every place.
        var dataFiles: [String] {
            let walker = FileManager.default.enumerator(atPath: content.appendingPathComponent("data").path)
            return ((walker?.allObjects as? [String]) ?? []).filter { $0.hasSuffix(".csv") }.map { "data/" + $0 }.sorted()
        }

        var citySlugs: [String] { files("cities").map { String($0.split(separator: "/").last!.dropLast(3)) } }
        var goal: Int { Int.random(in: 1...17, using: &rng) }
        var target: String { pick(["11.7", "8.10", "6.1", "11.a", "17.19", "3.d", "13.1", "1.2"])! }

        func addCity() {
            cityCount += 1
            let country = pick(["la", "my"])!
            write("cities/\(country)/gen-city-\(cityCount).md", """
            ---
            title: Generated City \(cityCount)
            country: \(country.uppercased())
            coordinates: [\(Double(Int.random(in: 0...200, using: &rng)) / 10), \(100 + Double(Int.random(in: 0...200, using: &rng)) / 10)]
            priority_sdgs: [\(goal), \(goal)]
            expectations:
              - target: "\(target)"
                expectation: Expectation \(Int.random(in: 0...999, using: &rng)).
            sources:
              - title: Generated source
            ---
            Body of generated city \(cityCount).

            """)
        }

        func addProject() {
            projectCount += 1
            guard let city = pick(citySlugs) else { return }
            write("projects/gen-project-\(projectCount).md", """
            ---
            title: Generated Project \(projectCount)
            city: \(city)
            targets: ["\(target)"]
            status: \(pick(["planned", "ongoing", "completed"])!)
            sources:
              - title: Generated source
            ---
            Body of generated project \(projectCount).

            """)
        }

        /// A mistake made by the last edit, put right by the next one.
        var mistake: (path: String, text: String)?

        /// One random edit; returns what it did, for the failure message.
        func edit() -> String {
            if let (path, text) = mistake {
                write(path, text)
                mistake = nil
                return "fixed \(path)"
            }
            let all = files("cities") + files("projects") + files("countries") + files("programmes") + files("pages")
            // A translation whose original was deleted or renamed goes with it (the error it would be is tested on its own).
            for path in translations where !all.contains(path.replacingOccurrences(of: ".lo.md", with: ".md")) {
                try? FileManager.default.removeItem(at: content.appendingPathComponent(path))
            }
            // So do the data files of a city deleted or renamed (a country's folder, two letters, stays).
            let places = (try? FileManager.default.contentsOfDirectory(atPath: content.appendingPathComponent("data").path)) ?? []
            for place in places where place.count > 2 && !citySlugs.contains(place) {
                try? FileManager.default.removeItem(at: content.appendingPathComponent("data/" + place))
            }
            switch Int.random(in: 0..<30, using: &rng) {
            case 25:
                // A data file written (new or replaced) for a city, with its sidecar.
                guard let city = pick(citySlugs) else { return "nothing" }
                let code = pick(["11-7-1", "11-6-2", "6-1-1"])!
                let first = Int.random(in: 2012...2020, using: &rng)
                let rows = (0..<Int.random(in: 1...5, using: &rng)).map { "\(first + $0),\(Int.random(in: 1...90, using: &rng))" }
                write("data/\(city)/\(code).csv", "Year,Value\n" + rows.joined(separator: "\n") + "\n")
                write("data/\(city)/\(code).yml", "unit: \"\(pick(["%", "µg/m³"])!)\"\n\(pick(["direction: increase\n", "direction: decrease\n", ""])!)sources:\n  - title: Generated data \(Int.random(in: 0...99, using: &rng))\n    url: https://example.org/data\n")
                return "wrote data/\(city)/\(code)"
            case 26:
                // A value or the sidecar of a data file edited.
                guard let path = pick(dataFiles) else { return "nothing" }
                let n = Int.random(in: 1...99, using: &rng)
                if Bool.random(using: &rng), read(path).hasPrefix("Year,Value\n") {
                    write(path, read(path).replacingOccurrences(of: ",", with: ",\(n)", options: [], range: read(path).range(of: "\n")!.upperBound..<read(path).endIndex))
                    return "edited a value of \(path)"
                }
                let sidecar = String(path.dropLast(4)) + ".yml"
                write(sidecar, read(sidecar).split(separator: "\n").filter { !$0.hasPrefix("notes:") }.joined(separator: "\n") + "\nnotes: Note \(n).\n")
                return "edited \(sidecar)"
            case 27:
                // A data file broken (put right by the next edit), or deleted with its sidecar.
                guard let path = pick(dataFiles) else { return "nothing" }
                if Bool.random(using: &rng) {
                    mistake = (path, read(path))
                    write(path, read(path) + "2019,n/a\n")
                    return "broke \(path)"
                }
                try? FileManager.default.removeItem(at: content.appendingPathComponent(path))
                try? FileManager.default.removeItem(at: content.appendingPathComponent(String(path.dropLast(4)) + ".yml"))
                return "deleted \(path)"
            case 0, 1:
                guard let path = pick(all) else { return "nothing" }
                write(path, read(path) + "\nAn added sentence \(Int.random(in: 0...9999, using: &rng)).\n")
                return "body of \(path)"
            case 2:
                guard let path = pick(all) else { return "nothing" }
                let text = read(path).replacingOccurrences(of: "\ntitle: ", with: "\ntitle: Renamed \(Int.random(in: 0...99, using: &rng)) ")
                write(path, text)
                return "title of \(path)"
            case 3:
                // Generated projects only: the fixture's projects stay with the fixture's cities.
                guard let path = pick(generated("projects")), let city = pick(citySlugs) else { return "nothing" }
                let lines = read(path).split(separator: "\n", omittingEmptySubsequences: false)
                    .map { $0.hasPrefix("city: ") ? "city: \(city)" : String($0) }
                write(path, lines.joined(separator: "\n"))
                return "city of \(path)"
            case 4:
                guard let path = pick(files("cities")) else { return "nothing" }
                let lines = read(path).split(separator: "\n", omittingEmptySubsequences: false)
                    .map { $0.hasPrefix("priority_sdgs: ") ? "priority_sdgs: [\(goal)]" : String($0) }
                write(path, lines.joined(separator: "\n"))
                return "priorities of \(path)"
            case 5:
                addCity()
                return "added a city"
            case 6:
                addProject()
                return "added a project"
            case 7:
                guard let path = pick(generated("projects")) else { return "nothing" }
                try? FileManager.default.removeItem(at: content.appendingPathComponent(path))
                return "deleted \(path)"
            case 8:
                guard let path = pick(generated("projects")) else { return "nothing" }
                projectCount += 1
                try? FileManager.default.moveItem(at: content.appendingPathComponent(path),
                                                  to: content.appendingPathComponent("projects/renamed-\(projectCount).md"))
                return "renamed \(path)"
            case 9:
                let templates = root.appendingPathComponent("Themes/default/templates")
                let names = ((try? FileManager.default.contentsOfDirectory(atPath: templates.path)) ?? []).sorted()
                guard let name = pick(names) else { return "nothing" }
                let url = templates.appendingPathComponent(name)
                let text = (try? String(contentsOf: url, encoding: .utf8)) ?? ""
                try! Data((text + "<!-- edit \(Int.random(in: 0...999, using: &rng)) -->\n").utf8).write(to: url)
                return "template \(name)"
            case 10:
                let text = read("site.yml").replacingOccurrences(of: "tagline: ", with: "tagline: Again ")
                write("site.yml", text)
                return "site.yml"
            case 11:
                // A mistake, put right by the next step.
                guard let path = pick(generated("projects")) else { return "nothing" }
                mistake = (path, read(path))
                let lines = read(path).split(separator: "\n", omittingEmptySubsequences: false)
                    .map { $0.hasPrefix("city: ") ? "city: nowhere" : String($0) }
                write(path, lines.joined(separator: "\n"))
                return "broke \(path)"
            case 12:
                // What the coverage counts: a project called a model project by its source or not, its
                // targets stated or interpreted; and whether the about page shows the coverage.
                switch Int.random(in: 0..<3, using: &rng) {
                case 0:
                    guard let path = pick(files("projects")) else { return "nothing" }
                    var lines = read(path).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
                    if let i = lines.firstIndex(of: "model: true") { lines.remove(at: i); lines.removeAll { $0 == "model_source: 1" } }
                    else { lines.insert(contentsOf: ["model: true", "model_source: 1"], at: 2) }
                    write(path, lines.joined(separator: "\n"))
                    return "model project \(path)"
                case 1:
                    guard let path = pick(files("projects")) else { return "nothing" }
                    var lines = read(path).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
                    if let i = lines.firstIndex(where: { $0.hasPrefix("alignment: ") }) {
                        lines[i] = lines[i] == "alignment: stated" ? "alignment: interpreted" : "alignment: stated"
                    } else {
                        lines.insert("alignment: stated", at: 2)
                    }
                    write(path, lines.joined(separator: "\n"))
                    return "alignment of \(path)"
                default:
                    let text = read("pages/about.md")
                    write("pages/about.md", text.contains("\ncoverage: true\n") ? text.replacingOccurrences(of: "\ncoverage: true\n", with: "\n")
                        : text.replacingOccurrences(of: "\norder: 1\n", with: "\norder: 1\ncoverage: true\n"))
                    return "coverage on the about page"
                }
            case 13:
                theme = theme == "default" ? "alt" : "default"
                return "theme \(theme)"
            case 14:
                let css = root.appendingPathComponent("Themes/\(pick(["default", "alt"])!)/assets/style.css")
                let text = (try? String(contentsOf: css, encoding: .utf8)) ?? ""
                try! Data((text + "/* edit \(Int.random(in: 0...999, using: &rng)) */\n").utf8).write(to: css)
                return "asset \(css.path)"
            case 15:
                let strings = root.appendingPathComponent("Themes/\(pick(["default", "alt"])!)/i18n/en.yml")
                let key = pick(["stat_cities", "nav_goals", "projects_count", "priority_goals", "status_ongoing", "stage_plan"])!
                let lines = ((try? String(contentsOf: strings, encoding: .utf8)) ?? "").split(separator: "\n", omittingEmptySubsequences: false)
                    .map { $0.hasPrefix(key + ": ") ? "\(key): \(pick(["Again", "Other", "Third"])!) \($0.dropFirst(key.count + 2))" : String($0) }
                try! Data(lines.joined(separator: "\n").utf8).write(to: strings)
                return "string \(key)"
            case 16:
                // An expectation reworded, or its wording taken away (a target a source lists with no
                // local wording, counted apart in the coverage) and given back.
                let unworded = "    note: Listed without its local wording."
                guard let path = pick(files("cities")), read(path).contains("expectation: ") || read(path).contains(unworded) else { return "nothing" }
                let text = read(path)
                if let range = text.range(of: unworded) {
                    write(path, text.replacingCharacters(in: range, with: "    expectation: Worded again."))
                    return "expectation worded again in \(path)"
                }
                let range = text.range(of: "expectation: ")!
                if Bool.random(using: &rng), let line = text.range(of: "\n", range: range.upperBound..<text.endIndex) {
                    write(path, text.replacingCharacters(in: text.index(range.lowerBound, offsetBy: -4)..<line.lowerBound, with: unworded))
                    return "expectation unworded in \(path)"
                }
                write(path, text.replacingCharacters(in: range, with: "expectation: Reworded \(Int.random(in: 0...99, using: &rng)) "))
                return "expectation of \(path)"
            case 17:
                guard let path = pick(files("cities")) else { return "nothing" }
                var lines = read(path).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
                if let i = lines.firstIndex(where: { $0.hasPrefix("programmes: ") }) {
                    lines[i] = lines[i] == "programmes: []" ? "programmes: [test-network]" : "programmes: []"
                } else {
                    lines.insert("programmes: [test-network]", at: 2)
                }
                write(path, lines.joined(separator: "\n"))
                return "programmes of \(path)"
            case 18:
                let lines = read("site.yml").split(separator: "\n", omittingEmptySubsequences: false).map { line in
                    line.hasPrefix("    short: ") ? "    short: \(pick(["Lives Safe from UXO", "Safe from UXO", "UXO"])!)" : String(line)
                }
                write("site.yml", lines.joined(separator: "\n"))
                return "national goal 18"
            case 19:
                generator += 1
                return "generator \(generator)"
            case 20:
                // A picture is added or replaced in media/, and a generated city shows it.
                let name = "media/gen/pic-\(Int.random(in: 0...3, using: &rng)).png"
                write(name, "picture \(Int.random(in: 0...999, using: &rng))")
                if let city = pick(generated("cities")) {
                    write(city, read(city) + "\n![A generated picture](/\(name))\n")
                }
                return "media \(name)"
            case 21:
                // A city's goals become the goals its review covers, or priorities again.
                guard let path = pick(files("cities")) else { return "nothing" }
                var lines = read(path).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
                if let i = lines.firstIndex(of: "priority_kind: reviewed") { lines.remove(at: i) } else { lines.insert("priority_kind: reviewed", at: 2) }
                write(path, lines.joined(separator: "\n"))
                return "priority kind of \(path)"
            case 22:
                // A translation into Lao is written or rewritten: up to date, out of date, or not saying.
                guard let path = pick(all) else { return "nothing" }
                let n = Int.random(in: 0...99, using: &rng)
                let version = pick(["original_updated: 1999-01-01", "original_updated: 2100-01-01", "original_fingerprint: 0123456789ab", ""])!
                let expectation = read(path).contains("target: \"11.7\"") || read(path).contains("target: 11.7")
                    ? "expectations:\n  - target: \"11.7\"\n    expectation: ສວນ \(n)\n" : ""
                write(path.replacingOccurrences(of: ".md", with: ".lo.md"),
                      "---\ntitle: ຊື່ \(n)\n\(pick(["summary: ສະຫຼຸບ \(n)\n", ""])!)\(expectation)\(version)\n---\n\(pick(["ເນື້ອໃນ \(n). [ໂຄງການ](/projects/alpha-park/)\n", ""])!)")
                return "translated \(path)"
            case 29:
                // Words that file nothing elsewhere (the preview puts them in the last site): a
                // city's expectations reworded, a project's status.
                guard let path = pick(files("cities") + files("projects")) else { return "nothing" }
                let n = Int.random(in: 0...99, using: &rng), status = pick(["planned", "ongoing", "completed"])!
                let lines = read(path).split(separator: "\n", omittingEmptySubsequences: false).map { line in
                    line.hasPrefix("    expectation: ") ? "    expectation: Reworded \(n)." : line.hasPrefix("status: ") ? "status: \(status)" : String(line)
                }
                write(path, lines.joined(separator: "\n"))
                return "words of \(path)"
            case 23:
                guard let path = pick(translations) else { return "nothing" }
                try? FileManager.default.removeItem(at: content.appendingPathComponent(path))
                return "deleted \(path)"
            case 24:
                let file = pick(["i18n/lo.yml", "i18n/catalogue/lo.yml"])!
                let url = root.appendingPathComponent("Themes/\(pick(["default", "alt"])!)/\(file)")
                let text = (try? String(contentsOf: url, encoding: .utf8)) ?? ""
                let n = Int.random(in: 0...99, using: &rng)
                let edited = file.hasPrefix("i18n/catalogue")
                    ? text.replacingOccurrences(of: "  \"11.7\": \"", with: "  \"11.7\": \"\(n) ")
                    : text.split(separator: "\n").filter { !$0.hasPrefix("nav_cities:") }.joined(separator: "\n") + "\nnav_cities: \"ເມືອງ \(n)\"\n"
                try! Data(edited.utf8).write(to: url)
                return "Lao \(file)"
            default:
                // A city and its projects go together; the fixture's cities, which Markdown links name, stay.
                guard let path = pick(generated("cities")) else { return "nothing" }
                let slug = String(path.split(separator: "/").last!.dropLast(3))
                for project in files("projects") where read(project).contains("\ncity: \(slug)\n") {
                    try? FileManager.default.removeItem(at: content.appendingPathComponent(project))
                }
                try? FileManager.default.removeItem(at: content.appendingPathComponent(path))
                return "deleted \(path) and its projects"
            }
        }
    }

    @Test func incrementalBuildsWriteWhatCleanBuildsWrite() throws {
        let environment = ProcessInfo.processInfo.environment
        let steps = environment["CITYSDG_RANDOM_STEPS"].flatMap(Int.init) ?? 200
        let seed = environment["CITYSDG_RANDOM_SEED"].flatMap(UInt64.init) ?? 7
        let work = TemporaryFolder()
        _ = work.copy(Repo.fixture, as: "Content")
        _ = work.copy(Repo.themes, as: "Themes")
        let themes = work.url.appendingPathComponent("Themes")
        try FileManager.default.copyItem(at: themes.appendingPathComponent("default"), to: themes.appendingPathComponent("alt"))
        let cityTemplate = themes.appendingPathComponent("alt/templates/city.mustache")
        let template = try String(contentsOf: cityTemplate, encoding: .utf8)
        try Data(template.replacingOccurrences(of: "<h1{{#titleLang}}", with: "<h1 class=\"alt\"{{#titleLang}}").utf8).write(to: cityTemplate)
        // The site is in English and Lao: translations come and go, and the Lao strings and titles change.
        let siteYML = work.url.appendingPathComponent("Content/site.yml")
        try Data(try String(contentsOf: siteYML, encoding: .utf8).replacingOccurrences(of: "language: en", with: "languages: [en, lo]").utf8).write(to: siteYML)
        let site = Site(root: work.url, seed: seed)
        for _ in 0..<8 { site.addCity() }
        for _ in 0..<12 { site.addProject() }

        func build(_ output: String, state: Bool) -> Build.Result {
            var b = Build(content: work.url.appendingPathComponent("Content"), themes: themes,
                          output: work.url.appendingPathComponent(output), themeName: site.theme, contentDisplay: "Content",
                          themesDisplay: "Themes", stateFile: state ? work.url.appendingPathComponent(".citysdg/state") : nil)
            b.generator = Fingerprint("generator \(site.generator)")
            return b.run()
        }

        // The preview server's engine: one long-lived build with its graph, decoded files and cards
        // in memory, told which files changed as its watcher would tell it.
        let resident = Resident()
        let decodeCache = DecodeCache(), fragmentCache = FragmentCache()
        let residentState = work.url.appendingPathComponent(".citysdg-resident/state")
        /// A build of the preview's output: in the long-lived engine, or (`fromDisk`) a new process's from the graph it saved.
        func serveBuild(fromDisk: Bool = false) -> Build.Result {
            var b = Build(content: work.url.appendingPathComponent("Content"), themes: themes,
                          output: work.url.appendingPathComponent("resident"), themeName: site.theme, contentDisplay: "Content",
                          themesDisplay: "Themes", stateFile: residentState)
            b.generator = Fingerprint("generator \(site.generator)")
            if !fromDisk {
                b.resident = resident
                b.decodeCache = decodeCache
                b.fragmentCache = fragmentCache
            }
            return b.run()
        }
        func sources() -> [String: FileStats.Stat] {
            var stats: [String: FileStats.Stat] = [:]
            FileStats.scan(work.url.appendingPathComponent("Content"), prefix: "content/", into: &stats)
            FileStats.scan(themes, prefix: "themes/", into: &stats)
            return stats
        }

        var history: [String] = []
        var rendered = 0, total = 0, failures = 0, residentRendered = 0, inPlace = 0
        var before = sources()
        for step in 0..<steps {
            history.append(step == 0 ? "first build" : site.edit())
            let now = sources()
            resident.sourcesChanged(Set(now.keys).union(before.keys).filter { now[$0] != before[$0] })
            before = now
            let incremental = build("incremental", state: true)
            let clean = build("clean", state: false)
            let served = serveBuild()
            #expect(incremental.diagnostics.sorted == clean.diagnostics.sorted, "step \(step): \(history.suffix(3))")
            #expect(served.diagnostics.sorted == clean.diagnostics.sorted, "resident, step \(step): \(history.suffix(3))")
            let a = snapshot(work.url.appendingPathComponent("incremental"))
            let b = snapshot(work.url.appendingPathComponent("clean"))
            let c = snapshot(work.url.appendingPathComponent("resident"))
            if a != b || c != b {
                let differing = Set(a.keys).union(b.keys).filter { a[$0] != b[$0] }.sorted()
                let residentDiffering = Set(c.keys).union(b.keys).filter { c[$0] != b[$0] }.sorted()
                Issue.record("step \(step) after \(history.suffix(3)): \(differing.prefix(5)); resident: \(residentDiffering.prefix(5))")
                break
            }
            if !served.failed { residentRendered += served.rendered }
            // Now and then the preview saves its graph, and a command-line build goes on from it.
            if step % 25 == 24 {
                resident.save(to: residentState)
                let fromDisk = serveBuild(fromDisk: true)
                #expect(fromDisk.rendered == 0 || fromDisk.failed, "step \(step): the saved graph is the preview's: \(fromDisk.explanations.prefix(3))")
            }
            if incremental.failed { failures += 1 } else { rendered += incremental.rendered; total += incremental.pages }
            if incremental.bodiesInPlace { inPlace += 1 }
        }
        #expect(inPlace > 0, "some command-line builds only put new body text in place")
        // The graph does its job: most pages are not rendered again.
        #expect(Double(rendered) < Double(total) * 0.5, "rendered \(rendered) of \(total)")
        #expect(residentRendered == rendered, "the resident engine renders what the command line does: \(residentRendered) and \(rendered)")
        print("incremental = clean over \(steps) steps (seed \(seed)): rendered \(rendered) of \(total) pages (the resident engine \(residentRendered), \(resident.bodyOnlySaves) of its saves changing bodies only, \(resident.filedAsBeforeSaves) putting changed front matter in the last site, \(resident.frontMatterSaves) resolving the kept content with the changed files decoded again); \(inPlace) command-line builds put new body text in place; \(failures) steps failed as they should")
    }
}
