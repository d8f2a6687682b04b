import CitySDGEngine
import Foundation
import HTTPTypes
import Hummingbird

extension EditorAPI {
    /// The editor's routes on the preview server's router.
    func route(_ router: Router<BasicRequestContext>) {
        let handler: @Sendable (Hummingbird.Request, BasicRequestContext) async throws -> Hummingbird.Response = { request, _ in
            var request = request
            let path = request.uri.path
            guard path.hasPrefix(Self.prefix) else {
                return Hummingbird.Response(status: .seeOther, headers: [.location: Self.prefix + (request.uri.query.map { "?" + $0 } ?? "")])
            }
            var query: [String: String] = [:]
            for (key, value) in request.uri.queryParameters { query[String(key)] = String(value).removingPercentEncoding ?? String(value) }
            var headers: [String: String] = [:]
            for field in request.headers { headers[field.name.canonicalName] = field.value }
            headers["host"] = request.head.authority ?? headers["host"]
            let body = try await request.collectBody(upTo: 4 * 1024 * 1024)
            let answer = await self.handle(EditorAPI.Request(method: request.method.rawValue, path: path, query: query, headers: headers,
                                                             body: Data(buffer: body)))
            var fields = HTTPFields()
            for (name, value) in answer.headers {
                if let name = HTTPField.Name(name) { fields.append(HTTPField(name: name, value: value)) }
            }
            return Hummingbird.Response(status: .init(code: answer.status), headers: fields, body: ResponseBody(byteBuffer: ByteBuffer(data: answer.body)))
        }
        for path in ["/__citysdg/edit", "/__citysdg/edit/**"] {
            router.get(RouterPath(path), use: handler)
            router.post(RouterPath(path), use: handler)
        }
    }
}

/// The "Edit this page" link the preview adds, while the editor runs, to the pages of the files
/// it edits: cities, projects, countries, programmes, and their translations.
struct EditLinks: Sendable {
    let content: URL
    let languages: [String]
    /// The link's words in each language of the site (the theme's `editor_edit_page`).
    let labels: [String: String]

    init(build: Build) {
        content = build.content
        var d = Diagnostics()
        let config = ContentLoader(root: build.content).loadConfig(&d)
        languages = config.languages
        let theme = Theme.load(name: build.themeName ?? config.theme, themesRoot: build.themes, languages: config.languages, display: { $0 }, &d)
        var labels: [String: String] = [:]
        for language in config.languages {
            labels[language] = theme?.strings[language]?["editor_edit_page"] ?? theme?.strings[config.languages[0]]?["editor_edit_page"] ?? "Edit this page"
        }
        self.labels = labels
    }

    func tag(forPage path: String) -> String? {
        guard let href = EditorAPI.editLink(forPage: path, content: content, languages: languages) else { return nil }
        let first = path.split(separator: "/").first.map(String.init) ?? ""
        let language = languages.dropFirst().contains(first) ? first : languages.first ?? "en"
        let label = (labels[language] ?? "Edit this page").replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
        let escaped = href.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "\"", with: "&quot;")
        return "<a class=\"citysdg-edit-link\" href=\"\(escaped)\" lang=\"\(language)\">\(label)</a>"
    }
}
