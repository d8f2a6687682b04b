import CitySDGEngine
import Foundation
import Testing
@testable import CitySDGServer

/// `serve --edit`'s endpoints, on a copy of the content: a write without the token, from another
/// Origin or Host, or to a path outside the content folder is refused and writes nothing; a file
/// changed on disk since it was opened, or a document with errors, is not saved.
@Suite final class EditorTests {
    static let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    let work = FileManager.default.temporaryDirectory.appendingPathComponent("citysdg-editor-\(UUID().uuidString)")
    var content: URL { work.appendingPathComponent("Content") }
    let rebuilt = Rebuilt()
    let api: EditorAPI
    static let lp = "cities/la/luang-prabang.md"

    final class Rebuilt: @unchecked Sendable {
        private let lock = NSLock()
        private var paths: [String] = []
        func add(_ path: String) { lock.lock(); paths.append(path); lock.unlock() }
        var all: [String] { lock.lock(); defer { lock.unlock() }; return paths }
    }

    init() throws {
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: Self.repo.appendingPathComponent("Content"), to: work.appendingPathComponent("Content"))
        let build = Build(content: work.appendingPathComponent("Content"), themes: Self.repo.appendingPathComponent("Themes"),
                          output: work.appendingPathComponent("site"), contentDisplay: "Content")
        let rebuilt = self.rebuilt
        api = EditorAPI(build: build, host: "127.0.0.1", port: 8000, token: "s3cret") { path in rebuilt.add(path) }
    }

    deinit { try? FileManager.default.removeItem(at: work) }

    func file(_ path: String) -> Data? { FileManager.default.contents(atPath: content.appendingPathComponent(path).path) }

    func call(_ method: String, _ name: String, _ body: [String: Any]? = nil, query: [String: String] = [:], token: String? = "s3cret",
              origin: String? = "http://127.0.0.1:8000", host: String = "127.0.0.1:8000") async -> (Int, [String: Any], EditorAPI.Response) {
        var headers = ["host": host]
        if let token { headers["cookie"] = "other=1; citysdg_edit_8000=\(token)" }
        if let origin { headers["origin"] = origin }
        let data = body.map { try! JSONSerialization.data(withJSONObject: $0) } ?? Data()
        let response = await api.handle(EditorAPI.Request(method: method, path: EditorAPI.prefix + name, query: query, headers: headers, body: data))
        return (response.status, (try? JSONSerialization.jsonObject(with: response.body) as? [String: Any]) ?? [:], response)
    }

    /// The form's values for `path`, with `title` changed.
    func edited(_ path: String, title: String) async throws -> [String: Any] {
        let (status, opened, _) = await call("GET", "file", query: ["path": path])
        #expect(status == 200)
        var frontMatter = try #require(opened["frontMatter"] as? [String: Any])
        frontMatter["title"] = title
        return ["path": path, "frontMatter": frontMatter, "body": opened["body"] as? String ?? "", "fingerprint": opened["fingerprint"] as? String ?? ""]
    }

    @Test func writesWithoutTheTokenFromAnotherOriginOrOutsideTheContentAreRefused() async throws {
        let before = try #require(file(Self.lp))
        let save = try await edited(Self.lp, title: "Changed")
        #expect(await call("POST", "save", save, token: nil).0 == 403)
        #expect(await call("POST", "save", save, token: "guess").0 == 403)
        #expect(await call("POST", "save", save, origin: "http://evil.example").0 == 403)
        #expect(await call("POST", "save", save, origin: nil).0 == 403)
        #expect(await call("POST", "save", save, origin: "http://attacker:8000", host: "attacker:8000").0 == 403)
        #expect(await call("GET", "file", query: ["path": Self.lp], token: nil).0 == 403)
        // Paths outside the content folder, or through a link out of it.
        try Data("secret".utf8).write(to: work.appendingPathComponent("outside.md"))
        try FileManager.default.createSymbolicLink(at: content.appendingPathComponent("projects/linked.md"),
                                                   withDestinationURL: work.appendingPathComponent("outside.md"))
        for path in ["../outside.md", "/etc/passwd.md", "cities/../../outside.md", "projects/linked.md", "site.yml", ".citysdg/x.md", "projects/.hidden.md"] {
            var body = save
            body["path"] = path
            let (status, _, _) = await call("POST", "save", body)
            #expect(status == 403, "\(path)")
        }
        #expect(file(Self.lp) == before)
        #expect(FileManager.default.contents(atPath: work.appendingPathComponent("outside.md").path) == Data("secret".utf8))
        #expect(rebuilt.all.isEmpty)
    }

    @Test func theTokenInTheAddressBecomesAStrictHttpOnlyCookie() async {
        let (status, _, response) = await call("GET", "", query: ["token": "s3cret", "open": Self.lp], token: nil)
        #expect(status == 303)
        let cookie = response.headers.first { $0.0 == "Set-Cookie" }?.1 ?? ""
        #expect(cookie.contains("citysdg_edit_8000=s3cret") && cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"))
        #expect(response.headers.first { $0.0 == "Location" }?.1 == EditorAPI.prefix + "?open=cities/la/luang-prabang.md")
        #expect(await call("GET", "", query: ["token": "wrong"], token: nil).0 == 403)
        #expect(await call("GET", "", token: nil).0 == 403)
        #expect(await call("GET", "").0 == 200)
    }

    @Test func aFileChangedOnDiskSinceItWasOpenedIsNotOverwritten() async throws {
        let save = try await edited(Self.lp, title: "From the form")
        let url = content.appendingPathComponent(Self.lp)
        let theirs = String(decoding: try Data(contentsOf: url), as: UTF8.self).replacingOccurrences(of: "updated: 2026-11-30", with: "updated: 2026-12-01")
        try Data(theirs.utf8).write(to: url)
        let (status, answer, _) = await call("POST", "save", save)
        #expect(status == 409)
        #expect(answer["disk"] as? String == theirs)
        #expect((answer["yours"] as? String)?.contains("title: \"From the form\"") == true)
        #expect(file(Self.lp) == Data(theirs.utf8))
    }

    @Test func aDocumentWithErrorsIsNotSavedAndAGoodOneIsSavedAsTheWriterWritesIt() async throws {
        let before = try #require(file(Self.lp))
        var bad = try await edited(Self.lp, title: "Luang Prabang")
        var frontMatter = bad["frontMatter"] as! [String: Any]
        frontMatter["expectations"] = [["expectation": "Green space within a short walk.", "stage": "plan"]]
        bad["frontMatter"] = frontMatter
        let (checked, found, _) = await call("POST", "check", bad)
        #expect(checked == 200 && found["ok"] as? Bool == false)
        let problems = found["problems"] as? [[String: Any]] ?? []
        #expect(problems.contains { $0["field"] as? String == "expectations/0" && ($0["message"] as? String ?? "").contains("`target`") }, "\(problems)")
        #expect(await call("POST", "save", bad).0 == 422)
        #expect(file(Self.lp) == before)

        frontMatter["expectations"] = [["target": "11.7", "expectation": "Green space within a short walk.", "stage": "plan"]]
        frontMatter["priority_sdgs"] = ["11"]
        var good = bad
        good["frontMatter"] = frontMatter
        let (saved, answer, _) = await call("POST", "save", good)
        #expect(saved == 200, "\(answer)")
        let written = String(decoding: try #require(file(Self.lp)), as: UTF8.self)
        let old = String(decoding: before, as: UTF8.self)
        #expect(written == old.replacingOccurrences(of: "programmes: [ascn, esc-model-cities]\n", with: """
            programmes: [ascn, esc-model-cities]
            priority_sdgs: [11]
            expectations:
              - target: "11.7"
                expectation: "Green space within a short walk."
                stage: plan

            """))
        #expect(answer["page"] as? String == "/cities/luang-prabang/")
        #expect(rebuilt.all == ["content/" + Self.lp])
    }

    @Test func newFilesAreTheFilesCitysdgNewWrites() async throws {
        let (status, answer, _) = await call("POST", "new", ["kind": "project", "title": "Mekong riverbank park", "city": "luang-prabang"])
        #expect(status == 200, "\(answer)")
        let expected = try Scaffold.project(title: "Mekong riverbank park", city: "luang-prabang", cities: Scaffold.cities(in: content))
        #expect(answer["path"] as? String == expected.path)
        #expect(file(expected.path) == Data(expected.text.utf8))
        #expect(await call("POST", "new", ["kind": "project", "title": "Mekong riverbank park", "city": "luang-prabang"]).0 == 409)
        #expect(await call("POST", "new", ["kind": "project", "title": "X", "city": "nowhere"]).0 == 422)
        let city = try Scaffold.city(name: "Phonsavan", country: "LA")
        #expect(await call("POST", "new", ["kind": "city", "name": "Phonsavan", "country": "LA"]).0 == 200)
        #expect(file(city.path) == Data(city.text.utf8))
    }

    @Test func aNewTranslationIsCitysdgNewsAndOpensWithTheOriginalsWords() async throws {
        let expected = try Scaffold.translation(of: Self.lp, into: "lo", content: content)
        let (status, answer, _) = await call("POST", "new", ["kind": "translation", "original": Self.lp, "language": "lo"])
        #expect(status == 200, "\(answer)")
        #expect(answer["path"] as? String == "cities/la/luang-prabang.lo.md")
        #expect(file(expected.path) == Data(expected.text.utf8))
        let (opened, json, _) = await call("GET", "file", query: ["path": expected.path])
        #expect(opened == 200 && json["kind"] as? String == "translation")
        let original = try #require(json["original"] as? [String: Any])
        #expect((original["frontMatter"] as? [String: Any])?["title"] as? String == "Luang Prabang")
        #expect(EditorAPI.editLink(forPage: "/lo/cities/luang-prabang/", content: content, languages: ["en", "lo"])
                == EditorAPI.prefix + "?open=cities/la/luang-prabang.lo.md")
    }

    @Test func commitRecordsTheSessionsFilesWithTheEditorsMessage() async throws {
        func git(_ arguments: String...) -> (Int32, String) { EditorAPI.git(arguments, in: content) }
        for (name, value) in [("GIT_AUTHOR_NAME", "Editor Test"), ("GIT_AUTHOR_EMAIL", "editor@example.org"),
                              ("GIT_COMMITTER_NAME", "Editor Test"), ("GIT_COMMITTER_EMAIL", "editor@example.org")] {
            setenv(name, value, 1)
        }
        #expect(await call("POST", "commit", ["message": "x"]).0 == 409) // not a repository yet
        guard git("init", "-q").0 == 0 else { return } // no git on this machine
        _ = git("add", "-A")
        #expect(git("commit", "-q", "-m", "start").0 == 0)
        #expect(await call("POST", "commit", ["message": "Nothing saved"]).0 == 409)
        let save = try await edited(Self.lp, title: "Luang Prabang City")
        #expect(await call("POST", "save", save).0 == 200)
        try Data("unrelated hand edit\n".utf8).write(to: content.appendingPathComponent("pages/notes.md"))
        #expect(await call("POST", "commit", ["message": ""], token: nil).0 == 403)
        let (status, answer, _) = await call("POST", "commit", ["message": "Luang Prabang: the city's full name"])
        #expect(status == 200, "\(answer)")
        #expect(git("log", "-1", "--format=%s").1 == "Luang Prabang: the city's full name\n")
        #expect(git("show", "--name-only", "--format=", "HEAD").1 == Self.lp + "\n")
        #expect(git("status", "--porcelain").1 == "?? pages/notes.md\n") // the hand edit is not committed
    }

    @Test func editLinksOnlyOnThePagesOfFilesTheEditorOpens() {
        let languages = ["en", "lo"]
        #expect(EditorAPI.editLink(forPage: "/cities/luang-prabang/", content: content, languages: languages) == EditorAPI.prefix + "?open=cities/la/luang-prabang.md")
        #expect(EditorAPI.editLink(forPage: "/countries/la/", content: content, languages: languages) == EditorAPI.prefix + "?open=countries/la.md")
        #expect(EditorAPI.editLink(forPage: "/lo/cities/luang-prabang/index.html", content: content, languages: languages)?.contains("luang-prabang") == true)
        for page in ["/", "/goals/11/", "/cities/", "/cities/nowhere/", "/search/"] {
            #expect(EditorAPI.editLink(forPage: page, content: content, languages: languages) == nil, "\(page)")
        }
    }
}
