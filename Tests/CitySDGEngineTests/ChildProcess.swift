import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A program the tests start and stop: with every signal unblocked and at its default action
/// (the test runner blocks most signals, and a child started by Foundation's `Process` inherits
/// that, so `terminate()` never lands), its output in a file, killed and reaped when the value
/// goes away if it has not ended by then.
final class ChildProcess {
    let pid: pid_t
    let log: URL
    private var status: Int32?

    init(_ executable: String, _ arguments: [String], in folder: URL, log: URL) throws {
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var none = sigset_t(), all = sigset_t()
        sigemptyset(&none)
        sigfillset(&all)
        posix_spawnattr_setsigmask(&attributes, &none)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, log.path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        // The shell moves into the folder and becomes the program (with the mask and actions set here).
        let argv: [UnsafeMutablePointer<CChar>?] = (["/bin/sh", "-c", "cd \"$0\" && exec \"$@\"", folder.path, executable] + arguments)
            .map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let result = posix_spawn(&pid, "/bin/sh", &actions, &attributes, argv, environ)
        guard result == 0 else { throw POSIXError(POSIXErrorCode(rawValue: result) ?? .EINVAL) }
        self.pid = pid
        self.log = log
    }

    func send(_ signal: Int32) { kill(pid, signal) }

    /// The exit status once the process has ended within `timeout` (128 + n for a signal n), nil if it runs on.
    func wait(timeout: Duration) -> Int32? {
        if let status { return status }
        let deadline = ContinuousClock.now + timeout
        repeat {
            var raw: Int32 = 0
            if waitpid(pid, &raw, WNOHANG) == pid {
                let signal = raw & 0x7f
                status = signal == 0 ? (raw >> 8) & 0xff : 128 + signal
                return status
            }
            usleep(10_000)
        } while ContinuousClock.now < deadline
        return nil
    }

    var output: String { (try? String(contentsOf: log, encoding: .utf8)) ?? "" }

    deinit {
        if wait(timeout: .zero) == nil {
            kill(pid, SIGKILL)
            _ = wait(timeout: .seconds(5))
        }
    }
}

/// A TCP port on 127.0.0.1 that nothing listens on now (the system's choice).
func freePort() -> Int {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    defer { close(fd) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    address.sin_port = 0
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) } }
    _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) } }
    return Int(UInt16(bigEndian: address.sin_port))
}

/// A plain TCP connection to 127.0.0.1, for a request whose answer never ends (a live-reload stream).
final class Connection {
    let fd: Int32

    init?(port: Int) {
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = UInt16(port).bigEndian
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        var timeout = timeval(tv_sec: 5, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        // A failed init of a class whose properties are all set still runs `deinit`, which closes
        // the socket: closing it here too would close whatever another thread opened in between.
        guard connected == 0 else { return nil }
    }

    deinit { close(fd) }

    func send(_ text: String) { _ = text.withCString { Glibc.send(fd, $0, strlen($0), 0) } }

    /// What arrives until `marker` has (true) or the other end closed or went quiet for 5 s (false).
    func read(until marker: String?) -> (text: String, found: Bool) {
        var received = Data()
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = recv(fd, &buffer, buffer.count, 0)
            guard count > 0 else { return (String(decoding: received, as: UTF8.self), false) }
            received.append(contentsOf: buffer[0..<count])
            if let marker, String(decoding: received, as: UTF8.self).contains(marker) { return (String(decoding: received, as: UTF8.self), true) }
        }
    }
}
