/// Every kind of output the generator makes, one line each; each kind is described in its own
/// file under Render/Pages/.
enum PageKinds {
    static let all: [any RouteSource] = [
        HomePage.kind,
        GoalsPage.kind,
        GoalPage.kind,
        TargetPage.kind,
        IndicatorsPage.kind,
        IndicatorPage.kind,
        CountriesPage.kind,
        CountryPage.kind,
        CitiesPage.kind,
        CityPage.kind,
        ProjectsPage.kind,
        ProjectPage.kind,
        ProgrammesPage.kind,
        ProgrammePage.kind,
        TextPage.kind,
        ReportPage.kind,
        TranslationsPage.kind,
        DataPage.kind,
        ChartsPage.kind,
        ListPages.kind,
        Search.page,
        Search.index,
        Search.shard,
        FeedFile.kind,
        NotFoundPage.kind,
        SitemapFile.kind,
        RobotsFile.kind,
        GoalStylesFile.kind,
        AssetFile.kind,
        MediaFile.kind,
    ] + OpenData.kinds

    /// The plan stage: every output the site will have, sorted by path.
    static func routes(for site: Site, assets: [String]) -> [Route] {
        // Sorted by their indexes: a route is a large value, an index is not.
        let routes = all.flatMap { $0.routes(site, assets: assets) }
        return routes.indices.sorted { routes[$0].path < routes[$1].path }.map { routes[$0] }
    }
}
