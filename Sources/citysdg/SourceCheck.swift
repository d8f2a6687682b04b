import CitySDGEngine
import Foundation

/// `citysdg check --sources`: asks every cited address whether it still answers (HEAD, then GET
/// where a server refuses HEAD), a few at a time, and lists those that do not. It reports and
/// never fails: a site is not broken because a publisher's server is down today.
///
/// The asking is done by `citysdg-sources`, an executable built beside `citysdg`: the HTTP client
/// (on Linux, libcurl with its TLS, Kerberos and LDAP libraries) is then loaded by the one command
/// that uses the network, not by every build.
enum SourceCheck {
    struct Result {
        var asked: Int
        var unreachable: [(link: SourceLinks.Link, problem: String)]

        var json: [String: Any] {
            ["asked": asked, "unreachable": unreachable.map { ["file": $0.link.file, "title": $0.link.title, "url": $0.link.url, "problem": $0.problem] }]
        }

        func printText() {
            for (link, problem) in unreachable { print("\(link.file): source “\(link.title)”, \(link.url): \(problem)") }
            print("\(asked) source addresses asked, \(Set(unreachable.map(\.link.url)).count) did not answer as a page.")
        }
    }

    struct HelperFailure: Error, CustomStringConvertible { var description: String }

    /// The helper beside this executable (where `swift build` and an install put both).
    static var helper: URL {
        let own = Bundle.main.executableURL ?? URL(fileURLWithPath: CommandLine.arguments[0])
        return own.resolvingSymlinksInPath().deletingLastPathComponent().appendingPathComponent("citysdg-sources")
    }

    static func run(_ links: [SourceLinks.Link]) throws -> Result {
        let urls = Array(Set(links.map(\.url))).sorted()
        let helper = helper
        guard FileManager.default.isExecutableFile(atPath: helper.path) else {
            throw HelperFailure(description: "check --sources needs \(helper.path), which is not there: build it with `swift build --product citysdg-sources` (plain `swift build` builds it too)")
        }
        let process = Process()
        process.executableURL = helper
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        // The helper reads the whole list before it answers, so writing it all first cannot wait on a
        // full pipe.
        input.fileHandleForWriting.write(try JSONSerialization.data(withJSONObject: urls))
        try input.fileHandleForWriting.close()
        let answer = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0, let problems = try? JSONSerialization.jsonObject(with: answer) as? [String: String] else {
            throw HelperFailure(description: "\(helper.path) stopped with status \(process.terminationStatus) without answering")
        }
        return Result(asked: urls.count, unreachable: links.compactMap { link in problems[link.url].map { (link, $0) } })
    }
}
