import CitySDGEngine
import Foundation
import Hummingbird
import Logging
import ServiceLifecycle
#if canImport(Glibc)
import Glibc
#endif

/// `citysdg serve`: builds the site, serves the output folder, watches the content and the theme,
/// rebuilds incrementally on every save and reloads the open pages. Only files inside the output
/// folder are served; the server listens on 127.0.0.1 unless told otherwise.
public struct DevServer: Sendable {
    public var build: Build
    public var host: String
    public var port: Int
    /// `serve --edit`: the browser editor too, with its "Edit this page" links on the pages.
    public var edit: Bool

    public init(build: Build, host: String = "127.0.0.1", port: Int = 8000, edit: Bool = false) {
        self.build = build
        self.host = host
        self.port = port
        self.edit = edit
    }

    /// The port is taken: said before anything is built, with the next free port to try.
    public struct PortInUse: Error, CustomStringConvertible {
        public var host: String
        public var port: Int
        public var free: Int?
        public var description: String {
            "port \(port) on \(host) is in use (another `citysdg serve`, or another server); "
                + (free.map { "port \($0) is free: `citysdg serve --port \($0)`" } ?? "choose another with `--port`")
        }
    }

    /// Whether a server could listen on `port` now: a socket bound and closed again.
    public static func canListen(host: String, port: Int) -> Bool {
        #if canImport(Glibc)
        var hints = addrinfo()
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        hints.ai_flags = AI_PASSIVE
        var found: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(host, String(port), &hints, &found) == 0, let first = found else { return true }
        defer { freeaddrinfo(found) }
        let fd = socket(first.pointee.ai_family, first.pointee.ai_socktype, first.pointee.ai_protocol)
        guard fd >= 0 else { return true }
        defer { close(fd) }
        var yes: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        return bind(fd, first.pointee.ai_addr, first.pointee.ai_addrlen) == 0
        #else
        return true
        #endif
    }

    /// Refuses a port in use before the first build, naming a free one.
    public func checkPort() throws {
        guard !Self.canListen(host: host, port: port) else { return }
        let free = (port + 1...min(port + 100, 65535)).first { Self.canListen(host: host, port: $0) }
        throw PortInUse(host: host, port: port, free: free)
    }

    /// Builds, then serves until SIGINT or SIGTERM. Stopping ends the live-reload streams first,
    /// so no open page holds the server up.
    public func run(log: @escaping @Sendable (String) -> Void) async throws {
        try checkPort()
        var build = build
        build.decodeCache = DecodeCache()
        build.fragmentCache = FragmentCache()
        let resident = Resident()
        build.resident = resident
        let site = LiveSite(build: build, log: log)
        // Watching starts before the first build: a file saved while it runs is built right after it.
        let watcher = Watcher(folders: [(build.content, "content/"), (build.themes, "themes/")]) { paths in
            resident.sourcesChanged(paths)
            Task { await site.sourcesChanged() }
        }
        let how = watcher.start()
        defer { watcher.stop() } // however the server ends, cancelled included
        await site.sourcesChanged()
        log("Watching \(build.contentDisplay)/ and \(build.themesDisplay)/ (\(how)). Serving http://\(host):\(port)/ — Ctrl-C stops.")

        let files = StaticFiles(root: build.output, editLinks: edit ? EditLinks(build: build) : nil)
        let router = Router()
        if edit {
            let editor = EditorAPI(build: build, host: host, port: port) { path in
                resident.sourcesChanged([path])
                await site.sourcesChanged()
            }
            editor.route(router)
            log("Editor: \(editor.address(host: host, port: port)) — open this address; anyone with it can edit \(build.contentDisplay)/.")
        }
        router.get("/__citysdg/events") { _, _ -> Response in
            let events = await site.subscribe()
            let body = AsyncStream<ByteBuffer> { continuation in
                let task = Task {
                    for await event in events { continuation.yield(ByteBuffer(string: event)) }
                    continuation.finish()
                }
                continuation.onTermination = { _ in task.cancel() }
            }
            return Response(status: .ok,
                            headers: [.contentType: "text/event-stream", .cacheControl: "no-cache"],
                            body: ResponseBody(asyncSequence: body))
        }
        router.get("/__citysdg/live.js") { _, _ in
            Response(status: .ok, headers: [.contentType: "text/javascript; charset=utf-8", .cacheControl: "no-cache"],
                     body: ResponseBody(byteBuffer: ByteBuffer(string: LiveReload.script)))
        }
        router.get("/__citysdg/live.css") { _, _ in
            Response(status: .ok, headers: [.contentType: "text/css; charset=utf-8", .cacheControl: "no-cache"],
                     body: ResponseBody(byteBuffer: ByteBuffer(string: LiveReload.style)))
        }
        router.get("/__citysdg/problems") { _, _ in
            Response(status: .ok, headers: [.contentType: "application/json"],
                     body: ResponseBody(byteBuffer: ByteBuffer(string: await site.problemsJSON())))
        }
        router.get("/") { _, _ -> Response in files.response(for: "/") }
        router.get("**") { request, _ -> Response in files.response(for: request.uri.path) }
        // HEAD answers as GET does (link checkers and browsers ask it), without the body.
        router.head("/") { _, _ -> Response in files.response(for: "/").withoutBody }
        router.head("**") { request, _ -> Response in files.response(for: request.uri.path).withoutBody }
        var logger = Logger(label: "citysdg.serve")
        logger.logLevel = .critical // what matters is thrown or said by citysdg itself
        let app = Application(router: router, configuration: .init(address: .hostname(host, port: port), serverName: nil), logger: logger)
        // Services stop in the reverse order: the streams end first, then the server, which has no request left to wait for.
        var configuration = ServiceGroupConfiguration(services: [app, LiveStreams(site: site)],
                                                      gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)
        // A request that still holds the server after a second is cancelled (never a crash: no
        // maximum cancellation duration, which ends the process with a fatal error).
        configuration.maximumGracefulShutdownDuration = .seconds(1)
        do {
            try await ServiceGroup(configuration: configuration).run()
        } catch where "\(error)".contains("Address already in use") {
            throw PortInUse(host: host, port: port, free: nil)
        }
        log("Stopped.")
    }
}

/// The live-reload streams as a service: a heartbeat every few seconds while the server runs
/// (a page closed without a word is noticed at the next write), and all of them ended when it stops.
struct LiveStreams: Service {
    let site: LiveSite
    var heartbeat: Duration = .seconds(5)

    func run() async throws {
        try? await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                try await Task.sleep(for: heartbeat)
                await site.heartbeat()
            }
        }
        await site.close()
    }
}

/// Files from the output folder, and nothing outside it. HTML pages get the live-reload script,
/// added as they are served (the files on disk stay exactly what `build` writes), and with the
/// editor on, an "Edit this page" link on the pages it edits.
struct StaticFiles: Sendable {
    let root: URL
    var editLinks: EditLinks? = nil

    /// The file a request path names, if it is inside the output folder.
    func file(for requestPath: String) -> URL? {
        guard let decoded = requestPath.split(separator: "?").first.map(String.init)?.removingPercentEncoding,
              !decoded.contains("\0") else { return nil }
        let parts = decoded.split(separator: "/").map(String.init)
        guard !parts.contains(where: { $0 == ".." || $0 == "." || $0.hasPrefix(".") }) else { return nil }
        var url = parts.reduce(root) { $0.appendingPathComponent($1) }
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder), isFolder.boolValue {
            url.appendPathComponent("index.html")
        }
        let real = url.resolvingSymlinksInPath().path
        let base = root.resolvingSymlinksInPath().path
        guard real.hasPrefix(base + "/"), FileManager.default.fileExists(atPath: real) else { return nil }
        return URL(fileURLWithPath: real)
    }

    func response(for requestPath: String) -> Response {
        guard let url = file(for: requestPath), let data = FileManager.default.contents(atPath: url.path) else {
            let page = FileManager.default.contents(atPath: root.appendingPathComponent("404.html").path) ?? Data("Not found".utf8)
            return Response(status: .notFound, headers: [.contentType: "text/html; charset=utf-8"],
                            body: ResponseBody(byteBuffer: ByteBuffer(bytes: LiveReload.inject(into: page))))
        }
        let type = Self.contentType(url.pathExtension)
        let extra = url.pathExtension == "html" ? editLinks?.tag(forPage: requestPath) ?? "" : ""
        let bytes = url.pathExtension == "html" ? LiveReload.inject(into: data, extra: extra) : data
        return Response(status: .ok, headers: [.contentType: type, .cacheControl: "no-cache"],
                        body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    static func contentType(_ ext: String) -> String {
        switch ext {
        case "html": return "text/html; charset=utf-8"
        case "css": return "text/css; charset=utf-8"
        case "js": return "text/javascript; charset=utf-8"
        case "json": return "application/json"
        case "xml": return "application/xml"
        case "txt": return "text/plain; charset=utf-8"
        case "svg": return "image/svg+xml"
        case "png": return "image/png"
        case "jpg", "jpeg": return "image/jpeg"
        case "csv": return "text/csv; charset=utf-8"
        default: return "application/octet-stream"
        }
    }
}

/// The little script (and style) that reloads a previewed page and shows build problems over it.
/// Served from the site's own origin, so the pages' Content-Security-Policy allows it.
enum LiveReload {
    static let tag = "<link rel=\"stylesheet\" href=\"/__citysdg/live.css\"><script src=\"/__citysdg/live.js\" defer></script>"

    static func inject(into html: Data, extra: String = "") -> Data {
        let text = String(decoding: html, as: UTF8.self)
        guard let end = text.range(of: "</body>", options: .backwards) else { return html }
        return Data((text[..<end.lowerBound] + extra + tag + text[end.lowerBound...]).utf8)
    }

    static let script = """
    (function () {
      var panel = null;
      function show(problems) {
        if (panel) { panel.remove(); panel = null; }
        if (!problems.length) return;
        panel = document.createElement('div');
        panel.className = 'citysdg-problems';
        var title = document.createElement('h2');
        title.textContent = 'The last save has ' + problems.length + ' problem' + (problems.length > 1 ? 's' : '') + '; this page is the last good build.';
        panel.appendChild(title);
        problems.forEach(function (p) {
          var item = document.createElement('pre');
          item.textContent = p.file + ':' + p.line + ':' + p.column + ': ' + p.severity + ': ' + p.message + (p.hint ? '\\n    hint: ' + p.hint : '')
            + (p.waiting || []).map(function (w) { return '\\n    ' + w; }).join('');
          panel.appendChild(item);
        });
        document.body.appendChild(panel);
      }
      // The server names itself on every connection; after a restart the browser reconnects by
      // itself (EventSource retries every second) and finds another name: the page reloads.
      var server = null;
      var events = new EventSource('/__citysdg/events');
      events.addEventListener('server', function (e) {
        if (server !== null && server !== e.data) location.reload();
        server = e.data;
      });
      // A reload names the files written; a page that is not one of them stays as it is.
      events.addEventListener('reload', function (e) {
        var paths = null;
        try { paths = JSON.parse(e.data).paths || null; } catch (x) {}
        if (paths === null) { location.reload(); return; }
        var here = decodeURIComponent(location.pathname).normalize('NFC').replace(/^\\//, '');
        if (here === '' || here.endsWith('/')) here += 'index.html';
        if (paths.indexOf(here) >= 0) location.reload();
      });
      events.addEventListener('problems', function (e) { show(JSON.parse(e.data)); });
    })();
    """

    static let style = """
    .citysdg-problems { position: fixed; inset: auto 1rem 1rem 1rem; max-height: 60vh; overflow: auto; z-index: 1000;
      background: #fff8f6; color: #1b1b1b; border: 3px solid #c5192d; border-radius: 6px; padding: 0.5rem 1rem;
      box-shadow: 0 4px 24px rgba(0,0,0,0.25); font: 14px/1.4 ui-monospace, Menlo, Consolas, monospace; }
    .citysdg-problems h2 { font: bold 15px/1.3 system-ui, sans-serif; color: #c5192d; margin: 0.4rem 0; }
    .citysdg-problems pre { white-space: pre-wrap; margin: 0.4rem 0; }
    .citysdg-edit-link { position: fixed; right: 1rem; bottom: 1rem; z-index: 999; background: #0a5c8a; color: #fff;
      padding: 0.6rem 1rem; border-radius: 6px; font: bold 16px/1.2 system-ui, sans-serif; text-decoration: none;
      box-shadow: 0 2px 10px rgba(0,0,0,0.3); }
    .citysdg-edit-link:hover, .citysdg-edit-link:focus { background: #073f5f; color: #fff; outline: 3px solid #f5b400; }
    @media print { .citysdg-edit-link { display: none; } }
    """
}

extension Response {
    /// The same status and headers, with no body.
    var withoutBody: Response {
        var head = self
        head.body = ResponseBody()
        return head
    }
}
