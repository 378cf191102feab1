import NIOPosix

/// Runs database and bcrypt work on a pool of threads of its own, never on
/// an event loop: an event loop that waits on SQLite stalls every connection
/// on it. The pool is larger than NIO's default (one thread a core), since
/// its threads mostly wait on the database, and a tick holds one for seconds.
func blocking<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await BlockingPool.shared.runIfActive(body)
}

enum BlockingPool {
    static let shared: NIOThreadPool = {
        let pool = NIOThreadPool(numberOfThreads: 16)
        pool.start()
        return pool
    }()
}
