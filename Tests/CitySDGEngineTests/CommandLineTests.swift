import Foundation
import Testing
@testable import CitySDGEngine

/// The built `citysdg`, beside the test bundle.
let citysdgExecutable: URL = {
    var binary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    while !FileManager.default.fileExists(atPath: binary.appendingPathComponent("citysdg").path), binary.path != "/" {
        binary.deleteLastPathComponent()
    }
    return binary.appendingPathComponent("citysdg")
}()

/// Runs the built `citysdg` (beside the test bundle) in `folder`; returns status, stdout, stderr.
func citysdg(_ arguments: [String], in folder: URL) throws -> (status: Int32, out: String, err: String) {
    let process = Process()
    process.executableURL = citysdgExecutable
    process.arguments = arguments
    process.currentDirectoryURL = folder
    let out = Pipe(), err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    let errData = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: outData, as: UTF8.self), String(decoding: errData, as: UTF8.self))
}

/// A project with the test content and the default theme, built once, ready to be broken.
final class Workspace {
    let folder = TemporaryFolder()
    var root: URL { folder.url }
    var site: URL { root.appendingPathComponent("site") }

    init() throws {
        _ = folder.copy(Repo.fixture, as: "Content")
        _ = folder.copy(Repo.themes, as: "Themes")
        let first = try citysdg(["build"], in: root)
        precondition(first.status == 0, first.err)
    }

    func write(_ bytes: [UInt8], to path: String) throws {
        let url = root.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(bytes).write(to: url)
    }
}

/// One kind of bad input; shown in test results by its name only.
struct BadInput: CustomTestStringConvertible, Sendable {
    var name: String
    var path: String
    var bytes: [UInt8]
    var line: Int
    var message: String
    var testDescription: String { name }

    init(_ t: (String, String, [UInt8], Int, String)) { (name, path, bytes, line, message) = t }
}

@Suite(.serialized) struct CommandLineTests {
    /// Each kind of bad input: the build exits 1, names the file and line, and leaves site/ as it was.
    @Test(arguments: [
        ("unclosed front matter", "Content/pages/a.md", Array("---\ntitle: A\n".utf8), 1, "never closed"),
        ("malformed YAML", "Content/pages/a.md", Array("---\ntitle: [A\n---\n".utf8), 3, "invalid YAML"),
        ("tabs", "Content/pages/a.md", Array("---\ntitle: A\n\tsummary: b\n---\n".utf8), 3, "tab"),
        ("a list where a map belongs", "Content/cities/la/c.md", Array("---\ntitle: C\ncountry: LA\npopulation: [1]\n---\n".utf8), 4, "must be a map"),
        ("duplicate keys", "Content/pages/a.md", Array("---\ntitle: A\ntitle: B\n---\n".utf8), 3, "written twice"),
        ("alias bomb", "Content/pages/a.md", Array(("---\ntitle: A\na: &a [x,x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]\n"
                                                    + "d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: [*e,*e,*e,*e,*e,*e,*e,*e,*e,*e]\n---\n").utf8), 0, "more than 20000 values"),
        ("deep flow nesting", "Content/pages/a.md", Array(("---\ntitle: A\nx: " + String(repeating: "[", count: 50_000) + "\n---\n").utf8), 3, "nested more than"),
        ("deep block nesting", "Content/pages/a.md", Array(("---\ntitle: A\nx:\n  " + String(repeating: "- ", count: 50_000) + "y\n---\n").utf8), 4, "nested more than"),
        ("very large file", "Content/pages/a.md", Array(("---\ntitle: A\n---\n" + String(repeating: "word ", count: 1_000_000)).utf8), 1, "the limit is 4 MiB"),
        ("invalid UTF-8", "Content/pages/a.md", Array("---\ntitle: A".utf8) + [0xFF] + Array("\n---\n".utf8), 2, "not valid UTF-8 (byte 12"),
        ("empty file", "Content/pages/a.md", [], 1, "empty"),
        ("no front matter", "Content/pages/a.md", Array("# A page\n".utf8), 1, "no front matter"),
        ("NO read as false", "Content/cities/no/oslo.md", Array("---\ntitle: Oslo\ncountry: NO\n---\n".utf8), 3, "unknown country `NO`"),
        ("an octal-looking goal", "Content/cities/la/c.md", Array("---\ntitle: C\ncountry: LA\npriority_sdgs: [011]\n---\n".utf8), 4, "not a goal number"),
        ("a date that does not exist", "Content/projects/p.md", Array("---\ntitle: P\ncity: alpha-town\nstart: 2023-02-29\n---\n".utf8), 4, "not a date that exists"),
        ("a javascript: web address", "Content/projects/p.md", Array("---\ntitle: P\ncity: alpha-town\nsources:\n  - title: s\n    url: javascript:alert(1)\n---\n".utf8), 6, "must be a web address"),
        ("a name that is not a slug", "Content/pages/About Us.md", Array("---\ntitle: A\n---\n".utf8), 1, "cannot be used in a web address"),
    ].map(BadInput.init))
    func badInputFailsClearlyAndChangesNothing(_ kase: BadInput) throws {
        let (name, path, bytes, line, message) = (kase.name, kase.path, kase.bytes, kase.line, kase.message)
        let work = try Workspace()
        let before = snapshot(work.site)
        try work.write(bytes, to: path)
        let result = try citysdg(["build"], in: work.root)
        #expect(result.status == 1, "\(name): \(result.err)")
        let expected = line > 0 ? "\(path):\(line):" : "\(path):"
        #expect(result.err.contains(expected), "\(name): \(result.err)")
        #expect(result.err.contains(message), "\(name): \(result.err)")
        #expect(result.err.contains("nothing was written"))
        #expect(snapshot(work.site) == before, "\(name)")
    }

    @Test func symlinksThatLoopOrLeaveTheContentFolderAreErrors() throws {
        let work = try Workspace()
        let before = snapshot(work.site)
        let fm = FileManager.default
        try fm.createSymbolicLink(atPath: work.root.appendingPathComponent("Content/pages/outside.md").path,
                                  withDestinationPath: "/etc/hostname")
        try fm.createSymbolicLink(atPath: work.root.appendingPathComponent("Content/pages/loop.md").path,
                                  withDestinationPath: work.root.appendingPathComponent("Content/pages/loop.md").path)
        let result = try citysdg(["check"], in: work.root)
        #expect(result.status == 1)
        #expect(result.err.contains("Content/pages/outside.md:1:1: error: this link points outside the content folder"))
        #expect(result.err.contains("Content/pages/loop.md:1:1: error: this link points to nothing"))
        #expect(snapshot(work.site) == before)
    }

    @Test func editorLeftoversAndUnquotedCodesBuildCleanly() throws {
        let work = try Workspace()
        try work.write(Array("junk".utf8), to: "Content/pages/.about.md.swp")
        try work.write(Array("junk".utf8), to: "Content/pages/about.md~")
        try work.write(Array("---\ntitle: P\ncity: alpha-town\ntargets: [8.10, 17.10]\n---\n".utf8), to: "Content/projects/p.md")
        let result = try citysdg(["build"], in: work.root)
        #expect(result.status == 0, "\(result.err)")
        let text = try page("targets/8-10/index.html", in: work.site)
        #expect(text.contains("projects/p/index.html"))
        let wrong = try page("targets/8-1/index.html", in: work.site)
        #expect(!wrong.contains("projects/p/index.html"))
    }

    @Test func usageAndIOErrorsExitWithTwo() throws {
        let work = try Workspace()
        #expect(try citysdg(["build", "--no-such-option"], in: work.root).status == 2)
        #expect(try citysdg(["build", "--content", "Missing"], in: work.root).status == 2)
        let overlap = try citysdg(["build", "--output", "Content"], in: work.root)
        #expect(overlap.status == 2)
        #expect(overlap.err.contains("overlaps the content folder"))
        try work.write(Array("a file".utf8), to: "plain-file")
        #expect(try citysdg(["build", "--output", "plain-file"], in: work.root).status == 2)
        #expect(try citysdg(["build", "--output", "."], in: work.root).status == 2)
    }

    /// A build refused for its arguments (exit 2) or its content (exit 1) writes nothing at all:
    /// not the state folder, not its lock, not the output, in a project built before or never.
    @Test func aRefusedBuildLeavesTheDiskAsItWas() throws {
        let fresh = TemporaryFolder()
        _ = fresh.copy(Repo.fixture, as: "Content")
        _ = fresh.copy(Repo.themes, as: "Themes")
        let built = try Workspace()
        for root in [fresh.url, built.root] {
            let before = everything(in: root)
            for (arguments, status) in [(["build", "--output", "."], Int32(2)), (["build", "--output", "Content"], 2),
                                        (["build", "--state", "Content/.citysdg/build-graph", "--output", "."], 2)] {
                let result = try citysdg(arguments, in: root)
                #expect(result.status == status, "\(arguments): \(result.err)")
                #expect(everything(in: root) == before, "\(arguments) changed \(Set(everything(in: root).keys).symmetricDifference(before.keys).sorted())")
            }
            // A content error, with the decode cache a build would keep for the files that did parse.
            let broken = root.appendingPathComponent("Content/projects/broken.md")
            try Data("---\ntitle: B\ncity: alpha-town\nstart: 2023-02-30\n---\n".utf8).write(to: broken)
            let fine = root.appendingPathComponent("Content/projects/fine.md")
            try Data("---\ntitle: F\ncity: alpha-town\n---\n".utf8).write(to: fine)
            let withError = everything(in: root)
            let result = try citysdg(["build"], in: root)
            #expect(result.status == 1, "\(result.err)")
            let after = everything(in: root)
            #expect(after == withError, "a failed build changed \(Set(after.keys).symmetricDifference(withError.keys).sorted()) and \(after.keys.filter { withError[$0] != nil && withError[$0] != after[$0] }.sorted())")
            try FileManager.default.removeItem(at: broken)
            try FileManager.default.removeItem(at: fine)
        }
        // And once the content is right, the first build makes the state folder and the site.
        let first = try citysdg(["build"], in: fresh.url)
        #expect(first.status == 0, "\(first.err)")
        #expect(FileManager.default.fileExists(atPath: fresh.url.appendingPathComponent(".citysdg/build-graph").path))
        #expect(FileManager.default.fileExists(atPath: fresh.url.appendingPathComponent(".citysdg/lock").path))
    }

    /// `check` writes nothing and takes no lock, so it leaves alone the staging folder of a build
    /// that may be running beside it.
    @Test func checkLeavesARunningBuildsStagingFolder() throws {
        let work = try Workspace()
        try work.write(Array("staged".utf8), to: ".site.citysdg-staging/index.html")
        let before = everything(in: work.root)
        #expect(try citysdg(["check"], in: work.root).status == 0)
        #expect(everything(in: work.root) == before)
    }

    @Test func jsonDiagnosticsForEditorsAndCI() throws {
        let work = try Workspace()
        try work.write(Array("---\ntitle: C\ncountry: LA\npriorty_sdgs: [11]\n---\n".utf8), to: "Content/cities/la/c.md")
        let result = try citysdg(["check", "--format", "json"], in: work.root)
        #expect(result.status == 1)
        let document = try #require(try JSONSerialization.jsonObject(with: Data(result.out.utf8)) as? [String: Any])
        #expect(document["errors"] as? Int == 1)
        let first = try #require((document["diagnostics"] as? [[String: Any]])?.first)
        #expect(first["file"] as? String == "Content/cities/la/c.md")
        #expect(first["line"] as? Int == 4)
        #expect(first["hint"] as? String == "did you mean `priority_sdgs`?")
    }

    /// `check` says once per language how many interface strings are untranslated; `--verbose` names them.
    @Test func checkSaysUntranslatedStringsOnceALanguage() throws {
        let work = try Workspace()
        let site = work.root.appendingPathComponent("Content/site.yml")
        let config = try String(contentsOf: site, encoding: .utf8).replacingOccurrences(of: "language: en\n", with: "languages: [en, th]\n")
        try work.write(Array(config.utf8), to: "Content/site.yml")
        try work.write(Array("nav_goals: \"เป้าหมาย\"\n".utf8), to: "Themes/default/i18n/th.yml")
        // Thai has only the `other` plural form, so no `_one` string is missing; nav_goals is translated
        // and language_name is never missing.
        let keys = try String(contentsOf: work.root.appendingPathComponent("Themes/default/i18n/en.yml"), encoding: .utf8)
            .split(separator: "\n").filter { !$0.hasPrefix("#") && $0.contains(":") }.map { String($0.prefix { $0 != ":" }) }
        let missing = keys.filter { !$0.hasSuffix("_one") && $0 != "nav_goals" && $0 != "language_name" }.count
        let plain = try citysdg(["check"], in: work.root)
        #expect(plain.status == 0, "\(plain.err)")
        let lines = plain.out.split(separator: "\n").filter { $0.hasPrefix("th:") }
        #expect(lines == ["th: \(missing) interface strings untranslated; `citysdg check --verbose` lists them"])
        #expect(!plain.out.contains("nav_cities"))
        let verbose = try citysdg(["check", "--verbose"], in: work.root)
        let listed = try #require(verbose.out.split(separator: "\n").first { $0.hasPrefix("th:") })
        #expect(listed.hasPrefix("th: \(missing) interface strings untranslated (shown in the default language): "))
        #expect(listed.contains("nav_cities") && !listed.contains("nav_goals,") && !listed.contains("language_name"))
    }

    @Test func newFilesAreValidAsWritten() throws {
        let work = try Workspace()
        let city = try citysdg(["new", "city", "Pakse", "--country", "LA"], in: work.root)
        #expect(city.status == 0, "\(city.err)")
        #expect(try citysdg(["new", "project", "Pakse Market", "--city", "pakse"], in: work.root).status == 0)
        #expect(FileManager.default.fileExists(atPath: work.root.appendingPathComponent("Content/cities/la/pakse.md").path))
        // A name in its own script is the file's name; one with accents too, with its Latin spelling offered.
        let lao = try citysdg(["new", "city", "ຫຼວງພະບາງ", "--country", "LA"], in: work.root)
        #expect(lao.status == 0 && lao.out.contains("Wrote Content/cities/la/ຫຼວງພະບາງ.md") && !lao.out.contains("Latin"), "\(lao)")
        #expect(try citysdg(["new", "project", "ສວນສາທາລະນະ", "--city", "ຫຼວງພະບາງ"], in: work.root).status == 0)
        let vietnamese = try citysdg(["new", "city", "Đà Nẵng", "--country", "LA"], in: work.root)
        #expect(vietnamese.out.contains("Wrote Content/cities/la/đà-nẵng.md"), "\(vietnamese)")
        #expect(vietnamese.out.contains("For an address in Latin letters, rename it Content/cities/la/da-nang.md."), "\(vietnamese)")
        let check = try citysdg(["check"], in: work.root)
        #expect(check.status == 0, "\(check.err)")
        #expect(try citysdg(["new", "city", "Pakse", "--country", "LA"], in: work.root).status == 2) // never overwrites
        #expect(try citysdg(["new", "city", "Pakse", "--country", "Laos"], in: work.root).status == 2)
    }

    @Test func schemaDescribesEveryKindOfFile() throws {
        let work = try Workspace()
        #expect(try citysdg(["schema", "--output", "schema"], in: work.root).status == 0)
        for kind in ["city", "project", "country", "programme", "page"] {
            let data = try Data(contentsOf: work.root.appendingPathComponent("schema/\(kind).schema.json"))
            let schema = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
            let properties = try #require(schema["properties"] as? [String: Any])
            #expect(!properties.isEmpty)
            #expect((schema["required"] as? [String])?.contains("title") == true)
        }
    }

    /// `check --sources` asks every cited address (here, a server on this machine) and lists those
    /// that do not answer, without failing.
    @Test func checkSourcesListsDeadAddressesAndDoesNotFail() throws {
        let work = try Workspace()
        let served = work.root.appendingPathComponent("served")
        try FileManager.default.createDirectory(at: served, withIntermediateDirectories: true)
        try Data("ok".utf8).write(to: served.appendingPathComponent("ok.html"))
        let port = freePort()
        // Stopped and reaped when the test ends (see ChildProcess).
        let server = try ChildProcess("/usr/bin/env", ["python3", "-m", "http.server", String(port), "--bind", "127.0.0.1", "--directory", served.path],
                                      in: work.root, log: work.root.appendingPathComponent("http.log"))
        defer { server.send(SIGTERM); _ = server.wait(timeout: .seconds(5)) }
        try work.write(Array("""
            ---
            title: Sourced
            country: LA
            sources:
              - title: A page that is there
                url: http://127.0.0.1:\(port)/ok.html
              - title: A page that is gone
                url: http://127.0.0.1:\(port)/gone.html
            ---
            """.utf8), to: "Content/cities/la/sourced.md")
        var answer = try citysdg(["check", "--sources"], in: work.root)
        for _ in 0..<20 where answer.out.contains("no answer") {   // the server may still be starting
            usleep(200_000)
            answer = try citysdg(["check", "--sources"], in: work.root)
        }
        #expect(answer.status == 0, "\(answer.err)")
        #expect(answer.out.contains("Content/cities/la/sourced.md: source “A page that is gone”, http://127.0.0.1:\(port)/gone.html: HTTP 404"), "\(answer.out)")
        #expect(!answer.out.contains("ok.html"), "\(answer.out)")
    }
}
