/// Every project: filters, and compact rows, in numbered pages of `page_size` in the order of
/// their titles, each page grouped by country.
enum ProjectsPage {
    static let path = "projects/index.html"

    static let kind = PageKind<Int>(name: "projects", listed: true,
                                    keys: { site, _ in Array(1...Listings.pageCount(site.projects.count, site.config.pageSize)) },
                                    path: { Listings.path(path, page: $0) }) { number, c in
        let size = c.read.config.pageSize, total = c.read.count(.projects)
        let count = Listings.pageCount(total, size)
        let slice = Listings.byCountry(c.read.projects(.projects, page: (number - 1) * size ..< number * size).map { project in
            (c.read.city(project.city.value).map { c.countryName($0.country.value) } ?? "", project)
        })
        let title = number == 1 ? c.t("projects_title") : "\(c.t("projects_title")) (\(c.t("pager_page")) \(c.number(number)))"
        return .page(template: "projects", meta: c.meta(title: title, description: c.t("projects_description")),
                     view: ProjectsView(groups: Listings.groups(slice.map { ($0.0, c.projectRow($0.1)) }), count: c.counted(total, "projects_count"),
                                        filters: Listings.filters(c, status: true), pager: Listings.pager(path, page: number, of: count, c)))
    }
}
