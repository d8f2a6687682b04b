/// `404.html`, which a web server shows for any address the site does not have.
enum NotFoundPage {
    static let path = "404.html"

    static let kind = PageKind<Void>(name: "not-found", listed: false, servedAnywhere: true, keys: { _, _ in [()] }, path: { _ in path }) { _, c in
        .page(template: "404", meta: c.meta(title: c.t("not_found_title"), description: nil),
              view: TextPageView(summary: nil, bodyHTML: nil))
    }
}
