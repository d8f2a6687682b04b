import Foundation
import Testing
@testable import CitySDGEngine

/// The real content in Content/: it must build with no error and no warning, and stay complete.
@Suite struct BundledContentTests {
    func load() -> (Site, Diagnostics) {
        var d = Diagnostics()
        let content = ContentLoader(root: Repo.content, displayRoot: "Content").load(&d)
        return (Site.resolve(content, catalogue: .bundled, &d), d)
    }

    @Test func loadsWithNoErrorOrWarning() {
        let (_, d) = load()
        #expect(d.sorted.isEmpty, "\(d.sorted.map(\.description).joined(separator: "\n"))")
    }

    @Test func hasTheCountriesCitiesAndProgrammes() {
        let (site, _) = load()
        #expect(site.countries.count == 11)
        #expect(site.cities.count >= 27)
        #expect(site.programmes.count == 3)
        let pilots = ["Bandar Seri Begawan", "Battambang", "Phnom Penh", "Siem Reap", "Banyuwangi", "DKI Jakarta", "Makassar",
                      "Luang Prabang", "Vientiane", "Johor Bahru", "Kota Kinabalu", "Kuala Lumpur", "Kuching", "Mandalay",
                      "Nay Pyi Taw", "Yangon", "Cebu City", "Davao City", "Manila", "Singapore", "Bangkok", "Chonburi",
                      "Phuket", "Da Nang", "Ha Noi", "Ho Chi Minh City"]
        let ascn = Set((site.citiesByProgramme[Slug(text: "ascn")!] ?? []).map(\.title))
        #expect(pilots.count == 26)
        #expect(Set(pilots).isSubset(of: ascn), "missing: \(Set(pilots).subtracting(ascn))")
        #expect(site.cityBySlug[Slug(text: "xamneua")!] != nil)
    }

    @Test func everyCityAndProjectNamesItsSources() {
        let (site, _) = load()
        for city in site.cities { #expect(!city.sources.isEmpty, "\(city.slug)") }
        for project in site.projects { #expect(!project.sources.isEmpty, "\(project.slug)") }
    }

    @Test func everyFigureAndCitationPointsAtAListedSource() {
        let (site, _) = load()
        for city in site.cities {
            if let source = city.population?.source { #expect(source <= city.sources.count, "\(city.slug)") }
            for expectation in city.expectations {
                if let source = expectation.source { #expect(source <= city.sources.count, "\(city.slug)") }
            }
        }
    }

    @Test func prioritiesComeOnlyFromReviewsThatStateThem() {
        let (site, _) = load()
        let withPriorities = Set(site.cities.filter { !$0.prioritySDGs.isEmpty }.map(\.slug.value))
        #expect(withPriorities == ["dki-jakarta", "penang-island", "shah-alam", "subang-jaya"])
        // Only Shah Alam's review states priorities; the others' reviews cover goals.
        #expect(Set(site.cities.filter { !$0.prioritySDGs.isEmpty && $0.priorityKind == .stated }.map(\.slug.value)) == ["shah-alam"])
        let shahAlam = site.cityBySlug[Slug(text: "shah-alam")!]!
        #expect(shahAlam.prioritySDGs.map(\.value.value) == [1, 11, 12, 13, 15])
        #expect(shahAlam.expectations.count == 23) // 1.1–1.5, 11.1–11.7, 11.b, 12.1, 12.3–12.8, 13.1–13.3
    }

    @Test func buildsEveryPageWithNoBrokenLink() {
        let out = TemporaryFolder()
        let result = build(Repo.content, into: out.url)
        #expect(!result.failed)
        let files = Set(snapshot(out.url).keys)
        let (site, _) = load()
        // The 17 goals and Lao PDR's national goal 18, with its one target.
        #expect(files.filter { $0.hasPrefix("goals/") && $0.hasSuffix("/index.html") && $0 != "goals/index.html" }.count == 18)
        #expect(files.filter { $0.hasPrefix("targets/") }.count == 170)
        let goal18 = (try? String(contentsOf: out.url.appendingPathComponent("goals/18/index.html"), encoding: .utf8)) ?? ""
        #expect(goal18.contains("https://sdg-laos.github.io/sdg/en/18-1-1") && goal18.contains("countries/la/index.html"))
        for city in site.cities { #expect(files.contains("cities/\(city.slug)/index.html")) }
        for project in site.projects { #expect(files.contains("projects/\(project.slug)/index.html")) }
        for country in site.countries { #expect(files.contains("countries/\(country.code.slug)/index.html")) }
        for programme in site.programmes { #expect(files.contains("programmes/\(programme.slug)/index.html")) }
        #expect(brokenLinks(in: out.url).isEmpty)
    }

    /// The report holds every project (those linked to no goal in a section of their own), and the
    /// home page's figures are what the content holds, each named for what it counts.
    @Test func theReportAndTheHomePageSayWhatTheContentHolds() throws {
        let (site, _) = load()
        let out = TemporaryFolder()
        let result = build(Repo.content, into: out.url)
        #expect(!result.failed)
        let report = try page("report/index.html", in: out.url)
        for project in site.projects {
            #expect(report.contains("href=\"../projects/\(project.slug)/index.html\""), "\(project.slug) is missing from the report")
        }
        let unlinked = site.projects.filter { Site.goals(of: $0).isEmpty }
        #expect(report.contains("id=\"no-goal\"") == !unlinked.isEmpty)
        let home = try page("index.html", in: out.url)
        let expectations = site.cities.flatMap(\.expectations)
        let worded = expectations.filter { $0.text != nil }.count
        func plural(_ n: Int, _ one: String, _ many: String) -> String { n == 1 ? one : many }
        for (value, label) in [(site.cities.count, plural(site.cities.count, "city", "cities")),
                               (site.countries.count, plural(site.countries.count, "country", "countries")),
                               (site.projects.count, plural(site.projects.count, "project", "projects")),
                               (worded, plural(worded, "local expectation", "local expectations") + " in the city&#39;s own words"),
                               (expectations.count - worded, plural(expectations.count - worded, "priority target", "priority targets") + " without local wording yet")] {
            #expect(home.contains("<strong>\(value)</strong> \(label)</a>"), "home page: \(value) \(label)")
        }
    }

    /// Goals a Voluntary Local Review covers are shown as such, not as priorities.
    @Test func reviewedGoalsAreNotCalledPriorities() throws {
        let out = TemporaryFolder()
        _ = build(Repo.content, into: out.url)
        let goal = try page("goals/1/index.html", in: out.url)
        let reviewed = try #require(goal.range(of: "id=\"reviewed-heading\""))
        let jakarta = try #require(goal.range(of: "cities/dki-jakarta/index.html"))
        #expect(jakarta.lowerBound > reviewed.lowerBound, "Jakarta is listed under the review's goals, not the priorities")
        let city = try page("cities/dki-jakarta/index.html", in: out.url)
        #expect(city.contains("Goals its Voluntary Local Review covers"))
    }
}
