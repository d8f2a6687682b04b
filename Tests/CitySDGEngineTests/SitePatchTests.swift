import Foundation
import Testing
@testable import CitySDGEngine

/// A save that changes what a city or project says, but not where the site files it, puts the new
/// value in the last resolved site (`Site.replacing`): the site must be the one `Site.resolve`
/// makes from the same content, list by list, in the same order.
@Suite struct SitePatchTests {
    /// Every list and index of the site, as the slugs and titles it holds in order.
    func spelled(_ site: Site) -> String {
        func cities(_ list: [City]) -> String { list.map { "\($0.slug)=\($0.title)" }.joined(separator: ",") }
        func projects(_ list: [Project]) -> String { list.map { "\($0.slug)=\($0.title)" }.joined(separator: ",") }
        func grouped<K: Comparable, V>(_ dictionary: [K: V], _ spell: (V) -> String) -> String {
            dictionary.keys.sorted().map { "\($0): \(spell(dictionary[$0]!))" }.joined(separator: "; ")
        }
        return [
            cities(site.cities), projects(site.projects),
            grouped(site.cityBySlug) { "\($0.title) \($0.document.frontMatterFingerprint)" },
            grouped(site.projectBySlug) { "\($0.title) \($0.document.frontMatterFingerprint)" },
            grouped(site.citiesByCountry, cities), grouped(site.citiesByProgramme, cities),
            grouped(site.citiesByPriority, cities), grouped(site.citiesByReview, cities),
            grouped(site.projectsByCity, projects), grouped(site.projectsByProgramme, projects),
            grouped(site.projectsByTarget, projects), grouped(site.projectsByGoal, projects),
            grouped(site.projectsByCountry, projects), projects(site.projectsWithoutGoal), cities(site.citiesWithProjects),
            cities(site.citiesWithStatedGoals), cities(site.citiesWithReviewedGoals), cities(site.citiesWithExpectations),
            cities(site.citiesWithUnwordedTargets), projects(site.modelProjects), projects(site.projectsWithStatedTargets),
            projects(site.projectsWithInterpretedTargets), projects(site.projectsWithGoalsOnly),
            grouped(site.expectationsByTarget) { $0.map { "\($0.city.slug)=\($0.city.title):\($0.expectation.text ?? "-")" }.joined(separator: ",") },
            grouped(site.seriesByIndicator) { $0.map(\.place).joined(separator: ",") },
        ].joined(separator: "\n")
    }

    func resolve(_ content: LoadedContent) -> Site {
        var d = Diagnostics()
        let site = Site.resolve(content, catalogue: .bundled, &d)
        #expect(!d.hasErrors, "\(d.text)")
        return site
    }

    /// The bundled content with the file at `path` rewritten by `edit`, and the file decoded alone.
    func edited(_ content: LoadedContent, _ path: String, _ edit: (String) -> String) throws -> (LoadedContent, LoadedContent) {
        let text = edit(try String(contentsOf: Repo.content.appendingPathComponent(path), encoding: .utf8))
        let (part, _, problems) = ContentLoader(root: Repo.content, displayRoot: "Content").decodeAlone(Data(text.utf8), path: path, allowRawHTML: false)
        #expect(!problems.hasErrors, "\(problems.text)")
        var changed = content
        let replaced = changed.replace(path, with: part)
        #expect(replaced)
        return (changed, part)
    }

    func retitled(_ prefix: String) -> (String) -> String {
        { text in
            text.contains("\ntitle: \"") ? text.replacingOccurrences(of: "\ntitle: \"", with: "\ntitle: \"\(prefix)")
                : text.replacingOccurrences(of: "\ntitle: ", with: "\ntitle: \(prefix)")
        }
    }

    @Test func aRetitledCityOrProjectIsWhereResolveWouldPutIt() throws {
        var d = Diagnostics()
        let content = ContentLoader(root: Repo.content, displayRoot: "Content").load(&d)
        let site = resolve(content)
        let files = content.cities.map(\.document.path).sorted().enumerated().filter { $0.offset % 5 == 0 }.map(\.element)
            + content.projects.map(\.document.path).sorted().enumerated().filter { $0.offset % 9 == 0 }.map(\.element)
        #expect(files.count > 10)
        for path in files {
            // To the front, to the back, and in place (a summary's words: nothing moves).
            for edit in [retitled("Aaa "), retitled("Zzz "), { $0.replacingOccurrences(of: "\nsummary: \"", with: "\nsummary: \"Now ") }] {
                let (changed, part) = try edited(content, path, edit)
                let patched = try #require(site.replacing([(path, part)]), "\(path)")
                #expect(spelled(patched) == spelled(resolve(changed)), "\(path)")
            }
        }
    }

    @Test func aCityOrProjectFiledElsewhereIsResolvedAgain() throws {
        var d = Diagnostics()
        let content = ContentLoader(root: Repo.content, displayRoot: "Content").load(&d)
        let site = resolve(content)
        let city = try #require(content.cities.first { city in
            !city.prioritySDGs.contains { $0.value.value == 16 }
                && ((try? String(contentsOf: Repo.content.appendingPathComponent(city.document.path), encoding: .utf8)) ?? "").contains("\npriority_sdgs: [")
        })
        let (_, goals) = try edited(content, city.document.path) { text in
            text.replacingOccurrences(of: "\npriority_sdgs: [", with: "\npriority_sdgs: [16, ")
        }
        #expect(goals.cities.first?.prioritySDGs.count == city.prioritySDGs.count + 1)
        #expect(site.replacing([(city.document.path, goals)]) == nil, "another goal: the city is in another goal's listing")
        let project = try #require(content.projects.first)
        let (_, moved) = try edited(content, project.document.path) { text in
            text.replacingOccurrences(of: "\ncity: \(project.city.value)", with: "\ncity: pakse")
        }
        #expect(moved.projects.first?.city.value.value == "pakse")
        #expect(site.replacing([(project.document.path, moved)]) == nil, "another city")
        let country = try #require(content.countries.first)
        let (_, renamed) = try edited(content, country.document.path, retitled("X"))
        #expect(site.replacing([(country.document.path, renamed)]) == nil, "a country is resolved again")
    }
}
