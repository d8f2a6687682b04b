/// Flat values made for the templates. Templates never see the model; every string here is
/// escaped by the template engine except `bodyHTML`, which is the HTML cmark made.

struct NavItem { var label: String; var href: String; var current: Bool; var lang: String? = nil }
struct Crumb { var label: String; var href: String; var lang: String? = nil }

/// What every page's layout (`base.mustache`) needs.
struct PageMeta {
    var title: String
    var heading: String
    var description: String
    var siteTitle: String
    var lang: String
    var root: String
    /// The top of the page's language (`../../lo/`), for links a template writes itself.
    var langRoot: String
    var homeHref: String
    var canonical: String?
    var nav: [NavItem]
    var crumbs: [Crumb]
    var hasCrumbs: Bool
    var licence: String?
    var kind: String
    /// `<link rel="alternate" hreflang>` for each language and `x-default`; the language switch.
    var alternates: [AlternateLink]
    var languages: [LanguageLink]
    var hasLanguages: Bool
    /// Who translated the SDG titles shown in this language, and the licence.
    var catalogueCredit: String?
    /// The language of the page's own words when they are not in the page's language (an
    /// untranslated page), and what the reader is told about its translation.
    var textLang: String?
    var textNote: String?
    /// schema.org data about the page's subject (a Place, a Project), as JSON-LD.
    var jsonLD: String?
    /// The default language on a page in another: the language of words no translation gives
    /// (site.yml's title and licence, sources, partners, notes).
    var contentLang: String? = nil
}

struct AlternateLink {
    var language: String
    var href: String
}

struct LanguageLink {
    var language: String
    var label: String
    var href: String
    var current: Bool
}

struct GoalTile {
    var number: String
    var short: String
    var title: String
    var href: String
    var cssClass: String
    var isNational: Bool
    /// How many cities made it a priority, in the page's digits (Burmese ၃).
    var count: String?
    /// The language of its titles where it is not the page's: a national goal, declared in site.yml.
    var lang: String? = nil
}

struct IndicatorRow {
    var code: String
    var title: String
    /// The other codes of an indicator that repeats under several targets, or nil.
    var alsoUnder: String?
    /// Its page (`/indicators/11-6-2/`).
    var href: String? = nil
}

struct TargetRow {
    var code: String
    var title: String
    var href: String
    var isNational: Bool
    var indicators: [IndicatorRow]
    var hasIndicators: Bool
    /// "3 local expectations", "1 project": the count with its word, nil for none.
    var expectationsLabel: String?
    var projectsLabel: String?
}

struct SourceItem {
    var number: Int
    var title: String
    var url: String?
    var publisher: String?
    var date: String?
    /// How to find a document with no web address: its number, ISBN, or who keeps a copy.
    var locator: String? = nil
}

struct CityCard {
    var title: String
    var href: String
    var country: String
    var countryHref: String
    var summary: String?
    var goals: [GoalTile]
    var hasGoals: Bool
    /// What the goals are: priorities, or the goals a review covers.
    var goalsLabel: String
    var projectsLabel: String
    var expectationsLabel: String
    /// Its programmes' short names, or nil for none (an empty string would still show its separator).
    var programmes: String?
    /// The original's language when the item is not translated into the page's.
    var textLang: String?
    /// The title's language where it differs from `textLang` (a name in the page's script), and
    /// the original Latin name shown beside it.
    var titleLang: String? = nil
    var latin: LatinName? = nil
    /// The default language on a page in another: the programmes' short names are no translation's.
    var programmesLang: String? = nil
}

/// A city's original (Latin) name, shown beside its name in the page's script, with the number
/// of the source that gives the local name (on the city's own page).
struct LatinName {
    var text: String
    var lang: String
    var source: Int?
}

struct ProjectCard {
    var title: String
    var href: String
    var city: String
    var cityHref: String
    var country: String
    var summary: String?
    var status: String?
    var statusClass: String
    var period: String?
    var goals: [GoalTile]
    var hasGoals: Bool
    var targets: [TargetLink]
    var hasTargets: Bool
    var interpreted: Bool
    var partners: String?
    var funding: String?
    var programme: String?
    var programmeHref: String?
    /// The original's language when the item is not translated into the page's.
    var textLang: String?
    /// "Model project" and the number of the source that calls it one; nil for a project no source calls that.
    var model: String? = nil
    var modelSource: Int? = nil
    /// The city's name's language where it is not the page's, and the language of the words no
    /// translation gives (partners, funding, programme) on a page in another language.
    var cityLang: String? = nil
    var contentLang: String? = nil
}

struct TargetLink { var code: String; var href: String; var title: String }

struct ExpectationRow {
    var target: String
    var targetHref: String
    var official: String
    var text: String?
    var stage: String?
    var stageClass: String
    var indicator: String?
    var note: String?
    var sourceNumber: Int?
    /// The wording is an editor's summary of the source's.
    var paraphrased: Bool
    var city: String
    var cityHref: String
    var country: String
    var textLang: String?
    var cityLang: String? = nil
    var noteLang: String? = nil
    /// The city's figures for the expectation's indicator, when it has a data file for it.
    var series: SeriesBlock? = nil
}

struct ExpectationGroup { var goal: GoalTile; var expectations: [ExpectationRow] }

/// A city on a map: its dot, and its label where one fits (nil where it would cover another).
struct MapDot { var x: String; var y: String; var labelX: String?; var labelY: String?; var title: String; var href: String; var anchor: String; var lang: String? = nil }
struct MapView {
    var width: Int
    var height: Int
    var shapes: [MapShape]
    var dots: [MapDot]
    var hasDots: Bool
    /// Cities with no coordinates recorded, named under the map.
    var unplaced: [LinkItem]
    var hasUnplaced: Bool
    /// How many of how many cities a map of a large site shows (nil: all of them).
    var shownNote: String? = nil
}
/// A country's outline as an SVG path.
struct MapShape { var d: String; var cssClass: String }

struct Fact {
    var label: String
    var value: String
    var href: String?
    /// Words of the content beside the value (a population figure's note), and their language where it is not the page's.
    var note: String? = nil
    var noteLang: String? = nil
}
