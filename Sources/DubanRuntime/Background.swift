import Foundation

/// A value computed on a thread of its own while the caller gets on with
/// other work; `get()` waits for it and rethrows what it threw.
final class Background<T: Sendable>: @unchecked Sendable {
    /// Guards `result`.
    private let condition = NSCondition()
    private var result: Result<T, any Error>?

    init(_ body: @escaping @Sendable () throws -> T) {
        let thread = Thread { [self] in
            let value = Result { try body() }
            condition.lock()
            result = value
            condition.broadcast()
            condition.unlock()
        }
        // Parsing recurses with a document's depth: a main-thread-sized stack.
        thread.stackSize = 8 << 20
        thread.start()
    }

    /// One already at hand: no thread.
    init(value: T) { result = .success(value) }

    func get() throws -> T {
        condition.lock()
        defer { condition.unlock() }
        while result == nil { condition.wait() }
        return try result!.get()
    }
}
