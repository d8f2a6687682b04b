import CitySDGEngine
import Foundation
import Markdown

/// `citysdg serve --edit`: the browser editor's page and its endpoints, under /__citysdg/edit/.
/// Every endpoint but the page's own files needs the session token (given once in the address
/// `serve --edit` prints, then kept in a SameSite=Strict, HttpOnly cookie); a write also needs
/// the server's own Origin and a path to a content file inside the content folder. A refused
/// request writes nothing.
public final class EditorAPI: Sendable {
    public static let prefix = "/__citysdg/edit/"

    let build: Build
    public let token: String
    /// The `host:port` names this server answers writes for (its own address, and localhost's,
    /// so no other name made to point at this machine can write); nil when it listens on every
    /// address (`--host 0.0.0.0`), where the token and the Origin still decide.
    let hosts: Set<String>?
    let checker: EditCheck
    /// Rebuilds the site after a save (`content/<path>`), returning once the build is done.
    let rebuild: @Sendable (String) async -> Void
    /// The session cookie's name: one per port, since browsers share a host's cookies across its
    /// ports (two editors on one machine keep their own sessions).
    let cookie: String
    private let session = Session()

    /// The files saved through the editor in this session (what "Commit" commits).
    final class Session: @unchecked Sendable {
        private let lock = NSLock()
        private var saved: Set<String> = []
        func add(_ path: String) { lock.lock(); saved.insert(path); lock.unlock() }
        var paths: [String] { lock.lock(); defer { lock.unlock() }; return saved.sorted() }
    }

    public init(build: Build, host: String, port: Int, token: String = EditorAPI.newToken(),
                rebuild: @escaping @Sendable (String) async -> Void) {
        self.build = build
        self.token = token
        self.hosts = host == "0.0.0.0" || host == "::" ? nil : Set([host, "127.0.0.1", "localhost", "[::1]"].map { "\($0):\(port)" })
        self.cookie = "citysdg_edit_\(port)"
        self.checker = EditCheck(build: build)
        self.rebuild = rebuild
    }

    /// 32 random bytes, as hex.
    public static func newToken() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<4).map { _ in String(format: "%016llx", generator.next() as UInt64) }.joined()
    }

    /// The address to open: the editor, with the token.
    public func address(host: String, port: Int) -> String {
        "http://\(host == "0.0.0.0" ? "127.0.0.1" : host):\(port)\(Self.prefix)?token=\(token)"
    }

    public struct Request: Sendable {
        public var method: String
        public var path: String
        public var query: [String: String]
        /// Header names in lower case.
        public var headers: [String: String]
        public var body: Data

        public init(method: String, path: String, query: [String: String] = [:], headers: [String: String] = [:], body: Data = Data()) {
            self.method = method
            self.path = path
            self.query = query
            self.headers = headers
            self.body = body
        }
    }

    public struct Response: Sendable {
        public var status: Int
        public var headers: [(String, String)]
        public var body: Data

        static func json(_ status: Int, _ value: Any) -> Response {
            let data = (try? JSONSerialization.data(withJSONObject: value, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data("{}".utf8)
            return Response(status: status, headers: [("Content-Type", "application/json"), ("Cache-Control", "no-store")], body: data)
        }

        static func refused(_ why: String) -> Response { json(403, ["error": why]) }
    }

    // MARK: who may ask

    func hasToken(_ request: Request) -> Bool {
        let cookies = (request.headers["cookie"] ?? "").split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
        return cookies.contains(cookie + "=" + token)
    }

    /// A write comes from the editor's own page: the token, this server's own Origin, and a Host
    /// this server answers to (no page elsewhere, and no other name for this machine, can write).
    func mayWrite(_ request: Request) -> String? {
        guard hasToken(request) else { return "no session token: open the address `citysdg serve --edit` printed" }
        guard let host = request.headers["host"], hosts?.contains(host) ?? true else { return "this server does not answer to that host name" }
        guard request.headers["origin"] == "http://" + host else { return "the request comes from another site (its Origin is not this server's)" }
        if let site = request.headers["sec-fetch-site"], site != "same-origin" { return "the request comes from another site" }
        return nil
    }

    // MARK: the endpoints

    public func handle(_ request: Request) async -> Response {
        let name = String(request.path.dropFirst(Self.prefix.count))
        switch (request.method, name) {
        case ("GET", ""), ("GET", "index.html"): return page(request)
        case ("GET", "editor.js"), ("GET", "editor.css"): return asset(name)
        default: break
        }
        guard hasToken(request) else { return .refused("no session token: open the address `citysdg serve --edit` printed") }
        if request.method == "GET" {
            switch name {
            case "site": return siteJSON()
            case "file": return open(request.query["path"] ?? "")
            default: return .json(404, ["error": "no such endpoint"])
            }
        }
        guard request.method == "POST" else { return .json(405, ["error": "GET or POST"]) }
        if let why = mayWrite(request) { return .refused(why) }
        guard let body = try? JSONSerialization.jsonObject(with: request.body) as? [String: Any] else {
            return .json(400, ["error": "the request's body is not a JSON object"])
        }
        switch name {
        case "check": return check(body)
        case "preview": return preview(body)
        case "save": return await save(body)
        case "new": return await create(body)
        case "commit": return commit(body)
        default: return .json(404, ["error": "no such endpoint"])
        }
    }

    func page(_ request: Request) -> Response {
        if let given = request.query["token"] {
            guard given == token else { return .refused("this is not the session's token; open the address `citysdg serve --edit` printed") }
            // The token goes into a cookie, and out of the address bar (and the history).
            var rest = request.query.filter { $0.key != "token" }.sorted { $0.key < $1.key }
                .map { $0.key + "=" + ($0.value.addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed.subtracting(CharacterSet(charactersIn: "&=+"))) ?? "") }
                .joined(separator: "&")
            if !rest.isEmpty { rest = "?" + rest }
            return Response(status: 303, headers: [("Location", Self.prefix + rest),
                                                   ("Set-Cookie", "\(cookie)=\(token); Path=/; HttpOnly; SameSite=Strict"),
                                                   ("Cache-Control", "no-store")], body: Data())
        }
        guard hasToken(request) else {
            return Response(status: 403, headers: [("Content-Type", "text/html; charset=utf-8")], body: Data("""
                <!doctype html><html lang="en"><meta charset="utf-8"><title>Editor: no session</title>
                <main><h1>Open the editor from its address</h1><p>The editor needs the address that
                <code>citysdg serve --edit</code> printed when it started (it ends in <code>?token=…</code>).</p></main></html>
                """.utf8))
        }
        return asset("editor.html")
    }

    func asset(_ name: String) -> Response {
        guard let url = Bundle.module.url(forResource: "EditorFiles/" + name, withExtension: nil),
              let data = FileManager.default.contents(atPath: url.path) else { return .json(404, ["error": "no such file"]) }
        let type = StaticFiles.contentType(url.pathExtension)
        return Response(status: 200, headers: [("Content-Type", type), ("Cache-Control", "no-cache")], body: data)
    }

    func siteJSON() -> Response {
        var json = EditorSite.json(content: build.content)
        let languages = json["languages"] as? [String] ?? ["en"]
        var d = Diagnostics()
        let theme = Theme.load(name: build.themeName ?? "default", themesRoot: build.themes, languages: languages, display: { $0 }, &d)
        var strings: [String: [String: String]] = [:]
        let english = theme?.strings[languages[0]] ?? [:]
        for language in languages {
            let own = theme?.strings[language] ?? [:]
            strings[language] = english.merging(own) { _, new in new }.filter { $0.key.hasPrefix("editor_") || $0.key.hasPrefix("nav_") || $0.key == "language_name" }
        }
        json["strings"] = strings
        json["git"] = gitRoot() != nil
        return .json(200, json)
    }

    /// A file as the form shows it: its fields, body, fingerprint (to notice a change on disk),
    /// and for a translation, the original's fields. (Its problems come from `check`, which the
    /// page asks for once the form is shown.)
    func open(_ path: String) -> Response {
        guard let kind = EditorSite.kind(of: path), let url = try? EditorSite.file(path, in: build.content) else {
            return .refused(EditorSite.Refusal.notContent(path).description)
        }
        guard let data = FileManager.default.contents(atPath: url.path) else { return .json(404, ["error": "there is no file `\(path)`"]) }
        let text = String(decoding: data, as: UTF8.self)
        var json: [String: Any] = ["path": path, "kind": kind.name, "text": text, "fingerprint": Fingerprint(data).hex,
                                   "page": EditorSite.page(of: path) ?? ""]
        do {
            let (frontMatter, body) = try FrontMatterWriter.read(text)
            json["frontMatter"] = frontMatter.json
            json["body"] = body
        } catch {
            json["unreadable"] = error.description
        }
        if let original = EditorSite.original(of: path), let url = try? EditorSite.file(original, in: build.content),
           let text = try? String(contentsOf: url, encoding: .utf8), let read = try? FrontMatterWriter.read(text) {
            json["original"] = ["path": original, "frontMatter": read.frontMatter.json, "body": read.body]
        }
        return .json(200, json)
    }

    /// The file the form's values make: the file as it is with the changed fields rewritten, or
    /// a new file for a path that has none.
    func text(_ body: [String: Any], path: String) throws -> String {
        guard let kind = EditorSite.kind(of: path) else { throw EditorSite.Refusal.notContent(path) }
        let frontMatter = EditValue(json: body["frontMatter"])
        let markdown = body["body"] as? String ?? ""
        let url = try EditorSite.file(path, in: build.content)
        if let data = FileManager.default.contents(atPath: url.path) {
            return try FrontMatterWriter.write(original: String(decoding: data, as: UTF8.self), frontMatter: frontMatter, body: markdown, fields: kind.fields)
        }
        return FrontMatterWriter.fresh(frontMatter: frontMatter, body: markdown, fields: kind.fields)
    }

    func check(_ body: [String: Any]) -> Response {
        let path = body["path"] as? String ?? ""
        let text: String
        do { text = try self.text(body, path: path) } catch let refusal as EditorSite.Refusal {
            return .refused(refusal.description)
        } catch {
            return .json(400, ["error": "\(error)"])
        }
        let found = checker.check(path: path, text: text)
        let own = problems(found, path: path, text: text)
        return .json(200, ["text": text, "problems": own, "ok": !own.contains { $0["severity"] as? String == "error" }])
    }

    /// The problems of `path` (each with the field it belongs to, `body`, or none), and the
    /// errors the file causes elsewhere.
    func problems(_ found: Diagnostics, path: String, text: String) -> [[String: Any]] {
        let shown = build.contentDisplay.isEmpty ? path : build.contentDisplay + "/" + path
        let places = EditorSite.fieldPlaces(text)
        let close = text.split(separator: "\n", omittingEmptySubsequences: false).dropFirst().firstIndex { $0.hasPrefix("---") }.map { $0 + 1 } ?? 0
        return found.sorted.compactMap { d -> [String: Any]? in
            let own = d.location.file == shown
            guard own || d.severity == .error else { return nil }
            var item: [String: Any] = ["severity": d.severity.rawValue, "message": d.message, "hint": d.hint ?? "",
                                       "file": d.location.file, "line": d.location.line, "column": d.location.column]
            if own {
                item["field"] = d.location.line > close && close > 0 ? "body"
                    : (d.location.line == 1 && d.location.column == 1 ? "" : EditorSite.field(at: d.location.line, d.location.column, in: places) ?? "")
            } else {
                item["elsewhere"] = true
            }
            return item
        }
    }

    func preview(_ body: [String: Any]) -> Response {
        var d = Diagnostics()
        let config = ContentLoader(root: build.content).loadConfig(&d)
        let rendered = Markdown.render(body["markdown"] as? String ?? "", options: .init(allowRawHTML: config.allowRawHTML))
        return .json(200, ["html": rendered.html])
    }

    func save(_ body: [String: Any]) async -> Response {
        let path = body["path"] as? String ?? ""
        guard let url = try? EditorSite.file(path, in: build.content) else { return .refused(EditorSite.Refusal.notContent(path).description) }
        let onDisk = FileManager.default.contents(atPath: url.path)
        let opened = body["fingerprint"] as? String ?? ""
        let text: String
        do { text = try self.text(body, path: path) } catch {
            return .json(400, ["error": "\(error)"])
        }
        // Changed on disk since the form opened it (or created since a new file was started): both versions, nothing written.
        if (onDisk.map { Fingerprint($0).hex } ?? "") != opened {
            return .json(409, ["error": "`\(path)` changed on disk since it was opened; nothing was written",
                               "disk": onDisk.map { String(decoding: $0, as: UTF8.self) } ?? "", "yours": text])
        }
        let problems = problems(checker.check(path: path, text: text), path: path, text: text)
        guard !problems.contains(where: { $0["severity"] as? String == "error" && $0["elsewhere"] == nil }) else {
            return .json(422, ["error": "the file has errors; nothing was written", "problems": problems, "text": text])
        }
        do {
            try Self.write(text, to: url)
        } catch {
            return .json(500, ["error": "`\(path)` could not be written: \(error.localizedDescription)"])
        }
        session.add(path)
        await rebuild("content/" + path)
        return .json(200, ["ok": true, "fingerprint": Fingerprint(Data(text.utf8)).hex, "page": EditorSite.page(of: path) ?? "", "text": text])
    }

    /// Writes through a hidden file beside it, renamed over it: a reader never sees half a file.
    static func write(_ text: String, to url: URL) throws {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        let temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).citysdg-\(UUID().uuidString)")
        try Data(text.utf8).write(to: temporary)
        guard rename(temporary.path, url.path) == 0 else {
            try? FileManager.default.removeItem(at: temporary)
            throw CocoaError(.fileWriteUnknown)
        }
    }

    /// "New city", "New project", "New translation": the files `citysdg new` writes.
    func create(_ body: [String: Any]) async -> Response {
        let file: Scaffold.File
        do {
            switch body["kind"] as? String {
            case "city": file = try Scaffold.city(name: body["name"] as? String ?? "", country: body["country"] as? String ?? "")
            case "project":
                file = try Scaffold.project(title: body["title"] as? String ?? "", city: body["city"] as? String ?? "",
                                            cities: Scaffold.cities(in: build.content))
            case "translation":
                file = try Scaffold.translation(of: body["original"] as? String ?? "", into: body["language"] as? String ?? "", content: build.content)
            default: return .json(400, ["error": "kind is city, project or translation"])
            }
        } catch {
            return .json(422, ["error": error.description])
        }
        guard let url = try? EditorSite.file(file.path, in: build.content) else { return .refused(EditorSite.Refusal.notContent(file.path).description) }
        guard !FileManager.default.fileExists(atPath: url.path) else {
            return .json(409, ["error": "`\(file.path)` already exists; open it instead", "path": file.path])
        }
        do { try Self.write(file.text, to: url) } catch {
            return .json(500, ["error": "`\(file.path)` could not be written: \(error.localizedDescription)"])
        }
        session.add(file.path)
        await rebuild("content/" + file.path)
        return .json(200, ["ok": true, "path": file.path])
    }

    // MARK: git

    /// The top of the git repository the content folder is in, if it is in one.
    func gitRoot() -> String? {
        let (status, output) = Self.git(["rev-parse", "--show-toplevel"], in: build.content)
        return status == 0 ? output.trimmingCharacters(in: .whitespacesAndNewlines) : nil
    }

    static func git(_ arguments: [String], in folder: URL) -> (Int32, String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "-C", folder.path] + arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        do { try process.run() } catch { return (127, "git could not be run: \(error.localizedDescription)") }
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: output, as: UTF8.self))
    }

    /// Commits the files saved in this session, with the editor's message; never pushes.
    func commit(_ body: [String: Any]) -> Response {
        let message = (body["message"] as? String ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard !message.isEmpty else { return .json(400, ["error": "a commit needs a message"]) }
        guard gitRoot() != nil else { return .json(409, ["error": "the content folder is not in a git repository"]) }
        let paths = session.paths.filter { FileManager.default.fileExists(atPath: build.content.appendingPathComponent($0).path) }
        guard !paths.isEmpty else { return .json(409, ["error": "nothing was saved in this session"]) }
        let (added, addOutput) = Self.git(["add", "--"] + paths, in: build.content)
        guard added == 0 else { return .json(500, ["error": addOutput]) }
        let (status, output) = Self.git(["commit", "-m", message, "--"] + paths, in: build.content)
        return .json(status == 0 ? 200 : 409, ["ok": status == 0, "output": output, "files": paths])
    }

    // MARK: pages and their files

    /// The content file behind a page of the kinds the editor opens (city, project, country,
    /// programme, and their translations), as the editor's address; nil for any other page.
    public static func editLink(forPage requestPath: String, content: URL, languages: [String]) -> String? {
        // Pages of files named in other scripts are asked for percent-encoded.
        var parts = requestPath.split(separator: "?").first.map { $0.split(separator: "/").map { String($0).removingPercentEncoding ?? String($0) } } ?? []
        if parts.last == "index.html" { parts.removeLast() }
        var language: String? = nil
        if parts.count == 3, languages.dropFirst().contains(parts[0]) { language = parts.removeFirst() }
        guard parts.count == 2, Slug(text: parts[1]) != nil || parts[0] == "countries" else { return nil }
        let slug = parts[1]
        let original: String
        switch parts[0] {
        case "cities":
            guard let country = Scaffold.cities(in: content).contains(slug) ? countryFolder(of: slug, in: content) : nil else { return nil }
            original = "cities/\(country)/\(slug).md"
        case "projects", "programmes": original = "\(parts[0])/\(slug).md"
        case "countries": original = "countries/\(slug.lowercased()).md"
        default: return nil
        }
        guard FileManager.default.fileExists(atPath: content.appendingPathComponent(original).path) else { return nil }
        guard let language else { return prefix + "?open=" + original }
        let translation = String(original.dropLast(3)) + "." + language + ".md"
        if FileManager.default.fileExists(atPath: content.appendingPathComponent(translation).path) { return prefix + "?open=" + translation }
        return prefix + "?translate=" + original + "&language=" + language
    }

    static func countryFolder(of slug: String, in content: URL) -> String? {
        let folder = content.appendingPathComponent("cities")
        return ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).sorted().first {
            FileManager.default.fileExists(atPath: folder.appendingPathComponent("\($0)/\(slug).md").path)
        }
    }
}
