import Foundation
import Testing
@testable import CitySDGEngine

/// One build at a time per state folder: `.citysdg/lock`.
@Suite(.serialized) struct StateLockTests {
    @Test func aSecondBuildWaitsForTheFirstOrWithNoWaitFailsAtOnce() throws {
        let work = try Workspace()
        let file = work.root.appendingPathComponent(".citysdg/lock")
        // This process holds the lock, as a running build would.
        var held = try #require(try StateLock.take(file, wait: false))
        #expect(StateLock.holder(file) == getpid())
        #expect(try StateLock.take(file, wait: false) == nil, "a second taker in the same process is refused too")
        let refused = try citysdg(["build", "--no-wait"], in: work.root)
        #expect(refused.status == 2)
        #expect(refused.err.contains(".citysdg/lock:1:1: error: another build of this folder (process \(getpid())) is running, and --no-wait was given"), "\(refused.err)")

        let log = work.root.appendingPathComponent("waiting.log")
        let waiting = try ChildProcess(citysdgExecutable.path, ["build"], in: work.root, log: log)
        #expect(waiting.wait(timeout: .seconds(2)) == nil, "it waits: \(waiting.output)")
        #expect(waiting.output.contains("Waiting for another build of this folder (process \(getpid())) to finish: it holds .citysdg/lock"))
        held.release()
        #expect(waiting.wait(timeout: .seconds(120)) == 0, "\(waiting.output)")
        #expect(waiting.output.contains("Built site/"))
        #expect(StateLock.holder(file) == nil, "the lock names no holder once the build ended")
        held = try #require(try StateLock.take(file, wait: false), "and it was let go")
        held.release()
    }

    @Test func theLockOfAProcessThatDiedIsTakenOver() throws {
        let work = try Workspace()
        let file = work.root.appendingPathComponent(".citysdg/lock")
        // A build that was killed: its id is in the file, and the process is gone.
        let dead = Process()
        dead.executableURL = URL(fileURLWithPath: "/bin/true")
        try dead.run()
        dead.waitUntilExit()
        try Data("\(dead.processIdentifier)\n".utf8).write(to: file)
        let result = try citysdg(["build", "--no-wait"], in: work.root)
        #expect(result.status == 0, "\(result.err)")
        #expect(!result.err.contains("Waiting"))
        #expect(StateLock.holder(file) == nil)
    }
}
