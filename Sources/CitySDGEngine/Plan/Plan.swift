/// The plan stage: every output the site will have, derived from the resolved site alone.
public enum Planner {
    public static func routes(for site: Site, assets: [String]) -> [Route] {
        var routes: [Route] = [.home, .goals, .countries, .cities, .projects, .programmes, .report,
                               .notFound, .sitemap, .robots, .goalStyles]
        routes += site.catalogue.goals.map { .goal($0.number) }
        routes += site.catalogue.targets.map { .target($0.code) }
        routes += site.countries.map { .country($0.code) }
        routes += site.cities.map { .city($0.slug) }
        routes += site.projects.map { .project($0.slug) }
        routes += site.programmes.map { .programme($0.slug) }
        routes += site.pages.map { .page($0.slug) }
        routes += assets.map { .asset($0) }
        return routes.sorted()
    }
}
