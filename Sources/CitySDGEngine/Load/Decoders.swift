/// Typed values from front matter, one function per kind of file. Each reads every field it knows,
/// reports what is wrong with the field's position, and reports fields it does not know.
enum Decoders {
    static let cityFields = FrontMatterSchema.city.names
    static let expectationFields = FrontMatterSchema.expectation.names
    static let projectFields = FrontMatterSchema.project.names
    static let countryFields = FrontMatterSchema.country.names
    static let programmeFields = FrontMatterSchema.programme.names
    static let pageFields = FrontMatterSchema.page.names
    static let sourceFields = FrontMatterSchema.source.names
    static let translationFields = FrontMatterSchema.translation.names
    static let translationExpectationFields = FrontMatterSchema.translationExpectation.names
    static let siteFields = ["title", "tagline", "description", "base_url", "language", "languages", "page_size", "theme", "allow_raw_html",
                             "licence", "national_goals"]

    static func city(_ r: inout Record, slug: Slug, folderCountry: String, document: Document, _ d: inout Diagnostics) -> City? {
        let title = r.string("title", required: true, &d)
        let country = countryCode(&r, "country", &d)
        if let country, country.value.slug != folderCountry {
            d.error(country.location, "`country: \(country.value)` does not match the folder `cities/\(folderCountry)/`",
                    hint: "move the file to cities/\(country.value.slug)/ or correct the country code")
        }
        let sources = self.sources(&r, &d)
        var city = City(.init(
            slug: slug, title: title ?? "", country: country ?? Located(value: CountryCode(text: "XX")!, location: r.location),
            coordinates: coordinates(&r, &d),
            population: figure(&r, "population", sourceCount: sources.count, &d),
            programmes: r.list("programmes", &d) { slugValue($0, field: "programmes", &$1) },
            prioritySDGs: r.list("priority_sdgs", &d) { goalValue($0, field: "priority_sdgs", &$1) },
            priorityKind: enumValue(&r, "priority_kind", &d) ?? .stated,
            priorityNote: r.string("priority_note", &d),
            prioritySource: sourceIndex(&r, "priority_source", count: sources.count, &d),
            expectations: r.list("expectations", &d) { expectation($0, sourceCount: sources.count, &$1) },
            summary: r.string("summary", &d), sources: sources, updated: r.date("updated", &d), document: document))
        (city.names, city.namesSource) = names(&r, sourceCount: sources.count, &d)
        r.reportUnknownFields(known: cityFields, in: "a city", &d)
        return title == nil || country == nil ? nil : city
    }

    static func project(_ r: inout Record, slug: Slug, document: Document, _ d: inout Diagnostics) -> Project? {
        let title = r.string("title", required: true, &d)
        let sources = self.sources(&r, &d)
        let city: Located<Slug>? = r.take("city").flatMap { slugValue($0, field: "city", &d) }
        if city == nil, !r.has("city") {
            d.error(r.location, "missing required field `city`", hint: "add `city: <slug>`, the file name of the city without .md")
        }
        let project = Project(.init(
            slug: slug, title: title ?? "", city: city ?? Located(value: slug, location: r.location),
            targets: r.list("targets", &d) { targetValue($0, field: "targets", &$1) },
            goals: r.list("goals", &d) { goalValue($0, field: "goals", &$1) },
            alignment: enumValue(&r, "alignment", &d),
            status: enumValue(&r, "status", &d),
            start: r.date("start", &d), end: r.date("end", &d),
            partners: r.strings("partners", &d),
            funding: funding(&r, &d),
            programme: r.take("programme").flatMap { slugValue($0, field: "programme", &d) },
            summary: r.string("summary", &d), sources: sources, updated: r.date("updated", &d),
            document: document, model: r.bool("model", &d) ?? false,
            modelSource: sourceIndex(&r, "model_source", count: sources.count, &d)))
        checkModel(project, &r, &d)
        let served = Set(project.targets.map(\.value.goal)), written = Set(project.goals.map(\.value))
        if !project.targets.isEmpty, !project.goals.isEmpty, served != written {
            let list = { (goals: Set<GoalNumber>) in goals.sorted().map(\.description).joined(separator: ", ") }
            d.error(r.keyLocation("goals"), "`goals:` names goal\(written.count == 1 ? "" : "s") \(list(written)), but the targets serve goal\(served.count == 1 ? "" : "s") \(list(served))",
                    hint: "leave out `goals:` when there are targets: the project's goals are those of its targets. Write `goals:` only for a project whose sources name goals and no target")
        }
        if let start = project.start, let end = project.end, end < start {
            d.error(r.keyLocation("end"), "the project ends (\(end)) before it starts (\(start))")
        }
        r.reportUnknownFields(known: projectFields, in: "a project", &d)
        return title == nil || city == nil ? nil : project
    }

    /// A project is called a model project only where a source does: a warning where its listing
    /// would say more than its sources (`model: true` with no source for it, or its own words).
    static func checkModel(_ project: Project, _ r: inout Record, _ d: inout Diagnostics) {
        let hint = "add `model_source:`, the number of the source that calls it a model project"
            + (project.sources.isEmpty ? ", to a source listed under `sources:`" : " (this file lists \(project.sources.count))")
        if project.model, project.modelSource == nil {
            d.warning(r.keyLocation("model"), "`model: true` names no source that calls this a model project, so its listing calls it a project",
                      hint: hint + "; or leave out `model: true`")
        } else if !project.model, project.modelSource != nil {
            d.warning(r.keyLocation("model_source"), "`model_source` has no effect without `model: true`",
                      hint: "add `model: true` if the source calls it a model project; otherwise leave out `model_source`")
        }
        guard !project.isModel else { return }
        for (key, text) in [("title", project.title), ("summary", project.summary ?? "")] where text.range(of: "model project", options: .caseInsensitive) != nil {
            d.warning(r.keyLocation(key), "the \(key) calls this a model project, and listings show it, but no source for that is named",
                      hint: project.model ? hint : "add `model: true` and `model_source:`, the number of the source that calls it one; or reword the \(key)")
        }
    }

    static func country(_ r: inout Record, code: CountryCode, document: Document, _ d: inout Diagnostics) -> Country? {
        let title = r.string("title", required: true, &d)
        let country = Country(code: code, name: title ?? "", summary: r.string("summary", &d),
                              memberSince: r.date("member_since", &d), sources: sources(&r, &d), document: document)
        r.reportUnknownFields(known: countryFields, in: "a country", &d)
        return title == nil ? nil : country
    }

    static func programme(_ r: inout Record, slug: Slug, document: Document, _ d: inout Diagnostics) -> Programme? {
        let title = r.string("title", required: true, &d)
        let programme = Programme(
            slug: slug, title: title ?? "", shortName: r.string("short_name", &d), summary: r.string("summary", &d),
            start: r.date("start", &d), end: r.date("end", &d),
            funders: r.strings("funders", &d), implementers: r.strings("implementers", &d),
            focusAreas: r.strings("focus_areas", &d),
            focusGoals: r.list("focus_sdgs", &d) { goalValue($0, field: "focus_sdgs", &$1) },
            website: webAddress(&r, "website", &d), sources: sources(&r, &d), document: document)
        r.reportUnknownFields(known: programmeFields, in: "a programme", &d)
        return title == nil ? nil : programme
    }

    static func page(_ r: inout Record, slug: Slug, document: Document, _ d: inout Diagnostics) -> Page? {
        let title = r.string("title", required: true, &d)
        let page = Page(slug: slug, title: title ?? "", summary: r.string("summary", &d),
                        order: r.int("order", in: 0...10_000, &d), document: document, showsCoverage: r.bool("coverage", &d) ?? false)
        r.reportUnknownFields(known: pageFields, in: "a page", &d)
        return title == nil ? nil : page
    }

    static func site(_ r: inout Record, _ d: inout Diagnostics) -> SiteConfig {
        var config = SiteConfig(
            title: r.string("title", required: true, &d) ?? "CitySDG",
            tagline: r.string("tagline", &d), description: r.string("description", &d),
            baseURL: r.string("base_url", &d) ?? "", languages: languages(&r, &d),
            theme: r.string("theme", &d) ?? "default", allowRawHTML: r.bool("allow_raw_html", &d) ?? false,
            licence: r.string("licence", &d), nationalGoals: [], location: r.location)
        config.nationalGoals = r.list("national_goals", &d) { nationalGoal($0, &$1) }
        if let size = r.int("page_size", in: 10...100_000, &d) { config.pageSize = size }
        if !config.baseURL.isEmpty, !(config.baseURL.hasPrefix("https://") || config.baseURL.hasPrefix("http://")) {
            d.error(r.keyLocation("base_url"), "`base_url` must start with https:// or http://, not `\(config.baseURL)`")
        }
        r.reportUnknownFields(known: siteFields, in: "site.yml", &d)
        return config
    }

    /// A translation: the words only. A fact written here is refused with where it belongs.
    static func translation(_ r: inout Record, language: String, original: String, document: Document, _ d: inout Diagnostics) -> Translation {
        let translation = Translation(
            language: language, original: original, title: r.string("title", &d), summary: r.string("summary", &d),
            expectations: r.list("expectations", &d) { value, d -> (target: Located<TargetCode>, text: String)? in
                guard var e = Record(value, field: "expectations", &d) else { return nil }
                let target = e.take("target").flatMap { targetValue($0, field: "target", &d) }
                if !e.has("target") { d.error(e.location, "a translated expectation needs the `target` it translates", hint: "add `target: \"11.7\"`") }
                let text = e.string("expectation", required: true, &d)
                e.reportUnknownFields(known: translationExpectationFields, in: "a translated expectation", &d)
                guard let target, let text else { return nil }
                return (target, text)
            },
            translatedBy: r.string("translated_by", &d), originalUpdated: r.date("original_updated", &d),
            originalFingerprint: r.string("original_fingerprint", &d), document: document)
        r.reportUnknownFields(known: translationFields, in: "a translation (facts such as numbers, codes, dates and sources stay in the original, \(original))", &d)
        return translation
    }

    /// `languages: [en, lo]` (the first is the default), or the older `language: en` for one.
    static func languages(_ r: inout Record, _ d: inout Diagnostics) -> [String] {
        let single = r.has("language") ? r.string("language", &d) : nil
        let singleAt = r.keyLocation("language")
        guard r.has("languages") else { return [single.flatMap { checkLanguage($0, at: singleAt, &d) } ?? "en"] }
        let at = r.keyLocation("languages")
        let list = r.list("languages", &d) { value, d -> String? in
            guard let text = value.text(field: "languages", &d) else { return nil }
            return checkLanguage(text, at: value.location, &d)
        }
        var languages: [String] = []
        for code in list {
            if languages.contains(code) { d.error(at, "`languages` names `\(code)` twice") } else { languages.append(code) }
        }
        if let single, single != languages.first {
            d.error(singleAt, "`language: \(single)` and `languages:` disagree on the default language (the first of `languages`)",
                    hint: "leave out `language:`; the first of `languages:` is the default")
        }
        guard !languages.isEmpty else {
            d.error(at, "`languages` is empty", hint: "name at least one, the default first: `languages: [en, lo]`")
            return ["en"]
        }
        return languages
    }

    /// A language code as BCP 47 writes it: `en`, `lo`, `zh-Hans`, `pt-BR`.
    static func checkLanguage(_ code: String, at location: SourceLocation, _ d: inout Diagnostics) -> String? {
        let parts = code.split(separator: "-", omittingEmptySubsequences: false)
        let valid = parts.first.map { (2...3).contains($0.count) && $0.allSatisfy { $0 >= "a" && $0 <= "z" } } ?? false
            && parts.dropFirst().allSatisfy { (2...8).contains($0.count) && $0.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) } }
        guard valid else {
            d.error(location, "`\(code)` is not a language code", hint: "write a BCP 47 code in lower case: en, lo, km, my, th, zh-Hans")
            return nil
        }
        return code
    }

    // MARK: parts

    static func nationalGoal(_ value: YAMLValue, _ d: inout Diagnostics) -> Catalogue.Goal? {
        guard var r = Record(value, field: "national_goals", &d) else { return nil }
        let number = r.take("number").flatMap { goalValue($0, field: "number", &d) }
        if let number, number.value.value <= 17 {
            d.error(number.location, "goal \(number.value) is one of the UN's 17 goals; a national goal needs a number above 17")
        }
        let short = r.string("short", required: true, &d)
        let title = r.string("title", &d)
        var colour = r.string("colour", &d) ?? "#555555"
        if !isHexColour(colour) {
            d.error(r.keyLocation("colour"), "`colour` must be a hex colour like #7A5C3E, not `\(colour)`")
            colour = "#555555"
        }
        let targets: [Catalogue.Target] = r.list("targets", &d) { value, d in
            guard var t = Record(value, field: "targets", &d) else { return nil }
            let code = t.take("code").flatMap { targetValue($0, field: "code", &d) }
            let title = t.string("title", required: true, &d)
            if let code, let number, code.value.goal != number.value {
                d.error(code.location, "target \(code.value) does not belong to goal \(number.value)")
            }
            let indicators: [Catalogue.Indicator] = t.list("indicators", &d) { value, d in
                guard var i = Record(value, field: "indicators", &d) else { return nil }
                let indicator = i.take("code").flatMap { value -> Located<IndicatorCode>? in
                    guard let text = value.text(field: "code", &d) else { return nil }
                    guard let code = IndicatorCode(text: text) else {
                        d.error(value.location, "`\(text)` is not an indicator code", hint: "indicator codes look like \"18.1.1\"")
                        return nil
                    }
                    return Located(value: code, location: value.location)
                }
                let title = i.string("title", required: true, &d)
                if let indicator, let code, indicator.value.target != code.value {
                    d.error(indicator.location, "indicator \(indicator.value) does not belong to target \(code.value)")
                }
                i.reportUnknownFields(known: ["code", "title"], in: "a national indicator", &d)
                guard let indicator, let title else { return nil }
                return Catalogue.Indicator(code: indicator.value, title: title, unsd: nil)
            }
            t.reportUnknownFields(known: ["code", "title", "indicators"], in: "a national target", &d)
            guard let code, let title else { return nil }
            return Catalogue.Target(code: code.value, title: title, indicators: indicators, isNational: true)
        }
        let country = r.has("country") ? countryCode(&r, "country", &d) : nil
        let sources = self.sources(&r, &d)
        r.reportUnknownFields(known: ["number", "short", "title", "colour", "country", "targets", "sources"], in: "a national goal", &d)
        guard let number, number.value.value > 17, let short else { return nil }
        return Catalogue.Goal(number: number.value, short: short, title: title ?? short, colour: colour.uppercased(),
                              targets: targets.sorted { $0.code < $1.code }, isNational: true, country: country?.value, sources: sources)
    }

    static func expectation(_ value: YAMLValue, sourceCount: Int, _ d: inout Diagnostics) -> Expectation? {
        guard var r = Record(value, field: "expectations", &d) else { return nil }
        let target = r.take("target").flatMap { targetValue($0, field: "target", &d) }
        if !r.has("target") { d.error(r.location, "an expectation needs a `target`", hint: "add `target: \"11.7\"`") }
        let text = r.string("expectation", &d)
        let indicator: Located<IndicatorCode>? = r.take("indicator").flatMap { value in
            guard let text = value.text(field: "indicator", &d) else { return nil }
            guard let code = IndicatorCode(text: text) else {
                d.error(value.location, "`\(text)` is not an indicator code", hint: "indicator codes look like \"11.7.1\"")
                return nil
            }
            return Located(value: code, location: value.location)
        }
        let expectation = Expectation(
            target: target ?? Located(value: TargetCode(text: "1.1")!, location: r.location), text: text,
            stage: enumValue(&r, "stage", &d), indicator: indicator, note: r.string("note", &d),
            source: sourceIndex(&r, "source", count: sourceCount, &d), paraphrased: r.bool("paraphrased", &d) ?? false,
            baseline: mark(&r, "baseline", &d), aim: mark(&r, "aim", &d))
        if indicator == nil, let field = ["baseline", "aim"].first(where: r.has) {
            d.error(r.keyLocation(field), "`\(field)` is a value of the expectation's indicator, and it names none",
                    hint: "add `indicator: \"\(target?.value.description ?? "11.6").2\"` (the indicator whose figures the value is in)")
        }
        if let indicator, let target, indicator.value.target != target.value {
            d.error(indicator.location, "indicator \(indicator.value) belongs to target \(indicator.value.target), not \(target.value)")
        }
        r.reportUnknownFields(known: expectationFields, in: "an expectation", &d)
        return target == nil ? nil : expectation
    }

    /// `{year: 2030, value: 25}`: an expectation's baseline or aim.
    static func mark(_ r: inout Record, _ key: String, _ d: inout Diagnostics) -> Mark? {
        guard var m = r.record(key, &d) else { return nil }
        let year = m.int("year", in: 1800...2200, &d)
        if year == nil, !m.has("year") { d.error(m.location, "`\(key)` needs a `year`", hint: "write `\(key): {year: 2030, value: 25}`") }
        var value: Double?
        if let raw = m.take("value"), let text = raw.text(field: "value", &d) {
            value = SeriesLoader.number(text)
            if value == nil { d.error(raw.location, "`value` must be a number written with digits and a point for decimals, not `\(text)`") }
        } else if !m.has("value") {
            d.error(m.location, "`\(key)` needs a `value`", hint: "write `\(key): {year: 2030, value: 25}`")
        }
        m.reportUnknownFields(known: FrontMatterSchema.mark.names, in: "`\(key)`", &d)
        guard let year, let value else { return nil }
        return Mark(year: year, value: value)
    }

    static func sources(_ r: inout Record, _ d: inout Diagnostics) -> [Source] {
        r.list("sources", &d) { value, d in
            guard var s = Record(value, field: "sources", &d) else { return nil }
            let title = s.string("title", required: true, &d)
            let url = webAddress(&s, "url", &d)
            let source = Source(title: title ?? "", url: url, publisher: s.string("publisher", &d), date: s.date("date", &d),
                                number: s.string("number", &d), isbn: s.string("isbn", &d), archive: s.string("archive", &d))
            s.reportUnknownFields(known: sourceFields, in: "a source", &d)
            if title != nil, !source.canBeFound {
                d.warning(s.location, "the source “\(source.title)” has neither a `url` nor a locator, so a reader cannot find it",
                          hint: "add `url:` where it can be read; for a document that is not online, `number:` (a document number or symbol), `isbn:` or `archive:` (who keeps a copy, and its reference)")
            }
            return title == nil ? nil : source
        }
    }

    /// A web address: only http and https, so no front matter can put a script or a file link on a page.
    static func webAddress(_ r: inout Record, _ key: String, _ d: inout Diagnostics) -> String? {
        guard let url = r.string(key, &d) else { return nil }
        let lower = url.lowercased()
        guard lower.hasPrefix("https://") || lower.hasPrefix("http://"), !url.contains(where: { $0.isWhitespace }) else {
            d.error(r.keyLocation(key), "`\(key)` must be a web address starting with https:// or http://, not `\(url)`")
            return nil
        }
        return url
    }

    static func figure(_ r: inout Record, _ key: String, sourceCount: Int, _ d: inout Diagnostics) -> Figure? {
        guard var f = r.record(key, &d) else { return nil }
        let value = f.int("value", &d)
        if value == nil, !f.has("value") { d.error(f.location, "`\(key)` needs a `value`") }
        let figure = Figure(value: value ?? 0, year: f.int("year", in: 1800...2200, &d),
                            source: sourceIndex(&f, "source", count: sourceCount, &d), note: f.string("note", &d))
        f.reportUnknownFields(known: ["value", "year", "source", "note"], in: "`\(key)`", &d)
        return value == nil ? nil : figure
    }

    /// `names: {lo: ວຽງຈັນ, my: …, source: 2}`: a name for each language code, and the source's number.
    static func names(_ r: inout Record, sourceCount: Int, _ d: inout Diagnostics) -> ([String: String], Int?) {
        guard let value = r.take("names") else { return ([:], nil) }
        guard case .mapping(let entries, _) = value else {
            d.error(value.location, "`names` must be a map of language codes to names, like {lo: ວຽງຈັນ, source: 2}, not \(value.kindDescription)")
            return ([:], nil)
        }
        var f = Record(entries, at: value.location)
        let source = sourceIndex(&f, "source", count: sourceCount, &d)
        var names: [String: String] = [:]
        for entry in entries where entry.key != "source" {
            guard entry.key.wholeMatch(of: /[a-z]{2,3}/) != nil else {
                d.error(entry.keyLocation, "`\(entry.key)` in `names` is not a language code", hint: "use the language's code in lower case, as in site.yml: lo, km, my")
                _ = f.take(entry.key)
                continue
            }
            if let name = f.string(entry.key, &d), !name.allSatisfy(\.isWhitespace) { names[entry.key] = name }
        }
        if !names.isEmpty, source == nil, !f.has("source") {
            d.warning(value.location, "`names` has no `source`", hint: "add `source: N`, the number of the source that gives these names (GeoNames, say)")
        }
        return (names, source)
    }

    static func funding(_ r: inout Record, _ d: inout Diagnostics) -> Funding? {
        guard var f = r.record("funding", &d) else { return nil }
        let funding = Funding(amount: f.number("amount", &d), currency: f.string("currency", &d), note: f.string("note", &d))
        if funding.amount != nil, funding.currency == nil {
            d.error(f.location, "`funding` has an amount but no `currency`", hint: "add `currency: USD` (an ISO 4217 code)")
        }
        f.reportUnknownFields(known: ["amount", "currency", "note"], in: "`funding`", &d)
        return funding
    }

    static func coordinates(_ r: inout Record, _ d: inout Diagnostics) -> Coordinates? {
        guard let value = r.take("coordinates") else { return nil }
        let hint = "write [latitude, longitude] in decimal degrees, e.g. [19.8933, 102.1525]"
        guard case .sequence(let items, _) = value, items.count == 2 else {
            d.error(value.location, "`coordinates` must be a list of two numbers, not \(value.kindDescription)", hint: hint)
            return nil
        }
        let numbers = items.map { item -> Double? in
            guard case .scalar(let s) = item, let n = Double(s.text), n.isFinite else { return nil }
            return n
        }
        guard let lat = numbers[0], let lon = numbers[1], (-90...90).contains(lat), (-180...180).contains(lon) else {
            d.error(value.location, "`coordinates` must be a latitude (−90 to 90) and a longitude (−180 to 180)", hint: hint)
            return nil
        }
        return Coordinates(latitude: lat, longitude: lon)
    }

    static func sourceIndex(_ r: inout Record, _ key: String, count: Int, _ d: inout Diagnostics) -> Int? {
        guard let value = r.take(key), let index = value.int(field: key, in: nil, &d) else { return nil }
        guard (1...max(1, count)).contains(index), count > 0 else {
            d.error(value.location, "`\(key): \(index)` points to a source that is not there; this file lists \(count) source\(count == 1 ? "" : "s")",
                    hint: "sources are numbered from 1 in the order of the `sources:` list")
            return nil
        }
        return index
    }

    static func enumValue<E: RawRepresentable & CaseIterable>(_ r: inout Record, _ key: String, _ d: inout Diagnostics) -> E?
    where E.RawValue == String {
        guard let value = r.take(key), let text = value.text(field: key, &d) else { return nil }
        guard let result = E(rawValue: text) else {
            let options = E.allCases.map(\.rawValue)
            let hint = closestMatch(to: text, in: options).map { "did you mean `\($0)`?" } ?? "use one of: " + options.joined(separator: ", ")
            d.error(value.location, "`\(key)` cannot be `\(text)`", hint: hint)
            return nil
        }
        return result
    }

    static func countryCode(_ r: inout Record, _ key: String, _ d: inout Diagnostics) -> Located<CountryCode>? {
        guard let value = r.take(key) else {
            d.error(r.location, "missing required field `\(key)`", hint: "add `\(key): LA`, an ISO 3166-1 alpha-2 code in capitals")
            return nil
        }
        guard let text = value.text(field: key, &d) else { return nil }
        guard let code = CountryCode(text: text) else {
            let hint: String
            if text == "false" || text == "true" { hint = "YAML reads NO as false: quote it, \"NO\"" }
            else if text.count == 2 { hint = "country codes are written in capitals: \(text.uppercased())" }
            else { hint = "use the ISO 3166-1 alpha-2 code, e.g. LA for Lao PDR" }
            d.error(value.location, "`\(text)` is not a country code", hint: hint)
            return nil
        }
        return Located(value: code, location: value.location)
    }

    static func slugValue(_ value: YAMLValue, field: String, _ d: inout Diagnostics) -> Located<Slug>? {
        guard let text = value.text(field: field, &d) else { return nil }
        guard let slug = Slug(text: text) else {
            d.error(value.location, "`\(text)` is not a slug", hint: "slugs are file names without .md: lower-case letters, digits and dashes, like `\(Slug.suggest(for: text) ?? "luang-prabang")`")
            return nil
        }
        return Located(value: slug, location: value.location)
    }

    static func goalValue(_ value: YAMLValue, field: String, _ d: inout Diagnostics) -> Located<GoalNumber>? {
        guard let text = value.text(field: field, &d) else { return nil }
        guard let goal = GoalNumber(text: text) else {
            d.error(value.location, "`\(text)` is not a goal number", hint: text.hasPrefix("0") ? "leave out the leading zero" : "goals are numbered 1 to 17, like 11")
            return nil
        }
        return Located(value: goal, location: value.location)
    }

    static func targetValue(_ value: YAMLValue, field: String, _ d: inout Diagnostics) -> Located<TargetCode>? {
        guard let text = value.text(field: field, &d) else { return nil }
        guard let code = TargetCode(text: text) else {
            let hint = IndicatorCode(text: text) != nil
                ? "`\(text)` is an indicator code; the target is \(IndicatorCode(text: text)!.target)"
                : "target codes are a goal and a number or letter, quoted: \"11.7\", \"8.10\", \"11.a\""
            d.error(value.location, "`\(text)` is not a target code", hint: hint)
            return nil
        }
        return Located(value: code, location: value.location)
    }

    static func isHexColour(_ text: String) -> Bool {
        text.count == 7 && text.first == "#" && text.dropFirst().allSatisfy(\.isHexDigit)
    }
}
