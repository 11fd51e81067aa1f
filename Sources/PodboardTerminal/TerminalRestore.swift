#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CNcurses

/// Puts the terminal back into its normal (cooked, echoing, main-screen) state however the process ends:
/// at exit, on the signals that end it, and on crashes.
///
/// ncurses restores the terminal by itself only on SIGINT and SIGTERM, and only when their disposition was the
/// default; a hangup, a Swift trap (SIGILL/SIGTRAP) or a crash would leave the shell in raw mode. So handlers are
/// installed for all of them. Each calls `endwin()` only if `!isendwin()` (a second `endwin` would send the
/// exit-alternate-screen sequence again), puts back the handler that was there before (the default action, or the
/// Swift runtime's crash reporter for QUIT, ABRT, SEGV, BUS, ILL, FPE and TRAP), and raises the signal again so
/// the process ends as it would have, the crash reporter's backtrace now readable on the restored screen.
///
/// One exception: a signal sent by another process (`kill -QUIT`, `kill -SEGV`) gets the default action, not the
/// crash reporter: the reporter returns after printing (it expects a faulting instruction to fault again), and
/// the program would go on running on a terminal it no longer controls.
enum TerminalRestore {
    /// The signals that end the process and after which the terminal must be restored.
    static let signals: [Int32] = [SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGABRT, SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGTRAP]

    /// Ends curses mode if it is on. Safe to call any number of times, and from a signal handler or `atexit`.
    static func endCursesIfNeeded() {
        podboardEndCursesIfNeeded()
    }

    /// Installs the signal handlers (once; later calls do nothing) and the `atexit` hook (once per process).
    /// Must run before `newterm`, so ncurses sees SIGINT and SIGTERM already handled and does not install its
    /// own handlers, which would exit with status 1 instead of dying of the signal.
    static func install() {
        if !atExitRegistered {
            atExitRegistered = true
            atexit { podboardEndCursesIfNeeded() }
        }
        guard !handlersInstalled else { return }
        handlersInstalled = true
        // A parent may have started podboard with these signals blocked; then they would never arrive.
        var unblock = sigset_t()
        sigemptyset(&unblock)
        for signal in [SIGINT, SIGTERM, SIGHUP, SIGQUIT] { sigaddset(&unblock, signal) }
        sigprocmask(SIG_UNBLOCK, &unblock, nil)
        let table = previousActions  // makes sure the storage exists before any handler can run
        for signal in signals {
            var current = sigaction()
            guard sigaction(signal, nil, &current) == 0 else { continue }
            // A signal the user chose to ignore (nohup, a background job) stays ignored.
            if handlerAddress(current) == ignoreAddress { continue }
            table[Int(signal)] = current
            var action = sigaction()
            sigemptyset(&action.sa_mask)
            // SA_ONSTACK: runs even after a stack overflow when an alternate stack exists (the Swift runtime's).
            action.sa_flags = Int32(SA_ONSTACK | SA_SIGINFO)
            setHandler(&action, podboardRestoreTerminalAndReraise)
            if sigaction(signal, &action, nil) == 0 { installedMask |= 1 << UInt64(signal) }
        }
    }

    /// Puts back the handlers that were there before `install` (used when opening the terminal fails).
    static func uninstall() {
        guard handlersInstalled else { return }
        let table = previousActions
        for signal in signals where installedMask & (1 << UInt64(signal)) != 0 {
            var previous = table[Int(signal)]
            sigaction(signal, &previous, nil)
        }
        installedMask = 0
        handlersInstalled = false
    }

    private static func handlerAddress(_ action: sigaction) -> Int {
        #if canImport(Glibc)
        return unsafeBitCast(action.__sigaction_handler, to: Int.self)
        #else
        return unsafeBitCast(action.__sigaction_u, to: Int.self)
        #endif
    }

    private static var ignoreAddress: Int { unsafeBitCast(SIG_IGN, to: Int.self) }

    private static func setHandler(_ action: inout sigaction, _ handler: @escaping SignalHandler) {
        #if canImport(Glibc)
        action.__sigaction_handler.sa_sigaction = handler
        #else
        action.__sigaction_u.__sa_sigaction = handler
        #endif
    }
}

// The state the signal handler reads. Globals, because a C signal handler cannot capture anything; they are
// written only while installing (before any handler can run), and the storage is never freed.
nonisolated(unsafe) private var atExitRegistered = false
nonisolated(unsafe) private var handlersInstalled = false
nonisolated(unsafe) private var installedMask: UInt64 = 0
/// The action each signal had before `install`, indexed by signal number.
nonisolated(unsafe) private let previousActions: UnsafeMutablePointer<sigaction> = {
    let table = UnsafeMutablePointer<sigaction>.allocate(capacity: 65)
    table.initialize(repeating: sigaction(), count: 65)
    return table
}()

/// Leaves curses mode unless it is already left (or was never entered: `isendwin` is false then, and `endwin`
/// with no screen does nothing).
private func podboardEndCursesIfNeeded() {
    if !isendwin() { endwin() }
}

typealias SignalHandler = @convention(c) (Int32, UnsafeMutablePointer<siginfo_t>?, UnsafeMutableRawPointer?) -> Void

/// The handler for every signal in `TerminalRestore.signals`.
private func podboardRestoreTerminalAndReraise(_ number: Int32, _ info: UnsafeMutablePointer<siginfo_t>?, _ context: UnsafeMutableRawPointer?) {
    podboardEndCursesIfNeeded()
    if number > 0, number < 64, installedMask & (1 << UInt64(number)) != 0, !podboardSentByAnotherProcess(info) {
        var previous = previousActions[Int(number)]
        sigaction(number, &previous, nil)
    } else {
        signal(number, SIG_DFL)
    }
    // The signal is blocked while this handler runs: it is delivered, to the previous handler or the default
    // action, as soon as this returns, in the context where it first arrived (so a crash report shows the
    // faulting code).
    raise(number)
}

/// True for a signal that `kill` or `sigqueue` sent from another process (not a fault, not `raise`/`abort`).
private func podboardSentByAnotherProcess(_ info: UnsafeMutablePointer<siginfo_t>?) -> Bool {
    guard let info else { return false }
    #if canImport(Glibc)
    let code = info.pointee.si_code, pid = info.pointee._sifields._kill.si_pid
    #else
    let code = info.pointee.si_code, pid = info.pointee.si_pid
    #endif
    return (code == SI_USER || code == SI_QUEUE) && pid != getpid()
}
