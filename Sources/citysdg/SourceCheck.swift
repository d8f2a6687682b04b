import CitySDGEngine
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// `citysdg check --sources`: asks every cited address whether it still answers (HEAD, then GET
/// where a server refuses HEAD), a few at a time, and lists those that do not. It reports and
/// never fails: a site is not broken because a publisher's server is down today.
enum SourceCheck {
    struct Answer: Sendable { var url: String; var problem: String? }

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

    static func run(_ links: [SourceLinks.Link]) async -> Result {
        let urls = Array(Set(links.map(\.url))).sorted()
        let session = URLSession(configuration: {
            let c = URLSessionConfiguration.ephemeral
            c.timeoutIntervalForRequest = 15
            c.httpMaximumConnectionsPerHost = 2
            return c
        }())
        var problems: [String: String] = [:]
        await withTaskGroup(of: Answer.self) { group in
            var next = 0
            func add() {
                guard next < urls.count else { return }
                let url = urls[next]
                next += 1
                group.addTask { await ask(url, session) }
            }
            for _ in 0..<min(8, urls.count) { add() }
            while let answer = await group.next() {
                if let problem = answer.problem { problems[answer.url] = problem }
                add()
            }
        }
        return Result(asked: urls.count, unreachable: links.compactMap { link in problems[link.url].map { (link, $0) } })
    }

    static func ask(_ address: String, _ session: URLSession) async -> Answer {
        guard let url = URL(string: address) else { return Answer(url: address, problem: "not a web address") }
        func status(_ method: String) async -> (Int?, String?) {
            var request = URLRequest(url: url)
            request.httpMethod = method
            request.setValue("citysdg check --sources", forHTTPHeaderField: "User-Agent")
            do {
                let (_, response) = try await session.data(for: request)
                return ((response as? HTTPURLResponse)?.statusCode, nil)
            } catch {
                return (nil, error.localizedDescription)
            }
        }
        var (code, failure) = await status("HEAD")
        if let c = code, c == 405 || c == 403 || c == 501 { (code, failure) = await status("GET") }
        if let code { return Answer(url: address, problem: (200..<400).contains(code) ? nil : "HTTP \(code)") }
        return Answer(url: address, problem: "no answer (\(failure ?? "unknown error"))")
    }
}
