import ArgumentParser
import CitySDGEngine
import CitySDGServer
import Foundation

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Build, serve the site on this machine, rebuild on every save and reload the browser.")

    @OptionGroup var site: SiteOptions

    @Option(help: "The output folder.")
    var output = "site"

    @Option(help: "Where the build graph is kept between builds.")
    var state = ".citysdg/build-graph"

    @Option(help: "The port to listen on.")
    var port = 8000

    @Option(help: "The address to listen on. 127.0.0.1 is this machine only; 0.0.0.0 opens it to the network.")
    var host = "127.0.0.1"

    @Flag(help: "Also run the browser editor: forms for the content files, checked as they are typed. Prints its address with a session token.")
    var edit = false

    func run() async throws {
        var build = site.build(output: output)
        build.stateFile = url(state)
        // The preview serves the site at the top of this address: its canonical links and its 404
        // page (whose links start at the site's root) point here, unless --base-url says otherwise.
        if build.baseURL == nil { build.baseURL = "http://\(host == "0.0.0.0" ? "127.0.0.1" : host):\(port)/" }
        let server = DevServer(build: build, host: host, port: port, edit: edit)
        do {
            try await server.run { line in
                FileHandle.standardOutput.write(Data((line + "\n").utf8))
            }
        } catch let busy as DevServer.PortInUse {
            var stderr = FileHandle.standardError
            print("error: \(busy)", to: &stderr)
            throw Status.usageOrIO
        }
    }
}
