import Testing
@testable import Markdown

@Suite struct MarkdownTests {
    @Test func rendersCommonMark() {
        let out = Markdown.render("Some *emphasis* and a [link](https://example.org).")
        #expect(out.html == "<p>Some <em>emphasis</em> and a <a href=\"https://example.org\">link</a>.</p>\n")
    }

    @Test func headingsGetStableUniqueIDs() {
        let out = Markdown.render("## Green *spaces*\n\ntext\n\n## Green spaces\n\n### ທາງ ສີຂຽວ\n")
        #expect(out.headings.map(\.id) == ["green-spaces", "green-spaces-1", "ທາງ-ສີຂຽວ"])
        #expect(out.html.contains("<h2 id=\"green-spaces\">\nGreen <em>spaces</em>\n</h2>"))
        #expect(out.html.contains("<h3 id=\"ທາງ-ສີຂຽວ\">"))
    }

    @Test func headingTextIsEscaped() {
        let out = Markdown.render("# A <b>bold</b> & \"quoted\" title\n")
        #expect(!out.html.contains("<b>"))
        #expect(out.html.contains("&amp;"))
    }

    @Test func safeModeDropsRawHTMLAndScriptLinks() {
        let out = Markdown.render("<script>alert(1)</script>\n\n[x](javascript:alert(1)) [y](vbscript:x) <img src=x onerror=alert(1)>\n")
        #expect(!out.html.contains("<script"))
        #expect(!out.html.contains("javascript:"))
        #expect(!out.html.contains("vbscript:"))
        #expect(!out.html.contains("onerror"))
    }

    @Test func rawHTMLCanBeAllowed() {
        let out = Markdown.render("<aside>note</aside>\n", options: .init(allowRawHTML: true))
        #expect(out.html.contains("<aside>note</aside>"))
    }

    @Test func linksAreReportedAndRewritten() {
        let out = Markdown.render("Intro\n\nSee [the city](/cities/xamneua/) and ![map](/img/map.png).\n",
                                  options: .init(rewriteURL: { $0.hasPrefix("/") ? "../.." + $0 : nil }))
        #expect(out.links == [
            .init(url: "/cities/xamneua/", isImage: false, line: 3, column: 5),
            .init(url: "/img/map.png", isImage: true, line: 3, column: 38),
        ])
        #expect(out.html.contains("href=\"../../cities/xamneua/\""))
        #expect(out.html.contains("src=\"../../img/map.png\""))
    }

    @Test func emptyInput() {
        #expect(Markdown.render("").html == "")
    }
}
