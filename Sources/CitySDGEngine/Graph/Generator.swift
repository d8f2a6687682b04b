import Foundation

/// The generator itself as an input: the fingerprint of the compiled executable that runs the
/// build, so a changed renderer rebuilds every page without anyone bumping a version string.
/// It is hashed again only when the executable's size or time changed.
enum Generator {
    static func fingerprint(previous: BuildState?) -> (Fingerprint, BuildState.Executable?) {
        let path = executablePath()
        guard let path, let stat = FileStats.of(path) else { return (Fingerprint("citysdg: executable unknown"), nil) }
        let executable = BuildState.Executable(path: path, size: stat.size, modified: stat.modified)
        if let previous, previous.executable == executable { return (previous.generator, executable) }
        guard let data = try? Data(contentsOf: URL(fileURLWithPath: path), options: .alwaysMapped) else {
            return (Fingerprint("citysdg: executable unreadable"), nil)
        }
        return (Fingerprint(data), executable)
    }

    private static func executablePath() -> String? {
        #if os(Linux)
        var buffer = [CChar](repeating: 0, count: 4096)
        let n = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        if n > 0 { return String(decoding: buffer[0..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self) }
        #endif
        return Bundle.main.executablePath
    }
}
