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

    static func isEditorLeftover<Name: StringProtocol>(_ name: Name) -> Bool where Name.UTF8View: BidirectionalCollection {
        isEditorLeftover(name.utf8)
    }

    /// The same, on a name's UTF-8 bytes (the marks are ASCII).
    static func isEditorLeftover<Name: BidirectionalCollection<UInt8>>(_ name: Name) -> Bool {
        func starts(_ mark: StaticString) -> Bool { name.starts(with: UnsafeBufferPointer(start: mark.utf8Start, count: mark.utf8CodeUnitCount)) }
        func ends(_ mark: StaticString) -> Bool {
            name.reversed().starts(with: UnsafeBufferPointer(start: mark.utf8Start, count: mark.utf8CodeUnitCount).reversed())
        }
        return starts(".") || starts("#") || starts("~$") || ends("~") || ends(".swp") || ends(".swx") || ends(".tmp")
    }

    /// The files a scan of `root` found (`FileStats.scan`, paths inside the folder), as a walk of it
    /// finds them when the folder holds no links: the same editor leftovers left out, in the same
    /// order (`precedes`). The build scans the folder once, for every file's size and time, and
    /// the loader reads this list.
    static func scanned(_ paths: some Sequence<String>, root: URL) -> ContentFiles {
        let folder = root.path
        var kept: [String] = [], keys: [[UInt8]] = []
        for var path in paths {
            // Each path's bytes with the slash as the lowest byte: one comparison of those is the walk's order.
            let key = path.withUTF8 { bytes -> [UInt8]? in
                var start = 0
                for i in 0...bytes.count where i == bytes.count || bytes[i] == UInt8(ascii: "/") {
                    if isEditorLeftover(UnsafeBufferPointer(rebasing: bytes[start..<i])) { return nil }
                    start = i + 1
                }
                return bytes.map { $0 == UInt8(ascii: "/") ? 0 : $0 }
            }
            guard let key else { continue }
            kept.append(path)
            keys.append(key)
        }
        return ContentFiles(files: inOrder(keys).map { File(path: kept[$0], fullPath: folder + "/" + kept[$0]) })
    }

    /// The indexes of `keys` in their order; a long list sorted in two halves, one on each core, then merged.
    private static func inOrder(_ keys: [[UInt8]]) -> [Int] {
        guard keys.count >= 4096 else { return keys.indices.sorted { precedes(keys[$0], keys[$1]) } }
        let halves = concurrentMap([0..<keys.count / 2, keys.count / 2..<keys.count]) { range in range.sorted { precedes(keys[$0], keys[$1]) } }
        let (a, b) = (halves[0], halves[1])
        var merged: [Int] = [], i = 0, j = 0
        merged.reserveCapacity(keys.count)
        while i < a.count, j < b.count {
            if precedes(keys[b[j]], keys[a[i]]) { merged.append(b[j]); j += 1 } else { merged.append(a[i]); i += 1 }
        }
        return merged + a[i...] + b[j...]
    }

    /// Bytes before bytes, as `lexicographicallyPrecedes` orders them (with `memcmp`).
    private static func precedes(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        a.withUnsafeBufferPointer { a in
            b.withUnsafeBufferPointer { b in
                let common = min(a.count, b.count)
                let order = common == 0 ? 0 : memcmp(a.baseAddress!, b.baseAddress!, common)
                return order != 0 ? order < 0 : a.count < b.count
            }
        }
    }

    /// The order of a folder's names: by their UTF-8 bytes (for names in NFC, the order of their
    /// Unicode scalars). Folders are entered where their name falls, so the walk's order is that of
    /// the paths' components, one after another.
    static func precedes(_ a: String, _ b: String) -> Bool { a.utf8.lexicographicallyPrecedes(b.utf8) }

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
                names = try fm.contentsOfDirectory(atPath: folder).sorted(by: precedes)
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
