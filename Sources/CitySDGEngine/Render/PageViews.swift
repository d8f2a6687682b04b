/// The value each page template receives: the layout's `page`, the interface strings `t`, and the
/// page's own `view` (templates open it with `{{#view}}…{{/view}}`).
struct Envelope {
    var page: PageMeta
    var t: [String: String]
    var view: Any
}

/// The value a fragment template (a card) is rendered with: the interface strings and the item.
struct FragmentEnvelope {
    var t: [String: String]
    var item: Any
}

struct Stat { var value: String; var label: String; var href: String }

struct HomeView {
    var tagline: String?
    var description: String?
    var stats: [Stat]
    var goals: [GoalTile]
    var map: MapView
    var latest: [Fragment]
    var hasLatest: Bool
    var coverage: CoverageView
}

/// `frameworkLang`: the framework's title is the catalogue's, in English, on a page in another language.
struct GoalsView { var goals: [GoalTile]; var framework: String; var frameworkLang: String? = nil }

struct GoalView {
    var goal: GoalTile
    var targets: [TargetRow]
    var cities: [Fragment]
    var hasCities: Bool
    var projects: [Fragment]
    var hasProjects: Bool
    /// Cities whose Voluntary Local Review covers the goal (not a priority a source states).
    var reviewedCities: [Fragment]
    var hasReviewedCities: Bool
    /// For a national goal: the country that declared it, and the documents that say so.
    var country: LinkedPhrase?
    var sources: [SourceItem]
    var hasSources: Bool
    var citiesPager: Pager? = nil
    var reviewedPager: Pager? = nil
    var projectsPager: Pager? = nil
}

struct TargetView {
    var goal: GoalTile
    var code: String
    var title: String
    var isNational: Bool
    var indicators: [IndicatorRow]
    var hasIndicators: Bool
    var expectations: [ExpectationRow]
    var hasExpectations: Bool
    var projects: [Fragment]
    var hasProjects: Bool
    var previous: TargetLink?
    var next: TargetLink?
    var projectsPager: Pager? = nil
}

struct CountryRow {
    var name: String
    var code: String
    var href: String
    var summary: String?
    var citiesLabel: String
    var projectsLabel: String
    var memberSince: String?
    /// The original's language where the country's file is not translated into the page's.
    var textLang: String? = nil
}

struct CountriesView { var countries: [CountryRow] }

struct CountryView {
    var name: String
    /// The name's language where it is not the rest's: CLDR's name in the page's language, on an untranslated page.
    var nameLang: String? = nil
    var code: String
    var summary: String?
    var memberSince: String?
    var bodyHTML: String?
    var cities: [Fragment]
    var hasCities: Bool
    var priorities: [GoalTile]
    var hasPriorities: Bool
    var projects: [Fragment]
    var hasProjects: Bool
    var sources: [SourceItem]
    var hasSources: Bool
    var map: MapView
    var citiesPager: Pager? = nil
    var projectsPager: Pager? = nil
}

struct CitiesView { var groups: [ListGroup]; var map: MapView; var count: String; var filters: [ListFilter]; var pager: Pager }

struct LinkItem { var label: String; var href: String; var lang: String? = nil }

/// A translated sentence with a link in it, split at the link's placeholder, so each language puts
/// the link where its word order wants it ("A national goal of {country}"; Burmese puts it first).
struct LinkedPhrase { var before: String; var link: LinkItem; var after: String }

struct CityView {
    var title: String
    var country: String
    var countryHref: String
    var summary: String?
    var facts: [Fact]
    var programmes: [LinkItem]
    var hasProgrammes: Bool
    var goals: [GoalTile]
    var hasGoals: Bool
    /// "Priority goals", or "Goals its Voluntary Local Review covers".
    var goalsHeading: String
    var priorityNote: String?
    var prioritySource: Int?
    var groups: [ExpectationGroup]
    var hasExpectations: Bool
    var projects: [Fragment]
    var hasProjects: Bool
    var bodyHTML: String?
    var sources: [SourceItem]
    var hasSources: Bool
    var updated: String?
    /// What the city page has nothing of yet, said once each, after what it has.
    var gaps: [String]
    var hasGaps: Bool
    /// The item as open data: its own JSON file.
    var dataHref: String
    var titleLang: String? = nil
    var latin: LatinName? = nil
    /// The city's data files for indicators no expectation names.
    var figures: [SeriesBlock] = []
    var hasFigures = false
}

struct ProjectsView { var groups: [ListGroup]; var count: String; var filters: [ListFilter]; var pager: Pager }

struct ProjectView {
    var card: ProjectCard
    var bodyHTML: String?
    var sources: [SourceItem]
    var hasSources: Bool
    var updated: String?
    /// The item as open data: its own JSON file.
    var dataHref: String
}

struct ProgrammeRow {
    var title: String
    var shortName: String?
    var href: String
    var summary: String?
    var period: String?
    var citiesLabel: String
    /// The original's language where the programme's file is not translated into the page's; `shortNameLang`, the
    /// default language's, for a short name no translation gives.
    var textLang: String? = nil
    var shortNameLang: String? = nil
}

struct ProgrammesView { var programmes: [ProgrammeRow] }

struct ProgrammeView {
    var title: String
    var shortName: String?
    var summary: String?
    var facts: [Fact]
    var focusAreas: [String]
    var hasFocusAreas: Bool
    var goals: [GoalTile]
    var hasGoals: Bool
    var bodyHTML: String?
    var cities: [Fragment]
    var hasCities: Bool
    var projects: [Fragment]
    var hasProjects: Bool
    var sources: [SourceItem]
    var hasSources: Bool
    var map: MapView
    var citiesPager: Pager? = nil
    var projectsPager: Pager? = nil
    /// The default language on a page in another: focus areas are no translation's.
    var focusLang: String? = nil
}

struct TextPageView { var summary: String?; var bodyHTML: String?; var coverage: CoverageView? = nil }

/// A goal's projects in one part of the report; `continued` when the section began in an earlier part.
struct ReportSection { var goal: GoalTile; var projects: [Fragment]; var continued: Bool }
struct ReportContentsEntry { var label: String; var href: String }

struct ReportView {
    var sections: [ReportSection]
    /// Whether any project is linked to a goal (in any part).
    var hasSections: Bool
    /// Every section of the whole report, linking to the part where it starts.
    var contents: [ReportContentsEntry]
    /// Projects with no goal or target: listed at the end, so the report holds every project.
    var unlinked: [Fragment]
    var hasUnlinked: Bool
    var unlinkedContinued: Bool
    var projectsLabel: String
    var citiesLabel: String
    var pager: Pager?
}

/// A city as one compact row of a long list, with what the filters read as data attributes.
struct CityRow {
    var title: String
    var href: String
    var country: String
    var countryCode: String
    var programmes: String?
    var programmeSlugs: String
    var goals: [GoalTile]
    var goalNumbers: String
    var counts: String
    var textLang: String?
    var titleLang: String? = nil
    var latin: LatinName? = nil
    /// The default language on a page in another: the programmes' short names are no translation's.
    var programmesLang: String? = nil
}

/// A project as one compact row of a long list.
struct ProjectRow {
    var title: String
    var href: String
    var city: String
    var cityHref: String
    var countryCode: String
    var status: String?
    var statusClass: String
    var period: String?
    var programme: String
    var goals: [GoalTile]
    var goalNumbers: String
    var textLang: String?
    /// "Model project", when a source calls it one.
    var model: String? = nil
    /// The city's name's language where it is not the page's.
    var cityLang: String? = nil
}
