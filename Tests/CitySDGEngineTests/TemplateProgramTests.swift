import Foundation
import Testing
@testable import CitySDGEngine

/// The templates are compiled against the views they render (`TemplateProgram`): the pages are the
/// bytes swift-mustache's interpreter makes of the same templates, and a template that reads a
/// field no view has is an error when the theme is loaded, at the tag.
@Suite struct TemplateProgramTests {
    /// Every page of the bundled site and of the test site, rendered by the compiled templates and
    /// by swift-mustache, byte for byte the same.
    @Test(arguments: ["bundled", "fixture"]) func compiledTemplatesRenderWhatTheInterpreterRenders(site: String) throws {
        let content = site == "bundled" ? Repo.content : Repo.fixture
        let compiledOut = TemporaryFolder(), interpretedOut = TemporaryFolder()
        var compiled = Build(content: content, themes: Repo.themes, output: compiledOut.url, contentDisplay: "Content", themesDisplay: "Themes")
        compiled.currentYear = nil
        var interpreted = compiled
        interpreted.output = interpretedOut.url
        interpreted.interpretedTemplates = true
        let a = compiled.run(), b = interpreted.run()
        #expect(!a.failed && !b.failed, "\(a.diagnostics.sorted.prefix(3)) \(b.diagnostics.sorted.prefix(3))")
        let left = everything(in: compiledOut.url), right = everything(in: interpretedOut.url)
        #expect(left.count == right.count && left.count > 100)
        let differing = left.keys.filter { left[$0] != right[$0] }.sorted()
        #expect(differing.isEmpty, "\(differing.count) files differ, first \(differing.prefix(5))")
    }

    /// A theme copied and broken in one template; the diagnostics of loading it.
    func load(_ template: String, replacing old: String, with new: String) throws -> [Diagnostic] {
        let folder = TemporaryFolder()
        let themes = folder.copy(Repo.themes, as: "Themes")
        let file = themes.appendingPathComponent("default/templates/\(template).mustache")
        let text = try String(contentsOf: file, encoding: .utf8)
        try #require(text.contains(old), "\(template) has \(old)")
        try text.replacingOccurrences(of: old, with: new).write(to: file, atomically: true, encoding: .utf8)
        var d = Diagnostics()
        _ = Theme.load(name: "default", themesRoot: themes, languages: ["en", "lo"], display: { "Themes/" + $0 }, &d)
        return d.sorted
    }

    /// The line and column of the first occurrence of `text` in a template of the default theme.
    func spot(of text: String, in template: String) throws -> (Int, Int) {
        let file = try String(contentsOf: Repo.themes.appendingPathComponent("default/templates/\(template).mustache"), encoding: .utf8)
        for (index, line) in file.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if let range = line.range(of: text) { return (index + 1, line.distance(from: line.startIndex, to: range.lowerBound) + 1) }
        }
        Issue.record("\(text) is not in \(template)")
        return (0, 0)
    }

    @Test func theBundledThemeCompiles() {
        var d = Diagnostics()
        let theme = Theme.load(name: "default", themesRoot: Repo.themes, languages: ["en", "lo", "km", "my"], display: { $0 }, &d)
        #expect(theme != nil && !d.hasErrors, "\(d.sorted)")
    }

    @Test func aFieldNoViewHasIsAnErrorAtItsTag() throws {
        let (line, column) = try spot(of: "{{title}}", in: "city-card")
        let problems = try load("city-card", replacing: "{{title}}", with: "{{titel}}")
        #expect(problems.count == 1, "\(problems)")
        let problem = try #require(problems.first)
        #expect(problem.severity == .error)
        #expect(problem.location.file == "Themes/default/templates/city-card.mustache")
        #expect(problem.location.line == line && problem.location.column == column, "\(problem.location)")
        #expect(problem.message.contains("no field `titel`") && problem.message.contains("did you mean `title`?"), "\(problem.message)")
    }

    @Test func aFieldOfAGroupThatItDoesNotHaveIsAnError() throws {
        let problems = try load("base", replacing: "{{page.title}}", with: "{{page.titel}}")
        #expect(problems.count == 1, "\(problems)")
        #expect(problems.first?.message.contains("PageMeta has no field `titel`") == true, "\(problems)")
    }

    @Test func anInterfaceStringTheThemeLacksIsAnError() throws {
        let problems = try load("search", replacing: "{{t.search_label}}", with: "{{t.search_lable}}")
        #expect(problems.count == 1, "\(problems)")
        #expect(problems.first?.message.contains("no interface string `search_lable`") == true, "\(problems)")
        #expect(problems.first?.message.contains("did you mean `search_label`?") == true, "\(problems)")
    }

    @Test func aGroupShownAsTextIsAnError() throws {
        let problems = try load("city-card", replacing: "{{title}}", with: "{{goals}}")
        #expect(problems.count == 1 && problems.first?.message.contains("not text") == true, "\(problems)")
    }

    @Test func aPartialTheThemeLacksIsAnError() throws {
        let problems = try load("home", replacing: "{{>map}}", with: "{{>mapp}}")
        #expect(problems.count == 1 && problems.first?.message.contains("no template `mapp`") == true, "\(problems)")
        #expect(problems.first?.location.file == "Themes/default/templates/home.mustache", "\(problems)")
    }

    /// Rendering rules the pages rely on, on small views: a list, a flag, an optional that is
    /// nil and falls through to the level below, a dotted name through an optional, escaping,
    /// and an indented standalone partial.
    @Test func renderingRules() throws {
        let card = CityCard(title: "A & B", href: "/a/", country: "Lao PDR", countryHref: "/la/", summary: nil, goals: [],
                            hasGoals: false, goalsLabel: "", projectsLabel: "", expectationsLabel: "", programmes: "", textLang: nil)
        func render(_ text: String, partials: [String: String] = [:]) throws -> String {
            var templates: [String: [TemplateNode]] = [:]
            for (name, body) in partials.merging(["main": text]) { $1 } {
                templates[name] = try TemplateParser.parse(body, template: name, prefixLength: 0)
            }
            let program = try TemplateCompiler(templates: templates, strings: ["hello"]).compile("main", root: FragmentEnvelope.self,
                                                                                                bindings: ["item": CityCard.self])
            return program.render(FragmentEnvelope(t: ["hello": "Hi <you>"], item: card))
        }
        #expect(try render("{{#item}}{{title}}|{{{title}}}|{{t.hello}}{{/item}}") == "A &amp; B|A & B|Hi &lt;you&gt;")
        #expect(try render("{{#item}}{{#summary}}S{{/summary}}{{^summary}}none{{/summary}}{{^hasGoals}}-{{/hasGoals}}{{/item}}") == "none-")
        #expect(try render("{{#item}}{{#goals}}x{{/goals}}{{^goals}}empty{{/goals}}{{/item}}") == "empty")
        #expect(try render("<ul>\n  {{>li}}\n</ul>\n", partials: ["li": "<li>{{#item}}{{country}}{{/item}}</li>\n<li>2</li>\n"])
                == "<ul>\n  <li>Lao PDR</li>\n  <li>2</li>\n</ul>\n")
        #expect(try render("{{#item}}\n{{title}}\n{{/item}}\n") == "A &amp; B\n")
    }
}
