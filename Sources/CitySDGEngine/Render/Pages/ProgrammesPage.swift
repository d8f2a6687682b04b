/// Every programme or network, with its period and number of cities.
enum ProgrammesPage {
    static let path = "programmes/index.html"

    static let kind = PageKind<Void>(name: "programmes", listed: true, keys: { _, _ in [()] }, path: { _ in path }) { _, c in
        let rows = c.read.programmes.map { p in
            ProgrammeRow(title: p.title, shortName: p.shortName, href: c.link.href(ProgrammePage.path(p.slug)), summary: p.summary,
                         period: c.period(p.start, p.end), citiesLabel: c.counted(c.read.count(.citiesInProgramme(p.slug)), "cities_count"),
                         textLang: c.textLang(p.text), shortNameLang: c.contentLang)
        }
        return .page(template: "programmes", meta: c.meta(title: c.t("programmes_title"), description: c.t("programmes_description")), view: ProgrammesView(programmes: rows))
    }
}
