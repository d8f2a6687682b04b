import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif
@testable import CitySDGEngine

/// The editor's loop: start the preview, make a mistake, read the one message it gets, stop the
/// preview with Ctrl-C whatever pages are open.
@Suite(.serialized) struct EditingLoopTests {
    /// `citysdg serve` in a copy of the test site, on a free port, up and answering.
    func startServe(_ work: Workspace, port: Int) throws -> ChildProcess {
        let serve = try ChildProcess(citysdgExecutable.path, ["serve", "--port", String(port)], in: work.root,
                                     log: work.root.appendingPathComponent("serve.log"))
        for _ in 0..<300 {
            if let c = Connection(port: port) {
                c.send("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                if c.read(until: "200 OK").found { return serve }
            }
            if serve.wait(timeout: .zero) != nil { break }
            usleep(100_000)
        }
        Issue.record("serve did not start: \(serve.output)")
        return serve
    }

    /// With a live-reload stream open (as every previewed page has), SIGINT and SIGTERM each stop
    /// the server within 2 s, with status 0, and the stream is ended, not cut.
    @Test(arguments: [SIGINT, SIGTERM]) func serveStopsOnASignalWithAPageOpen(signal: Int32) throws {
        let work = try Workspace()
        let port = freePort()
        let serve = try startServe(work, port: port)
        let stream = try #require(Connection(port: port))
        stream.send("GET /__citysdg/events HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n")
        let opened = stream.read(until: "event: server")
        #expect(opened.found, "the stream opened: \(opened.text)")
        let sent = ContinuousClock.now
        serve.send(signal)
        let status = serve.wait(timeout: .seconds(2))
        #expect(status == 0, "serve ended with \(String(describing: status)) \(ContinuousClock.now - sent) after signal \(signal): \(serve.output)")
        #expect(serve.output.contains("Stopped."), "\(serve.output)")
        #expect(!stream.read(until: nil).found, "the stream ended")
    }

    /// A port that is taken is said at once, before any build, with the option and a free port.
    @Test func aPortInUseIsSaidBeforeTheBuild() throws {
        let work = try Workspace()
        let port = freePort()
        let holder = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(holder) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = UInt16(port).bigEndian
        let bound = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(holder, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) } }
        try #require(bound == 0 && listen(holder, 1) == 0)
        try FileManager.default.removeItem(at: work.site)
        let answer = try citysdg(["serve", "--port", String(port)], in: work.root)
        #expect(answer.status == 2)
        #expect(answer.err.contains("port \(port) on 127.0.0.1 is in use"), "\(answer.err)")
        #expect(answer.err.contains("--port"), "\(answer.err)")
        #expect(answer.err.split(separator: "\n").count == 1, "one line: \(answer.err)")
        #expect(!FileManager.default.fileExists(atPath: work.site.path), "nothing was built")
    }

    /// Each mistake an editor makes is one problem at its place, with what follows from it folded
    /// under it and not counted; the same in text and JSON. The site was built before the mistake:
    /// a template that parsed in that build is not parsed again, and one changed since is.
    @Test(arguments: [
        ("a country code of three letters", "Content/cities/la/alpha-town.md", "country: LA\n", "country: LAO\n",
         """
         Content/cities/la/alpha-town.md:3:10: error: `LAO` is not a country code
             hint: use the ISO 3166-1 alpha-2 code, e.g. LA for Lao PDR
             1 link to `/cities/alpha-town/` waits on the error above (Content/countries/la.md:5:45)
             1 link to `/projects/alpha-park/` waits on the error above (Content/pages/about.md:7:1)
         1 error, 0 warnings

         """),
        ("an unclosed quote in a title", "Content/cities/my/beta-city.md", "title: Beta City\n", "title: \"Beta City\n",
         """
         Content/cities/my/beta-city.md:2:8: error: the quote `"` opened here is never closed
             hint: end the value with `"` on the same line (YAML stopped at line 7: did not find expected key)
             2 links to `/cities/beta-city/` wait on the error above (Content/pages/about.md:7:37, Content/pages/about.md:8:5)
         1 error, 0 warnings

         """),
        ("a section end deleted from a template", "Themes/default/templates/city.mustache", "    {{/expectations}}\n", "",
         """
         Themes/default/templates/city.mustache:28:3: error: `{{/groups}}` at line 28 closes `{{#expectations}}` opened at line 21
             hint: sections close in the reverse order they open: `{{/expectations}}` comes first
         1 error, 0 warnings

         """),
        ("a section left open at the end of a template", "Themes/default/templates/city.mustache", "{{/base}}\n", "{{/base}}\n{{#expectations}}\n",
         """
         Themes/default/templates/city.mustache:49:1: error: `{{#expectations}}` opened at line 49 is never closed
             hint: end the section with `{{/expectations}}` where it should stop
         1 error, 0 warnings

         """),
    ]) func oneMistakeIsOneProblem(_ what: String, file: String, replacing: String, with: String, expected: String) throws {
        let work = try Workspace()
        try work.write(Array("---\ntitle: About\norder: 1\n---\n# About this test site\n\n[A park](/projects/alpha-park/) and [a city](/cities/beta-city/).\nSee [it](/cities/beta-city/) again.\n".utf8),
                       to: "Content/pages/about.md")
        #expect(try citysdg(["build"], in: work.root).status == 0)
        let url = work.root.appendingPathComponent(file)
        let text = try String(contentsOf: url, encoding: .utf8)
        try #require(text.contains(replacing), "\(what): \(file) has `\(replacing)`")
        try work.write(Array(text.replacingOccurrences(of: replacing, with: with).utf8), to: file)
        let check = try citysdg(["check"], in: work.root)
        #expect(check.status == 1)
        #expect(check.err == expected, "\(what)")
        let build = try citysdg(["build"], in: work.root)
        #expect(build.status == 1)
        #expect(build.err.hasPrefix(expected), "\(what): \(build.err)")
        let json = try citysdg(["check", "--format", "json"], in: work.root)
        let document = try JSONSerialization.jsonObject(with: Data(json.out.utf8)) as? [String: Any]
        #expect(document?["errors"] as? Int == 1, "\(what): \(json.out)")
        #expect((document?["diagnostics"] as? [Any])?.count == 1, "\(what): \(json.out)")
    }

    /// A quote left open is named where it opens, not where YAML gave up; a value quoted over
    /// several lines is not taken for one.
    @Test func anUnclosedQuoteIsNamedWhereItOpens() {
        let open = loadDiagnostics(files: ["cities/la/a.md": "---\ntitle: 'Pakse\ncountry: LA\nsummary: 'A city'\n---\n"])
        #expect(open.count == 1 && open.first?.location == SourceLocation(file: "Content/cities/la/a.md", line: 2, column: 8)
                && open.first?.message == "the quote `'` opened here is never closed", "\(open)")
        let long = loadDiagnostics(files: ["cities/la/a.md": "---\ntitle: \"A long\n  title\"\ncountry: LA\nbad: [1, 2\n---\n"])
        #expect(long.count == 1 && long.first?.message.contains("quote") == false, "\(long)")
    }
}
