/// How much of the site each language has: the interface strings, the SDG titles and the
/// content's own words, with what is missing and which translations are out of date. Only for a
/// site in more than one language.
enum TranslationsPage {
    static let path = "translations/index.html"

    static let kind = PageKind<Void>(name: "translations", listed: true,
                                     keys: { site, _ in site.config.languages.count > 1 ? [()] : [] }, path: { _ in path }) { _, c in
        let config = c.read.config
        let names = c.read.languageNames
        let documents: [(kind: String, title: String, document: Document, href: String)] =
            c.read.cities(.cities).map { ("city", $0.title, $0.document, CityPage.path($0.slug)) }
            + c.read.projects(.projects).map { ("project", $0.title, $0.document, ProjectPage.path($0.slug)) }
            + c.read.countries.map { ("country", $0.name, $0.document, CountryPage.path($0.code)) }
            + c.read.programmes.map { ("programme", $0.title, $0.document, ProgrammePage.path($0.slug)) }
            + c.read.pages.map { ("page", $0.title, $0.document, TextPage.path($0.slug)) }
        let rows = config.languages.dropFirst().map { language -> LanguageStatus in
            let strings = c.read.stringStatus(language)
            let catalogue = c.read.catalogueStatus(language)
            var translated: [LinkItem] = [], stale: [LinkItem] = []
            for item in documents {
                guard let translation = c.read.translation(of: item.document, in: language) else { continue }
                let link = LinkItem(label: item.title, href: c.link.root + language + "/" + Route.encoded(item.href))
                if translation.stale == nil { translated.append(link) } else { stale.append(link) }
            }
            func share(_ done: Int, _ all: Int) -> String { "\(c.number(done)) / \(c.number(all))" }
            return LanguageStatus(
                language: language, name: names[language] ?? language,
                interface: share(strings.translated, strings.translated + strings.missing.count),
                missingStrings: strings.missing.joined(separator: ", "), hasMissingStrings: !strings.missing.isEmpty,
                review: strings.review.map { ReviewRow(key: $0.key, original: $0.original, text: $0.text) },
                reviewCount: c.number(strings.review.count), hasReview: !strings.review.isEmpty, defaultLanguage: config.language,
                goals: share(catalogue.goals.0, catalogue.goals.1), targets: share(catalogue.targets.0, catalogue.targets.1),
                indicators: share(catalogue.indicators.0, catalogue.indicators.1), catalogueCredit: catalogue.credit,
                content: share(translated.count + stale.count, documents.count),
                translated: translated, hasTranslated: !translated.isEmpty, stale: stale, hasStale: !stale.isEmpty)
        }
        return .page(template: "translations", meta: c.meta(title: c.t("translations_title"), description: c.t("translations_description")),
                     view: TranslationsView(languages: rows, defaultName: names[config.language] ?? config.language))
    }
}

struct TranslationsView {
    var languages: [LanguageStatus]
    var defaultName: String
}

struct LanguageStatus {
    var language: String
    var name: String
    var interface: String
    var missingStrings: String
    var hasMissingStrings: Bool
    /// The strings translated for the theme that wait for a native speaker's review.
    var review: [ReviewRow]
    var reviewCount: String
    var hasReview: Bool
    var defaultLanguage: String
    var goals: String
    var targets: String
    var indicators: String
    var catalogueCredit: String?
    var content: String
    var translated: [LinkItem]
    var hasTranslated: Bool
    var stale: [LinkItem]
    var hasStale: Bool
}

/// One interface string waiting for review: its key, the default language's string and the translation.
struct ReviewRow {
    var key: String
    var original: String
    var text: String
}
