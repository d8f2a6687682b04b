import Foundation

/// The files of a content folder, found by walking it: regular files and links to files inside it,
/// in a stable order, with editor leftovers (swap files, backups, hidden files) left out.
struct ContentFiles {
    struct File: Hashable, Sendable {
        /// Path inside the content folder, with `/`: `cities/la/luang-prabang.md`.
        var path: String
        /// Where it is read from (a link's target).
        var fullPath: String
        var url: URL { URL(fileURLWithPath: fullPath) }
    }

    var files: [File] = []

    static func isEditorLeftover(_ name: String) -> Bool {
        name.hasPrefix(".") || name.hasPrefix("#") || name.hasSuffix("~") || name.hasSuffix(".swp")
            || name.hasSuffix(".swx") || name.hasSuffix(".tmp") || name.hasPrefix("~$")
    }

    /// Walks `root`; problems (unreadable folders, links that loop or leave the folder) go to `d`.
    static func walk(_ root: URL, display: (String) -> String, _ d: inout Diagnostics) -> ContentFiles {
        let fm = FileManager.default
        let realRoot = root.resolvingSymlinksInPath().standardizedFileURL.path
        var result = ContentFiles()
        var visitedFolders: Set<String> = []

        func visit(_ folder: String, relative: String) {
            let realFolder = URL(fileURLWithPath: folder).resolvingSymlinksInPath().standardizedFileURL.path
            guard visitedFolders.insert(realFolder).inserted else {
                d.error(SourceLocation(file: display(relative)), "this folder link leads back to a folder already read (a loop)",
                        hint: "remove the link")
                return
            }
            let names: [String]
            do {
                names = try fm.contentsOfDirectory(atPath: folder).sorted()
            } catch {
                d.error(SourceLocation(file: display(relative)), "the folder cannot be read: \(error.localizedDescription)")
                return
            }
            for name in names where !isEditorLeftover(name) {
                let full = folder + "/" + name
                let path = relative.isEmpty ? name : relative + "/" + name
                var info = stat()
                let isLink = lstat(full, &info) == 0 && (info.st_mode & S_IFMT) == S_IFLNK
                var target = full
                if isLink {
                    let real = URL(fileURLWithPath: full).resolvingSymlinksInPath().standardizedFileURL
                    guard real.path == realRoot || real.path.hasPrefix(realRoot + "/") else {
                        d.error(SourceLocation(file: display(path)), "this link points outside the content folder, to \(real.path)",
                                hint: "copy the file into the content folder instead of linking to it")
                        continue
                    }
                    guard fm.fileExists(atPath: real.path) else {
                        d.error(SourceLocation(file: display(path)), "this link points to nothing (or to itself, in a loop)",
                                hint: "remove the link or make it point to a file in the content folder")
                        continue
                    }
                    target = real.path
                }
                guard isLink ? stat(target, &info) == 0 : true else { continue }
                if (info.st_mode & S_IFMT) == S_IFDIR {
                    visit(target, relative: path)
                } else if (info.st_mode & S_IFMT) == S_IFREG {
                    result.files.append(File(path: path, fullPath: target))
                } else {
                    d.error(SourceLocation(file: display(path)), "this is not a regular file (a pipe, socket or device), so it cannot be read",
                            hint: "remove it from the content folder")
                }
            }
        }
        visit(root.path, relative: "")
        return result
    }
}
