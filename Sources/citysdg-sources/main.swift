import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

// `citysdg-sources`: the network half of `citysdg check --sources`, in its own executable so that
// `citysdg` itself never loads the HTTP client (on Linux, libcurl and its TLS, Kerberos and LDAP
// libraries: 9 ms of every command's start, for the one command that uses the network).
//
// Reads a JSON list of web addresses on standard input; asks each whether it still answers (HEAD,
// then GET where a server refuses HEAD), eight at a time; writes a JSON object on standard output
// giving, for each address that did not answer as a page, why.

let timeout: TimeInterval = 15

func ask(_ address: String, _ session: URLSession) async -> String? {
    guard let url = URL(string: address) else { return "not a web address" }
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
    if let code { return (200..<400).contains(code) ? nil : "HTTP \(code)" }
    return "no answer (\(failure ?? "unknown error"))"
}

let input = FileHandle.standardInput.readDataToEndOfFile()
guard let addresses = try? JSONSerialization.jsonObject(with: input) as? [String] else {
    FileHandle.standardError.write(Data("citysdg-sources: expected a JSON list of web addresses on standard input\n".utf8))
    exit(2)
}
let session = URLSession(configuration: {
    let c = URLSessionConfiguration.ephemeral
    c.timeoutIntervalForRequest = timeout
    c.httpMaximumConnectionsPerHost = 2
    return c
}())
var problems: [String: String] = [:]
await withTaskGroup(of: (String, String?).self) { group in
    var next = 0
    func add() {
        guard next < addresses.count else { return }
        let address = addresses[next]
        next += 1
        group.addTask { (address, await ask(address, session)) }
    }
    for _ in 0..<min(8, addresses.count) { add() }
    while let (address, problem) = await group.next() {
        if let problem { problems[address] = problem }
        add()
    }
}
FileHandle.standardOutput.write(try JSONSerialization.data(withJSONObject: problems, options: [.sortedKeys]))
