/// The printable report: every project, grouped by the goals it serves, then those linked
/// to no goal. Past `5 × page_size` projects it is split into numbered parts (`report/page/2/`),
/// each printable on its own; a goal's section runs on into the next part, and every part's
/// contents link to the part where each goal starts.
enum ReportPage {
    static let path = "report/index.html"

    static func path(part: Int) -> String { Listings.path(path, page: part) }

    static func partSize(_ pageSize: Int) -> Int { 5 * pageSize }

    /// The report's sections in order: one per goal, then the projects linked to none.
    static func listings(_ goals: [GoalNumber]) -> [Listing] { goals.map { .projectsServingGoal($0) } + [.projectsWithoutGoal] }

    static let kind = PageKind<Int>(name: "report", listed: true, keys: { site, _ in
        let rows = listings(site.catalogue.goals.map(\.number)).reduce(0) { $0 + site.members($1).count }
        return Array(1...Listings.pageCount(rows, partSize(site.config.pageSize)))
    }, path: { path(part: $0) }) { part, c in
        let size = partSize(c.read.config.pageSize)
        let rows = (part - 1) * size ..< part * size
        let goals = c.read.catalogue.goals
        var sections: [ReportSection] = [], contents: [ReportContentsEntry] = []
        var unlinked: [Fragment] = [], unlinkedContinued = false
        var offset = 0, linked = 0
        for (listing, goal) in zip(listings(goals.map(\.number)), goals.map(Optional.some) + [nil]) {
            let count = c.read.count(listing)
            defer { offset += count }
            guard count > 0 else { continue }
            if goal != nil { linked += count }
            let start = offset / size + 1
            let anchor = goal.map { "goal-\($0.number)" } ?? "no-goal"
            let label = goal.map { "\(c.t("goal")) \($0.number): \($0.short)" } ?? c.t("report_unlinked")
            contents.append(ReportContentsEntry(label: label, href: (start == part ? "" : c.link.href(path(part: start))) + "#" + anchor))
            // The rows of this section that fall in this part, counted within the section.
            let from = max(rows.lowerBound, offset) - offset, to = min(rows.upperBound, offset + count) - offset
            guard from < to else { continue }
            let projects = c.read.projects(listing, page: from..<to).map(c.reportProject)
            if let goal { sections.append(ReportSection(goal: c.tile(goal), projects: projects, continued: from > 0)) }
            else { (unlinked, unlinkedContinued) = (projects, from > 0) }
        }
        let pages = Listings.pageCount(offset, size)
        let view = ReportView(sections: sections, hasSections: linked > 0, contents: contents,
                              unlinked: unlinked, hasUnlinked: !unlinked.isEmpty, unlinkedContinued: unlinkedContinued,
                              projectsLabel: c.counted(c.read.count(.projects), "projects_count"),
                              citiesLabel: c.counted(c.read.count(.citiesWithProjects), "cities_count"),
                              pager: pages > 1 ? Listings.pager({ path(part: $0) }, page: part, of: pages, c) : nil)
        let title = part == 1 ? c.t("report_title") : "\(c.t("report_title")) (\(c.t("pager_page")) \(c.number(part)))"
        return .page(template: "report", meta: c.meta(title: title, description: c.t("report_description")), view: view)
    }
}
