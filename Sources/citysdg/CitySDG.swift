import ArgumentParser
import CitySDGEngine
import Foundation

@main
struct CitySDG: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "citysdg",
        abstract: "Build a website of city SDG profiles from Markdown files.",
        discussion: "Exit status: 0 when all is well, 1 for problems in the content or theme, 2 for usage or I/O errors.",
        subcommands: [BuildCommand.self, CheckCommand.self, ServeCommand.self, NewCommand.self, SchemaCommand.self, ImportCommand.self],
        defaultSubcommand: BuildCommand.self
    )

    /// Runs the command; usage errors exit with status 2, as the documentation says.
    static func main() async {
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            let code = exitCode(for: error)
            if code == .validationFailure {
                var stderr = FileHandle.standardError
                print(fullMessage(for: error), to: &stderr)
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }
}

enum Status {
    static let contentErrors = ExitCode(1)
    static let usageOrIO = ExitCode(2)

    static func of(_ diagnostics: Diagnostics) -> ExitCode? {
        if diagnostics.hasIOErrors { return usageOrIO }
        if diagnostics.hasErrors { return contentErrors }
        return nil
    }
}

extension FileHandle: @retroactive TextOutputStream {
    public func write(_ string: String) { write(Data(string.utf8)) }
}
