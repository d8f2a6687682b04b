/// A page of prose from pages/ (about, methodology): at the top level of the site.
enum TextPage {
    static func path(_ slug: Slug) -> String { "\(slug)/index.html" }

    static let kind = PageKind<Slug>(name: "page", listed: true, keys: { site, _ in site.pages.map(\.slug) }, path: path) { slug, c in
        let page = c.read.page(slug)!
        return .page(template: "page", meta: c.meta(title: page.title, description: page.summary, text: page.text),
                     view: TextPageView(summary: page.summary, bodyHTML: c.bodyHTML(page.document),
                                       coverage: page.showsCoverage ? c.coverage() : nil))
    }
}
