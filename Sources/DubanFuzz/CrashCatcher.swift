import Foundation

/// Keeps the input under test where a signal handler can reach it, so that
/// an input that crashes the process (a trap, a stack overflow) is written
/// out before it dies, and can become a regression fixture.
enum CrashCatcher {
    nonisolated(unsafe) private static var bytes: UnsafeMutablePointer<UInt8>?
    nonisolated(unsafe) private static var count = 0
    nonisolated(unsafe) private static var path: UnsafeMutablePointer<CChar>?

    /// Installs the handlers; a crashing input is written to `file`.
    static func install(writingTo file: String) {
        path = strdup(file)
        // The handler runs on a stack of its own: a stack overflow has none left.
        let size = 1 << 16
        var stack = stack_t(ss_sp: malloc(size), ss_flags: 0, ss_size: size)
        sigaltstack(&stack, nil)
        var action = sigaction()
        action.__sigaction_handler.sa_handler = { signal in
            if let path = CrashCatcher.path, let bytes = CrashCatcher.bytes {
                let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
                if fd >= 0 {
                    _ = write(fd, bytes, CrashCatcher.count)
                    close(fd)
                }
            }
            _exit(128 + signal)
        }
        action.sa_flags = Int32(SA_ONSTACK)
        for signal in [SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGABRT, SIGFPE] { sigaction(signal, &action, nil) }
    }

    /// Makes `input` the one written should the process die.
    static func hold(_ input: [UInt8]) {
        bytes?.deallocate()
        let copy = UnsafeMutablePointer<UInt8>.allocate(capacity: max(1, input.count))
        copy.initialize(from: input, count: input.count)
        count = input.count
        bytes = copy
    }
}
