import ArgumentParser
import CitySDGEngine
import Foundation

struct NewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "new", abstract: "Write a new, valid content file to start from.",
        subcommands: [NewCity.self, NewProject.self, NewTranslation.self])
}

/// Writes `file` into the content folder, never over an existing file.
func create(_ file: Scaffold.File, in content: String) throws {
    let target = url(content).appendingPathComponent(file.path)
    var stderr = FileHandle.standardError
    guard !FileManager.default.fileExists(atPath: target.path) else {
        print("\(content)/\(file.path) already exists; nothing was written.", to: &stderr)
        throw Status.usageOrIO
    }
    do {
        try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(file.text.utf8).write(to: target)
    } catch {
        print("\(content)/\(file.path): \(error.localizedDescription)", to: &stderr)
        throw Status.usageOrIO
    }
    print("Wrote \(content)/\(file.path). Fill it in, then run `citysdg check`.")
    if let latin = file.latinName {
        let folder = (file.path as NSString).deletingLastPathComponent
        print("For an address in Latin letters, rename it \(content)/\(folder)/\(latin).md.")
    }
}

struct NewCity: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "city", abstract: "Start a city file: cities/<cc>/<slug>.md.")

    @Argument(help: "The city's name, as readers know it.")
    var name: String

    @Option(help: "The country's ISO 3166-1 alpha-2 code, like LA.")
    var country: String

    @Option(help: "The content folder.")
    var content = "Content"

    func run() throws {
        do { try create(Scaffold.city(name: name, country: country), in: content) } catch let problem as Scaffold.Problem {
            throw ValidationError(problem.description)
        }
    }
}

struct NewProject: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "project", abstract: "Start a model project file: projects/<slug>.md.")

    @Argument(help: "The project's title.")
    var title: String

    @Option(help: "The slug of the city it belongs to (its file name without .md).")
    var city: String

    @Option(help: "The content folder.")
    var content = "Content"

    func run() throws {
        do { try create(Scaffold.project(title: title, city: city, cities: Scaffold.cities(in: url(content))), in: content) } catch let problem as Scaffold.Problem {
            throw ValidationError(problem.description)
        }
    }
}

struct NewTranslation: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "translation", abstract: "Start a translation beside its original: cities/la/luang-prabang.lo.md.")

    @Argument(help: "The original, as its path inside the content folder: cities/la/luang-prabang.md.")
    var original: String

    @Option(help: "The language to translate into, one of site.yml's `languages:`.")
    var language: String

    @Option(help: "The content folder.")
    var content = "Content"

    func run() throws {
        let path = original.hasPrefix(content + "/") ? String(original.dropFirst(content.count + 1)) : original
        do { try create(Scaffold.translation(of: path, into: language, content: url(content)), in: content) } catch let problem as Scaffold.Problem {
            throw ValidationError(problem.description)
        }
    }
}

struct SchemaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schema",
        abstract: "Write JSON Schemas of the front matter, one per kind of file, for editors.")

    @Option(help: "The folder to write city.schema.json, project.schema.json, … into.")
    var output = ".citysdg/schema"

    @Option(help: "The content folder: its site.yml's national goals are in the schema.")
    var content = "Content"

    func run() throws {
        let folder = url(output)
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            for (name, text) in FrontMatterSchema.schemas(forContent: url(content)) {
                try Data(text.utf8).write(to: folder.appendingPathComponent("\(name).schema.json"))
            }
        } catch {
            var stderr = FileHandle.standardError
            print("\(output): \(error.localizedDescription)", to: &stderr)
            throw Status.usageOrIO
        }
        print("Wrote \(FrontMatterSchema.kinds.map { "\(output)/\($0.name).schema.json" }.joined(separator: ", ")).")
    }
}
