import Mustache

/// Field tables for the view types, so templates read them through key paths instead of Mirror
/// (reflection made rendering tens of times slower). `ViewFieldTests` checks that every stored
/// property is listed.

protocol TemplateValue: MustacheParent {
    static var fields: [String: PartialKeyPath<Self>] { get }
}

extension TemplateValue {
    func child(named name: String) -> Any? {
        guard let path = Self.fields[name] else { return nil }
        let value = self[keyPath: path]
        if let optional = value as? OptionalValue { return optional.wrappedValue }
        return value
    }
}

private protocol OptionalValue { var wrappedValue: Any? { get } }
extension Optional: OptionalValue {
    fileprivate var wrappedValue: Any? { map { $0 } }
}

extension NavItem: TemplateValue {
    nonisolated(unsafe) static let fields: [String: PartialKeyPath<NavItem>] = [
        "lang": \NavItem.lang,
        "label": \NavItem.label,
        "href": \NavItem.href,
        "current": \NavItem.current,
    ]
}

extension Crumb: TemplateValue {
    nonisolated(unsafe) static let fields: [String: PartialKeyPath<Crumb>] = [
        "lang": \Crumb.lang,
        "label": \Crumb.label,
        "href": \Crumb.href,
    ]
}

extension PageMeta: TemplateValue {
    nonisolated(unsafe) static let fields: [String: PartialKeyPath<PageMeta>] = [
        "contentLang": \PageMeta.contentLang,
        "title": \PageMeta.title,
        "heading": \PageMeta.heading,
        "description": \PageMeta.description,
        "siteTitle": \PageMeta.siteTitle,
        "lang": \PageMeta.lang,
        "root": \PageMeta.root,
        "langRoot": \PageMeta.langRoot,
        "homeHref": \PageMeta.homeHref,
        "canonical": \PageMeta.canonical,
        "nav": \PageMeta.nav,
        "crumbs": \PageMeta.crumbs,
        "hasCrumbs": \PageMeta.hasCrumbs,
        "licence": \PageMeta.licence,
        "kind": \PageMeta.kind,
        "alternates": \PageMeta.alternates,
        "languages": \PageMeta.languages,
        "hasLanguages": \PageMeta.hasLanguages,
        "catalogueCredit": \PageMeta.catalogueCredit,
        "textLang": \PageMeta.textLang,
        "textNote": \PageMeta.textNote,
        "jsonLD": \PageMeta.jsonLD,
    ]
}

extension AlternateLink: TemplateValue {
    nonisolated(unsafe) static let fields: [String: PartialKeyPath<AlternateLink>] = [
        "language": \AlternateLink.language,
        "href": \AlternateLink.href,
    ]
}

extension LanguageLink: TemplateValue {
    nonisolated(unsafe) static let fields: [String: PartialKeyPath<LanguageLink>] = [
        "language": \LanguageLink.language,
        "label": \LanguageLink.label,
        "href": \LanguageLink.href,
        "current": \LanguageLink.current,
    ]
}

extension GoalTile: TemplateValue {
    nonisolated(unsafe) static let fields: [String: PartialKeyPath<GoalTile>] = [
        "lang": \GoalTile.lang,
        "number": \GoalTile.number,
        "short": \GoalTile.short,
        "title": \GoalTile.title,
        "href": \GoalTile.href,
        "cssClass": \GoalTile.cssClass,
        "isNational": \GoalTile.isNational,
        "count": \GoalTile.count,
    ]
}

extension IndicatorRow: TemplateValue {
    nonisolated(unsafe) static let fields: [String: PartialKeyPath<IndicatorRow>] = [
        "code": \IndicatorRow.code,
        "title": \IndicatorRow.title,
        "alsoUnder": \IndicatorRow.alsoUnder,
        "href": \IndicatorRow.href,
    ]
}

extension TargetRow: TemplateValue {
    nonisolated(unsafe) static let fields: [String: PartialKeyPath<TargetRow>] = [
        "code": \TargetRow.code,
        "title": \TargetRow.title,
        "href": \TargetRow.href,
        "isNational": \TargetRow.isNational,
        "indicators": \TargetRow.indicators,
        "hasIndicators": \TargetRow.hasIndicators,
        "expectationsLabel": \TargetRow.expectationsLabel,
        "projectsLabel": \TargetRow.projectsLabel,
    ]
}

extension SourceItem: TemplateValue {
    nonisolated(unsafe) static let fields: [String: PartialKeyPath<SourceItem>] = [
        "number": \SourceItem.number,
        "title": \SourceItem.title,
        "url": \SourceItem.url,
        "publisher": \SourceItem.publisher,
        "date": \SourceItem.date,
        "locator": \SourceItem.locator,
    ]
}

extension CityCard: TemplateValue {
    nonisolated(unsafe) static let fields: [String: PartialKeyPath<CityCard>] = [
        "titleLang": \CityCard.titleLang,
        "latin": \CityCard.latin,
        "title": \CityCard.title,
        "href": \CityCard.href,
        "country": \CityCard.country,
        "countryHref": \CityCard.countryHref,
        "summary": \CityCard.summary,
        "goals": \CityCard.goals,
        "hasGoals": \CityCard.hasGoals,
        "goalsLabel": \CityCard.goalsLabel,
        "projectsLabel": \CityCard.projectsLabel,
        "expectationsLabel": \CityCard.expectationsLabel,
        "programmes": \CityCard.programmes,
        "textLang": \CityCard.textLang,
        "programmesLang": \CityCard.programmesLang,
    ]
}

extension ProjectCard: TemplateValue {
    nonisolated(unsafe) static let fields: [String: PartialKeyPath<ProjectCard>] = [
        "cityLang": \ProjectCard.cityLang,
        "contentLang": \ProjectCard.contentLang,
        "title": \ProjectCard.title,
        "href": \ProjectCard.href,
        "city": \ProjectCard.city,
        "cityHref": \ProjectCard.cityHref,
        "country": \ProjectCard.country,
        "summary": \ProjectCard.summary,
        "status": \ProjectCard.status,
        "statusClass": \ProjectCard.statusClass,
        "period": \ProjectCard.period,
        "goals": \ProjectCard.goals,
        "hasGoals": \ProjectCard.hasGoals,
        "targets": \ProjectCard.targets,
        "hasTargets": \ProjectCard.hasTargets,
        "interpreted": \ProjectCard.interpreted,
        "partners": \ProjectCard.partners,
        "funding": \ProjectCard.funding,
        "programme": \ProjectCard.programme,
        "programmeHref": \ProjectCard.programmeHref,
        "textLang": \ProjectCard.textLang,
        "model": \ProjectCard.model,
        "modelSource": \ProjectCard.modelSource,
    ]
}

extension TargetLink: TemplateValue {
    nonisolated(unsafe) static let fields: [String: PartialKeyPath<TargetLink>] = [
        "code": \TargetLink.code,
        "href": \TargetLink.href,
        "title": \TargetLink.title,
    ]
}

extension ExpectationRow: TemplateValue {
    nonisolated(unsafe) static let fields: [String: PartialKeyPath<ExpectationRow>] = [
        "cityLang": \ExpectationRow.cityLang,
        "noteLang": \ExpectationRow.noteLang,
        "target": \ExpectationRow.target,
        "targetHref": \ExpectationRow.targetHref,
        "official": \ExpectationRow.official,
        "text": \ExpectationRow.text,
        "stage": \ExpectationRow.stage,
        "stageClass": \ExpectationRow.stageClass,
        "indicator": \ExpectationRow.indicator,
        "note": \ExpectationRow.note,
        "sourceNumber": \ExpectationRow.sourceNumber,
        "paraphrased": \ExpectationRow.paraphrased,
        "city": \ExpectationRow.city,
        "cityHref": \ExpectationRow.cityHref,
        "country": \ExpectationRow.country,
        "textLang": \ExpectationRow.textLang,
        "series": \ExpectationRow.series,
    ]
}

extension ExpectationGroup: TemplateValue {
    nonisolated(unsafe) static let fields: [String: PartialKeyPath<ExpectationGroup>] = [
        "goal": \ExpectationGroup.goal,
        "expectations": \ExpectationGroup.expectations,
    ]
}

extension MapDot: TemplateValue {
    nonisolated(unsafe) static let fields: [String: PartialKeyPath<MapDot>] = [
        "lang": \MapDot.lang,
        "x": \MapDot.x,
        "y": \MapDot.y,
        "labelX": \MapDot.labelX,
        "labelY": \MapDot.labelY,
        "title": \MapDot.title,
        "href": \MapDot.href,
        "anchor": \MapDot.anchor,
    ]
}

extension MapView: TemplateValue {
    nonisolated(unsafe) static let fields: [String: PartialKeyPath<MapView>] = [
        "width": \MapView.width,
        "height": \MapView.height,
        "dots": \MapView.dots,
        "shapes": \MapView.shapes,
        "hasDots": \MapView.hasDots,
        "unplaced": \MapView.unplaced,
        "hasUnplaced": \MapView.hasUnplaced,
        "shownNote": \MapView.shownNote,
    ]
}

extension MapShape: TemplateValue {
    nonisolated(unsafe) static let fields: [String: PartialKeyPath<MapShape>] = [
        "d": \MapShape.d,
        "cssClass": \MapShape.cssClass,
    ]
}

extension Fact: TemplateValue {
    nonisolated(unsafe) static let fields: [String: PartialKeyPath<Fact>] = [
        "note": \Fact.note,
        "noteLang": \Fact.noteLang,
        "label": \Fact.label,
        "value": \Fact.value,
        "href": \Fact.href,
    ]
}

extension Envelope: TemplateValue {
    nonisolated(unsafe) static let fields: [String: PartialKeyPath<Envelope>] = [
        "page": \Envelope.page,
        "t": \Envelope.t,
        "view": \Envelope.view,
    ]
}

extension FragmentEnvelope: TemplateValue {
    nonisolated(unsafe) static let fields: [String: PartialKeyPath<FragmentEnvelope>] = [
        "t": \FragmentEnvelope.t,
        "item": \FragmentEnvelope.item,
    ]
}

extension Stat: TemplateValue {
    nonisolated(unsafe) static let fields: [String: PartialKeyPath<Stat>] = [
        "value": \Stat.value,
        "label": \Stat.label,
        "href": \Stat.href,
    ]
}

extension HomeView: TemplateValue {
    nonisolated(unsafe) static let fields: [String: PartialKeyPath<HomeView>] = [
        "tagline": \HomeView.tagline,
        "description": \HomeView.description,
        "stats": \HomeView.stats,
        "goals": \HomeView.goals,
        "map": \HomeView.map,
        "latest": \HomeView.latest,
        "hasLatest": \HomeView.hasLatest,
        "coverage": \HomeView.coverage,
    ]
}

extension GoalsView: TemplateValue {
    nonisolated(unsafe) static let fields: [String: PartialKeyPath<GoalsView>] = [
        "goals": \GoalsView.goals,
        "framework": \GoalsView.framework,
        "frameworkLang": \GoalsView.frameworkLang,
    ]
}

extension GoalView: TemplateValue {
    nonisolated(unsafe) static let fields: [String: PartialKeyPath<GoalView>] = [
        "goal": \GoalView.goal,
        "targets": \GoalView.targets,
        "cities": \GoalView.cities,
        "hasCities": \GoalView.hasCities,
        "projects": \GoalView.projects,
        "hasProjects": \GoalView.hasProjects,
        "reviewedCities": \GoalView.reviewedCities,
        "hasReviewedCities": \GoalView.hasReviewedCities,
        "country": \GoalView.country,
        "sources": \GoalView.sources,
        "hasSources": \GoalView.hasSources,
        "citiesPager": \GoalView.citiesPager,
        "reviewedPager": \GoalView.reviewedPager,
        "projectsPager": \GoalView.projectsPager,
    ]
}

extension TargetView: TemplateValue {
    nonisolated(unsafe) static let fields: [String: PartialKeyPath<TargetView>] = [
        "goal": \TargetView.goal,
        "code": \TargetView.code,
        "title": \TargetView.title,
        "isNational": \TargetView.isNational,
        "indicators": \TargetView.indicators,
        "hasIndicators": \TargetView.hasIndicators,
        "expectations": \TargetView.expectations,
        "hasExpectations": \TargetView.hasExpectations,
        "projects": \TargetView.projects,
        "hasProjects": \TargetView.hasProjects,
        "previous": \TargetView.previous,
        "next": \TargetView.next,
        "projectsPager": \TargetView.projectsPager,
    ]
}

extension CountryRow: TemplateValue {
    nonisolated(unsafe) static let fields: [String: PartialKeyPath<CountryRow>] = [
        "name": \CountryRow.name,
        "code": \CountryRow.code,
        "href": \CountryRow.href,
        "summary": \CountryRow.summary,
        "citiesLabel": \CountryRow.citiesLabel,
        "projectsLabel": \CountryRow.projectsLabel,
        "memberSince": \CountryRow.memberSince,
        "textLang": \CountryRow.textLang,
    ]
}

extension CountriesView: TemplateValue {
    nonisolated(unsafe) static let fields: [String: PartialKeyPath<CountriesView>] = [
        "countries": \CountriesView.countries,
    ]
}

extension CountryView: TemplateValue {
    nonisolated(unsafe) static let fields: [String: PartialKeyPath<CountryView>] = [
        "nameLang": \CountryView.nameLang,
        "name": \CountryView.name,
        "code": \CountryView.code,
        "summary": \CountryView.summary,
        "memberSince": \CountryView.memberSince,
        "bodyHTML": \CountryView.bodyHTML,
        "cities": \CountryView.cities,
        "hasCities": \CountryView.hasCities,
        "priorities": \CountryView.priorities,
        "hasPriorities": \CountryView.hasPriorities,
        "projects": \CountryView.projects,
        "hasProjects": \CountryView.hasProjects,
        "sources": \CountryView.sources,
        "hasSources": \CountryView.hasSources,
        "map": \CountryView.map,
        "citiesPager": \CountryView.citiesPager,
        "projectsPager": \CountryView.projectsPager,
    ]
}

extension CitiesView: TemplateValue {
    nonisolated(unsafe) static let fields: [String: PartialKeyPath<CitiesView>] = [
        "groups": \CitiesView.groups,
        "map": \CitiesView.map,
        "count": \CitiesView.count,
        "filters": \CitiesView.filters,
        "pager": \CitiesView.pager,
    ]
}

extension LinkedPhrase: TemplateValue {
    nonisolated(unsafe) static let fields: [String: PartialKeyPath<LinkedPhrase>] = [
        "before": \LinkedPhrase.before,
        "link": \LinkedPhrase.link,
        "after": \LinkedPhrase.after,
    ]
}

extension LinkItem: TemplateValue {
    nonisolated(unsafe) static let fields: [String: PartialKeyPath<LinkItem>] = [
        "lang": \LinkItem.lang,
        "label": \LinkItem.label,
        "href": \LinkItem.href,
    ]
}

extension CityView: TemplateValue {
    nonisolated(unsafe) static let fields: [String: PartialKeyPath<CityView>] = [
        "titleLang": \CityView.titleLang,
        "latin": \CityView.latin,
        "title": \CityView.title,
        "country": \CityView.country,
        "countryHref": \CityView.countryHref,
        "summary": \CityView.summary,
        "facts": \CityView.facts,
        "programmes": \CityView.programmes,
        "hasProgrammes": \CityView.hasProgrammes,
        "goals": \CityView.goals,
        "hasGoals": \CityView.hasGoals,
        "goalsHeading": \CityView.goalsHeading,
        "priorityNote": \CityView.priorityNote,
        "prioritySource": \CityView.prioritySource,
        "groups": \CityView.groups,
        "hasExpectations": \CityView.hasExpectations,
        "projects": \CityView.projects,
        "hasProjects": \CityView.hasProjects,
        "bodyHTML": \CityView.bodyHTML,
        "sources": \CityView.sources,
        "hasSources": \CityView.hasSources,
        "updated": \CityView.updated,
        "gaps": \CityView.gaps,
        "hasGaps": \CityView.hasGaps,
        "dataHref": \CityView.dataHref,
        "figures": \CityView.figures,
        "hasFigures": \CityView.hasFigures,
    ]
}

extension ProjectsView: TemplateValue {
    nonisolated(unsafe) static let fields: [String: PartialKeyPath<ProjectsView>] = [
        "groups": \ProjectsView.groups,
        "count": \ProjectsView.count,
        "filters": \ProjectsView.filters,
        "pager": \ProjectsView.pager,
    ]
}

extension ProjectView: TemplateValue {
    nonisolated(unsafe) static let fields: [String: PartialKeyPath<ProjectView>] = [
        "card": \ProjectView.card,
        "bodyHTML": \ProjectView.bodyHTML,
        "sources": \ProjectView.sources,
        "hasSources": \ProjectView.hasSources,
        "updated": \ProjectView.updated,
        "dataHref": \ProjectView.dataHref,
    ]
}

extension ProgrammeRow: TemplateValue {
    nonisolated(unsafe) static let fields: [String: PartialKeyPath<ProgrammeRow>] = [
        "title": \ProgrammeRow.title,
        "shortName": \ProgrammeRow.shortName,
        "href": \ProgrammeRow.href,
        "summary": \ProgrammeRow.summary,
        "period": \ProgrammeRow.period,
        "citiesLabel": \ProgrammeRow.citiesLabel,
        "textLang": \ProgrammeRow.textLang,
        "shortNameLang": \ProgrammeRow.shortNameLang,
    ]
}

extension ProgrammesView: TemplateValue {
    nonisolated(unsafe) static let fields: [String: PartialKeyPath<ProgrammesView>] = [
        "programmes": \ProgrammesView.programmes,
    ]
}

extension ProgrammeView: TemplateValue {
    nonisolated(unsafe) static let fields: [String: PartialKeyPath<ProgrammeView>] = [
        "title": \ProgrammeView.title,
        "shortName": \ProgrammeView.shortName,
        "summary": \ProgrammeView.summary,
        "facts": \ProgrammeView.facts,
        "focusAreas": \ProgrammeView.focusAreas,
        "hasFocusAreas": \ProgrammeView.hasFocusAreas,
        "goals": \ProgrammeView.goals,
        "hasGoals": \ProgrammeView.hasGoals,
        "bodyHTML": \ProgrammeView.bodyHTML,
        "cities": \ProgrammeView.cities,
        "hasCities": \ProgrammeView.hasCities,
        "projects": \ProgrammeView.projects,
        "hasProjects": \ProgrammeView.hasProjects,
        "sources": \ProgrammeView.sources,
        "hasSources": \ProgrammeView.hasSources,
        "map": \ProgrammeView.map,
        "citiesPager": \ProgrammeView.citiesPager,
        "projectsPager": \ProgrammeView.projectsPager,
        "focusLang": \ProgrammeView.focusLang,
    ]
}

extension TextPageView: TemplateValue {
    nonisolated(unsafe) static let fields: [String: PartialKeyPath<TextPageView>] = [
        "summary": \TextPageView.summary,
        "bodyHTML": \TextPageView.bodyHTML,
        "coverage": \TextPageView.coverage,
    ]
}

extension ReportSection: TemplateValue {
    nonisolated(unsafe) static let fields: [String: PartialKeyPath<ReportSection>] = [
        "goal": \ReportSection.goal,
        "projects": \ReportSection.projects,
        "continued": \ReportSection.continued,
    ]
}

extension ReportContentsEntry: TemplateValue {
    nonisolated(unsafe) static let fields: [String: PartialKeyPath<ReportContentsEntry>] = [
        "label": \ReportContentsEntry.label,
        "href": \ReportContentsEntry.href,
    ]
}

extension ReportView: TemplateValue {
    nonisolated(unsafe) static let fields: [String: PartialKeyPath<ReportView>] = [
        "sections": \ReportView.sections,
        "hasSections": \ReportView.hasSections,
        "unlinked": \ReportView.unlinked,
        "hasUnlinked": \ReportView.hasUnlinked,
        "unlinkedContinued": \ReportView.unlinkedContinued,
        "contents": \ReportView.contents,
        "pager": \ReportView.pager,
        "projectsLabel": \ReportView.projectsLabel,
        "citiesLabel": \ReportView.citiesLabel,
    ]
}

extension CityRow: TemplateValue {
    nonisolated(unsafe) static let fields: [String: PartialKeyPath<CityRow>] = [
        "titleLang": \CityRow.titleLang,
        "latin": \CityRow.latin,
        "title": \CityRow.title,
        "href": \CityRow.href,
        "country": \CityRow.country,
        "countryCode": \CityRow.countryCode,
        "programmes": \CityRow.programmes,
        "programmeSlugs": \CityRow.programmeSlugs,
        "goals": \CityRow.goals,
        "goalNumbers": \CityRow.goalNumbers,
        "counts": \CityRow.counts,
        "textLang": \CityRow.textLang,
        "programmesLang": \CityRow.programmesLang,
    ]
}

extension ProjectRow: TemplateValue {
    nonisolated(unsafe) static let fields: [String: PartialKeyPath<ProjectRow>] = [
        "title": \ProjectRow.title,
        "href": \ProjectRow.href,
        "city": \ProjectRow.city,
        "cityLang": \ProjectRow.cityLang,
        "cityHref": \ProjectRow.cityHref,
        "countryCode": \ProjectRow.countryCode,
        "status": \ProjectRow.status,
        "statusClass": \ProjectRow.statusClass,
        "period": \ProjectRow.period,
        "programme": \ProjectRow.programme,
        "goals": \ProjectRow.goals,
        "goalNumbers": \ProjectRow.goalNumbers,
        "textLang": \ProjectRow.textLang,
        "model": \ProjectRow.model,
    ]
}

extension Pager: TemplateValue {
    nonisolated(unsafe) static let fields: [String: PartialKeyPath<Pager>] = [
        "pages": \Pager.pages,
        "previous": \Pager.previous,
        "next": \Pager.next,
        "hasPages": \Pager.hasPages,
        "label": \Pager.label,
        "previousLabel": \Pager.previousLabel,
        "nextLabel": \Pager.nextLabel,
    ]
}

extension PagerLink: TemplateValue {
    nonisolated(unsafe) static let fields: [String: PartialKeyPath<PagerLink>] = [
        "label": \PagerLink.label,
        "href": \PagerLink.href,
        "current": \PagerLink.current,
    ]
}

extension ListGroup: TemplateValue {
    nonisolated(unsafe) static let fields: [String: PartialKeyPath<ListGroup>] = [
        "heading": \ListGroup.heading,
        "rows": \ListGroup.rows,
    ]
}

extension ListFilter: TemplateValue {
    nonisolated(unsafe) static let fields: [String: PartialKeyPath<ListFilter>] = [
        "name": \ListFilter.name,
        "label": \ListFilter.label,
        "any": \ListFilter.any,
        "options": \ListFilter.options,
    ]
}

extension FilterOption: TemplateValue {
    nonisolated(unsafe) static let fields: [String: PartialKeyPath<FilterOption>] = [
        "value": \FilterOption.value,
        "label": \FilterOption.label,
        "lang": \FilterOption.lang,
    ]
}

extension ListView: TemplateValue {
    nonisolated(unsafe) static let fields: [String: PartialKeyPath<ListView>] = [
        "rows": \ListView.rows,
        "count": \ListView.count,
        "pager": \ListView.pager,
    ]
}

extension CoverageView: TemplateValue {
    nonisolated(unsafe) static let fields: [String: PartialKeyPath<CoverageView>] = [
        "cities": \CoverageView.cities,
        "cityRows": \CoverageView.cityRows,
        "projects": \CoverageView.projects,
        "projectRows": \CoverageView.projectRows,
    ]
}

extension CoverageRow: TemplateValue {
    nonisolated(unsafe) static let fields: [String: PartialKeyPath<CoverageRow>] = [
        "value": \CoverageRow.value,
        "label": \CoverageRow.label,
    ]
}

extension LatinName: TemplateValue {
    nonisolated(unsafe) static let fields: [String: PartialKeyPath<LatinName>] = [
        "text": \LatinName.text,
        "lang": \LatinName.lang,
        "source": \LatinName.source,
    ]
}
