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

    /// Walks `root`; problems go to `d`, each naming its file: a link that points to nothing, or a
    /// file or folder removed while the walk ran, is a warning (it is left out, as if it were not
    /// there); a folder or file that cannot be read, a link that loops or leaves the folder, an error.
    /// `listed` is told each folder's path once its names are read (tests remove files there).
    static func walk(_ root: URL, display: (String) -> String, _ d: inout Diagnostics,
                     listed: (String) -> Void = { _ in }) -> ContentFiles {
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
                if !relative.isEmpty, access(folder, F_OK) != 0, errno == ENOENT {
                    d.warning(SourceLocation(file: display(relative)), "this folder was removed while the content was read: what it held is left out",
                              hint: "build again if it was moved rather than deleted")
                } else {
                    d.error(SourceLocation(file: display(relative)), "the folder cannot be read: \(error.localizedDescription)",
                            hint: "check the folder's permissions")
                }
                return
            }
            listed(folder)
            for name in names where !isEditorLeftover(name) {
                let full = folder + "/" + name
                let path = relative.isEmpty ? name : relative + "/" + name
                var info = stat()
                guard lstat(full, &info) == 0 else {
                    let reason = errno
                    if reason == ENOENT {
                        d.warning(SourceLocation(file: display(path)), "this file was removed while the content was read: it is left out",
                                  hint: "build again if it was moved rather than deleted")
                    } else {
                        d.error(SourceLocation(file: display(path)), "the file cannot be read: \(String(cString: strerror(reason)))",
                                hint: "check the file's permissions")
                    }
                    continue
                }
                let isLink = (info.st_mode & S_IFMT) == S_IFLNK
                var target = full
                if isLink {
                    var followed = stat()
                    if stat(full, &followed) != 0 {
                        let reason = errno
                        let destination = (try? fm.destinationOfSymbolicLink(atPath: full)) ?? "?"
                        if reason == ENOENT {
                            // An archived file moved away: the site is built without it, and says so.
                            d.warning(SourceLocation(file: display(path)), "this link points to `\(destination)`, which does not exist: it is left out",
                                      hint: "remove the link, or make it point to a file in the content folder")
                        } else if reason == ELOOP {
                            d.error(SourceLocation(file: display(path)), "this link points to nothing: it leads back to itself, in a loop",
                                    hint: "remove the link or make it point to a file in the content folder")
                        } else {
                            d.error(SourceLocation(file: display(path)), "the file this link points to (`\(destination)`) cannot be read: \(String(cString: strerror(reason)))",
                                    hint: "check the file's permissions")
                        }
                        continue
                    }
                    let real = URL(fileURLWithPath: full).resolvingSymlinksInPath().standardizedFileURL
                    guard real.path == realRoot || real.path.hasPrefix(realRoot + "/") else {
                        d.error(SourceLocation(file: display(path)), "this link points outside the content folder, to \(real.path)",
                                hint: "copy the file into the content folder instead of linking to it")
                        continue
                    }
                    target = real.path
                }
                if isLink, stat(target, &info) != 0 {
                    d.warning(SourceLocation(file: display(path)), "the file this link points to was removed while the content was read: it is left out",
                              hint: "build again if it was moved rather than deleted")
                    continue
                }
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
