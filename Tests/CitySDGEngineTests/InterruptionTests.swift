import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif
@testable import CitySDGEngine

/// A build that is killed, or that finds the disk full, leaves nothing the next build cannot mend:
/// the site a reader sees is the previous one, whole, or the new one, whole.
@Suite(.serialized) struct InterruptionTests {
    /// Files a build writes only for a moment: the staging folder beside the output, `.tmp` files.
    static func leftovers(in root: URL) -> [String] {
        everything(in: root).keys.filter { $0.contains("citysdg-staging") || $0.hasSuffix(".tmp") || $0.hasSuffix(".tmp/") }.sorted()
    }

    /// SIGKILL at seeded moments of a first build and of an edit's build; each time the next build
    /// ends with status 0, writes the bytes of a clean build, and leaves no temporary file.
    @Test func aBuildKilledAtAnyMomentIsMendedByTheNext() throws {
        var numbers = SplitMix(state: 2026)
        var moments: [Int] = [], interrupted = 0
        for round in 0..<10 {
            let work = TemporaryFolder()
            let content = work.copy(Repo.fixture, as: "Content")
            _ = work.copy(Repo.themes, as: "Themes")
            if round % 2 == 1 {
                // An edit's build: the project was built before, and a title that many pages show changed.
                let first = try citysdg(["build"], in: work.url)
                #expect(first.status == 0, "\(first.err)")
                let city = content.appendingPathComponent("cities/la/alpha-town.md")
                let text = try String(contentsOf: city, encoding: .utf8)
                try Data(text.replacingOccurrences(of: "title: Alpha Town", with: "title: Alpha Town \(round)").utf8).write(to: city)
            }
            let moment = 20 + numbers.below(600)
            moments.append(moment)
            let child = try ChildProcess(citysdgExecutable.path, ["build"], in: work.url, log: work.url.appendingPathComponent("killed.log"))
            usleep(useconds_t(moment * 1000))
            child.send(SIGKILL)
            let status = child.wait(timeout: .seconds(30))
            if status == 128 + SIGKILL { interrupted += 1 }
            let next = try citysdg(["build"], in: work.url)
            #expect(next.status == 0, "round \(round), killed at \(moment) ms: \(next.err)")
            let clean = work.url.appendingPathComponent("clean")
            #expect(!Build(content: content, themes: work.url.appendingPathComponent("Themes"), output: clean, contentDisplay: "Content").run().failed)
            let built = snapshot(work.url.appendingPathComponent("site")), expected = snapshot(clean)
            let differ = Set(built.keys).union(expected.keys).filter { built[$0] != expected[$0] }.sorted()
            #expect(differ.isEmpty, "round \(round), killed at \(moment) ms: \(differ.prefix(5))")
            #expect(Self.leftovers(in: work.url).isEmpty, "round \(round): \(Self.leftovers(in: work.url))")
        }
        print("killed builds: 10 (5 first builds, 5 edits) at \(moments.map { "\($0)" }.joined(separator: ", ")) ms; "
              + "\(interrupted) were still running when killed; every next build equal to a clean one, no temporary file left")
    }

    /// A full disk (a small tmpfs, filled): the build fails with status 2 and a message naming the
    /// file it could not write, the previous site stays whole, and once there is room again the
    /// next build is a clean build's bytes. Needs the right to mount, which CI has (it runs as root).
    @Test func aFullDiskFailsWithTwoAndLeavesThePreviousSite() throws {
        let work = TemporaryFolder()
        let disk = work.url.appendingPathComponent("disk")
        try FileManager.default.createDirectory(at: disk, withIntermediateDirectories: true)
        guard mountTmpfs(at: disk, megabytes: 8) else {
            print("full disk: skipped, this user cannot mount a tmpfs")
            return
        }
        defer { _ = umount2(disk.path, Int32(MNT_DETACH)); withExtendedLifetime(work) {} } // unmounted before the folder goes
        let content = disk.appendingPathComponent("Content")
        try FileManager.default.copyItem(at: Repo.fixture, to: content)
        try FileManager.default.copyItem(at: Repo.themes, to: disk.appendingPathComponent("Themes"))
        let first = try citysdg(["build"], in: disk)
        #expect(first.status == 0, "\(first.err)")
        let site = disk.appendingPathComponent("site")
        let before = everything(in: site)
        // Every page shows the site's title: a new one rewrites them all, and the disk has room for few.
        let config = content.appendingPathComponent("site.yml")
        let text = try String(contentsOf: config, encoding: .utf8)
        try Data(text.replacingOccurrences(of: "title: Test Cities", with: "title: Test Cities Renamed").utf8).write(to: config)
        let filler = disk.appendingPathComponent("filler")
        try fill(disk, leaving: 64 * 1024, with: filler)
        let full = try citysdg(["build"], in: disk)
        #expect(full.status == 2, "\(full.err)")
        #expect(full.err.contains("No space left on device") && full.err.contains(disk.path), "\(full.err)")
        #expect(full.err.split(separator: "\n").filter { $0.contains("No space left") }.count == 1, "said once: \(full.err)")
        #expect(everything(in: site) == before, "the previous site is whole")
        #expect(Self.leftovers(in: disk).isEmpty, "\(Self.leftovers(in: disk))")
        try FileManager.default.removeItem(at: filler)
        let roomy = try citysdg(["build"], in: disk)
        #expect(roomy.status == 0, "\(roomy.err)")
        let clean = work.url.appendingPathComponent("clean")
        #expect(!Build(content: content, themes: disk.appendingPathComponent("Themes"), output: clean, contentDisplay: "Content").run().failed)
        #expect(snapshot(site) == snapshot(clean))
        print("full disk: the build failed with status 2 and one message, the previous site (\(before.count) entries) was left whole")
    }

    private func mountTmpfs(at folder: URL, megabytes: Int) -> Bool {
        mount("tmpfs", folder.path, "tmpfs", 0, "size=\(megabytes)m") == 0
    }

    /// Writes `file` until the file system has about `leaving` bytes free.
    private func fill(_ folder: URL, leaving: Int, with file: URL) throws {
        var info = statvfs()
        guard statvfs(folder.path, &info) == 0 else { throw POSIXError(.EIO) }
        let free = Int(info.f_bavail) * Int(info.f_frsize)
        try Data(count: max(0, free - leaving)).write(to: file)
    }
}
