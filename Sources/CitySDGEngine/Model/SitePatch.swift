/// A save that changes what cities or projects say, but not where the site files them: the last
/// resolved site with the new values put in their places, instead of a site resolved again from
/// every file. What `Site.resolve` would make from the same content, by construction: each list
/// holds the same items (only the changed ones are new values), in the same order (an item whose
/// title changed is moved to where its title sorts).
extension Site {
    /// The site with the city or project each of `parts` holds (a file decoded again alone) in the
    /// place of the one of the same file; nil when one of them may belong elsewhere than before
    /// (another country, goal, target, programme, city or kind of alignment, an expectation more
    /// or less, a model project no more), is not a city or project, or is not in the site: then
    /// the site is resolved again. The checks `resolve` makes of a city or project (its goals,
    /// targets and programmes exist) passed for the old value, so they pass for the new.
    func replacing(_ parts: [(path: String, part: LoadedContent)]) -> Site? {
        var site = self
        for (path, part) in parts {
            guard part.isOne else { return nil }
            if let new = part.cities.first {
                guard let old = site.cityBySlug[new.slug], old.document.path == path, old.isFiledAs(new) else { return nil }
                site.replace(old, with: new)
            } else if let new = part.projects.first {
                guard let old = site.projectBySlug[new.slug], old.document.path == path, old.isFiledAs(new) else { return nil }
                site.replace(old, with: new)
            } else {
                return nil
            }
        }
        return site
    }

    private mutating func replace(_ old: City, with new: City) {
        let moved = old.title != new.title
        func put(_ list: inout [City]) { Self.put(new, in: &list, moved: moved) }
        func put<Key>(_ lists: inout [Key: [City]], _ key: Key) { if lists[key] != nil { put(&lists[key]!) } }
        put(&cities)
        cityBySlug[new.slug] = new
        put(&citiesByCountry, new.country.value)
        for programme in Set(new.programmes.map(\.value)) { put(&citiesByProgramme, programme) }
        for goal in Set(new.prioritySDGs.map(\.value)) {
            switch new.priorityKind {
            case .stated: put(&citiesByPriority, goal)
            case .reviewed: put(&citiesByReview, goal)
            }
        }
        put(&citiesWithProjects)
        put(&citiesWithStatedGoals)
        put(&citiesWithReviewedGoals)
        put(&citiesWithExpectations)
        put(&citiesWithUnwordedTargets)
        // A target's expectations, city by city in the cities' order: the city's are put again where it sorts.
        for target in Set(new.expectations.map(\.target.value)) {
            guard var pairs = expectationsByTarget[target] else { continue }
            pairs.removeAll { $0.city.slug == new.slug }
            let at = pairs.firstIndex { Self.sorts(new, before: $0.city) } ?? pairs.endIndex
            pairs.insert(contentsOf: new.expectations.filter { $0.target.value == target }.map { (new, $0) }, at: at)
            expectationsByTarget[target] = pairs
        }
        // An indicator's data files are in the order of their places' names: a city's is its title.
        // The city's files are moved together to where its new title sorts among the others (which
        // stay sorted), found by halving: sorting the list again named each place many times.
        if moved {
            let place = new.slug.value, key = (new.title, place)
            for (code, list) in seriesByIndicator where list.contains(where: { $0.place == place }) {
                var others = list, own: [Series] = []
                others.removeAll { series in
                    guard series.place == place else { return false }
                    own.append(series)
                    return true
                }
                var low = 0, high = others.count
                while low < high {
                    let middle = (low + high) / 2
                    if (placeName(others[middle].place), others[middle].place) < key { low = middle + 1 } else { high = middle }
                }
                others.insert(contentsOf: own, at: low)
                seriesByIndicator[code] = others
            }
        }
    }

    private mutating func replace(_ old: Project, with new: Project) {
        let moved = old.title != new.title
        func put(_ list: inout [Project]) { Self.put(new, in: &list, moved: moved) }
        func put<Key>(_ lists: inout [Key: [Project]], _ key: Key) { if lists[key] != nil { put(&lists[key]!) } }
        put(&projects)
        projectBySlug[new.slug] = new
        put(&projectsByCity, new.city.value)
        if let programme = new.programme { put(&projectsByProgramme, programme.value) }
        for target in Set(new.targets.map(\.value)) { put(&projectsByTarget, target) }
        for goal in Self.goals(of: new) { put(&projectsByGoal, goal) }
        if let country = cityBySlug[new.city.value]?.country.value { put(&projectsByCountry, country) }
        put(&projectsWithoutGoal)
        put(&modelProjects)
        put(&projectsWithStatedTargets)
        put(&projectsWithInterpretedTargets)
        put(&projectsWithGoalsOnly)
    }

    /// The order of the site's cities and projects: by title, then by slug.
    private static func sorts<T: SharedItem>(_ a: T, before b: T) -> Bool { (a.title, a.slug) < (b.title, b.slug) }

    /// `new` in the place of the item of its slug, if `list` has one; moved to where its title sorts when it changed.
    private static func put<T: SharedItem>(_ new: T, in list: inout [T], moved: Bool) {
        guard let i = list.firstIndex(where: { $0.slug == new.slug }) else { return }
        guard moved else { list[i] = new; return }
        list.remove(at: i)
        list.insert(new, at: list.firstIndex { sorts(new, before: $0) } ?? list.endIndex)
    }

    /// A data file's place by name, as `resolve` sorts an indicator's files.
    private func placeName(_ place: String) -> String {
        Slug(text: place).flatMap { cityBySlug[$0]?.title } ?? CountryCode(text: place.uppercased()).flatMap { countryByCode[$0]?.name } ?? place
    }
}

extension City {
    /// Whether the same file decoded again (`other`) is filed where this is: the same country,
    /// programmes, goals and kind of priority, and expectations for the same targets and
    /// indicators, each worded or not as before.
    func isFiledAs(_ other: City) -> Bool {
        self.country.value == other.country.value && self.programmes.map(\.value) == other.programmes.map(\.value)
            && self.prioritySDGs.map(\.value) == other.prioritySDGs.map(\.value) && self.priorityKind == other.priorityKind
            && self.expectations.elementsEqual(other.expectations) { a, b in
                a.target.value == b.target.value && a.indicator?.value == b.indicator?.value && (a.text == nil) == (b.text == nil)
            }
    }
}

extension Project {
    /// Whether the same file decoded again (`other`) is filed where this is: the same city, targets,
    /// goals, programme and alignment, and a model project or not as before.
    func isFiledAs(_ other: Project) -> Bool {
        self.city.value == other.city.value && self.targets.map(\.value) == other.targets.map(\.value)
            && self.goals.map(\.value) == other.goals.map(\.value) && self.programme?.value == other.programme?.value
            && self.alignment == other.alignment && isModel == other.isModel
    }
}
