import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs a program to its end with `posix_spawn`, standard input from /dev/null, and returns its status and output.
///
/// Not `Foundation.Process`, for two reasons found the hard way on Linux: a child started from a test's thread
/// inherits that thread's signal mask, and libdispatch's worker threads block nearly every signal, so tmux (and the
/// podboard it starts) would run with SIGTERM, SIGHUP, SIGINT and SIGCHLD blocked; and `waitUntilExit` could hang
/// forever on the tmux client, left a zombie. Here the child gets an empty signal mask and default signal
/// actions, as it would from a shell, and is reaped with `waitpid`.
enum Spawn {
    struct Result {
        /// The exit status, or 128 + the signal number when a signal ended it (as a shell reports it).
        var status: Int32
        var stdout: Data
        var stderr: Data
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    static func run(_ path: String, _ args: [String], environment: [String: String]) throws -> Result {
        var outPipe: [Int32] = [-1, -1], errPipe: [Int32] = [-1, -1]
        // Close-on-exec, so that no other child (nor the tmux server) keeps a write end and delays the end of file.
        guard pipe(&outPipe) == 0, pipe(&errPipe) == 0 else {
            throw Failure(description: "pipe: \(String(cString: strerror(errno)))")
        }
        for fd in outPipe + errPipe { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        #if canImport(Darwin)
        var actions: posix_spawn_file_actions_t? = nil
        var attr: posix_spawnattr_t? = nil
        #else
        var actions = posix_spawn_file_actions_t()
        var attr = posix_spawnattr_t()
        #endif
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, outPipe[1], 1)
        posix_spawn_file_actions_adddup2(&actions, errPipe[1], 2)

        posix_spawnattr_init(&attr)
        defer { posix_spawnattr_destroy(&attr) }
        var empty = sigset_t()
        sigemptyset(&empty)
        posix_spawnattr_setsigmask(&attr, &empty)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for sig: Int32 in 1..<32 where sig != SIGKILL && sig != SIGSTOP { sigaddset(&defaults, sig) }
        posix_spawnattr_setsigdefault(&attr, &defaults)
        posix_spawnattr_setflags(&attr, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        let argv: [UnsafeMutablePointer<CChar>?] = ([path] + args).map { strdup($0) } + [nil]
        let envp: [UnsafeMutablePointer<CChar>?] = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            for p in argv { free(p) }
            for p in envp { free(p) }
        }
        var pid: pid_t = 0
        let rc = posix_spawn(&pid, path, &actions, &attr, argv, envp)
        close(outPipe[1])
        close(errPipe[1])
        guard rc == 0 else {
            close(outPipe[0])
            close(errPipe[0])
            throw Failure(description: "posix_spawn \(path): \(String(cString: strerror(rc)))")
        }

        // Read both pipes to their ends (poll, so neither can fill up and block the child).
        var out = Data(), err = Data()
        var fds = [pollfd(fd: outPipe[0], events: Int16(POLLIN), revents: 0),
                   pollfd(fd: errPipe[0], events: Int16(POLLIN), revents: 0)]
        var buffer = [UInt8](repeating: 0, count: 65536)
        while fds.contains(where: { $0.fd >= 0 }) {
            let n = poll(&fds, nfds_t(fds.count), -1)
            if n < 0 { if errno == EINTR { continue }; break }
            for i in fds.indices where fds[i].fd >= 0 && fds[i].revents != 0 {
                let got = read(fds[i].fd, &buffer, buffer.count)
                if got > 0 {
                    if i == 0 { out.append(contentsOf: buffer[0..<got]) } else { err.append(contentsOf: buffer[0..<got]) }
                } else if got == 0 || errno != EINTR {
                    close(fds[i].fd)
                    fds[i].fd = -1
                }
            }
        }

        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 {
            if errno != EINTR { throw Failure(description: "waitpid \(pid): \(String(cString: strerror(errno)))") }
        }
        let signal = status & 0x7F
        let code = signal == 0 ? (status >> 8) & 0xFF : 128 + signal
        return Result(status: code, stdout: out, stderr: err)
    }
}
