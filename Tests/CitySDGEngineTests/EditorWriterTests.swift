import Foundation
import Testing
@testable import CitySDGEngine

/// The browser editor's writer keeps the editors' files as they wrote them: a file saved
/// unchanged is the same bytes, and a changed field changes only its own lines.
@Suite struct EditorWriterTests {
    static func contentFiles() -> [String] {
        let root = Repo.content.path
        let all = FileManager.default.enumerator(atPath: root)?.compactMap { $0 as? String } ?? []
        return all.filter { $0.hasSuffix(".md") && EditorSite.kind(of: $0) != nil }.sorted()
    }

    static func text(_ path: String) throws -> String {
        try String(contentsOf: Repo.content.appendingPathComponent(path), encoding: .utf8)
    }

    /// Saves `path` with `change` made to its front matter; the new text.
    static func save(_ path: String, _ change: (inout [(key: String, value: EditValue)]) -> Void) throws -> (old: String, new: String) {
        let old = try text(path)
        let (frontMatter, body) = try FrontMatterWriter.read(old)
        var entries = frontMatter.entries
        change(&entries)
        let fields = try #require(EditorSite.kind(of: path)).fields
        let new = try FrontMatterWriter.write(original: old, frontMatter: .map(entries), body: body, fields: fields)
        // What was written reads back as what the form held.
        #expect(try FrontMatterWriter.read(new).frontMatter == .map(entries), "\(path)")
        return (old, new)
    }

    /// The lines that differ: (removed, added), after the common beginning and end.
    static func diff(_ a: String, _ b: String) -> (removed: [String], added: [String]) {
        let x = a.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let y = b.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var start = 0
        while start < min(x.count, y.count), x[start] == y[start] { start += 1 }
        var end = 0
        while end < min(x.count, y.count) - start, x[x.count - 1 - end] == y[y.count - 1 - end] { end += 1 }
        return (Array(x[start..<(x.count - end)]), Array(y[start..<(y.count - end)]))
    }

    @Test func everyContentFileSavedUnchangedIsTheSameBytes() throws {
        let files = Self.contentFiles()
        #expect(files.count > 50)
        for path in files {
            let old = try Self.text(path)
            let (frontMatter, body) = try FrontMatterWriter.read(old)
            let fields = try #require(EditorSite.kind(of: path)).fields
            let new = try FrontMatterWriter.write(original: old, frontMatter: frontMatter, body: body, fields: fields)
            #expect(Data(new.utf8) == Data(old.utf8), "\(path) changed when saved unchanged")
        }
    }

    static func set(_ entries: inout [(key: String, value: EditValue)], _ key: String, _ value: EditValue) {
        if let i = entries.firstIndex(where: { $0.key == key }) { entries[i].value = value } else { entries.append((key, value)) }
    }

    @Test func aChangedScalarChangesOnlyItsLineInItsQuoting() throws {
        let (old, new) = try Self.save("cities/la/luang-prabang.md") { Self.set(&$0, "title", .scalar("Luang Phabang")) }
        #expect(Self.diff(old, new) == (["title: \"Luang Prabang\""], ["title: \"Luang Phabang\""]))
        let (old2, new2) = try Self.save("cities/la/luang-prabang.md") { Self.set(&$0, "updated", .scalar("2026-12-01")) }
        #expect(Self.diff(old2, new2) == (["updated: 2026-11-30"], ["updated: 2026-12-01"]))
    }

    @Test func aChangedValueInAFlowMapKeepsTheOthersAsWritten() throws {
        let (old, new) = try Self.save("cities/la/luang-prabang.md") { entries in
            var population = entries.first { $0.key == "population" }!.value.entries
            population[0].value = .scalar("90314")
            Self.set(&entries, "population", .map(population))
        }
        let (removed, added) = Self.diff(old, new)
        #expect(removed.count == 1 && added.count == 1)
        #expect(added.first == "population: {value: 90314, year: 2015, source: 2, note: \"latest official figure, as given in the ASEAN toolkit\"}")
    }

    @Test func aNewFieldIsOneLineWhereTheFieldListPutsIt() throws {
        let (old, new) = try Self.save("cities/la/luang-prabang.md") { Self.set(&$0, "priority_sdgs", .list([.scalar("11")])) }
        let (removed, added) = Self.diff(old, new)
        #expect(removed == [] && added == ["priority_sdgs: [11]"])
        // After `programmes:`, as in the field list.
        let lines = new.split(separator: "\n").map(String.init)
        #expect(lines[lines.firstIndex(of: "priority_sdgs: [11]")! - 1].hasPrefix("programmes:"))
    }

    @Test func aNewListItemAddsOnlyItsLines() throws {
        let (old, new) = try Self.save("cities/la/luang-prabang.md") { entries in
            Self.set(&entries, "expectations", .list([.map([("target", .scalar("11.7")), ("expectation", .scalar("Green space within a short walk.")),
                                                           ("stage", .scalar("plan"))])]))
        }
        #expect(Self.diff(old, new) == ([], ["expectations:", "  - target: \"11.7\"", "    expectation: \"Green space within a short walk.\"", "    stage: plan"]))
        // One more after an existing item: only its lines.
        let (old2, new2) = try Self.save("cities/my/penang-island.md") { entries in
            var items = entries.first { $0.key == "expectations" }!.value
            guard case .list(var list) = items else { return }
            list.append(.map([("target", .scalar("11.3")), ("stage", .scalar("do"))]))
            items = .list(list)
            Self.set(&entries, "expectations", items)
        }
        #expect(Self.diff(old2, new2) == ([], ["  - target: \"11.3\"", "    stage: do"]))
    }

    @Test func aFieldOfOneItemChangesOnlyItsLine() throws {
        let (old, new) = try Self.save("cities/la/luang-prabang.md") { entries in
            guard case .list(var sources) = entries.first(where: { $0.key == "sources" })!.value else { return }
            var second = sources[1].entries
            second[2].value = .scalar("ASEAN Secretariat")
            sources[1] = .map(second)
            Self.set(&entries, "sources", .list(sources))
        }
        #expect(Self.diff(old, new) == (["    publisher: \"ASEAN\""], ["    publisher: \"ASEAN Secretariat\""]))
        // A field added to an item goes inside it.
        let (old2, new2) = try Self.save("cities/my/penang-island.md") { entries in
            guard case .list(var items) = entries.first(where: { $0.key == "expectations" })!.value else { return }
            var first = items[0].entries
            first.append(("stage", .scalar("check")))
            items[0] = .map(first)
            Self.set(&entries, "expectations", .list(items))
        }
        #expect(Self.diff(old2, new2).removed == [])
        #expect(Self.diff(old2, new2).added == ["    stage: check"])
    }

    @Test func aRemovedItemOrFieldTakesOnlyItsLines() throws {
        let (old, new) = try Self.save("cities/la/luang-prabang.md") { entries in
            guard case .list(var sources) = entries.first(where: { $0.key == "sources" })!.value else { return }
            sources.remove(at: 2)
            Self.set(&entries, "sources", .list(sources))
        }
        let (removed, added) = Self.diff(old, new)
        #expect(added == [] && removed.count == 3 && removed[0].contains("Progress of ASEAN's Model Cities"))
        let (old2, new2) = try Self.save("cities/la/luang-prabang.md") { Self.set(&$0, "summary", .null) }
        #expect(Self.diff(old2, new2).removed.count == 1 && Self.diff(old2, new2).added == [])
    }

    /// In every content file, each top-level field written on one line, changed alone: one line
    /// out, one line in, and the file reads back as the form held it.
    @Test func everyOneLineFieldOfEveryFileChangesOnlyItsLine() throws {
        var changed = 0
        for path in Self.contentFiles() {
            let old = try Self.text(path)
            let (frontMatter, body) = try FrontMatterWriter.read(old)
            let fields = try #require(EditorSite.kind(of: path)).fields
            let oneLine = Set(old.split(separator: "\n").compactMap { line -> String? in
                guard let colon = line.firstIndex(of: ":"), !line.hasPrefix(" "), !line.hasPrefix("#") else { return nil }
                let rest = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
                return rest.isEmpty || rest.hasPrefix("|") || rest.hasPrefix(">") ? nil : String(line[..<colon])
            })
            for (index, entry) in frontMatter.entries.enumerated() {
                var entries = frontMatter.entries
                switch entry.value {
                case _ where !oneLine.contains(entry.key) && !old.contains("\n" + entry.key + ":\n"): continue
                case .scalar(let text) where oneLine.contains(entry.key): entries[index].value = .scalar(text + " (checked)")
                case .list(let items) where oneLine.contains(entry.key) && items.allSatisfy({ if case .scalar = $0 { return true }; return false }):
                    entries[index].value = .list(items + [.scalar("x")])
                case .list(let items) where !oneLine.contains(entry.key):
                    // Each field of each item of a list (sources, expectations), changed alone.
                    for (i, item) in items.enumerated() {
                        for (j, field) in item.entries.enumerated() {
                            guard case .scalar(let text) = field.value else { continue }
                            var fields = item.entries
                            fields[j].value = .scalar(text + " (checked)")
                            var list = items
                            list[i] = .map(fields)
                            var edited = frontMatter.entries
                            edited[index].value = .list(list)
                            let new = try FrontMatterWriter.write(original: old, frontMatter: .map(edited), body: body, fields: try #require(EditorSite.kind(of: path)).fields)
                            let (removed, added) = Self.diff(old, new)
                            #expect(removed.count == 1 && added.count == 1, "\(path): \(entry.key)/\(i)/\(field.key): \(removed) → \(added)")
                            changed += 1
                        }
                    }
                    continue
                default: continue
                }
                let new = try FrontMatterWriter.write(original: old, frontMatter: .map(entries), body: body, fields: fields)
                #expect(try FrontMatterWriter.read(new).frontMatter == .map(entries), "\(path): \(entry.key)")
                let (removed, added) = Self.diff(old, new)
                #expect(removed.count == 1 && added.count == 1 && added[0].hasPrefix(entry.key + ":"), "\(path): \(entry.key): \(removed) → \(added)")
                changed += 1
            }
        }
        #expect(changed > 1000, "\(changed)")
    }

    @Test func commentsBlankLinesAndTheBodyStay() throws {
        let old = "---\n# who wrote this\ntitle: 'Vientiane'   # the capital\n\ncountry: LA\n---\nBody *text*.\n"
        let (frontMatter, body) = try FrontMatterWriter.read(old)
        var entries = frontMatter.entries
        entries[0].value = .scalar("Vientiane Capital")
        let new = try FrontMatterWriter.write(original: old, frontMatter: .map(entries), body: body, fields: FrontMatterSchema.city)
        #expect(new == "---\n# who wrote this\ntitle: 'Vientiane Capital'   # the capital\n\ncountry: LA\n---\nBody *text*.\n")
        let rebodied = try FrontMatterWriter.write(original: old, frontMatter: frontMatter, body: "New body.\n", fields: FrontMatterSchema.city)
        #expect(rebodied == "---\n# who wrote this\ntitle: 'Vientiane'   # the capital\n\ncountry: LA\n---\nNew body.\n")
    }

    @Test func textThatYAMLWouldMisreadIsQuoted() throws {
        let fresh = FrontMatterWriter.fresh(frontMatter: .map([("title", .scalar("Phase 2: waste")), ("country", .scalar("LA")),
                                                               ("priority_sdgs", .list([.scalar("11"), .scalar("6")])),
                                                               ("coordinates", .list([.scalar("-6.2"), .scalar("106.8")]))]),
                                            body: "x\n", fields: FrontMatterSchema.city)
        #expect(fresh == "---\ntitle: \"Phase 2: waste\"\ncountry: LA\ncoordinates: [-6.2, 106.8]\npriority_sdgs: [11, 6]\n---\nx\n")
        #expect(try FrontMatterWriter.read(fresh).frontMatter["title"] == .scalar("Phase 2: waste"))
    }

    @Test func problemsFindTheirField() throws {
        let text = "---\ntitle: X\nexpectations:\n  - target: \"11.7\"\n    stage: plann\n  - expectation: y\n---\n"
        let places = EditorSite.fieldPlaces(text)
        #expect(EditorSite.field(at: 5, 12, in: places) == "expectations/0/stage")
        #expect(EditorSite.field(at: 6, 5, in: places) == "expectations/1")
        #expect(EditorSite.field(at: 4, 13, in: places) == "expectations/0/target")
        #expect(EditorSite.field(at: 2, 8, in: places) == "title")
    }
}
