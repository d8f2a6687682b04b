import Foundation

/// `sitemap.xml`: every page a reader can navigate to, at the site's base URL, in every language
/// with its alternates.
enum SitemapFile {
    static let kind = PageKind<Void>(name: "sitemap", listed: false, keys: { _, _ in [()] }, path: { _ in "sitemap.xml" }) { _, c in
        let base = baseURL(c.read.config)
        let listed = c.read.listed
        let multilingual = listed.contains { $0.alternates.count > 1 }
        // A city's and a project's page were last modified when their `updated:` says (the
        // dates alone are read: a new title does not make the sitemap again).
        let updated = c.read.updatedPages
        func lastmod(_ page: (path: String, alternates: [Route.Alternate])) -> String {
            (updated[page.alternates.first?.path ?? page.path]).map { "<lastmod>\($0)</lastmod>" } ?? ""
        }
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\""
            + (multilingual ? " xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n" : ">\n")
        for page in listed {
            guard multilingual else {
                xml += "  <url><loc>\(xmlEscape(base + Route.pretty(page.path)))</loc>\(lastmod(page))</url>\n"
                continue
            }
            // Each language's address lists every language's, itself included (as Google asks).
            xml += "  <url>\n    <loc>\(xmlEscape(base + Route.pretty(page.path)))</loc>\(lastmod(page))\n"
            for other in page.alternates {
                xml += "    <xhtml:link rel=\"alternate\" hreflang=\"\(other.language)\" href=\"\(xmlEscape(base + Route.pretty(other.path)))\"/>\n"
            }
            xml += "  </url>\n"
        }
        return .file(Data((xml + "</urlset>\n").utf8))
    }

    static func baseURL(_ config: SiteConfig) -> String {
        config.baseURL.hasSuffix("/") ? config.baseURL : config.baseURL + "/"
    }

    /// `&`, `<`, `>` and `"` as entities; a text with none of them is returned as it is.
    static func xmlEscape(_ s: String) -> String {
        guard s.utf8.contains(where: { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 }) else { return s }
        var out = ""
        for c in s.unicodeScalars {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.unicodeScalars.append(c)
            }
        }
        return out
    }
}

/// `robots.txt`: everything may be crawled; the sitemap's address when the site has a base URL.
enum RobotsFile {
    static let kind = PageKind<Void>(name: "robots", listed: false, keys: { _, _ in [()] }, path: { _ in "robots.txt" }) { _, c in
        let config = c.read.config
        let sitemap = config.baseURL.isEmpty ? "" : "Sitemap: \(SitemapFile.baseURL(config))sitemap.xml\n"
        return .file(Data(("User-agent: *\nAllow: /\n" + sitemap).utf8))
    }
}

/// `assets/goals.css`: one class per goal with its official colour and a text colour that reads on it (WCAG AA).
enum GoalStylesFile {
    static let kind = PageKind<Void>(name: "goal-styles", listed: false, keys: { _, _ in [()] },
                                     path: { _ in "assets/goals.css" }) { _, c in
        var css = "/* Generated from the SDG catalogue: official goal colours, text colour chosen for contrast. */\n"
        for goal in c.read.catalogue.goals {
            let text = Colour.text(on: goal.colour)
            css += ".goal-\(goal.number){--goal:\(goal.colour);--goal-text:\(text);background:\(goal.colour);color:\(text)}\n"
            css += ".goal-line-\(goal.number){border-color:\(goal.colour)}\n"
        }
        return .file(Data(css.utf8))
    }
}

/// The theme's static files, copied as they are to `assets/`.
enum AssetFile {
    static let kind = PageKind<String>(name: "asset", listed: false, keys: { _, assets in assets },
                                       path: { "assets/\($0)" }) { name, c in
        .file(c.read.asset(name) ?? Data())
    }
}

/// The content's media/ folder (images, documents), copied as it is to `media/`; Markdown links
/// to `/media/…` are checked like links to pages.
enum MediaFile {
    static let kind = PageKind<String>(name: "media", listed: false, keys: { site, _ in site.media },
                                       path: { "media/\($0)" }) { path, c in
        .file(c.read.media(path) ?? Data())
    }
}
